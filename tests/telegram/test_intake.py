"""Intake: Telegram messages (forwards of all four origin types, links, captions, albums) to Posts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from telegram import Message, MessageEntity

from bot.domain import Post
from bot.intake import (
    command_argument,
    entity_links,
    expand_link_post,
    normalise_link,
    only_link,
    post_from_album,
    post_from_command,
    post_from_message,
    utf16_slice,
)
from tests.telegram.helpers import utf16_len, utf16_offset

DATE = 1656849600  # 2022-07-03 12:00 UTC


def message(text: str | None = None, **fields: Any) -> Message:
    data: dict[str, Any] = {"message_id": 7, "date": DATE,
                            "chat": {"id": 42, "type": "private", "first_name": "O"},
                            "from": {"id": 42, "is_bot": False, "first_name": "O"}}
    if text is not None:
        data["text"] = text
    data.update(fields)
    return Message.de_json(data, None)  # type: ignore[return-value]


def url_entity(text: str, part: str) -> dict[str, Any]:
    return {"type": "url", "offset": utf16_offset(text, part), "length": utf16_len(part)}


def test_utf16_slice_counts_surrogate_pairs() -> None:
    text = "🇺🇦🔥 see https://a.example/x"
    assert utf16_slice(text, utf16_offset(text, "https"), 21) == "https://a.example/x"[:21]
    assert utf16_slice(text, 0, 4) == "🇺🇦"


def test_links_from_url_and_text_link_entities_in_order() -> None:
    text = "😀 Read example.org/a and THIS, also https://b.example/c?d=1."
    entities = [
        MessageEntity("url", utf16_offset(text, "example.org"), utf16_len("example.org/a")),
        MessageEntity("text_link", utf16_offset(text, "THIS"), 4, url="https://c.example/"),
        MessageEntity("url", utf16_offset(text, "https://b"), utf16_len("https://b.example/c?d=1")),
        MessageEntity("bold", 0, 2),
    ]
    assert entity_links(text, entities) == ["https://example.org/a", "https://c.example/",
                                            "https://b.example/c?d=1"]
    assert only_link(text, entities) is None


def test_normalise_link() -> None:
    assert normalise_link("t.me/rybar/1") == "https://t.me/rybar/1"
    assert normalise_link("HTTP://A.example") == "HTTP://A.example"
    assert normalise_link("ftp://a.example") is None
    assert normalise_link("someone@mail.example") is None


def test_only_link() -> None:
    text = "👉 https://news.example/lysychansk !"
    entities = [MessageEntity("url", utf16_offset(text, "https"),
                              utf16_len("https://news.example/lysychansk"))]
    assert only_link(text, entities) == "https://news.example/lysychansk"
    labelled = "read more"
    assert only_link(labelled, [MessageEntity("text_link", 0, 9, url="https://x.example")]) \
        == "https://x.example"
    worded = "Lysychansk fell https://news.example/a"
    assert only_link(worded, [MessageEntity("url", 16, 22)]) is None


def test_forward_from_public_channel_has_the_post_url() -> None:
    origin = {"type": "channel", "date": DATE, "message_id": 35123, "author_signature": "Ed",
              "chat": {"id": -100123, "type": "channel", "title": "Voenkor Digest",
                       "username": "voenkor_digest"}}
    post = post_from_message(message("Lysychansk is taken", forward_origin=origin))
    assert post.platform == "telegram"
    assert post.url == post.canonical_url == "https://t.me/voenkor_digest/35123"
    assert post.forwarded_from == "Voenkor Digest"
    assert post.forwarded_from_url == "https://t.me/voenkor_digest/35123"
    assert post.author_name == "Ed" and post.author_handle == "voenkor_digest"
    assert post.published_at == datetime(2022, 7, 3, 12, 0, tzinfo=UTC)
    assert post.extra["origin_type"] == "channel"


def test_forward_from_private_channel_has_no_url() -> None:
    origin = {"type": "channel", "date": DATE, "message_id": 5,
              "chat": {"id": -100999, "type": "channel", "title": "Closed"}}
    post = post_from_message(message("text", forward_origin=origin))
    assert post.url is None and post.forwarded_from == "Closed"
    assert post.forwarded_from_url is None


def test_forward_from_user_hidden_user_and_chat() -> None:
    user = {"type": "user", "date": DATE,
            "sender_user": {"id": 9, "is_bot": False, "first_name": "Petro", "last_name": "K",
                            "username": "petrok"}}
    post = post_from_message(message("a", forward_origin=user))
    assert (post.forwarded_from, post.forwarded_from_url) == ("Petro K", "https://t.me/petrok")
    hidden = {"type": "hidden_user", "date": DATE, "sender_user_name": "Anna K."}
    post = post_from_message(message("a", forward_origin=hidden))
    assert (post.forwarded_from, post.forwarded_from_url) == ("Anna K.", None)
    assert post.extra["origin_type"] == "hidden_user"
    chat = {"type": "chat", "date": DATE, "author_signature": "admin",
            "sender_chat": {"id": -200, "type": "supergroup", "title": "Luhansk news chat",
                            "username": "luhansk_chat"}}
    post = post_from_message(message("a", forward_origin=chat))
    assert post.forwarded_from == "Luhansk news chat"
    assert post.forwarded_from_url == "https://t.me/luhansk_chat"
    assert post.author_name == "admin"


def test_caption_of_a_video_with_its_links() -> None:
    caption = "Видео из Лисичанска 🎥 подробнее"
    entities = [{"type": "text_link", "offset": utf16_offset(caption, "подробнее"),
                 "length": utf16_len("подробнее"), "url": "https://ria.example/1"}]
    video = {"file_id": "v", "file_unique_id": "vu", "width": 1, "height": 1, "duration": 3}
    post = post_from_message(message(caption=caption, caption_entities=entities, video=video))
    assert post.text == caption and post.media == ["video"]
    assert post.links == ["https://ria.example/1"]
    assert "only_link" not in post.extra


def test_poll_question_is_the_text() -> None:
    poll = {"id": "p", "question": "Who controls Lysychansk?", "total_voter_count": 0,
            "is_closed": False, "is_anonymous": True, "type": "regular",
            "allows_multiple_answers": False, "allows_revoting": False, "members_only": False,
            "options": [{"persistent_id": "1", "text": "Russia", "voter_count": 0},
                        {"persistent_id": "2", "text": "Ukraine", "voter_count": 0}]}
    post = post_from_message(message(poll=poll))
    assert post.text.startswith("Who controls Lysychansk?") and post.media == ["poll"]


def test_album_is_one_post() -> None:
    photo = [{"file_id": "p", "file_unique_id": "pu", "width": 1, "height": 1}]
    parts = [message(photo=photo, media_group_id="g", message_id=12),
             message(photo=photo, media_group_id="g", message_id=11,
                     caption="Lysychansk, July 3 https://a.example/x",
                     caption_entities=[{"type": "url", "offset": 19, "length": 20}]),
             message(video={"file_id": "v", "file_unique_id": "vu", "width": 1, "height": 1,
                            "duration": 1}, media_group_id="g", message_id=13)]
    post = post_from_album(parts)
    assert post.text == "Lysychansk, July 3 https://a.example/x"
    assert post.media == ["photo", "photo", "video"]
    assert post.links == ["https://a.example/x"]
    assert post.extra["parts"] == 3 and post.extra["media_group_id"] == "g"


def test_command_argument_keeps_link_entities() -> None:
    text = "/check@crosscheck_bot 🔥 https://a.example/z"
    entities = [MessageEntity("bot_command", 0, 21),
                MessageEntity("url", utf16_offset(text, "https"), utf16_len("https://a.example/z"))]
    rest, shifted = command_argument(text, entities)
    assert rest == "🔥 https://a.example/z"
    assert entity_links(rest, shifted) == ["https://a.example/z"]
    post = post_from_command(message(text, entities=[e.to_dict() for e in entities]))
    assert post.text == rest and post.links == ["https://a.example/z"]


async def test_expand_link_post_without_fetcher_notes_it() -> None:
    post = Post(text="https://a.example/x", extra={"only_link": "https://a.example/x"})
    same, notes = await expand_link_post(post, None)
    assert same is post and notes and notes[0].startswith("The link was not fetched")
    plain, none = await expand_link_post(Post(text="hello"), None)
    assert plain.text == "hello" and none == []


async def test_expand_link_post_fetches_and_reports_failures() -> None:
    post = Post(text="https://a.example/x", forwarded_from="Chan",
                extra={"only_link": "https://a.example/x"})

    async def fetch(url: str) -> Post:
        return Post(text="Lysychansk was taken", platform="article", title="Title")

    fetched, notes = await expand_link_post(post, fetch)
    assert notes == [] and fetched.text == "Lysychansk was taken"
    assert fetched.url == "https://a.example/x" and fetched.links == ["https://a.example/x"]
    assert fetched.forwarded_from == "Chan"

    async def broken(url: str) -> Post:
        raise RuntimeError("Refused to fetch a.example: it is inside a private network")

    same, notes = await expand_link_post(post, broken)
    assert same is post
    assert notes == [("The link could not be fetched: Refused to fetch a.example: it is inside "
                      "a private network")]
