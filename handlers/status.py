"""/status <topic>: what each side claims about a topic, latest first, with a timeline chart.

Any spelling or script finds the topic (Lysychansk, Lisichansk, Лисичанск, Лисичанськ); the answer
is the state of play, who claims what per side, the latest claims, and a PNG chart of claims by
side over time, with a Follow button.
"""

from __future__ import annotations

from telegram import ReplyParameters, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.domain import Post
from bot.i18n import t
from bot.report import report_to_dict
from bot.render_telegram import render_status
from bot.timeline_chart import render_timeline_png
from bot.topics import TopicStatus, topic_status
from handlers.common import NO_PREVIEW, follow_markup, get_services, user_language


def build_status(services, topic: str, chat_id: int, message_id: int  # type: ignore[no-untyped-def]
                 ) -> tuple[TopicStatus, int, bytes | None]:
    """The topic's status, the stored check's id (for Follow) and the chart (in a worker)."""
    status = topic_status(services.store, topic, services.pipeline.matcher)
    data = report_to_dict(services.pipeline.check(Post(text=topic), 1))
    data["view"] = "status"
    data["matches"] = []
    check_id = services.store.record_check(topic, Post(text=topic).to_dict(), data,
                                           chat_id=chat_id, message_id=message_id)
    chart = render_timeline_png(status) if status.found else None
    return status, check_id, chart


async def status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /status <topic> with the state of play, per-side claims and a chart."""
    message = update.effective_message
    if message is None:
        return
    language = user_language(update)
    topic = " ".join(context.args or []).strip()
    reply = ReplyParameters(message.message_id, allow_sending_without_reply=True)
    if not topic:
        await message.reply_text(t(language, "status_usage"), reply_parameters=reply)
        return
    services = get_services(context)
    status, check_id, chart = await services.in_store(build_status, services, topic,
                                                      message.chat_id, message.message_id)
    chunks = render_status(status, language)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        await context.bot.send_message(
            message.chat_id, chunk, parse_mode=ParseMode.HTML,
            reply_parameters=reply if index == 0 else None, link_preview_options=NO_PREVIEW,
            reply_markup=follow_markup(check_id, language) if last else None)
    if chart is not None:
        await context.bot.send_photo(message.chat_id, chart,
                                     caption=t(language, "chart_caption", topic=topic)[:1024],
                                     reply_parameters=reply)
