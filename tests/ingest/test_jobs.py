"""The bot's JobQueue hook: a repeating ingest job that runs rounds over the due sources."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

from telegram.ext import ApplicationBuilder

from bot.domain import Source
from bot.ingest.jobs import INGESTOR_KEY, JOB_NAME, ingest_job, register_ingest_jobs
from bot.ingest.run import IngestConfig, Ingestor
from storage import Store

from .helpers import RSS_TYPE, FeedItem, Route, rss_feed, serve


async def test_register_ingest_jobs_schedules_a_round_that_stores_items(store: Store) -> None:
    feed = rss_feed("Feed", "https://x.example/", [
        FeedItem("1", "https://x.example/1", "One", "The governor said drones were downed.",
                 datetime(2024, 1, 1, tzinfo=UTC))])
    application = ApplicationBuilder().token("123:TEST").build()
    with serve({"/feed": Route(feed, RSS_TYPE)}) as site:
        store.add_source(Source(kind="feed", name="Feed", url=site.url("/feed")))
        engine = SimpleNamespace(store=store)
        job = register_ingest_jobs(application, engine, policy=site.policy,
                                   config=IngestConfig(host_delay=0), interval=120, first=5)
        assert job is not None and job.name == JOB_NAME
        assert [j.name for j in application.job_queue.jobs()] == [JOB_NAME]
        assert application.bot_data[INGESTOR_KEY] is job.data
        await ingest_job(SimpleNamespace(job=job))  # what the JobQueue calls
    assert store.count_claims() == 1


async def test_standalone_watcher_runs_rounds_until_stopped(store: Store) -> None:
    feed = rss_feed("Feed", "https://x.example/", [
        FeedItem("1", "https://x.example/1", "One", "The mayor said the bridge is open.",
                 datetime(2024, 1, 1, tzinfo=UTC))])
    with serve({"/feed": Route(feed, RSS_TYPE)}) as site:
        store.add_source(Source(kind="feed", name="Feed", url=site.url("/feed")))
        ingestor = Ingestor(store, config=IngestConfig(host_delay=0), policy=site.policy)
        stop = asyncio.Event()
        watcher = asyncio.create_task(ingestor.run_forever(stop, idle_seconds=0.05))
        for _ in range(200):
            if store.count_claims():
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(watcher, timeout=10)
    assert store.count_claims() == 1
    assert len(site.hits("/feed")) == 1  # not due again within the interval
