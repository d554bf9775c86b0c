"""Settings from the environment (and a `.env` file beside the working directory)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_TELEGRAM_BASE_FILE_URL = "https://api.telegram.org/file/bot"


@dataclass(slots=True)
class Settings:
    """Everything an operator can set; see .env.example for each variable."""

    db_path: str = "crosscheck.db"
    telegram_token: str | None = None
    telegram_base_url: str = DEFAULT_TELEGRAM_BASE_URL
    telegram_base_file_url: str = DEFAULT_TELEGRAM_BASE_FILE_URL
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    fetch_allow: list[str] = field(default_factory=list)
    seeds_dir: Path = REPO_ROOT / "seeds"
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, *, dotenv: bool = True) -> Settings:
        if dotenv:
            load_dotenv(Path.cwd() / ".env", override=False)
        env = os.environ
        allow = [h.strip() for h in env.get("CROSSCHECK_FETCH_ALLOW", "").split(",") if h.strip()]
        return cls(
            db_path=env.get("CROSSCHECK_DB") or "crosscheck.db",
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_base_url=env.get("TELEGRAM_BASE_URL") or DEFAULT_TELEGRAM_BASE_URL,
            telegram_base_file_url=(env.get("TELEGRAM_BASE_FILE_URL")
                                    or DEFAULT_TELEGRAM_BASE_FILE_URL),
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=int(env.get("TELEGRAM_WEBHOOK_PORT") or 8443),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            fetch_allow=allow,
            seeds_dir=Path(env.get("CROSSCHECK_SEEDS_DIR") or REPO_ROOT / "seeds"),
            log_level=env.get("CROSSCHECK_LOG_LEVEL") or "INFO",
        )
