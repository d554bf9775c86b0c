"""News and article pages: main text through trafilatura, metadata through our own pass.

Pure parsing (bytes or str in, ``Article``/``Post`` out). Title, author and date come from
JSON-LD (``NewsArticle`` and friends, ``@graph`` included), ``og:``/``article:`` meta tags,
the ``<title>``, ``<h1>`` and byline markup, with trafilatura's and htmldate's answers as
fallbacks; the main text comes from trafilatura run on the tree we already parsed.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from charset_normalizer import from_bytes
from lxml import etree
from lxml.html import HtmlElement

from bot.domain import Post

__all__ = [
    "Article",
    "declared_charset",
    "decode_html",
    "extract_article",
    "parse_article",
    "parse_datetime",
    "parse_visible_date",
    "trafilatura_fields",
]

# ---------------------------------------------------------------------------------------------
# Charset


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)""", re.IGNORECASE)
# What browsers actually use for these labels (WHATWG Encoding Standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>`` or XML prolog)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None and len(data) > 4096:
        match = _META_CHARSET.search(data[:32768])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes | str, declared: str | None = None) -> str:
    """Decode page bytes, trusting the declared charset only when the bytes agree with it.

    ``declared`` is the HTTP ``Content-Type`` charset when there was one; otherwise the page's
    own declaration is used. Valid UTF-8 with non-ASCII bytes wins over a contrary declaration
    (a common server misconfiguration); bytes that do not decode under the declaration are
    sniffed with charset-normalizer.
    """
    if isinstance(data, str):
        return data
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    codec = _codec_name(declared) or _codec_name(declared_charset(data))
    is_ascii = data.isascii()
    if is_ascii:
        return data.decode("ascii")
    try:
        as_utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    if as_utf8 is not None:
        # Multi-byte UTF-8 sequences almost never occur by accident in legacy encodings.
        return as_utf8
    if codec and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    sample = data if len(data) <= 65536 else data[:32768] + data[-32768:]
    best = from_bytes(sample).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode(codec or "utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# Dates


_ISO = re.compile(
    r"^\s*(\d{4})(?:-(\d{1,2})-(\d{1,2})|(\d{2})(\d{2}))"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$",
    re.IGNORECASE,
)


def parse_datetime(value: Any) -> datetime | date | None:
    """Parse the date formats pages put in metadata (ISO 8601 variants, RFC 2822, epochs).

    Returns an aware ``datetime`` when the value carries an offset, a naive ``datetime`` when
    it has a time but no offset, a ``date`` when it has only a day, or None.
    """
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) / (1000 if value > 1e11 else 1)
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day, month2, day2, hour, minute, second, fraction, zone = match.groups()
        month, day = month or month2, day or day2
        try:
            if hour is None:
                return date(int(year), int(month), int(day))
            micro = int((fraction or "0")[:6].ljust(6, "0"))
            moment = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro
            )
        except ValueError:
            return None
        if zone:
            zone = zone.upper()
            if zone in ("Z", "UTC", "GMT"):
                return moment.replace(tzinfo=timezone.utc)
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
            if hours > 14 or minutes > 59:
                return moment
            offset = timedelta(hours=hours, minutes=minutes) * sign
            return moment.replace(tzinfo=timezone(offset))
        return moment
    if text.isdigit() and len(text) in (10, 13):
        return parse_datetime(int(text))
    if "," in text or re.search(r"\d{1,2} [A-Za-z]{3} \d{4}", text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return None


def _day_of(moment: datetime | date) -> date:
    """The calendar day of a publication time, as written in the page's own time zone.

    "2022-05-03T22:08:20-04:00" is 3 May: the day the page's readers saw. (Converting to the
    UTC day instead scored lower on the development pages; see evals/RESULTS.md.)
    """
    if isinstance(moment, datetime):
        return moment.date()
    return moment


def _plausible(moment: datetime | date, now: datetime) -> bool:
    day = _day_of(moment)
    return date(1994, 1, 1) <= day <= (now + timedelta(days=2)).date()


# ---------------------------------------------------------------------------------------------
# Text helpers


_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def _clean(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if "&" in text and ";" in text:
        from html import unescape

        text = unescape(text)
    return _SPACES.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Case- and typography-insensitive form used to compare titles and names."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip()


_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _text_of(element: HtmlElement) -> str:
    return _clean(" ".join(element.itertext()))


# ---------------------------------------------------------------------------------------------
# Page metadata pass


@dataclass(slots=True)
class Article:
    """What one article page says about itself, plus its main text."""

    title: str | None = None
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | date | None = None
    date: str | None = None  # YYYY-MM-DD
    text: str = ""
    description: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    links: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)


_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "satiricalarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "medicalscholarlyarticle",
    "report",
    "review",
    "posting",
    "videoobject",
    "recipe",
    "howto",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "qapage"}
_ORG_TYPES = {
    "organization",
    "newsmediaorganization",
    "corporation",
    "localbusiness",
    "website",
    "educationalorganization",
    "governmentorganization",
    "ngo",
    "brand",
}


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return {kind.rsplit("/", 1)[-1].lower()}
    if isinstance(kind, list):
        return {k.rsplit("/", 1)[-1].lower() for k in kind if isinstance(k, str)}
    return set()


_JSON_COMMENTS = re.compile(r"^\s*(?:<!--|//<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\]\]>|\]\]>)\s*$")


def _load_json_ld(raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        pass
    cleaned = _JSON_COMMENTS.sub("", raw).strip().rstrip(";")
    cleaned = re.sub(r",\s*([}\]])", r"\1", cleaned)
    cleaned = cleaned.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    try:
        return json.loads(cleaned)
    except ValueError:
        return None


def _walk_json_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_json_ld(data["@graph"], depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk_json_ld(main, depth + 1)


def _first_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _first_str(item)
            if found:
                return found
    if isinstance(value, dict):
        return _first_str(value.get("name") or value.get("@value"))
    return None


@dataclass(slots=True)
class _Page:
    tree: HtmlElement
    url: str | None
    meta: dict[str, list[str]]
    json_ld: list[dict[str, Any]]
    article: dict[str, Any] | None
    site_names: list[str]


def _collect_meta(tree: HtmlElement) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        content = content.strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _main_article(objects: list[dict[str, Any]], url: str | None) -> dict[str, Any] | None:
    candidates = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    if not candidates:
        candidates = [o for o in objects if _types(o) & _PAGE_TYPES and o.get("headline")]
    if not candidates:
        return None
    if len(candidates) > 1 and url:
        wanted = _strip_scheme(url)
        for obj in candidates:
            for key in ("url", "mainEntityOfPage", "@id"):
                ref = obj.get(key)
                if isinstance(ref, dict):
                    ref = ref.get("@id") or ref.get("url")
                if isinstance(ref, str) and _strip_scheme(ref) == wanted:
                    return obj
    with_headline = [o for o in candidates if o.get("headline") or o.get("name")]
    return (with_headline or candidates)[0]


def _strip_scheme(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def _read_page(tree: HtmlElement, url: str | None) -> _Page:
    meta = _collect_meta(tree)
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind or not script.text:
            continue
        objects.extend(_walk_json_ld(_load_json_ld(script.text)))
    article = _main_article(objects, url)
    site_names: list[str] = []
    for key in ("og:site_name", "application-name", "twitter:site", "publisher", "copyright"):
        for value in meta.get(key, []):
            site_names.append(value.lstrip("@"))
    for obj in objects:
        types = _types(obj)
        if types & {"website", "newsmediaorganization", "organization"}:
            name = _first_str(obj.get("name"))
            if name:
                site_names.append(name)
            alternate = _first_str(obj.get("alternateName"))
            if alternate:
                site_names.append(alternate)
    if article is not None:
        publisher = article.get("publisher")
        name = _first_str(publisher)
        if name:
            site_names.append(name)
    if url:
        host = urlsplit(url).hostname or ""
        host = re.sub(r"^(www\d?|m|amp|mobile)\.", "", host)
        if host:
            site_names.append(host)
    names = [s for s in (_clean(n) for n in site_names) if s]
    return _Page(tree, url, meta, objects, article, names)


# ---------------------------------------------------------------------------------------------
# Title


_TITLE_SEPARATORS = re.compile(
    r"\s+(?:[|\-–—:›»·•/\\~]|::|\|\|)\s+|(?<=\w):\s+|\s+_|_\s+"
)


def _is_site_name(segment: str, site_names: Iterable[str]) -> bool:
    folded = _fold(segment)
    if not folded:
        return True
    squashed = re.sub(r"[\W_]+", "", folded)
    for name in site_names:
        other = _fold(name)
        other_squashed = re.sub(r"[\W_]+", "", other)
        if not other_squashed:
            continue
        if squashed == other_squashed:
            return True
        # "example.com" vs "Example", "www.example.de" vs "EXAMPLE magazin"
        host_core = re.sub(r"[\W_]+", "", other.split(".")[0]) if "." in other else ""
        if host_core and len(host_core) >= 3 and (
            squashed == host_core or squashed.startswith(host_core) or host_core in squashed
        ):
            if len(squashed) <= len(host_core) + 12:
                return True
        if len(other_squashed) >= 4 and other_squashed in squashed and len(squashed) <= len(
            other_squashed
        ) + 12:
            return True
    return False


def _strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop leading or trailing segments that name the site ("Headline | Example News")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    separators = _TITLE_SEPARATORS.findall(title)
    # trailing segments
    while len(parts) > 1 and _is_site_name(parts[-1], site_names):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site_name(parts[0], site_names):
        parts.pop(0)
        separators.pop(0)
    rebuilt = parts[0]
    for sep, part in zip(separators, parts[1:], strict=False):
        rebuilt += sep + part
    return rebuilt.strip()


def _overlap(a: str, b: str) -> float:
    """Share of the tokens of ``a`` that occur in ``b``."""
    ta, tb = _tokens(a), set(_tokens(b))
    if not ta:
        return 0.0
    return sum(t in tb for t in ta) / len(ta)


def _h1_candidates(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for element in tree.iter("h1"):
        text = _text_of(element)
        if 2 <= len(text) <= 300 and text not in found:
            found.append(text)
        if len(found) >= 6:
            break
    return found


def _choose_title(page: _Page) -> str | None:
    meta = page.meta
    sites = page.site_names
    html_title = ""
    for element in page.tree.iter("title"):
        html_title = _text_of(element)
        if html_title:
            break
    structured: list[str] = []
    if page.article is not None:
        headline = _first_str(page.article.get("headline")) or _first_str(page.article.get("name"))
        if headline:
            structured.append(_clean(headline))
    for key in ("og:title", "twitter:title", "headline", "title", "dc.title"):
        structured.extend(_clean(v) for v in meta.get(key, []))
    structured = [s for s in structured if s and not _is_site_name(s, sites)]
    references = [s for s in (*structured, html_title) if s]
    h1s = [h for h in _h1_candidates(page.tree) if not _is_site_name(h, sites)]
    # An <h1> that the page's own metadata agrees with is the headline as displayed.
    best_h1, best_score, best_ref = None, 0.0, ""
    for h1 in h1s:
        for ref in references:
            ref_core = _strip_site_name(ref, sites)
            within, covered = _overlap(h1, ref), _overlap(ref_core, h1)
            if within + covered == 0:
                continue
            score = 2 * within * covered / (within + covered)
            if score > best_score:
                best_h1, best_score, best_ref = h1, score, ref_core
    if best_h1 is not None and best_score >= 0.6:
        # "Kicker : Headline  Share" - an h1 with extra words around the metadata headline
        h1_tokens, ref_tokens = _tokens(best_h1), _tokens(best_ref)
        if (
            best_ref in structured
            and _overlap(best_ref, best_h1) == 1.0
            and len(h1_tokens) >= len(ref_tokens) + 3
            and h1_tokens[-len(ref_tokens) :] != ref_tokens  # a kicker before it is fine
        ):
            return best_ref
        return best_h1
    for candidate in structured:
        cleaned = _strip_site_name(candidate, sites)
        if cleaned:
            return cleaned
    if html_title and not _is_site_name(html_title, sites):
        return _strip_site_name(html_title, sites)
    if h1s:
        return h1s[0]
    return html_title or (h1s[0] if h1s else None)


# ---------------------------------------------------------------------------------------------
# Date


_DATE_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "og:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "cxenseparse:recs:publishtime",
    "article.published",
    "datecreated",
    "dc.date.created",
    "dcterms.created",
)


def _date_candidates(page: _Page) -> Iterator[tuple[str, Any]]:
    """Publication-time values with where they came from, most trusted first."""
    for key in _DATE_META_KEYS[:2]:
        for value in page.meta.get(key, []):
            yield key, value
    if page.article is not None:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if page.article.get(key):
                yield "json-ld:" + key, page.article[key]
    for key in _DATE_META_KEYS[2:]:
        for value in page.meta.get(key, []):
            yield key, value
    for obj in page.json_ld:
        if obj is page.article:
            continue
        if _types(obj) & (_ARTICLE_TYPES | _PAGE_TYPES) and obj.get("datePublished"):
            yield "json-ld:other", obj["datePublished"]
    for element in page.tree.iter("time"):
        itemprop = element.get("itemprop") or ""
        if element.get("pubdate") is not None or itemprop == "datePublished":
            yield "time", element.get("datetime")
    for element in _ITEMPROP_PUBLISHED(page.tree):
        yield "itemprop", element.get("datetime") or element.get("content")


_STRONG_DATE_SOURCES = {
    "article:published_time",
    "og:article:published_time",
    "json-ld:datePublished",
    "itemprop",  # microdata datePublished: the same schema.org property as in JSON-LD
}
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january januar janvier enero gennaio janeiro jan ene gen janv",
            "february februar février fevrier febrero febbraio fevereiro feb fév fevr févr",
            "march märz maerz mars marzo março mar mär",
            "april avril abril aprile apr avr abr",
            "may mai mayo maggio maio",
            "june juni juin junio giugno junho jun juin giu",
            "july juli juillet julio luglio julho jul juil lug",
            "august août aout agosto aug ago",
            "september septembre septiembre settembre setembro sep sept set",
            "october oktober octobre octubre ottobre outubro oct okt ott out",
            "november novembre noviembre novembro nov",
            "december dezember décembre decembre diciembre dicembre dezembro dec dez déc dic",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH_NAME = r"([^\W\d_]{3,10})\.?"
_VISIBLE_DATES = (
    # December 3, 2025 / Dec. 3 2025
    (re.compile(_MONTH_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"), ("m", "d", "y")),
    # 3 December 2025 / 3. Dezember 2025 / 3 de diciembre de 2025
    (
        re.compile(r"(\d{1,2})\.?\s+(?:de\s+)?" + _MONTH_NAME + r"\s+(?:de\s+)?(\d{4})"),
        ("d", "m", "y"),
    ),
    # 03.12.2025
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
    # 2025-12-03
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
)


def parse_visible_date(text: str) -> date | None:
    """The first calendar date written out in a short piece of page text."""
    found: list[tuple[int, date]] = []
    for pattern, order in _VISIBLE_DATES:
        match = pattern.search(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month_text = parts["m"]
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            found.append((match.start(), date(int(parts["y"]), month, int(parts["d"]))))
        except ValueError:
            continue
    return min(found)[1] if found else None


_VISIBLE_DATE_XPATH = (
    '//*[self::p or self::span or self::div or self::time or self::small or self::li]'
    '[contains(@class, "date") or contains(@class, "Date") or contains(@class, "publish")'
    ' or contains(@class, "posted") or contains(@class, "time")]'
)


_VISIBLE_DATE_ELEMENTS = etree.XPath(_VISIBLE_DATE_XPATH)
_ITEMPROP_PUBLISHED = etree.XPath('//*[@itemprop="datePublished"]')


def _visible_dates(tree: HtmlElement, limit: int = 8) -> Iterator[date]:
    for element in _VISIBLE_DATE_ELEMENTS(tree)[:limit]:
        text = _text_of(element)
        if 6 <= len(text) <= 120:
            day = parse_visible_date(text)
            if day is not None:
                yield day


def _choose_date(page: _Page, fallback: str | None, now: datetime) -> datetime | date | None:
    """Vote among the page's publication-time fields and htmldate's answer.

    Fields that name the article's publication time (``article:published_time``, the main
    JSON-LD object's ``datePublished``) weigh most; each distinct field votes once per day.
    When the winner is only the page's modification time, a publication date shown near the
    article (``<p class="date">December 3, 2025. Updated: ...``) is preferred.
    """
    # Fields that give the same instant count as one group, dated as first written, so that
    # "2022-05-06T02:00Z" and "2022-05-05T21:00-05:00" do not split their vote.
    groups: dict[Any, list[Any]] = {}
    seen_fields: set[tuple[str, Any]] = set()
    for source, value in _date_candidates(page):
        moment = parse_datetime(value)
        if moment is None or not _plausible(moment, now):
            continue
        if isinstance(moment, datetime) and moment.tzinfo is not None:
            key: Any = moment.astimezone(timezone.utc).replace(second=0, microsecond=0)
        else:
            key = _day_of(moment)
        if (source, key) in seen_fields:
            continue
        seen_fields.add((source, key))
        group = groups.setdefault(key, [moment, 0.0])
        group[1] += 2.0 if source in _STRONG_DATE_SOURCES else 1.0
    votes: dict[date, float] = {}
    first_seen: dict[date, datetime | date] = {}
    for moment, weight in groups.values():
        day = _day_of(moment)
        votes[day] = votes.get(day, 0.0) + weight
        first_seen.setdefault(day, moment)
    found_published = bool(votes)
    if fallback:
        moment = parse_datetime(fallback)
        if moment is not None and _plausible(moment, now):
            day = _day_of(moment)
            votes[day] = votes.get(day, 0.0) + 1.5
            first_seen.setdefault(day, moment)
    if not votes:
        return None
    order = list(first_seen)
    best = max(votes, key=lambda d: (votes[d], -order.index(d)))
    if not found_published:
        modified = set()
        for key in _MODIFIED_KEYS:
            for value in page.meta.get(key, []):
                moment = parse_datetime(value)
                if moment is not None:
                    modified.add(_day_of(moment))
        if page.article is not None:
            moment = parse_datetime(page.article.get("dateModified"))
            if moment is not None:
                modified.add(_day_of(moment))
        if best in modified:
            for day in _visible_dates(page.tree):
                if day <= best and _plausible(day, now):
                    return day
    return first_seen[best]


# ---------------------------------------------------------------------------------------------
# Author


_BYLINE_WORDS = (
    r"by|von|por|par|di|da|door|av|af|przez|автор|авторы|autor(?:in)?|autore|"
    r"author|auteur|auteurs|redaktion|verfasst von|geschrieben von|written by|posted by|"
    r"published by|reported by|story by|words by|interview by|escrito por|écrit par|scritto da"
)
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:" + _BYLINE_WORDS + r")\b\s*[:：]?|(?:text|texte|tekst)\s*[:：])\s*", re.IGNORECASE
)
_BYLINE_START = re.compile(
    r"^\s*[|•·]?\s*(?:(?:" + _BYLINE_WORDS + r")\b\s*[:：]?|(?:text|texte|tekst)\s*[:：])",
    re.IGNORECASE,
)
_INTERFACE_WORDS = {
    "follow",
    "name",
    "username",
    "user",
    "admin",
    "administrator",
    "author",
    "authors",
    "autor",
    "autoren",
    "auteur",
    "by",
    "share",
    "subscribe",
    "login",
    "log in",
    "sign in",
    "read more",
    "more",
    "contact",
    "about",
    "home",
    "comments",
    "comment",
    "menu",
    "search",
    "unknown",
    "anonymous",
    "guest",
    "editor",
    "staff",
    "redaktion",
    "post author",
    "about the author",
    "über den autor",
    "written by",
    "posted by",
    "作者",
    "個人",
}
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@\w+\.\w|\b(?:cookie|javascript|copyright|rights reserved|drupal|wordpress|"
    r"powered by|hecho en|alle beiträge|all posts|view all|ver todos|voir tous|newsletter|"
    r"subscribe|advertis|sponsored|click|loading|follow us|read more)\b|©|[{}<>=]|"
    r"^(?:фото|photos?|foto|bild|image|credit|source|quelle|illustration)\b",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(
    r"\s*(?:[|,–—-]\s*)?\b(?:(?:senior|chief|staff|contributing|deputy|managing|executive|"
    r"associate|special|political|foreign|science|tech|technology|health|sports?|business|news|"
    r"autos?|national|local|digital|social|editorial|travel|culture|food)\s+){0,3}"
    r"(?:reporter|writer|editor|correspondent|"
    r"columnist|contributor|journalist|producer|photographer|critic|analyst)s?\b.*$",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)\s*")
_NAME_CUT = re.compile(r"\s+[|•·]\s+|\s+[—–]\s+|\s+-\s+|\s*/\s+|\s+:\s+|\s*\n")
_NAME_PARTICLES = {
    "von", "van", "der", "den", "de", "da", "di", "del", "della", "des", "du", "la", "le", "al",
    "el", "bin", "ibn", "y", "e", "dos", "das", "do", "ter", "ten", "zu", "und", "and", "et",
    "avec", "mit", "en", "i", "dr.", "prof.",
}
_DATE_TAIL = re.compile(
    r"\s*,?\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"(?:updated|published|aktualisiert|veröffentlicht|publicado|publié|před|il y a|hace|"
    r"vor \d|on \w+day)\b).*$",
    re.IGNORECASE,
)
_ALL_CAPS_PLACE = re.compile(r"(?<=[a-z])\s+[A-Z][A-Z\-]{2,}(?:\s+[A-Z][A-Z\-]{2,})*\s*,.*$")


def _clean_author(raw: str) -> str:
    """The name in one byline string: prefixes, dates, roles and trailing text removed."""
    lines = [_clean(line) for line in raw.splitlines()]
    lines = [line for line in lines if line]
    text = ""
    for index, line in enumerate(lines):
        line = _BYLINE_PREFIX.sub("", line).strip(" \t,;:|-–—·•/")
        if not line or _fold(line) in _INTERFACE_WORDS:
            continue
        text = line
        # "Brenda Goodman," + "MA" on separate lines belong together
        if text.endswith(",") and index + 1 < len(lines):
            text += " " + lines[index + 1]
        break
    if not text:
        return ""
    text = _BYLINE_PREFIX.sub("", text)
    text = _BYLINE_PREFIX.sub("", text)  # "Text: von ..."
    text = _NAME_CUT.split(text, maxsplit=1)[0]
    text = text.replace("(", " ").replace(")", " ")
    text = _DATE_TAIL.sub("", text)
    text = _ALL_CAPS_PLACE.sub("", text)
    stripped = _ROLE_SUFFIX.sub("", text)
    if len(stripped.split()) >= 2:
        text = stripped
    return text.strip(" \t,;:|-–—·•/")


def _looks_like_person(name: str, sites: list[str]) -> bool:
    if not name or len(name) > 80:
        return False
    folded = _fold(name)
    if folded in _INTERFACE_WORDS or _NOT_A_NAME.search(name):
        return False
    words = folded.split()
    if len(words) > 6:
        return False
    if sum(ch.isdigit() for ch in name) > 4:
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    # "En kiosques", "9 articles": several words, one of them a lowercase common word
    tokens = name.split()
    if len(tokens) > 1 and any(
        t[0].islower() and t.lower() not in _NAME_PARTICLES for t in tokens if t[0].isalpha()
    ):
        return False
    if len(tokens) > 1 and any(t.isdigit() for t in tokens):
        return False
    return not _is_site_name(name, sites)


def _split_authors(value: str) -> list[str]:
    parts = [p for p in _AUTHOR_SPLIT.split(value) if p and p.strip()]
    # keep "Brenda Goodman, MA" together: a short all-caps suffix is a degree, not a person
    merged: list[str] = []
    for part in parts:
        if merged and re.fullmatch(r"(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)", part.strip()):
            continue
        merged.append(part.strip())
    return merged


def _json_ld_people(
    value: Any, index: dict[str, dict[str, Any]], depth: int = 0
) -> Iterator[tuple[str, bool]]:
    """Names in a JSON-LD ``author``/``creator`` value, with whether each is an organisation."""
    if depth > 3 or value is None:
        return
    if isinstance(value, str):
        yield value, False
    elif isinstance(value, list):
        for item in value:
            yield from _json_ld_people(item, index, depth + 1)
    elif isinstance(value, dict):
        if set(value) <= {"@id", "@type"} and value.get("@id") in index:
            value = index[value["@id"]]
        is_org = bool(_types(value) & _ORG_TYPES)
        name = value.get("name")
        if isinstance(name, list):
            name = " ".join(str(n) for n in name if isinstance(n, str))
        if not name and (value.get("givenName") or value.get("familyName")):
            name = " ".join(
                str(value[k]) for k in ("givenName", "familyName") if isinstance(value.get(k), str)
            )
        if isinstance(name, str):
            yield name, is_org


_BYLINE_CLASSES = (
    "author",
    "Author",
    "autor",
    "Autor",
    "auteur",
    "byline",
    "Byline",
    "contributor",
    "credit-text",
    "signature",
    "firma",
    "writer",
)
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author"'
    + "".join(f' or contains(@class, "{c}")' for c in _BYLINE_CLASSES)
    + ' or contains(@href, "/author/") or contains(@href, "/authors/")]'
)


_BYLINE_ELEMENTS = etree.XPath(_BYLINE_XPATH)
_ITEMPROP_NAME = etree.XPath('.//*[@itemprop="name"]')


def _in_comments(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if "comment" in (node.get("class") or "") or "comment" in (node.get("id") or ""):
            return True
    return False
_BYLINE_SKIP_TAGS = {"meta", "link", "script", "style", "body", "html", "img", "head", "article"}
_BYLINE_SKIP_CLASSES = re.compile(
    r"avatar|bio|image|img|photo|description|social|follow|more", re.I
)


def _byline_names(tree: HtmlElement) -> Iterator[str]:
    seen = 0
    for element in _BYLINE_ELEMENTS(tree):
        if element.tag in _BYLINE_SKIP_TAGS or not isinstance(element.tag, str):
            continue
        if _BYLINE_SKIP_CLASSES.search(element.get("class") or ""):
            continue
        if seen > 15:
            break
        if _in_comments(element):
            continue
        seen += 1
        name_el = _ITEMPROP_NAME(element)
        if name_el:
            yield name_el[0].get("content") or _text_of(name_el[0])
            continue
        text = "\n".join(t for t in element.itertext() if t.strip())
        if 2 <= len(text) <= 160:
            yield text


_PREFIX_TEXT_XPATH = (
    "//*[self::p or self::span or self::div or self::b or self::strong or self::em"
    " or self::small or self::li or self::h5 or self::h6 or self::address]"
    "[string-length(normalize-space()) < 80][string-length(normalize-space()) > 3]"
)


def _prefixed_bylines(tree: HtmlElement) -> Iterator[str]:
    """Short blocks that start with a byline word ("By Jane Doe", "Auteur : Jean Dupont")."""
    checked = 0
    body = tree.find("body")
    if body is None:
        return
    for element in body.iter("p", "span", "div", "b", "strong", "em", "small", "li", "h6"):
        # cheap test on the element's own leading text before reading all of it
        lead = element.text
        if not lead or len(lead) > 200 or not _BYLINE_START.match(lead):
            continue
        text = "\n".join(t for t in element.itertext() if t.strip())
        if not text or len(text) > 120:
            continue
        checked += 1
        if checked > 10:
            break
        if _BYLINE_PREFIX.sub("", _clean(text)).strip(" :|"):
            yield text
            continue
        # "<b>Von:</b> <br/> Götz Warnke" or "<span>By </span><span>Name</span>"
        parent = element.getparent()
        if parent is not None:
            around = "\n".join(t for t in parent.itertext() if t.strip())
            if len(around) < 120 and _BYLINE_PREFIX.sub("", _clean(around)).strip(" :|"):
                yield around
                continue
        following = element.getnext()
        if following is not None and len(_text_of(following)) < 80:
            yield _text_of(following)


def _choose_authors(page: _Page, fallback: Callable[[], str | None] | None = None) -> list[str]:
    sites = page.site_names
    people: list[str] = []
    organisations: list[str] = []

    def add(raw: str, is_org: bool = False) -> None:
        for part in _split_authors(_clean_author(raw)):
            part = _clean_author(part)
            if not _looks_like_person(part, sites):
                if part and (is_org or _is_site_name(part, sites)):
                    organisations.append(part)
                continue
            (organisations if is_org else people).append(part)

    index = {o["@id"]: o for o in page.json_ld if isinstance(o.get("@id"), str)}
    if page.article is not None:
        for key in ("author", "creator"):
            for name, is_org in _json_ld_people(page.article.get(key), index):
                add(name, is_org)
    if not people:
        for key in (
            "author",
            "article:author",
            "og:article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "dcterms.creator",
            "byl",
            "cxenseparse:author",
        ):
            for value in page.meta.get(key, []):
                if not value.startswith("http"):
                    add(value)
            if people:
                break
    if not people:
        # Yoast and others: <meta name="twitter:label1" content="Written by"> + twitter:data1
        for number in "12345":
            label = page.meta.get(f"twitter:label{number}")
            data = page.meta.get(f"twitter:data{number}")
            if label and data and _BYLINE_START.match(label[0] + " "):
                add(data[0])
    if not people:
        for obj in page.json_ld:
            if obj is not page.article and _types(obj) & (_ARTICLE_TYPES | _PAGE_TYPES):
                for name, is_org in _json_ld_people(obj.get("author"), index):
                    add(name, is_org)
    byline_organisations = 0
    for source in (_byline_names, _prefixed_bylines):
        if people or byline_organisations:
            break
        before = len(organisations)
        for raw in source(page.tree):
            add(raw)
            if people:
                break
        byline_organisations = len(organisations) - before
    if not people and not organisations:
        meta = page.meta
        descriptions = meta.get("description", [])[:1] + meta.get("og:description", [])[:1]
        for value in descriptions:
            if _BYLINE_START.match(value):
                add(value[:80])
                if people:
                    break
    if not people and not organisations and fallback is not None:
        for part in (fallback() or "").split(";"):
            if part.strip():
                add(part)
    chosen = people or organisations
    unique: list[str] = []
    seen: set[str] = set()
    for name in chosen:
        key = _fold(name)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique[:10]


# ---------------------------------------------------------------------------------------------
# Whole page


def _canonical(page: _Page) -> str | None:
    for element in page.tree.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            href = element.get("href").strip()
            return urljoin(page.url, href) if page.url else href
    for key in ("og:url",):
        for value in page.meta.get(key, []):
            if value.startswith("http"):
                return value
    return None


def _language(page: _Page) -> str | None:
    lang = page.tree.get("lang") or page.tree.get("xml:lang")
    if not lang:
        for key in ("og:locale", "content-language", "language", "dc.language"):
            values = page.meta.get(key)
            if values:
                lang = values[0]
                break
    if not lang:
        return None
    lang = lang.strip().replace("_", "-").split("-")[0].lower()
    return lang if re.fullmatch(r"[a-z]{2,3}", lang) else None


def extract_article(
    html: bytes | str,
    url: str | None = None,
    *,
    charset: str | None = None,
    now: datetime | None = None,
) -> Article:
    """Extract title, author, date and main text from one article page."""
    import trafilatura
    from trafilatura.utils import load_html

    text_html = decode_html(html, charset)
    tree = load_html(text_html)
    if tree is None:
        return Article(url=url)
    page = _read_page(tree, url)
    now = now or datetime.now(timezone.utc)
    canonical = _canonical(page)
    page_url = url or canonical
    # trafilatura for the main text only: our own pass does the metadata, htmldate the date
    # fallback, and trafilatura's author/title heuristics are asked only when ours find nothing
    # (its full metadata pass would cost about a third of the time).
    document = trafilatura.bare_extraction(
        tree,
        url=page_url,
        with_metadata=False,
        favor_recall=True,
        include_comments=False,
        include_links=False,
        deduplicate=False,
    )
    body = trafilatura_fields(document)["text"] or ""
    fallback_date = _htmldate(tree, canonical or url, now)
    title = _choose_title(page) or _trafilatura_title(tree)
    if title and body:
        # trafilatura keeps the headline as the first line of the text; it is the title
        first, _, rest = body.partition("\n")
        if _fold(first) == _fold(title) and rest.strip():
            body = rest.lstrip("\n")
    authors = _choose_authors(page, lambda: _trafilatura_author(tree))
    published = _choose_date(page, fallback_date, now)
    return Article(
        title=title,
        author=", ".join(authors) if authors else None,
        authors=authors,
        published_at=published,
        date=_day_of(published).isoformat() if published is not None else None,
        text=body,
        description=_first_meta(page, "description", "og:description", "twitter:description"),
        sitename=_first_meta(page, "og:site_name", "application-name") or (
            page.site_names[0] if page.site_names else None
        ),
        language=_language(page),
        url=url,
        canonical_url=canonical,
        links=_links(page),
    )


def _htmldate(tree: HtmlElement, url: str | None, now: datetime) -> str | None:
    """htmldate's answer, with the parameters trafilatura gives it."""
    from htmldate import find_date

    try:
        return find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=True,
            max_date=now.strftime("%Y-%m-%d"),
        )
    except (ValueError, TypeError):
        return None


def _trafilatura_title(tree: HtmlElement) -> str | None:
    from trafilatura.metadata import extract_title

    return _clean(extract_title(tree)) or None


def _trafilatura_author(tree: HtmlElement) -> str | None:
    from trafilatura.metadata import extract_author

    return extract_author(tree)


def _first_meta(page: _Page, *keys: str) -> str | None:
    for key in keys:
        for value in page.meta.get(key, []):
            if _clean(value):
                return _clean(value)
    return None


def trafilatura_fields(document: Any) -> dict[str, Any]:
    """The fields we use from trafilatura's answer (a ``Document``, a dict, or None)."""
    names = ("title", "author", "date", "text", "description", "sitename")
    if document is None:
        return dict.fromkeys(names)
    if isinstance(document, dict):
        return {name: document.get(name) for name in names}
    return {name: getattr(document, name, None) for name in names}


_CONTENT_XPATH = (
    '//*[self::article or @itemprop="articleBody"'
    ' or contains(@class, "article-body") or contains(@class, "article__body")'
    ' or contains(@class, "entry-content") or contains(@class, "post-content")'
    ' or contains(@class, "story-body") or contains(@class, "articleBody")]'
)
_CONTENT_ELEMENTS = etree.XPath(_CONTENT_XPATH)
_HREFS_WITHIN = etree.XPath(".//a/@href")
_PARAGRAPH_HREFS = etree.XPath("//p//a/@href")


def _links(page: _Page, limit: int = 100) -> list[str]:
    """Links in the article itself (its ``<article>`` or body container, else its paragraphs),
    not the site's navigation."""
    scopes = _CONTENT_ELEMENTS(page.tree)
    hrefs = (
        [h for scope in scopes[:3] for h in _HREFS_WITHIN(scope)]
        if scopes
        else _PARAGRAPH_HREFS(page.tree)
    )
    links: list[str] = []
    seen: set[str] = set()
    for raw in hrefs:
        href = str(raw).strip()
        if not href or href in seen or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        seen.add(href)
        absolute = urljoin(page.url, href) if page.url else href
        if absolute.startswith(("http://", "https://")) and absolute not in links:
            links.append(absolute)
            if len(links) >= limit:
                break
    return links


def parse_article(
    html: bytes | str, url: str | None = None, *, charset: str | None = None
) -> Post:
    """Parse an article page into a ``Post`` (canonical URL without tracking parameters)."""
    from bot.urls import canonical_url

    article = extract_article(html, url, charset=charset)
    canonical = article.canonical_url or url
    published = article.published_at
    if isinstance(published, date) and not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day, tzinfo=timezone.utc)
    return Post(
        text=article.text,
        platform="article",
        url=url,
        canonical_url=canonical_url(canonical) if canonical else None,
        author_name=article.author,
        published_at=published,
        title=article.title,
        language=article.language,
        links=article.links,
        extra={
            k: v
            for k, v in (
                ("sitename", article.sitename),
                ("description", article.description),
                ("authors", article.authors),
                ("date", article.date),
            )
            if v
        },
    )
