"""Topic timelines for /status: which stored claims are about a topic, who claims what, latest first.

A topic ("Lysychansk", "Лисичанськ", "Lisichansk") is found through cross-script name keys
(bot.textnorm.name_key) in the search index, plus the semantic matcher for topics without a
proper name; each claim gets a side (claim `side`, source labels, or the claimant's frames), a
kind of claimant (state media, party, fact-checker, independent) and a stance on the topic
(claim `stance_on_control`, else its frames). Pure functions over Claims, except `find_topic`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.domain import Claim
from bot.matching import Matcher
from bot.stance.frames import parse_frames, side_of, usable
from bot.textnorm import name_key, tokens
from storage import Store

SIDES: tuple[str, ...] = ("RU", "UA", "independent")
SIDE_NAMES = {"RU": "Russia and its proxies", "UA": "Ukraine", "independent": "Independent"}
# Stances on who controls a place, as the seeds' `stance_on_control` spells them.
CAPTURED, WITHDRAWAL, HELD, CONTESTED, ENCIRCLED, NOT_ENCIRCLED, OTHER = (
    "captured", "withdrawal", "held", "contested", "encircled", "not_encircled", "other")
STANCE_ALIASES = {"ukrainian_control": HELD, "ua_holds": HELD, "ru_holds": CAPTURED}
STANCE_PHRASES = {
    CAPTURED: "says captured", WITHDRAWAL: "confirms withdrawal", HELD: "says still held",
    CONTESTED: "says still contested", ENCIRCLED: "says encircled",
    NOT_ENCIRCLED: "says not encircled", OTHER: "reports",
}
# Stances that say the attacker took the place, and those that say it did not (yet).
TAKEN = frozenset({CAPTURED, WITHDRAWAL})
NOT_TAKEN = frozenset({HELD, CONTESTED, NOT_ENCIRCLED})
MAX_TOPIC_CLAIMS = 500


@dataclass(slots=True)
class TopicClaim:
    """One claim on a topic with who made it and what it says."""

    claim: Claim
    side: str | None  # RU | UA | independent | None
    kind: str  # state-media | party | fact-checker | independent | unknown
    stance: str  # one of the stance constants
    claimant: str

    @property
    def day(self) -> str:
        return (self.claim.published_at or "")[:10]


@dataclass(slots=True)
class Position:
    """The latest stance of one claimant (on one side) on the topic."""

    side: str | None
    claimant: str
    stance: str
    day: str
    item: TopicClaim


@dataclass(slots=True)
class TopicStatus:
    """Everything /status shows: the state of play, positions per side, the timeline."""

    topic: str
    items: list[TopicClaim] = field(default_factory=list)  # newest first
    positions: list[Position] = field(default_factory=list)  # newest first
    state: str = "unknown"  # contested | settled | one-sided | unknown
    summary: str = ""

    @property
    def found(self) -> bool:
        return bool(self.items)


# -- finding the claims --------------------------------------------------------------------


def topic_keys(topic: str) -> list[str]:
    """Cross-script name keys of the topic's words (any case, any spelling)."""
    keys: list[str] = []
    for word in tokens(topic):
        key = name_key(word[:1].upper() + word[1:])
        if key and key not in keys:
            keys.append(key)
    return keys


def _mentions(claim: Claim, keys: list[str]) -> bool:
    words = tokens(f"{claim.title or ''} {claim.text} {claim.extra.get('topic') or ''}")
    found = {name_key(w[:1].upper() + w[1:]) for w in words}
    return all(k in found for k in keys)


def find_topic(store: Store, topic: str, matcher: Matcher | None = None,
               limit: int = MAX_TOPIC_CLAIMS) -> list[Claim]:
    """Stored claims about `topic`: every claim naming it (any script), plus semantic matches
    that name it too; for a topic without a name key, the matcher's matches alone."""
    keys = topic_keys(topic)
    rowids: list[int] = []
    if keys:
        expr = " AND ".join(f'keys:"{k}"' for k in keys)
        rowids = [hit.rowid for hit in store.search_lexical(expr, limit)]
    claims = store.get_claims(rowids)
    found = {rowid: claims[rowid] for rowid in rowids if rowid in claims}
    if matcher is not None:
        for match in matcher.rank(topic, None, 50):
            rowid = match.claim.rowid
            if rowid is None or rowid in found:
                continue
            if not keys or _mentions(match.claim, keys):
                found[rowid] = match.claim
    return list(found.values())


# -- describing each claim -----------------------------------------------------------------


def source_kind(claim: Claim, labels: list[str]) -> str:
    """state-media | party | fact-checker | independent | unknown, from labels and the claim."""
    claimant = (claim.claimant or "").lower()
    if ("fact-checker" in labels or claim.extra.get("claim_type") == "fact-check"
            or "fact-check" in claimant):
        return "fact-checker"
    if "state-media" in labels:
        return "state-media"
    if any(label.startswith("party:") or label in ("official", "military") for label in labels):
        return "party"
    if "independent" in labels:
        return "independent"
    return "unknown"


def labels_for(claim: Claim, source_labels: dict[str, list[str]]) -> list[str]:
    """The claim's source labels: its own, else the source of that name ("TASS" matches
    "TASS (English)")."""
    if claim.labels:
        return list(claim.labels)
    name = (claim.source or "").strip().lower()
    if not name:
        return []
    for source, labels in source_labels.items():
        base = source.split(" (", 1)[0].strip().lower()
        if name in (source.lower(), base):
            return list(labels)
    return []


def claim_side(claim: Claim, labels: list[str]) -> str | None:
    """RU / UA / independent: the claim's `side`, else its source's party label, else the
    side of its claimant as the frames read it."""
    given = str(claim.extra.get("side") or "").strip()
    for side in SIDES:
        if given.lower() == side.lower():
            return side
    for label in labels:
        if label.startswith("party:"):
            return label.split(":", 1)[1].upper()
    if claim.claimant:
        side = side_of(claim.claimant)
        if side:
            return side
    if "independent" in labels or "fact-checker" in labels:
        return "independent"
    return None


def claim_stance(claim: Claim) -> str:
    """What the claim says about control of the place: the seeds' `stance_on_control`, else
    the first asserted outcome of its frames."""
    given = str(claim.extra.get("stance_on_control") or "").strip().lower()
    if given:
        given = STANCE_ALIASES.get(given, given)
        return given if given in STANCE_PHRASES else OTHER
    for frame in usable(parse_frames(claim.title or claim.text) + parse_frames(claim.text)):
        if frame.outcome == "ru_holds":
            return WITHDRAWAL if frame.event == "withdrew" and frame.agent == "UA" else CAPTURED
        if frame.outcome in ("ua_holds", "contested", "encircled", "not_encircled"):
            return STANCE_ALIASES.get(frame.outcome, frame.outcome)
    return OTHER


def describe(claims: Iterable[Claim], source_labels: dict[str, list[str]]) -> list[TopicClaim]:
    """Each claim with side, kind and stance, newest first (undated last)."""
    items = []
    for claim in claims:
        labels = labels_for(claim, source_labels)
        side = claim_side(claim, labels)
        kind = source_kind(claim, labels)
        if kind == "unknown" and side:  # a side's official, or an independent analyst
            kind = "party" if side in ("RU", "UA") else "independent"
        items.append(TopicClaim(claim=claim, side=side, kind=kind, stance=claim_stance(claim),
                                claimant=(claim.claimant or claim.source or "unknown").strip()))
    dated = sorted((i for i in items if i.day), key=lambda i: (i.day, i.claim.rowid or 0),
                   reverse=True)
    return dated + [i for i in items if not i.day]


# -- state of play -------------------------------------------------------------------------


def positions(items: list[TopicClaim]) -> list[Position]:
    """The latest stance of each claimant, newest first (items must be newest first)."""
    seen: set[tuple[str | None, str]] = set()
    out: list[Position] = []
    for item in items:
        if item.stance == OTHER:
            continue
        key = (item.side, item.claimant.split(" (", 1)[0].lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(Position(item.side, item.claimant, item.stance, item.day, item))
    return out


def short_day(day: str) -> str:
    """"2022-07-02" -> "2 Jul"; as given when it is not a date."""
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return day or "undated"
    return f"{when.day} {when.strftime('%b')}"


def position_phrase(position: Position) -> str:
    """"Ramzan Kadyrov says captured (2 Jul)"."""
    name = position.claimant.split(" (", 1)[0]
    return f"{name} {STANCE_PHRASES.get(position.stance, 'reports')} ({short_day(position.day)})"


def side_stance(items: list[TopicClaim], side: str) -> str | None:
    """The latest control stance of one side's claims."""
    for item in items:
        if item.side == side and item.stance != OTHER:
            return item.stance
    return None


def state_of_play(topic: str, items: list[TopicClaim]) -> tuple[str, str]:
    """(state, one line): contested while the sides' latest claims disagree; settled when both
    say the same; one-sided when only one side speaks."""
    ru, ua = side_stance(items, "RU"), side_stance(items, "UA")
    latest = positions(items)[:3]
    detail = "; ".join(position_phrase(p) for p in reversed(latest))
    if ru is None and ua is None:
        if not latest:
            return "unknown", f"No claims about who controls {topic} are stored."
        return "one-sided", f"Only independent sources: {detail}"
    if ru is None or ua is None:
        return "one-sided", f"Only one side has spoken: {detail}"
    if ru in TAKEN and ua in TAKEN:
        since = min((i.day for i in items if i.side == "UA" and i.stance in TAKEN and i.day),
                    default="")
        when = f" on {short_day(since)}" if since else ""
        return "settled", (f"Settled: both sides now say Russian forces control {topic}"
                           f" (Ukraine confirmed the withdrawal{when}). Latest: {detail}")
    return "contested", f"Contested: {detail}"


def topic_status(store: Store, topic: str, matcher: Matcher | None = None) -> TopicStatus:
    """The status of a topic from the stored claims."""
    claims = find_topic(store, topic, matcher)
    items = describe(claims, store.source_labels())
    state, summary = state_of_play(topic, items)
    return TopicStatus(topic=topic, items=items, positions=positions(items), state=state,
                       summary=summary)


def status_to_dict(status: TopicStatus) -> dict[str, object]:
    """The JSON shape of `crosscheck status --json`."""
    return {
        "topic": status.topic, "state": status.state, "summary": status.summary,
        "positions": [{"side": p.side, "claimant": p.claimant, "stance": p.stance,
                       "date": p.day} for p in status.positions],
        "claims": [{"id": i.claim.claim_id, "date": i.day or None, "side": i.side,
                    "kind": i.kind, "stance": i.stance, "claimant": i.claimant,
                    "source": i.claim.source, "url": i.claim.url,
                    "text": i.claim.title or i.claim.text} for i in status.items],
    }


def render_status_text(status: TopicStatus) -> str:
    """Plain-text status for the terminal."""
    if not status.found:
        return f"Status: {status.topic}\nNo stored claims about this topic."
    lines = [f"Status: {status.topic}", status.summary, ""]
    for side in (*SIDES, None):
        chosen = [p for p in status.positions if p.side == side]
        if not chosen:
            continue
        lines.append(SIDE_NAMES.get(side or "", "Unattributed") + ":")
        lines.extend(f"  {p.day or 'undated'}  {position_phrase(p)}  [{p.item.kind}] "
                     f"{p.item.claim.source or ''}" for p in chosen)
    lines += ["", "Timeline (latest first):"]
    lines.extend(f"  {i.day or 'undated'}  {i.side or '?':<11} {i.stance:<13} "
                 f"{i.claim.source or ''}: {(i.claim.title or i.claim.text)[:90]}"
                 for i in status.items)
    return "\n".join(lines)
