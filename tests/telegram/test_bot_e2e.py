"""End to end: the real Application polls the fake Bot API server over HTTP and answers.

Each test pushes updates the way Telegram would send them, waits (up to ~20 s, no timing
assertions) for the bot's calls, and checks what was sent and how often.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.domain import Post
from bot.pipeline import Pipeline
from bot.seeding import seed_store
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.helpers import (
    ControlStance,
    final_answers,
    load_claims,
    running_bot,
    utf16_len,
    utf16_offset,
    wait_for_answer,
    write_jsonl,
)

# PTB warns about its own RetryAfter.retry_after type change when a 429 is built; not ours.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

CHAT = 501
CAPTURE_TEXT = ("Russian forces have taken full control of Lysychansk, the Defence Ministry "
                "says. The city is fully under control.")
CHANNEL_ORIGIN: dict[str, Any] = {
    "type": "channel", "date": 1656849600, "message_id": 35123,
    "chat": {"id": -1001234567890, "type": "channel", "title": "Voenkor Digest",
             "username": "voenkor_digest"},
}


def hrefs(text: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', text)


async def test_forwarded_channel_post_about_lysychansk_shows_both_sides(
        fake_api: FakeBotAPI, settings: Settings, store: Store) -> None:
    # The fake ControlStance stands in for the real stance model until that lands.
    pipeline = Pipeline(store, stance=ControlStance())
    _, message = fake_api.push_message(CHAT, CAPTURE_TEXT, forward_origin=CHANNEL_ORIGIN)
    async with running_bot(settings, store, pipeline=pipeline):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    assert "<b>Corroborating</b>" in answer
    assert "<b>Contradicting</b>" in answer
    assert "<b>First seen</b>" in answer
    corroborating, contradicting = answer.split("<b>Corroborating</b>")[1].split(
        "<b>Contradicting</b>")
    assert "https://tass.com/politics/1474311" in hrefs(corroborating)
    assert "https://www.pravda.com.ua/eng/news/2022/07/3/7356058/" in hrefs(corroborating)
    assert hrefs(contradicting) == [
        "https://www.reuters.com/world/europe/lysychansk-not-encircled-2022-07-02/"]
    assert "2022-07-03" in corroborating and "2022-07-02" in contradicting
    assert "Serhiy Haidai, Luhansk governor" in contradicting
    # where it comes from: the public channel's post URL
    assert "https://t.me/voenkor_digest/35123" in hrefs(answer)
    assert "zaxid.net" not in answer  # the unrelated claim is not listed
    (reply,) = fake_api.replies_to(CHAT, message["message_id"])
    assert reply.params["parse_mode"] == "HTML"
    stored = store.get_check(1)
    assert stored is not None
    assert stored["post"]["url"] == "https://t.me/voenkor_digest/35123"
    assert stored["post"]["platform"] == "telegram"


async def test_forwarded_hidden_user_post_answered_in_users_language(
        fake_api: FakeBotAPI, settings: Settings, store: Store) -> None:
    origin = {"type": "hidden_user", "date": 1656849600, "sender_user_name": "Anna K."}
    user = {"id": CHAT, "is_bot": False, "first_name": "Oksana", "language_code": "uk"}
    _, message = fake_api.push_message(CHAT, CAPTURE_TEXT, forward_origin=origin, user=user)
    async with running_bot(settings, store):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    assert "<b>Звідки</b>: Anna K." in answer  # no link: a hidden account has none
    # Section titles in the user's language; TASS's capture claim corroborates the capture post.
    corroborating = answer.split("<b>Підтверджують</b>")[1]
    assert "https://tass.com/politics/1474311" in hrefs(corroborating)
    assert len(fake_api.replies_to(CHAT, message["message_id"])) == 1


async def test_text_with_links_uses_utf16_offsets_and_link_only_is_noted(
        fake_api: FakeBotAPI, settings: Settings, store: Store) -> None:
    text = "🔥🇺🇦 Lysychansk: Russian forces have taken control, see https://example.org/a?x=1 " \
           "and the report"
    entities = [
        {"type": "url", "offset": utf16_offset(text, "https://"),
         "length": utf16_len("https://example.org/a?x=1")},
        {"type": "text_link", "offset": utf16_offset(text, "the report"),
         "length": utf16_len("the report"), "url": "https://example.net/report"},
    ]
    _, with_text = fake_api.push_message(CHAT, text, entities=entities)
    only = "👉 news.example.com/lysychansk"
    _, link_only = fake_api.push_message(CHAT, only, entities=[
        {"type": "url", "offset": utf16_offset(only, "news."),
         "length": utf16_len("news.example.com/lysychansk")}])
    async with running_bot(settings, store):
        first = await wait_for_answer(fake_api, CHAT, with_text["message_id"])
        second = await wait_for_answer(fake_api, CHAT, link_only["message_id"])
    assert "The link was not fetched" not in first
    assert "https://tass.com/politics/1474311" in hrefs(first)
    assert "The link was not fetched" in second
    posts = {c["message_id"]: c["post"] for c in (store.get_check(1), store.get_check(2)) if c}
    assert posts[with_text["message_id"]]["links"] == ["https://example.org/a?x=1",
                                                       "https://example.net/report"]
    assert posts[link_only["message_id"]]["links"] == ["https://news.example.com/lysychansk"]


async def test_album_is_checked_once(fake_api: FakeBotAPI, settings: Settings,
                                     store: Store) -> None:
    photo = [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]
    parts = [fake_api.message(CHAT, None, photo=photo, media_group_id="album-1",
                              **({"caption": CAPTURE_TEXT} if i == 0 else {}))
             for i in range(4)]
    fake_api.push_updates([{"message": p} for p in parts])
    async with running_bot(settings, store):
        answer = await wait_for_answer(fake_api, CHAT, parts[0]["message_id"])
        await asyncio.sleep(0.5)  # room for a wrong second answer to show up
    assert "https://tass.com/politics/1474311" in hrefs(answer)
    for part in parts[1:]:
        assert fake_api.replies_to(CHAT, part["message_id"]) == []
    assert len(fake_api.replies_to(CHAT, parts[0]["message_id"])) == 1
    check = store.get_check(1)
    assert check is not None and check["post"]["media"] == ["photo"] * 4
    assert store.get_check(2) is None


async def test_status_lists_latest_first(fake_api: FakeBotAPI, settings: Settings,
                                         store: Store) -> None:
    _, message = fake_api.push_message(CHAT, "/status Lysychansk", entities=[
        {"type": "bot_command", "offset": 0, "length": 7}])
    async with running_bot(settings, store):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    assert answer.startswith("<b>Status: Lysychansk</b>")
    dates = re.findall(r"<b>(\d{4}-\d{2}-\d{2})</b>", answer)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2022-07-03"
    assert "2022-07-02" in dates


async def test_more_button_pages_through_matches(fake_api: FakeBotAPI, settings: Settings,
                                                 tmp_path: Path) -> None:
    rows = [{"id": f"fire-{i}", "source": f"Outlet {i}", "published": f"2022-06-{i + 1:02d}",
             "url": f"https://outlet{i}.example/fire", "language": "en",
             "text": f"Shelling set the Lysychansk oil refinery on fire, report number {i}."}
            for i in range(12)]
    store = Store(tmp_path / "more.db")
    load_claims(store, write_jsonl(tmp_path / "fire.jsonl", rows))
    _, message = fake_api.push_message(CHAT, "Lysychansk oil refinery on fire after shelling")
    async with running_bot(settings, store):
        first = await wait_for_answer(fake_api, CHAT, message["message_id"])
        (reply,) = fake_api.replies_to(CHAT, message["message_id"])
        first_id = reply.result["message_id"]
        markup = fake_api.sent_message(CHAT, first_id)["reply_markup"]  # type: ignore[index]
        data = markup["inline_keyboard"][0][0]["callback_data"]
        assert re.fullmatch(r"more:\d+:1", data) and len(data.encode()) <= 64
        fake_api.push_callback(CHAT, first_id, data)
        second = await wait_for_answer(fake_api, CHAT, first_id)
        assert fake_api.calls("answerCallbackQuery")
        second_id = fake_api.replies_to(CHAT, first_id)[0].result["message_id"]
        next_data = fake_api.sent_message(CHAT, second_id)["reply_markup"][  # type: ignore[index]
            "inline_keyboard"][0][0]["callback_data"]
        fake_api.push_callback(CHAT, second_id, next_data)
        third = await wait_for_answer(fake_api, CHAT, second_id)
    store.close()
    seen = [set(hrefs(text)) for text in (first, second, third)]
    assert len(seen[0]) == 3 and len(seen[1]) == 5 and len(seen[2]) == 4
    assert not (seen[0] & seen[1]) and not (seen[1] & seen[2]) and not (seen[0] & seen[2])
    assert "More matches (2 of 3)" in second
    assert "reply_markup" not in fake_api.sent_message(CHAT, first_id)  # type: ignore[operator]
    last_id = fake_api.replies_to(CHAT, second_id)[0].result["message_id"]
    assert "reply_markup" not in fake_api.sent_message(CHAT, last_id)  # type: ignore[operator]


async def test_duplicated_update_is_answered_once(fake_api: FakeBotAPI, settings: Settings,
                                                  store: Store) -> None:
    message = fake_api.message(CHAT, CAPTURE_TEXT, forward_origin=CHANNEL_ORIGIN)
    update = {"update_id": 900, "message": message}
    resent = {"update_id": 901, "message": dict(message)}  # re-sent under a new update id
    fake_api.push_updates([update, dict(update), resent])
    async with running_bot(settings, store):
        await wait_for_answer(fake_api, CHAT, message["message_id"])
        _, later = fake_api.push_message(CHAT, "Lysychansk")
        await wait_for_answer(fake_api, CHAT, later["message_id"])
    assert len(fake_api.replies_to(CHAT, message["message_id"])) == 1
    assert len(fake_api.calls("getUpdates")) >= 2


async def test_retry_after_is_retried_and_answered_once(fake_api: FakeBotAPI,
                                                        settings: Settings,
                                                        store: Store) -> None:
    fake_api.fail_next("sendMessage", error_code=429, retry_after=1)
    _, message = fake_api.push_message(CHAT, CAPTURE_TEXT, forward_origin=CHANNEL_ORIGIN)
    async with running_bot(settings, store):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    attempts = fake_api.calls("sendMessage", ok_only=False)
    assert [c.status for c in attempts].count(429) == 1
    assert len(fake_api.replies_to(CHAT, message["message_id"])) == 1
    assert "https://tass.com/politics/1474311" in hrefs(answer)
    assert "Sorry" not in answer


async def test_restart_between_polls_answers_nothing_twice(fake_api: FakeBotAPI,
                                                           settings: Settings,
                                                           store: Store) -> None:
    _, before = fake_api.push_message(CHAT, CAPTURE_TEXT, forward_origin=CHANNEL_ORIGIN)
    async with running_bot(settings, store):
        await wait_for_answer(fake_api, CHAT, before["message_id"])
    store.close()
    # Telegram re-sends what it delivered (a crash before the offset was confirmed).
    assert fake_api.redeliver()
    _, after = fake_api.push_message(CHAT, "Lysychansk")
    reopened = Store(settings.db_path)
    try:
        async with running_bot(settings, reopened):
            await wait_for_answer(fake_api, CHAT, after["message_id"])
            await fake_api.wait_for(lambda: not fake_api.pending_update_ids(),
                                    what="every update confirmed")
    finally:
        reopened.close()
    assert len(fake_api.replies_to(CHAT, before["message_id"])) == 1
    assert len(fake_api.replies_to(CHAT, after["message_id"])) == 1


async def test_slow_link_fetch_does_not_block_other_chats(fake_api: FakeBotAPI,
                                                          settings: Settings,
                                                          store: Store) -> None:
    release = asyncio.Event()

    async def slow_fetch(url: str) -> Post:
        await release.wait()
        return Post(text=CAPTURE_TEXT, url=url, platform="article", title="Lysychansk")

    link = "https://news.example.com/slow"
    _, slow = fake_api.push_message(601, link, entities=[
        {"type": "url", "offset": 0, "length": utf16_len(link)}])
    async with running_bot(settings, store, fetch_link=slow_fetch, slow_after=0.2):
        # "Checking…" goes out while the fetch hangs; another chat is answered meanwhile.
        await fake_api.wait_for(lambda: fake_api.replies_to(601, slow["message_id"]),
                                what="the Checking… placeholder")
        _, other = fake_api.push_message(602, "Lysychansk")
        await wait_for_answer(fake_api, 602, other["message_id"])
        assert final_answers(fake_api, 601, slow["message_id"]) == []
        release.set()
        answer = await wait_for_answer(fake_api, 601, slow["message_id"])
    assert fake_api.calls("editMessageText")
    assert "https://tass.com/politics/1474311" in hrefs(answer)
    assert len(fake_api.replies_to(601, slow["message_id"])) == 1
    assert any(c.params.get("action") == "typing" for c in fake_api.calls("sendChatAction"))


async def test_command_menu_is_set_at_start_up(fake_api: FakeBotAPI, settings: Settings,
                                               store: Store) -> None:
    async with running_bot(settings, store):
        pass
    for code in (None, "uk", "ru"):
        private = [c["command"] for c in fake_api.commands[("all_private_chats", code)]]
        group = [c["command"] for c in fake_api.commands[("all_group_chats", code)]]
        assert private == ["start", "help", "check", "status"]
        assert group == ["check", "status", "help", "settings"]
    ukrainian = fake_api.commands[("all_private_chats", "uk")]
    assert ukrainian[0]["description"] == "Що робить цей бот"


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.skipif(not (SEEDS / "claims.jsonl").exists(),
                    reason="seeds/claims.jsonl is not in this checkout")
async def test_forward_about_lysychansk_capture_with_the_seeds(fake_api: FakeBotAPI,
                                                               settings: Settings,
                                                               tmp_path: Path) -> None:
    seeds = {}
    for line in (SEEDS / "claims.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            seeds[row["url"]] = row
    seeded = Store(tmp_path / "seeded.db")
    report = seed_store(seeded, SEEDS)
    assert report.inserted == len(seeds) and not report.rejected
    # FAKE stance (ControlStance reads the seeds' stance_on_control); the real model replaces it.
    pipeline = Pipeline(seeded, stance=ControlStance())
    origin = {**CHANNEL_ORIGIN, "date": 1656849600}
    text = ("Российские войска полностью взяли Лисичанск под контроль, доложил Шойгу Путину. "
            "Russian forces have taken full control of Lysychansk.")
    _, message = fake_api.push_message(CHAT, text, forward_origin=origin)
    try:
        async with running_bot(settings, seeded, pipeline=pipeline):
            answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    finally:
        seeded.close()
    assert "<b>Corroborating</b>" in answer and "<b>Contradicting</b>" in answer
    corroborating, contradicting = answer.split("<b>Corroborating</b>")[1].split(
        "<b>Contradicting</b>")
    contradicting = contradicting.split("<b>Related</b>")[0]
    for section, sides in ((corroborating, {"captured", "withdrawal"}),
                           (contradicting, {"contested", "ukrainian_control"})):
        links = hrefs(section)
        assert links, section
        for link in links:  # every listed source is a seed claim with that stance
            assert link in seeds and seeds[link]["stance_on_control"] in sides, link
            assert seeds[link]["published"] in section  # with its date
    assert "https://t.me/voenkor_digest/35123" in hrefs(answer)


ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Russia says it has taken Lysychansk | Example News</title>
<meta property="og:title" content="Russia says it has taken full control of Lysychansk">
<meta property="article:published_time" content="2022-07-03T14:00:00+00:00">
</head><body><article><h1>Russia says it has taken full control of Lysychansk</h1>
<p class="byline">By Example Reporter</p>
<p>Russian forces have taken full control of Lysychansk, Defence Minister Sergei Shoigu
reported to President Vladimir Putin on Sunday, according to the Russian Defence Ministry.</p>
<p>Ukraine's General Staff later said its troops had withdrawn from the city to save lives,
after weeks of heavy fighting in the Luhansk region of eastern Ukraine.</p>
<p>The capture gives Moscow control of nearly all of Luhansk, one of two provinces of the
Donbas, analysts said.</p></article></body></html>"""


class _ArticleHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = ARTICLE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def article_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ArticleHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/lysychansk"
    server.shutdown()
    server.server_close()
    thread.join(5)


def link_message(api: FakeBotAPI, url: str) -> dict[str, Any]:
    _, message = api.push_message(CHAT, url, entities=[
        {"type": "url", "offset": 0, "length": utf16_len(url)}])
    return message


async def test_a_link_alone_is_fetched_and_its_page_checked(
        fake_api: FakeBotAPI, settings: Settings, store: Store, article_url: str) -> None:
    port = article_url.split(":")[2].split("/")[0]
    settings.fetch_allow = [f"127.0.0.1:{port}"]  # the address policy lets the test page in
    message = link_message(fake_api, article_url)
    async with running_bot(settings, store, fetch_link="auto"):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    assert "not fetched" not in answer and "could not be fetched" not in answer
    assert "https://tass.com/politics/1474311" in hrefs(answer)
    check = store.get_check(1)
    assert check is not None
    assert check["post"]["platform"] == "article"
    assert "Lysychansk" in (check["post"]["title"] or "")
    assert "Shoigu" in check["post"]["text"]


async def test_a_link_to_an_internal_address_is_refused_and_the_text_checked(
        fake_api: FakeBotAPI, settings: Settings, store: Store, article_url: str) -> None:
    message = link_message(fake_api, article_url)  # no CROSSCHECK_FETCH_ALLOW entry
    async with running_bot(settings, store, fetch_link="auto"):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
    assert "The link could not be fetched: Refused" in answer
    check = store.get_check(1)
    assert check is not None and check["post"]["platform"] == "text"
