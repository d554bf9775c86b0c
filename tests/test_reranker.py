"""The re-ranker picks its model by what a candidate has: another language, the English cosine."""

from __future__ import annotations

import json
from pathlib import Path

from bot.hybrid import RERANKER_PATH, Reranker, model_view

MODELS = {
    "rank": ({"cos": 10.0}, -8.0),
    "rank_xl": ({"cos": 5.0}, -4.0),
    "rank_en": ({"cos_en": 20.0}, -10.0),
    "abs": ({"cos": 10.0}, -9.0),
    "abs_xl": ({"cos": 5.0}, -5.0),
    "abs_en": ({"cos_en": 20.0}, -12.0),
    "evidence": ({"top_abs": 1.0}, 0.0),
    "evidence_en": ({"top_cos_en": 10.0}, -5.0),
}


def test_model_view_by_candidate() -> None:
    assert model_view({"cos": 0.9, "cross_lingual": 1.0, "cos_en": 0.5}) == "_xl"
    assert model_view({"cos": 0.9, "cross_lingual": 0.0, "cos_en": 0.5}) == "_en"
    assert model_view({"cos": 0.9, "cross_lingual": 0.0}) == ""


def test_each_view_is_scored_by_its_own_model() -> None:
    reranker = Reranker(models=dict(MODELS), evidence=0.4, evidence_en=0.7)
    plain = {"cos": 0.9}
    english = {"cos": 0.9, "cos_en": 0.9}
    assert abs(reranker.probability(plain) - 1 / (1 + 2.718281828 ** -1.0)) < 1e-6
    assert abs(reranker.probability(english) - 1 / (1 + 2.718281828 ** -8.0)) < 1e-6
    scored_en = [(1, reranker.probability(english), reranker.absolute(english), english)]
    scored_plain = [(1, reranker.probability(plain), reranker.absolute(plain), plain)]
    assert reranker.evidence_threshold(scored_en) == 0.7
    assert reranker.evidence_threshold(scored_plain) == 0.4
    # evidence_en reads top_cos_en: 10 * 0.9 - 5 = 4 -> ~0.982
    assert reranker.has_evidence(scored_en) > 0.98


def test_missing_english_models_fall_back_to_the_plain_ones() -> None:
    models = {k: v for k, v in MODELS.items() if not k.endswith("_en")}
    reranker = Reranker(models=models, evidence=0.4)
    english = {"cos": 0.9, "cos_en": 0.9}
    assert reranker.probability(english) == reranker.probability({"cos": 0.9})
    scored = [(1, 0.5, 0.5, english)]
    assert reranker.evidence_threshold(scored) == 0.4


def test_shipped_reranker_has_every_view(tmp_path: Path) -> None:
    data = json.loads(RERANKER_PATH.read_text(encoding="utf-8"))
    for kind in ("rank", "abs", "evidence"):
        for view in ("", "_xl", "_en"):
            assert kind + view in data["models"], kind + view
    assert "evidence_en_threshold" in data and "related_en_threshold" in data
    loaded = Reranker.load(RERANKER_PATH)
    assert loaded.evidence_en is not None


def test_related_threshold_per_scale() -> None:
    reranker = Reranker(models=dict(MODELS), related=0.01, related_en=0.05)
    assert reranker.related_threshold({"cos": 0.8, "cos_en": 0.5}) == 0.05
    assert reranker.related_threshold({"cos": 0.8}) == 0.01
    assert reranker.related_threshold({"cos": 0.8, "cross_lingual": 1.0}) == 0.01


def test_other_languages_keep_a_share_of_the_places() -> None:
    from bot.hybrid import share_across_languages

    same = [(i, 0.9 - i / 100, 0.5, {"cross_lingual": 0.0}) for i in range(12)]
    other = [(100 + i, 0.05 - i / 1000, 0.2, {"cross_lingual": 1.0}) for i in range(5)]
    scored = same + other
    kept = share_across_languages(scored, 9)
    assert len(kept) == 9
    assert [s[0] for s in kept] == [0, 1, 2, 3, 4, 5, 100, 101, 102]  # order by score kept
    assert share_across_languages(scored[:5], 9) == scored[:5]  # nothing cut: unchanged
    only_same = share_across_languages(same, 9)
    assert [s[0] for s in only_same] == list(range(9))


def test_posts_outside_the_calibrated_languages_meet_the_stricter_translation_gate() -> None:
    models = {**MODELS, "evidence_xl": ({"top_cos": 1.0}, 0.0)}
    reranker = Reranker(models=models, evidence_xl=0.09, evidence_xl_other=0.19)
    scored = [(1, 0.5, 0.1, {"cos": 0.8, "cross_lingual": 1.0})]
    assert reranker.evidence_threshold(scored, "ru") == 0.09
    assert reranker.evidence_threshold(scored, None) == 0.09
    assert reranker.evidence_threshold(scored, "nl") == 0.19  # e.g. gibberish filed as Dutch
