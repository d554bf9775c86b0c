"""Report output: the contract-B JSON shape, and a plain-text summary for the terminal."""

from __future__ import annotations

from typing import Any

from bot.domain import RELATIONS, Claim, ClaimPart, Match, Report, latest_in
from bot.pipeline import post_query_text

SECTION_TITLES = {
    "corroborates": "Corroborating",
    "contradicts": "Contradicting",
    "related": "Related",
}


def latest_ids(matches: list[Match]) -> set[int]:
    """id() of the matches that are the latest of their section (corroborating, contradicting,
    related), when the section has more than one date."""
    marked: set[int] = set()
    for relation in RELATIONS:
        marked.update(id(m) for m in latest_in([m for m in matches if m.relation == relation]))
    return marked


def match_to_dict(match: Match, latest: bool = False) -> dict[str, Any]:
    claim = match.claim
    return {
        "claim_id": claim.claim_id,
        "source": claim.source,
        "claimant": claim.claimant,
        "url": claim.url,
        "published": claim.published_at,
        "language": claim.language,
        "text": claim.text,
        "title": claim.title,
        "score": round(match.score, 6),
        "relation": match.relation,
        "confidence": round(match.confidence, 4),
        "labels": claim.labels,
        "latest": latest,
    }


def matches_to_dicts(matches: list[Match]) -> list[dict[str, Any]]:
    """Matches in their order (best first), each flagged `latest` when it is the newest of its
    section."""
    marked = latest_ids(matches)
    return [match_to_dict(m, id(m) in marked) for m in matches]


def part_to_dict(part: ClaimPart) -> dict[str, Any]:
    """One claimant's claim of a post that reports several sides, with its own matches."""
    return {"claimant": part.claimant, "side": part.side, "text": part.text,
            "matches": matches_to_dicts(part.matches)}


def copy_to_dict(claim: Claim) -> dict[str, Any]:
    """A later copy of the first-seen text: who published it, where and when."""
    return {"claim_id": claim.claim_id, "source": claim.source, "url": claim.url,
            "published": claim.published_at}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Contract B: {"query": {...}, "matches": [...]}, best match first, plus extra keys."""
    first = report.first_seen
    return {
        "query": {"text": post_query_text(report.post), "language": report.post.language,
                  "url": report.post.url},
        "matches": matches_to_dicts(report.matches),
        "first_seen": match_to_dict(first) if first else None,
        "copies": [copy_to_dict(c) for c in report.copies],
        "enough_evidence": report.enough_evidence,
        "notes": report.notes,
        # Per-claimant parts of a post that reports several sides; empty for a single claim.
        "parts": [part_to_dict(p) for p in report.parts],
    }


def _line(match: Match, latest: bool = False) -> str:
    claim = match.claim
    who = claim.source or "unknown source"
    if claim.claimant and claim.claimant != claim.source:
        who += f" ({claim.claimant})"
    date = (claim.published_at or "undated")[:10]
    text = claim.title or claim.text
    if len(text) > 160:
        text = text[:157] + "..."
    link = f"\n      {claim.url}" if claim.url else ""
    mark = "  [latest]" if latest else ""
    return f"  - {date}  {who}: {text}{mark}{link}"


def _sections(sections: dict[str, list[Match]], indent: str = "") -> list[str]:
    """Section titles and their lines, in time order, the newest of each marked [latest]."""
    lines: list[str] = []
    for relation, title in SECTION_TITLES.items():
        section = sections.get(relation) or []
        if section:
            marked = {id(m) for m in latest_in(section)}
            lines.append(f"{indent}{title}:")
            lines.extend(indent + _line(m, id(m) in marked) for m in section)
    return lines


def part_label(part: ClaimPart) -> str:
    return part.claimant or "The post itself"


def render_text(report: Report) -> str:
    """A readable summary of a report for the terminal."""
    lines = [f"Checked: {post_query_text(report.post)[:200]}"]
    lines.extend(f"Note: {note}" for note in report.notes)
    if not report.enough_evidence:
        lines.append("Not enough evidence: no stored claim matches this closely enough.")
        return "\n".join(lines)
    if report.first_seen is not None:
        lines.append("First seen:")
        lines.append(_line(report.first_seen))
        for copy in report.copies:
            lines.append(f"      copied by {copy.source or 'unknown source'} on "
                         f"{(copy.published_at or 'an unknown date')[:10]}"
                         + (f": {copy.url}" if copy.url else ""))
    if report.parts:
        lines.append("Claims in this post:")
        for number, part in enumerate(report.parts, 1):
            lines.append(f"{number}) {part_label(part)}: {part.text[:200]}")
            sections = {r: part.by_relation(r) for r in SECTION_TITLES}
            body = _sections(sections, "   ")  # type: ignore[arg-type]
            lines.extend(body or ["     No stored claim matches this part closely enough."])
        return "\n".join(lines)
    lines.extend(_sections({r: report.by_relation(r) for r in SECTION_TITLES}))  # type: ignore[arg-type]
    return "\n".join(lines)
