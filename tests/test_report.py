"""Report output: contract B extras (first seen and its copies) and the terminal summary."""

from __future__ import annotations

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
