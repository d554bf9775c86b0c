"""Report output: the contract-B JSON shape, and a plain-text summary for the terminal."""

from __future__ import annotations

from typing import Any

from bot.domain import Claim, Match, Report
from bot.pipeline import post_query_text

SECTION_TITLES = {
    "corroborates": "Corroborating",
    "contradicts": "Contradicting",
    "related": "Related",
}


def match_to_dict(match: Match) -> dict[str, Any]:
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
    }


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
        "matches": [match_to_dict(m) for m in report.matches],
        "first_seen": match_to_dict(first) if first else None,
        "copies": [copy_to_dict(c) for c in report.copies],
        "enough_evidence": report.enough_evidence,
        "notes": report.notes,
    }


def _line(match: Match) -> str:
    claim = match.claim
    who = claim.source or "unknown source"
    if claim.claimant and claim.claimant != claim.source:
        who += f" ({claim.claimant})"
    date = (claim.published_at or "undated")[:10]
    text = claim.title or claim.text
    if len(text) > 160:
        text = text[:157] + "..."
    link = f"\n      {claim.url}" if claim.url else ""
    return f"  - {date}  {who}: {text}{link}"


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
    for relation, title in SECTION_TITLES.items():
        section = report.by_relation(relation)  # type: ignore[arg-type]
        if section:
            lines.append(f"{title}:")
            lines.extend(_line(m) for m in section)
    return "\n".join(lines)
