"""When and how politely to fetch: due times, exponential back-off, per-host gaps, robots.txt.

The clock and the sleep are injected, so tests run on a fake clock. `HostGate` keeps a minimum
gap between two requests to the same host (its robots.txt Crawl-delay, when longer, within a
cap); `RobotsCache` keeps each host's robots.txt for a day (errors are not cached).
"""

from __future__ import annotations

import asyncio
import time
import urllib.robotparser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = [
    "MAX_BACKOFF_SECONDS",
    "HostGate",
    "RobotsCache",
    "RobotsUnavailable",
    "backoff_seconds",
    "host_key",
    "next_due_after_failure",
    "next_due_after_success",
    "robots_url",
]

MAX_BACKOFF_SECONDS = 24 * 3600.0
MIN_INTERVAL_SECONDS = 60.0
MAX_CRAWL_DELAY_SECONDS = 30.0
ROBOTS_TTL_SECONDS = 24 * 3600.0

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


def interval_seconds(every_minutes: int) -> float:
    return max(MIN_INTERVAL_SECONDS, float(every_minutes) * 60.0)


def next_due_after_success(now: float, every_minutes: int) -> float:
    """A source fetched at `now` is due again one interval later."""
    return now + interval_seconds(every_minutes)


def backoff_seconds(failures: int, every_minutes: int,
                    maximum: float = MAX_BACKOFF_SECONDS) -> float:
    """The wait after `failures` consecutive failures: the interval doubled each time, capped."""
    exponent = min(max(failures, 1), 20)
    return min(maximum, interval_seconds(every_minutes) * 2.0 ** exponent)


def next_due_after_failure(now: float, failures: int, every_minutes: int,
                           maximum: float = MAX_BACKOFF_SECONDS) -> float:
    return now + backoff_seconds(failures, every_minutes, maximum)


def host_key(url: str) -> str:
    """The politeness and robots.txt key of a URL: scheme, host and port (an origin)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class HostGate:
    """Spaces requests to one host at least `delay` seconds apart (one at a time per host)."""

    def __init__(self, delay: float = 1.0, *, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_host_delay(self, url: str, seconds: float | None) -> None:
        """A host's own wish (robots.txt Crawl-delay), honoured up to a cap."""
        if seconds:
            self._delays[host_key(url)] = min(float(seconds), MAX_CRAWL_DELAY_SECONDS)

    def delay_for(self, url: str) -> float:
        return max(self.delay, self._delays.get(host_key(url), 0.0))

    async def wait_turn(self, url: str) -> None:
        """Wait until a request to this URL's host is polite; callers then fetch at once."""
        key = host_key(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last.get(key)
            gap = self.delay_for(url)
            if last is not None and gap > 0:
                wait = last + gap - self.clock()
                if wait > 0:
                    await self.sleep(wait)
            self._last[key] = self.clock()


class RobotsUnavailable(Exception):
    """robots.txt could not be read (server error, timeout): the host is not crawled for now."""


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    expires: float


@dataclass
class RobotsCache:
    """robots.txt per origin, kept for a day. `load` fetches it: (status, body) or raises.

    As RFC 9309 says: 4xx (no robots.txt) allows everything, 5xx or an unreachable server
    disallows everything until the next try (the failure is not cached).
    """

    user_agent: str
    clock: Clock = time.time
    ttl: float = ROBOTS_TTL_SECONDS
    _cache: dict[str, _Robots] = field(default_factory=dict)

    def cached(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        entry = self._cache.get(host_key(url))
        if entry is None or entry.expires <= self.clock():
            return None
        return entry.parser

    def remember(self, url: str, status: int, body: bytes) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        if 400 <= status < 500:
            parser.allow_all = True
        elif status >= 500:
            raise RobotsUnavailable(f"robots.txt answered {status}")
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        self._cache[host_key(url)] = _Robots(parser, self.clock() + self.ttl)
        return parser

    def allowed(self, parser: urllib.robotparser.RobotFileParser, url: str) -> bool:
        return parser.can_fetch(self.agent_token, url)

    def crawl_delay(self, parser: urllib.robotparser.RobotFileParser) -> float | None:
        delay = parser.crawl_delay(self.agent_token)
        return float(delay) if delay is not None else None

    @property
    def agent_token(self) -> str:
        """The product token robots.txt rules name (``crosscheck-bot`` from the User-Agent)."""
        return self.user_agent.split("/", 1)[0].strip() or "*"
