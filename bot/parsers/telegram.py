"""Telegram channel posts from the public web preview (``t.me/s/<channel>``, ``?embed=1``).

Pure parsing: HTML in, ``Post`` objects out. One ``tgme_widget_message`` block becomes one
``Post`` with the channel as author, the post time, the text with its line breaks and links,
views, the author signature, what it was forwarded from, the message it replies to, its link
preview, poll and media kinds. ``parse_channel_page`` reads a whole ``t.me/s`` page and the
cursor for the next (older) page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml.html import HtmlElement

from bot.domain import Post
from bot.parsers.errors import ParseError, PostNotFound

__all__ = [
    "ChannelPage",
    "embed_url",
    "parse_channel_page",
    "parse_message",
    "parse_post_page",
    "parse_views",
    "preview_url",
]

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def preview_url(channel: str, before: str | int | None = None) -> str:
    """The public web preview of a channel (newest posts, or those before a post id)."""
    return f"https://t.me/s/{channel}" + (f"?before={before}" if before else "")


def embed_url(channel: str, post_id: str | int) -> str:
    """The embeddable widget page that shows one post."""
    return f"https://t.me/{channel}/{post_id}?embed=1&mode=tme"


def _has_class(element: HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _find_all(element: HtmlElement, name: str) -> list[HtmlElement]:
    return element.xpath(f'.//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')


def _find(element: HtmlElement, name: str) -> HtmlElement | None:
    found = _find_all(element, name)
    return found[0] if found else None


def _flat(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def parse_views(value: str | None) -> int | None:
    """'214.4K' -> 214400, '1.2M' -> 1200000, '987' -> 987."""
    if not value:
        return None
    match = re.fullmatch(r"\s*([\d.,]+)\s*([KMB]?)\s*", value, re.IGNORECASE)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    scale = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}[match.group(2).upper()]
    return int(round(number * scale))


def _rich_text(element: HtmlElement, base_url: str, links: list[str]) -> str:
    """Message text as shown: ``<br>`` becomes a line break, source newlines are spaces."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            pieces.append("\n")
        elif tag in ("script", "style"):
            pass
        elif tag == "pre":
            pieces.append("\n" + node.text_content().strip("\n") + "\n")
        else:
            if tag == "a":
                href = (node.get("href") or "").strip()
                if href and not href.startswith(("?q=", "#", "javascript:")):
                    absolute = urljoin(base_url, href)
                    if absolute not in links:
                        links.append(absolute)
            if node.text:
                pieces.append(_SPACES.sub(" ", node.text))
            for child in node:
                walk(child)
                if child.tail:
                    pieces.append(_SPACES.sub(" ", child.tail))
            if tag in ("div", "p", "blockquote") and node is not element:
                pieces.append("\n")

    walk(element)
    lines = "".join(pieces).split("\n")
    cleaned = [line.strip() for line in lines]
    text = "\n".join(cleaned)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _media_kinds(message: HtmlElement) -> list[str]:
    kinds: list[str] = []

    def add(kind: str) -> None:
        if kind not in kinds:
            kinds.append(kind)

    for element in message.iter():
        classes = (element.get("class") or "").split()
        if not classes:
            continue
        if "tgme_widget_message_link_preview" in classes:
            continue
        if "tgme_widget_message_photo_wrap" in classes:
            add("photo")
        elif "tgme_widget_message_video_player" in classes:
            video = element.find(".//video")
            looped = video is not None and video.get("loop") is not None
            has_duration = _find(element, "message_video_duration") is not None
            add("gif" if looped and not has_duration else "video")
        elif "tgme_widget_message_roundvideo_player" in classes:
            add("video_note")
        elif "tgme_widget_message_voice_player" in classes:
            add("voice")
        elif "tgme_widget_message_document_wrap" in classes:
            add("document")
        elif "tgme_widget_message_sticker_wrap" in classes:
            add("sticker")
        elif "tgme_widget_message_poll" in classes:
            add("poll")
        elif "tgme_widget_message_location_wrap" in classes:
            add("location")
        elif "tgme_widget_message_contact_wrap" in classes:
            add("contact")
    return kinds


def parse_poll(element: HtmlElement) -> dict[str, Any]:
    """A poll block: question, type and options with their percentages."""
    question = _find(element, "tgme_widget_message_poll_question")
    kind = _find(element, "tgme_widget_message_poll_type")
    options = []
    for option in _find_all(element, "tgme_widget_message_poll_option"):
        text = _find(option, "tgme_widget_message_poll_option_text")
        percent = _find(option, "tgme_widget_message_poll_option_percent")
        options.append(
            {
                "text": _flat(text.text_content()) if text is not None else "",
                "percent": _flat(percent.text_content()) if percent is not None else None,
            }
        )
    return {
        "question": _flat(question.text_content()) if question is not None else "",
        "type": _flat(kind.text_content()) if kind is not None else None,
        "options": options,
    }


def parse_link_preview(element: HtmlElement, base_url: str = "https://t.me/") -> dict[str, Any]:
    """A link preview block: the linked URL, site name, title and description."""
    links: list[str] = []
    result: dict[str, Any] = {"url": urljoin(base_url, element.get("href") or "") or None}
    for key, name in (
        ("site_name", "link_preview_site_name"),
        ("title", "link_preview_title"),
        ("description", "link_preview_description"),
    ):
        found = _find(element, name)
        result[key] = _rich_text(found, base_url, links) if found is not None else None
    return result


def _author_and_handle(
    message: HtmlElement, data_post: str | None
) -> tuple[str | None, str | None]:
    owner = _find(message, "tgme_widget_message_owner_name")
    name = _flat(owner.text_content()) if owner is not None else None
    handle = data_post.split("/")[0] if data_post and "/" in data_post else None
    if handle is None and owner is not None:
        match = re.search(r"t\.me/([A-Za-z0-9_]+)", owner.get("href") or "")
        handle = match.group(1) if match else None
    return name or None, handle


def _time_of(message: HtmlElement) -> datetime | None:
    date_link = _find(message, "tgme_widget_message_date")
    candidates = [date_link] if date_link is not None else []
    candidates.append(message)
    for scope in candidates:
        for time in scope.iter("time"):
            value = time.get("datetime")
            if value:
                try:
                    return datetime.fromisoformat(value.replace("Z", "+00:00"))
                except ValueError:
                    continue
    return None


def _reply(message: HtmlElement, base_url: str) -> Post | None:
    reply = _find(message, "tgme_widget_message_reply")
    if reply is None:
        return None
    href = reply.get("href")
    author = _find(reply, "tgme_widget_message_author_name")
    text_el = _find(reply, "tgme_widget_message_metatext")
    if text_el is None:
        text_el = _find(reply, "tgme_widget_message_text")
    links: list[str] = []
    url = urljoin(base_url, href) if href else None
    channel = post_id = None
    if url:
        match = re.search(r"t\.me/(?:s/)?([A-Za-z0-9_]+)/(\d+)", url)
        if match:
            channel, post_id = match.groups()
    return Post(
        text=_rich_text(text_el, base_url, links) if text_el is not None else "",
        platform="telegram",
        url=url,
        canonical_url=url.split("?")[0] if url else None,
        author_name=_flat(author.text_content()) if author is not None else None,
        author_handle=channel,
        links=links,
        extra={"post_id": post_id} if post_id else {},
    )


def parse_message(message: HtmlElement, base_url: str = "https://t.me/") -> Post:
    """One ``tgme_widget_message`` block as a ``Post``."""
    if not _has_class(message, "tgme_widget_message"):
        inner = _find(message, "tgme_widget_message")
        if inner is not None:
            message = inner
    data_post = message.get("data-post")
    name, handle = _author_and_handle(message, data_post)
    post_id = data_post.split("/", 1)[1] if data_post and "/" in data_post else None
    url = f"https://t.me/{data_post}" if data_post else None

    links: list[str] = []
    texts = [
        t
        for t in _find_all(message, "tgme_widget_message_text")
        if not any(_has_class(a, "tgme_widget_message_text") for a in t.iterancestors())
        and not any(
            _has_class(a, "tgme_widget_message_reply")
            or _has_class(a, "tgme_widget_message_link_preview")
            for a in t.iterancestors()
        )
    ]
    text = "\n\n".join(filter(None, (_rich_text(t, base_url, links) for t in texts)))

    extra: dict[str, Any] = {}
    if post_id:
        extra["post_id"] = post_id
    views = _find(message, "tgme_widget_message_views")
    if views is not None:
        extra["views"] = parse_views(views.text_content())
    signature = _find(message, "tgme_widget_message_from_author")
    if signature is not None and _flat(signature.text_content()):
        extra["signature"] = _flat(signature.text_content())
    meta = _find(message, "tgme_widget_message_meta")
    if meta is not None and "edited" in (meta.text_content() or "").lower():
        extra["edited"] = True

    forwarded_from = forwarded_url = None
    forwarded = _find(message, "tgme_widget_message_forwarded_from_name")
    if forwarded is not None:
        forwarded_from = _flat(forwarded.text_content()) or None
        href = forwarded.get("href")
        forwarded_url = urljoin(base_url, href) if href else None

    preview_el = _find(message, "tgme_widget_message_link_preview")
    if preview_el is not None:
        preview = parse_link_preview(preview_el, base_url)
        extra["link_preview"] = preview
        if preview.get("url") and preview["url"] not in links:
            links.append(preview["url"])

    poll_el = _find(message, "tgme_widget_message_poll")
    if poll_el is not None:
        poll = parse_poll(poll_el)
        extra["poll"] = poll
        if not text:
            text = "\n".join([poll["question"], *(f"- {o['text']}" for o in poll["options"])])

    document = _find(message, "tgme_widget_message_document_title")
    if document is not None:
        extra["document"] = _flat(document.text_content())

    return Post(
        text=text,
        platform="telegram",
        url=url,
        canonical_url=url,
        author_name=name,
        author_handle=handle,
        published_at=_time_of(message),
        links=links,
        forwarded_from=forwarded_from,
        forwarded_from_url=forwarded_url,
        quoted=_reply(message, base_url),
        media=_media_kinds(message),
        extra=extra,
    )


@dataclass(slots=True)
class ChannelPage:
    """A ``t.me/s/<channel>`` page: the channel, its posts (oldest first) and the next cursor."""

    channel: str | None
    title: str | None
    description: str | None
    posts: list[Post] = field(default_factory=list)
    before: str | None = None  # pass to preview_url(channel, before) for older posts
    subscribers: str | None = None


def _load(html: bytes | str) -> HtmlElement:
    from bot.parsers.article import decode_html

    text = decode_html(html) if isinstance(html, bytes) else html
    if not text.strip():
        raise ParseError("The Telegram page was empty")
    return lxml.html.fromstring(text)


def parse_channel_page(html: bytes | str, url: str | None = None) -> ChannelPage:
    """Every post on a channel preview page (or any HTML with message blocks)."""
    root = _load(html)
    base = url or "https://t.me/"
    messages = [
        m for m in _find_all(root, "tgme_widget_message") if m.get("data-post")
    ]
    if not messages and _has_class(root, "tgme_widget_message"):
        messages = [root]
    posts = [parse_message(m, base) for m in messages]
    title_el = _find(root, "tgme_channel_info_header_title")
    if title_el is None:
        title_el = _find(root, "tgme_header_title")
    username_el = _find(root, "tgme_channel_info_header_username")
    description_el = _find(root, "tgme_channel_info_description")
    channel = None
    if username_el is not None:
        channel = _flat(username_el.text_content()).lstrip("@") or None
    if channel is None and posts and posts[0].author_handle:
        channel = posts[0].author_handle
    before = None
    more = _find(root, "tme_messages_more")
    if more is not None and more.get("data-before"):
        before = more.get("data-before")
    else:
        for link in root.iter("link"):
            if link.get("rel") == "prev":
                match = re.search(r"before=(\d+)", link.get("href") or "")
                if match:
                    before = match.group(1)
    counter = _find(root, "tgme_header_counter")
    return ChannelPage(
        channel=channel,
        title=_flat(title_el.text_content()) if title_el is not None else None,
        description=_flat(description_el.text_content()) if description_el is not None else None,
        posts=posts,
        before=before,
        subscribers=_flat(counter.text_content()) if counter is not None else None,
    )


def parse_post_page(html: bytes | str, channel: str, post_id: str | int) -> Post:
    """The post ``channel/post_id`` from a preview or embed page; ``PostNotFound`` if absent."""
    root = _load(html)
    wanted = f"{channel}/{post_id}".lower()
    error = _find(root, "tgme_widget_message_error")
    for message in _find_all(root, "tgme_widget_message"):
        if (message.get("data-post") or "").lower() == wanted:
            return parse_message(message)
    if error is not None:
        raise PostNotFound(
            f"Telegram says this post does not exist or was deleted "
            f"(t.me/{channel}/{post_id}: {_flat(error.text_content())})"
        )
    raise PostNotFound(
        f"The post t.me/{channel}/{post_id} was not found: it may have been deleted, or the "
        "channel does not allow its posts to be shown on the web"
    )
