"""End to end through the fake Bot API: /status with the seeds, the group helper, follow-ups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.domain import Claim
from bot.seeding import seed_store
from handlers.common import get_services
from handlers.follow import follow_job
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.helpers import final_answers, running_bot, wait_for_answer

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHAT = 501
GROUP = -100777
ADMIN = {"id": 9001, "is_bot": False, "first_name": "Admin", "language_code": "en"}
MEMBER = {"id": 9002, "is_bot": False, "first_name": "Member", "language_code": "en"}
CHANNEL_ORIGIN: dict[str, Any] = {
    "type": "channel", "date": 1656763200, "message_id": 4411,
    "chat": {"id": -1009876543210, "type": "channel", "title": "Frontline Now",
             "username": "frontline_now"},
}


def command(text: str) -> dict[str, Any]:
    return {"entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}


@pytest.fixture
def seeded(settings: Settings) -> Any:
    store = Store(settings.db_path)
    seed_store(store, SEEDS)
    yield store
    store.close()


@pytest.mark.parametrize("topic", ["Lysychansk", "Лисичанськ"])
async def test_status_answers_sections_and_a_chart(fake_api: FakeBotAPI, settings: Settings,
                                                   seeded: Store, topic: str) -> None:
    text = f"/status {topic}"
    _, message = fake_api.push_message(CHAT, text, **command(text))
    async with running_bot(settings, seeded):
        answer = await wait_for_answer(fake_api, CHAT, message["message_id"])
        await fake_api.wait_for(lambda: fake_api.calls("sendPhoto"), what="the chart")
    assert answer.startswith(f"<b>Status: {topic}</b>")
    for section in ("<b>State of play</b>", "<b>Who claims what</b>", "<b>Latest first</b>",
                    "<u>Russia and its proxies</u>", "<u>Ukraine</u>"):
        assert section in answer
    assert "confirms withdrawal" in answer and "says captured" in answer
    (photo,) = fake_api.calls("sendPhoto")
    assert photo.params["chat_id"] == CHAT and photo.params["photo"].startswith("<upload")
    last = fake_api.calls("sendMessage")[-1]
    buttons = last.result["reply_markup"]["inline_keyboard"]
    assert buttons[-1][0]["callback_data"].startswith("follow:")


def group_message(api: FakeBotAPI, text: str, user: dict[str, Any] = MEMBER,
                  **fields: Any) -> dict[str, Any]:
    _, message = api.push_message(GROUP, text, user=user, **fields)
    return message


async def test_settings_are_for_admins_only(fake_api: FakeBotAPI, settings: Settings,
                                            seeded: Store) -> None:
    fake_api.admins.add((GROUP, ADMIN["id"]))
    denied = group_message(fake_api, "/settings on", **command("/settings on"))
    async with running_bot(settings, seeded):
        refusal = await wait_for_answer(fake_api, GROUP, denied["message_id"])
        assert seeded.chat_settings(GROUP) == {}
        allowed = group_message(fake_api, "/settings on", ADMIN, **command("/settings on"))
        saved = await wait_for_answer(fake_api, GROUP, allowed["message_id"])
    assert "Only the group's admins" in refusal
    assert saved.startswith("Settings saved.")
    assert seeded.chat_settings(GROUP)["enabled"] is True
    assert seeded.chat_settings(GROUP + 1) == {}  # nothing leaks into another chat


async def test_group_helper_replies_to_a_matching_forward_only(
        fake_api: FakeBotAPI, settings: Settings, seeded: Store) -> None:
    seeded.save_chat_settings(GROUP, {"enabled": True}, kind="supergroup")
    chatter = group_message(fake_api, "Has anyone seen my charger? I left it in the kitchen.")
    unrelated = group_message(
        fake_api, "Heavy rain flooded several streets in the centre of Lviv on Sunday evening.",
        forward_origin=CHANNEL_ORIGIN)
    matching = group_message(
        fake_api, "Lysychansk is fully surrounded and the Ukrainian garrison has been cut off, "
                  "LPR militia says.", forward_origin=CHANNEL_ORIGIN)
    automatic = group_message(
        fake_api, "Lysychansk is fully surrounded and the Ukrainian garrison has been cut off.",
        forward_origin=CHANNEL_ORIGIN, is_automatic_forward=True)
    async with running_bot(settings, seeded):
        answer = await wait_for_answer(fake_api, GROUP, matching["message_id"])
        last = group_message(fake_api, "ok, thanks")  # handled after the others
        await fake_api.wait_for(lambda: seeded.claim_update(10**9, GROUP, last["message_id"])
                                is False or True)
    assert "stored sources dispute it" in answer or "fact-checkers" in answer
    assert "not encircled" in answer.lower() or "contradicts" in answer
    for quiet in (chatter, unrelated, automatic):
        assert final_answers(fake_api, GROUP, quiet["message_id"]) == []
    assert len(fake_api.calls("sendMessage")) == 1


async def test_followed_check_gets_one_update_on_a_contradicting_claim(
        fake_api: FakeBotAPI, settings: Settings, seeded: Store) -> None:
    text = ("Russian forces have not taken Lysychansk, the city is still held by Ukrainian "
            "troops, the National Guard says.")
    _, message = fake_api.push_message(CHAT, text)
    async with running_bot(settings, seeded) as app:
        await wait_for_answer(fake_api, CHAT, message["message_id"])
        (reply,) = fake_api.replies_to(CHAT, message["message_id"])
        answer_id = reply.result["message_id"]
        data = reply.result["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
        assert data.startswith("follow:")
        from bot.follow import start_watermark
        start_watermark(seeded)
        fake_api.push_callback(CHAT, answer_id, data)
        await fake_api.wait_for(
            lambda: "unfollow:" in str(fake_api.sent_message(CHAT, answer_id)), what="Unfollow")
        seeded.add_claims([Claim(
            text="Ukraine's General Staff confirmed that its forces withdrew from Lysychansk "
                 "after heavy fighting; Russian forces have taken control of the city.",
            claim_id="later-1", source="Ukrinform", claimant="General Staff of Ukraine",
            published_at="2022-07-03", language="en")])
        context = type("Ctx", (), {"bot": app.bot, "bot_data": app.bot_data})()
        await follow_job(context)  # type: ignore[arg-type]
        await follow_job(context)  # type: ignore[arg-type]  # nothing new: no second update
    updates = [c for c in fake_api.calls("sendMessage")
               if "Update on a check you follow" in c.params["text"]]
    assert len(updates) == 1
    assert "later-1" not in updates[0].params["text"] and "Ukrinform" in updates[0].params["text"]
    assert "contradicts" in updates[0].params["text"]
    assert get_services(context).store is seeded  # type: ignore[arg-type]
