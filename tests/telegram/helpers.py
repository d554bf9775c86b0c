"""Helpers for the Telegram tests: claims fixtures, a fake stance model, a running bot, and
waiting for the bot's answer on the fake Bot API server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings
from bot.domain import Claim, Relation
from bot.i18n import STRINGS
from bot.importer import ImportReport, read_claims
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI

TOKEN = "123456789:AAH-fake-token-for-tests_0123456789xyz"

# Claims modelled on the reporting about Lysychansk in early July 2022 (URLs are illustrative)
# and one unrelated claim.
LYSYCHANSK_CLAIMS: list[dict[str, Any]] = [
    {"id": "t-lys-1", "source": "TASS", "claimant": "Russian Ministry of Defence",
     "published": "2022-07-03", "language": "en",
     "url": "https://tass.com/politics/1474311",
     "text": "Russian forces have taken full control of Lysychansk, Defence Minister Sergei "
             "Shoigu reported to President Putin.",
     "side": "ru", "stance_on_control": "captured"},
    {"id": "t-lys-2", "source": "Ukrainska Pravda",
     "claimant": "General Staff of the Armed Forces of Ukraine", "published": "2022-07-03",
     "language": "en", "url": "https://www.pravda.com.ua/eng/news/2022/07/3/7356058/",
     "text": "Ukrainian forces withdrew from Lysychansk; Russian forces have taken control of "
             "the city, the General Staff confirmed.",
     "side": "ua", "stance_on_control": "captured"},
    {"id": "t-lys-3", "source": "Reuters", "claimant": "Serhiy Haidai, Luhansk governor",
     "published": "2022-07-02", "language": "en",
     "url": "https://www.reuters.com/world/europe/lysychansk-not-encircled-2022-07-02/",
     "text": "Claims that Russian forces have taken full control of Lysychansk are false; the "
             "city remains under the control of Ukrainian forces, governor Serhiy Haidai said.",
     "side": "ua", "stance_on_control": "held"},
    {"id": "t-lviv-1", "source": "Zaxid.net", "claimant": "Lviv city council",
     "published": "2022-07-03", "language": "en", "url": "https://zaxid.net/news/lviv-rain",
     "text": "Heavy rain flooded several streets in the centre of Lviv on Sunday evening."},
]


class ControlStance:
    """A stand-in stance model for tests: reads the claim's `stance_on_control`.

    FAKE: the real stance model (bot.stance) replaces this once stance lands. It assumes the
    checked post says the city was captured: claims saying "captured" (or that Ukrainian forces
    withdrew) corroborate it, claims saying it is held or contested contradict it, anything else
    (e.g. "encircled", or a claim whose `topic` is another city) is related.
    """

    def __init__(self, topic: str = "Lysychansk") -> None:
        self.topic = topic

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]:
        if claim.extra.get("topic", self.topic) != self.topic:
            return "related", 0.0  # about another city: takes no side on this one
        stance = str(claim.extra.get("stance_on_control") or "").lower()
        if stance in {"captured", "withdrawal"}:  # Ukrainian withdrawal: the city was taken
            return "corroborates", 0.9
        if stance in {"held", "ukrainian_control", "contested"}:
            return "contradicts", 0.9
        return "related", 0.0


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def load_claims(store: Store, path: Path) -> int:
    """Import a contract-A JSONL file into the store; returns how many were stored."""
    report = ImportReport()
    with path.open(encoding="utf-8") as handle:
        result = store.add_claims(read_claims(handle, report))
    assert not report.rejected, report.rejected
    return result.inserted


@asynccontextmanager
async def running_bot(settings: Settings, store: Store, **options: Any
                      ) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The real Application polling the fake server, started like run_polling starts it."""
    options.setdefault("fetch_link", None)
    options.setdefault("album_wait", 0.5)
    application = build_application(settings, store, **options)
    await application.initialize()
    try:
        assert application.post_init is not None
        await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1,
                                                allowed_updates=ALLOWED_UPDATES)
        await application.start()
        yield application
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)  # as run_polling does


PLACEHOLDERS = {table["checking"] for table in STRINGS.values()}


def utf16_offset(text: str, part: str) -> int:
    """Where `part` starts in `text`, in UTF-16 code units (for building entities)."""
    return len(text[:text.index(part)].encode("utf-16-le")) // 2


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def final_answers(api: FakeBotAPI, chat_id: int, message_id: int) -> list[str]:
    """The bot's replies to a message as they read now, "Checking…" placeholders left out."""
    return [t for t in api.answer_texts(chat_id, message_id) if t not in PLACEHOLDERS]


async def wait_for_answer(api: FakeBotAPI, chat_id: int, message_id: int,
                          timeout: float = 20.0) -> str:
    """Wait until the bot has answered a message (placeholder edited in); returns the text."""
    answers = await api.wait_for(lambda: final_answers(api, chat_id, message_id), timeout,
                                 what=f"an answer to message {message_id} in chat {chat_id}")
    return str(answers[0])
