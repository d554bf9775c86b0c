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
    assert {p["split"] for p in pairs} == {"dev", "test", "holdout", "holdout2", "holdout3",
                                           "holdout4"}
    assert len({p["event"] for p in pairs}) >= 10


def test_holdout3_split_is_large_mixed_and_cross_lingual() -> None:
    pairs = [p for p in read_jsonl(PAIRS) if p["split"] == "holdout3"]
    gold = Counter(p["gold"] for p in pairs)
    assert len(pairs) == 334
    assert gold == {"contradicts": 103, "corroborates": 73, "related": 158}
    assert sum(p["cross_language"] for p in pairs) == 253
    assert len({p["event"] for p in pairs}) == 15
    earlier = {p["event"] for p in read_jsonl(PAIRS) if p["split"] != "holdout3"}
    assert not earlier & {p["event"] for p in pairs}


def test_holdout4_split_is_large_mixed_and_cross_lingual() -> None:
    pairs = [p for p in read_jsonl(PAIRS) if p["split"] == "holdout4"]
    gold = Counter(p["gold"] for p in pairs)
    assert len(pairs) == 362
    assert gold == {"contradicts": 83, "corroborates": 78, "related": 201}
    assert sum(p["cross_language"] for p in pairs) == 272
    assert len({p["event"] for p in pairs}) == 15
    earlier = {p["event"] for p in read_jsonl(PAIRS) if p["split"] != "holdout4"}
    assert not earlier & {p["event"] for p in pairs}
