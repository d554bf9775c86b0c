"""Claim frames in English, Russian and Ukrainian: event, outcome, polarity, claimant, place."""

from __future__ import annotations

import pytest

from bot.stance.frames import (compare_frames, extract_places, known_places, outcome_relation,
                               parse_frames, places_compatible, split_sentences)


def outcomes(text: str) -> set[str]:
    return {f.outcome for f in parse_frames(text) if f.outcome and f.modality != "unconfirmed"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Lysychansk is captured", {"ru_holds"}),
    ("Russian forces have taken full control of Lysychansk.", {"ru_holds"}),
    ("Кадыров заявил, что Лисичанск взят.", {"ru_holds"}),
    ("Генштаб ЗСУ повідомив, що українські сили відійшли з Лисичанська.", {"ru_holds"}),
    ("Ukrainian troops recaptured Kherson, officials said.", {"ua_holds"}),
    ("Минобороны России сообщило, что войска покинули Херсон.", {"ua_holds"}),
    ("Місто не оточене і залишається під контролем українських військ.",
     {"not_encircled", "ua_holds"}),
    ("LPR forces said Lysychansk was completely encircled.", {"encircled"}),
    ("Бої за Бахмут тривають.", {"contested"}),
    ("Ukraine's General Staff denied that Soledar had been captured.", {"contested"}),
])
def test_control_outcomes(text: str, expected: set[str]) -> None:
    assert outcomes(text) == expected


def test_strike_agents_and_denials() -> None:
    assert "struck_by_ru" in outcomes(
        "Ukrainian officials said a Russian missile hit the station.")
    assert "struck_by_ua" in outcomes(
        "Минобороны России заявило, что удар по вокзалу нанесли украинские войска.")
    assert "not_struck_by_ru" in outcomes(
        "The Russian Defence Ministry denied striking the station.")
    assert outcomes("Повітряні сили спростували заяву росіян про збитий МіГ-29.") == {"not_downed"}
    assert outcomes("Russia said it shot down a Ukrainian MiG-29.") == {"downed"}


def test_claimant_and_modality() -> None:
    frame = parse_frames("Рамзан Кадыров заявил, что Лисичанск взят.")[0]
    assert frame.claimant == "Рамзан Кадыров" and frame.claimant_side == "RU"
    assert frame.event == "took" and frame.polarity == "asserted"
    hedged = parse_frames("ISW said Russian forces had probably captured Soledar.")[0]
    assert hedged.modality == "hedges" and hedged.confidence < 1.0
    unconfirmed = parse_frames("ISW could not confirm that Ukrainian units left Lysychansk.")
    assert all(f.modality == "unconfirmed" for f in unconfirmed)


def test_places_meet_across_scripts_and_aliases() -> None:
    assert extract_places("Lysychansk") == extract_places("Лисичанська") == {"lysychansk"}
    assert extract_places("Артёмовск") == extract_places("Bakhmut") == {"bakhmut"}
    assert places_compatible(frozenset({"lysychansk"}), frozenset({"sievierodonetsk"})) is False
    assert places_compatible(frozenset(), frozenset({"lysychansk"})) is None


def test_outcome_table() -> None:
    assert outcome_relation("ru_holds", "ua_holds") == "contradicts"
    assert outcome_relation("ru_holds", "ru_holds") == "corroborates"
    assert outcome_relation("ru_holds", "encircled") == "related"
    assert outcome_relation("ru_holds", "downed") is None


def test_a_post_that_reports_both_sides_takes_no_side() -> None:
    post = parse_frames("Kadyrov announced that Lysychansk had been taken, but the National "
                        "Guard of Ukraine denied it.")
    verdict = compare_frames(post, parse_frames("Russian forces captured Lysychansk."))
    assert verdict.relation == "related" and "both sides" in verdict.reason


def test_other_town_is_not_compared() -> None:
    verdict = compare_frames(parse_frames("Lysychansk is captured"),
                             parse_frames("Russian forces captured Sievierodonetsk."))
    assert verdict.relation == "related"


def test_sentences_are_split() -> None:
    assert len(split_sentences("Russia says X. Ukraine denies it! Really?")) == 3


@pytest.mark.parametrize(("text", "encircled"), [
    ("Power and water are cut off in large parts of Sievierodonetsk, the mayor says.", False),
    ("Russian troops cut off the water supply to the city.", False),
    ("Жители Северодонецка отрезаны от водоснабжения.", False),
    ("Ukrainian forces in Lysychansk are cut off, Russia claims.", True),
    ("Газета пишет, что Лисичанск отрезан.", True),  # a newspaper is not a gas supply
    ("Лисичанськ відрізаний від постачання, заявив Гайдай.", True),
])
def test_supplies_cut_off_are_not_an_encirclement(text: str, encircled: bool) -> None:
    assert any(f.event == "encircled" for f in parse_frames(text)) is encircled


@pytest.mark.parametrize(("text", "expected"), [
    # adjectives and Ukrainian region names of a known place count for the matcher
    ("Ночью над Одесской областью сбиты восемь дронов.", {"odesa"}),
    ("Над Одещиною вночі збили вісім дронів.", {"odesa"}),
    ("Ракети вдарили по Одеському порту.", {"odesa"}),
    ("Артиллерия обстреляла Авдеевский коксохимический завод.", {"avdiivka"}),
    ("ЗСУ контролюють частину території Курщини.", {"kursk"}),
    ("Над Бєлгородщиною збили дрони.", {"belgorod"}),
    # the Crimean bridge is the Kerch bridge in any language
    ("Взрыв на Крымском мосту обрушил пролёт.", {"kerch", "crimea"}),
    ("Sea drones struck the Crimean Bridge.", {"kerch"}),
    ("Кримському мосту завдано удару.", {"kerch", "crimea"}),
    # an English possessive and Russian-style Latin spellings
    ("Ukraine holds part of Bakhmut's south-western district.", {"bakhmut"}),
    ("A missile hit the Kharkov regional administration.", {"kharkiv"}),
    # Hirske and Kursk share a consonant skeleton; the first letter tells them apart
    ("Hirske fell after weeks of fighting.", {"hirske"}),
    ("Горское и Гірське", {"hirske"}),
    ("The Kursk region", {"kursk"}),
    ("в Курской области", {"kursk"}),
    # people and peoples are no places
    ("Syrskyi told Zelensky about the front.", set()),
    ("Речник Кремля Дмитро Пєсков заявив про угоду.", set()),
    ("Украинская ПВО сбила 15 беспилотников.", set()),
])
def test_known_places_in_adjectives_regions_and_spellings(text: str, expected: set[str]) -> None:
    assert known_places(text) == expected


def test_a_region_adjective_is_not_a_frames_place() -> None:
    # "the Moscow-installed head of the Kherson region" says nothing about where the event was
    assert "kherson" not in extract_places(
        "Глава назначенной Москвой администрации Херсонской области признал потерю села.")
