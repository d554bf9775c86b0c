"""Shared fixtures: a fresh database per test, paths to the shared data and the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store, migrated."""
    db = Store(memory=True)
    yield db
    db.close()


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database path in tmp_path, set as CROSSCHECK_DB; no .env from the working tree."""
    path = tmp_path / "crosscheck.db"
    monkeypatch.setenv("CROSSCHECK_DB", str(path))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return path
