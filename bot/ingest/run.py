"""Ingest due sources: fetch, parse, turn items into claims, group copies, store with the state.

`Ingestor.run_once` takes every due source (or the chosen ones), fetches each within its own time
limit, at most `concurrency` at a time, politely per host and as robots.txt allows, and stores
what each gave in one transaction with the source's new state. A broken, slow or hanging source
only records its error and backs off; the others go on. Claims are not embedded here: the
engine's background indexer picks them up (the full-text index is written with each claim).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import urllib.robotparser
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from bot.domain import Post, Source
from bot.fetch import DEFAULT_USER_AGENT, AddressPolicy, FetchError, SafeFetcher
from bot.ingest.detect import (
    article_links,
    discover_feed_links,
    is_feed,
    is_telegram_preview,
    telegram_channel_of,
)
from bot.ingest.factcheck import claim_reviews
from bot.ingest.fetcher_glue import ACCEPT_FEEDS, ACCEPT_HTML, Fetched, fetch_conditional
from bot.ingest.items import IngestItem, item_claim_id, item_from_post
from bot.ingest.scheduler import (
    MAX_BACKOFF_SECONDS,
    HostGate,
    RobotsCache,
    RobotsUnavailable,
    host_key,
    next_due_after_failure,
    next_due_after_success,
    robots_url,
)
from bot.parsers.errors import ParseError
from bot.parsers.feed import parse_feed
from bot.urls import canonical_url
from storage import Store
from storage.ingest import (
    SourceState,
    due_sources,
    known_claim_ids,
    record_failure,
    store_source_items,
)

__all__ = ["IngestConfig", "IngestSummary", "Ingestor", "SourceOutcome", "ingest_once"]

log = logging.getLogger(__name__)

Status = Literal["ok", "not_modified", "error"]


@dataclass(slots=True)
class IngestConfig:
    """How hard to pull: parallel sources, time limits, politeness, pages per run."""

    concurrency: int = 8
    source_timeout: float = 60.0  # network time of one source's turn (robots, feed, pages)
    request_timeout: float = 20.0  # one request
    host_delay: float = 1.0  # seconds between two requests to one host
    respect_robots: bool = True
    max_pages: int = 10  # article pages fetched per site or fact-checker and run
    telegram_pages: int = 3  # channel preview pages followed back after a busy spell
    max_backoff: float = MAX_BACKOFF_SECONDS
    user_agent: str = DEFAULT_USER_AGENT


@dataclass(slots=True)
class SourceOutcome:
    """What one source's turn gave."""

    source: Source
    status: Status
    items: int = 0
    passages: int = 0
    grouped: int = 0
    error: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """One round over the due sources."""

    outcomes: list[SourceOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def items(self) -> int:
        return sum(o.items for o in self.outcomes)

    @property
    def passages(self) -> int:
        return sum(o.passages for o in self.outcomes)

    @property
    def errors(self) -> list[SourceOutcome]:
        return [o for o in self.outcomes if o.status == "error"]


@dataclass(slots=True)
class _Budget:
    left: float  # seconds of network time this source may still use


# Set per source task (each asyncio task has its own copy of the context).
_BUDGET: ContextVar[_Budget | None] = ContextVar("ingest_budget", default=None)


class SourceFailed(Exception):
    """A source could not be read this time; the message is stored as its last error."""


def _with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    extra = "&".join(f"{k}={v}" for k, v in params.items())
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _canonical(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc).strip()
    return text if text else type(exc).__name__


class Ingestor:
    """Watches the sources of one store; keep one per process (it holds robots and host gaps)."""

    def __init__(self, store: Store, *, config: IngestConfig | None = None,
                 policy: AddressPolicy | None = None,
                 fetcher_factory: Callable[[], SafeFetcher] | None = None,
                 clock: Callable[[], float] = time.time,
                 gate: HostGate | None = None) -> None:
        self.store = store
        self.config = config or IngestConfig()
        self.policy = policy
        self.clock = clock
        self.fetcher_factory = fetcher_factory or self._default_fetcher
        self.gate = gate or HostGate(self.config.host_delay)
        self.robots = RobotsCache(self.config.user_agent, clock=clock)
        self._robots_locks: dict[str, asyncio.Lock] = {}

    def _default_fetcher(self) -> SafeFetcher:
        timeout = self.config.request_timeout
        return SafeFetcher(self.policy, user_agent=self.config.user_agent,
                           connect_timeout=min(5.0, timeout), read_timeout=timeout,
                           total_timeout=timeout)

    # -- the round ----------------------------------------------------------------------------

    async def run_once(self, *, source_ids: list[int] | None = None, force: bool = False,
                       on_done: Callable[[SourceOutcome], None] | None = None) -> IngestSummary:
        """Fetch every due source once (all chosen `source_ids` with `force`)."""
        started = time.perf_counter()
        due = due_sources(self.store, self.clock(), source_ids=source_ids, force=force)
        summary = IngestSummary()
        if not due:
            return summary
        limit = asyncio.Semaphore(max(1, self.config.concurrency))
        async with self.fetcher_factory() as fetcher:

            async def turn(source: Source, state: SourceState) -> None:
                async with limit:
                    outcome = await self.ingest_source(fetcher, source, state)
                summary.outcomes.append(outcome)
                if on_done is not None:
                    on_done(outcome)

            await asyncio.gather(*(turn(s, st) for s, st in due))
        summary.seconds = time.perf_counter() - started
        return summary

    async def run_forever(self, stop: asyncio.Event | None = None, *,
                          idle_seconds: float = 30.0) -> None:
        """Run rounds until `stop` is set, sleeping while nothing is due."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:  # keep watching; the next round retries
                log.exception("ingest round failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
            except TimeoutError:
                pass

    async def ingest_source(self, fetcher: SafeFetcher, source: Source,
                            state: SourceState) -> SourceOutcome:
        """One source's turn: never raises; errors are recorded on its state.

        The source's requests share `source_timeout` seconds of network time; waiting for a
        host's turn (politeness) or for robots.txt fetched for another source does not count.
        """
        _BUDGET.set(_Budget(self.config.source_timeout))
        fresh = replace(state)  # new validators; `state` stays as stored until all is stored
        try:
            items, not_modified = await self._collect(fetcher, source, fresh)
        except (FetchError, ParseError, SourceFailed, RobotsUnavailable, TimeoutError) as exc:
            return self._failed(source, state, _error_text(exc))
        except Exception as exc:  # garbage a parser did not expect must not stop the others
            log.exception("source %s (%s) failed", source.id, source.url)
            return self._failed(source, state, f"{type(exc).__name__}: {exc}")
        now = self.clock()
        fresh.next_due = next_due_after_success(now, source.every_minutes)
        fresh.last_error = None
        try:
            stored = store_source_items(self.store, items, fresh, now=now)
        except Exception as exc:  # e.g. the database is locked: nothing was stored, retry later
            log.exception("source %s (%s): storing failed", source.id, source.url)
            return self._failed(source, state, f"storing failed: {exc}")
        return SourceOutcome(source, "not_modified" if not_modified else "ok", stored.items,
                             stored.passages, stored.grouped)

    def _failed(self, source: Source, state: SourceState, error: str) -> SourceOutcome:
        now = self.clock()
        due = next_due_after_failure(now, state.failures + 1, source.every_minutes,
                                     self.config.max_backoff)
        record_failure(self.store, state, error, now=now, next_due=due)
        log.info("source %s (%s): %s; next try in %.0f s", source.id, source.name, error,
                 due - now)
        return SourceOutcome(source, "error", error=error)

    # -- fetching -----------------------------------------------------------------------------

    async def _get(self, fetcher: SafeFetcher, url: str, *, accept: str = ACCEPT_HTML,
                   etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """A polite, robots-respecting conditional GET; `SourceFailed` when robots forbid it."""
        if self.config.respect_robots and not await self._robots_allow(fetcher, url):
            raise SourceFailed(f"robots.txt does not allow fetching {url}")
        await self.gate.wait_turn(url)
        return await self._timed(fetch_conditional(
            fetcher, url, etag=etag, last_modified=last_modified, accept=accept,
            timeout=self.config.request_timeout))

    @staticmethod
    async def _timed(request: Awaitable[Fetched]) -> Fetched:
        """Await a request within what is left of the current source's time budget."""
        budget = _BUDGET.get()
        if budget is None:
            return await request
        if budget.left <= 0:
            if isinstance(request, Coroutine):
                request.close()
            raise TimeoutError
        started = time.monotonic()
        try:
            async with asyncio.timeout(budget.left):
                return await request
        finally:
            budget.left -= time.monotonic() - started

    async def _robots_allow(self, fetcher: SafeFetcher, url: str) -> bool:
        lock = self._robots_locks.setdefault(host_key(url), asyncio.Lock())
        async with lock:  # one robots.txt request per host, however many sources wait on it
            parser = await self._robots_parser(fetcher, url)
        return self.robots.allowed(parser, url)

    async def _robots_parser(self, fetcher: SafeFetcher,
                             url: str) -> urllib.robotparser.RobotFileParser:
        parser = self.robots.cached(url)
        if parser is None:
            where = robots_url(url)
            await self.gate.wait_turn(where)
            try:
                got = await self._timed(fetch_conditional(
                    fetcher, where, accept="text/plain, */*;q=0.1",
                    timeout=self.config.request_timeout))
                status, body = got.status, got.content
            except FetchError as exc:
                status = getattr(exc, "status", 0)
                if not 400 <= status < 500:
                    raise RobotsUnavailable(f"robots.txt could not be read: {exc}") from exc
                body = b""
            parser = self.robots.remember(url, status, body)
            self.gate.set_host_delay(url, self.robots.crawl_delay(parser))
        return parser

    async def _collect(self, fetcher: SafeFetcher, source: Source,
                       state: SourceState) -> tuple[list[IngestItem], bool]:
        """New items of a source, and whether it said "not modified"; sets validators on state."""
        if not source.url:
            raise SourceFailed("the source has no URL")
        if source.kind == "telegram":
            return await self._collect_telegram(fetcher, source, state)
        if source.kind in ("site", "factcheck"):
            return await self._collect_site(fetcher, source, state)
        got = await self._get(fetcher, source.url, accept=ACCEPT_FEEDS, etag=state.etag,
                              last_modified=state.last_modified)
        if got.not_modified:
            return [], True
        self._keep_validators(state, got)
        return self._new_items(source, self._feed_posts(got)), False

    @staticmethod
    def _keep_validators(state: SourceState, got: Fetched) -> None:
        state.etag, state.last_modified = got.etag, got.last_modified

    @staticmethod
    def _feed_posts(got: Fetched) -> list[Post]:
        if not got.content.strip():
            raise SourceFailed("the feed was empty")
        feed = parse_feed(got.content, got.final_url)
        if not feed.items and not feed.title:
            raise SourceFailed("no feed items could be read")
        return feed.items

    def _new_items(self, source: Source, posts: list[Post], *,
                   claimant: str | None = None) -> list[IngestItem]:
        """Items of posts not stored yet (checked by claim id before any work is done)."""
        ids = {item_claim_id(source, post): post for post in posts}
        known = known_claim_ids(self.store, ids)
        items = []
        for claim_id, post in ids.items():
            if claim_id in known:
                continue
            item = item_from_post(post, source, claimant=claimant, claim_id=claim_id)
            if item is not None:
                items.append(item)
        return items

    async def _collect_telegram(self, fetcher: SafeFetcher, source: Source,
                                state: SourceState) -> tuple[list[IngestItem], bool]:
        from bot.parsers.telegram import parse_channel_page

        assert source.url is not None
        url = source.url
        channel = telegram_channel_of(url)
        if channel is not None:
            url = f"https://t.me/s/{channel}"
        got = await self._get(fetcher, url, etag=state.etag, last_modified=state.last_modified)
        if got.not_modified:
            return [], True
        if not is_telegram_preview(got.content):
            raise SourceFailed("no Telegram channel preview at this address (private or "
                               "missing channel, or not a t.me/s page)")
        page = parse_channel_page(got.content, got.final_url)
        posts = list(page.posts)
        pages = 1
        # After a busy spell every post on the page may be new: follow the pages back.
        while (state.last_success is not None and page.before and posts
               and pages < self.config.telegram_pages
               and not known_claim_ids(self.store, [item_claim_id(source, posts[0])])):
            page = parse_channel_page(
                (await self._get(fetcher, _with_query(url, before=page.before))).content, url)
            if not page.posts:
                break
            posts = page.posts + posts
            pages += 1
        self._keep_validators(state, got)
        return self._new_items(source, posts), False

    async def _collect_site(self, fetcher: SafeFetcher, source: Source,
                            state: SourceState) -> tuple[list[IngestItem], bool]:
        """A site's (or fact-checker's) feed when it has one, else its front page's articles."""
        assert source.url is not None
        known_feed = feed_url = state.feed_url
        links: list[str] = []
        posts: list[Post] = []
        if feed_url is None:
            front = await self._get(fetcher, source.url, accept=f"{ACCEPT_HTML}, {ACCEPT_FEEDS}",
                                    etag=state.etag, last_modified=state.last_modified)
            if front.not_modified:
                return [], True
            if is_feed(front.content, front.content_type):
                feed_url = state.feed_url = source.url
                self._keep_validators(state, front)
                posts = self._feed_posts(front)
            else:
                discovered = discover_feed_links(front.content, front.final_url)
                if discovered:
                    feed_url = state.feed_url = discovered[0]
                else:
                    links = article_links(front.content, front.final_url)
                    if not links and source.kind != "factcheck":
                        raise SourceFailed("no feed and no article links on the front page")
                    self._keep_validators(state, front)
            if source.kind == "factcheck" and not posts and not feed_url:
                posts.extend(claim_reviews(front.content, front.final_url))
        if feed_url is not None and not posts:
            got = await self._get(fetcher, feed_url, accept=ACCEPT_FEEDS,
                                  etag=state.etag if known_feed else None,
                                  last_modified=state.last_modified if known_feed else None)
            if got.not_modified:
                return [], True
            self._keep_validators(state, got)
            posts = self._feed_posts(got)
        if source.kind == "site" and posts:
            return self._new_items(source, posts), False
        items, complete = await self._collect_pages(fetcher, source, posts, links)
        if not complete:  # pages left for the next round: do not let a 304 hide them
            state.etag = state.last_modified = None
        return items, False

    async def _collect_pages(self, fetcher: SafeFetcher, source: Source, posts: list[Post],
                             links: list[str]) -> tuple[list[IngestItem], bool]:
        """Fetch new article pages (at most `max_pages`): ClaimReviews, else the article.

        Returns the items and whether every new page was read (False when `max_pages` ran out).
        """
        from bot.parsers.article import parse_article

        by_url: dict[str, Post | None] = {}
        for post in posts:
            if post.platform == "article" and post.extra.get("rating"):
                by_url.setdefault(f"review:{post.url}:{post.text}", post)  # front-page reviews
            elif post.url:
                by_url.setdefault(post.url, post)
        for link in links:
            by_url.setdefault(link, None)
        items: list[IngestItem] = []
        page_ids = {url: f"{source.kind}:{_canonical(url)}" for url in by_url
                    if not url.startswith("review:")}
        known = known_claim_ids(self.store, page_ids.values())
        fetched = 0
        for url, post in by_url.items():
            if url.startswith("review:"):
                assert post is not None
                items.extend(self._review_items(source, [post], None))
                continue
            page_id = page_ids[url]
            if page_id in known:
                continue
            if fetched >= self.config.max_pages:
                return items, False
            fetched += 1
            try:
                page = await self._get(fetcher, url)
            except (FetchError, SourceFailed) as exc:
                log.info("%s: page %s skipped: %s", source.name, url, exc)
                if post is not None:  # the feed item still says something
                    item = item_from_post(post, source, claim_id=page_id)
                    items.extend([item] if item else [])
                continue
            reviews = claim_reviews(page.content, page.final_url) if source.kind == "factcheck" \
                else []
            if reviews:
                items.extend(self._review_items(source, reviews, page_id))
                continue
            try:
                article = parse_article(page.content, url, charset=page.encoding)
            except (ParseError, ValueError) as exc:
                log.info("%s: page %s unreadable: %s", source.name, url, exc)
                article = post
            if article is None:
                continue
            if post is not None:
                article.title = article.title or post.title
                article.published_at = article.published_at or post.published_at
            item = item_from_post(article, source, claim_id=page_id)
            if item is not None:
                items.append(item)
        return items, True

    def _review_items(self, source: Source, reviews: list[Post],
                      page_id: str | None) -> list[IngestItem]:
        """Claims of ClaimReviews: the claim reviewed, its claimant and the rating."""
        items = []
        for number, review in enumerate(reviews):
            digest = hashlib.sha1(review.text.encode("utf-8")).hexdigest()[:12]
            if page_id is None:
                claim_id = f"{source.kind}:{review.url}#{digest}"
            else:
                claim_id = page_id if number == 0 else f"{page_id}#{digest}"
            claimant = review.author_name or ""
            review.author_name = None
            item = item_from_post(review, source, claimant=claimant or None, claim_id=claim_id)
            if item is not None and not known_claim_ids(self.store, [claim_id]):
                items.append(item)
        return items


async def ingest_once(store: Store, *, policy: AddressPolicy | None = None,
                      config: IngestConfig | None = None, source_ids: list[int] | None = None,
                      force: bool = False) -> IngestSummary:
    """One round over the due sources of `store` with a fresh `Ingestor`."""
    return await Ingestor(store, config=config, policy=policy).run_once(
        source_ids=source_ids, force=force)
