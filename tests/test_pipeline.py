"""The check pipeline: matching across languages, evidence threshold, first seen, stance seam."""

from __future__ import annotations

from bot.domain import Claim, Post, Relation
from bot.pipeline import Pipeline, check_post
from storage import Store


def seed(store: Store) -> None:
    store.add_claims([
        Claim(text="Russian forces have taken full control of Lysychansk, the defence ministry "
                   "said.", claim_id="ru-mod", source="TASS", published_at="2022-07-03",
              language="en"),
        Claim(text="Лисичанск взят под контроль, сообщил Кадыров", claim_id="kadyrov",
              source="RIA", published_at="2022-07-02", language="ru"),
        Claim(text="Лисичанськ не оточений, місто під контролем ЗСУ", claim_id="ng",
              source="Ukrinform", published_at="2022-07-02", language="uk"),
        Claim(text="Heavy rain expected in London this weekend", claim_id="weather",
              source="BBC", published_at="2022-07-01", language="en"),
    ])


def test_english_post_finds_russian_and_ukrainian_claims_about_the_town(store: Store) -> None:
    seed(store)
    report = check_post(Post(text="Lisichansk captured by Russian troops"), store)
    ids = [m.claim.claim_id for m in report.matches]
    assert ids[0] == "ru-mod"
    assert {"kadyrov", "ng"} <= set(ids)
    assert "weather" not in ids
    assert report.post.language == "en"


def test_unrelated_post_gets_not_enough_evidence(store: Store) -> None:
    seed(store)
    report = check_post(Post(text="Recipe: how to bake sourdough bread at home"), store)
    assert not report.enough_evidence and report.matches == []


def test_empty_post_is_answered_with_a_note(store: Store) -> None:
    report = check_post(Post(text="   "), store)
    assert report.notes and not report.matches


class ByIdStance:
    """A stand-in stance model for exercising the seam (the real one is trained)."""

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]:
        return ("contradicts", 0.9) if claim.claim_id == "ng" else ("corroborates", 0.9)


def test_stance_fills_sections_and_first_seen_skips_contradictions(store: Store) -> None:
    seed(store)
    report = Pipeline(store, stance=ByIdStance()).check(Post(text="Lysychansk captured"))
    assert [m.claim.claim_id for m in report.contradicting] == ["ng"]
    corroborating = [m.claim.claim_id for m in report.corroborating]
    assert corroborating == ["kadyrov", "ru-mod"]  # oldest first
    assert report.first_seen is not None and report.first_seen.claim.claim_id == "kadyrov"
