"""Render step for Telegram: a Report becomes HTML messages of at most 4096 characters each.

Pure functions. Everything that comes from a post or a claim is escaped; sections ("First seen",
"Corroborating", "Contradicting", "Related") come from `Report.by_relation`, so they fill in as
soon as the stance stage says more than "related". Long answers are split between items, never
inside a tag; further matches go on pages that the "More" button shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Literal

from bot.domain import RELATIONS, Claim, ClaimPart, Match, Post, Relation, Report, latest_in
from bot.i18n import t, translate_note
from bot.pipeline import post_query_text

View = Literal["check", "status"]

MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one message's text
PER_SECTION = 3  # matches per section on the first page of a check
PER_PART_SECTION = 2  # the same for each claim of a post that reports several sides
PAGE_SIZE = 5  # matches per "More" page
SNIPPET_CHARS = 280
QUERY_SNIPPET_CHARS = 200
NAME_CHARS = 100
MAX_LINK_CHARS = 2000
SAFE_LINK_RE = re.compile(r"^(?:https?|tg)://[^\s\"<>]+$", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]+>")

Section = tuple[str, list[Match]]  # (title key, matches)
PartSection = tuple[int, str, list[Match]]  # (index of the claim part, title key, matches)


@dataclass(slots=True)
class RenderedPage:
    """One page of an answer: its messages, in order, and how many pages there are."""

    chunks: list[str]
    page: int
    pages: int

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Text escaped for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def link(label: str, url: str | None) -> str:
    """An escaped <a> element, or only the escaped label when the URL is unusable."""
    if url and len(url) <= MAX_LINK_CHARS and SAFE_LINK_RE.match(url):
        return f'<a href="{html.escape(url, quote=True)}">{escape(label)}</a>'
    return escape(label)


# -- pages ---------------------------------------------------------------------------------


def _newest_first(matches: list[Match]) -> list[Match]:
    dated = sorted((m for m in matches if m.claim.published_at),
                   key=lambda m: m.claim.published_at or "", reverse=True)
    return dated + [m for m in matches if not m.claim.published_at]


def paginate(report: Report, view: View = "check") -> list[list[Section]]:
    """The matches of a report split into pages of sections.

    A check's first page has up to PER_SECTION matches of each relation, oldest first; the
    rest follow on pages of PAGE_SIZE. A status view is one list, newest first, in pages.
    """
    if view == "status":
        ordered = _newest_first(report.matches)
        return [[("latest", ordered[i:i + PAGE_SIZE])]
                for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
    sections: list[tuple[Relation, list[Match]]] = [
        (relation, report.by_relation(relation)) for relation in RELATIONS
    ]
    split = [(r, *first_and_rest(ms, PER_SECTION)) for r, ms in sections]
    first: list[Section] = [(r, shown) for r, shown, _ in split if shown]
    rest = [(r, m) for r, _, later in split for m in later]
    pages: list[list[Section]] = [first]
    for i in range(0, len(rest), PAGE_SIZE):
        page: list[Section] = []
        for relation, match in rest[i:i + PAGE_SIZE]:
            if page and page[-1][0] == relation:
                page[-1][1].append(match)
            else:
                page.append((relation, [match]))
        pages.append(page)
    return pages


def first_and_rest(section: list[Match], count: int) -> tuple[list[Match], list[Match]]:
    """A section (in time order) split into what the first page shows and the rest: the oldest
    `count - 1` and the latest, so that a later confirmation is never hidden behind "More"."""
    if len(section) <= count:
        return section, []
    latest = latest_in(section)
    if not latest or count < 2 or any(m is latest[-1] for m in section[:count]):
        return section[:count], section[count:]
    shown = section[:count - 1] + [latest[-1]]
    return shown, [m for m in section if not any(m is x for x in shown)]


def paginate_parts(report: Report) -> list[list[PartSection]]:
    """The matches of a post split into claims (report.parts), in pages: the first page has up
    to PER_PART_SECTION matches of each relation for each claim, the rest follow in pages of
    PAGE_SIZE."""
    first: list[PartSection] = []
    rest: list[tuple[int, Relation, Match]] = []
    for index, part in enumerate(report.parts):
        for relation in RELATIONS:
            shown, later = first_and_rest(part.by_relation(relation), PER_PART_SECTION)
            if shown:
                first.append((index, relation, shown))
            rest.extend((index, relation, m) for m in later)
    pages: list[list[PartSection]] = [first]
    for i in range(0, len(rest), PAGE_SIZE):
        page: list[PartSection] = []
        for index, relation, match in rest[i:i + PAGE_SIZE]:
            if page and page[-1][:2] == (index, relation):
                page[-1][2].append(match)
            else:
                page.append((index, relation, [match]))
        pages.append(page)
    return pages


def _page_count(report: Report, view: View) -> int:
    if view == "check" and report.parts:
        return len(paginate_parts(report))
    return len(paginate(report, view)) if report.matches else 1


def _latest_marked(matches: list[Match]) -> set[int]:
    marked: set[int] = set()
    for relation in RELATIONS:
        marked.update(id(m) for m in latest_in([m for m in matches if m.relation == relation]))
    return marked


# -- blocks --------------------------------------------------------------------------------


def _date(value: str | None, language: str) -> str:
    return value[:10] if value else t(language, "undated")


def render_match(match: Match, language: str, *, show_relation: bool = False,
                 latest: bool = False) -> str:
    """One item: date, source (linked), claimant, and a short quote of the claim; `latest`
    marks the newest of its section."""
    claim = match.claim
    source = shorten(claim.source or t(language, "unknown_source"), NAME_CHARS)
    parts = [f"<b>{escape(_date(claim.published_at, language))}</b>", link(source, claim.url)]
    if claim.claimant and claim.claimant.strip().lower() != (claim.source or "").lower():
        parts.append(escape(shorten(claim.claimant, NAME_CHARS)))
    if show_relation and match.relation != "related":
        parts.append(f"<i>{escape(t(language, 'relation_' + match.relation))}</i>")
    if latest:
        parts.append(f"<u>{escape(t(language, 'latest_mark'))}</u>")
    quote = shorten(claim.title or claim.text, SNIPPET_CHARS)
    return "• " + " · ".join(parts) + f"\n   <i>{escape(quote)}</i>"


def _origin_line(post: Post, language: str) -> str | None:
    """Where a forwarded or fetched post comes from, with its link and date."""
    name = post.forwarded_from or post.author_name
    url = post.forwarded_from_url or post.url
    if not name and not url:
        return None
    label = shorten(name or url or "", NAME_CHARS)
    if post.author_handle and f"@{post.author_handle}".lower() not in label.lower():
        label += f" (@{post.author_handle})"
    line = f"<b>{escape(t(language, 'from'))}</b>: {link(label, url)}"
    if post.published_at is not None:
        when = post.published_at
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        stamp = when.strftime("%Y-%m-%d %H:%M") + (" UTC" if when.tzinfo else "")
        line += ", " + escape(t(language, "posted", date=stamp))
    return line


def _header_blocks(report: Report, language: str, view: View) -> list[str]:
    if view == "status":
        topic = shorten(post_query_text(report.post), QUERY_SNIPPET_CHARS)
        return [f"<b>{escape(t(language, 'status_title', topic=topic))}</b>"]
    blocks = []
    query = post_query_text(report.post)
    if query:
        snippet = shorten(query, QUERY_SNIPPET_CHARS)
        blocks.append(f"<b>{escape(t(language, 'checked'))}</b>: <i>{escape(snippet)}</i>")
    origin = _origin_line(report.post, language)
    if origin:
        blocks.append(origin)
    return blocks


def page_blocks(report: Report, language: str, page: int = 0, view: View = "check") -> list[str]:
    """The blocks (header, notes, sections, items) of one page, before splitting."""
    with_parts = view == "check" and bool(report.parts)
    pages: list[Any] = paginate_parts(report) if with_parts else paginate(report, view)
    blocks: list[str] = []
    if page == 0:
        blocks.extend(_header_blocks(report, language, view))
        blocks.extend(f"<i>{escape(translate_note(language, n))}</i>" for n in report.notes)
        if not report.enough_evidence:
            blocks.append(f"<b>{escape(t(language, 'not_enough_evidence'))}</b>")
            return blocks
        if view == "check" and report.first_seen is not None:
            blocks.append(f"\n<b>{escape(t(language, 'first_seen'))}</b>")
            blocks.append(render_match(report.first_seen, language))
            if report.copies:
                copies = ", ".join(
                    f"{link(shorten(c.source or t(language, 'unknown_source'), NAME_CHARS), c.url)}"
                    f" ({escape(_date(c.published_at, language))})"
                    for c in report.copies[:MAX_COPIES_SHOWN])
                blocks.append(f"   {escape(t(language, 'copied_by'))}: {copies}")
    else:
        title = t(language, "more_title", page=page + 1, pages=len(pages))
        blocks.append(f"<b>{escape(title)}</b>")
    if page >= len(pages):
        return blocks
    if with_parts:
        blocks.extend(_part_blocks(report, pages[page], language, page))
        return blocks
    marked = _latest_marked(report.matches) if view == "check" else set()
    for key, matches in pages[page]:
        blocks.append(f"\n<b>{escape(t(language, key))}</b>")
        blocks.extend(render_match(m, language, show_relation=view == "status",
                                   latest=id(m) in marked)
                      for m in matches)
    return blocks


def part_title(part: ClaimPart, number: int, language: str) -> str:
    """ "1) MoD of Russia: <the claim>" for the head of one claim's sections."""
    who = shorten(part.claimant or t(language, "post_itself"), NAME_CHARS)
    quote = shorten(part.text, QUERY_SNIPPET_CHARS)
    return f"<b>{number}) {escape(who)}</b>: <i>{escape(quote)}</i>"


def _part_blocks(report: Report, sections: list[PartSection], language: str,
                 page: int) -> list[str]:
    """A page of a post split into claims: each claim's head, then its sections."""
    blocks: list[str] = []
    if page == 0:
        blocks.append(f"\n<b>{escape(t(language, 'claims_in_post'))}</b>")
    marked = {i: _latest_marked(p.matches) for i, p in enumerate(report.parts)}
    by_part: dict[int, list[tuple[str, list[Match]]]] = {}
    for index, key, matches in sections:
        by_part.setdefault(index, []).append((key, matches))
    indices = range(len(report.parts)) if page == 0 else sorted(by_part)
    for index in indices:
        blocks.append("\n" + part_title(report.parts[index], index + 1, language))
        if index not in by_part:  # a claim nothing matched
            blocks.append(f"   <i>{escape(t(language, 'part_no_match'))}</i>")
        for key, matches in by_part.get(index, []):
            blocks.append(f"<b>{escape(t(language, key))}</b>")
            blocks.extend(render_match(m, language, latest=id(m) in marked[index])
                          for m in matches)
    return blocks


def _hard_split(block: str, limit: int) -> list[str]:
    """A block too long for one message, as plain escaped text in pieces (never cuts a tag)."""
    plain = html.unescape(TAG_RE.sub("", block))
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in plain:
        piece = escape(char)
        width = utf16_len(piece)
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(piece)
        size += width
    if current:
        pieces.append("".join(current))
    return pieces


def split_blocks(blocks: list[str], limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Join blocks with newlines into messages of at most `limit` UTF-16 units each.

    Messages break between blocks; a block that alone exceeds the limit is cut as plain text.
    """
    chunks: list[str] = []
    current = ""
    for raw in blocks:
        for block in ([raw] if utf16_len(raw) <= limit else _hard_split(raw, limit)):
            candidate = f"{current}\n{block}" if current else block.lstrip("\n")
            if utf16_len(candidate) <= limit:
                current = candidate
                continue
            if current:
                chunks.append(current)
            current = block.lstrip("\n")
    if current:
        chunks.append(current)
    return chunks


def render_page(report: Report, language: str, page: int = 0, view: View = "check",
                limit: int = MAX_MESSAGE_CHARS) -> RenderedPage:
    """One page of the answer to a check, as HTML messages ready to send."""
    pages = _page_count(report, view)
    chunks = split_blocks(page_blocks(report, language, page, view), limit)
    return RenderedPage(chunks=chunks, page=page, pages=pages)


# -- stored reports ------------------------------------------------------------------------


def _claim_from_dict(data: dict[str, Any]) -> Claim:
    return Claim(
        text=str(data.get("text") or ""), claim_id=data.get("claim_id"), title=data.get("title"),
        url=data.get("url"), source=data.get("source"), claimant=data.get("claimant"),
        published_at=data.get("published"), language=data.get("language"),
        labels=list(data.get("labels") or []),
    )


def _match_from_dict(data: dict[str, Any]) -> Match:
    relation = data.get("relation")
    return Match(
        claim=_claim_from_dict(data), score=float(data.get("score") or 0.0),
        relation=relation if relation in RELATIONS else "related",
        confidence=float(data.get("confidence") or 0.0),
    )


MAX_COPIES_SHOWN = 5  # later copies listed under "First seen"


def report_from_dict(data: dict[str, Any]) -> Report:
    """A Report back from `report_to_dict`'s shape (as stored with a check), for paging."""
    query = data.get("query") or {}
    post = Post(text=str(query.get("text") or ""), url=query.get("url"),
                language=query.get("language"))
    matches = [_match_from_dict(m) for m in data.get("matches") or []]
    first = data.get("first_seen")
    first_seen = None
    if first:
        same = [m for m in matches if m.claim.claim_id and m.claim.claim_id == first.get("claim_id")]
        first_seen = same[0] if same else _match_from_dict(first)
    copies = [Claim(text="", claim_id=c.get("claim_id"), source=c.get("source"),
                    url=c.get("url"), published_at=c.get("published"))
              for c in data.get("copies") or []]
    parts = [ClaimPart(text=str(p.get("text") or ""), claimant=p.get("claimant"),
                       side=p.get("side"),
                       matches=[_match_from_dict(m) for m in p.get("matches") or []])
             for p in data.get("parts") or []]
    return Report(post=post, matches=matches, first_seen=first_seen, copies=copies,
                  notes=[str(n) for n in data.get("notes") or []], parts=parts)


# -- /status -------------------------------------------------------------------------------

STATUS_TIMELINE_ITEMS = 12  # latest claims listed under the per-side positions


def render_status(status: Any, language: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """A topic's status (bot.topics.TopicStatus) as HTML messages: the state of play, who
    claims what per side, then the latest claims, newest first."""
    from bot.topics import SIDES, short_day

    topic = shorten(status.topic, QUERY_SNIPPET_CHARS)
    blocks = [f"<b>{escape(t(language, 'status_title', topic=topic))}</b>"]
    if not status.found:
        blocks.append(escape(t(language, "status_not_found", topic=topic)))
        return split_blocks(blocks, limit)

    def phrase(position: Any) -> str:
        name = shorten(position.claimant.split(" (", 1)[0], NAME_CHARS)
        return (f"{escape(name)} {escape(t(language, 'stance_' + position.stance))} "
                f"({escape(short_day(position.day))})")

    latest = " · ".join(phrase(p) for p in reversed(status.positions[:3]))
    state = escape(t(language, f"state_{status.state}"))
    blocks.append(f"<b>{escape(t(language, 'state_of_play'))}</b>: {state}. {latest}")
    blocks.append(f"\n<b>{escape(t(language, 'who_claims'))}</b>")
    for side in (*SIDES, None):
        chosen = [p for p in status.positions if p.side == side]
        if not chosen:
            continue
        blocks.append(f"<u>{escape(t(language, 'side_' + (side or 'unknown')))}</u>")
        for position in chosen:
            claim = position.item.claim
            source = shorten(claim.source or t(language, "unknown_source"), NAME_CHARS)
            blocks.append(f"• {phrase(position)} · {link(source, claim.url)}")
    blocks.append(f"\n<b>{escape(t(language, 'latest'))}</b>")
    for item in status.items[:STATUS_TIMELINE_ITEMS]:
        claim = item.claim
        source = shorten(claim.source or t(language, "unknown_source"), NAME_CHARS)
        parts = [f"<b>{escape(_date(claim.published_at, language))}</b>", link(source, claim.url)]
        if claim.claimant:
            parts.append(escape(shorten(claim.claimant, NAME_CHARS)))
        parts.append(f"<i>{escape(t(language, 'stance_' + item.stance))}</i>")
        quote = shorten(claim.title or claim.text, SNIPPET_CHARS)
        blocks.append("• " + " · ".join(parts) + f"\n   <i>{escape(quote)}</i>")
    rest = len(status.items) - STATUS_TIMELINE_ITEMS
    if rest > 0:
        blocks.append(f"<i>{escape(t(language, 'more_claims', count=rest))}</i>")
    return split_blocks(blocks, limit)
