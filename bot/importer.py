"""Claims import and export in contract A: JSON Lines, one claim per line.

`text` is required; optional `id`, `title`, `url`, `source`, `claimant`, `published` (ISO 8601),
`language` (ISO 639-1, detected when absent). Other keys are kept in the claim's extra JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TextIO

from bot.domain import Claim

KNOWN_KEYS = {"id", "text", "title", "url", "source", "claimant", "published", "language"}
MAX_TEXT_CHARS = 100_000
LANG_RE = re.compile(r"^[a-z]{2}$")


class ClaimLineError(ValueError):
    """One import line that cannot become a claim."""


@dataclass(slots=True)
class ImportReport:
    """What an import did: stored, skipped as duplicates, and rejected lines with reasons."""

    inserted: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and key == "id" and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ClaimLineError(f"'{key}' must be a string")
    return value.strip() or None


def _check_published(value: str) -> str:
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ClaimLineError(f"'published' is not an ISO 8601 date or datetime: {value!r}") from None
    return value


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ClaimLineError(f"'url' must be an http(s) URL: {value[:80]!r}")
    return value


def claim_from_json(line: str) -> Claim:
    """Parse one contract-A line into a Claim, or raise ClaimLineError saying why not."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ClaimLineError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ClaimLineError("not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ClaimLineError("'text' is missing or empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ClaimLineError(f"'text' is longer than {MAX_TEXT_CHARS} characters")
    published = _optional_str(obj, "published")
    url = _optional_str(obj, "url")
    language = _optional_str(obj, "language")
    if language is not None:
        language = language.lower()
        if not LANG_RE.match(language):
            raise ClaimLineError(f"'language' must be an ISO 639-1 code: {language!r}")
    return Claim(
        text=text.strip(),
        claim_id=_optional_str(obj, "id"),
        title=_optional_str(obj, "title"),
        url=_check_url(url) if url else None,
        source=_optional_str(obj, "source"),
        claimant=_optional_str(obj, "claimant"),
        published_at=_check_published(published) if published else None,
        language=language,
        extra={k: v for k, v in obj.items() if k not in KNOWN_KEYS},
    )


def read_claims(lines: Iterable[str], report: ImportReport) -> Iterator[Claim]:
    """Claims from JSONL lines; bad lines are recorded in `report.rejected` and skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield claim_from_json(line)
        except ClaimLineError as exc:
            report.rejected.append((number, str(exc)))


def claim_to_json(claim: Claim) -> str:
    """One contract-A line for a stored claim (extra keys first, known keys win)."""
    obj: dict[str, Any] = dict(claim.extra)
    obj.update({
        "id": claim.claim_id, "text": claim.text, "title": claim.title, "url": claim.url,
        "source": claim.source, "claimant": claim.claimant, "published": claim.published_at,
        "language": claim.language,
    })
    return json.dumps({k: v for k, v in obj.items() if v is not None}, ensure_ascii=False)


def write_claims(claims: Iterable[Claim], out: TextIO) -> int:
    count = 0
    for claim in claims:
        out.write(claim_to_json(claim) + "\n")
        count += 1
    return count
