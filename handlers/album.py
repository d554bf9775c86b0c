"""Albums: the parts of a media group arrive as separate updates and are checked once."""

from __future__ import annotations

import asyncio

from telegram import Message, Update
from telegram.ext import ContextTypes
from telegram.ext.filters import MessageFilter

from bot.intake import post_from_album
from handlers.common import answer_with_report, get_services


class _InMediaGroup(MessageFilter):
    """Messages that are part of an album (they have a media_group_id)."""

    def filter(self, message: Message) -> bool:
        return message.media_group_id is not None


IN_MEDIA_GROUP = _InMediaGroup(name="IN_MEDIA_GROUP")


async def collect_album(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Gather an album's parts for `album_wait` seconds, then check them as one post."""
    message = update.effective_message
    if message is None or message.media_group_id is None:
        return
    services = get_services(context)
    key = (message.chat_id, message.media_group_id)
    parts = services.albums.get(key)
    if parts is not None:
        parts.append(message)  # the first part's handler checks the whole album
        return
    services.albums[key] = [message]
    try:
        await asyncio.sleep(services.album_wait)
    finally:
        parts = services.albums.pop(key, [message])
    first = min(parts, key=lambda m: m.message_id)
    await answer_with_report(update, context, post_from_album(parts), reply_to=first.message_id)
