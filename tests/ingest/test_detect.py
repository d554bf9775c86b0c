"""Kind detection from URL and content, feed discovery, front-page article links, ClaimReview."""

from __future__ import annotations

import pytest

from bot.ingest.detect import article_links, detect_source, discover_feed_links
from bot.ingest.factcheck import claim_reviews, has_claim_review
from bot.parsers.errors import ParseError

from .helpers import social

FRONT = b"""<html lang="uk"><head><title>Novyny</title>
<meta property="og:site_name" content="Novyny Daily">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="stylesheet" href="/s.css"></head><body>
<a href="/news/2024/05/01/drones">1</a> <a href="/news/2024/05/01/drones#comments">1 again</a>
<a href="/tag/war">tag</a> <a href="/about">about</a>
<a href="/kyiv-shelling-overnight-report">2</a>
<a href="https://other.example/news/1/2">elsewhere</a> <a href="/photo/123/x">photos</a>
<a href="/img/2024/pic.jpg">pic</a> <a href="/news/2024/05/02/rain?utm_source=home">3</a>
</body></html>"""

REVIEW = b"""<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "name": "page"},
 {"@type": ["ClaimReview"], "url": "https://check.example/r/1",
  "claimReviewed": "  Kyiv  was captured in three days ",
  "datePublished": "2022-03-10T12:00:00+02:00",
  "author": {"@type": "Organization", "name": "Check"},
  "inLanguage": {"@type": "Language", "name": "English", "alternateName": "en"},
  "itemReviewed": {"@type": "Claim", "author": [{"@type": "Person", "name": "TV host"}],
                   "appearance": [{"url": "https://tv.example/clip"}]},
  "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "5"}},]}
</script></head><body></body></html>"""


def fake_fetch(pages: dict[str, tuple[bytes, str]]):  # type: ignore[no-untyped-def]
    async def fetch(url: str) -> tuple[bytes, str, str]:
        if url not in pages:
            raise ParseError(f"no page {url}")
        body, kind = pages[url]
        return body, kind, url

    return fetch


@pytest.mark.parametrize(("name", "kind", "title"), [
    ("guardian.rss", "application/rss+xml", "The Guardian"),
    ("heise.atom", "application/atom+xml", "heise developer neueste Meldungen"),
    ("rss-1.rss", "text/xml", "Science twis"),
    ("npr_technology.jsonfeed.json", "application/json", "Technology"),
])
async def test_feeds_are_detected_by_content(name: str, kind: str, title: str) -> None:
    url = f"https://feeds.example/{name}"
    found = await detect_source(url, fake_fetch({url: (social("rss", name).read_bytes(), kind)}))
    assert (found.kind, found.url, found.name) == ("feed", url, title)


async def test_telegram_channels_are_detected_from_the_url_or_the_page() -> None:
    found = await detect_source("https://t.me/topwar_official", fake_fetch({}))
    assert (found.kind, found.url, found.handle) == (
        "telegram", "https://t.me/s/topwar_official", "topwar_official")
    page = social("telegram", "full.html").read_bytes()
    mirror = "https://mirror.example/s/topwar_official"
    found = await detect_source(mirror, fake_fetch({mirror: (page, "text/html")}))
    assert (found.kind, found.url, found.handle) == ("telegram", mirror, "topwar_official")
    assert found.name and "Военное обозрение" in found.name


async def test_sites_fact_checkers_and_garbage() -> None:
    site = await detect_source("https://novyny.example/",
                               fake_fetch({"https://novyny.example/": (FRONT, "text/html")}))
    assert (site.kind, site.name, site.language, site.feed_url) == (
        "site", "Novyny Daily", "uk", "https://novyny.example/rss.xml")
    pages = {"https://check.example/": (FRONT.replace(b"/rss.xml", b"/feed/"), "text/html"),
             "https://check.example/news/2024/05/01/drones": (REVIEW, "text/html")}
    checker = await detect_source("https://check.example/", fake_fetch(pages))
    assert checker.kind == "factcheck" and checker.feed_url == "https://check.example/feed/"
    with pytest.raises(ParseError):
        await detect_source("https://x.example/b", fake_fetch(
            {"https://x.example/b": (b"\x00\x01\x02 binary", "application/octet-stream")}))


def test_feed_discovery_and_article_links() -> None:
    assert discover_feed_links(FRONT, "https://novyny.example/") == [
        "https://novyny.example/rss.xml"]
    assert article_links(FRONT, "https://novyny.example/") == [
        "https://novyny.example/news/2024/05/01/drones",
        "https://novyny.example/kyiv-shelling-overnight-report",
        "https://novyny.example/news/2024/05/02/rain",
    ]


def test_claim_review_json_ld_gives_claim_claimant_and_rating() -> None:
    assert has_claim_review(REVIEW) and not has_claim_review(FRONT)
    (post,) = claim_reviews(REVIEW, "https://check.example/page")
    assert post.text == "Kyiv was captured in three days"
    assert post.author_name == "TV host"
    assert post.url == "https://check.example/r/1" and post.language == "en"
    assert post.extra == {"rating": "1/5", "review_url": "https://check.example/r/1",
                          "reviewer": "Check", "reviewed_url": "https://tv.example/clip"}
    assert post.published_at is not None and post.published_at.isoformat().startswith(
        "2022-03-10T12:00:00")
