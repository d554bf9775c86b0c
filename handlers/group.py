"""The group helper: on a forwarded post or a shared link that matches a contested or debunked
claim with high confidence, reply with short context and sources; stay silent otherwise.

What the bot sees depends on Telegram's privacy mode (README, "Group helper"): with it on, only
commands, replies to the bot and messages that mention it reach the bot, so the helper needs
privacy mode off (or the bot made an admin). `/check` as a reply works for everyone either way.
"""

from __future__ import annotations

import time

from telegram import ReactionTypeEmoji, ReplyParameters, Update
from telegram.constants import MessageEntityType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.domain import Post, Report
from bot.group_helper import Decision, GroupSettings, MessageFacts, decide, worth_checking
from bot.i18n import t
from bot.intake import expand_link_post, message_text, post_from_message
from bot.pipeline import judge_part, post_query_text, prepare_stance
from bot.render_telegram import escape, render_match, split_blocks
from bot.report import report_to_dict
from bot.stance import NeutralStance, default_stance
from handlers.common import NO_PREVIEW, Services, follow_markup, get_services
from storage.chats import interventions_since, record_intervention

LINK_TYPES = (MessageEntityType.URL, MessageEntityType.TEXT_LINK)
REACTION = "🤔"
MAX_EVIDENCE = 2


def message_facts(update: Update) -> MessageFacts:
    """The facts about a group message that the decision reads."""
    message = update.effective_message
    assert message is not None
    _, entities = message_text(message)
    sender = message.from_user
    anonymous_admin = message.sender_chat is not None and message.sender_chat.id == message.chat_id
    return MessageFacts(
        is_forward=message.forward_origin is not None,
        has_link=any(e.type in LINK_TYPES for e in entities),
        is_automatic_forward=bool(message.is_automatic_forward),
        from_bot=bool(sender and sender.is_bot and not anonymous_admin
                      and message.sender_chat is None),
        is_command=bool(entities and entities[0].type == MessageEntityType.BOT_COMMAND
                        and entities[0].offset == 0),
    )


def check_with_stance(services: Services, post: Post) -> Report:
    """The pipeline's report, with the production stance model when the pipeline has none."""
    report = services.pipeline.check(post, services.check_limit)
    if isinstance(services.pipeline.stance, NeutralStance):
        stance = default_stance()
        text = post_query_text(post)
        prepare_stance(stance, text, report.matches, services.store)
        for match in report.matches:
            match.relation, match.confidence = stance.classify(text, match.claim)
        for part in report.parts:
            judge_part(stance, part, services.store)
    return report


def judge_group_message(services: Services, post: Post, settings: GroupSettings,
                        facts: MessageFacts, chat_id: int, message_id: int,
                        now: float) -> tuple[Decision, int | None]:
    """Check, decide and (when stepping in) record the check and the intervention, in one go
    under the store lock so that two messages cannot both pass the hourly limit."""
    recent = interventions_since(services.store, chat_id, now - 3600)
    report = check_with_stance(services, post)
    decision = decide(report, settings, facts, recent, now)
    if not decision.intervene:
        return decision, None
    data = report_to_dict(report)
    data["view"] = "check"
    check_id = services.store.record_check(post_query_text(post), post.to_dict(), data,
                                           chat_id=chat_id, message_id=message_id)
    record_intervention(services.store, chat_id, message_id, now)
    return decision, check_id


def render_intervention(decision: Decision, language: str) -> list[str]:
    """Short context: one line on why, then the strongest disputing sources."""
    key = "group_debunked" if decision.kind == "debunked" else "group_context"
    blocks = [f"<b>{escape(t(language, key))}</b>"]
    blocks.extend(render_match(m, language, show_relation=True)
                  for m in decision.evidence[:MAX_EVIDENCE])
    return split_blocks(blocks)


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Look at a group message; step in only on a confident match to a disputed claim."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    services = get_services(context)
    settings = GroupSettings.from_dict(
        await services.in_store(services.store.chat_settings, chat.id))
    facts = message_facts(update)
    if not worth_checking(facts, settings):
        return
    post = post_from_message(message)
    post, _ = await expand_link_post(post, services.fetch_link)
    if not post_query_text(post):
        return
    decision, check_id = await services.in_store(
        judge_group_message, services, post, settings, facts, chat.id, message.message_id,
        time.time())
    if not decision.intervene or check_id is None:
        return
    language = settings.languages[0] if len(settings.languages) == 1 else "en"
    if post.language in settings.languages:
        language = str(post.language)
    if settings.mode == "react":
        try:
            await message.set_reaction(ReactionTypeEmoji(REACTION))
        except TelegramError:
            pass
        return
    chunks = render_intervention(decision, language)
    for index, chunk in enumerate(chunks):
        await context.bot.send_message(
            chat.id, chunk, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
            reply_parameters=None if index else ReplyParameters(
                message.message_id, allow_sending_without_reply=True),
            reply_markup=follow_markup(check_id, language) if index == len(chunks) - 1 else None)

