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


# -- claim-level checking: a post that reports both sides is split per claimant ----------------

def seed_both_sides(store: Store) -> None:
    store.add_claims([
        Claim(text="Russian forces have taken full control of Lysychansk, the defence ministry "
                   "said.", claim_id="ru-mod", source="TASS", published_at="2022-07-03",
              language="en"),
        Claim(text="Лисичанск взят под контроль, сообщил Кадыров", claim_id="kadyrov",
              source="RIA", published_at="2022-07-02", language="ru"),
        Claim(text="Лисичанськ не оточений, місто під контролем ЗСУ", claim_id="ng",
              source="Ukrinform", published_at="2022-06-30", language="uk"),
        Claim(text="Ukraine's General Staff confirmed that its forces withdrew from Lysychansk.",
              claim_id="gs", source="Reuters", published_at="2022-07-04", language="en"),
        Claim(text="Heavy rain expected in London this weekend", claim_id="weather",
              source="BBC", published_at="2022-07-01", language="en"),
    ])


def relations(part) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.claim.claim_id or "": m.relation for m in part.matches}


def test_both_sides_post_in_english_is_judged_per_claimant(store: Store) -> None:
    seed_both_sides(store)
    report = check_post(Post(text="Russia's defence ministry said its forces took Lysychansk; "
                                  "Ukraine's National Guard said the city is not encircled and "
                                  "remains under Ukrainian control."), store)
    assert [(p.claimant, p.side) for p in report.parts] == [
        ("Russia's defence ministry", "RU"), ("Ukraine's National Guard", "UA")]
    russia, ukraine = (relations(p) for p in report.parts)
    assert russia["ru-mod"] == russia["kadyrov"] == "corroborates"
    assert russia["ng"] == "contradicts"
    assert ukraine["ng"] == "corroborates"
    assert ukraine["ru-mod"] == ukraine["kadyrov"] == "contradicts"
    assert "weather" not in russia and "weather" not in ukraine
    assert report.parts[0].text.startswith("Russia's defence ministry said")
    assert report.parts[1].text.startswith("Ukraine's National Guard said")


def test_both_sides_post_in_russian_and_ukrainian(store: Store) -> None:
    seed_both_sides(store)
    for text in (("Минобороны России заявило, что войска взяли Лисичанск. Нацгвардия Украины "
                 "сообщила, что город не окружен и под контролем ВСУ."),
                 ("Міноборони РФ заявило про захоплення Лисичанська. Національна гвардія України "
                 "заявила, що місто не оточене і під контролем ЗСУ.")):
        report = check_post(Post(text=text), store)
        assert [p.side for p in report.parts] == ["RU", "UA"], text
        assert report.parts[0].claimant in ("Минобороны России", "Міноборони РФ")
        assert report.parts[1].claimant in ("Нацгвардия Украины", "Національна гвардія України")
        russia, ukraine = (relations(p) for p in report.parts)
        assert russia["kadyrov"] == "corroborates" and russia["ng"] == "contradicts"
        assert ukraine["kadyrov"] == "contradicts" and ukraine["ng"] == "corroborates"
        assert report.enough_evidence


def test_a_denial_pointing_back_is_its_own_claim(store: Store) -> None:
    seed_both_sides(store)
    report = check_post(Post(text="Russia claims its forces captured Lysychansk, but Ukraine "
                                  "denies it."), store)
    assert [(p.claimant, p.side) for p in report.parts] == [("Russia", "RU"), ("Ukraine", "UA")]
    russia, ukraine = (relations(p) for p in report.parts)
    assert russia["kadyrov"] == "corroborates" and ukraine["kadyrov"] == "contradicts"


def test_single_claim_post_is_not_split(store: Store) -> None:
    seed_both_sides(store)
    for text in ("Lisichansk captured by Russian troops",
                 "Russian forces have taken full control of Lysychansk, the defence ministry said.",
                 # two claimants who agree: one claim
                 ("Russia's defence ministry said its forces took Lysychansk. Kadyrov said "
                 "Lysychansk was taken.")):
        report = check_post(Post(text=text), store)
        assert report.parts == [], text
    plain = check_post(Post(text="Lisichansk captured by Russian troops"), store)
    assert [m.claim.claim_id for m in plain.matches][:1] == ["ru-mod"]


def test_neutral_stance_parts_are_matched_but_take_no_side(store: Store) -> None:
    from bot.stance import NeutralStance

    seed_both_sides(store)
    report = Pipeline(store, stance=NeutralStance()).check(Post(
        text="Russia's defence ministry said its forces took Lysychansk; Ukraine's National "
             "Guard said the city is not encircled."))
    assert len(report.parts) == 2 and all(p.matches for p in report.parts)
    assert {m.relation for p in report.parts for m in p.matches} == {"related"}
