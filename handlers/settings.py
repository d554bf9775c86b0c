"""/settings in a group: the group helper's switches, for the group's admins only.

    /settings                       show the settings
    /settings on|off                switch the helper on or off
    /settings sensitivity low|normal|high
    /settings languages en,uk,ru
    /settings quiet 23-07           quiet hours (UTC), or "off"
    /settings mode reply|react
    /settings limit 3               interventions per hour at most
"""

from __future__ import annotations

from telegram import Message, ReplyParameters, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.group_helper import GroupSettings, apply_setting
from bot.i18n import t
from handlers.common import get_services, user_language

ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def is_group_admin(context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    """True for the group's admins, checked with getChatMember; an anonymous admin writes as
    the group itself (sender_chat is the chat)."""
    if message.sender_chat is not None:
        return message.sender_chat.id == message.chat_id
    if message.from_user is None:
        return False
    try:
        member = await context.bot.get_chat_member(message.chat_id, message.from_user.id)
    except TelegramError:
        return False
    return member.status in ADMIN_STATUSES


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show or change this group's helper settings (admins only)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    language = user_language(update)
    reply = ReplyParameters(message.message_id, allow_sending_without_reply=True)
    if chat.type not in (chat.GROUP, chat.SUPERGROUP):
        await message.reply_text(t(language, "settings_private"), reply_parameters=reply)
        return
    if not await is_group_admin(context, message):
        await message.reply_text(t(language, "settings_admins_only"), reply_parameters=reply)
        return
    services = get_services(context)
    current = GroupSettings.from_dict(
        await services.in_store(services.store.chat_settings, chat.id))
    args = list(context.args or [])
    if not args:
        await message.reply_text(t(language, "settings_usage", current=current.describe()),
                                 reply_parameters=reply)
        return
    changed = apply_setting(current, args)
    if changed is None:
        await message.reply_text(t(language, "settings_usage", current=current.describe()),
                                 reply_parameters=reply)
        return
    await services.in_store(services.store.save_chat_settings, chat.id, changed.to_dict(),
                            kind=chat.type, title=chat.title)
    await message.reply_text(f"{t(language, 'settings_saved')} {changed.describe()}",
                             reply_parameters=reply)
