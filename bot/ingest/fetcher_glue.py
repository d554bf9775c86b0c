"""Conditional GETs through `bot.fetch.SafeFetcher`: ETag / Last-Modified in, 304 understood.

`SafeFetcher.fetch` checks content types against an allow-list, which a 304 (no body, no type)
would fail; watched sources are fetched with the list left open and checked by their parsers.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.fetch import FetchResult, SafeFetcher

__all__ = ["ACCEPT_FEEDS", "ACCEPT_HTML", "Fetched", "fetch_conditional"]

ACCEPT_FEEDS = ("application/rss+xml, application/atom+xml, application/feed+json, "
                "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1")
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


@dataclass(slots=True)
class Fetched:
    """A response to a (conditional) GET; `content` is empty when not modified."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @classmethod
    def from_result(cls, result: FetchResult) -> Fetched:
        return cls(url=result.url, final_url=result.final_url, status=result.status,
                   content=result.content, content_type=result.content_type,
                   encoding=result.encoding, etag=result.headers.get("etag"),
                   last_modified=result.headers.get("last-modified"))


async def fetch_conditional(fetcher: SafeFetcher, url: str, *, etag: str | None = None,
                            last_modified: str | None = None, accept: str = ACCEPT_HTML,
                            timeout: float | None = None) -> Fetched:
    """GET `url`, sending the validators we hold; raises `bot.fetch.FetchError` when refused."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    result = await fetcher.fetch(url, accept=(), headers=headers, total_timeout=timeout)
    return Fetched.from_result(result)
