"""Crash safety: `kill -9` in the middle of an ingest, then a re-run, leaves exactly the claims a
clean run stores: nothing lost, nothing twice, index, groups and source state consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Store

from .helpers import RSS_TYPE, FeedItem, LocalSite, Route, rss_feed, serve

ITEMS = 30
LONG = (" The regional governor said that {n} drones were shot down near Belgorod overnight."
        " Officials in Kyiv declined to comment on the report, according to local media."
        " The ministry of defence claimed {n} more were intercepted over Kursk."
        " Residents posted videos of the interceptions on social media."
        " Power was restored to the affected districts by noon, the utility reported."
        " Schools in the Sumy region will stay closed until Friday, the mayor added.")

KILLER = """
import os, signal, sys
import storage.db, storage.ingest
target, die_at = os.environ["DIE_IN"], int(os.environ["DIE_AT"])
module = storage.db if target == "index_terms" else storage.ingest
original = getattr(module, target)
calls = {"n": 0}
def dying(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == die_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)
setattr(module, target, dying)
from bot.cli import main
main(sys.argv[1:])
"""


def feeds() -> dict[str, Route]:
    routes = {}
    start = datetime(2024, 5, 1, tzinfo=UTC)
    for feed in range(3):
        items = []
        for i in range(ITEMS):
            n = feed * 100 + i
            text = f"Report {n}: shelling of district {n} was reported by the city council."
            if i % 5 == 0:
                text += LONG.format(n=n)  # long items also store passages
            items.append(FeedItem(f"f{feed}-{i}", f"https://news{feed}.example/{i}",
                                  f"Item {n}", text, start + timedelta(minutes=n)))
        routes[f"/feed{feed}.xml"] = Route(
            rss_feed(f"Feed {feed}", f"https://news{feed}.example/", items), RSS_TYPE,
            etag=f'"feed{feed}"')
    return routes


def add_sources(site: LocalSite, db: Path, env: dict[str, str]) -> None:
    runner = CliRunner()
    for feed in range(3):
        result = runner.invoke(main, ["sources", "add", "--db", str(db), "--kind", "feed",
                                      "--name", f"Feed {feed}", site.url(f"/feed{feed}.xml")],
                               env=env)
        assert result.exit_code == 0, result.output


def snapshot(db: Path) -> dict[str, object]:
    with Store(db) as store:
        q = store.db.execute
        assert q("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "ids": sorted(r[0] for r in q("SELECT ext_id FROM claims")),
            "claims": q("SELECT COUNT(*) FROM claims").fetchone()[0],
            "fts": q("SELECT COUNT(*) FROM claims_fts").fetchone()[0],
            "grouped": q("SELECT COUNT(*) FROM claim_groups").fetchone()[0],
            "signed": q("SELECT COUNT(DISTINCT claim_id) FROM minhash_bands").fetchone()[0],
            "minhash": q("SELECT COUNT(*) FROM claim_minhash").fetchone()[0],
            "state": {r[0]: (r[1], r[2]) for r in q(
                "SELECT source_id, items, etag FROM source_state WHERE last_success IS NOT NULL")},
        }


@pytest.mark.parametrize(("die_in", "die_after"), [
    ("index_terms", 10),  # inside the second source's claim inserts (10 after the first's)
    ("save_state", 2),  # the second source's claims and groups written, its state not yet
])
def test_kill_9_mid_ingest_then_rerun_stores_exactly_the_right_claims(
        tmp_path: Path, die_in: str, die_after: int) -> None:
    seeds = tmp_path / "no-seeds"
    seeds.mkdir()
    with serve(feeds()) as site:
        env = {**os.environ, "CROSSCHECK_FETCH_ALLOW": f"127.0.0.1:{site.port}",
               "CROSSCHECK_SEEDS_DIR": str(seeds)}
        clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
        for db in (clean, crashed):
            add_sources(site, db, env)
        ok = CliRunner().invoke(main, ["ingest", "--db", str(clean), "--once", "--delay", "0"],
                                env=env)
        assert ok.exit_code == 0, ok.output
        expected = snapshot(clean)
        first_source_ids = [i for i in expected["ids"]  # type: ignore[attr-defined]
                            if "news0.example" in i]
        die_at = len(first_source_ids) + die_after if die_in == "index_terms" else die_after

        cmd = [sys.executable, "-c", KILLER, "ingest", "--db", str(crashed), "--once",
               "--delay", "0", "--concurrency", "1", "--no-progress"]
        killed = subprocess.run(cmd, env={**env, "DIE_IN": die_in, "DIE_AT": str(die_at)},
                                capture_output=True, text=True, timeout=120)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        after_crash = snapshot(crashed)
        # Only the first source is stored, whole: its claims, index, groups and state.
        assert len(after_crash["state"]) == 1  # type: ignore[arg-type]
        assert after_crash["claims"] == after_crash["fts"] == after_crash["grouped"]
        assert after_crash["signed"] == after_crash["minhash"]
        assert after_crash["ids"] == first_source_ids

        rerun = subprocess.run(cmd, env={**env, "DIE_IN": die_in, "DIE_AT": "0"},
                               capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        assert "ingested 2 sources" in rerun.stdout  # the first is not due again
    assert snapshot(crashed) == expected
    assert expected["claims"] == len(expected["ids"]) > 3 * ITEMS  # type: ignore[arg-type]
