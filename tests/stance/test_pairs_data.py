"""The team's cross-lingual pair set is large enough, mixed, and consistent with its statements."""

from __future__ import annotations

from collections import Counter

import pytest

from evals.stance import PAIRS, all_pairs, read_jsonl


def test_pairs_file_is_built_from_the_statements() -> None:
    pairs = read_jsonl(PAIRS)
    assert pairs == all_pairs()
    assert len(pairs) >= 120
    langs = Counter("-".join(sorted(p["langs"].split("-"))) for p in pairs)
    assert {"en-ru", "en-uk", "ru-uk", "en-en", "ru-ru", "uk-uk"} <= set(langs)
    assert {p["gold"] for p in pairs} == {"corroborates", "contradicts", "related"}
    assert {p["split"] for p in pairs} == {"dev", "test", "holdout", "holdout2", "holdout3",
                                           "holdout4", "holdout5", "holdout6", "holdout7",
                                           "holdout8", "holdout9", "holdout10",
                                           "holdout11", "holdout12", "holdout13",
                                           "holdout14", "holdout15", "holdout16",
                                           "holdout17", "holdout18", "holdout19",
                                           "holdout20", "holdout21", "holdout22",
                                           "holdout23"}
    assert len({p["event"] for p in pairs}) >= 10


@pytest.mark.parametrize(("split", "gold", "cross_language", "events"), [
    ("holdout3", {"contradicts": 103, "corroborates": 73, "related": 158}, 253, 15),
    ("holdout4", {"contradicts": 83, "corroborates": 78, "related": 201}, 272, 15),
    ("holdout5", {"contradicts": 41, "corroborates": 53, "related": 98}, 152, 12),
    ("holdout6", {"contradicts": 45, "corroborates": 30, "related": 115}, 150, 12),
    ("holdout7", {"contradicts": 45, "corroborates": 28, "related": 116}, 149, 12),
    ("holdout8", {"contradicts": 50, "corroborates": 44, "related": 93}, 146, 12),
    ("holdout9", {"contradicts": 53, "corroborates": 45, "related": 90}, 146, 12),
    ("holdout10", {"contradicts": 50, "corroborates": 38, "related": 98}, 147, 12),
    ("holdout11", {"contradicts": 49, "corroborates": 45, "related": 98}, 150, 12),
    ("holdout12", {"contradicts": 59, "corroborates": 35, "related": 96}, 149, 12),
    ("holdout13", {"contradicts": 60, "corroborates": 34, "related": 98}, 151, 12),
    ("holdout14", {"contradicts": 63, "corroborates": 32, "related": 97}, 150, 12),
    ("holdout15", {"contradicts": 60, "corroborates": 37, "related": 95}, 151, 12),
    ("holdout16", {"contradicts": 57, "corroborates": 38, "related": 97}, 153, 12),
    ("holdout17", {"contradicts": 53, "corroborates": 41, "related": 96}, 149, 12),
    ("holdout18", {"contradicts": 64, "corroborates": 37, "related": 89}, 150, 12),
    ("holdout19", {"contradicts": 61, "corroborates": 31, "related": 98}, 150, 12),
    ("holdout20", {"contradicts": 61, "corroborates": 31, "related": 98}, 150, 12),
    ("holdout21", {"contradicts": 58, "corroborates": 38, "related": 92}, 150, 12),
    ("holdout22", {"contradicts": 67, "corroborates": 34, "related": 91}, 148, 12),
    ("holdout23", {"contradicts": 60, "corroborates": 36, "related": 93}, 148, 12),
])
def test_blind_holdout_split_is_large_mixed_and_cross_lingual(
        split: str, gold: dict[str, int], cross_language: int, events: int) -> None:
    pairs = [p for p in read_jsonl(PAIRS) if p["split"] == split]
    assert Counter(p["gold"] for p in pairs) == gold
    assert sum(p["cross_language"] for p in pairs) == cross_language
    assert len({p["event"] for p in pairs}) == events
    earlier = {p["event"] for p in read_jsonl(PAIRS) if p["split"] != split}
    assert not earlier & {p["event"] for p in pairs}
