"""Fact-checkers' pages: ClaimReview JSON-LD (schema.org) becomes posts with claimant and rating.

Pure parsing: HTML in, one ``Post`` per ClaimReview out. The post's text is the reviewed claim,
``author_name`` its claimant (who made the claim), and ``extra`` keeps the rating, the review
page and the fact-checker's name; ``items.item_from_post`` turns it into a claim.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import lxml.html

from bot.domain import Post
from bot.parsers.article import parse_datetime

__all__ = ["claim_reviews", "has_claim_review"]

_MAX_DEPTH = 8


def _json_ld_objects(html: bytes | str) -> Iterator[dict[str, Any]]:
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and stray control characters are common
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        yield from _walk(data, 0)


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for value in data:
            yield from _walk(value, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "review"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    if isinstance(value, str) and value.strip():
        return re.sub(r"\s+", " ", value).strip()
    return None


def _first_url(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            found = _first_url(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _moment(value: Any) -> datetime | None:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    return moment


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if isinstance(value, str) and 2 <= len(value.strip()) <= 5:
        return value.strip().split("-")[0].lower()
    return None


def has_claim_review(html: bytes | str) -> bool:
    """Whether a page carries ClaimReview markup."""
    return any("ClaimReview" in _types(obj) for obj in _json_ld_objects(html))


def claim_reviews(html: bytes | str, url: str | None = None) -> list[Post]:
    """Every ClaimReview on a page, as a post whose text is the reviewed claim."""
    posts: list[Post] = []
    for obj in _json_ld_objects(html):
        if "ClaimReview" not in _types(obj):
            continue
        text = _name(obj.get("claimReviewed"))
        reviewed = obj.get("itemReviewed") if isinstance(obj.get("itemReviewed"), dict) else {}
        if not text:
            text = _name(reviewed.get("name")) if reviewed else None
        if not text:
            continue
        rating = obj.get("reviewRating") if isinstance(obj.get("reviewRating"), dict) else {}
        verdict = _name(rating.get("alternateName")) or _name(rating.get("ratingExplanation"))
        if verdict is None and rating.get("ratingValue") is not None:
            verdict = f"{rating.get('ratingValue')}/{rating.get('bestRating', '?')}"
        claimant = _name(reviewed.get("author")) if reviewed else None
        claim_date = _moment(reviewed.get("datePublished")) if reviewed else None
        review_date = _moment(obj.get("datePublished"))
        review_url = _first_url(obj.get("url")) or url
        extra: dict[str, Any] = {
            "rating": verdict,
            "review_url": review_url,
            "reviewer": _name(obj.get("author")),
            "reviewed_url": _first_url(reviewed.get("appearance")) if reviewed else None,
        }
        if claim_date is not None:
            extra["claim_date"] = claim_date.isoformat()
        posts.append(Post(
            text=text,
            platform="article",
            url=review_url,
            author_name=claimant,
            published_at=review_date,
            title=_name(obj.get("name")) or _name(obj.get("headline")),
            language=_language(obj.get("inLanguage")),
            extra={k: v for k, v in extra.items() if v},
        ))
    return posts
