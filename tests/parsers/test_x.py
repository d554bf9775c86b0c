"""X/Twitter: links, the syndication token, and the GraphQL / syndication / FxTwitter shapes."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest

from bot.fetch import FetchResult, HTTPStatusError
from bot.parsers import PostNotFound, UnsupportedLink, fetch_post, parse_file
from bot.parsers.x import (
    fxtwitter_url,
    parse_fxtwitter,
    parse_graphql,
    parse_syndication,
    parse_x_json,
    syndication_token,
    syndication_url,
)
from bot.urls import canonical_url, link_kind
from tests.fixtures_paths import shared_data

# Tokens computed by running react-tweet's expression in Node.js:
# ((Number(id) / 1e15) * Math.PI).toString(6 ** 2).replace(/(0+|\.)/g, "")
NODE_TOKENS = [
    ("20", "6dq1a2xwd93"),
    ("1841206275088290279", "4gobiuxs3yx"),
    ("1899954694652309701", "4lsvtaex6rs"),
    ("1665951747842641921", "41dqpc4jvi3"),
    ("1", "bhi2ay3f28n"),
    ("123", "138spvehogpo"),
    ("9007199254740993", "saoujnx4as"),
    ("1234567890123456789", "2zqic77uqyk"),
    ("1600000000000000000", "3vmjqiybmlu"),
    ("1999999999999999999", "4uj6o5owj98"),
    ("463208606784311296", "14f7nqcn2bk"),
    ("1355524280356892677", "3aai6mx75wb"),
]


@pytest.mark.parametrize(("post_id", "token"), NODE_TOKENS)
def test_syndication_token_matches_javascript(post_id: str, token: str) -> None:
    assert syndication_token(post_id) == token


def test_syndication_and_fxtwitter_urls() -> None:
    assert syndication_url("20") == (
        "https://cdn.syndication.twimg.com/tweet-result?id=20&lang=en&token=6dq1a2xwd93")
    assert fxtwitter_url("20", "jack") == "https://api.fxtwitter.com/jack/status/20"


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/jack/status/20",
        "https://twitter.com/jack/status/20?s=20&t=abc",
        "http://mobile.twitter.com/jack/status/20",
        "https://mobile.x.com/jack/status/20/photo/1",
        "https://fxtwitter.com/jack/status/20",
        "https://vxtwitter.com/jack/status/20",
        "https://fixupx.com/jack/status/20",
        "https://www.twitter.com/jack/statuses/20",
        "x.com/jack/status/20",
    ],
)
def test_x_links_all_mean_the_same_post(url: str) -> None:
    link = link_kind(url)
    assert (link.kind, link.channel, link.post_id) == ("x_post", "jack", "20")
    assert canonical_url(url) == "https://x.com/jack/status/20"


def test_web_status_link_without_a_handle() -> None:
    link = link_kind("https://x.com/i/web/status/1841206275088290279")
    assert (link.kind, link.channel, link.post_id) == ("x_post", None, "1841206275088290279")


def fixture(name: str) -> Any:
    return json.loads(shared_data("social", "twitter", name).read_bytes())


@pytest.mark.parametrize("endpoint", ["TweetResultByRestId", "TweetDetail"])
def test_first_tweet(endpoint: str) -> None:
    post = parse_graphql(fixture(f"fxembed_{endpoint}_20.json"), "20")
    assert post.text == "just setting up my twttr"
    assert post.author_name == "jack" and post.author_handle == "jack"
    assert post.published_at == datetime(2006, 3, 21, 20, 50, 14, tzinfo=timezone.utc)
    assert post.url == "https://x.com/jack/status/20"
    assert post.platform == "x"
    assert post.extra["post_id"] == "20"


@pytest.mark.parametrize("endpoint", ["TweetResultByRestId", "TweetDetail"])
def test_video_tweet_drops_the_media_link(endpoint: str) -> None:
    post = parse_x_json(fixture(f"fxembed_{endpoint}_1841206275088290279.json"))
    assert post.author_handle == "DivineDropbear"
    assert post.author_name == "Tranquility Found"
    assert post.published_at == datetime(2024, 10, 1, 19, 59, 18, tzinfo=timezone.utc)
    assert post.text.startswith("Sulphur-crested Cockatoo enjoying the warm Brisbane breeze...")
    assert "@fred_od_photo #birds" in post.text
    assert "t.co/" not in post.text
    assert post.media == ["video"]
    assert post.extra["views"] == 4186


@pytest.mark.parametrize("endpoint", ["TweetResultByRestId", "TweetDetail"])
def test_spacex_and_poll_tweets(endpoint: str) -> None:
    spacex = parse_x_json(fixture(f"fxembed_{endpoint}_1848831595014459513.json"))
    assert spacex.author_handle == "SpaceX"
    assert spacex.text.startswith("Flight 6 Super Heavy booster moved to the Starbase pad")
    assert spacex.published_at == datetime(2024, 10, 22, 20, 59, 36, tzinfo=timezone.utc)
    assert spacex.media == ["photo"]
    poll = parse_x_json(fixture(f"fxembed_{endpoint}_1899954694652309701.json"))
    assert poll.author_handle == "Vyseroy"
    assert poll.text.startswith("You can only pick ONE ship for the rest of your time")
    assert [c["label"] for c in poll.extra["poll"]["choices"]] == [
        "MISC Freelancer", "Anvil Carrack", "Drake Cutlass (Any?)", "Origin 600i"]
    assert [c["count"] for c in poll.extra["poll"]["choices"]] == [2, 6, 5, 9]
    assert "poll" in poll.media


def test_image_only_tweet_with_new_user_layout() -> None:
    post = parse_x_json(fixture("fxembed_TweetResultByRestId_1964084223871971826.json"))
    assert post.author_handle == "vo1twasdowned"
    assert post.author_name == "Volt"
    assert post.text == ""  # only a picture
    assert post.media == ["photo"]
    assert post.published_at == datetime(2025, 9, 5, 21, 52, 24, tzinfo=timezone.utc)


def test_retweet_names_the_original_author() -> None:
    post = parse_x_json(fixture("twscrape_issue_42.json"))
    assert post.url == "https://x.com/_AVICINTL/status/1665951747842641921"
    assert post.author_handle == "_AVICINTL"
    assert post.forwarded_from == "China Daily"
    assert post.forwarded_from_url == "https://x.com/ChinaDaily/status/1665863576060575744"
    assert post.text == ("Today marks the arrival of a traditional Chinese solar term called "
                         "mangzhong, or Grain in Ear, signifying a busy farming period.")
    assert post.extra["retweet_of"] == "1665863576060575744"


def test_conversation_picks_the_requested_post() -> None:
    data = fixture("twscrape_manual_tweet_with_video_1.json")
    focal = parse_graphql(data, "1671508600538161153")
    assert focal.author_handle == "TheFigen_"
    assert focal.text == "This is not science fiction.\nNightscape in Nanjing, China"
    assert focal.media == ["video"]
    reply = parse_graphql(data, "1671510449605558272")
    assert reply.author_handle == "TheFigen_"
    with pytest.raises(PostNotFound):
        parse_graphql(data, "1")
    details = parse_graphql(fixture("twscrape_raw_tweet_details.json"), "1649191520250245121")
    assert details.author_handle == "XDevelopers"
    assert details.text.startswith("Today, we are deprecating our Premium v1.1 API")
    assert details.published_at == datetime(2023, 4, 20, 23, 21, 13, tzinfo=timezone.utc)


def test_every_twitter_fixture_parses() -> None:
    for path in sorted(shared_data("social", "twitter").glob("*.json")):
        post = parse_file(path)
        assert not isinstance(post, list)
        assert post.platform == "x" and post.url and post.author_handle, path.name
        assert post.published_at is not None, path.name


# Small hand-written payloads for what the fixtures do not contain.

def graphql_tweet(rest_id: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "__typename": "Tweet",
        "rest_id": rest_id,
        "core": {"user_results": {"result": {"legacy": {"name": "Ann", "screen_name": "ann"}}}},
        "legacy": {"full_text": text, "created_at": "Mon Jan 01 10:00:00 +0000 2024",
                   "lang": "en", "entities": extra.pop("entities", {})},
        **extra,
    }


def test_long_post_quote_and_tco_expansion_in_graphql() -> None:
    quoted = graphql_tweet("2", "The original claim")
    long_text = "Long post. " * 40 + "Source: https://t.co/abc"
    tweet = graphql_tweet(
        "1",
        "Long post. Long post… https://t.co/abc https://t.co/quote",
        note_tweet={"note_tweet_results": {"result": {
            "text": long_text,
            "entity_set": {"urls": [{"url": "https://t.co/abc",
                                     "expanded_url": "https://example.org/report"}]}}}},
        quoted_status_result={"result": quoted},
    )
    post = parse_graphql({"data": {"tweetResult": {"result": tweet}}}, "1")
    assert post.text.startswith("Long post. Long post. Long post.")
    assert post.text.endswith("Source: https://example.org/report")
    assert post.links == ["https://example.org/report"]
    assert post.quoted is not None and post.quoted.text == "The original claim"
    assert post.quoted.url == "https://x.com/ann/status/2"


def test_graphql_tombstone_and_visibility_wrapper() -> None:
    wrapped = {"__typename": "TweetWithVisibilityResults", "tweet": graphql_tweet("5", "hi")}
    assert parse_graphql({"tweet_results": {"result": wrapped}}).text == "hi"
    tombstone = {"__typename": "TweetTombstone",
                 "tombstone": {"text": {"text": "This Post was deleted by the Post author."}}}
    with pytest.raises(PostNotFound, match="deleted by the Post author"):
        parse_graphql({"tweet_results": {"result": tombstone}})


def syndication_payload() -> dict[str, Any]:
    return {
        "__typename": "Tweet",
        "id_str": "1700000000000000000",
        "text": "Breaking &amp; developing: https://t.co/x1 https://t.co/pic",
        "display_text_range": [0, 38],
        "created_at": "2023-09-08T07:00:00.000Z",
        "lang": "en",
        "user": {"name": "News Desk", "screen_name": "newsdesk"},
        "entities": {"urls": [{"url": "https://t.co/x1", "expanded_url": "https://ex.org/a"}],
                     "media": [{"url": "https://t.co/pic"}]},
        "mediaDetails": [{"type": "photo"}],
        "quoted_tweet": {"__typename": "Tweet", "id_str": "1600000000000000000",
                         "text": "Earlier report", "created_at": "2022-09-01T00:00:00.000Z",
                         "user": {"name": "Wire", "screen_name": "wire"}},
    }


def test_syndication_shape() -> None:
    post = parse_syndication(syndication_payload())
    assert post.text == "Breaking & developing: https://ex.org/a"
    assert post.links == ["https://ex.org/a"]
    assert post.author_handle == "newsdesk" and post.author_name == "News Desk"
    assert post.published_at == datetime(2023, 9, 8, 7, 0, tzinfo=timezone.utc)
    assert post.media == ["photo"]
    assert post.quoted is not None and post.quoted.author_handle == "wire"
    assert parse_x_json(json.dumps(syndication_payload())).url == post.url
    with pytest.raises(PostNotFound):
        parse_syndication({})


def test_fxtwitter_shape() -> None:
    data = {"code": 200, "message": "OK", "tweet": {
        "id": "20", "text": "just setting up my twttr", "lang": "en",
        "created_at": "Tue Mar 21 20:50:14 +0000 2006",
        "author": {"name": "jack", "screen_name": "jack"},
        "media": {"all": [{"type": "gif"}]},
        "quote": {"id": "19", "text": "quoted", "author": {"name": "B", "screen_name": "b"},
                  "created_timestamp": 1142974200}}}
    post = parse_fxtwitter(data)
    assert post.text == "just setting up my twttr"
    assert post.published_at == datetime(2006, 3, 21, 20, 50, 14, tzinfo=timezone.utc)
    assert post.media == ["gif"]
    assert post.quoted is not None and post.quoted.url == "https://x.com/b/status/19"
    with pytest.raises(PostNotFound, match="private"):
        parse_fxtwitter({"code": 401, "message": "PRIVATE_TWEET"})


class FakeFetcher:
    def __init__(self, answers: dict[str, bytes | int]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def fetch(self, url: str, **_: object) -> FetchResult:
        self.asked.append(url)
        answer = self.answers.get(url, 404)
        if isinstance(answer, int):
            raise HTTPStatusError(f"The server answered {answer} for {url}", url, status=answer)
        return FetchResult(url, url, 200, {}, answer, "application/json")


async def test_fetch_post_uses_syndication_then_fxtwitter() -> None:
    fx = json.dumps({"code": 200, "tweet": {"id": "20", "text": "just setting up my twttr",
                                            "author": {"name": "jack", "screen_name": "jack"},
                                            "created_at": "Tue Mar 21 20:50:14 +0000 2006"}})
    fetcher = FakeFetcher({fxtwitter_url("20", "jack"): fx.encode()})
    post = await fetch_post("https://twitter.com/jack/status/20?s=46", fetcher)  # type: ignore[arg-type]
    assert post.text == "just setting up my twttr"
    assert fetcher.asked == [syndication_url("20"), fxtwitter_url("20", "jack")]
    direct = FakeFetcher({syndication_url("1700000000000000000"):
                          json.dumps(syndication_payload()).encode()})
    post = await fetch_post("https://x.com/newsdesk/status/1700000000000000000", direct)  # type: ignore[arg-type]
    assert post.author_name == "News Desk" and len(direct.asked) == 1


async def test_deleted_x_post_and_profile_links_are_explained() -> None:
    with pytest.raises(PostNotFound, match="does not exist or is not public"):
        await fetch_post("https://x.com/jack/status/21", FakeFetcher({}))  # type: ignore[arg-type]
    with pytest.raises(UnsupportedLink, match="not a post"):
        await fetch_post("https://x.com/jack", FakeFetcher({}))  # type: ignore[arg-type]
