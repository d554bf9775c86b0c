"""`crosscheck claims import/export`: contract A, duplicates, bad lines, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from storage import Store


def write_lines(path: Path, count: int, bad: dict[int, str] | None = None) -> Path:
    bad = bad or {}
    with path.open("w", encoding="utf-8") as out:
        for i in range(1, count + 1):
            if i in bad:
                out.write(bad[i] + "\n")
                continue
            out.write(json.dumps({
                "id": f"c{i}", "text": f"Claim number {i} about shelling near town {i}",
                "url": f"https://example.org/{i}", "source": "Example", "claimant": "Someone",
                "published": "2022-07-0" + str(1 + i % 9), "topic": "test",
            }) + "\n")
    return path


def test_import_keeps_good_lines_names_bad_ones_and_exits_1(db_env: Path, tmp_path: Path) -> None:
    bad = {10: "{not json", 50: json.dumps({"id": "x", "title": "no text"}),
           77: json.dumps({"text": "ok", "published": "yesterday"})}
    path = write_lines(tmp_path / "claims.jsonl", 100, bad)
    runner = CliRunner()
    result = runner.invoke(main, ["claims", "import", str(path), "--no-progress"])
    assert result.exit_code == 1
    assert "imported 97, skipped 0 duplicates, rejected 3 lines" in result.stdout
    for number in (10, 50, 77):
        assert f"line {number}: rejected" in result.stderr
    assert "'text' is missing" in result.stderr and "ISO 8601" in result.stderr

    again = runner.invoke(main, ["claims", "import", str(path), "--no-progress"])
    assert "imported 0, skipped 97 duplicates" in again.stdout
    with Store(db_env) as store:
        assert store.count_claims() == 97 + seeded_count(store)
        claim = store.get_claim("c5")
        assert claim is not None and claim.extra == {"topic": "test"}


def seeded_count(store: Store) -> int:
    return int(store.db.execute(
        "SELECT COUNT(*) FROM claims WHERE ext_id NOT GLOB 'c[0-9]*'").fetchone()[0])


def test_duplicates_only_exit_0(db_env: Path, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "claims.jsonl", 5)
    runner = CliRunner()
    assert runner.invoke(main, ["claims", "import", str(path)]).exit_code == 0
    result = runner.invoke(main, ["claims", "import", str(path)])
    assert result.exit_code == 0 and "skipped 5 duplicates" in result.stdout


def test_export_writes_the_import_format(db_env: Path, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "claims.jsonl", 3)
    runner = CliRunner()
    runner.invoke(main, ["claims", "import", str(path)])
    out = tmp_path / "out.jsonl"
    assert runner.invoke(main, ["claims", "export", "-o", str(out)]).exit_code == 0
    exported = {o["id"]: o for o in map(json.loads, out.read_text().splitlines())}
    assert exported["c2"]["text"] == "Claim number 2 about shelling near town 2"
    assert exported["c2"]["topic"] == "test" and exported["c2"]["published"] == "2022-07-03"
    # Re-importing an export into a fresh database reproduces it (seeds come back as duplicates).
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(main, ["claims", "import", "--db", str(fresh), str(out)])
    assert result.exit_code == 0 and "imported 3," in result.stdout
    with Store(fresh) as store:
        assert store.count_claims() == len(exported)


KILLER = """
import os, signal, sys
import storage.db as db
calls = {"n": 0}
original = db.index_terms
def dying_index_terms(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == int(os.environ["DIE_AT"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)
db.index_terms = dying_index_terms
from bot.cli import main
main(sys.argv[1:])
"""


def test_import_killed_mid_write_leaves_a_consistent_db_and_rerun_completes(
        db_env: Path, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "claims.jsonl", 1800)
    seeds = tmp_path / "no-seeds"
    seeds.mkdir()
    env = {**os.environ, "CROSSCHECK_DB": str(db_env), "CROSSCHECK_SEEDS_DIR": str(seeds),
           "DIE_AT": "1234"}
    cmd = [sys.executable, "-c", KILLER, "claims", "import", str(path), "--no-progress"]
    killed = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL

    with Store(db_env) as store:
        stored = store.count_claims()
        indexed = store.db.execute("SELECT COUNT(*) FROM claims_fts").fetchone()[0]
        assert stored == indexed == 1000  # two whole batches of 500; the third rolled back
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    env["DIE_AT"] = "0"
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "imported 800, skipped 1000 duplicates" in rerun.stdout
    with Store(db_env) as store:
        assert store.count_claims() == 1800
        assert store.db.execute("SELECT COUNT(*) FROM claims_fts").fetchone()[0] == 1800
        ids = store.db.execute("SELECT COUNT(DISTINCT ext_id) FROM claims").fetchone()[0]
        assert ids == 1800
