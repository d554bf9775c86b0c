"""The safe fetcher's ordinary behaviour: pages, redirects, compression, types, policy parsing."""

from __future__ import annotations

import ipaddress

import pytest

from bot.fetch import (
    DEFAULT_USER_AGENT,
    AddressPolicy,
    HTTPStatusError,
    InvalidURL,
    SafeFetcher,
    check_url,
    parse_ip_literal,
    why_blocked,
)
from tests.local_http import ScriptedServer


def allowing(server: ScriptedServer, **options: float) -> SafeFetcher:
    return SafeFetcher(AddressPolicy(allow=(f"127.0.0.1:{server.port}",)), **options)


async def test_fetches_a_page_from_an_allowed_local_server() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        result = await fetcher.fetch(web.url("/page"))
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert b"<title>A page</title>" in result.content
    assert result.final_url == web.url("/page")
    assert result.redirects == []


async def test_sends_a_clear_user_agent_and_asks_for_what_it_accepts() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        await fetcher.fetch(web.url("/headers"), accept=("text/plain",))
    headers = web.requests[0].headers
    assert headers["user-agent"] == DEFAULT_USER_AGENT
    assert "crosscheck" in headers["user-agent"]
    assert headers["accept"].startswith("text/plain")
    assert headers["accept-encoding"] == "gzip, deflate"


async def test_follows_redirects_and_reports_where_it_ended() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        result = await fetcher.fetch(web.url("/redirect?to=/page"))
    assert result.final_url == web.url("/page")
    assert result.redirects == [web.url("/page")]
    assert [r.path for r in web.requests] == ["/redirect", "/page"]


async def test_five_redirects_are_still_followed() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        # /chain/5 -> /chain/4 -> ... -> /chain/1 -> /page: five redirects
        result = await fetcher.fetch(web.url("/chain/5"))
    assert result.final_url == web.url("/page")
    assert len(result.redirects) == 5
    assert len(web.requests) == 6


async def test_decompresses_gzip_within_the_cap() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        result = await fetcher.fetch(web.url("/gzip-page"))
    assert result.content.startswith(b"<html><body><p>compressed compressed")
    assert result.content.endswith(b"</p></body></html>")


async def test_text_uses_the_declared_charset() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        result = await fetcher.fetch(web.url("/latin1"))
    assert result.encoding == "ISO-8859-1"
    assert "Crème brûlée" in result.text()


async def test_error_status_raises_with_the_status() -> None:
    async with ScriptedServer() as web, allowing(web) as fetcher:
        with pytest.raises(HTTPStatusError) as raised:
            await fetcher.fetch(web.url("/missing"))
    assert raised.value.status == 404
    assert "404" in str(raised.value)


async def test_proxy_settings_in_the_environment_are_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9/")  # nothing listens on port 9
    async with ScriptedServer() as web, allowing(web) as fetcher:
        result = await fetcher.fetch(web.url("/page"))
    assert result.status == 200


async def test_requests_to_one_host_are_limited() -> None:
    import asyncio

    async with ScriptedServer() as web:
        async with allowing(web) as fetcher:
            fetcher.per_host_limit = 1
            results = await asyncio.gather(*(fetcher.fetch(web.url("/page")) for _ in range(3)))
    assert [r.status for r in results] == [200, 200, 200]
    assert fetcher._host_limits["127.0.0.1"]._value == 1  # released after use


def test_policy_from_environment() -> None:
    policy = AddressPolicy.from_env({"CROSSCHECK_FETCH_ALLOW": " 10.0.0.0/8, intranet.local ,"})
    assert policy.allow == (" 10.0.0.0/8", " intranet.local ")
    policy.check_address(ipaddress.ip_address("10.2.3.4"), 443, "10.2.3.4")
    assert policy.host_allowed("intranet.local", 80)
    assert AddressPolicy.from_env({}).allow == ()


def test_policy_rejects_malformed_entries() -> None:
    with pytest.raises(ValueError, match="bad"):
        AddressPolicy(allow=("not a host!",))
    with pytest.raises(ValueError):
        AddressPolicy(allow=("example.com:99999",))


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("[::1]", "::1"),
        ("example.com", None),
        ("1.2.3.4.example", None),
    ],
)
def test_ip_spellings_are_read_like_inet_aton(spelling: str, address: str | None) -> None:
    parsed = parse_ip_literal(spelling)
    assert (str(parsed) if parsed else None) == address


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("93.184.215.14", False),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("::ffff:8.8.8.8", False),  # a mapped public address is public
        ("2002:808:808::1", False),  # 6to4 of a public address
        ("64:ff9b::808:808", False),  # NAT64 of a public address
        ("100.64.0.1", True),
        ("::ffff:127.0.0.1", True),
        ("2001:db8::1", True),
    ],
)
def test_why_blocked(address: str, blocked: bool) -> None:
    assert (why_blocked(ipaddress.ip_address(address)) is not None) is blocked


def test_check_url_canonicalises_ip_spellings() -> None:
    assert str(check_url("http://0x7f.1:8080/a?b=1")) == "http://127.0.0.1:8080/a?b=1"
    assert str(check_url("HTTPS://Example.COM/x")) == "https://example.com/x"
    with pytest.raises(InvalidURL):
        check_url("http:///nohost")
