"""X/Twitter posts from the public syndication endpoint, the FxTwitter API or GraphQL JSON.

Pure parsing: JSON in, ``Post`` out. ``syndication_url`` builds the request for a post id
(its ``token`` is computed from the id the way react-tweet does); ``parse_syndication``,
``parse_fxtwitter`` and ``parse_graphql`` read the three shapes. Long posts (``note_tweet``)
are read in full, quoted posts become ``Post.quoted``, retweets name the original author in
``forwarded_from``, and t.co links are replaced by the addresses they stand for.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from bot.domain import Post
from bot.parsers.errors import ParseError, PostNotFound

__all__ = [
    "fxtwitter_url",
    "iter_graphql_tweets",
    "parse_fxtwitter",
    "parse_graphql",
    "parse_graphql_tweet",
    "parse_syndication",
    "parse_x_json",
    "syndication_token",
    "syndication_url",
]

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _js_number_to_string(value: float, radix: int) -> str:
    """``Number.prototype.toString(radix)`` as V8 computes it (DoubleToRadixCString)."""
    if value == 0:
        return "0"
    negative = value < 0
    value = abs(value)
    integer = math.floor(value)
    fraction = value - integer
    delta = max(0.5 * (math.nextafter(value, math.inf) - value), math.nextafter(0.0, 1.0))
    fraction_digits: list[str] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            fraction_digits.append(_DIGITS[digit])
            fraction -= digit
            if fraction > 0.5 or (fraction == 0.5 and (digit & 1)):
                if fraction + delta > 1:
                    # round up, carrying into earlier digits (and the integer part) as needed
                    while True:
                        if not fraction_digits:
                            integer += 1
                            break
                        last = _DIGITS.index(fraction_digits.pop())
                        if last + 1 < radix:
                            fraction_digits.append(_DIGITS[last + 1])
                            break
                    break
            if fraction < delta:
                break
    integer_digits: list[str] = []
    whole = float(integer)
    while math.frexp(whole / radix)[1] > 53:  # digits below the double's precision
        whole /= radix
        integer_digits.append("0")
    while True:
        remainder = math.fmod(whole, radix)
        integer_digits.append(_DIGITS[int(remainder)])
        whole = (whole - remainder) / radix
        if whole <= 0:
            break
    text = "".join(reversed(integer_digits))
    if fraction_digits:
        text += "." + "".join(fraction_digits)
    return "-" + text if negative else text


def syndication_token(post_id: str | int) -> str:
    """The ``token`` parameter of ``cdn.syndication.twimg.com/tweet-result`` for a post id.

    Same computation as react-tweet: ``((Number(id) / 1e15) * Math.PI).toString(36)`` with
    zeros and the dot removed.
    """
    value = (float(int(post_id)) / 1e15) * math.pi
    return _js_number_to_string(value, 36).replace(".", "").replace("0", "")


def syndication_url(post_id: str | int, lang: str = "en") -> str:
    """The public syndication endpoint for one post."""
    return (
        "https://cdn.syndication.twimg.com/tweet-result"
        f"?id={int(post_id)}&lang={lang}&token={syndication_token(post_id)}"
    )


def fxtwitter_url(post_id: str | int, handle: str | None = None) -> str:
    """The FxTwitter API for one post (used when the syndication endpoint fails)."""
    return f"https://api.fxtwitter.com/{handle or 'i'}/status/{int(post_id)}"


def _post_url(handle: str | None, post_id: str | None) -> str | None:
    if not post_id:
        return None
    return f"https://x.com/{handle or 'i'}/status/{post_id}"


def _parse_time(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    for parse in (
        lambda v: datetime.strptime(v, "%a %b %d %H:%M:%S %z %Y"),
        lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")),
    ):
        try:
            moment = parse(value)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return None


def _expand(text: str, entities: dict[str, Any] | None, links: list[str]) -> str:
    """Replace t.co links with what they stand for; drop the ones that only point at media."""
    entities = entities or {}
    for entry in entities.get("urls") or []:
        short, expanded = entry.get("url"), entry.get("expanded_url")
        if short and expanded:
            text = text.replace(short, expanded)
            if expanded not in links:
                links.append(expanded)
    for entry in entities.get("media") or []:
        short = entry.get("url")
        if short:
            text = text.replace(short, "")
    return text


def _clean_text(text: str) -> str:
    text = html.unescape(text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _media_kind(kind: str | None) -> str | None:
    return {"photo": "photo", "video": "video", "animated_gif": "gif", "gif": "gif"}.get(
        (kind or "").lower(), kind or None
    )


def _poll_from_card(card: dict[str, Any] | None) -> dict[str, Any] | None:
    if not card:
        return None
    legacy = card.get("legacy") or card
    name = legacy.get("name") or ""
    if not str(name).startswith("poll"):
        return None
    values: dict[str, Any] = {}
    bindings = legacy.get("binding_values") or {}
    if isinstance(bindings, list):
        for binding in bindings:
            value = binding.get("value") or {}
            values[binding.get("key")] = value.get("string_value", value.get("boolean_value"))
    else:
        for key, value in bindings.items():
            values[key] = (value or {}).get("string_value", (value or {}).get("boolean_value"))
    choices = []
    for number in range(1, 5):
        label = values.get(f"choice{number}_label")
        if label is None:
            continue
        count = values.get(f"choice{number}_count")
        number_of_votes = int(count) if count is not None and str(count).isdigit() else None
        choices.append({"label": label, "count": number_of_votes})
    return {"choices": choices, "ends_at": values.get("end_datetime_utc")}


# ---------------------------------------------------------------------------------------------
# GraphQL (x.com's own API: TweetResultByRestId, TweetDetail, timelines)


def _unwrap(result: dict[str, Any] | None) -> dict[str, Any] | None:
    while result and result.get("__typename") == "TweetWithVisibilityResults":
        result = result.get("tweet")
    return result


def _graphql_user(result: dict[str, Any]) -> tuple[str | None, str | None]:
    user = ((result.get("core") or {}).get("user_results") or {}).get("result") or {}
    core = user.get("core") or {}
    legacy = user.get("legacy") or {}
    name = core.get("name") or legacy.get("name")
    handle = core.get("screen_name") or legacy.get("screen_name")
    return name, handle


def parse_graphql_tweet(result: dict[str, Any]) -> Post:
    """One GraphQL ``Tweet`` result object as a ``Post``."""
    result = _unwrap(result) or {}
    kind = result.get("__typename")
    if kind in ("TweetTombstone", "TweetUnavailable"):
        tombstone = (((result.get("tombstone") or {}).get("text") or {}).get("text")) or ""
        raise PostNotFound(
            "This post is not available" + (f": {tombstone}" if tombstone else "")
        )
    legacy = result.get("legacy") or {}
    post_id = result.get("rest_id") or legacy.get("id_str")
    name, handle = _graphql_user(result)
    links: list[str] = []
    retweeted = _unwrap((legacy.get("retweeted_status_result") or {}).get("result"))
    if retweeted:
        original = parse_graphql_tweet(retweeted)
        return Post(
            text=original.text,
            platform="x",
            url=_post_url(handle, post_id),
            canonical_url=_post_url(handle, post_id),
            author_name=name,
            author_handle=handle,
            published_at=_parse_time(legacy.get("created_at")),
            language=original.language,
            links=original.links,
            forwarded_from=original.author_name or original.author_handle,
            forwarded_from_url=original.url,
            quoted=original.quoted,
            media=original.media,
            extra={"post_id": post_id, "retweet_of": original.extra.get("post_id")},
        )
    note = (((result.get("note_tweet") or {}).get("note_tweet_results") or {}).get("result")) or {}
    if note.get("text"):
        text = _expand(note["text"], note.get("entity_set"), links)
        # media t.co links are still listed in the legacy entities
        text = _expand(text, {"media": (legacy.get("entities") or {}).get("media")}, links)
    else:
        full = legacy.get("full_text") or legacy.get("text") or ""
        span = legacy.get("display_text_range")
        if isinstance(span, list) and len(span) == 2:
            start, end = span
            # keep links beyond the range (they are dropped below if they are media)
            full = full[start:]
        text = _expand(full, legacy.get("entities"), links)
    media = []
    entities = legacy.get("extended_entities") or legacy.get("entities") or {}
    for entry in entities.get("media") or []:
        kind_name = _media_kind(entry.get("type"))
        if kind_name and kind_name not in media:
            media.append(kind_name)
    extra: dict[str, Any] = {"post_id": post_id}
    poll = _poll_from_card(result.get("card"))
    if poll:
        extra["poll"] = poll
        media.append("poll")
    views = (result.get("views") or {}).get("count")
    if views and str(views).isdigit():
        extra["views"] = int(views)
    if legacy.get("in_reply_to_status_id_str"):
        extra["in_reply_to"] = _post_url(
            legacy.get("in_reply_to_screen_name"), legacy.get("in_reply_to_status_id_str")
        )
    quoted_result = _unwrap((result.get("quoted_status_result") or {}).get("result"))
    quoted = None
    if quoted_result:
        try:
            quoted = parse_graphql_tweet(quoted_result)
        except PostNotFound:
            quoted = None
    if quoted is not None and quoted.url:
        # the link to the quoted post is not part of what the author wrote
        permalink = (legacy.get("quoted_status_permalink") or {}).get("expanded")
        for candidate in filter(None, [permalink]):
            text = text.replace(candidate, "")
            links = [link for link in links if link != candidate]
    return Post(
        text=_clean_text(text),
        platform="x",
        url=_post_url(handle, post_id),
        canonical_url=_post_url(handle, post_id),
        author_name=name,
        author_handle=handle,
        published_at=_parse_time(legacy.get("created_at")),
        language=legacy.get("lang") if legacy.get("lang") not in (None, "und", "zxx") else None,
        links=links,
        quoted=quoted,
        media=media,
        extra=extra,
    )


def iter_graphql_tweets(data: Any) -> Iterator[dict[str, Any]]:
    """Every ``tweet_results.result`` / ``tweetResult.result`` in a GraphQL response."""
    if isinstance(data, dict):
        for key in ("tweet_results", "tweetResult"):
            holder = data.get(key)
            if isinstance(holder, dict) and isinstance(holder.get("result"), dict):
                yield holder["result"]
        for key, value in data.items():
            if key in ("tweet_results", "tweetResult"):
                continue
            if key in ("quoted_status_result", "retweeted_status_result"):
                continue  # nested inside their parent post
            yield from iter_graphql_tweets(value)
    elif isinstance(data, list):
        for item in data:
            yield from iter_graphql_tweets(item)


def parse_graphql(data: Any, post_id: str | None = None) -> Post:
    """The post ``post_id`` (or the first post) in a GraphQL response."""
    results = list(iter_graphql_tweets(data))
    if not results:
        raise ParseError("No X post found in this data")
    if post_id is not None:
        for result in results:
            unwrapped = _unwrap(result) or {}
            if str(unwrapped.get("rest_id")) == str(post_id):
                return parse_graphql_tweet(result)
        raise PostNotFound(f"The X post {post_id} is not in this data")
    return parse_graphql_tweet(results[0])


# ---------------------------------------------------------------------------------------------
# Syndication (cdn.syndication.twimg.com/tweet-result, used by embedded tweets)


def parse_syndication(data: dict[str, Any]) -> Post:
    """A ``tweet-result`` response as a ``Post``."""
    if not isinstance(data, dict) or not data:
        raise PostNotFound("X returned nothing for this post: it may be deleted or private")
    kind = data.get("__typename")
    if kind in ("TweetTombstone", "TweetUnavailable"):
        tombstone = (((data.get("tombstone") or {}).get("text") or {}).get("text")) or ""
        raise PostNotFound("This post is not available" + (f": {tombstone}" if tombstone else ""))
    user = data.get("user") or {}
    handle = user.get("screen_name")
    post_id = data.get("id_str") or (str(data["id"]) if data.get("id") else None)
    links: list[str] = []
    note = data.get("note_tweet") or {}
    note_result = ((note.get("note_tweet_results") or {}).get("result")) or {}
    if note_result.get("text"):
        text = _expand(note_result["text"], note_result.get("entity_set"), links)
    else:
        text = data.get("text") or data.get("full_text") or ""
        span = data.get("display_text_range")
        if isinstance(span, list) and len(span) == 2:
            text = text[span[0] :]
        text = _expand(text, data.get("entities"), links)
    media: list[str] = []
    for entry in data.get("mediaDetails") or []:
        kind_name = _media_kind(entry.get("type"))
        if kind_name and kind_name not in media:
            media.append(kind_name)
    if not media and data.get("photos"):
        media.append("photo")
    if data.get("video") and "video" not in media and "gif" not in media:
        media.append("video")
    extra: dict[str, Any] = {"post_id": post_id}
    poll = _poll_from_card(data.get("card"))
    if poll:
        extra["poll"] = poll
        media.append("poll")
    quoted = None
    if isinstance(data.get("quoted_tweet"), dict):
        try:
            quoted = parse_syndication(data["quoted_tweet"])
        except PostNotFound:
            quoted = None
    if data.get("in_reply_to_status_id_str"):
        extra["in_reply_to"] = _post_url(
            data.get("in_reply_to_screen_name"), data["in_reply_to_status_id_str"]
        )
    return Post(
        text=_clean_text(text),
        platform="x",
        url=_post_url(handle, post_id),
        canonical_url=_post_url(handle, post_id),
        author_name=user.get("name"),
        author_handle=handle,
        published_at=_parse_time(data.get("created_at")),
        language=data.get("lang") if data.get("lang") not in (None, "und", "zxx") else None,
        links=links,
        quoted=quoted,
        media=media,
        extra=extra,
    )


# ---------------------------------------------------------------------------------------------
# FxTwitter API (api.fxtwitter.com/<handle>/status/<id>)


def parse_fxtwitter(data: dict[str, Any]) -> Post:
    """An FxTwitter API response (``{"code": 200, "tweet": {...}}``) as a ``Post``."""
    if not isinstance(data, dict):
        raise ParseError("Unexpected answer from the FxTwitter API")
    code = data.get("code")
    if code not in (None, 200):
        if code == 401:
            raise PostNotFound("This X post is from a private account")
        raise PostNotFound(f"X post not found ({data.get('message') or code})")
    tweet = data.get("tweet") if "tweet" in data else data
    if not isinstance(tweet, dict):
        raise PostNotFound("X post not found")
    author = tweet.get("author") or {}
    handle = author.get("screen_name")
    post_id = str(tweet.get("id")) if tweet.get("id") else None
    links: list[str] = []
    raw = tweet.get("raw_text") or {}
    text = tweet.get("text") or raw.get("text") or ""
    for facet in raw.get("facets") or []:
        if facet.get("type") == "url":
            replacement = facet.get("replacement") or facet.get("original")
            if facet.get("original") and replacement:
                text = text.replace(facet["original"], replacement)
            if replacement and replacement not in links:
                links.append(replacement)
    media: list[str] = []
    for entry in (tweet.get("media") or {}).get("all") or []:
        kind_name = _media_kind(entry.get("type"))
        if kind_name and kind_name not in media:
            media.append(kind_name)
    extra: dict[str, Any] = {"post_id": post_id}
    if tweet.get("poll"):
        extra["poll"] = tweet["poll"]
        media.append("poll")
    if tweet.get("views"):
        extra["views"] = tweet["views"]
    quoted = None
    if isinstance(tweet.get("quote"), dict):
        quoted = parse_fxtwitter({"code": 200, "tweet": tweet["quote"]})
    published = _parse_time(tweet.get("created_at"))
    if published is None and isinstance(tweet.get("created_timestamp"), (int, float)):
        published = datetime.fromtimestamp(tweet["created_timestamp"], tz=timezone.utc)
    return Post(
        text=_clean_text(text),
        platform="x",
        url=_post_url(handle, post_id),
        canonical_url=_post_url(handle, post_id),
        author_name=author.get("name"),
        author_handle=handle,
        published_at=published,
        language=tweet.get("lang") if tweet.get("lang") not in (None, "und", "zxx") else None,
        links=links,
        quoted=quoted,
        media=media,
        extra=extra,
    )


def parse_x_json(
    data: bytes | str | dict[str, Any] | list[Any], post_id: str | None = None
) -> Post:
    """Any of the three JSON shapes, recognised by their keys."""
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise ParseError("This is not JSON from X") from exc
    if isinstance(data, dict) and "code" in data and ("tweet" in data or "message" in data):
        return parse_fxtwitter(data)
    if isinstance(data, dict) and (
        "__typename" in data and ("user" in data or "tombstone" in data) or "id_str" in data
        and "user" in data
    ):
        return parse_syndication(data)
    return parse_graphql(data, post_id)
