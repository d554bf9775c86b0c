"""Operator actions on watched sources, behind `crosscheck sources ...`: add, show, find.

`add_watched_source` detects the kind of a URL (unless told) and stores the source with what
detection found (a site's feed goes into its state); `health_table` renders `sources list`.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from urllib.parse import urlsplit

from bot.domain import Source
from bot.fetch import AddressPolicy, SafeFetcher
from bot.ingest.detect import DetectedSource, detect_source, telegram_channel_of
from bot.ingest.fetcher_glue import ACCEPT_FEEDS, ACCEPT_HTML, fetch_conditional
from storage import Store
from storage.ingest import SourceState, get_state, save_state

__all__ = ["add_watched_source", "detect_url", "find_source", "health_table"]


async def detect_url(url: str, policy: AddressPolicy | None = None) -> DetectedSource:
    """Fetch `url` through the safe fetcher and tell what kind of source it is."""
    async with SafeFetcher(policy) as fetcher:

        async def fetch(target: str) -> tuple[bytes, str, str]:
            got = await fetch_conditional(fetcher, target, accept=f"{ACCEPT_FEEDS}, {ACCEPT_HTML}")
            return got.content, got.content_type, got.final_url

        return await detect_source(url, fetch)


def _fallback_name(url: str) -> str:
    channel = telegram_channel_of(url)
    if channel:
        return f"@{channel}"
    host = (urlsplit(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def add_watched_source(store: Store, url: str, *, name: str | None = None,
                       labels: list[str] | None = None, every_minutes: int = 30,
                       kind: str | None = None, language: str | None = None,
                       policy: AddressPolicy | None = None) -> tuple[Source, bool]:
    """Store a source to watch; (the source, whether it is new). Detects the kind unless given.

    Raises `bot.fetch.FetchError` or `bot.parsers.errors.ParseError` when detection fails.
    """
    if kind is None:
        found = asyncio.run(detect_url(url, policy))
    else:
        channel = telegram_channel_of(url) if kind == "telegram" else None
        found = DetectedSource(kind, f"https://t.me/s/{channel}" if channel else url,
                               handle=channel)
    existing = store.find_source(url=found.url)
    if existing is not None:
        return existing, False
    source = Source(kind=found.kind, name=name or found.name or _fallback_name(found.url),
                    url=found.url, handle=found.handle, language=language or found.language,
                    labels=list(labels or []), every_minutes=every_minutes)
    if store.find_source(kind=source.kind, name=source.name) is not None:
        source.name = f"{source.name} ({_fallback_name(found.url)})"
    source.id = store.add_source(source)
    if found.feed_url:
        state = get_state(store, source.id)
        state.feed_url = found.feed_url
        save_state(store, state)
    return source, True


def find_source(store: Store, ref: str) -> Source | None:
    """A source by id, URL or exact name."""
    if ref.isdigit():
        for source in store.sources():
            if source.id == int(ref):
                return source
    found = store.find_source(url=ref)
    if found is None:
        channel = telegram_channel_of(ref)
        if channel:
            found = store.find_source(url=f"https://t.me/s/{channel}")
    if found is None:
        found = next((s for s in store.sources() if s.name == ref), None)
    return found


def _ago(stamp: str | None, now: datetime) -> str:
    if not stamp:
        return "never"
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    seconds = int((now - then).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if abs(seconds) >= size:
            return f"{seconds // size}{unit} ago"
    return f"{seconds}s ago"


def health_table(pairs: list[tuple[Source, SourceState]], now: float) -> str:
    """One block per source: id, kind, name, URL, schedule, and its health."""
    moment = datetime.fromtimestamp(now, UTC)
    lines = []
    for source, state in pairs:
        labels = f" [{', '.join(source.labels)}]" if source.labels else ""
        lines.append(f"#{source.id} {source.kind:<9} {source.name}{labels}")
        lines.append(f"    {source.url}  every {source.every_minutes} min")
        if state.next_due is None:
            due = "now"
        else:
            left = int(state.next_due - now)
            due = "now" if left <= 0 else f"in {left // 60} min" if left >= 60 else f"in {left}s"
        health = (f"    last success {_ago(state.last_success, moment)}, "
                  f"{state.items} items ({state.last_items} last time), next {due}")
        lines.append(health)
        if state.feed_url and state.feed_url != source.url:
            lines.append(f"    feed: {state.feed_url}")
        if state.last_error:
            lines.append(f"    last error {_ago(state.last_error_at, moment)} "
                         f"({state.failures} in a row): {state.last_error}")
    return "\n".join(lines)
