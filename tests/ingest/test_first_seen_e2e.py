"""End to end: a post copied across three channels at different times; the reply's "First seen"
is the earliest copy, with the later copies listed after it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.domain import Post
from bot.pipeline import Pipeline
from bot.render_telegram import render_page
from storage import Store
from storage.ingest import edges_from, group_reasons

from .helpers import Route, TgPost, serve, telegram_page

ORIGINAL = ("Air defence shot down four drones over the Belgorod region overnight, the governor "
            "said; a power line near the village of Nikolskoye was damaged and is being repaired.")
T = datetime(2024, 3, 1, tzinfo=UTC)


def channels() -> dict[str, Route]:
    first = telegram_page("chan_a", "Channel A", [
        TgPost("chan_a", 10, T.replace(hour=6), "Morning briefing: schools open as usual today."),
        TgPost("chan_a", 11, T.replace(hour=9), ORIGINAL),
    ])
    second = telegram_page("chan_b", "Channel B", [  # a forward, 90 minutes later
        TgPost("chan_b", 70, T.replace(hour=10, minute=30), ORIGINAL,
               forwarded_from=("Channel A", "https://t.me/chan_a/11")),
    ])
    third = telegram_page("chan_c", "Channel C", [  # a copy with an emoji and a footer
        TgPost("chan_c", 5, T.replace(hour=12), "⚡️ " + ORIGINAL.replace("four", "4")
               + "\n\nSubscribe to Channel C"),
        TgPost("chan_c", 6, T.replace(hour=13), "Heavy rain expected in Lviv this weekend."),
    ])
    return {"/s/chan_c": Route(third), "/s/chan_b": Route(second), "/s/chan_a": Route(first)}


@pytest.fixture
def env(db_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seeds = tmp_path / "no-seeds"
    seeds.mkdir()
    monkeypatch.setenv("CROSSCHECK_SEEDS_DIR", str(seeds))
    return db_env


def test_post_copied_across_three_channels_shows_the_earliest_as_first_seen(env: Path) -> None:
    runner = CliRunner()
    with serve(channels()) as site:
        environ = {"CROSSCHECK_FETCH_ALLOW": f"127.0.0.1:{site.port}"}
        for path in ("/s/chan_c", "/s/chan_b", "/s/chan_a"):  # not in time order
            added = runner.invoke(main, ["sources", "add", site.url(path),
                                         "--label", "test"], env=environ)
            assert added.exit_code == 0, added.output
            assert " telegram " in added.stdout
        ingested = runner.invoke(main, ["ingest", "--once", "--delay", "0", "--no-progress"],
                                 env=environ)
    assert ingested.exit_code == 0, ingested.output
    assert "ingested 3 sources: 5 new items" in ingested.stdout

    forwarded = "⚡️ " + ORIGINAL.replace("four", "4") + "\n\nSubscribe to Channel C"
    checked = runner.invoke(main, ["check", "--json", "--limit", "1", forwarded])
    assert checked.exit_code == 0, checked.output
    answer = json.loads(checked.stdout.strip().splitlines()[-1])
    assert len(answer["matches"]) == 1  # only one match shown; its copies come from the group
    assert answer["first_seen"]["url"] == "https://t.me/chan_a/11"
    assert answer["first_seen"]["source"] == "Channel A"
    assert answer["first_seen"]["published"] == "2024-03-01T09:00:00+00:00"

    with Store(env) as store:
        report = Pipeline(store).check(Post(text=forwarded, platform="telegram"), limit=1)
        assert report.first_seen is not None
        assert report.first_seen.claim.url == "https://t.me/chan_a/11"
        assert [(c.source, c.url) for c in report.copies] == [
            ("Channel B", "https://t.me/chan_b/70"), ("Channel C", "https://t.me/chan_c/5")]
        reply = "\n".join(render_page(report, "en").chunks)
        forward, origin = report.copies[0], report.first_seen.claim
        edges = edges_from(store, forward.rowid or 0)
        assert [(e.kind, e.target_url, target) for e, target in edges] == [
            ("forwarded_from", "https://t.me/chan_a/11", origin.rowid)]
        members = [origin.rowid or 0, *(c.rowid or 0 for c in report.copies)]
        # the forward joined B and A (whichever came first); C's copy is a near duplicate
        reasons = {reason for reason, _ in group_reasons(store, members).values()}
        assert "forward" in reasons and "near" in reasons
    first_seen = reply.split("First seen", 1)[1]
    links = re.findall(r'href="([^"]+)"', first_seen)
    assert links[0] == "https://t.me/chan_a/11"
    assert "2024-03-01" in first_seen.split("\n\n")[0]
