"""Application wiring: `crosscheck run` against the fake server, webhook mode, settings, strings."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from pathlib import Path
from string import Formatter

import httpx
import pytest

from bot.app import ALLOWED_UPDATES, build_application, webhook_options
from bot.config import Settings
from bot.i18n import STRINGS, language_for, t, translate_note
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.helpers import TOKEN, final_answers, wait_for_answer

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_crosscheck_run_polls_answers_and_stops_cleanly(fake_api: FakeBotAPI,
                                                              tmp_path: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake_api.base_url,
           "TELEGRAM_BASE_FILE_URL": fake_api.base_file_url,
           "CROSSCHECK_DB": str(tmp_path / "run.db"), "CROSSCHECK_SEEDS_DIR": str(tmp_path),
           "CROSSCHECK_LOG_LEVEL": "DEBUG"}
    env.pop("TELEGRAM_WEBHOOK_URL", None)
    _, start = fake_api.push_message(11, "/start", entities=[
        {"type": "bot_command", "offset": 0, "length": 6}])
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        answer = await wait_for_answer(fake_api, 11, start["message_id"], timeout=40)
        process.send_signal(signal.SIGINT)
        _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()
    stderr = err.decode("utf-8", errors="replace")
    assert answer == t("en", "start")
    assert process.returncode == 0, stderr[-2000:]
    assert "Set Bot API URL" in stderr  # DEBUG logging was on ...
    assert TOKEN not in stderr and TOKEN.split(":")[1] not in stderr  # ... without the token
    assert fake_api.commands  # the command menu was set at start-up


async def test_webhook_mode_checks_the_secret(fake_api: FakeBotAPI, settings: Settings,
                                              store: Store) -> None:
    port = free_port()
    settings.webhook_url = f"http://127.0.0.1:{port}/telegram/hook"
    settings.webhook_listen, settings.webhook_port = "127.0.0.1", port
    settings.webhook_secret = "s3cret-Token_1"
    options = webhook_options(settings)
    application = build_application(settings, store, fetch_link=None)
    update = {"update_id": 1, "message": fake_api.message(
        21, "/start", entities=[{"type": "bot_command", "offset": 0, "length": 6}])}
    async with application:
        assert application.updater is not None
        await application.updater.start_webhook(**options)
        await application.start()
        try:
            async with httpx.AsyncClient() as client:
                refused = await client.post(settings.webhook_url, json=update, headers={
                    "X-Telegram-Bot-Api-Secret-Token": "wrong"})
                accepted = await client.post(settings.webhook_url, json=update, headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
            await wait_for_answer(fake_api, 21, update["message"]["message_id"])
        finally:
            await application.updater.stop()
            await application.stop()
    assert refused.status_code == 403 and accepted.status_code == 200
    assert fake_api.webhook is not None
    assert fake_api.webhook["url"] == settings.webhook_url
    assert fake_api.webhook["secret_token"] == "s3cret-Token_1"
    assert len(final_answers(fake_api, 21, update["message"]["message_id"])) == 1


def test_webhook_options_from_settings() -> None:
    settings = Settings(telegram_token=TOKEN, webhook_url="https://bot.example.org/tg/updates",
                        webhook_port=8443)
    options = webhook_options(settings)
    assert options["url_path"] == "tg/updates" and options["port"] == 8443
    assert options["listen"] == "0.0.0.0" and options["allowed_updates"] == ALLOWED_UPDATES
    assert len(options["secret_token"]) >= 32  # made up when none is configured
    settings.webhook_secret = "mine"
    assert webhook_options(settings)["secret_token"] == "mine"
    with pytest.raises(ValueError):
        webhook_options(Settings(telegram_token=TOKEN))


def test_build_application_needs_a_token(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store, pytest.raises(ValueError):
        build_application(Settings(), store)


def test_env_example_documents_every_setting() -> None:
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    config = (REPO / "bot" / "config.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env\.get\("([A-Z_]+)"', config))
    assert names, "no variables found in bot/config.py"
    for name in sorted(names):
        assert re.search(rf"^#?\s*{name}=", text, re.MULTILINE), f"{name} not in .env.example"


def test_language_choice() -> None:
    assert language_for("uk") == "uk" and language_for("ru-RU") == "ru"
    assert language_for("de") == "en" and language_for(None) == "en"
    assert t("uk", "status_title", topic="Лисичанськ") == "Стан: Лисичанськ"


def test_every_language_has_every_string_with_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    english = STRINGS["en"]
    for language, table in STRINGS.items():
        assert set(table) == set(english), language
        for key, text in table.items():
            assert fields(text) == fields(english[key]), (language, key)
            assert text.strip(), (language, key)


def test_notes_are_translated() -> None:
    assert translate_note("ru", t("en", "note_no_text")) == t("ru", "note_no_text")
    failed = t("en", "note_link_failed", reason="timeout")
    assert translate_note("uk", failed) == t("uk", "note_link_failed", reason="timeout")
    assert translate_note("uk", "something else") == "something else"


def test_fake_server_get_updates_offset_semantics(fake_api: FakeBotAPI) -> None:
    """getUpdates returns unconfirmed updates; an offset confirms those below it."""
    first, second = fake_api.push_updates([{"message": fake_api.message(1, "a")},
                                           {"message": fake_api.message(1, "b")}])

    def get(**params: object) -> list[int]:
        answer = httpx.post(f"{fake_api.base_url}{TOKEN}/getUpdates",
                            data={k: str(v) for k, v in params.items()})
        return [u["update_id"] for u in answer.json()["result"]]

    assert get(timeout=0) == [first, second]
    assert get(timeout=0, offset=second) == [second]
    assert get(timeout=0, limit=1) == [second]
    assert get(timeout=0, offset=second + 1) == []
    assert fake_api.redeliver() == [first, second]
    assert get(timeout=0) == [first, second]
