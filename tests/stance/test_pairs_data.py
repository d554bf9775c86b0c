"""The team's cross-lingual pair set is large enough, mixed, and consistent with its statements."""

from __future__ import annotations

from collections import Counter

from evals.stance import PAIRS, all_pairs, read_jsonl


def test_pairs_file_is_built_from_the_statements() -> None:
    pairs = read_jsonl(PAIRS)
    assert pairs == all_pairs()
    assert len(pairs) >= 120
    langs = Counter("-".join(sorted(p["langs"].split("-"))) for p in pairs)
    assert {"en-ru", "en-uk", "ru-uk", "en-en", "ru-ru", "uk-uk"} <= set(langs)
    assert {p["gold"] for p in pairs} == {"corroborates", "contradicts", "related"}
    assert {p["split"] for p in pairs} == {"dev", "test", "holdout", "holdout2"}
    assert len({p["event"] for p in pairs}) >= 10
