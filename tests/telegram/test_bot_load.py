"""evals/bot_load: a small run answers every post once, and RESULTS.md keeps others' sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.bot_load import VCLAIMS, cached_claims_db, results_section, run_load, write_section


def test_write_section_replaces_only_its_own(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Stance\n\nkeep me\n\n## Bot load\n\nold\n\n"
                       "## Ingest\n\nkeep me too\n", encoding="utf-8")
    write_section(results, "## Bot load\n\nnew figures\n")
    text = results.read_text(encoding="utf-8")
    assert "old" not in text and "new figures" in text
    assert "keep me\n" in text and "keep me too" in text
    assert text.index("## Stance") < text.index("## Bot load") < text.index("## Ingest")
    fresh = tmp_path / "NEW.md"
    write_section(fresh, "## Bot load\n\nx\n")
    assert fresh.read_text(encoding="utf-8").startswith("# Benchmark results\n\n## Bot load")


@pytest.mark.skipif(not VCLAIMS.exists(), reason="the CheckThat data is not in ../shared/data")
def test_small_load_run_answers_every_post_once() -> None:
    result = run_load(cached_claims_db(2000, 3), posts=20, seed=3, limiter=True, timeout=60)
    assert (result.answered_once, result.duplicates, result.missing) == (20, 0, 0)
    assert result.resent_answered == 0
    assert "| 20 | 20 | 0 | 0 |" in results_section("cmd", 2000, [result])
