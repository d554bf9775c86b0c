"""Handlers one update at a time, through Application.process_update, against the fake Bot API."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, configure_logging
from bot.config import Settings
from bot.domain import Post, Report
from bot.i18n import t
from bot.pipeline import Pipeline
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.helpers import TOKEN, final_answers

CHAT = 77
FORWARD = {"type": "channel", "date": 1656849600, "message_id": 35123,
           "chat": {"id": -1001234567890, "type": "channel", "title": "Voenkor Digest",
                    "username": "voenkor_digest"}}
CAPTURE = "Russian forces have taken full control of Lysychansk."


class SlowPipeline:
    """Wraps a pipeline; sleeps before answering (runs in the worker thread) or fails."""

    def __init__(self, inner: Pipeline, delay: float = 0.0, fail: bool = False) -> None:
        self.inner, self.delay, self.fail = inner, delay, fail

    def check(self, post: Post, limit: int = 10) -> Report:
        time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("matcher exploded")
        return self.inner.check(post, limit)


@pytest.fixture
async def app(settings: Settings, store: Store) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = build_application(settings, store, fetch_link=None)
    async with application:
        yield application


async def process(app: Application, update: dict[str, Any]) -> Update:  # type: ignore[type-arg]
    parsed = Update.de_json(update, app.bot)
    await app.process_update(parsed)
    return parsed


def command(api: FakeBotAPI, text: str, chat_id: int = CHAT, **fields: Any) -> dict[str, Any]:
    name = text.split()[0]
    return {"update_id": api.next_update_id(),
            "message": api.message(chat_id, text, entities=[
                {"type": "bot_command", "offset": 0, "length": len(name)}], **fields)}


def plain(api: FakeBotAPI, text: str | None, chat_id: int = CHAT, **fields: Any
          ) -> dict[str, Any]:
    return {"update_id": api.next_update_id(),
            "message": api.message(chat_id, text, **fields)}


def only_answer(api: FakeBotAPI, update: dict[str, Any]) -> str:
    message = update["message"]
    answers = final_answers(api, message["chat"]["id"], message["message_id"])
    assert len(answers) == 1, answers
    return answers[0]


async def test_start_and_help_in_the_users_language(app: Application,  # type: ignore[type-arg]
                                                    fake_api: FakeBotAPI) -> None:
    russian = {"id": CHAT, "is_bot": False, "first_name": "Ivan", "language_code": "ru-RU"}
    start = command(fake_api, "/start", user=russian)
    await process(app, start)
    assert only_answer(fake_api, start) == t("ru", "start")
    help_update = command(fake_api, "/help")
    await process(app, help_update)
    assert "/status Lysychansk" in only_answer(fake_api, help_update)


async def test_check_as_a_reply_checks_the_replied_message(
        app: Application, fake_api: FakeBotAPI) -> None:  # type: ignore[type-arg]
    original = fake_api.message(CHAT, CAPTURE, forward_origin=FORWARD)
    update = command(fake_api, "/check", reply_to_message=original)
    await process(app, update)
    answer = only_answer(fake_api, update)
    assert "https://t.me/voenkor_digest/35123" in answer
    assert "https://tass.com/politics/1474311" in answer


async def test_check_with_text_and_usage_without(app: Application,  # type: ignore[type-arg]
                                                 fake_api: FakeBotAPI) -> None:
    with_text = command(fake_api, "/check " + CAPTURE)
    await process(app, with_text)
    assert "https://tass.com/politics/1474311" in only_answer(fake_api, with_text)
    empty = command(fake_api, "/check")
    await process(app, empty)
    assert only_answer(fake_api, empty) == t("en", "check_usage")
    status = command(fake_api, "/status")
    await process(app, status)
    assert only_answer(fake_api, status) == t("en", "status_usage")


async def test_check_works_in_groups_but_plain_group_messages_are_ignored(
        app: Application, fake_api: FakeBotAPI) -> None:  # type: ignore[type-arg]
    group_text = plain(fake_api, CAPTURE, chat_id=-500)
    await process(app, group_text)
    assert fake_api.calls("sendMessage") == []
    group_check = command(fake_api, "/check@crosscheck_test_bot " + CAPTURE, chat_id=-500)
    await process(app, group_check)
    assert "https://tass.com/politics/1474311" in only_answer(fake_api, group_check)


async def test_unrelated_text_gets_not_enough_evidence(app: Application,  # type: ignore[type-arg]
                                                       fake_api: FakeBotAPI) -> None:
    update = plain(fake_api, "A new bakery opened in Tallinn selling rye bread")
    await process(app, update)
    answer = only_answer(fake_api, update)
    assert "Not enough evidence" in answer and "href" not in answer


async def test_photo_caption_is_checked(app: Application,  # type: ignore[type-arg]
                                        fake_api: FakeBotAPI) -> None:
    photo = [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]
    update = plain(fake_api, None, photo=photo, caption=CAPTURE)
    await process(app, update)
    assert "https://tass.com/politics/1474311" in only_answer(fake_api, update)


@pytest.mark.parametrize("origin,shown", [
    ({"type": "user", "date": 1656849600,
      "sender_user": {"id": 5, "is_bot": False, "first_name": "Petro", "username": "petro"}},
     '<b>From</b>: <a href="https://t.me/petro">Petro (@petro)</a>'),
    ({"type": "chat", "date": 1656849600,
      "sender_chat": {"id": -300, "type": "supergroup", "title": "Luhansk chat"}},
     "<b>From</b>: Luhansk chat"),
])
async def test_forwards_from_users_and_chats_say_where_from(
        app: Application, fake_api: FakeBotAPI, origin: dict[str, Any],  # type: ignore[type-arg]
        shown: str) -> None:
    update = plain(fake_api, CAPTURE, forward_origin=origin)
    await process(app, update)
    answer = only_answer(fake_api, update)
    assert shown in answer and "posted 2022-07-03 12:00 UTC" in answer


async def test_slow_check_sends_checking_then_edits_it(settings: Settings, store: Store,
                                                       fake_api: FakeBotAPI) -> None:
    pipeline = SlowPipeline(Pipeline(store), delay=0.6)
    application = build_application(settings, store, pipeline=pipeline,  # type: ignore[arg-type]
                                    fetch_link=None, slow_after=0.05)
    async with application:
        update = plain(fake_api, CAPTURE)
        await process(application, update)
    (reply,) = fake_api.replies_to(CHAT, update["message"]["message_id"])
    assert reply.params["text"] == "Checking…"
    (edit,) = fake_api.calls("editMessageText")
    assert edit.params["message_id"] == reply.result["message_id"]
    assert "https://tass.com/politics/1474311" in only_answer(fake_api, update)


async def test_failed_check_apologises_once_and_stays_answered(
        settings: Settings, store: Store, fake_api: FakeBotAPI) -> None:
    pipeline = SlowPipeline(Pipeline(store), fail=True)
    application = build_application(settings, store, pipeline=pipeline,  # type: ignore[arg-type]
                                    fetch_link=None)
    ukrainian = {"id": CHAT, "is_bot": False, "first_name": "O", "language_code": "uk"}
    async with application:
        update = plain(fake_api, CAPTURE, user=ukrainian)
        await process(application, update)
        slow = SlowPipeline(Pipeline(store), delay=0.4, fail=True)
        application.bot_data["services"].pipeline = slow
        application.bot_data["services"].slow_after = 0.05
        later = plain(fake_api, CAPTURE)
        await process(application, later)
    assert only_answer(fake_api, update) == t("uk", "apology")
    assert not store.claim_update(update["update_id"], None, None)  # not retried
    (placeholder,) = fake_api.replies_to(CHAT, later["message"]["message_id"])
    edited = fake_api.sent_message(CHAT, placeholder.result["message_id"])
    assert edited is not None and edited["text"] == t("en", "apology")


async def test_unreachable_telegram_releases_the_update_for_redelivery(
        app: Application, fake_api: FakeBotAPI, store: Store,  # type: ignore[type-arg]
        caplog: pytest.LogCaptureFixture) -> None:
    fake_api.fail_next("sendMessage", error_code=500, times=2)
    update = plain(fake_api, CAPTURE)
    with caplog.at_level(logging.WARNING):
        await process(app, update)
    assert fake_api.calls("sendMessage") == []
    assert "network trouble" in caplog.text
    await process(app, update)  # the redelivery is answered
    assert "https://tass.com/politics/1474311" in only_answer(fake_api, update)


async def test_failed_start_reply_is_released_too(app: Application,  # type: ignore[type-arg]
                                                  fake_api: FakeBotAPI, store: Store) -> None:
    fake_api.fail_next("sendMessage", error_code=502)
    update = command(fake_api, "/start")
    await process(app, update)
    assert store.claim_update(update["update_id"], None, None)


async def test_blocked_user_is_logged_not_retried(app: Application,  # type: ignore[type-arg]
                                                  fake_api: FakeBotAPI, store: Store,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    fake_api.fail_next("sendMessage", error_code=403, times=5,
                       description="Forbidden: bot was blocked by the user")
    update = plain(fake_api, CAPTURE)
    with caplog.at_level(logging.INFO):
        await process(app, update)
    attempts = fake_api.calls("sendMessage", ok_only=False)
    assert [c.status for c in attempts] == [403]  # no apology into a blocked chat
    assert "blocked the bot" in caplog.text
    assert not store.claim_update(update["update_id"], None, None)


async def test_more_for_an_unknown_or_foreign_check_is_refused(
        app: Application, fake_api: FakeBotAPI, store: Store) -> None:  # type: ignore[type-arg]
    own = plain(fake_api, CAPTURE)
    await process(app, own)
    bot_message = fake_api.replies_to(CHAT, own["message"]["message_id"])[0].result
    fake_api.push_callback(CHAT, bot_message["message_id"], "more:999:1")
    foreign = store.record_check("x", {}, {"matches": []}, chat_id=12345, message_id=1)
    fake_api.push_callback(CHAT, bot_message["message_id"], f"more:{foreign}:1")
    for update in fake_api._pending:  # the callback updates, processed directly
        await process(app, update)
    answers = fake_api.calls("answerCallbackQuery")
    assert [a.params.get("text") for a in answers] == [t("en", "more_expired")] * 2
    assert len(fake_api.calls("sendMessage")) == 1


async def test_logs_never_contain_the_token(settings: Settings, store: Store,
                                            fake_api: FakeBotAPI) -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    settings.log_level = "DEBUG"
    handler = configure_logging(settings, stream)
    try:
        pipeline = SlowPipeline(Pipeline(store), fail=True)
        application = build_application(settings, store,
                                        pipeline=pipeline,  # type: ignore[arg-type]
                                        fetch_link=None)
        logging.getLogger("test").error("token in a message: %s", TOKEN)
        async with application:
            await process(application, plain(fake_api, CAPTURE))
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    output = stream.getvalue()
    assert "matcher exploded" in output and "Set Bot API URL" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "<token>" in output
