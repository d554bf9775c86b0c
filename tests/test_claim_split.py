"""Splitting a post that reports several sides into its claimants' claims (bot.claim_split)."""

from __future__ import annotations

import pytest

from bot.claim_split import clean_claimant, split_claims


@pytest.mark.parametrize("text,claimants", [
    (("Russia's defence ministry said its forces took Lysychansk; Ukraine's National Guard said "
     "the city is not encircled."), ["Russia's defence ministry", "Ukraine's National Guard"]),
    (("Russia's defence ministry said its forces took Lysychansk, while Ukraine's General Staff "
     "said fighting continues in the city."),
     ["Russia's defence ministry", "Ukraine's General Staff"]),
    (("Минобороны России заявило, что войска взяли Лисичанск. Нацгвардия Украины сообщила, что "
     "город не окружен."), ["Минобороны России", "Нацгвардия Украины"]),
    (("Міноборони РФ заявило про захоплення Лисичанська. Національна гвардія України заявила, що "
     "місто не оточене і під контролем ЗСУ."), ["Міноборони РФ", "Національна гвардія України"]),
    ("Russia claims its forces captured Lysychansk, but Ukraine denies it.",
     ["Russia", "Ukraine"]),
])
def test_both_sides_are_split_per_claimant(text: str, claimants: list[str]) -> None:
    parts = split_claims(text)
    assert [p.claimant for p in parts] == claimants
    assert [p.side for p in parts] == ["RU", "UA"]
    # A part that names no place is matched and judged with the place the post is about.
    assert all("ysychansk" in p.query or "исичанс" in p.query for p in parts)


@pytest.mark.parametrize("text", [
    "Lisichansk captured by Russian troops",
    "Russian forces have taken full control of Lysychansk, the defence ministry said.",
    "Russia's defence ministry said its forces took Lysychansk. Kadyrov said Lysychansk was taken.",
    ("Russia's defence ministry said its forces took Lysychansk; Ukraine said it repelled attacks "
    "near Bakhmut."),
    "Heavy rain expected in London this weekend",
    "",
])
def test_single_claims_agreements_and_other_places_are_not_split(text: str) -> None:
    assert split_claims(text) == []


def test_a_denial_pointing_back_is_restated_for_the_stance_model() -> None:
    russia, ukraine = split_claims("Russia claims its forces captured Lysychansk, but Ukraine "
                                   "denies it.")
    assert ukraine.text == "Ukraine denies it."
    assert ukraine.stance_text == "Ukraine denied that Russian forces captured Lysychansk."
    assert russia.text == "Russia claims its forces captured Lysychansk"


def test_claimant_names_are_cleaned() -> None:
    assert clean_claimant("but Ukraine") == "Ukraine"
    assert clean_claimant("Ukraine's General Staff later") == "Ukraine's General Staff"
    assert clean_claimant("а Генштаб ЗСУ") == "Генштаб ЗСУ"
    assert clean_claimant(None) is None and clean_claimant(" , ") is None
