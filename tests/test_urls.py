"""Links as users send them: finding, normalising, canonicalising and classifying."""

from __future__ import annotations

import pytest

from bot.urls import canonical_url, find_urls, link_kind, normalize_url, strip_tracking


def test_find_urls_in_a_message() -> None:
    text = ("Look: https://example.org/a?b=1). And www.example.com/x, also t.me/rybar/123 "
            "and (https://en.wikipedia.org/wiki/Foo_(bar)) «https://x.com/a/status/1»")
    assert find_urls(text) == [
        "https://example.org/a?b=1",
        "https://www.example.com/x",
        "https://t.me/rybar/123",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://x.com/a/status/1",
    ]


def test_normalize_url() -> None:
    assert normalize_url("Example.COM/Path#frag") == "https://example.com/Path"
    assert normalize_url("HTTP://example.com:80/a?b=c") == "http://example.com/a?b=c"
    assert normalize_url("https://bücher.de") == "https://xn--bcher-kva.de/"


def test_strip_tracking_keeps_other_parameters_in_order() -> None:
    url = "https://news.example/a?id=7&utm_source=tg&fbclid=xyz&page=2&utm_medium=social"
    assert strip_tracking(url) == "https://news.example/a?id=7&page=2"


@pytest.mark.parametrize(
    ("url", "kind", "channel", "post_id"),
    [
        ("https://t.me/rybar/123", "telegram_post", "rybar", "123"),
        ("https://t.me/rybar/123?single", "telegram_post", "rybar", "123"),
        ("https://telegram.me/rybar/123", "telegram_post", "rybar", "123"),
        ("https://t.me/s/rybar/123", "telegram_post", "rybar", "123"),
        ("https://t.me/s/rybar", "telegram_channel", "rybar", None),
        ("https://t.me/rybar", "telegram_channel", "rybar", None),
        ("https://t.me/c/1234567/89", "telegram_private", None, None),
        ("https://t.me/+AbCdEf123", "telegram_private", None, None),
        ("https://t.me/joinchat/AbCdEf", "telegram_private", None, None),
        ("https://t.me/addstickers/pack", "web", None, None),
        ("https://x.com/SpaceX/status/1848831595014459513", "x_post", "SpaceX",
         "1848831595014459513"),
        ("https://x.com/SpaceX", "x_other", "SpaceX", None),
        ("https://www.bbc.com/news/world-1?at_medium=RSS", "web", None, None),
    ],
)
def test_link_kind(url: str, kind: str, channel: str | None, post_id: str | None) -> None:
    link = link_kind(url)
    assert (link.kind, link.channel, link.post_id) == (kind, channel, post_id)


def test_channel_pagination_cursor() -> None:
    link = link_kind("https://t.me/s/rybar?before=5000")
    assert link.before == "5000" and link.url == "https://t.me/s/rybar?before=5000"


def test_canonical_url() -> None:
    assert canonical_url("https://t.me/s/rybar/123?embed=1") == "https://t.me/rybar/123"
    assert canonical_url("https://twitter.com/Jack/status/20?s=20") == (
        "https://x.com/Jack/status/20")
    assert canonical_url("https://WWW.Example.org/a/?utm_campaign=x#top") == (
        "https://www.example.org/a/")
