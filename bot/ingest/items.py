"""Items into claims: a fetched post (feed item, channel post, article) becomes stored claims.

Pure functions. Each item becomes one claim with a stable id (``<kind>:<canonical url>``, so a
re-run stores nothing twice), its source, url, title, text, claimant where known, published time
(UTC ISO 8601) and language. A long article also gives its claim-bearing sentences as child
claims (``extra["parent"]`` = the article's claim id; same url and title), so a short post can
match one sentence while the report still points at the article. Forwarded-from links, quoted
and reposted posts and replies become ``ProvenanceEdge`` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from bot.domain import Claim, Post, Source
from bot.textnorm import content_hash
from bot.urls import canonical_url

__all__ = [
    "IngestItem",
    "ProvenanceEdge",
    "claim_bearing_passages",
    "edges_for_post",
    "item_claim_id",
    "item_from_post",
    "iso_utc",
    "split_sentences",
]

EdgeKind = Literal["forwarded_from", "reposted", "quoted", "reply_to"]

LONG_ARTICLE_CHARS = 500  # texts at least this long (and of 3+ sentences) get passages
MIN_PASSAGE_CHARS = 30
MAX_PASSAGES = 40

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|claimed|claims|claim|reported|reports|"
    r"according to|announced|announces|confirmed|confirms|denied|denies|warned|warns|accused|"
    r"accuses|alleged|alleges|insisted|added|noted|wrote|"
    r"заяв\w*|сообщ\w*|по данным|по словам|утвержда\w*|подтверд\w*|опроверг\w*|переда[её]т|"
    r"отметил\w*|рассказал\w*|написал\w*|обвини\w*|"
    r"повідом\w*|за даними|за словами|стверджу\w*|підтверд\w*|спростув\w*|зазначи\w*|"
    r"наголоси\w*|розповів\w*|написав\w*|звинуват\w*|"
    r"sagte|sagt|erklärte|erklärt|laut|teilte)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
# A capitalised word that does not start the sentence: a name or a place, most of the time.
_PROPER_NOUN = re.compile(r"(?<=[\s(«\"“])[A-ZА-ЯЁІЇЄҐ][\w'’-]{2,}")
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][»\"”’)]))\s+(?=[«\"“(]?[A-ZА-ЯЁІЇЄҐ0-9])"
)
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ProvenanceEdge:
    """This item copies, reposts, quotes or answers the post at ``target_url``."""

    kind: EdgeKind
    target_url: str
    target_name: str | None = None


@dataclass(slots=True)
class IngestItem:
    """What one fetched item gives: its claim, the claim's passages, and its provenance edges."""

    claim: Claim
    passages: list[Claim] = field(default_factory=list)
    edges: list[ProvenanceEdge] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        return [self.claim, *self.passages]


def iso_utc(moment: datetime | date | str | None) -> str | None:
    """A time as UTC ISO 8601 (seconds), so stored times compare as strings; naive = UTC."""
    if moment is None:
        return None
    if isinstance(moment, str):
        return moment or None
    if not isinstance(moment, datetime):
        return moment.isoformat()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def item_claim_id(source: Source, post: Post) -> str:
    """A stable id for an item: the source kind and the item's canonical link (or guid)."""
    link = post.canonical_url or (post.url and _canonical(post.url))
    key = link or post.extra.get("guid")
    if key:
        return f"{source.kind}:{key}"
    return f"{source.kind}:{source.id or source.name}:{content_hash(post.text)[:24]}"


def _canonical(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph (a heuristic good enough for news prose)."""
    out: list[str] = []
    for paragraph in _PARAGRAPHS.split(text):
        paragraph = _SPACES.sub(" ", paragraph).strip()
        if paragraph:
            out.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return out


def _carries_claim(sentence: str) -> bool:
    return bool(_ATTRIBUTION.search(sentence) or _NUMBER.search(sentence)
                or _PROPER_NOUN.search(sentence))


def claim_bearing_passages(text: str) -> list[str]:
    """Sentences of a long text that carry a claim (attribution, numbers, names or places).

    Short texts give none: the item's own claim already is the passage. Very short sentences are
    joined to the next one, so every passage can stand alone in a report.
    """
    if len(text) < LONG_ARTICLE_CHARS:
        return []
    sentences = split_sentences(text)
    if len(sentences) < 3:
        return []
    merged: list[str] = []
    pending = ""
    for sentence in sentences:
        pending = f"{pending} {sentence}".strip()
        if len(pending) >= MIN_PASSAGE_CHARS:
            merged.append(pending)
            pending = ""
    if pending and merged:
        merged[-1] = f"{merged[-1]} {pending}"
    chosen = [s for s in merged if _carries_claim(s)]
    return chosen[:MAX_PASSAGES]


def edges_for_post(post: Post) -> list[ProvenanceEdge]:
    """Where an item comes from: forwarded from / reposted, quoted, or replying to a post."""
    edges: list[ProvenanceEdge] = []
    if post.forwarded_from_url:
        kind: EdgeKind = "reposted" if post.extra.get("retweet_of") else "forwarded_from"
        edges.append(ProvenanceEdge(kind, _canonical(post.forwarded_from_url),
                                    post.forwarded_from))
    if post.quoted is not None and post.quoted.url:
        kind = "reply_to" if post.platform == "telegram" else "quoted"
        edges.append(ProvenanceEdge(kind, _canonical(post.quoted.url),
                                    post.quoted.author_name or post.quoted.author_handle))
    return edges


def _claimant(post: Post, source: Source) -> str | None:
    """Who makes the claim, when the item says so: the forwarded original, or a signature."""
    if post.forwarded_from:
        return post.forwarded_from
    signature = post.extra.get("signature")
    return str(signature) if signature else None


def _item_extra(post: Post, source: Source) -> dict[str, Any]:
    extra: dict[str, Any] = {"ingest": source.kind}
    if post.platform:
        extra["platform"] = post.platform
    for key in ("guid", "post_id", "views", "author", "rating", "review_url", "reviewer",
                "reviewed_url", "sitename"):
        value = post.extra.get(key)
        if value not in (None, "", []):
            extra[key] = value
    if post.author_name and post.platform in ("feed", "article"):
        extra.setdefault("author", post.author_name)
    if post.forwarded_from_url:
        extra["forwarded_from_url"] = post.forwarded_from_url
    if post.media:
        extra["media"] = post.media
    return extra


def item_from_post(post: Post, source: Source, *, claimant: str | None = None,
                   claim_id: str | None = None) -> IngestItem | None:
    """The claims and edges of one fetched item; None when it has no text at all."""
    text = (post.text or "").strip() or (post.title or "").strip()
    if not text:
        return None
    url = post.url or post.canonical_url
    canonical = post.canonical_url or (_canonical(url) if url else None)
    language = post.language or source.language
    published = iso_utc(post.published_at)
    ext_id = claim_id or item_claim_id(source, post)
    claim = Claim(
        text=text, claim_id=ext_id, title=post.title, url=url, canonical_url=canonical,
        source=source.name, source_id=source.id,
        claimant=claimant if claimant is not None else _claimant(post, source),
        published_at=published, language=language, extra=_item_extra(post, source),
        labels=list(source.labels),
    )
    passages = [
        Claim(text=passage, claim_id=f"{ext_id}#s{number}", title=post.title or _headline(text),
              url=url, canonical_url=canonical, source=source.name, source_id=source.id,
              claimant=claim.claimant, published_at=published, language=language,
              extra={"parent": ext_id, "passage": number, "ingest": source.kind},
              labels=list(source.labels))
        for number, passage in enumerate(claim_bearing_passages(text), start=1)
    ]
    if passages:
        claim.extra["passages"] = len(passages)
    return IngestItem(claim=claim, passages=passages, edges=edges_for_post(post))


def _headline(text: str, limit: int = 120) -> str:
    """A stand-in title for an untitled article: its first sentence, shortened."""
    first = split_sentences(text)[0] if text else ""
    return first if len(first) <= limit else first[:limit - 1].rsplit(" ", 1)[0] + "…"
