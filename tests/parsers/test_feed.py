"""RSS, Atom, RDF and JSON feeds, checked item by item against rss-parser's expected output."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import pytest

from bot.parsers import parse_file
from bot.parsers.feed import looks_like_feed, parse_feed, parse_feed_date, parse_json_feed
from tests.fixtures_paths import shared_data

FEEDS = [("guardian", "rss", "rss"), ("heise", "atom", "atom"),
         ("uolNoticias", "rss", "rss"), ("rss-1", "rss", "rdf")]


def expected(name: str) -> dict[str, Any]:
    return json.loads(shared_data("social", "rss", f"{name}.expected.json").read_text("utf-8"))


def same_text(ours: str | None, theirs: str | None) -> bool:
    """Equal after whitespace squashing; U+FFFD in rss-parser's output (it decoded Latin-1 as
    UTF-8) stands for any one character."""
    ours_s = re.sub(r"\s+", " ", ours or "").strip()
    theirs_s = re.sub(r"\s+", " ", theirs or "").strip()
    pattern = "".join("." if ch == "\ufffd" else re.escape(ch) for ch in theirs_s)
    return re.fullmatch(pattern, ours_s) is not None


@pytest.mark.parametrize(("name", "ext", "kind"), FEEDS, ids=[f[0] for f in FEEDS])
def test_feed_items_match_the_expected_output(name: str, ext: str, kind: str) -> None:
    feed = parse_feed(shared_data("social", "rss", f"{name}.{ext}").read_bytes())
    want = expected(name)["feed"]
    assert feed.kind == kind
    assert same_text(feed.title, want["title"])
    assert len(feed.items) == len(want["items"])
    for post, item in zip(feed.items, want["items"], strict=True):
        assert post.platform == "feed"
        assert post.url == item["link"]
        assert same_text(post.title, item.get("title")), (post.title, item.get("title"))
        if item.get("isoDate"):
            assert post.published_at is not None
            iso = datetime.fromisoformat(item["isoDate"].replace("Z", "+00:00"))
            assert post.published_at == iso
        if item.get("creator"):
            assert post.author_name == item["creator"]
        snippet = item.get("contentSnippet")
        if snippet and "\ufffd" not in snippet:
            # the item text contains the plain-text content rss-parser extracted
            first_words = " ".join(snippet.split()[:8])
            assert first_words in " ".join(post.text.split()), post.url


def test_portuguese_dates_without_iso_form_are_read() -> None:
    feed = parse_feed(shared_data("social", "rss", "uolNoticias.rss").read_bytes())
    want = expected("uolNoticias")["feed"]["items"]
    assert want[0]["pubDate"] == "Seg, 24 Set 2018 19:42:40 -0300"
    assert feed.items[0].published_at == datetime.fromisoformat("2018-09-24T19:42:40-03:00")
    assert all(p.published_at is not None for p in feed.items)
    assert "simulações de 2º turno" in (feed.items[0].title or "")  # Latin-1 bytes decoded


def test_guardian_items_carry_categories_and_media() -> None:
    feed = parse_feed(shared_data("social", "rss", "guardian.rss").read_bytes())
    first = feed.items[0]
    assert first.author_name == "David Smith in Washington"
    assert first.extra["categories"][0] == "Donald Trump"
    assert "photo" in first.media
    assert first.language == "en"
    assert first.text.startswith("The president’s ‘new American moment’ speech")


def test_json_feed() -> None:
    feed = parse_feed(shared_data("social", "rss", "npr_technology.jsonfeed.json").read_bytes())
    assert feed.kind == "json" and feed.title == "Technology"
    assert len(feed.items) == 25
    first = feed.items[0]
    assert first.title == "Keller Rinaudo: How can delivery drones save lives?"
    assert first.url is not None and first.url.startswith("https://www.npr.org/2021/10/29/1050315385/")
    assert first.canonical_url == ("https://www.npr.org/2021/10/29/1050315385/"
                                   "keller-rinaudo-how-can-delivery-drones-save-lives")
    assert first.published_at == datetime.fromisoformat("2021-10-29T10:26:00-04:00")
    assert first.text.startswith("In rural areas, basic health care can be out of reach.")
    assert first.author_name == "Manoush Zomorodi"


def test_every_feed_fixture_parses() -> None:
    for path in sorted(shared_data("social", "rss").iterdir()):
        if path.name.endswith(".expected.json"):
            continue
        posts = parse_file(path)
        assert isinstance(posts, list) and posts, path.name
        assert all(p.url and p.title for p in posts), path.name


def test_feeds_are_parsed_from_bytes_only() -> None:
    with pytest.raises(TypeError, match="never a URL"):
        parse_feed("https://example.org/feed.xml")  # type: ignore[arg-type]


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    assert looks_like_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    assert not looks_like_feed(b"<!DOCTYPE html><html><head>")


def test_small_json_feed_and_dates() -> None:
    feed = parse_json_feed(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": 1, "url": "https://ex.org/a?utm_source=x", "title": "A",
                   "content_text": "Plain text", "date_published": "2024-01-02T03:04:05Z",
                   "authors": [{"name": "Ann"}]}]}))
    (item,) = feed.items
    assert item.text == "Plain text" and item.author_name == "Ann"
    assert item.canonical_url == "https://ex.org/a"
    assert item.published_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert parse_feed_date("Wed, 31 Jan 2018 20:15:15 GMT") == datetime(
        2018, 1, 31, 20, 15, 15, tzinfo=timezone.utc)
    assert parse_feed_date("Di, 04 Dez 2018 10:00:00 +0100") == datetime.fromisoformat(
        "2018-12-04T10:00:00+01:00")
    assert parse_feed_date("not a date") is None


def test_json_feed_with_escaped_slashes_is_recognised() -> None:
    from bot.parsers.feed import looks_like_feed

    data = b'{"version": "https:\\/\\/jsonfeed.org\\/version\\/1.1", "items": []}'
    assert looks_like_feed(data)
    assert not looks_like_feed(b'{"version": "1.0", "items": []}')
