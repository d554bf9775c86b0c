"""Local web servers for ingest tests: routes with ETag/Last-Modified, errors, hangs, garbage.

`LocalSite` is a ThreadingHTTPServer on 127.0.0.1 (random port) serving a dict of routes that a
test can change between rounds; it records every request. `telegram_page` and `rss_feed` build
small pages in the shapes the parsers read (our own text, no third-party content).
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.fetch import AddressPolicy

from ..fixtures_paths import shared_data



def social(*parts: str) -> Path:
    """A fixture file under ../shared/data/social (the test is skipped when it is absent)."""
    return shared_data("social", *parts)


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    hang: bool = False  # never answer (until the server stops)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class LocalSite:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    @property
    def policy(self) -> AddressPolicy:
        return AddressPolicy(allow=(f"127.0.0.1:{self.port}",))


def _handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            record = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
            site.requests.append(record)
            route = site.routes.get(self.path)
            if route is None:
                record.status = 404
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "9")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            if route.hang:
                site.release.wait(30)
                return
            not_modified = (
                (route.etag and self.headers.get("If-None-Match") == route.etag)
                or (route.last_modified
                    and self.headers.get("If-Modified-Since") == route.last_modified)
            )
            status = 304 if not_modified else route.status
            record.status = status
            self.send_response(status)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            body = b"" if status == 304 else route.body
            if status != 304:
                self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[LocalSite]:
    site = LocalSite(routes=dict(routes or {}))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()


class FakeClock:
    """Unix time that only moves when a test says so."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# -- pages in the shapes the parsers read -------------------------------------------------------


@dataclass
class TgPost:
    channel: str
    post_id: int
    when: datetime
    text: str
    forwarded_from: tuple[str, str] | None = None  # (name, https://t.me/<channel>/<id>)


def telegram_page(channel: str, title: str, posts: list[TgPost]) -> bytes:
    """A minimal t.me/s/<channel> preview page with these posts (oldest first)."""
    blocks = []
    for post in posts:
        forwarded = ""
        if post.forwarded_from:
            name, href = post.forwarded_from
            forwarded = (
                '<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from '
                f'<a class="tgme_widget_message_forwarded_from_name" href="{href}">'
                f"<span>{html.escape(name)}</span></a></div>")
        name, text = html.escape(title), html.escape(post.text)
        blocks.append(f"""
<div class="tgme_widget_message_wrap js-widget_message_wrap">
  <div class="tgme_widget_message js-widget_message" data-post="{post.channel}/{post.post_id}">
    <div class="tgme_widget_message_bubble">
      {forwarded}
      <div class="tgme_widget_message_author accent_color"><a
        class="tgme_widget_message_owner_name" href="https://t.me/{post.channel}"><span
        dir="auto">{name}</span></a></div>
      <div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>
      <div class="tgme_widget_message_footer compact js-message_footer">
        <div class="tgme_widget_message_info short js-message_info">
          <span class="tgme_widget_message_views">1.2K</span><span
            class="tgme_widget_message_meta"><a class="tgme_widget_message_date"
            href="https://t.me/{post.channel}/{post.post_id}"><time
            datetime="{post.when.isoformat()}" class="time">00:00</time></a></span>
        </div>
      </div>
    </div>
  </div>
</div>""")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)} – Telegram</title></head>
<body><div class="tgme_channel_info"><div class="tgme_channel_info_header">
<div class="tgme_channel_info_header_title"><span dir="auto">{html.escape(title)}</span></div>
<div class="tgme_channel_info_header_username"><a
  href="https://t.me/{channel}">@{channel}</a></div>
</div></div>
<section class="tgme_channel_history js-message_history">{''.join(blocks)}</section>
</body></html>""".encode()


@dataclass
class FeedItem:
    guid: str
    link: str
    title: str
    text: str
    when: datetime


def rss_feed(title: str, link: str, items: list[FeedItem], language: str = "en") -> bytes:
    """An RSS 2.0 feed with these items."""
    entries = "".join(f"""
  <item>
    <title>{html.escape(item.title)}</title>
    <link>{html.escape(item.link)}</link>
    <guid isPermaLink="false">{html.escape(item.guid)}</guid>
    <pubDate>{format_datetime(item.when)}</pubDate>
    <description>{html.escape(item.text)}</description>
  </item>""" for item in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>{html.escape(title)}</title><link>{html.escape(link)}</link>
  <description>test feed</description><language>{language}</language>{entries}
</channel></rss>""".encode()


RSS_TYPE = "application/rss+xml; charset=utf-8"
