"""Telegram web preview pages and message blocks (fixtures in ../shared/data/social/telegram)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from bot.domain import Post
from bot.fetch import FetchResult, HTTPStatusError
from bot.parsers import PostNotFound, UnsupportedLink, fetch_post, parse_file
from bot.parsers.telegram import (
    embed_url,
    parse_channel_page,
    parse_link_preview,
    parse_message,
    parse_poll,
    parse_post_page,
    parse_views,
    preview_url,
)
from tests.fixtures_paths import shared_data


def fixture(name: str) -> Path:
    return shared_data("social", "telegram", name)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def one_post(name: str) -> Post:
    (post,) = parse_channel_page(fixture(name).read_bytes()).posts
    return post


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def test_full_channel_page_gives_all_twelve_posts_in_order() -> None:
    page = parse_channel_page(fixture("full.html").read_bytes(), "https://t.me/s/topwar_official")
    ids = [p.extra["post_id"] for p in page.posts]
    assert ids == ["70989", "70990", "70992", "70995", "70996", "70997", "70998", "70999",
                   "71000", "71006", "71007", "71008"]
    assert page.channel == "topwar_official"
    assert page.title == "Военное обозрение"
    assert page.before == "70989"  # the cursor for older posts
    assert preview_url(page.channel, page.before) == "https://t.me/s/topwar_official?before=70989"
    first, last = page.posts[0], page.posts[-1]
    assert first.url == first.canonical_url == "https://t.me/topwar_official/70989"
    assert first.platform == "telegram"
    assert first.author_name == "Военное обозрение"
    assert first.author_handle == "topwar_official"
    assert first.published_at == utc(2023, 2, 28, 7, 47, 53)
    assert last.published_at == utc(2023, 2, 28, 13, 14, 3)
    assert first.text.startswith("В Санкт-Петербурге в небо над городом подняли истребители")
    assert first.extra["views"] == 37200
    assert first.media == ["photo"]
    assert all(p.published_at is not None and p.text for p in page.posts)


def test_forwarded_posts_on_the_channel_page_name_their_origin() -> None:
    page = parse_channel_page(fixture("full.html").read_bytes())
    posts = {p.extra["post_id"]: p for p in page.posts}
    assert posts["71007"].forwarded_from == "Пул N3"
    assert posts["71007"].forwarded_from_url == "https://t.me/dimsmirnov175/44655"
    assert posts["71008"].forwarded_from == "ImpNavigator"
    assert posts["71008"].forwarded_from_url == "https://t.me/ImpNavigator/4580"
    assert posts["70990"].forwarded_from is None


def test_text_keeps_line_breaks_not_source_indentation() -> None:
    post = one_post("message_text.html")
    assert post.url == "https://t.me/topwar_official/70991"
    assert post.published_at == utc(2023, 2, 28, 8, 48, 1)
    assert post.extra["views"] == 33400
    paragraphs = post.text.split("\n\n")
    assert paragraphs[0] == "Неопознанный летающий объект замечен в 160 – 200 км от Петербурга"
    assert paragraphs[1].startswith("По данным «Фонтанки», такую информацию министерство обороны")
    assert paragraphs[2].endswith("«Звуки как на параде».")
    assert "  " not in post.text and len(paragraphs) == 3


def test_forwarded_photo_post() -> None:
    post = one_post("message_media_forwarded_from.html")
    assert post.url == "https://t.me/oper_goblin/22358"
    assert post.author_name == "Tynu40k Goblina (oper.ru)"
    assert post.forwarded_from == "Пул N3"
    assert post.forwarded_from_url == "https://t.me/dimsmirnov175/44604"
    assert post.media == ["photo"]
    assert post.text == (
        "Британская разведка выяснила, почему Ким Чен Ын начал выводить дочку в свет")
    assert post.extra["views"] == 214400
    assert post.published_at == utc(2023, 2, 27, 7, 20, 50)


def test_voice_post_forwarded_from_a_hidden_channel_keeps_links_and_lines() -> None:
    post = one_post("message_voice.html")
    assert post.url == "https://t.me/oper_goblin/939"
    assert post.published_at == utc(2018, 4, 24, 15, 28, 46)
    assert post.forwarded_from == "Спортивный Екб"
    assert post.forwarded_from_url is None  # shown as a name only
    assert post.media == ["voice"]
    assert post.text.startswith("Обсудили:\n\n- Сталина не забыть\n- Плохие фильмы")
    assert post.links == ["https://t.me/kakberadio", "https://t.me/kakberadiobot"]


def test_link_preview_post() -> None:
    post = one_post("message_link_preview_text_only.html")
    url = "http://publication.pravo.gov.ru/Document/View/0001202302270011?index=7&rangeSize=1"
    assert post.text == url
    assert post.links == [url]
    preview = post.extra["link_preview"]
    assert preview["url"] == url
    assert preview["site_name"] == "publication.pravo.gov.ru"
    assert preview["description"] == (
        "Распоряжение Президента Российской Федерации от 27.02.2023 № 59-рп\n\"О поощрении\"")
    assert post.media == []  # the preview is not the post's own media


def test_edited_post_with_video_link_preview() -> None:
    post = parse_channel_page(fixture("message_link_preview_video.html").read_bytes()).posts[0]
    assert post.url == "https://t.me/fighter_bomber/11226"
    assert post.author_name == "Fighterbomber"
    assert post.extra["edited"] is True
    assert post.text.startswith("Жениться вам, барин, пора!")
    assert post.links == ["https://t.me/shalnyak/5410"]
    assert post.extra["link_preview"]["title"] == "Shalnyak"
    assert post.published_at == utc(2023, 3, 1, 7, 37, 2)


@pytest.mark.parametrize(
    ("name", "post_id", "media"),
    [
        ("message_media_photo_and_video.html", "anna_news/46908", ["video", "photo"]),
        ("message_media_round_video.html", "bolshiepushki/3495", ["video_note"]),
        ("message_media_file.html", "oper_goblin/16936", ["document"]),
        ("message_sticker.html", "channel/5", ["sticker"]),
    ],
)
def test_media_posts(name: str, post_id: str, media: list[str]) -> None:
    post = one_post(name)
    assert post.url == f"https://t.me/{post_id}"
    assert post.media == media
    assert post.published_at is not None


def test_album_caption_with_hashtags_and_signature() -> None:
    album = one_post("message_media_photo_and_video.html")
    assert album.text.startswith("Ночью над Белгородом сбили 3 беспилотника\n\nОни упали")
    assert album.text.endswith("#Белгород #Беспилотники\n\n@anna_news")
    assert album.links == ["https://t.me/anna_news"]  # hashtag search links are not kept
    sticker = one_post("message_sticker.html")
    assert sticker.extra["signature"].endswith("User")
    assert sticker.author_name == "Mein Leben"
    document = one_post("message_media_file.html")
    assert document.extra["document"] == "Оппозиционные медиапроекты.pdf"
    assert document.forwarded_from == "Кремлёвская прачка"


def test_poll_block() -> None:
    root = lxml.html.fromstring(fixture("poll.html").read_text(encoding="utf-8"))
    poll = parse_poll(root)
    assert poll["question"] == "Как лучше?"
    assert poll["type"] == "Anonymous Poll"
    assert [o["text"] for o in poll["options"]] == [
        "Несколько постов в день", "Один пост в несколько дней", "Свой вариант в комментарии"]
    assert [o["percent"] for o in poll["options"]] == ["16%", "83%", "3%"]


def test_poll_message_text_falls_back_to_the_question() -> None:
    html = ('<div class="tgme_widget_message" data-post="it_begin/488">'
            + fixture("poll.html").read_text(encoding="utf-8") + "</div>")
    post = parse_message(lxml.html.fromstring(html))
    assert post.media == ["poll"]
    assert post.text.splitlines()[0] == "Как лучше?"
    assert post.extra["poll"]["options"][1]["percent"] == "83%"


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("media_photo.html", ["photo"]),
        ("media_video.html", ["video"]),
        ("media_video_gif.html", ["gif"]),
        ("media_video_too_big.html", ["video"]),
        ("media_cicrle_video.html", ["video_note"]),
        ("link_preview.html", []),
        ("link_preview_video.html", []),
    ],
)
def test_media_blocks_inside_a_message(name: str, kinds: list[str]) -> None:
    html = ('<div class="tgme_widget_message" data-post="c/1">'
            + fixture(name).read_text(encoding="utf-8") + "</div>")
    assert parse_message(lxml.html.fromstring(html)).media == kinds


def test_link_preview_block() -> None:
    root = lxml.html.fromstring(fixture("link_preview.html").read_text(encoding="utf-8"))
    preview = parse_link_preview(root)
    assert preview["url"] == "https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/"
    assert preview["site_name"] == "Ваши новости — интернет-газета"
    assert preview["title"] == "Георгий Зотов: ОККУПАЦИЯ ВОЛОСАТЫМ КРАБОМ"
    assert squash(preview["description"]).startswith("Современная журналистика превратилась")


def test_every_telegram_fixture_parses() -> None:
    for path in sorted(shared_data("social", "telegram").glob("*.html")):
        if path.name.startswith("message_") or path.name == "full.html":
            result = parse_file(path)
            posts = result if isinstance(result, list) else [result]
            assert posts and all(p.platform == "telegram" and p.url for p in posts), path.name


def test_reply_becomes_the_quoted_post() -> None:
    html = """<div class="tgme_widget_message" data-post="somechan/12">
      <div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name"
        href="https://t.me/somechan"><span>Some Channel</span></a></div>
      <a class="tgme_widget_message_reply" href="https://t.me/somechan/10">
        <div class="tgme_widget_message_author_name">Some Channel</div>
        <div class="tgme_widget_message_metatext">Earlier: the bridge is closed</div></a>
      <div class="tgme_widget_message_text">Update: it is open again</div>
      <a class="tgme_widget_message_date" href="https://t.me/somechan/12">
        <time datetime="2024-05-01T10:00:00+00:00">10:00</time></a></div>"""
    post = parse_message(lxml.html.fromstring(html))
    assert post.text == "Update: it is open again"
    assert post.quoted is not None
    assert post.quoted.url == "https://t.me/somechan/10"
    assert post.quoted.text == "Earlier: the bridge is closed"
    assert post.quoted.extra["post_id"] == "10"


def test_post_page_finds_one_post_or_says_it_is_gone() -> None:
    data = fixture("full.html").read_bytes()
    post = parse_post_page(data, "topwar_official", 70995)
    assert post.url == "https://t.me/topwar_official/70995"
    with pytest.raises(PostNotFound, match="deleted"):
        parse_post_page(data, "topwar_official", 70993)
    embed_error = (b'<html><body><div class="tgme_widget_message_error">Post not found</div>'
                   b"</body></html>")
    with pytest.raises(PostNotFound, match="Post not found"):
        parse_post_page(embed_error, "topwar_official", 1)


def test_views_counter() -> None:
    assert parse_views("214.4K") == 214400
    assert parse_views("1.2M") == 1200000
    assert parse_views("987") == 987
    assert parse_views("n/a") is None


class FakeFetcher:
    """Answers fetches from a dict of URL -> bytes (404 for anything else)."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    async def fetch(self, url: str, **_: object) -> FetchResult:
        self.asked.append(url)
        if url not in self.pages:
            raise HTTPStatusError(f"The server answered 404 for {url}", url, status=404)
        return FetchResult(url, url, 200, {}, self.pages[url], "text/html", "utf-8")


async def test_fetch_post_falls_back_from_the_embed_to_the_channel_preview() -> None:
    page = fixture("full.html").read_bytes()
    fetcher = FakeFetcher({preview_url("topwar_official", 70997): page})
    post = await fetch_post("https://t.me/topwar_official/70996?single", fetcher)  # type: ignore[arg-type]
    assert post.url == "https://t.me/topwar_official/70996"
    assert fetcher.asked == [embed_url("topwar_official", "70996"),
                             preview_url("topwar_official", 70997)]


async def test_deleted_post_gives_a_clear_message() -> None:
    page = fixture("full.html").read_bytes()
    fetcher = FakeFetcher({preview_url("topwar_official", 70994): page})
    with pytest.raises(PostNotFound, match="deleted"):
        await fetch_post("https://t.me/topwar_official/70993", fetcher)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url", ["https://t.me/c/1234567890/55", "https://t.me/+AbCdEfGhIjK", "t.me/joinchat/AAAA"]
)
async def test_private_links_are_explained_not_fetched(url: str) -> None:
    fetcher = FakeFetcher({})
    with pytest.raises(UnsupportedLink, match="private Telegram"):
        await fetch_post(url, fetcher)  # type: ignore[arg-type]
    assert fetcher.asked == []
