"""Rendering a Report into Telegram HTML messages: sections, escaping, 4096-character pieces."""

from __future__ import annotations

import re

import pytest

from bot.domain import Claim, Match, Post, Relation, Report
from bot.render_telegram import (
    MAX_MESSAGE_CHARS,
    PAGE_SIZE,
    PER_SECTION,
    paginate,
    render_page,
    report_from_dict,
    split_blocks,
    utf16_len,
)
from bot.report import report_to_dict
from tests.telegram.fake_bot_api import _BadRequest, _check_text

AUTO = "auto"


def match(i: int, relation: Relation = "related", *, date: str | None = AUTO,
          text: str | None = None, source: str | None = None, url: str | None = None) -> Match:
    claim = Claim(text=text or f"Claim number {i} about Lysychansk.", claim_id=f"c{i}",
                  source=source or f"Outlet {i}", claimant=f"Speaker {i}",
                  published_at=f"2022-07-{i % 28 + 1:02d}" if date == AUTO else date,
                  url=url or f"https://outlet{i}.example/news/{i}")
    return Match(claim=claim, score=1.0 / (i + 1), relation=relation)


def report_of(matches: list[Match], text: str = "Lysychansk was taken") -> Report:
    return Report(post=Post(text=text), matches=matches,
                  first_seen=min(matches, key=lambda m: m.claim.published_at or "")
                  if matches else None)


def assert_valid(chunks: list[str]) -> None:
    for chunk in chunks:
        assert utf16_len(chunk) <= MAX_MESSAGE_CHARS
        _check_text(chunk, "HTML")  # the fake server's strict Telegram HTML check


def test_sections_in_time_order_with_source_claimant_date_and_link() -> None:
    matches = [match(3, "corroborates", date="2022-07-03"),
               match(1, "corroborates", date="2022-07-01"),
               match(2, "contradicts", date="2022-07-02"),
               match(4, "related", date=None)]
    page = render_page(report_of(matches), "en")
    (text,) = page.chunks
    assert_valid(page.chunks)
    corroborating = text.split("<b>Corroborating</b>")[1].split("<b>Contradicting</b>")[0]
    assert corroborating.index("2022-07-01") < corroborating.index("2022-07-03")
    assert '<a href="https://outlet1.example/news/1">Outlet 1</a> · Speaker 1' in corroborating
    assert text.index("<b>First seen</b>") < text.index("<b>Corroborating</b>") < text.index(
        "<b>Contradicting</b>") < text.index("<b>Related</b>")
    assert "<b>undated</b>" in text.split("<b>Related</b>")[1]
    assert not page.has_next


def test_everything_from_posts_and_claims_is_escaped() -> None:
    evil = match(1, text="<script>alert(1)</script> & <b>bold</b>", source="A&B <News>",
                 url="https://x.example/?a=1&b='2'")
    report = report_of([evil], text="<i>post</i> & more")
    report.notes.append("<note>")
    (text,) = render_page(report, "en").chunks
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "A&amp;B &lt;News&gt;" in text
    assert 'href="https://x.example/?a=1&amp;b=&#x27;2&#x27;"' in text
    assert "&lt;i&gt;post&lt;/i&gt; &amp; more" in text
    assert "&lt;note&gt;" in text
    _check_text(text, "HTML")


def test_unsafe_links_are_not_linked() -> None:
    (text,) = render_page(report_of([match(1, url="javascript:alert(1)")]), "en").chunks
    assert "href" not in text.split("<b>Related</b>")[1]


def test_not_enough_evidence_instead_of_unrelated_sources() -> None:
    page = render_page(Report(post=Post(text="Something nobody reported")), "en")
    (text,) = page.chunks
    assert "Not enough evidence" in text
    assert "href" not in text and page.pages == 1 and not page.has_next


@pytest.mark.parametrize("language,title", [("en", "Corroborating"), ("uk", "Підтверджують"),
                                            ("ru", "Подтверждают"), ("de", "Corroborating")])
def test_section_titles_in_the_users_language(language: str, title: str) -> None:
    (text,) = render_page(report_of([match(1, "corroborates")]), language).chunks
    assert f"<b>{title}</b>" in text


def test_first_page_has_a_few_per_section_and_the_rest_is_paged() -> None:
    matches = ([match(i, "corroborates") for i in range(7)]
               + [match(10 + i, "contradicts") for i in range(2)]
               + [match(20 + i, "related") for i in range(6)])
    pages = paginate(report_of(matches))
    first = {key: len(ms) for key, ms in pages[0]}
    assert first == {"corroborates": PER_SECTION, "contradicts": 2, "related": PER_SECTION}
    rest = [m for page in pages[1:] for _, ms in page for m in ms]
    assert len(rest) == 15 - 2 - 2 * PER_SECTION
    assert all(sum(len(ms) for _, ms in page) <= PAGE_SIZE for page in pages[1:])
    shown = [m.claim.claim_id for page in pages for _, ms in page for m in ms]
    assert sorted(shown) == sorted(m.claim.claim_id for m in matches)  # each once
    page = render_page(report_of(matches), "en", 1)
    assert page.chunks[0].startswith("<b>More matches (2 of 3)</b>") and page.has_next


def test_status_view_is_newest_first() -> None:
    matches = [match(1, date="2022-06-01"), match(2, "contradicts", date="2022-07-09"),
               match(3, date=None), match(4, date="2022-07-01")]
    (text,) = render_page(report_of(matches, "Lysychansk"), "en", view="status").chunks
    assert text.startswith("<b>Status: Lysychansk</b>")
    assert re.findall(r"<b>(\d{4}-\d\d-\d\d|undated)</b>", text) == [
        "2022-07-09", "2022-07-01", "2022-06-01", "undated"]
    assert "<i>contradicts</i>" in text


def test_long_answers_split_cleanly_under_4096() -> None:
    long_text = "Лисичанськ 🇺🇦 " * 60  # Cyrillic and emoji: UTF-16 counting matters
    matches = [match(i, "related", text=long_text) for i in range(3)]
    blocks = ["<b>header</b>"] + [f"• <i>{long_text}</i>"] * 40
    chunks = split_blocks(blocks)
    assert len(chunks) > 1
    assert_valid(chunks)
    assert sum(c.count("<i>") for c in chunks) == 40  # nothing lost or cut
    assert_valid(render_page(report_of(matches), "en").chunks)


def test_a_block_longer_than_a_message_is_cut_as_plain_text() -> None:
    block = "<b>" + ("&amp;x" * 3000) + "</b>"
    chunks = split_blocks(["start", block])
    assert_valid(chunks)
    assert "".join(chunks).count("&amp;") == 3000


def test_fake_server_check_rejects_bad_html() -> None:
    with pytest.raises(_BadRequest):
        _check_text("<b>unclosed", "HTML")
    with pytest.raises(_BadRequest):
        _check_text("1 < 2", "HTML")


def test_stored_report_round_trip_for_paging() -> None:
    matches = [match(1, "corroborates"), match(2, "contradicts"), match(3)]
    report = report_of(matches)
    report.notes.append("The link was not fetched")
    restored = report_from_dict(report_to_dict(report))
    assert [(m.claim.claim_id, m.relation, m.claim.url) for m in restored.matches] == [
        (m.claim.claim_id, m.relation, m.claim.url) for m in matches]
    assert restored.first_seen is not None and restored.first_seen.claim.claim_id == "c1"
    assert render_page(restored, "en").chunks == render_page(report, "en").chunks
