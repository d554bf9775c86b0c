"""The group-chat moderation helper's decision: step in on a forwarded post or a shared link
that matches a contested or debunked claim with high confidence, and stay silent otherwise.

Pure functions: the handler (handlers/group.py) gathers the report, the chat's settings, the
message's facts and the chat's recent interventions, and asks `decide`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from bot.domain import Match, Report

LANGUAGES = ("en", "uk", "ru")
MODES = ("reply", "react")
HOUR = 3600.0
# Sensitivity: the least stance confidence of a contradicting match, and the least match score.
SENSITIVITY: dict[str, tuple[float, float]] = {
    "low": (0.95, 0.7), "normal": (0.8, 0.5), "high": (0.6, 0.3),
}
FACT_CHECK_MARKERS = ("fact-check", "fact-checker")


@dataclass(slots=True)
class GroupSettings:
    """One chat's helper settings (stored as JSON in `chats.settings`)."""

    enabled: bool = False
    sensitivity: str = "normal"
    languages: list[str] = field(default_factory=lambda: list(LANGUAGES))
    quiet_start: int | None = None  # UTC hour, inclusive
    quiet_end: int | None = None  # UTC hour, exclusive
    mode: str = "reply"  # reply | react
    max_per_hour: int = 3

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupSettings:
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.sensitivity not in SENSITIVITY:
            settings.sensitivity = "normal"
        if settings.mode not in MODES:
            settings.mode = "reply"
        return settings

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        quiet = (f"{self.quiet_start:02d}-{self.quiet_end:02d} UTC"
                 if self.quiet_start is not None and self.quiet_end is not None else "off")
        return (f"{'on' if self.enabled else 'off'}, sensitivity {self.sensitivity}, "
                f"languages {','.join(self.languages)}, quiet hours {quiet}, mode {self.mode}, "
                f"at most {self.max_per_hour} per hour")


def apply_setting(settings: GroupSettings, args: list[str]) -> GroupSettings | None:
    """The settings after one `/settings NAME VALUE` (or `/settings on|off`); None when the
    arguments are not understood."""
    words = [a.strip().lower() for a in args if a.strip()]
    new = GroupSettings.from_dict(settings.to_dict())
    if words in (["on"], ["off"]):
        new.enabled = words[0] == "on"
        return new
    if len(words) != 2:
        return None
    name, value = words
    if name == "sensitivity" and value in SENSITIVITY:
        new.sensitivity = value
    elif name in ("languages", "language"):
        chosen = [v for v in value.replace(";", ",").split(",") if v]
        if not chosen or any(v not in LANGUAGES for v in chosen):
            return None
        new.languages = chosen
    elif name == "quiet":
        if value == "off":
            new.quiet_start = new.quiet_end = None
        else:
            try:
                start, end = (int(v) for v in value.split("-", 1))
            except ValueError:
                return None
            if not (0 <= start < 24 and 0 <= end < 24) or start == end:
                return None
            new.quiet_start, new.quiet_end = start, end
    elif name == "mode" and value in MODES:
        new.mode = value
    elif name == "limit" and value.isdigit() and 1 <= int(value) <= 20:
        new.max_per_hour = int(value)
    else:
        return None
    return new


@dataclass(slots=True)
class MessageFacts:
    """What the helper needs to know about a group message besides its text."""

    is_forward: bool = False
    has_link: bool = False
    is_automatic_forward: bool = False  # the linked channel's own post in its discussion group
    from_bot: bool = False
    is_command: bool = False


@dataclass(slots=True)
class Decision:
    """Step in or not, and why; `kind` is contested or debunked when stepping in."""

    intervene: bool
    reason: str
    kind: str | None = None
    evidence: list[Match] = field(default_factory=list)


def in_quiet_hours(settings: GroupSettings, now: float) -> bool:
    if settings.quiet_start is None or settings.quiet_end is None:
        return False
    hour = datetime.fromtimestamp(now, UTC).hour
    start, end = settings.quiet_start, settings.quiet_end
    return start <= hour < end if start < end else (hour >= start or hour < end)


def is_fact_check(match: Match) -> bool:
    claim = match.claim
    extra = claim.extra or {}
    return (extra.get("claim_type") == "fact-check" or "fact-checker" in claim.labels
            or "fact-check" in (claim.claimant or "").lower())


def disputing_matches(report: Report, sensitivity: str = "normal") -> list[Match]:
    """Matches that dispute the post with high confidence, strongest first."""
    min_confidence, min_score = SENSITIVITY.get(sensitivity, SENSITIVITY["normal"])
    if not report.matches or max(m.score for m in report.matches) < min_score:
        return []
    found = [m for m in report.matches
             if m.relation == "contradicts" and m.confidence >= min_confidence]
    return sorted(found, key=lambda m: (-m.confidence, -m.score))


def decide(report: Report | None, settings: GroupSettings, facts: MessageFacts,
           recent: list[float], now: float) -> Decision:
    """Whether to step in on one group message. `recent` holds the chat's intervention times
    (Unix seconds); `report` may be None when the message was not worth checking."""
    if not settings.enabled:
        return Decision(False, "helper off")
    if facts.is_automatic_forward:
        return Decision(False, "the linked channel's own post")
    if facts.from_bot or facts.is_command:
        return Decision(False, "a bot or a command")
    if not (facts.is_forward or facts.has_link):
        return Decision(False, "neither a forward nor a link")
    if in_quiet_hours(settings, now):
        return Decision(False, "quiet hours")
    if len([at for at in recent if now - at < HOUR]) >= settings.max_per_hour:
        return Decision(False, "hourly limit reached")
    if report is None or not report.matches:
        return Decision(False, "no match")
    language = report.post.language
    if language and language in LANGUAGES and language not in settings.languages:
        return Decision(False, "language not watched")
    disputing = disputing_matches(report, settings.sensitivity)
    if not disputing:
        return Decision(False, "not disputed with confidence")
    kind = "debunked" if any(is_fact_check(m) for m in disputing) else "contested"
    return Decision(True, f"{kind} claim", kind, disputing)


def worth_checking(facts: MessageFacts, settings: GroupSettings) -> bool:
    """Whether to run a check at all (saves work on small talk and ignored messages)."""
    return (settings.enabled and not facts.is_automatic_forward and not facts.from_bot
            and not facts.is_command and (facts.is_forward or facts.has_link))
