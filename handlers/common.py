"""What the handlers share: the services in `bot_data`, and answering a message with a report.

`answer_with_report` is the one path from a Post to a reply: it shows the typing action, runs
the check in a worker thread (store access is serialised by one lock), sends "Checking…" when
the check takes longer than `slow_after`, and then sends or edits in the rendered report, with
a "More" button when there are further pages.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.domain import Post, Report
from bot.i18n import language_for, t
from bot.intake import LinkFetcher, expand_link_post
from bot.pipeline import Pipeline, post_query_text
from bot.render_telegram import RenderedPage, View, render_page
from bot.report import report_to_dict
from storage import Store

SERVICES_KEY = "services"
MORE_PREFIX = "more"
FOLLOW_PREFIX = "follow"
UNFOLLOW_PREFIX = "unfollow"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

T = TypeVar("T")


@dataclass(slots=True)
class Services:
    """The store, the pipeline and the bot's knobs, shared by all handlers (in bot_data)."""

    store: Store
    pipeline: Pipeline
    fetch_link: LinkFetcher | None = None
    slow_after: float = 1.0  # seconds before "Checking…" is sent
    album_wait: float = 1.0  # seconds to gather the parts of an album
    typing_every: float = 4.5  # Telegram shows "typing" for about 5 seconds
    check_limit: int = 15
    lock: threading.Lock = field(default_factory=threading.Lock)
    albums: dict[tuple[int, str], list[Message]] = field(default_factory=dict)

    async def in_store(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking store or pipeline call in a worker thread, one call at a time."""
        def locked() -> T:
            with self.lock:
                return func(*args, **kwargs)

        return await asyncio.to_thread(locked)

    def check_and_record(self, post: Post, notes: list[str], view: View, chat_id: int | None,
                         message_id: int | None) -> tuple[Report, int]:
        """Run the pipeline and store the check (its id is the "More" button's key)."""
        report = self.pipeline.check(post, self.check_limit)
        report.notes[:0] = notes
        data = report_to_dict(report)
        data["view"] = view
        check_id = self.store.record_check(post_query_text(post), post.to_dict(), data,
                                           chat_id=chat_id, message_id=message_id)
        return report, check_id

    async def check(self, post: Post, *, view: View, chat_id: int | None,
                    message_id: int | None, expand_link: bool = True) -> tuple[Report, int]:
        """Fetch the link of a link-only post (if wired), then check and record it."""
        notes: list[str] = []
        if expand_link:
            post, notes = await expand_link_post(post, self.fetch_link)
        return await self.in_store(self.check_and_record, post, notes, view, chat_id, message_id)


class CheckFailed(Exception):
    """A check or its reply failed; says whether the user already got a message from us."""

    def __init__(self, *, chat_id: int, reply_to: int, language: str,
                 placeholder_id: int | None, reply_sent: bool) -> None:
        super().__init__(f"check for message {reply_to} in chat {chat_id} failed")
        self.chat_id = chat_id
        self.reply_to = reply_to
        self.language = language
        self.placeholder_id = placeholder_id
        self.reply_sent = reply_sent


def get_services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The Services object that build_application put into bot_data."""
    return context.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]


def user_language(update: Update) -> str:
    """The language to answer in: the user's Telegram language if we have it, else English."""
    user = update.effective_user
    return language_for(user.language_code if user else None)


def more_callback_data(check_id: int, page: int) -> str:
    """Callback data of a "More" button: the stored check's id and the page (≤ 64 bytes)."""
    return f"{MORE_PREFIX}:{check_id}:{page}"


def parse_more_callback_data(data: str | None) -> tuple[int, int] | None:
    """(check id, page) from a "More" button's callback data, or None if it is not one."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != MORE_PREFIX:
        return None
    try:
        check_id, page = int(parts[1]), int(parts[2])
    except ValueError:
        return None
    return (check_id, page) if check_id > 0 and page >= 0 else None


def follow_markup(check_id: int, language: str, *, following: bool = False
                  ) -> InlineKeyboardMarkup:
    """The Follow (or Unfollow) button of a stored check."""
    prefix, label = (UNFOLLOW_PREFIX, "unfollow") if following else (FOLLOW_PREFIX, "follow")
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        t(language, label), callback_data=f"{prefix}:{check_id}")]])


async def keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int, every: float) -> None:
    """Show "typing…" in the chat until cancelled; a failure here never fails the check."""
    while True:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError:
            return
        await asyncio.sleep(every)


async def send_reply(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply_to: int | None,
                     text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send an HTML message, as a reply to `reply_to` when given."""
    reply = (ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
             if reply_to else None)
    return await context.bot.send_message(
        chat_id, text, parse_mode=ParseMode.HTML, reply_parameters=reply,
        link_preview_options=NO_PREVIEW, reply_markup=markup,
    )


async def deliver_page(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply_to: int,
                       page: RenderedPage, check_id: int, language: str,
                       placeholder_id: int | None = None,
                       sent_ids: list[int] | None = None) -> None:
    """Send a rendered page: the first message replies (or replaces "Checking…"), the rest
    follow; the last one carries the "More" button when there is a next page. The ids of the
    messages sent are appended to `sent_ids`."""
    sent_ids = [] if sent_ids is None else sent_ids
    rows = []
    if page.has_next:
        rows.append([InlineKeyboardButton(
            t(language, "more"), callback_data=more_callback_data(check_id, page.page + 1))])
    if page.page == 0:  # Follow under the first answer; pages after it only page on
        rows.extend(follow_markup(check_id, language).inline_keyboard)
    markup = InlineKeyboardMarkup(rows) if rows else None
    for index, chunk in enumerate(page.chunks):
        last_markup = markup if index == len(page.chunks) - 1 else None
        if index == 0 and placeholder_id is not None:
            await context.bot.edit_message_text(
                chunk, chat_id=chat_id, message_id=placeholder_id, parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW, reply_markup=last_markup,
            )
        else:
            sent = await send_reply(context, chat_id, reply_to if index == 0 else None, chunk,
                                    last_markup)
            sent_ids.append(sent.message_id)


async def answer_with_report(update: Update, context: ContextTypes.DEFAULT_TYPE, post: Post, *,
                             view: View = "check", reply_to: int | None = None,
                             expand_link: bool = True) -> None:
    """Check `post` and reply to the user's message with the report.

    Raises CheckFailed (chained to the cause) for the error handler, which apologises.
    """
    services = get_services(context)
    message = update.effective_message
    assert message is not None
    chat_id, reply_to = message.chat_id, reply_to or message.message_id
    language = user_language(update)
    placeholder_id: int | None = None
    sent_ids: list[int] = []
    typing = asyncio.create_task(keep_typing(context, chat_id, services.typing_every))
    check = asyncio.create_task(services.check(post, view=view, chat_id=chat_id,
                                               message_id=reply_to, expand_link=expand_link))
    try:
        done, _ = await asyncio.wait({check}, timeout=services.slow_after)
        if not done:
            placeholder = await send_reply(context, chat_id, reply_to, t(language, "checking"))
            placeholder_id = placeholder.message_id
        report, check_id = await check
        typing.cancel()
        page = render_page(report, language, 0, view)
        await deliver_page(context, chat_id, reply_to, page, check_id, language, placeholder_id,
                           sent_ids)
    except Exception as exc:
        raise CheckFailed(chat_id=chat_id, reply_to=reply_to, language=language,
                          placeholder_id=placeholder_id,
                          reply_sent=placeholder_id is not None or bool(sent_ids)) from exc
    finally:
        typing.cancel()
        check.cancel()
