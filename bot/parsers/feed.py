"""News feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, and JSON Feed.

Pure parsing: feed bytes in, one ``Post`` per item out. feedparser is only ever given bytes
we fetched ourselves (given a string that looks like a URL or a path it would open it).
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html

from bot.domain import Post
from bot.parsers.errors import ParseError

__all__ = ["Feed", "looks_like_feed", "parse_feed", "parse_feed_date", "parse_json_feed"]


@dataclass(slots=True)
class Feed:
    """A parsed feed: its own title, link and language, and its items as posts."""

    title: str | None
    link: str | None
    language: str | None
    items: list[Post] = field(default_factory=list)
    kind: str = "rss"  # "rss", "atom", "rdf", "json"


_RFC822_MONTHS = {
    # Portuguese, Spanish, French, German, Italian and Dutch abbreviations seen in feeds
    "fev": "Feb", "abr": "Apr", "mai": "May", "ago": "Aug", "set": "Sep", "out": "Oct",
    "dez": "Dec", "ene": "Jan", "dic": "Dec", "janv": "Jan", "févr": "Feb", "fevr": "Feb",
    "mars": "Mar", "avr": "Apr", "juin": "Jun", "juil": "Jul", "août": "Aug", "aout": "Aug",
    "sept": "Sep", "déc": "Dec", "mär": "Mar", "mrz": "Mar", "okt": "Oct", "gen": "Jan",
    "mag": "May", "giu": "Jun", "lug": "Jul", "ott": "Oct", "maa": "Mar", "mei": "May",
}


def parse_feed_date(value: str | None) -> datetime | None:
    """RFC 822 (also with non-English day and month names) or ISO 8601, kept time-zone aware."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    except ValueError:
        pass
    # drop the weekday, translate the month
    text = re.sub(r"^[^\d,]+,\s*", "", text)

    def month(match: re.Match[str]) -> str:
        word = match.group(0)
        return _RFC822_MONTHS.get(word.lower().rstrip("."), word)

    text = re.sub(r"[^\W\d_]+\.?", month, text, count=1)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _html_to_text(fragment: str | None, base: str | None = None) -> tuple[str, list[str]]:
    if not fragment or not fragment.strip():
        return "", []
    if "<" not in fragment:
        return re.sub(r"[ \t]+", " ", fragment).strip(), []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment).strip(), []
    links: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        relative = bool(base and href and not href.startswith("#"))
        if href.startswith(("http://", "https://")) or relative:
            absolute = urljoin(base or "", href)
            if absolute.startswith(("http://", "https://")) and absolute not in links:
                links.append(absolute)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), links


_EXTENSION_KINDS = {
    "jpg": "photo", "jpeg": "photo", "png": "photo", "gif": "photo", "webp": "photo",
    "avif": "photo", "mp4": "video", "webm": "video", "mov": "video", "m3u8": "video",
    "mp3": "audio", "m4a": "audio", "ogg": "audio", "aac": "audio",
}


def _media_kind(mime_or_medium: str | None, url: str | None) -> str | None:
    """'photo', 'video' or 'audio' from a MIME type, a Media RSS medium, or a file extension."""
    kind = (mime_or_medium or "").split("/")[0].lower()
    if not kind and url:
        path = url.split("?", 1)[0].split("#", 1)[0]
        extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
        kind = _EXTENSION_KINDS.get(extension, "")
    return {"image": "photo"}.get(kind, kind) or None


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes look like an RSS/Atom/RDF document or a JSON Feed."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        head_json = data[:4096].lower().replace(b"\\/", b"/")  # JSON may escape slashes
        return b"jsonfeed.org/version" in head_json
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return False
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created", "dc_date"):
        moment = parse_feed_date(entry.get(key))
        if moment is not None:
            return moment
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    return None


def parse_feed(data: bytes, url: str | None = None) -> Feed:
    """An RSS, Atom, RDF or JSON feed, given as the bytes we fetched."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse_feed takes the feed's bytes, never a URL or a path")
    stripped = bytes(data).lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return parse_json_feed(stripped, url)
    import feedparser

    # bytes only: feedparser would fetch a URL or read a file given a string
    parsed = feedparser.parse(bytes(data), resolve_relative_uris=True, sanitize_html=True)
    if not parsed.entries and not parsed.feed:
        raise ParseError("This link does not contain a readable RSS or Atom feed")
    meta = parsed.feed
    version = parsed.get("version") or ""
    kind = "atom" if version.startswith("atom") else "rdf" if version == "rss10" else "rss"
    language = (meta.get("language") or "").split("-")[0].lower() or None
    feed_link = meta.get("link") or url
    items: list[Post] = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        if link and feed_link:
            link = urljoin(feed_link, link)
        content_html = ""
        if entry.get("content"):
            content_html = " ".join(c.get("value", "") for c in entry["content"])
        summary = entry.get("summary") or ""
        text, links = _html_to_text(content_html or summary, link or feed_link)
        if not text and summary and content_html:
            text, links = _html_to_text(summary, link or feed_link)
        media: list[str] = []
        attached = list(entry.get("enclosures") or []) + list(entry.get("media_content") or [])
        for enclosure in attached:
            kind_name = _media_kind(
                enclosure.get("type") or enclosure.get("medium"),
                enclosure.get("href") or enclosure.get("url"),
            )
            if kind_name and kind_name not in media:
                media.append(kind_name)
        author = entry.get("author") or (entry.get("author_detail") or {}).get("name")
        categories = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        extra: dict[str, Any] = {"feed_title": meta.get("title")}
        if entry.get("id"):
            extra["guid"] = entry["id"]
        if categories:
            extra["categories"] = categories
        if summary and content_html:
            extra["summary"] = _html_to_text(summary)[0]
        title = re.sub(r"\s+", " ", entry.get("title") or "").strip() or None
        items.append(
            Post(
                text=text or (title or ""),
                platform="feed",
                url=link,
                canonical_url=_canonical(link),
                author_name=author or meta.get("author") or None,
                published_at=_entry_time(entry),
                title=title,
                language=(entry.get("language") or language),
                links=links,
                media=media,
                extra=extra,
            )
        )
    return Feed(
        title=meta.get("title"), link=feed_link, language=language, items=items, kind=kind
    )


def _canonical(link: str | None) -> str | None:
    if not link:
        return None
    from bot.urls import canonical_url

    return canonical_url(link)


def parse_json_feed(data: bytes | str | dict[str, Any], url: str | None = None) -> Feed:
    """A JSON Feed (https://jsonfeed.org, versions 1 and 1.1)."""
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise ParseError("This is not a readable JSON Feed") from exc
    if not isinstance(data, dict) or "jsonfeed.org/version" not in str(data.get("version", "")):
        raise ParseError("This JSON is not a JSON Feed")
    feed_link = data.get("home_page_url") or url
    language = (data.get("language") or "").split("-")[0].lower() or None
    feed_authors = data.get("authors") or ([data["author"]] if data.get("author") else [])
    items: list[Post] = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if link and feed_link:
            link = urljoin(feed_link, link)
        links: list[str] = []
        if item.get("content_text"):
            text = str(item["content_text"]).strip()
        else:
            text, links = _html_to_text(item.get("content_html") or item.get("summary"), link)
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        authors = authors or feed_authors
        names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        media: list[str] = []
        if item.get("image") or item.get("banner_image"):
            media.append("photo")
        for attachment in item.get("attachments") or []:
            kind_name = _media_kind(attachment.get("mime_type"), attachment.get("url"))
            if kind_name and kind_name not in media:
                media.append(kind_name)
        extra: dict[str, Any] = {"feed_title": data.get("title")}
        if item.get("id") is not None:
            extra["guid"] = str(item["id"])
        if item.get("tags"):
            extra["categories"] = list(item["tags"])
        if item.get("summary"):
            extra["summary"] = item["summary"]
        title = item.get("title") or None
        items.append(
            Post(
                text=text or (title or ""),
                platform="feed",
                url=link,
                canonical_url=_canonical(link),
                author_name=", ".join(names) or None,
                published_at=parse_feed_date(item.get("date_published"))
                or parse_feed_date(item.get("date_modified")),
                title=title,
                language=(item.get("language") or language),
                links=links,
                media=media,
                extra=extra,
            )
        )
    return Feed(
        title=data.get("title"), link=feed_link, language=language, items=items, kind="json"
    )
