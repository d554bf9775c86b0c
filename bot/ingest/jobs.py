"""Watching sources inside the bot: a repeating PTB JobQueue job that runs ingest rounds.

    from bot.ingest.jobs import register_ingest_jobs
    register_ingest_jobs(application, engine)   # after build_application, before run_polling

Every `interval` seconds the job fetches the sources that are due (each at its own interval,
with back-off); one round never overlaps the next. New claims are embedded by the engine's
background indexer, not here.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, ContextTypes, Job

from bot.fetch import AddressPolicy
from bot.ingest.run import IngestConfig, Ingestor

__all__ = ["INGESTOR_KEY", "JOB_NAME", "register_ingest_jobs"]

log = logging.getLogger(__name__)

JOB_NAME = "crosscheck-ingest"
INGESTOR_KEY = "ingestor"


async def ingest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run one ingest round over the due sources."""
    ingestor: Ingestor = context.job.data  # type: ignore[union-attr,assignment]
    summary = await ingestor.run_once()
    if summary.outcomes:
        log.info("ingest: %d sources, %d new items, %d errors", len(summary.outcomes),
                 summary.items, len(summary.errors))


def register_ingest_jobs(
    application: Application,  # type: ignore[type-arg]
    engine: Any,
    *,
    policy: AddressPolicy | None = None,
    config: IngestConfig | None = None,
    interval: float = 60.0,
    first: float = 10.0,
) -> Job | None:  # type: ignore[type-arg]
    """Schedule ingest rounds on the application's JobQueue; None when it has no JobQueue.

    `engine` is the bot's `bot.engine.Engine` (anything with a `.store`). The `Ingestor` is kept
    in ``application.bot_data["ingestor"]`` (it holds robots.txt and per-host politeness).
    """
    if application.job_queue is None:
        log.warning("no JobQueue (python-telegram-bot[job-queue]): sources are not watched")
        return None
    ingestor = Ingestor(engine.store, config=config,
                        policy=policy if policy is not None else AddressPolicy.from_env())
    application.bot_data[INGESTOR_KEY] = ingestor
    return application.job_queue.run_repeating(
        ingest_job, interval=interval, first=first, name=JOB_NAME, data=ingestor,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
