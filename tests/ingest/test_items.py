"""Items into claims: ids, fields, long-article passages, provenance edges."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from bot.domain import Post, Source
from bot.ingest.items import (
    ProvenanceEdge,
    claim_bearing_passages,
    edges_for_post,
    item_from_post,
    iso_utc,
    split_sentences,
)
from bot.parsers.feed import parse_feed
from bot.parsers.telegram import parse_channel_page
from bot.parsers.x import parse_x_json

from .helpers import social

FEED = Source(kind="feed", name="Example Wire", url="https://wire.example/rss", id=7,
              language="en", labels=["wire"])
CHANNEL = Source(kind="telegram", name="Военное обозрение", url="https://t.me/s/topwar_official",
                 id=3, language="ru", handle="topwar_official")

ARTICLE = (
    "The regional governor said on Tuesday that three drones were shot down near Belgorod. "
    "Nobody was hurt, according to the emergency services. "
    "It was a quiet morning otherwise, and the weather was cold.\n\n"
    "Officials in Kyiv declined to comment on the report. "
    "The ministry of defence claimed 12 more drones were intercepted over Kursk overnight. "
    "Residents posted videos of the interceptions on social media. "
    "Local schools will open as usual, the mayor added. "
    "Power was restored to the affected districts by noon, the local utility reported."
)


def test_guardian_feed_items_become_claims_with_stable_ids_and_utc_times() -> None:
    path = social("rss", "guardian.rss")
    expected = json.loads(social("rss", "guardian.expected.json").read_text())["feed"]["items"]
    feed = parse_feed(path.read_bytes(), "https://www.theguardian.com/")
    items = [item_from_post(post, FEED) for post in feed.items]
    assert len(items) == len(expected) == 55
    first = items[0]
    assert first is not None
    claim = first.claim
    assert claim.title == expected[0]["title"]
    assert claim.url == expected[0]["link"]
    assert claim.claim_id == f"feed:{expected[0]['link']}"
    assert claim.published_at == "2018-01-31T07:26:05+00:00"  # isoDate 2018-01-31T07:26:05Z
    assert claim.source == "Example Wire" and claim.source_id == 7
    assert claim.language == "en" and claim.labels == ["wire"]
    assert claim.text and claim.claimant is None
    again = item_from_post(feed.items[0], FEED)
    assert again is not None and again.claim.claim_id == claim.claim_id


def test_telegram_channel_posts_become_claims_with_post_urls() -> None:
    page = parse_channel_page(social("telegram", "full.html").read_bytes(),
                              "https://t.me/s/topwar_official")
    items = [item_from_post(post, CHANNEL) for post in page.posts]
    claims = [i.claim for i in items if i is not None]
    assert claims, "the fixture has text posts"
    for claim in claims:
        assert claim.url and claim.url.startswith("https://t.me/topwar_official/")
        assert claim.claim_id == f"telegram:{claim.url}"
        assert claim.published_at and claim.published_at.startswith("2023-02-28T")
        assert claim.published_at.endswith("+00:00")
        assert claim.source == "Военное обозрение"


def test_forwarded_telegram_post_keeps_an_edge_and_the_original_as_claimant() -> None:
    page = parse_channel_page(
        social("telegram", "message_media_forwarded_from.html").read_bytes())
    post = page.posts[0]
    item = item_from_post(post, CHANNEL)
    assert item is not None
    assert ProvenanceEdge("forwarded_from", "https://t.me/dimsmirnov175/44604",
                          post.forwarded_from) in item.edges
    assert item.claim.claimant == post.forwarded_from
    assert item.claim.extra["forwarded_from_url"] == "https://t.me/dimsmirnov175/44604"


def test_x_retweet_is_a_repost_edge_and_a_quote_is_a_quote_edge() -> None:
    data = json.loads(social("twitter", "twscrape_issue_42.json").read_text())
    retweet = parse_x_json(data)
    edges = edges_for_post(retweet)
    if retweet.extra.get("retweet_of"):
        assert edges and edges[0].kind == "reposted"
        assert edges[0].target_url.startswith("https://x.com/")
    quoting = Post(text="Look at this", platform="x", url="https://x.com/a/status/2",
                   quoted=Post(text="Original", platform="x", url="https://x.com/b/status/1",
                               author_handle="b"))
    assert edges_for_post(quoting) == [ProvenanceEdge("quoted", "https://x.com/b/status/1", "b")]
    reply = Post(text="Answer", platform="telegram", url="https://t.me/c/5",
                 quoted=Post(text="Question", platform="telegram", url="https://t.me/c/4"))
    assert edges_for_post(reply)[0].kind == "reply_to"


def test_long_article_gives_claim_bearing_passages_pointing_at_it() -> None:
    post = Post(text=ARTICLE, platform="article", url="https://news.example/a/1?utm_source=x",
                title="Drones over Belgorod", published_at=datetime(2024, 5, 1, 9, 30))
    item = item_from_post(post, Source(kind="site", name="News", id=2))
    assert item is not None
    assert item.claim.text == ARTICLE  # the article is kept whole
    assert item.claim.canonical_url == "https://news.example/a/1"
    texts = [p.text for p in item.passages]
    assert any("three drones were shot down near Belgorod" in t for t in texts)
    assert any("12 more drones" in t for t in texts)
    assert not any(t.startswith("It was a quiet morning") for t in texts)
    for number, passage in enumerate(item.passages, start=1):
        assert passage.extra["parent"] == item.claim.claim_id
        assert passage.claim_id == f"{item.claim.claim_id}#s{number}"
        assert passage.title == "Drones over Belgorod" and passage.url == post.url
        assert passage.published_at == "2024-05-01T09:30:00+00:00"
    assert item.claim.extra["passages"] == len(item.passages)


def test_short_texts_have_no_passages_and_sentences_split_in_cyrillic() -> None:
    assert claim_bearing_passages("Short news. Two sentences.") == []
    assert split_sentences("Первое предложение. «Второе» тоже здесь! Третье?") == [
        "Первое предложение.", "«Второе» тоже здесь!", "Третье?"]


def test_item_without_text_is_skipped_and_times_are_normalised() -> None:
    assert item_from_post(Post(text="  ", platform="telegram"), CHANNEL) is None
    kyiv = timezone(timedelta(hours=3))
    assert iso_utc(datetime(2024, 1, 1, 3, 0, tzinfo=kyiv)) == "2024-01-01T00:00:00+00:00"
    assert iso_utc(datetime(2024, 1, 1, 3, 0)) == "2024-01-01T03:00:00+00:00"
    assert iso_utc(datetime(2024, 1, 1, tzinfo=UTC).date()) == "2024-01-01"
