"""Fixtures for the Telegram tests: the fake Bot API server, settings, a store with claims."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.helpers import LYSYCHANSK_CLAIMS, TOKEN, load_claims, write_jsonl


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


@pytest.fixture
def settings(fake_api: FakeBotAPI, tmp_path: Path) -> Settings:
    return Settings(db_path=str(tmp_path / "crosscheck.db"), telegram_token=TOKEN,
                    telegram_base_url=fake_api.base_url,
                    telegram_base_file_url=fake_api.base_file_url,
                    seeds_dir=tmp_path / "no-seeds")


@pytest.fixture
def store(settings: Settings, tmp_path: Path) -> Iterator[Store]:
    db = Store(settings.db_path)
    load_claims(db, write_jsonl(tmp_path / "claims.jsonl", LYSYCHANSK_CLAIMS))
    yield db
    db.close()
