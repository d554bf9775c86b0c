"""The check pipeline: Post in, Report out. The CLI, the bot and the benchmarks all call this.

intake -> (fetch -> parse happen before, in bot.parsers) -> match -> stance -> report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain import Claim, ClaimPart, Match, Post, Report
from bot.matching import LexicalMatcher, Matcher
from bot.stance import StanceModel, default_stance
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
    stance: StanceModel = field(default_factory=default_stance)

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
        prepare_stance(self.stance, text, matches, self.store)
        for match in matches:
            match.relation, match.confidence = self.stance.classify(text, match.claim)
        report.matches = matches
        report.first_seen, report.copies = first_seen_with_copies(self.store, matches)
        report.parts = self.check_parts(text, post.language, limit)
        return report

    def check_parts(self, text: str, language: str | None, limit: int) -> list[ClaimPart]:
        """A post that reports several sides about one place ("X claims ..., Y denies ..."),
        split per claimant (bot.claim_split); each part matched and judged on its own. Empty
        for a single-claim post."""
        from bot.claim_split import split_claims

        assert self.matcher is not None
        parts = split_claims(text)
        for part in parts:
            part.matches = self.rank_part(part, language, limit)
            judge_part(self.stance, part, self.store)
        return parts

    def rank_part(self, part: ClaimPart, language: str | None, limit: int) -> list[Match]:
        """One claim's matches: for the claim as the post words it (with its claimant), and
        for what is claimed alone; the better score of a claim found by both, best first."""
        assert self.matcher is not None
        best: dict[object, Match] = {}
        for query in dict.fromkeys(q for q in (part.stance_text or part.text, part.query) if q):
            for match in self.matcher.rank(query, language, limit):
                key = match.claim.rowid or match.claim.claim_id or id(match)
                if key not in best or match.score > best[key].score:
                    best[key] = match
        return sorted(best.values(), key=lambda m: -m.score)[:limit]


def prepare_stance(stance: StanceModel, text: str, matches: list[Match],
                   store: Store | None = None) -> None:
    """Let a stance model that reads texts in batches read the post and its matches at once
    (claims it read in the background are taken from the store)."""
    prepare = getattr(stance, "prepare", None)
    if prepare is not None and matches:
        prepare([text, *(m.claim.passage for m in matches)], store=store)


def judge_part(stance: StanceModel, part: ClaimPart, store: Store | None = None) -> None:
    """The stance of every match of one part, judged against that part's claim only."""
    prepare_stance(stance, part.stance_text or part.text, part.matches, store)
    for match in part.matches:
        match.relation, match.confidence = stance.classify(part.stance_text or part.text,
                                                           match.claim)


def earliest(matches: list[Match]) -> Match | None:
    """The earliest dated match that does not contradict the post: where it was first seen."""
    dated = [m for m in matches if m.claim.published_at and m.relation != "contradicts"]
    if not dated:
        return None
    return min(dated, key=lambda m: (m.claim.published_at or "", -m.score))


def first_seen_with_copies(store: Store,
                           matches: list[Match]) -> tuple[Match | None, list[Claim]]:
    """The earliest copy of what matched (ingested copies included) and who copied it later.

    Every match that does not contradict the post brings its copy group (storage.ingest); the
    earliest dated claim of all is first seen, and the rest of its group are its copies.
    """
    from storage.ingest import copies_of

    pool = list(matches)
    seen = {m.claim.rowid for m in matches}
    groups: dict[int, list[Claim]] = {}
    for match in matches:
        rowid = match.claim.rowid
        if match.relation == "contradicts" or rowid is None or rowid in groups:
            continue
        members = copies_of(store, rowid)
        for member in members:
            groups[member.rowid or 0] = members
            if member.rowid not in seen:
                seen.add(member.rowid)
                pool.append(Match(claim=member, score=match.score, relation=match.relation,
                                  confidence=match.confidence))
    first = earliest(pool)
    if first is None:
        return None, []
    known = groups.get(first.claim.rowid or 0, [])
    return first, [c for c in known if c.rowid != first.claim.rowid]


def check_post(post: Post, store: Store, *, matcher: Matcher | None = None,
               stance: StanceModel | None = None, limit: int = 10) -> Report:
    """Check one post against the store and return the report."""
    pipeline = Pipeline(store=store, matcher=matcher, stance=stance or default_stance())
    return pipeline.check(post, limit)
