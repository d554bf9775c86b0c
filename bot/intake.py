"""Intake step for Telegram: a Message (or an album of them) becomes a Post.

Pure functions over python-telegram-bot's data objects: the forward origin (user, hidden user,
chat, channel; a public channel's post gets its https://t.me/<username>/<id> URL), links from
`url` and `text_link` entities (offsets count UTF-16 code units), captions, and media kinds.
`expand_link_post` is the seam to link fetching: a message that is only a link is fetched and
parsed when a fetcher is wired in, and checked as text with a note otherwise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence

from telegram import (
    Message,
    MessageEntity,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.domain import Post
from bot.i18n import note

LOGGER = logging.getLogger(__name__)

LinkFetcher = Callable[[str], Awaitable[Post]]

MEDIA_ATTRIBUTES: tuple[str, ...] = (
    "photo", "video", "animation", "document", "audio", "voice", "video_note", "sticker",
    "poll", "location", "contact",
)
LINK_ENTITY_TYPES = (MessageEntity.URL, MessageEntity.TEXT_LINK)
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
LEFTOVER_RE = re.compile(r"^[\s\W]*$", re.UNICODE)


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The part of `text` at `offset` and `length` counted in UTF-16 code units (as Telegram does)."""
    encoded = text.encode("utf-16-le")
    return encoded[offset * 2:(offset + length) * 2].decode("utf-16-le", errors="replace")


def normalise_link(raw: str) -> str | None:
    """An http(s) URL from what Telegram marked as a link ("example.com/x" gets https://)."""
    link = raw.strip()
    if not link:
        return None
    if not SCHEME_RE.match(link):
        if "@" in link.split("/", 1)[0]:
            return None  # an e-mail address that slipped in
        link = "https://" + link
    return link if link.lower().startswith(("http://", "https://")) else None


def entity_links(text: str, entities: Sequence[MessageEntity]) -> list[str]:
    """Every link in a text, from `url` and `text_link` entities, in order, without repeats."""
    links: list[str] = []
    for entity in entities:
        if entity.type == MessageEntity.URL:
            found = normalise_link(utf16_slice(text, entity.offset, entity.length))
        elif entity.type == MessageEntity.TEXT_LINK and entity.url:
            found = normalise_link(entity.url)
        else:
            continue
        if found and found not in links:
            links.append(found)
    return links


def only_link(text: str, entities: Sequence[MessageEntity]) -> str | None:
    """The link when a text is nothing but one link (punctuation around it allowed)."""
    links = entity_links(text, entities)
    if len(links) != 1:
        return None
    encoded = text.encode("utf-16-le")
    rest = bytearray(encoded)
    for entity in entities:
        if entity.type in LINK_ENTITY_TYPES:
            start, end = entity.offset * 2, (entity.offset + entity.length) * 2
            rest[start:end] = b" \x00" * (entity.length)
    leftover = bytes(rest).decode("utf-16-le", errors="replace")
    return links[0] if LEFTOVER_RE.match(leftover) else None


def media_kinds(message: Message) -> list[str]:
    """The kinds of media a message carries: "photo", "video", "poll", ..."""
    return [name for name in MEDIA_ATTRIBUTES if getattr(message, name, None)]


def message_text(message: Message) -> tuple[str, Sequence[MessageEntity]]:
    """A message's text and entities, or its caption and caption entities, or a poll's question."""
    if message.text:
        return message.text, message.entities
    if message.caption:
        return message.caption, message.caption_entities
    if message.poll is not None:
        options = "\n".join(f"- {o.text}" for o in message.poll.options)
        return f"{message.poll.question}\n{options}".strip(), ()
    return "", ()


def public_post_url(username: str | None, message_id: int | None) -> str | None:
    """https://t.me/<username>/<message_id> for a public channel's or group's post."""
    if not username or not message_id:
        return None
    return f"https://t.me/{username}/{message_id}"


def apply_origin(post: Post, origin: MessageOrigin) -> None:
    """Fill in who originally posted a forwarded message, when, and its link if public."""
    post.platform = "telegram"
    post.published_at = origin.date
    post.extra["origin_type"] = origin.type
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        post.author_name = user.full_name
        post.author_handle = user.username
        post.forwarded_from = user.full_name
        post.forwarded_from_url = f"https://t.me/{user.username}" if user.username else None
    elif isinstance(origin, MessageOriginHiddenUser):
        post.author_name = origin.sender_user_name
        post.forwarded_from = origin.sender_user_name
    elif isinstance(origin, MessageOriginChat):
        chat = origin.sender_chat
        post.author_name = origin.author_signature or chat.title
        post.author_handle = chat.username
        post.forwarded_from = chat.title or chat.username
        post.forwarded_from_url = f"https://t.me/{chat.username}" if chat.username else None
    elif isinstance(origin, MessageOriginChannel):
        chat = origin.chat
        url = public_post_url(chat.username, origin.message_id)
        post.author_name = origin.author_signature or chat.title
        post.author_handle = chat.username
        post.forwarded_from = chat.title or chat.username
        post.forwarded_from_url = url or (f"https://t.me/{chat.username}" if chat.username
                                          else None)
        post.url = url
        post.canonical_url = url
        post.extra["channel_id"] = chat.id
        post.extra["channel_message_id"] = origin.message_id
    if getattr(origin, "author_signature", None):
        post.extra["author_signature"] = origin.author_signature  # type: ignore[attr-defined]


def post_from_message(message: Message) -> Post:
    """The Post for one message: its text or caption, links, media, and forward origin."""
    text, entities = message_text(message)
    post = Post(text=text.strip(), links=entity_links(text, entities),
                media=media_kinds(message))
    link = only_link(text, entities)
    if link:
        post.extra["only_link"] = link
    if message.forward_origin is not None:
        apply_origin(post, message.forward_origin)
    return post


def command_argument(text: str, entities: Sequence[MessageEntity]) -> tuple[str, list[MessageEntity]]:
    """The text after a leading bot command ("/check@bot <this>"), with entities shifted."""
    command = next((e for e in entities
                    if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    if command is None:
        return text, list(entities)
    cut = command.length
    rest = utf16_slice(text, cut, len(text.encode("utf-16-le")) // 2 - cut)
    shifted = [
        MessageEntity(e.type, e.offset - cut, e.length, url=e.url)
        for e in entities if e.offset >= cut
    ]
    lead = len(rest) - len(rest.lstrip())
    if lead:
        width = len(rest[:lead].encode("utf-16-le")) // 2
        rest = rest[lead:]
        shifted = [MessageEntity(e.type, e.offset - width, e.length, url=e.url) for e in shifted]
    return rest, shifted


def post_from_command(message: Message) -> Post:
    """The Post for "/check <text>": the text after the command, with its links."""
    text, entities = command_argument(message.text or "", message.entities)
    post = Post(text=text.strip(), links=entity_links(text, entities))
    link = only_link(text, entities)
    if link:
        post.extra["only_link"] = link
    return post


def post_from_album(messages: Sequence[Message]) -> Post:
    """One Post for the parts of a media group: captions joined, media and links of all parts."""
    ordered = sorted(messages, key=lambda m: m.message_id)
    posts = [post_from_message(m) for m in ordered]
    texts = [p.text for p in posts if p.text]
    album = Post(text="\n\n".join(dict.fromkeys(texts)))
    album.links = list(dict.fromkeys(link for p in posts for link in p.links))
    album.media = [kind for p in posts for kind in p.media]
    album.extra["media_group_id"] = ordered[0].media_group_id if ordered else None
    album.extra["parts"] = len(ordered)
    if ordered and ordered[0].forward_origin is not None:
        apply_origin(album, ordered[0].forward_origin)
    with_text = [p for p in posts if p.text]
    if len(with_text) == 1 and with_text[0].extra.get("only_link"):
        album.extra["only_link"] = with_text[0].extra["only_link"]
    return album


async def expand_link_post(post: Post, fetch_link: LinkFetcher | None) -> tuple[Post, list[str]]:
    """The post to check, and notes for the report, for a message that is only a link.

    With a fetcher, the link is fetched and parsed into the Post that gets checked (a forward's
    origin is kept); without one, or when fetching fails, the message text is checked and a
    note says why. Other posts come back unchanged.
    """
    url = post.extra.get("only_link")
    if not url:
        return post, []
    if fetch_link is None:
        return post, [note("note_link_not_fetched")]
    try:
        fetched = await fetch_link(str(url))
    except Exception as exc:  # noqa: BLE001 - any failure: say why, check the text instead
        LOGGER.info("fetching %s failed: %s", url, exc)
        return post, [note("note_link_failed", reason=str(exc) or type(exc).__name__)]
    if url not in fetched.links:
        fetched.links.insert(0, str(url))
    fetched.url = fetched.url or str(url)
    if post.forwarded_from and not fetched.forwarded_from:
        fetched.forwarded_from = post.forwarded_from
        fetched.forwarded_from_url = post.forwarded_from_url
    fetched.extra.setdefault("requested_url", url)
    return fetched, []

