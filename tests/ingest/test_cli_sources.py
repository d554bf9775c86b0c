"""`crosscheck sources add/list/remove/import` and `crosscheck ingest` against local servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Store
from storage.ingest import get_state

from .helpers import RSS_TYPE, Route, serve, social

SITE = b"""<html lang="de"><head><title>Beispiel Nachrichten</title>
<link rel="alternate" type="application/atom+xml" href="/news.atom"></head><body></body></html>"""
CHECKER = b"""<html><head><title>Check</title><script type="application/ld+json">
{"@type": "ClaimReview", "claimReviewed": "A claim", "reviewRating": {"alternateName": "False"}}
</script></head><body></body></html>"""


@pytest.fixture
def runner(db_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    seeds = tmp_path / "no-seeds"
    seeds.mkdir()
    monkeypatch.setenv("CROSSCHECK_SEEDS_DIR", str(seeds))
    return CliRunner()


def test_sources_add_detects_kinds_and_list_shows_health(runner: CliRunner, db_env: Path) -> None:
    routes = {
        "/guardian.rss": Route(social("rss", "guardian.rss").read_bytes(), RSS_TYPE),
        "/site/": Route(SITE),
        "/news.atom": Route(social("rss", "heise.atom").read_bytes(), "application/atom+xml"),
        "/checker/": Route(CHECKER),
        "/broken": Route(b"\x00\x01binary", "application/octet-stream"),
    }
    with serve(routes) as site:
        env = {"CROSSCHECK_FETCH_ALLOW": f"127.0.0.1:{site.port}"}

        def run(*args: str) -> str:
            result = runner.invoke(main, list(args), env=env)
            assert result.exit_code == 0, result.output
            return result.stdout

        out = run("sources", "add", site.url("/guardian.rss"), "--label", "party:GB",
                  "--label", "independent", "--every", "15")
        assert "added #1 feed The Guardian" in out
        assert "site Beispiel Nachrichten" in run("sources", "add", site.url("/site/"))
        assert "factcheck Check" in run("sources", "add", site.url("/checker/"))
        assert "telegram @rybar https://t.me/s/rybar" in run(
            "sources", "add", "https://t.me/rybar")  # known from the URL: no fetch
        assert "feed Manual" in run("sources", "add", "https://feeds.example/x.xml",
                                    "--kind", "feed", "--name", "Manual", "--language", "uk")
        assert "already watched: #1" in run("sources", "add", site.url("/guardian.rss"))
        bad = runner.invoke(main, ["sources", "add", site.url("/broken")], env=env)
        assert bad.exit_code == 1 and "could not add" in bad.output
        missing = runner.invoke(main, ["sources", "add", site.url("/nowhere")], env=env)
        assert missing.exit_code == 1 and "404" in missing.output

        with Store(db_env) as store:
            assert get_state(store, 2).feed_url == site.url("/news.atom")
            sources = {s.id: s for s in store.sources()}
        assert sources[1].labels == ["party:GB", "independent"] and sources[1].every_minutes == 15
        assert sources[2].language == "de" and sources[5].language == "uk"
        assert sources[4].handle == "rybar"

        out = run("ingest", "--once", "--source", "1", "--source", "2", "--delay", "0",
                  "--progress")
        assert "ingested 2 sources: 70 new items" in out  # 55 + 15
        listing = run("sources", "list")
        assert "#1 feed      The Guardian [party:GB, independent]" in listing
        assert "55 items (55 last time)" in listing and "never" in listing
        rows = [json.loads(line) for line in run("sources", "list", "--json").splitlines()]
        assert rows[0]["items"] == 55 and rows[0]["last_success"] and rows[0]["next_due"]
        assert rows[1]["feed_url"] == site.url("/news.atom")
        assert rows[3]["last_success"] is None and rows[3]["failures"] == 0

        assert "removed #4 @rybar" in run("sources", "remove", "https://t.me/s/rybar")
        assert "removed #5 Manual" in run("sources", "remove", "5")
        gone = runner.invoke(main, ["sources", "remove", "5"], env=env)
        assert gone.exit_code == 1
        with Store(db_env) as store:
            assert store.count_claims() >= 70  # removing a source keeps its claims


def test_ingest_records_errors_in_the_health_listing(runner: CliRunner) -> None:
    with serve({"/down": Route(b"", status=500)}) as site:
        env = {"CROSSCHECK_FETCH_ALLOW": f"127.0.0.1:{site.port}"}
        assert runner.invoke(main, ["sources", "add", site.url("/down"), "--kind", "feed"],
                             env=env).exit_code == 0
        result = runner.invoke(main, ["ingest", "--once", "--delay", "0"], env=env)
    assert result.exit_code == 0, result.output
    assert "1 errors" in result.stdout and "500" in result.output
    listing = runner.invoke(main, ["sources", "list"]).stdout
    assert "last error" in listing and "(1 in a row)" in listing and "500" in listing


def test_sources_import_reads_the_seeds_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sources.jsonl"
    path.write_text(
        '{"name": "A", "kind": "feed", "url": "https://a.example/rss", "language": "en", '
        '"labels": ["wire"], "every_minutes": 15}\n\n'
        '{"name": "B", "kind": "telegram", "url": "https://t.me/s/b", "handle": "b"}\n',
        encoding="utf-8")
    first = runner.invoke(main, ["sources", "import", str(path)])
    assert first.exit_code == 0 and "imported 2 new sources" in first.stdout
    assert "imported 0 new sources" in runner.invoke(main, ["sources", "import", str(path)]).stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "no kind"}\n', encoding="utf-8")
    result = runner.invoke(main, ["sources", "import", str(bad)])
    assert result.exit_code == 1 and "bad.jsonl:1" in result.output
    assert "no sources" not in runner.invoke(main, ["sources", "list"]).stdout
