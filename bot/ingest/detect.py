"""What kind of source a URL is: a feed, a Telegram channel, a news site or a fact-checker.

`detect_source` looks at the URL first (``t.me/<channel>`` needs no fetch) and then at what the
server sends: an RSS/Atom/JSON feed, a ``t.me/s`` preview page, or an HTML page, whose
``<link rel=alternate>`` feeds are discovered and whose ClaimReview markup (on the page or on
the first articles it links to) marks a fact-checker. The pure helpers are used by the runner
too: `discover_feed_links` and `article_links` (a front page's links to articles).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from bot.ingest.factcheck import has_claim_review
from bot.parsers.errors import ParseError
from bot.parsers.feed import looks_like_feed, parse_feed
from bot.urls import canonical_url, link_kind

__all__ = [
    "KINDS",
    "DetectedSource",
    "article_links",
    "detect_source",
    "discover_feed_links",
    "is_feed",
    "is_telegram_preview",
    "telegram_channel_of",
]

KINDS = ("feed", "telegram", "site", "factcheck")
FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
                   "application/json", "application/rdf+xml")
_NOT_ARTICLES = re.compile(
    r"/(?:tag|tags|category|categories|author|authors|topic|topics|page|search|login|signin|"
    r"register|subscribe|about|contact|privacy|terms|feed|rss|amp|account|video|videos|"
    r"photo|photos|gallery)(?:/|$)|\.(?:jpe?g|png|gif|svg|webp|css|js|pdf|xml|json|zip|mp[34])$",
    re.IGNORECASE,
)

FetchText = Callable[[str], Awaitable[tuple[bytes, str, str]]]  # url -> (body, type, final url)


@dataclass(slots=True)
class DetectedSource:
    """What `detect_source` found: the kind, the URL to watch, and what the page says of itself."""

    kind: str
    url: str
    name: str | None = None
    handle: str | None = None
    language: str | None = None
    feed_url: str | None = None  # a site's discovered feed


def telegram_channel_of(url: str) -> str | None:
    """The channel of a ``t.me/<channel>`` or ``t.me/s/<channel>`` link, else None."""
    try:
        link = link_kind(url)
    except ValueError:
        return None
    return link.channel if link.kind == "telegram_channel" else None


def is_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a response is an RSS/Atom/RDF feed or a JSON Feed (escaped slashes included)."""
    if content_type.endswith(("rss+xml", "atom+xml", "rdf+xml", "feed+json")):
        return True
    if looks_like_feed(body):
        return True
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") and b"jsonfeed.org" in head.replace(b"\\/", b"/"):
        try:
            return "jsonfeed.org/version" in str(json.loads(body).get("version", ""))
        except (ValueError, AttributeError):
            return False
    return False


def is_telegram_preview(body: bytes) -> bool:
    head = body[:200_000]
    return b"tgme_channel_info" in head or b"tgme_widget_message" in head


def discover_feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml" ...>``."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[str] = []
    for element in root.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").lower().split(";")[0].strip()
        href = (element.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_LINK_TYPES and href:
            url = urljoin(base_url, href)
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


def _same_site(a: str, b: str) -> bool:
    ha, hb = (urlsplit(a).hostname or "").lower(), (urlsplit(b).hostname or "").lower()
    strip = lambda h: h[4:] if h.startswith("www.") else h  # noqa: E731
    return strip(ha) == strip(hb) and urlsplit(a).port == urlsplit(b).port


def article_links(html: bytes | str, base_url: str, limit: int = 50) -> list[str]:
    """Links on a front page that look like articles of the same site, in page order.

    Same host, a path at least two segments deep or with a number or a dash-joined slug in it,
    and not a tag, category, author, media or static file.
    """
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = canonical_url(base_url)
    found: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(base_url, href)
        if not url.startswith(("http://", "https://")) or not _same_site(url, base_url):
            continue
        path = urlsplit(url).path
        segments = [s for s in path.split("/") if s]
        if not segments or _NOT_ARTICLES.search(path):
            continue
        if len(segments) < 2 and not re.search(r"\d|\w+-\w+-\w+", segments[-1]):
            continue
        try:
            url = canonical_url(url)
        except ValueError:
            continue
        if url != base and url not in found:
            found.append(url)
            if len(found) >= limit:
                break
    return found


def _page_title(html: bytes) -> str | None:
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for prop in ("og:site_name", "og:title"):
        for meta in root.iter("meta"):
            if meta.get("property") == prop and (meta.get("content") or "").strip():
                return meta.get("content", "").strip()
    title = root.findtext(".//title")
    return re.sub(r"\s+", " ", title).strip() if title and title.strip() else None


def _page_language(html: bytes) -> str | None:
    match = re.search(rb"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", html[:5000])
    return match.group(1).decode().lower() if match else None


async def detect_source(url: str, fetch: FetchText, *, sample_articles: int = 3) -> DetectedSource:
    """Find out what `url` is; `fetch(url)` returns (body, content type, final url).

    Raises `ParseError` when the content is none of the kinds, and whatever `fetch` raises.
    """
    channel = telegram_channel_of(url)
    if channel is not None:
        return DetectedSource("telegram", f"https://t.me/s/{channel}", handle=channel)
    body, content_type, final_url = await fetch(url)
    if is_feed(body, content_type):
        feed = parse_feed(body, final_url)
        return DetectedSource("feed", url, name=feed.title, language=feed.language)
    if is_telegram_preview(body):
        from bot.parsers.telegram import parse_channel_page

        page = parse_channel_page(body, final_url)
        return DetectedSource("telegram", url, name=page.title, handle=page.channel)
    if b"<" not in body[:2048]:
        raise ParseError(f"{url} is neither a feed, a Telegram channel nor a web page")
    name, language = _page_title(body), _page_language(body)
    feeds = discover_feed_links(body, final_url)
    if has_claim_review(body):
        return DetectedSource("factcheck", url, name, language=language,
                              feed_url=feeds[0] if feeds else None)
    for article in article_links(body, final_url, limit=sample_articles):
        try:
            page, _type, _final = await fetch(article)
        except Exception:  # noqa: BLE001 - a sample page that fails says nothing either way
            continue
        if has_claim_review(page):
            return DetectedSource("factcheck", url, name, language=language,
                                  feed_url=feeds[0] if feeds else None)
    return DetectedSource("site", url, name, language=language,
                          feed_url=feeds[0] if feeds else None)
