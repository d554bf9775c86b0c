"""Due times, back-off, per-host gaps and robots.txt rules, on a fake clock."""

from __future__ import annotations

from bot.domain import Source
from bot.ingest.scheduler import (
    MAX_BACKOFF_SECONDS,
    HostGate,
    RobotsCache,
    backoff_seconds,
    host_key,
    next_due_after_success,
)
from storage import Store
from storage.ingest import SourceState, due_sources, get_state, save_state

from .helpers import FakeClock


def test_interval_and_exponential_backoff() -> None:
    assert next_due_after_success(1000.0, 15) == 1000.0 + 900
    assert [backoff_seconds(n, 15) for n in (1, 2, 3)] == [1800, 3600, 7200]
    assert backoff_seconds(30, 15) == MAX_BACKOFF_SECONDS
    assert backoff_seconds(1, 0) == 120  # intervals under a minute count as one minute


def test_due_sources_are_the_never_fetched_and_the_overdue(store: Store) -> None:
    ids = [store.add_source(Source(kind="feed", name=f"s{i}", url=f"https://s{i}.example/"))
           for i in range(3)]
    save_state(store, SourceState(source_id=ids[0], next_due=500.0))
    save_state(store, SourceState(source_id=ids[1], next_due=2000.0))
    due = [s.id for s, _ in due_sources(store, 1000.0)]
    assert due == [ids[2], ids[0]]  # never fetched first, then most overdue
    assert [s.id for s, _ in due_sources(store, 1000.0, source_ids=[ids[1]], force=True)] == [
        ids[1]]
    assert get_state(store, ids[1]).next_due == 2000.0
    assert store.remove_source(ids[1])
    assert store.db.execute("SELECT COUNT(*) FROM source_state").fetchone()[0] == 1


async def test_host_gate_spaces_requests_to_one_host_only() -> None:
    clock = FakeClock(0.0)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    gate = HostGate(2.0, clock=clock, sleep=sleep)
    await gate.wait_turn("https://a.example/feed")
    clock.advance(0.5)
    await gate.wait_turn("https://a.example/other")
    await gate.wait_turn("https://b.example/feed")
    assert slept == [1.5]
    gate.set_host_delay("https://a.example/", 10)
    gate.set_host_delay("https://b.example/", 3600)  # Crawl-delay is capped
    assert gate.delay_for("https://a.example/x") == 10
    assert gate.delay_for("https://b.example/x") == 30
    assert host_key("https://A.example/x") == "https://a.example:443"
    assert host_key("http://127.0.0.1:8080/x") != host_key("http://127.0.0.1:8081/x")


def test_robots_rules_missing_file_and_expiry() -> None:
    clock = FakeClock(0.0)
    robots = RobotsCache("crosscheck-bot/0.1", clock=clock)
    parser = robots.remember("https://a.example/feed", 200,
                             b"User-agent: *\nDisallow: /private\nCrawl-delay: 4\n")
    assert robots.allowed(parser, "https://a.example/feed")
    assert not robots.allowed(parser, "https://a.example/private/feed")
    assert robots.crawl_delay(parser) == 4
    assert robots.cached("https://a.example/other") is parser
    clock.advance(25 * 3600)
    assert robots.cached("https://a.example/other") is None
    missing = robots.remember("https://b.example/", 404, b"")
    assert robots.allowed(missing, "https://b.example/anything")
    named = robots.remember("https://c.example/", 200,
                            b"User-agent: crosscheck-bot\nDisallow: /\n\n"
                            b"User-agent: *\nAllow: /\n")
    assert not robots.allowed(named, "https://c.example/news")
