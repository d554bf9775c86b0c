"""Links as users send them: find them in text, normalise them, and tell what they point at.

Pure functions only. ``link_kind`` decides which parser handles a link (Telegram post or
channel, X/Twitter post, or any other web page/feed); ``canonical_url`` gives the form we
store and compare (lower-case host, no fragment, no tracking parameters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

__all__ = [
    "LinkKind",
    "Link",
    "canonical_url",
    "find_urls",
    "link_kind",
    "normalize_url",
    "strip_tracking",
    "x_post_url",
    "telegram_post_url",
]

LinkKind = Literal[
    "telegram_post",
    "telegram_channel",
    "telegram_private",
    "x_post",
    "x_other",
    "web",
]

TELEGRAM_HOSTS = {"t.me", "telegram.me", "telegram.dog"}
X_HOSTS = {
    "x.com",
    "twitter.com",
    "mobile.twitter.com",
    "mobile.x.com",
    "m.twitter.com",
    "fxtwitter.com",
    "fixupx.com",
    "vxtwitter.com",
    "fixvx.com",
    "twittpr.com",
    "nitter.net",
    "nitter.poast.org",
    "xcancel.com",
}
_TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "ref_src",
    "ref_url",
    "cmpid",
    "ito",
    "ns_campaign",
    "ns_mchannel",
    "ns_source",
    "ns_linkname",
    "ns_fee",
    "spm",
    "share",
    "smid",
    "soc_src",
    "soc_trk",
}
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hmb_", "__twitter")
# parameters that only mean something to twitter.com / x.com share links
_X_SHARE_PARAMS = {"s", "t", "ref_src", "ref_url", "src", "lang"}

_URL_IN_TEXT = re.compile(
    r"(?i)\b(?:https?://|www\.|t\.me/|x\.com/|twitter\.com/)[^\s<>\"'«»“”‘’]+"
)
_TRAILING_PUNCT = ".,;:!?)]}>'\"»…"

_TG_RESERVED = {"s", "c", "joinchat", "addstickers", "addemoji", "share", "proxy", "socks",
                "setlanguage", "iv", "login", "addlist", "boost", "contact", "invoice",
                "bg", "addtheme", "confirmphone"}
_TG_CHANNEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


@dataclass(frozen=True, slots=True)
class Link:
    """What a link points at, with the parts its parser needs."""

    kind: LinkKind
    url: str
    channel: str | None = None  # Telegram channel or X handle
    post_id: str | None = None
    before: str | None = None  # t.me/s pagination cursor


def find_urls(text: str) -> list[str]:
    """Links in a message, in order, each once, with trailing punctuation removed."""
    found: list[str] = []
    for match in _URL_IN_TEXT.finditer(text or ""):
        candidate = match.group(0)
        while candidate and candidate[-1] in _TRAILING_PUNCT:
            if candidate[-1] == ")" and candidate.count("(") >= candidate.count(")"):
                break
            candidate = candidate[:-1]
        if not candidate:
            continue
        if not re.match(r"(?i)https?://", candidate):
            candidate = "https://" + candidate
        if candidate not in found:
            found.append(candidate)
    return found


def normalize_url(raw: str) -> str:
    """Tidy a link as typed: add https:// when missing, lower-case scheme and host, drop the
    fragment and default port. Does not judge whether the link is safe to fetch."""
    text = (raw or "").strip().strip("<>")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        if re.match(r"^[\w.-]+\.[a-zA-Z]{2,}(?:[:/?#]|$)", text):
            text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        return text
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        pass
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        netloc += f":{parts.port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += ":" + parts.password
        netloc = f"{userinfo}@{netloc}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def strip_tracking(url: str, *, drop: set[str] | None = None) -> str:
    """Remove utm_*, fbclid, gclid and similar parameters; keep the order of the rest."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    extra = drop or set()
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS
        and key.lower() not in extra
        and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    query = urlencode(kept, doseq=True, quote_via=quote, safe="/:@,")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def link_kind(url: str) -> Link:
    """Classify a link: Telegram post/channel/private, X post, or any other web page."""
    normal = normalize_url(url)
    parts = urlsplit(normal)
    host = _host(normal)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    query = dict(parse_qsl(parts.query))
    if host in TELEGRAM_HOSTS:
        return _telegram_link(normal, segments, query)
    if host in X_HOSTS or host.endswith((".x.com", ".twitter.com")):
        return _x_link(normal, segments)
    return Link("web", strip_tracking(normal))


def _telegram_link(url: str, segments: list[str], query: dict[str, str]) -> Link:
    if not segments:
        return Link("web", url)
    first = segments[0]
    if first == "c" or first.startswith("+") or first == "joinchat":
        return Link("telegram_private", url)
    if first == "s":
        if len(segments) >= 2 and _TG_CHANNEL.match(segments[1]):
            channel = segments[1]
            if len(segments) >= 3 and segments[2].isdigit():
                return Link(
                    "telegram_post", telegram_post_url(channel, segments[2]), channel, segments[2]
                )
            before = query.get("before")
            return Link(
                "telegram_channel",
                f"https://t.me/s/{channel}" + (f"?before={before}" if before else ""),
                channel,
                before=before if before and before.isdigit() else None,
            )
        return Link("web", url)
    if first in _TG_RESERVED or not _TG_CHANNEL.match(first):
        return Link("web", url)
    if len(segments) >= 2 and segments[1].isdigit():
        return Link("telegram_post", telegram_post_url(first, segments[1]), first, segments[1])
    if len(segments) == 1:
        return Link("telegram_channel", f"https://t.me/s/{first}", first)
    return Link("web", url)


def _x_link(url: str, segments: list[str]) -> Link:
    # /<user>/status/<id>, /<user>/statuses/<id>, /i/web/status/<id>, /i/status/<id>
    for index, segment in enumerate(segments[:-1]):
        if segment in ("status", "statuses") and re.fullmatch(r"\d{1,25}", segments[index + 1]):
            handle = segments[index - 1] if index >= 1 else None
            if handle in ("i", "web", None):
                handle = None
            post_id = segments[index + 1]
            return Link("x_post", x_post_url(post_id, handle), handle, post_id)
    return Link("x_other", url, segments[0] if segments else None)


def telegram_post_url(channel: str, post_id: str | int) -> str:
    return f"https://t.me/{channel}/{post_id}"


def x_post_url(post_id: str, handle: str | None = None) -> str:
    return f"https://x.com/{handle or 'i'}/status/{post_id}"


def canonical_url(url: str) -> str:
    """The form of a link we store and compare: normalised, tracking removed, no fragment.

    Telegram and X links become ``https://t.me/<channel>/<id>`` and
    ``https://x.com/<handle>/status/<id>`` whatever mirror or mobile host they came from.
    """
    link = link_kind(url)
    if link.kind in ("telegram_post", "telegram_channel", "x_post"):
        return link.url
    normal = strip_tracking(normalize_url(url))
    host = _host(normal)
    if host in X_HOSTS:
        normal = strip_tracking(normal, drop=_X_SHARE_PARAMS)
    return normal
