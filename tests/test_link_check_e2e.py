"""Checking a link end to end against pages served by a local HTTP server.

A ``http.server`` on 127.0.0.1 (random port) serves an article we wrote for the test, a saved
news page and a feed from ../shared/data. The fetcher's policy allows exactly that address and
port (as an operator would with CROSSCHECK_FETCH_ALLOW); without it the same links are refused.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config import Settings
from bot.fetch import AddressPolicy, BlockedAddress, SafeFetcher
from bot.parsers import fetch_post, fetch_posts
from tests.fixtures_paths import SHARED_DATA

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russian forces take full control of Lysychansk | Test Gazette</title>
<meta property="og:site_name" content="Test Gazette">
<meta property="og:title" content="Russian forces take full control of Lysychansk">
<meta property="article:published_time" content="2022-07-03T14:05:00+03:00">
<link rel="canonical" href="https://gazette.example/war/lysychansk?utm_source=feed">
</head><body>
<header><a href="/">Test Gazette</a><nav><a href="/war">War</a> <a href="/world">World</a></nav>
</header>
<article>
<h1>Russian forces take full control of Lysychansk</h1>
<p class="byline">By <a href="/authors/olena">Olena Testova</a> | July 3, 2022</p>
<p>Russian forces have taken full control of Lysychansk, the Defence Ministry says. The
ministry reported that the city is fully under control after weeks of fighting.</p>
<p>Ukrainian officials did not immediately confirm the report. The city was the last
major Ukrainian stronghold in the Luhansk region, according to the
<a href="https://example.org/report">ministry statement</a>.</p>
<p>Residents who left the city earlier described heavy shelling in the last days of June.</p>
</article>
<footer>© Test Gazette</footer>
</body></html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        content_type, body = self.routes.get(self.path, ("text/plain", b""))
        if not body:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    routes = {"/news/lysychansk.html": ("text/html; charset=utf-8", ARTICLE.encode())}
    guardian = SHARED_DATA / "social" / "rss" / "guardian.rss"
    page = SHARED_DATA / "pages" / "wcxb" / "wcxb-025.html"
    if guardian.exists() and page.exists():
        routes["/feed.xml"] = ("application/rss+xml", guardian.read_bytes())
        routes["/books.html"] = ("text/html", page.read_bytes())
    Handler.routes = routes
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def shared_routes_or_skip() -> None:
    if not (SHARED_DATA / "social" / "rss" / "guardian.rss").exists():
        pytest.skip(f"shared data not found under {SHARED_DATA}")


async def test_article_link_becomes_a_post(site: str) -> None:
    async with SafeFetcher(AddressPolicy(allow=(site,))) as fetcher:
        post = await fetch_post(f"http://{site}/news/lysychansk.html", fetcher)
    assert post.platform == "article"
    assert post.url == f"http://{site}/news/lysychansk.html"
    assert post.canonical_url == "https://gazette.example/war/lysychansk"  # utm_ removed
    assert post.title == "Russian forces take full control of Lysychansk"
    assert post.author_name == "Olena Testova"
    assert post.published_at is not None
    assert post.published_at.date().isoformat() == "2022-07-03"
    assert post.text.startswith("Russian forces have taken full control of Lysychansk")
    assert "heavy shelling" in post.text
    assert "© Test Gazette" not in post.text
    assert "https://example.org/report" in post.links
    assert f"http://{site}/war" not in post.links  # navigation is not the article
    assert post.language == "en"


async def test_saved_news_page_and_feed_through_the_fetcher(site: str) -> None:
    shared_routes_or_skip()
    async with SafeFetcher(AddressPolicy(allow=(site,))) as fetcher:
        page = await fetch_post(f"http://{site}/books.html", fetcher)
        items = await fetch_posts(f"http://{site}/feed.xml", fetcher)
        newest = await fetch_post(f"http://{site}/feed.xml", fetcher)
    assert page.title == "Five of the best science fiction books of 2025"
    assert page.author_name == "Adam Roberts"
    assert page.extra["date"] == "2025-12-05"
    assert len(items) == 55 and all(i.platform == "feed" for i in items)
    assert newest.title == "Trump State of the Union address promised unity but emphasized discord"
    assert newest.published_at == datetime(2018, 1, 31, 7, 26, 5, tzinfo=timezone.utc)


async def test_without_the_operator_setting_the_local_server_is_refused(site: str) -> None:
    async with SafeFetcher(AddressPolicy()) as fetcher:
        with pytest.raises(BlockedAddress, match="loopback"):
            await fetch_post(f"http://{site}/news/lysychansk.html", fetcher)
        assert fetcher.connections == []


def test_cli_parse_fetches_and_prints_the_post(site: str) -> None:
    runner = CliRunner()
    url = f"http://{site}/news/lysychansk.html"
    result = runner.invoke(main, ["parse", "--json", url], env={"CROSSCHECK_FETCH_ALLOW": site})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Russian forces take full control of Lysychansk"
    assert data["author_name"] == "Olena Testova"
    assert data["published_at"].startswith("2022-07-03")
    human = runner.invoke(main, ["parse", url], env={"CROSSCHECK_FETCH_ALLOW": site})
    assert human.exit_code == 0
    assert "title: Russian forces take full control of Lysychansk" in human.stdout
    assert "author: Olena Testova" in human.stdout


def test_cli_parse_refuses_internal_addresses_with_a_clear_error(site: str) -> None:
    result = CliRunner().invoke(
        main, ["parse", f"http://{site}/news/lysychansk.html"],
        env={"CROSSCHECK_FETCH_ALLOW": ""},
    )
    assert result.exit_code == 1
    assert "Refused to fetch 127.0.0.1" in result.stderr
    assert "loopback" in result.stderr


def test_cli_parse_reads_saved_files(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--json", str(saved)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Russian forces take full control of Lysychansk"


async def test_bot_answers_a_link_only_message_from_the_fetched_page(
    site: str, tmp_path: Path
) -> None:
    """The real Application (against the fake Bot API) fetches the link and checks the page."""
    from bot.pipeline import Pipeline
    from storage import Store
    from tests.telegram.fake_bot_api import FakeBotAPI
    from tests.telegram.helpers import (
        LYSYCHANSK_CLAIMS,
        TOKEN,
        ControlStance,
        load_claims,
        running_bot,
        utf16_len,
        wait_for_answer,
        write_jsonl,
    )

    with FakeBotAPI() as api:
        settings = Settings(db_path=str(tmp_path / "crosscheck.db"), telegram_token=TOKEN,
                            telegram_base_url=api.base_url,
                            telegram_base_file_url=api.base_file_url,
                            seeds_dir=tmp_path / "no-seeds", fetch_allow=[site])
        store = Store(settings.db_path)
        try:
            load_claims(store, write_jsonl(tmp_path / "claims.jsonl", LYSYCHANSK_CLAIMS))
            link = f"http://{site}/news/lysychansk.html"
            _, message = api.push_message(
                777, link, entities=[{"type": "url", "offset": 0, "length": utf16_len(link)}])
            pipeline = Pipeline(store, stance=ControlStance())
            async with running_bot(settings, store, pipeline=pipeline, fetch_link="auto"):
                answer = await wait_for_answer(api, 777, message["message_id"])
            assert "The link could not be fetched" not in answer
            assert "https://tass.com/politics/1474311" in answer  # a corroborating claim
            stored = store.get_check(1)
            assert stored is not None
            assert stored["post"]["platform"] == "article"
            assert stored["post"]["title"] == "Russian forces take full control of Lysychansk"
            assert stored["post"]["author_name"] == "Olena Testova"
        finally:
            store.close()
