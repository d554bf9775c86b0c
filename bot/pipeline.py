"""The check pipeline: Post in, Report out. The CLI, the bot and the benchmarks all call this.

intake -> (fetch -> parse happen before, in bot.parsers) -> match -> stance -> report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain import Match, Post, Report
from bot.matching import LexicalMatcher, Matcher
from bot.stance import NeutralStance, StanceModel
from bot.textnorm import detect_language
from storage import Store

def post_query_text(post: Post) -> str:
    """The text that is matched: title and body, plus a quoted post's text."""
    parts = [post.title or "", post.text or ""]
    if post.quoted is not None:
        parts.append(post.quoted.text)
    return "\n".join(p for p in parts if p).strip()


@dataclass(slots=True)
class Pipeline:
    """Match and stance for one store; cheap to build, safe to share across requests."""

    store: Store
    matcher: Matcher | None = None
    stance: StanceModel = field(default_factory=NeutralStance)

    def __post_init__(self) -> None:
        if self.matcher is None:
            self.matcher = LexicalMatcher(self.store)

    def check(self, post: Post, limit: int = 10) -> Report:
        text = post_query_text(post)
        report = Report(post=post)
        if not text:
            report.notes.append("The message has no text to check.")
            return report
        if not post.language:
            post.language = detect_language(text)
        assert self.matcher is not None
        matches = self.matcher.rank(text, post.language, limit)
        for match in matches:
            match.relation, match.confidence = self.stance.classify(text, match.claim)
        report.matches = matches
        report.first_seen = earliest(matches)
        return report


def earliest(matches: list[Match]) -> Match | None:
    """The earliest dated match that does not contradict the post: where it was first seen."""
    dated = [m for m in matches if m.claim.published_at and m.relation != "contradicts"]
    if not dated:
        return None
    return min(dated, key=lambda m: (m.claim.published_at or "", -m.score))


def check_post(post: Post, store: Store, *, matcher: Matcher | None = None,
               stance: StanceModel | None = None, limit: int = 10) -> Report:
    """Check one post against the store and return the report."""
    pipeline = Pipeline(store=store, matcher=matcher, stance=stance or NeutralStance())
    return pipeline.check(post, limit)
