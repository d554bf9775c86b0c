"""Follow / Unfollow buttons, and the JobQueue job that sends follow-up updates.

    register_follow_job(application)   # after build_application (run_bot does it)
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, Job

from bot.follow import Notification, mark_sent, run_follow_round, save_watermark, start_watermark
from bot.i18n import t
from bot.render_telegram import escape, render_match, shorten, split_blocks
from bot.stance import NeutralStance
from handlers.common import (
    FOLLOW_PREFIX,
    NO_PREVIEW,
    follow_markup,
    get_services,
    user_language,
)
from storage.follows import follow_check, unfollow_check

log = logging.getLogger(__name__)

FOLLOW_JOB = "crosscheck-follow"


async def follow_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Follow or unfollow the check under whose answer the button was pressed."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    language = user_language(update)
    prefix, _, raw = (query.data or "").partition(":")
    services = get_services(context)
    record = await services.in_store(services.store.get_check, int(raw)) if raw.isdigit() else None
    if record is None or record["chat_id"] != chat.id:  # never another chat's check
        await query.answer(t(language, "follow_expired"))
        return
    user_id = update.effective_user.id if update.effective_user else None
    following = prefix == FOLLOW_PREFIX
    if following:
        await services.in_store(follow_check, services.store, chat.id, record["id"], user_id)
    else:
        await services.in_store(unfollow_check, services.store, chat.id, record["id"])
    await query.answer(t(language, "followed" if following else "unfollowed"))
    if query.message is not None and query.message.is_accessible:
        try:
            await query.edit_message_reply_markup(
                reply_markup=follow_markup(record["id"], language, following=following))
        except TelegramError:  # e.g. "message is not modified"
            pass


def render_notification(notification: Notification, language: str = "en") -> list[str]:
    """The update message: what was followed, and the new claims with their relation."""
    title = t(language, "follow_update", query=shorten(notification.query, 200))
    blocks = [f"<b>{escape(title)}</b>"]
    blocks.extend(render_match(m, language, show_relation=True) for m in notification.matches)
    return split_blocks(blocks)


async def send_notifications(context: ContextTypes.DEFAULT_TYPE,
                             notifications: list[Notification]) -> int:
    """Send each notification (with an Unfollow button) and mark it sent; returns how many."""
    services = get_services(context)
    sent = 0
    for notification in notifications:
        chunks = render_notification(notification)
        try:
            for index, chunk in enumerate(chunks):
                markup = (follow_markup(notification.check_id, "en", following=True)
                          if index == len(chunks) - 1 else None)
                await context.bot.send_message(notification.chat_id, chunk,
                                               parse_mode=ParseMode.HTML,
                                               link_preview_options=NO_PREVIEW,
                                               reply_markup=markup)
        except TelegramError as exc:
            log.warning("follow-up to chat %s failed: %s", notification.chat_id, exc)
            continue
        await services.in_store(mark_sent, services.store, notification)
        sent += 1
    return sent


async def follow_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One follow-up round: new claims since the last round against every followed check."""
    services = get_services(context)
    pipeline = services.pipeline
    stance = None if isinstance(pipeline.stance, NeutralStance) else pipeline.stance
    notifications, mark = await services.in_store(run_follow_round, services.store,
                                                  matcher=pipeline.matcher, stance=stance)
    await send_notifications(context, notifications)
    await services.in_store(save_watermark, services.store, mark)


def register_follow_job(application: Application, *, interval: float = 120.0,  # type: ignore[type-arg]
                        first: float = 30.0) -> Job | None:  # type: ignore[type-arg]
    """Schedule follow-up rounds on the JobQueue; None without one. Claims stored before
    now are not news."""
    if application.job_queue is None:
        log.warning("no JobQueue: follow-ups are not sent")
        return None
    start_watermark(application.bot_data["services"].store)
    return application.job_queue.run_repeating(
        follow_job, interval=interval, first=first, name=FOLLOW_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True})
