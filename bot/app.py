"""Telegram wiring: build the python-telegram-bot Application and run it (polling or webhook).

    crosscheck run            # polling (the default)
    TELEGRAM_WEBHOOK_URL=https://bot.example.org/telegram crosscheck run   # webhook

`build_application` takes the settings (token, Bot API base URLs) and an open Store (and the
pipeline to use: `run_bot` passes the Engine's hybrid pipeline, tests a plain one); it adds the
handlers from `handlers/`, the rate limiter, concurrent updates, the start-up command menu and the
global error handler. Tests point it at a fake Bot API server through `telegram_base_url`.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable, Coroutine
from typing import Any, Literal, TextIO
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.domain import Post
from bot.fetch import AddressPolicy, SafeFetcher
from bot.i18n import LANGUAGES, t
from bot.intake import LinkFetcher
from bot.parsers import fetch_post
from bot.pipeline import Pipeline
from bot.seeding import seed_store
from handlers.album import IN_MEDIA_GROUP, collect_album
from handlers.check import check_command, check_message
from handlers.common import SERVICES_KEY, Services
from handlers.dedupe import claim_once
from handlers.errors import handle_error
from handlers.follow import follow_button, register_follow_job
from handlers.group import group_message
from handlers.more import more_button
from handlers.settings import settings_command
from handlers.start import help_command, start
from handlers.status import status_command
from storage import Store

LOGGER = logging.getLogger(__name__)

ALLOWED_UPDATES: list[str] = [Update.MESSAGE, Update.CALLBACK_QUERY]
PRIVATE_COMMANDS: tuple[str, ...] = ("start", "help", "check", "status")
GROUP_COMMANDS: tuple[str, ...] = ("check", "status", "help", "settings")
CONCURRENT_UPDATES = 64  # updates handled at once; more only adds HTTP contention (evals/bot_load)
CONNECTION_POOL_SIZE = 256
POOL_TIMEOUT = 30.0  # seconds a request may wait for a free connection under load
RATE_LIMIT_RETRIES = 3


class ChatRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter with RetryAfter retries; "typing" actions bypass the message quota."""

    def __init__(self, max_retries: int = RATE_LIMIT_RETRIES) -> None:
        super().__init__(max_retries=max_retries)

    async def process_request(  # type: ignore[override]
        self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
        kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data,
                                              rate_limit_args)


_SECRETS: list[str] = []
_PLAIN_RECORD_FACTORY: Callable[..., logging.LogRecord] | None = None


def redact(text: str) -> str:
    """`text` with the bot token (and its secret half) replaced by <token>."""
    for secret in _SECRETS:
        text = text.replace(secret, "<token>")
    return text


def _redacting_record_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    assert _PLAIN_RECORD_FACTORY is not None
    record = _PLAIN_RECORD_FACTORY(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string: logging reports it later
        return record
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    return record


def install_token_redaction(token: str | None) -> None:
    """Make every log record redact the token, whichever handler writes it (PTB logs Bot API
    URLs, which contain the token, at DEBUG)."""
    global _PLAIN_RECORD_FACTORY
    if not token:
        return
    secret = token.split(":", 1)[1] if ":" in token else ""
    for value in (token, secret):
        if len(value) >= 8 and value not in _SECRETS:
            _SECRETS.append(value)
    _SECRETS.sort(key=len, reverse=True)
    if _PLAIN_RECORD_FACTORY is None:
        _PLAIN_RECORD_FACTORY = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_record_factory)


class RedactingFormatter(logging.Formatter):
    """A formatter that redacts the token from every line it writes (a second safety net)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Log to stderr at the configured level; the token never appears in any log output."""
    install_token_redaction(settings.telegram_token)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        if stream is None and isinstance(old, logging.StreamHandler) and not isinstance(
                old, logging.FileHandler) and getattr(old, "stream", None) is sys.stderr:
            root.removeHandler(old)  # e.g. the CLI's basicConfig: one stderr handler is enough
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler


def command_menu(language: str, names: tuple[str, ...]) -> list[BotCommand]:
    """The command list shown in Telegram's menu, in one language."""
    return [BotCommand(name, t(language, f"cmd_{name}")) for name in names]


async def set_command_menu(application: Application) -> None:  # type: ignore[type-arg]
    """post_init: set the command menu for private chats and groups, in each language."""
    bot = application.bot
    for language in LANGUAGES:
        code = None if language == "en" else language
        await bot.set_my_commands(command_menu(language, PRIVATE_COMMANDS),
                                  scope=BotCommandScopeAllPrivateChats(), language_code=code)
        await bot.set_my_commands(command_menu(language, GROUP_COMMANDS),
                                  scope=BotCommandScopeAllGroupChats(), language_code=code)
    LOGGER.info("bot @%s is ready", bot.username)


class PageLinkFetcher:
    """Fetches a link through the SafeFetcher and parses it into a Post (bot.parsers)."""

    def __init__(self, fetcher: SafeFetcher) -> None:
        self.fetcher = fetcher

    async def __call__(self, url: str) -> Post:
        return await fetch_post(url, self.fetcher)

    async def aclose(self) -> None:
        await self.fetcher.aclose()


def link_fetcher_from_settings(settings: Settings) -> PageLinkFetcher:
    """The link fetcher for link-only messages; CROSSCHECK_FETCH_ALLOW opens internal hosts."""
    return PageLinkFetcher(SafeFetcher(AddressPolicy(allow=tuple(settings.fetch_allow))))


async def close_link_fetcher(application: Application) -> None:  # type: ignore[type-arg]
    """post_shutdown: close the link fetcher's connections, if it has any."""
    fetch_link = application.bot_data[SERVICES_KEY].fetch_link
    aclose = getattr(fetch_link, "aclose", None)
    if aclose is not None:
        await aclose()


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """The dedupe gate first (group -1), then one handler per kind of input, then errors."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handler(TypeHandler(Update, claim_once), group=-1)
    commands = [("start", start), ("help", help_command), ("check", check_command),
                ("status", status_command), ("settings", settings_command)]
    for name, callback in commands:
        application.add_handler(CommandHandler(name, callback,
                                               filters=filters.UpdateType.MESSAGE))
    application.add_handler(CallbackQueryHandler(more_button, pattern=r"^more:"))
    application.add_handler(CallbackQueryHandler(follow_button, pattern=r"^(un)?follow:"))
    application.add_handler(MessageHandler(private & IN_MEDIA_GROUP, collect_album))
    application.add_handler(MessageHandler(private & ~filters.COMMAND, check_message))
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(groups & ~filters.COMMAND, group_message))
    application.add_error_handler(handle_error)


def build_application(
    settings: Settings,
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    fetch_link: LinkFetcher | None | Literal["auto"] = "auto",
    rate_limiter: BaseRateLimiter | None | Literal["default"] = "default",  # type: ignore[type-arg]
    concurrent_updates: int = CONCURRENT_UPDATES,
    connection_pool_size: int = CONNECTION_POOL_SIZE,
    slow_after: float = 1.0,
    album_wait: float = 1.0,
) -> Application:  # type: ignore[type-arg]
    """The bot's Application, talking to `settings.telegram_base_url`, answering from `store`."""
    if not settings.telegram_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .concurrent_updates(concurrent_updates)
        .connection_pool_size(connection_pool_size)
        .pool_timeout(POOL_TIMEOUT)
        .post_init(set_command_menu)
        .post_shutdown(close_link_fetcher)
    )
    limiter = ChatRateLimiter() if rate_limiter == "default" else rate_limiter
    if limiter is not None:
        builder = builder.rate_limiter(limiter)
    application = builder.build()
    application.bot_data[SERVICES_KEY] = Services(
        store=store,
        pipeline=pipeline or Pipeline(store),
        fetch_link=link_fetcher_from_settings(settings) if fetch_link == "auto" else fetch_link,
        slow_after=slow_after,
        album_wait=album_wait,
    )
    add_handlers(application)
    return application


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments for run_webhook: listen address and port, the URL's path, the secret token.

    Without TELEGRAM_WEBHOOK_SECRET a random secret is made for this run, so that only Telegram
    (which is told the secret in setWebhook) can post updates.
    """
    if not settings.webhook_url:
        raise ValueError("TELEGRAM_WEBHOOK_URL is not set")
    path = urlsplit(settings.webhook_url).path.strip("/")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": path,
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret or secrets.token_urlsafe(32),
        "allowed_updates": ALLOWED_UPDATES,
    }


def run_bot(settings: Settings) -> None:
    """Open the store (seeding a new one), start the matcher engine with its background
    indexer, then poll, or serve a webhook if one is set."""
    from types import SimpleNamespace

    from bot.engine import Engine
    from bot.ingest.jobs import register_ingest_jobs

    configure_logging(settings)
    store = Store(settings.db_path)
    engine: Engine | None = None
    try:
        seed_store(store, settings.seeds_dir)
        engine = Engine(store)
        engine.start_background_indexing()
        application = build_application(settings, store, pipeline=engine.pipeline)
        # Watched sources are ingested on the JobQueue through a connection of their own.
        ingest_store = Store(settings.db_path)
        register_ingest_jobs(application, SimpleNamespace(store=ingest_store))
        register_follow_job(application)
        if settings.webhook_url:
            LOGGER.info("starting webhook on %s:%s", settings.webhook_listen,
                        settings.webhook_port)
            application.run_webhook(**webhook_options(settings))
        else:
            LOGGER.info("starting polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    finally:
        if engine is not None:
            engine.stop()
        store.close()
