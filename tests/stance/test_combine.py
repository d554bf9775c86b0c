"""The production stance model on the Lysychansk case, abstention, and the pipeline seam."""

from __future__ import annotations

import time

from bot.domain import Claim, Post
from bot.pipeline import Pipeline
from bot.stance import NeutralStance, StanceModel, default_stance
from bot.stance.combine import CombinedStance, Judgement
from storage import Store

POST = "Lysychansk is captured"
TASS = Claim(text="Министерство обороны России сообщило, что российские войска и народная "
                  "милиция ЛНР установили полный контроль над Лисичанском.",
             claim_id="tass", language="ru", published_at="2022-07-03")
LPR = Claim(text="По словам Андрея Марочко, союзные силы вошли в Лисичанск и заняли здание "
                 "городской администрации.", claim_id="lpr", language="ru",
            published_at="2022-07-02")
GUARD = Claim(text="National Guard spokesman Ruslan Muzychuk said heavy fighting was going on "
                   "near Lysychansk but that the city was not encircled and remained under "
                   "Ukrainian control.", claim_id="guard", language="en",
              published_at="2022-07-02")
STAFF = Claim(text="Генштаб ЗСУ повідомив, що після важких боїв українські сили відійшли з "
                   "Лисичанська.", claim_id="staff", language="uk", published_at="2022-07-03")
HEIGHTS = Claim(text="LPR militia said allied forces had seized the last strategic heights "
                     "around Lysychansk and that the city was completely encircled.",
                claim_id="heights", language="en", published_at="2022-07-02")


def test_default_stance_is_a_cached_stance_model() -> None:
    model: StanceModel = default_stance()
    assert model is default_stance()
    assert NeutralStance().classify(POST, TASS) == ("related", 0.0)


def test_lysychansk_scenario() -> None:
    model = default_stance()
    assert model.classify(POST, TASS)[0] == "corroborates"
    assert model.classify(POST, LPR)[0] == "corroborates"
    assert model.classify(POST, GUARD)[0] == "contradicts"
    assert model.classify(POST, STAFF)[0] == "corroborates"  # a withdrawal confirms the capture
    assert model.classify(POST, HEIGHTS)[0] == "related"  # encircled is not captured


def test_the_same_scenario_posted_in_russian_and_ukrainian() -> None:
    model = default_stance()
    for post in ("Лисичанск взят российскими войсками", "Росіяни захопили Лисичанськ"):
        assert model.classify(post, GUARD)[0] == "contradicts"
        assert model.classify(post, STAFF)[0] == "corroborates"


def test_unsure_means_related() -> None:
    model = default_stance()
    relation, confidence = model.classify(POST, Claim(text="Shelling hit the outskirts of the "
                                                           "city overnight, officials said."))
    assert relation == "related"
    unconfirmed = Claim(text="ISW could not confirm that Ukrainian units had left Lysychansk.")
    assert model.classify(POST, unconfirmed)[0] == "related"


def test_no_side_below_the_threshold() -> None:
    strict = CombinedStance(thresholds={"frames": {"corroborates": 0.99, "contradicts": 0.99}})
    judgement = strict.judge(POST, HEIGHTS.text)
    assert isinstance(judgement, Judgement) and judgement.relation == "related"
    assert strict.judge(POST, "Generic weather report for London").relation == "related"


def test_pipeline_fills_sections_with_the_model(store: Store) -> None:
    store.add_claims([TASS, GUARD, STAFF])
    report = Pipeline(store, stance=default_stance()).check(Post(text="Lisichansk captured"))
    expected = {"tass": "corroborates", "staff": "corroborates", "guard": "contradicts"}
    found = {m.claim.claim_id: m.relation for m in report.matches}
    assert {"staff", "guard"} <= set(found)
    assert all(expected[claim_id] == relation for claim_id, relation in found.items())
    assert [m.claim.claim_id for m in report.contradicting] == ["guard"]


def test_twenty_matches_are_fast() -> None:
    model = default_stance()
    claims = [Claim(text=f"{c.text} ({i})") for i, c in
              enumerate([TASS, LPR, GUARD, STAFF, HEIGHTS] * 4)]
    start = time.perf_counter()
    for claim in claims:
        model.classify(POST + " today", claim)
    assert time.perf_counter() - start < 1.0  # generous: ~30 ms on the dev machine
