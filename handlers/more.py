"""The "More" button: the next page of matches of a stored check."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.render_telegram import render_page, report_from_dict
from handlers.common import deliver_page, get_services, parse_more_callback_data, user_language


async def more_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the next page of the check whose "More" button was pressed."""
    query = update.callback_query
    if query is None:
        return
    language = user_language(update)
    parsed = parse_more_callback_data(query.data)
    chat = update.effective_chat
    services = get_services(context)
    record = None
    if parsed is not None and chat is not None:
        record = await services.in_store(services.store.get_check, parsed[0])
    if record is None or chat is None or record["chat_id"] != chat.id or parsed is None:
        await query.answer(t(language, "more_expired"))
        return
    check_id, page_number = parsed
    await query.answer()
    report = record["report"]
    page = render_page(report_from_dict(report), language, page_number,
                       "status" if report.get("view") == "status" else "check")
    if query.message is not None and query.message.is_accessible:
        await query.edit_message_reply_markup(reply_markup=None)  # the button moves on
        reply_to = query.message.message_id
    else:
        reply_to = record["message_id"]
    await deliver_page(context, chat.id, reply_to, page, check_id, language)
