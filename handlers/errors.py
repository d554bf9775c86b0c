"""The global error handler: log without the token, apologise for a failed check, keep running.

`RetryAfter` (after the rate limiter's retries), `TimedOut`, `NetworkError` and `Forbidden` (the
user blocked the bot) are logged as warnings, never crash the bot. An update whose handling
failed before anything reached the user is released, so a redelivery is tried again.
"""

from __future__ import annotations

import logging

from telegram import ReplyParameters, Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ContextTypes

from bot.i18n import t
from handlers.common import CheckFailed
from handlers.dedupe import forget_update

LOGGER = logging.getLogger(__name__)


async def apologise(context: ContextTypes.DEFAULT_TYPE, failed: CheckFailed) -> bool:
    """Tell the user their check failed (in place of "Checking…" if it was sent)."""
    text = t(failed.language, "apology")
    try:
        if failed.placeholder_id is not None:
            await context.bot.edit_message_text(text, chat_id=failed.chat_id,
                                                message_id=failed.placeholder_id)
        else:
            await context.bot.send_message(
                failed.chat_id, text,
                reply_parameters=ReplyParameters(failed.reply_to,
                                                 allow_sending_without_reply=True))
    except TelegramError as exc:
        LOGGER.warning("could not apologise in chat %s: %s", failed.chat_id, exc)
        return False
    return True


def log_error(update_id: int | None, error: BaseException) -> None:
    """One log line per failure: warnings for Telegram's transient errors, a traceback else."""
    if isinstance(error, Forbidden):
        LOGGER.info("update %s: the user blocked the bot or left the chat: %s", update_id, error)
    elif isinstance(error, RetryAfter):
        LOGGER.warning("update %s: rate limited by Telegram: %s", update_id, error)
    elif isinstance(error, (TimedOut, NetworkError)):
        LOGGER.warning("update %s: network trouble talking to Telegram: %s", update_id, error)
    else:
        LOGGER.error("update %s failed", update_id, exc_info=error)


async def handle_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error, apologise for a failed check, and release an update nobody saw answered."""
    error = context.error
    if error is None:
        return
    cause = error.__cause__ if isinstance(error, CheckFailed) and error.__cause__ else error
    update_id = update.update_id if isinstance(update, Update) else None
    log_error(update_id, cause)
    if not isinstance(update, Update) or isinstance(cause, Forbidden):
        return
    if isinstance(error, CheckFailed):
        answered = await apologise(context, error)
        if not answered and not error.reply_sent:
            await forget_update(update, context)
    elif isinstance(cause, NetworkError) and not isinstance(cause, TimedOut):
        await forget_update(update, context)  # the reply never left; let a redelivery retry
