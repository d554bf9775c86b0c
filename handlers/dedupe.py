"""Delivery semantics: an update (or a chat message) is answered once, also across restarts."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.common import get_services


def update_key(update: Update) -> tuple[int | None, int | None]:
    """The (chat id, message id) of a new message, which Telegram may re-send under a new id."""
    if update.message is not None:
        return update.message.chat_id, update.message.message_id
    return None, None


async def claim_once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop handling an update that was handled before (same update id or chat message)."""
    services = get_services(context)
    chat_id, message_id = update_key(update)
    fresh = await services.in_store(services.store.claim_update, update.update_id, chat_id,
                                    message_id)
    if not fresh:
        raise ApplicationHandlerStop


async def forget_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget an update whose handling failed before any reply, so a redelivery is retried."""
    services = get_services(context)
    await services.in_store(services.store.release_update, update.update_id)
