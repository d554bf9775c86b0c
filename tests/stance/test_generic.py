"""The trained pairwise model: features, the shipped artifact, the benchmark scorers."""

from __future__ import annotations

import numpy as np

from bot.stance.generic import FEATURE_NAMES, GenericStance, terms
from evals.stance import build_pairs, fnc_score, gold_relation


def test_terms_are_lemmas_in_three_languages() -> None:
    assert terms("Russian forces captured") == ["russian", "forc", "captur"]
    assert terms("Лисичанска взяли") == ["лисичанска", "взять"]  # simplemma keeps names


def test_shipped_model_loads_and_predicts() -> None:
    model = GenericStance.load_default()
    assert model is not None and model.fnc is not None and model.emergent is not None
    x = model.features([("Banksy arrested", "Police denied reports that Banksy was arrested.")])
    assert x.shape == (1, len(FEATURE_NAMES) + 2 * len(model.vocab)) and np.isfinite(x).all()
    label = model.predict_fnc([("Banksy arrested", "The weather in Paris is sunny today.")])[0]
    assert label == "unrelated"
    relation, confidence = model.propose("Banksy was arrested", "Police deny Banksy arrest")
    assert relation in ("corroborates", "contradicts", "related") and 0 <= confidence <= 1


def test_fnc_score_matches_the_official_rules() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == (3.25, 3.25)
    assert fnc_score(gold, ["discuss", "unrelated", "agree", "unrelated"]) == (0.75, 3.25)


def test_pair_gold_from_outcomes() -> None:
    assert gold_relation(["ru_holds"], ["ua_holds", "not_encircled"]) == "contradicts"
    assert gold_relation(["ru_holds"], ["ru_holds"]) == "corroborates"
    assert gold_relation(["both"], ["ru_holds"]) == "related"
    statements = [
        {"id": "a", "event": "lysychansk-2022", "lang": "en", "outcomes": ["ru_holds"],
         "claimant": "x", "date": "2022-07-03", "text": "Lysychansk captured"},
        {"id": "b", "event": "lysychansk-2022", "lang": "uk", "outcomes": ["ua_holds"],
         "claimant": "y", "date": "2022-07-02", "text": "Лисичанськ під контролем ЗСУ"},
    ]
    pairs = build_pairs(statements + [dict(s, id=s["id"] + "2", event="sievierodonetsk-2022")
                                      for s in statements])
    assert pairs[0]["gold"] == "contradicts" and pairs[0]["cross_language"]
    assert any(p["kind"] == "other-town" and p["gold"] == "related" for p in pairs)
