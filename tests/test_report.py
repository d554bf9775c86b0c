"""Report output: contract B extras (first seen and its copies) and the terminal summary."""

from __future__ import annotations

import re

from bot.domain import Claim, Match, Post, Report
from bot.render_telegram import render_page, report_from_dict
from bot.report import render_text, report_to_dict


def sample_report() -> Report:
    first = Match(claim=Claim(text="Lysychansk captured", claim_id="a", source="Channel A",
                              url="https://t.me/a/1", published_at="2022-07-02"), score=0.9)
    copies = [Claim(text="Lysychansk captured", claim_id="b", source="Channel B",
                    url="https://t.me/b/7", published_at="2022-07-03")]
    return Report(post=Post(text="Lysychansk captured"), matches=[first], first_seen=first,
                  copies=copies)


def test_copies_reach_json_text_and_telegram() -> None:
    report = sample_report()
    data = report_to_dict(report)
    assert data["copies"] == [{"claim_id": "b", "source": "Channel B",
                               "url": "https://t.me/b/7", "published": "2022-07-03"}]
    assert "copied by Channel B on 2022-07-03: https://t.me/b/7" in render_text(report)
    html = "".join(render_page(report, "en").chunks)
    assert 'href="https://t.me/b/7"' in html and "copied later by" in html
    assert report_from_dict(data).copies[0].source == "Channel B"  # survives paging storage


# -- time order and the latest mark; claims of a post that reports both sides ----------------

def dated(claim_id: str, date: str | None, relation: str = "corroborates",
          text: str = "Lysychansk") -> Match:
    return Match(claim=Claim(text=f"{text} ({claim_id})", claim_id=claim_id,
                             source=f"Outlet {claim_id}", published_at=date,
                             url=f"https://{claim_id}.example/"),
                 score=0.5, relation=relation)  # type: ignore[arg-type]


def test_sections_are_in_time_order_and_the_latest_is_marked() -> None:
    # Best first (the JSON order) is not time order: a later confirmation scores lower.
    matches = [dated("denial", "2022-07-01", "contradicts"),
               dated("confirmed", "2022-07-04"), dated("early", "2022-07-02"),
               dated("undated", None), dated("other", "2022-07-03", "contradicts")]
    report = Report(post=Post(text="Lysychansk captured"), matches=matches)
    data = report_to_dict(report)
    assert [m["claim_id"] for m in data["matches"]] == [m.claim.claim_id for m in matches]
    assert {m["claim_id"]: m["latest"] for m in data["matches"]} == {
        "denial": False, "confirmed": True, "early": False, "undated": False, "other": True}
    assert data["parts"] == []

    text = render_text(report)
    corroborating = text.split("Corroborating:")[1].split("Contradicting:")[0]
    assert (corroborating.index("(early)") < corroborating.index("(confirmed)")
            < corroborating.index("(undated)"))
    assert "(confirmed)  [latest]" in corroborating and text.count("[latest]") == 2

    html = "".join(render_page(report, "en").chunks)
    confirmed = html.split("https://confirmed.example/")[1].split("•")[0]
    assert "<u>latest</u>" in confirmed
    assert html.count("<u>latest</u>") == 2
    restored = report_from_dict(data)
    assert "".join(render_page(restored, "en").chunks) == html


def test_a_single_dated_match_is_not_marked() -> None:
    report = Report(post=Post(text="x"), matches=[dated("a", "2022-07-01"), dated("b", None)])
    assert "[latest]" not in render_text(report)
    assert not any(m["latest"] for m in report_to_dict(report)["matches"])


def test_the_latest_is_on_the_first_page_even_in_a_long_section() -> None:
    from bot.render_telegram import PER_SECTION, paginate

    matches = [dated(f"c{i}", f"2022-07-{i + 1:02d}") for i in range(PER_SECTION + 3)]
    report = Report(post=Post(text="Lysychansk captured"), matches=matches)
    (first,) = paginate(report)[0]
    shown = [m.claim.claim_id for m in first[1]]
    assert len(shown) == PER_SECTION and shown[-1] == f"c{PER_SECTION + 2}"
    assert shown[:-1] == [f"c{i}" for i in range(PER_SECTION - 1)]  # oldest, then the latest
    html = render_page(report, "en").chunks[0]
    assert "<u>latest</u>" in html


def both_sides_report() -> Report:
    from bot.domain import ClaimPart

    russia = ClaimPart(text="Russia's defence ministry said its forces took Lysychansk",
                       claimant="Russia's defence ministry", side="RU",
                       matches=[dated("tass", "2022-07-03"), dated("gs", "2022-07-04"),
                                dated("ng", "2022-06-30", "contradicts")])
    ukraine = ClaimPart(text="Ukraine's National Guard said the city is not encircled",
                        claimant="Ukraine's National Guard", side="UA",
                        matches=[dated("ng", "2022-06-30"),
                                 dated("tass", "2022-07-03", "contradicts")])
    nobody = ClaimPart(text="The post says <b>more</b>", claimant=None)
    return Report(post=Post(text="both sides"), matches=[dated("tass", "2022-07-03", "related")],
                  parts=[russia, ukraine, nobody])


def test_parts_reach_json_text_and_telegram() -> None:
    report = both_sides_report()
    data = report_to_dict(report)
    assert [(p["claimant"], p["side"]) for p in data["parts"]] == [
        ("Russia's defence ministry", "RU"), ("Ukraine's National Guard", "UA"), (None, None)]
    assert [(m["claim_id"], m["relation"], m["latest"]) for m in data["parts"][0]["matches"]] == [
        ("tass", "corroborates", False), ("gs", "corroborates", True),
        ("ng", "contradicts", False)]
    assert data["matches"][0]["claim_id"] == "tass"  # the whole-post matches stay

    text = render_text(report)
    assert "Claims in this post:" in text
    one = text.split("1) Russia's defence ministry: ")[1].split("2) ")[0]
    assert "Corroborating:" in one and "Contradicting:" in one and "(gs)  [latest]" in one
    two = text.split("2) Ukraine's National Guard: ")[1].split("3) ")[0]
    assert two.index("Corroborating:") < two.index("(ng)") < two.index("Contradicting:")
    assert "3) The post itself: The post says <b>more</b>" in text
    assert "Related:" not in text  # the whole-post sections give way to the claims

    html = "".join(render_page(report, "en").chunks)
    assert "<b>Claims in this post</b>" in html
    assert html.index("<b>1) Russia's defence ministry</b>") < html.index(
        "<b>2) Ukraine's National Guard</b>") < html.index("<b>3) The post itself</b>")
    assert "The post says &lt;b&gt;more&lt;/b&gt;" in html
    assert "No stored source matches this claim closely enough." in html
    restored = report_from_dict(data)
    assert [p.claimant for p in restored.parts] == [p.claimant for p in report.parts]
    assert "".join(render_page(restored, "en").chunks) == html


def test_many_matches_per_claim_are_paged_under_4096() -> None:
    from bot.domain import ClaimPart
    from bot.render_telegram import MAX_MESSAGE_CHARS, PER_PART_SECTION, utf16_len

    long = "Лисичанськ 🇺🇦 " * 30
    parts = [ClaimPart(text=f"Claim {n}", claimant=f"Speaker {n}",
                       matches=[dated(f"p{n}m{i}", f"2022-07-{i + 1:02d}",
                                      ("corroborates", "contradicts", "related")[i % 3], long)
                                for i in range(12)]) for n in range(3)]
    report = Report(post=Post(text="x"), matches=parts[0].matches[:1], parts=parts)
    first = render_page(report, "en")
    assert first.pages > 1 and first.has_next
    assert all(utf16_len(c) <= MAX_MESSAGE_CHARS for c in first.chunks)
    shown = re.findall(r"https://(p\dm\d+)\.example", "".join(first.chunks))
    assert len(shown) == 3 * 3 * PER_PART_SECTION
    seen = list(shown)
    for page in range(1, first.pages):
        rendered = render_page(report, "en", page)
        assert all(utf16_len(c) <= MAX_MESSAGE_CHARS for c in rendered.chunks)
        body = "".join(rendered.chunks)
        assert re.search(r"<b>\d\) Speaker \d</b>", body)  # which claim these belong to
        seen += re.findall(r"https://(p\dm\d+)\.example", body)
    assert sorted(seen) == sorted(m.claim.claim_id or "" for p in parts for m in p.matches)
