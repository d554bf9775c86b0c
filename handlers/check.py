"""Checks: a forwarded post, a text, a link or a caption in a private chat, and /check."""

from __future__ import annotations

from telegram import ReplyParameters, Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.intake import post_from_command, post_from_message
from handlers.common import answer_with_report, user_language


async def check_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Check a forwarded post, a pasted text or link, or a photo's or video's caption."""
    message = update.effective_message
    if message is None:
        return
    await answer_with_report(update, context, post_from_message(message))


async def check_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/check as a reply to a message checks that message; /check <text> checks the text."""
    message = update.effective_message
    if message is None:
        return
    if message.reply_to_message is not None:
        post = post_from_message(message.reply_to_message)
    else:
        post = post_from_command(message)
    if not post.text:
        await message.reply_text(t(user_language(update), "check_usage"),
                                 reply_parameters=ReplyParameters(message.message_id))
        return
    await answer_with_report(update, context, post)
