"""/start and /help: what the bot does, in the user's language, with an example."""

from __future__ import annotations

from telegram import ReplyParameters, Update
from telegram.ext import ContextTypes

from bot.i18n import t
from handlers.common import user_language


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and say what to send."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(t(user_language(update), "start"),
                             reply_parameters=ReplyParameters(message.message_id))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain what the bot does, with an example."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(t(user_language(update), "help"),
                             reply_parameters=ReplyParameters(message.message_id))
