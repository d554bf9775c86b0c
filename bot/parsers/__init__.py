"""From a link or a saved file to ``Post`` objects: pick the parser, fetch through the fetcher.

``fetch_post`` recognises the kind of link (Telegram post, X post, article or feed), fetches
what is needed with the ``SafeFetcher`` and parses it; ``parse_file`` and ``parse_bytes`` do
the same for data already on disk or in memory. Errors are ``ParseError`` subclasses (or the
fetcher's ``FetchError``) whose messages can be shown to the user as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from bot.domain import Post
from bot.parsers.errors import ParseError, PostNotFound, UnsupportedLink

if TYPE_CHECKING:
    from bot.fetch import SafeFetcher

__all__ = [
    "ParseError",
    "PostNotFound",
    "UnsupportedLink",
    "fetch_channel",
    "fetch_post",
    "fetch_posts",
    "parse_bytes",
    "parse_file",
]

_PRIVATE_TELEGRAM = (
    "Links to private Telegram chats and channels (t.me/c/… or invite links) cannot be opened "
    "by the bot. Forward the message to the bot instead."
)


async def fetch_post(url: str, fetcher: SafeFetcher) -> Post:
    """Fetch and parse the post a link points at.

    Telegram posts come from the embed widget (falling back to the channel preview), X posts
    from the syndication endpoint (falling back to the FxTwitter API), anything else is read as
    an article page, or as a feed (its newest item).
    """
    from bot.urls import link_kind

    link = link_kind(url)
    if link.kind == "telegram_private":
        raise UnsupportedLink(_PRIVATE_TELEGRAM)
    if link.kind == "telegram_post":
        assert link.channel is not None and link.post_id is not None
        return await _fetch_telegram_post(link.channel, link.post_id, fetcher)
    if link.kind == "telegram_channel":
        raise UnsupportedLink(
            "This is a link to a whole Telegram channel. Send a link to one post "
            "(t.me/<channel>/<number>) to have it checked."
        )
    if link.kind == "x_post":
        assert link.post_id is not None
        return await _fetch_x_post(link.post_id, link.channel, fetcher)
    if link.kind == "x_other":
        raise UnsupportedLink(
            "This X/Twitter link is not a post. Send a link to one post "
            "(x.com/<user>/status/<id>)."
        )
    posts = await _fetch_web(link.url, fetcher)
    if isinstance(posts, list):
        if not posts:
            raise ParseError("The feed at this link has no items")
        return posts[0]
    return posts


async def fetch_posts(url: str, fetcher: SafeFetcher) -> list[Post]:
    """All posts behind a link: a feed's items, a channel page's posts, or the one post."""
    from bot.urls import link_kind

    link = link_kind(url)
    if link.kind == "telegram_channel":
        assert link.channel is not None
        return await fetch_channel(link.channel, fetcher, before=link.before)
    if link.kind == "web":
        posts = await _fetch_web(link.url, fetcher)
        return posts if isinstance(posts, list) else [posts]
    return [await fetch_post(url, fetcher)]


async def fetch_channel(
    channel: str, fetcher: SafeFetcher, *, before: str | None = None, pages: int = 1
) -> list[Post]:
    """Posts from a channel's public preview, newest page first, following ``before``."""
    from bot.fetch import HTML_TYPES
    from bot.parsers.telegram import parse_channel_page, preview_url

    posts: list[Post] = []
    cursor = before
    for _ in range(max(1, pages)):
        result = await fetcher.fetch(preview_url(channel, cursor), accept=HTML_TYPES)
        page = parse_channel_page(result.content, result.final_url)
        if not page.posts:
            if not posts:
                raise PostNotFound(
                    f"The Telegram channel @{channel} has no public web preview (it may be "
                    "private, or not exist)"
                )
            break
        posts = page.posts + posts
        if not page.before or page.before == cursor:
            break
        cursor = page.before
    return posts


async def _fetch_telegram_post(channel: str, post_id: str, fetcher: SafeFetcher) -> Post:
    from bot.fetch import HTML_TYPES, FetchError
    from bot.parsers.telegram import embed_url, parse_post_page, preview_url

    problems: list[str] = []
    for page_url in (embed_url(channel, post_id), preview_url(channel, int(post_id) + 1)):
        try:
            result = await fetcher.fetch(page_url, accept=HTML_TYPES)
            return parse_post_page(result.content, channel, post_id)
        except PostNotFound as exc:
            problems.append(str(exc))
        except (FetchError, ParseError) as exc:
            problems.append(str(exc))
    raise PostNotFound(problems[-1] if problems else f"t.me/{channel}/{post_id} was not found")


async def _fetch_x_post(post_id: str, handle: str | None, fetcher: SafeFetcher) -> Post:
    from bot.fetch import JSON_TYPES, FetchError, HTTPStatusError
    from bot.parsers.x import fxtwitter_url, parse_fxtwitter, parse_syndication, syndication_url

    problems: list[str] = []
    attempts = (
        (syndication_url(post_id), parse_syndication),
        (fxtwitter_url(post_id, handle), parse_fxtwitter),
    )
    for api_url, parse in attempts:
        try:
            result = await fetcher.fetch(api_url, accept=JSON_TYPES)
            post = parse(json.loads(result.content))
        except HTTPStatusError as exc:
            problems.append(
                "X says this post does not exist or is not public"
                if exc.status in (404, 410)
                else str(exc)
            )
            continue
        except (FetchError, ParseError, ValueError) as exc:
            problems.append(str(exc))
            continue
        if handle and not post.author_handle:
            post.author_handle = handle
        return post
    raise PostNotFound(
        "Could not read this X post: " + "; ".join(dict.fromkeys(problems))
    )


async def _fetch_web(url: str, fetcher: SafeFetcher) -> Post | list[Post]:
    from bot.fetch import FEED_TYPES, HTML_TYPES

    result = await fetcher.fetch(url, accept=(*HTML_TYPES, *FEED_TYPES, "text/plain"))
    parsed = parse_bytes(
        result.content, result.final_url, content_type=result.content_type, charset=result.encoding
    )
    if isinstance(parsed, Post):
        parsed.url = url
    return parsed


def parse_bytes(
    data: bytes,
    url: str | None = None,
    *,
    content_type: str | None = None,
    charset: str | None = None,
) -> Post | list[Post]:
    """Parse data of any supported kind, recognised by its content (and type, when known).

    X JSON gives one ``Post``; a feed or a Telegram page with several posts gives a list; a
    Telegram page with one post, or any other HTML page, gives one ``Post``.
    """
    from bot.parsers.feed import looks_like_feed, parse_feed

    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        try:
            decoded = json.loads(data)
        except ValueError as exc:
            raise ParseError("This JSON could not be read") from exc
        if isinstance(decoded, dict) and "jsonfeed.org/version" in str(decoded.get("version", "")):
            return parse_feed(data, url).items
        from bot.parsers.x import parse_x_json

        return parse_x_json(decoded)
    if (content_type or "").endswith(("rss+xml", "atom+xml", "rdf+xml")) or looks_like_feed(data):
        return parse_feed(data, url).items
    if b"tgme_widget_message" in data:
        from bot.parsers.telegram import parse_channel_page

        page = parse_channel_page(data, url)
        if len(page.posts) == 1:
            return page.posts[0]
        if page.posts:
            return page.posts
    if b"tgme_widget_message_error" in data:
        raise PostNotFound("Telegram says this post does not exist or was deleted")
    from bot.parsers.article import parse_article

    post = parse_article(data, url, charset=charset)
    if not post.text.strip() and not post.title:
        raise ParseError("No readable text was found on this page")
    return post


def parse_file(path: str | Path, url: str | None = None) -> Post | list[Post]:
    """Parse a saved page, feed or X JSON file (see ``parse_bytes``)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ParseError(f"Cannot read {file}: {exc.strerror or exc}") from exc
    return parse_bytes(data, url)
