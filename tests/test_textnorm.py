"""Text normalisation: cleaning, language detection, cross-script name keys."""

from __future__ import annotations

import pytest

from bot.textnorm import clean_text, content_hash, detect_language, name_key, query_terms


@pytest.mark.parametrize("group", [
    ["Lysychansk", "Lisichansk", "Лисичанск", "Лисичанськ", "Lyssytschansk"],
    ["Sievierodonetsk", "Severodonetsk", "Северодонецк", "Сєвєродонецьк", "Siverodonetsk"],
    ["Kharkiv", "Kharkov", "Харьков", "Харків"],
    ["Zaporizhzhia", "Zaporozhye", "Запорожье", "Запоріжжя"],
])
def test_spellings_of_a_place_share_one_key(group: list[str]) -> None:
    keys = {name_key(name) for name in group}
    assert len(keys) == 1 and None not in keys


def test_different_places_have_different_keys() -> None:
    assert name_key("Lysychansk") != name_key("Sievierodonetsk")
    assert name_key("Kharkiv") != name_key("Kherson")


def test_short_words_have_no_key() -> None:
    assert name_key("Kyiv") is None


def test_clean_text_drops_urls_handles_and_boilerplate() -> None:
    text = "Lysychansk captured https://t.me/x/1 @rian_ru #Lysychansk\nПодписаться на канал"
    cleaned = clean_text(text)
    assert "http" not in cleaned and "@" not in cleaned and "Подписаться" not in cleaned
    assert "Lysychansk captured" in cleaned and "#" not in cleaned


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian forces say they have captured the city of Lysychansk", "en"),
    ("Российские войска заявили о взятии Лисичанска", "ru"),
    ("Сили оборони відійшли з Лисичанська, повідомив Генштаб", "uk"),
    ("Severodonetsk occupied", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_query_terms_lemmatise_russian_and_drop_stopwords() -> None:
    terms, keys = query_terms("Войска вошли в Лисичанск и заявили о его взятии", "ru")
    assert "войско" in terms and "в" not in terms and "и" not in terms
    assert name_key("Лисичанск") in keys


def test_content_hash_ignores_case_spacing_and_quote_style() -> None:
    assert content_hash('He said  "yes"') == content_hash("he said “yes”")
    assert content_hash("a") != content_hash("b")
