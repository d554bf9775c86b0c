"""Ingest rounds against local servers: feeds, channels, conditional requests, back-off,
a hanging source, garbage, robots.txt, sites and fact-checkers."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import Source
from storage import Store
from storage.ingest import get_state

from .conftest import MakeIngestor
from .helpers import (
    RSS_TYPE,
    FakeClock,
    FeedItem,
    Route,
    TgPost,
    rss_feed,
    serve,
    social,
    telegram_page,
)


def add(store: Store, kind: str, url: str, name: str, every: int = 30) -> Source:
    source = Source(kind=kind, name=name, url=url, every_minutes=every)
    source.id = store.add_source(source)
    return source


def claim_ids(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT ext_id FROM claims ORDER BY id")]


async def test_feed_is_stored_then_fetched_conditionally(
        store: Store, make_ingestor: MakeIngestor, clock: FakeClock) -> None:
    expected = json.loads(social("rss", "guardian.expected.json").read_text())["feed"]["items"]
    routes = {
        "/guardian.rss": Route(social("rss", "guardian.rss").read_bytes(), RSS_TYPE,
                               etag='"v1"'),
        "/heise.atom": Route(social("rss", "heise.atom").read_bytes(), "application/atom+xml",
                             last_modified="Mon, 01 Feb 2016 16:30:00 GMT"),
        "/npr.json": Route(social("rss", "npr_technology.jsonfeed.json").read_bytes(),
                           "application/feed+json"),
    }
    with serve(routes) as site:
        guardian = add(store, "feed", site.url("/guardian.rss"), "The Guardian")
        heise = add(store, "feed", site.url("/heise.atom"), "heise")
        add(store, "feed", site.url("/npr.json"), "NPR")
        ingestor = make_ingestor(site)

        first = await ingestor.run_once()
        assert {o.status for o in first.outcomes} == {"ok"}
        by_name = {o.source.name: o.items for o in first.outcomes}
        assert by_name["The Guardian"] == len(expected) == 55
        assert by_name["heise"] == 15 and by_name["NPR"] > 0
        stored = store.count_claims()
        assert stored == first.items + first.passages
        assert store.db.execute("SELECT COUNT(*) FROM claims_fts").fetchone()[0] == stored
        links = {r[0] for r in store.db.execute(
            "SELECT url FROM claims WHERE source_id = ? AND ext_id NOT LIKE '%#s%'",
            [guardian.id])}
        assert links == {item["link"] for item in expected}
        state = get_state(store, guardian.id or 0)
        assert state.etag == '"v1"' and state.items == 55 and state.failures == 0
        assert state.next_due == clock.now + 30 * 60

        assert (await ingestor.run_once()).outcomes == []  # nothing is due yet
        clock.advance(31 * 60)
        second = await ingestor.run_once()
        assert {o.status for o in second.outcomes} == {"not_modified", "ok"}
        assert site.hits("/guardian.rss")[-1].headers["if-none-match"] == '"v1"'
        assert site.hits("/guardian.rss")[-1].status == 304
        assert site.hits("/heise.atom")[-1].headers["if-modified-since"] == \
            "Mon, 01 Feb 2016 16:30:00 GMT"
        assert second.items == 0 and store.count_claims() == stored  # npr: 200, all known

        items = [FeedItem(f"g{i}", f"https://wire.example/{i}", f"Headline {i}",
                          f"Text of item number {i} about the front line.",
                          datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i))
                 for i in range(3)]
        site.routes["/guardian.rss"] = Route(rss_feed("Changed", "https://wire.example/", items),
                                             RSS_TYPE, etag='"v2"')
        third = await ingestor.run_once(source_ids=[guardian.id or 0], force=True)
        assert third.items == 3 and get_state(store, guardian.id or 0).etag == '"v2"'
        assert get_state(store, guardian.id or 0).items == 58
        assert get_state(store, heise.id or 0).last_items == 0


async def test_telegram_channel_preview_is_ingested(
        store: Store, make_ingestor: MakeIngestor) -> None:
    routes = {"/s/topwar_official": Route(social("telegram", "full.html").read_bytes())}
    with serve(routes) as site:
        add(store, "telegram", site.url("/s/topwar_official"), "Военное обозрение")
        summary = await make_ingestor(site).run_once()
    assert summary.outcomes[0].status == "ok" and summary.items > 0
    ids = claim_ids(store)
    assert all(i.startswith("telegram:https://t.me/topwar_official/") for i in ids)
    published = [r[0] for r in store.db.execute("SELECT published_at FROM claims")]
    assert all(p.startswith("2023-02-28T") for p in published)


async def test_errors_back_off_exponentially_and_recover(
        store: Store, make_ingestor: MakeIngestor, clock: FakeClock) -> None:
    with serve({"/feed": Route(b"oops", "text/plain", status=503)}) as site:
        source = add(store, "feed", site.url("/feed"), "Flaky", every=10)
        ingestor = make_ingestor(site)
        outcome = (await ingestor.run_once()).outcomes[0]
        assert outcome.status == "error" and "503" in (outcome.error or "")
        state = get_state(store, source.id or 0)
        assert state.failures == 1 and state.next_due == clock.now + 2 * 600
        assert "503" in (state.last_error or "") and state.last_success is None

        clock.advance(601)
        assert (await ingestor.run_once()).outcomes == []  # still backing off
        clock.advance(600)
        await ingestor.run_once()
        state = get_state(store, source.id or 0)
        assert state.failures == 2 and state.next_due == clock.now + 4 * 600
        assert len(site.hits("/feed")) == 2

        item = FeedItem("1", "https://x.example/1", "Back", "Working again, officials said.",
                        datetime(2024, 1, 1, tzinfo=UTC))
        site.routes["/feed"] = Route(rss_feed("Flaky", "https://x.example/", [item]), RSS_TYPE)
        clock.advance(4 * 600)
        assert (await ingestor.run_once()).items == 1
        state = get_state(store, source.id or 0)
        assert state.failures == 0 and state.last_error is None and state.last_success
        assert state.next_due == clock.now + 600


async def test_hanging_and_garbage_sources_do_not_stop_the_others(
        store: Store, make_ingestor: MakeIngestor) -> None:
    good = rss_feed("Good", "https://good.example/", [
        FeedItem("1", "https://good.example/1", "One", "Text one, the governor said.",
                 datetime(2024, 1, 1, tzinfo=UTC))])
    routes = {
        "/hang": Route(hang=True),
        "/garbage": Route(bytes(range(256)) * 20, "application/rss+xml", etag='"bad"'),
        "/not-a-feed": Route(b"<html><body>Hello</body></html>"),
        "/good": Route(good, RSS_TYPE),
        "/s/nochannel": Route(b"<html><body><p>This channel is private</p></body></html>"),
    }
    with serve(routes) as site:
        for path in routes:
            add(store, "telegram" if path.startswith("/s/") else "feed", site.url(path), path)
        summary = await make_ingestor(site, request_timeout=1.0, source_timeout=2.0).run_once()
    outcomes = {o.source.name: o for o in summary.outcomes}
    assert len(outcomes) == 5
    assert outcomes["/good"].status == "ok" and outcomes["/good"].items == 1
    for name in ("/hang", "/garbage", "/not-a-feed", "/s/nochannel"):
        assert outcomes[name].status == "error", name
        assert get_state(store, outcomes[name].source.id or 0).failures == 1
    assert "answer" in (outcomes["/hang"].error or "") or "timed out" in (
        outcomes["/hang"].error or "")
    assert store.count_claims() == 1
    # the validators of a response that could not be read are not kept: next time, a full GET
    assert get_state(store, outcomes["/garbage"].source.id or 0).etag is None


async def test_a_failed_store_keeps_the_old_state_and_the_others_go_on(
        store: Store, make_ingestor: MakeIngestor, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.ingest.run as run

    original = run.store_source_items

    def locked(target: Store, items: list, state: object, *, now: float) -> object:
        if any("one.example" in (i.claim.url or "") for i in items):
            raise sqlite3.OperationalError("database is locked")
        return original(target, items, state, now=now)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "store_source_items", locked)
    routes = {f"/{name}": Route(rss_feed(name, f"https://{name}.example/", [
        FeedItem("1", f"https://{name}.example/1", "One", f"Text from {name}, officials said.",
                 datetime(2024, 1, 1, tzinfo=UTC))]), RSS_TYPE, etag='"e"')
        for name in ("one", "two")}
    with serve(routes) as site:
        one = add(store, "feed", site.url("/one"), "one")
        add(store, "feed", site.url("/two"), "two")
        summary = await make_ingestor(site).run_once()
    outcomes = {o.source.name: o for o in summary.outcomes}
    assert outcomes["two"].status == "ok" and outcomes["two"].items == 1
    assert outcomes["one"].status == "error" and "locked" in (outcomes["one"].error or "")
    state = get_state(store, one.id or 0)
    assert state.etag is None and state.failures == 1 and state.items == 0


async def test_robots_txt_is_honoured(store: Store, make_ingestor: MakeIngestor) -> None:
    feed = rss_feed("Feed", "https://x.example/", [
        FeedItem("1", "https://x.example/1", "One", "Text.", datetime(2024, 1, 1, tzinfo=UTC))])
    routes = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n",
                             "text/plain"),
        "/private/feed": Route(feed, RSS_TYPE),
        "/public/feed": Route(feed, RSS_TYPE),
    }
    with serve(routes) as site:
        blocked = add(store, "feed", site.url("/private/feed"), "Blocked")
        add(store, "feed", site.url("/public/feed"), "Open")
        ingestor = make_ingestor(site)
        summary = await ingestor.run_once()
        outcomes = {o.source.name: o for o in summary.outcomes}
        assert outcomes["Open"].status == "ok"
        assert outcomes["Blocked"].status == "error"
        assert "robots.txt" in (outcomes["Blocked"].error or "")
        assert site.hits("/private/feed") == []
        assert len(site.hits("/robots.txt")) == 1  # cached per host
        assert ingestor.gate.delay_for(site.url("/")) == 1.0
        assert get_state(store, blocked.id or 0).failures == 1


ARTICLE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "2024-04-0{day}T08:00:00+00:00"}}</script>
</head><body><article><h1>{title}</h1>
<p>The regional governor said on Tuesday that three drones were shot down near Belgorod and
that nobody was hurt, according to the emergency services in the region.</p>
<p>Officials in Kyiv declined to comment on the report when asked by journalists.</p>
<p>The ministry of defence claimed 12 more drones were intercepted over Kursk overnight.</p>
<p>Residents posted videos of the interceptions on social media during the night.</p>
<p>Local schools will open as usual, the mayor added in a statement on Wednesday.</p>
<p>Power was restored to the affected districts by noon, the local utility reported, and
trains between {title} stations ran on time.</p>
</article></body></html>"""

FRONT_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Example News</title>{link}</head>
<body><a href="/about">About</a><a href="/tag/war">War</a>
<a href="/news/2024/04/drones-over-belgorod">Drones</a>
<a href="/news/2024/04/kursk-night">Kursk</a><a href="https://elsewhere.example/news/1/2">x</a>
</body></html>"""

REVIEW_PAGE = """<!DOCTYPE html><html><head><title>Fact check</title>
<script type="application/ld+json">[{{"@context": "https://schema.org", "@type": "ClaimReview",
 "url": "{url}", "claimReviewed": "Ukraine has banned the Russian language in all schools",
 "datePublished": "2024-02-03",
 "author": {{"@type": "Organization", "name": "Example Check"}},
 "itemReviewed": {{"@type": "Claim", "author": {{"@type": "Person", "name": "A. Blogger"}},
   "datePublished": "2024-02-01"}},
 "reviewRating": {{"@type": "Rating", "ratingValue": 1, "bestRating": 5,
   "alternateName": "False"}}}}]</script></head><body><p>Our verdict.</p></body></html>"""


async def test_site_without_feed_is_read_from_its_front_page_articles(
        store: Store, make_ingestor: MakeIngestor) -> None:
    routes = {
        "/": Route(FRONT_PAGE.format(link="").encode()),
        "/news/2024/04/drones-over-belgorod": Route(
            ARTICLE_PAGE.format(title="Drones over Belgorod", day=1).encode()),
        "/news/2024/04/kursk-night": Route(
            ARTICLE_PAGE.format(title="A night over Kursk", day=2).encode()),
    }
    with serve(routes) as site:
        source = add(store, "site", site.url("/"), "Example News")
        summary = await make_ingestor(site).run_once()
        assert summary.outcomes[0].status == "ok", summary.outcomes[0].error
        assert summary.items == 2 and summary.passages >= 4
        assert site.hits("/about") == [] and site.hits("/tag/war") == []
        rows = store.db.execute(
            "SELECT ext_id, title, url, extra FROM claims ORDER BY id").fetchall()
        articles = [r for r in rows if "parent" not in json.loads(r[3])]
        assert {r[1] for r in articles} == {"Drones over Belgorod", "A night over Kursk"}
        passages = [r for r in rows if "parent" in json.loads(r[3])]
        assert all(r[2] in {site.url("/news/2024/04/drones-over-belgorod"),
                            site.url("/news/2024/04/kursk-night")} for r in passages)
        again = await make_ingestor(site).run_once(source_ids=[source.id or 0], force=True)
        assert again.items == 0
        assert len(site.hits("/news/2024/04/kursk-night")) == 1  # known pages are not refetched


async def test_site_feed_is_discovered_from_link_alternate(
        store: Store, make_ingestor: MakeIngestor) -> None:
    feed = rss_feed("Example", "https://x.example/", [
        FeedItem("1", "https://x.example/1", "One", "Text one, the mayor said.",
                 datetime(2024, 1, 1, tzinfo=UTC))])
    link = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    routes = {"/": Route(FRONT_PAGE.format(link=link).encode()),
              "/feed.xml": Route(feed, RSS_TYPE, etag='"f1"')}
    with serve(routes) as site:
        source = add(store, "site", site.url("/"), "Example")
        summary = await make_ingestor(site).run_once()
        assert summary.items == 1
        state = get_state(store, source.id or 0)
        assert state.feed_url == site.url("/feed.xml") and state.etag == '"f1"'
        assert site.hits("/news/2024/04/kursk-night") == []


async def test_fact_checker_claim_reviews_become_claims_with_claimant_and_rating(
        store: Store, make_ingestor: MakeIngestor) -> None:
    with serve() as site:
        review_url = site.url("/checks/2024/language-ban")
        feed = rss_feed("Example Check", site.url("/"), [
            FeedItem("1", review_url, "No, Ukraine did not ban Russian in schools",
                     "Our fact check.", datetime(2024, 2, 3, tzinfo=UTC))])
        site.routes.update({"/feed": Route(feed, RSS_TYPE),
                            "/checks/2024/language-ban": Route(
                                REVIEW_PAGE.format(url=review_url).encode())})
        add(store, "factcheck", site.url("/feed"), "Example Check")
        summary = await make_ingestor(site).run_once()
    assert summary.outcomes[0].status == "ok" and summary.items == 1
    (claim,) = list(store.iter_claims())
    assert claim.text == "Ukraine has banned the Russian language in all schools"
    assert claim.claimant == "A. Blogger"
    assert claim.extra["rating"] == "False" and claim.extra["reviewer"] == "Example Check"
    assert claim.url == review_url and claim.source == "Example Check"
    assert claim.published_at and claim.published_at.startswith("2024-02-03")


async def test_busy_channel_pages_are_followed_back(
        store: Store, make_ingestor: MakeIngestor, clock: FakeClock) -> None:
    start = datetime(2024, 3, 1, tzinfo=UTC)

    def posts(ids: range) -> list[TgPost]:
        return [TgPost("chan", i, start + timedelta(minutes=i),
                       f"Update number {i} from the front, the spokesman said.") for i in ids]

    with serve({"/s/chan": Route(telegram_page("chan", "Chan", posts(range(1, 4))))}) as site:
        add(store, "telegram", site.url("/s/chan"), "Chan")
        ingestor = make_ingestor(site)
        assert (await ingestor.run_once()).items == 3
        newest = telegram_page("chan", "Chan", posts(range(8, 11))).replace(
            b"</section>", b'</section><a class="tme_messages_more" data-before="8"></a>')
        site.routes["/s/chan"] = Route(newest)
        site.routes["/s/chan?before=8"] = Route(telegram_page("chan", "Chan", posts(range(3, 8))))
        clock.advance(3600)
        assert (await ingestor.run_once()).items == 7  # 4..10; 3 was known
    assert len(claim_ids(store)) == 10


async def test_pages_left_over_by_max_pages_are_read_next_round(
        store: Store, make_ingestor: MakeIngestor, clock: FakeClock) -> None:
    routes = {
        "/": Route(FRONT_PAGE.format(link="").encode(), etag='"front"'),
        "/news/2024/04/drones-over-belgorod": Route(
            ARTICLE_PAGE.format(title="Drones over Belgorod", day=1).encode()),
        "/news/2024/04/kursk-night": Route(
            ARTICLE_PAGE.format(title="A night over Kursk", day=2).encode()),
    }
    with serve(routes) as site:
        source = add(store, "site", site.url("/"), "Example News")
        ingestor = make_ingestor(site, max_pages=1)
        assert (await ingestor.run_once()).items == 1
        assert get_state(store, source.id or 0).etag is None  # the front page must be re-read
        clock.advance(3600)
        assert (await ingestor.run_once()).items == 1
        assert get_state(store, source.id or 0).etag == '"front"'
        clock.advance(3600)
        assert (await ingestor.run_once()).outcomes[0].status == "not_modified"
    assert "if-none-match" not in site.hits("/")[1].headers
    assert site.hits("/")[2].headers["if-none-match"] == '"front"'
