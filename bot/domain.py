"""Domain types that cross module borders: Post in, Claim/Source stored, Match and Report out.

Every stage of the pipeline (intake -> fetch -> parse -> store -> match -> stance -> report ->
render) speaks in these plain dataclasses, never in loose dicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Relation = Literal["corroborates", "contradicts", "related"]
RELATIONS: tuple[Relation, ...] = ("corroborates", "contradicts", "related")

Platform = Literal["text", "telegram", "x", "article", "feed", "other"]


@dataclass(slots=True)
class Source:
    """Somewhere claims come from: a feed, a Telegram channel, a site, a fact-checker."""

    kind: str  # "feed" | "telegram" | "site" | "factcheck" | "x" | "import"
    name: str
    url: str | None = None
    handle: str | None = None
    language: str | None = None
    labels: list[str] = field(default_factory=list)
    every_minutes: int = 30
    id: int | None = None


@dataclass(slots=True)
class Post:
    """Something a user asked about: a forwarded message, a fetched link, or pasted text."""

    text: str
    platform: Platform = "text"
    url: str | None = None
    canonical_url: str | None = None
    author_name: str | None = None
    author_handle: str | None = None
    published_at: datetime | None = None
    title: str | None = None
    language: str | None = None
    links: list[str] = field(default_factory=list)
    forwarded_from: str | None = None  # name or URL of the original author/channel
    forwarded_from_url: str | None = None  # e.g. https://t.me/<channel>/<id>
    quoted: Post | None = None
    media: list[str] = field(default_factory=list)  # "photo", "video", "poll", ...
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        if self.quoted is not None:
            data["quoted"] = self.quoted.to_dict()
        return data


@dataclass(slots=True)
class Claim:
    """One stored statement: who said what, where and when."""

    text: str
    claim_id: str | None = None  # the imported `id`, or a generated one
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = None  # outlet or channel name
    source_id: int | None = None
    claimant: str | None = None
    published_at: str | None = None  # ISO 8601 date or datetime, as given
    fetched_at: str | None = None
    language: str | None = None
    content_hash: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)  # the source's labels, when known
    rowid: int | None = None

    @property
    def passage(self) -> str:
        """The text models read for this claim: "title. text" (what the store embeds)."""
        return f"{self.title}. {self.text}" if self.title else self.text


@dataclass(slots=True)
class Match:
    """A stored claim found for a post, with how well it matches and how it relates."""

    claim: Claim
    score: float
    relation: Relation = "related"
    confidence: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


def in_time_order(matches: list[Match]) -> list[Match]:
    """Matches oldest first, undated last (a section's order in every rendering)."""
    return sorted(matches, key=lambda m: (m.claim.published_at is None, m.claim.published_at or ""))


def latest_in(matches: list[Match]) -> list[Match]:
    """The newest dated match(es) of a section, to be marked "latest"; none when the section has
    fewer than two dated matches (one item needs no marker)."""
    dated = [m for m in matches if m.claim.published_at]
    if len(dated) < 2:
        return []
    newest = max(m.claim.published_at or "" for m in dated)
    if all(m.claim.published_at == newest for m in dated):
        return []  # all on one date: none is later than the others
    return [m for m in dated if m.claim.published_at == newest]


def _by_relation(matches: list[Match], relation: Relation) -> list[Match]:
    return in_time_order([m for m in matches if m.relation == relation])


@dataclass(slots=True)
class ClaimPart:
    """One claimant's claim in a post that reports several sides ("X claims ..., Y denies ..."),
    matched and judged on its own (bot.claim_split)."""

    text: str  # the part of the post that says it
    claimant: str | None = None  # who says it, as the post names them; None: the post itself
    side: str | None = None  # "RU" | "UA" | "independent" | None
    matches: list[Match] = field(default_factory=list)
    # What the matcher and the stance model are given: the claim without its attribution (plus
    # the post's place where the claim names none), and the claim as worded, with that place.
    query: str = ""
    stance_text: str = ""

    def by_relation(self, relation: Relation) -> list[Match]:
        """Matches with one relation, oldest first (undated last)."""
        return _by_relation(self.matches, relation)


@dataclass(slots=True)
class Report:
    """The answer to one check: what matched, who said it first, who agrees and who does not."""

    post: Post
    matches: list[Match] = field(default_factory=list)
    first_seen: Match | None = None
    notes: list[str] = field(default_factory=list)
    # Later copies of the first-seen text (other channels and outlets), earliest first.
    copies: list[Claim] = field(default_factory=list)
    # A post that reports several sides, split per claimant (each judged on its own); empty for
    # a single-claim post.
    parts: list[ClaimPart] = field(default_factory=list)

    @property
    def enough_evidence(self) -> bool:
        return bool(self.matches) or any(part.matches for part in self.parts)

    def by_relation(self, relation: Relation) -> list[Match]:
        """Matches with one relation, oldest first (undated last)."""
        return _by_relation(self.matches, relation)

    @property
    def corroborating(self) -> list[Match]:
        return self.by_relation("corroborates")

    @property
    def contradicting(self) -> list[Match]:
        return self.by_relation("contradicts")

    @property
    def related(self) -> list[Match]:
        return self.by_relation("related")
