"""Hostile links: every one is refused with a clear error and nothing reaches the target.

An internal service is played by ``TargetServer`` on 127.0.0.1; the fetcher's policy allows
its port (so that only the address rules stand in the way) but not its address. After each
case the target must have seen no connection and no byte. Redirect, compression, size and
timeout cases use a ``ScriptedServer`` that the policy allows explicitly.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import httpcore
import pytest

from bot.fetch import (
    AddressPolicy,
    BlockedAddress,
    BlockedPort,
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    InvalidURL,
    SafeFetcher,
    TooManyRedirects,
    UnsupportedContentEncoding,
    UnsupportedScheme,
    WrongContentType,
    _PinnedBackend,
)
from tests.local_http import ScriptedServer, TargetServer

# Names the fake resolver knows; everything else fails to resolve.
FAKE_DNS: dict[str, list[str]] = {
    "localhost": ["127.0.0.1"],
    "news.example.com": ["127.0.0.1"],  # public-looking name pointing at loopback
    "mixed.example.com": ["93.184.215.14", "10.0.0.7"],  # one public, one private
    "mapped.example.com": ["::ffff:192.168.1.1"],
    "metadata.example.com": ["169.254.169.254"],
    "public.example.com": ["93.184.215.14"],
}


@dataclass
class CountingResolver:
    table: dict[str, list[str]]
    calls: int = 0

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.calls += 1
        if host.rstrip(".") not in self.table:
            raise OSError(f"unknown host {host}")
        return self.table[host.rstrip(".")]


@pytest.fixture
async def target() -> AsyncIterator[TargetServer]:
    async with TargetServer() as server:
        yield server


def fetcher_for(port: int, *allow: str, **options: float) -> SafeFetcher:
    policy = AddressPolicy(allow=allow, ports=frozenset({80, 443, port}))
    return SafeFetcher(policy, resolver=CountingResolver(FAKE_DNS), **options)  # type: ignore[arg-type]


# (name, url template with {p} for the target port, expected error, words in the message)
ADDRESS_CASES: list[tuple[str, str, type[FetchError], str]] = [
    # loopback in all spellings
    ("loopback dotted", "http://127.0.0.1:{p}/", BlockedAddress, "loopback"),
    ("loopback short", "http://127.1:{p}/", BlockedAddress, "loopback"),
    ("loopback decimal", "http://2130706433:{p}/", BlockedAddress, "loopback"),
    ("loopback hex", "http://0x7f000001:{p}/", BlockedAddress, "loopback"),
    ("loopback hex dotted", "http://0x7f.0.0.1:{p}/", BlockedAddress, "loopback"),
    ("loopback octal", "http://0177.0.0.1:{p}/", BlockedAddress, "loopback"),
    ("loopback octal whole", "http://017700000001:{p}/", BlockedAddress, "loopback"),
    ("loopback other", "http://127.0.0.2:{p}/", BlockedAddress, "loopback"),
    ("localhost name", "http://localhost:{p}/", BlockedAddress, "loopback"),
    ("localhost trailing dot", "http://localhost.:{p}/", BlockedAddress, "loopback"),
    ("ipv6 loopback", "http://[::1]:{p}/", BlockedAddress, "loopback"),
    ("ipv4-mapped loopback", "http://[::ffff:127.0.0.1]:{p}/", BlockedAddress, "loopback"),
    ("ipv4-mapped hex", "http://[::ffff:7f00:1]:{p}/", BlockedAddress, "loopback"),
    ("ipv4-compatible", "http://[::127.0.0.1]:{p}/", BlockedAddress, "loopback"),
    ("unspecified v4", "http://0.0.0.0:{p}/", BlockedAddress, "unspecified"),
    ("unspecified short", "http://0:{p}/", BlockedAddress, "unspecified"),
    ("unspecified v6", "http://[::]:{p}/", BlockedAddress, "unspecified"),
    # private and special ranges
    ("10/8", "http://10.0.0.1:{p}/", BlockedAddress, "private"),
    ("10/8 top", "http://10.255.255.254:{p}/", BlockedAddress, "private"),
    ("172.16/12", "http://172.16.0.1:{p}/", BlockedAddress, "private"),
    ("172.16/12 top", "http://172.31.255.254:{p}/", BlockedAddress, "private"),
    ("192.168/16", "http://192.168.1.1:{p}/", BlockedAddress, "private"),
    ("link-local metadata", "http://169.254.169.254:{p}/latest/meta-data/", BlockedAddress,
     "link-local"),
    ("shared 100.64/10", "http://100.64.0.1:{p}/", BlockedAddress, "shared address space"),
    ("shared 100.64/10 top", "http://100.127.255.254:{p}/", BlockedAddress,
     "shared address space"),
    ("multicast", "http://224.0.0.1:{p}/", BlockedAddress, "multicast"),
    ("reserved", "http://240.0.0.1:{p}/", BlockedAddress, "reserved"),
    ("broadcast", "http://255.255.255.255:{p}/", BlockedAddress, "broadcast"),
    ("benchmarking", "http://198.18.0.1:{p}/", BlockedAddress, "benchmarking"),
    ("ietf protocol", "http://192.0.0.8:{p}/", BlockedAddress, "IETF"),
    # IPv6 forms
    ("unique local", "http://[fc00::1]:{p}/", BlockedAddress, "unique-local"),
    ("unique local aws", "http://[fd00:ec2::254]:{p}/", BlockedAddress, "unique-local"),
    ("v6 link-local", "http://[fe80::1]:{p}/", BlockedAddress, "link-local"),
    ("v6 multicast", "http://[ff02::1]:{p}/", BlockedAddress, "multicast"),
    ("6to4 loopback", "http://[2002:7f00:1::1]:{p}/", BlockedAddress, "loopback"),
    ("6to4 private", "http://[2002:a00:1::1]:{p}/", BlockedAddress, "private"),
    ("nat64 loopback", "http://[64:ff9b::7f00:1]:{p}/", BlockedAddress, "loopback"),
    ("nat64 metadata", "http://[64:ff9b::a9fe:a9fe]:{p}/", BlockedAddress, "link-local"),
    ("mapped private", "http://[::ffff:10.0.0.1]:{p}/", BlockedAddress, "private"),
    ("mapped metadata", "http://[::ffff:169.254.169.254]:{p}/", BlockedAddress, "link-local"),
    # names that resolve inwards (injected resolver)
    ("public name to loopback", "http://news.example.com:{p}/story", BlockedAddress,
     "news.example.com (127.0.0.1)"),
    ("name with one private address", "http://mixed.example.com:{p}/", BlockedAddress,
     "private"),
    ("name to mapped private", "http://mapped.example.com:{p}/", BlockedAddress, "private"),
    ("name to metadata", "http://metadata.example.com:{p}/", BlockedAddress, "link-local"),
    # credentials in the URL
    ("user and password", "http://user:pass@public.example.com:{p}/", InvalidURL, "user name"),
    ("host before @", "http://public.example.com@127.0.0.1:{p}/", InvalidURL, "user name"),
    ("backslash trick", "http://127.0.0.1:{p}\\@public.example.com/", InvalidURL, "backslash"),
    ("empty userinfo", "http://@127.0.0.1:{p}/", InvalidURL, "user name"),
    ("double at", "http://a@b@127.0.0.1:{p}/", InvalidURL, "user name"),
    # other schemes and shapes
    ("file", "file:///etc/passwd", UnsupportedScheme, "file:"),
    ("ftp", "ftp://127.0.0.1:{p}/", UnsupportedScheme, "ftp:"),
    ("gopher", "gopher://127.0.0.1:{p}/_GET%20/", UnsupportedScheme, "gopher:"),
    ("data", "data:text/html,<p>hi</p>", UnsupportedScheme, "data:"),
    ("javascript", "javascript:alert(1)", UnsupportedScheme, "javascript:"),
    ("dict", "dict://127.0.0.1:{p}/", UnsupportedScheme, "dict:"),
    ("scheme-relative", "//127.0.0.1:{p}/", InvalidURL, "not an absolute"),
    ("percent host", "http://127.0.0.%31:{p}/", InvalidURL, "host"),
    ("space in host", "http://127.0.0.1 .example.com:{p}/", InvalidURL, "spaces"),
    ("bad ipv4", "http://256.0.0.1:{p}/", InvalidURL, "IPv4"),
]


@pytest.mark.parametrize(
    ("url", "error", "words"),
    [case[1:] for case in ADDRESS_CASES],
    ids=[case[0] for case in ADDRESS_CASES],
)
async def test_hostile_link_is_refused_before_any_connection(
    target: TargetServer, url: str, error: type[FetchError], words: str
) -> None:
    async with fetcher_for(target.port) as fetcher:
        with pytest.raises(error) as raised:
            await fetcher.fetch(url.format(p=target.port))
        assert fetcher.connections == []
    message = str(raised.value)
    assert "Refused" in message
    assert words.lower() in message.lower()
    if error is BlockedAddress:
        assert "private or special network" in message
    assert target.connections == 0 and not target.received


async def test_the_matrix_is_large_enough() -> None:
    assert len(ADDRESS_CASES) >= 30


@pytest.mark.parametrize(
    "url", ["http://public.example.com:22/", "http://public.example.com:6379/",
            "https://93.184.215.14:8443/"]
)
async def test_ports_other_than_80_and_443_are_refused(url: str) -> None:
    resolver = CountingResolver(FAKE_DNS)
    async with SafeFetcher(AddressPolicy(), resolver=resolver) as fetcher:
        with pytest.raises(BlockedPort, match="port"):
            await fetcher.fetch(url)
        assert fetcher.connections == []
    assert resolver.calls == 0  # refused before even resolving


async def test_redirect_chain_into_loopback_is_refused(target: TargetServer) -> None:
    async with ScriptedServer() as web:
        # a page the operator allowed redirects twice, the second time to the internal target
        inner = f"http://127.0.0.1:{target.port}/admin"
        hop = web.url("/redirect?to=" + inner)
        start = web.url("/redirect?to=" + hop.replace("&", "%26"))
        async with fetcher_for(target.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises(BlockedAddress, match="loopback"):
                await fetcher.fetch(start)
        assert len(web.requests) == 2
    assert target.connections == 0 and not target.received


@pytest.mark.parametrize(
    "location",
    [
        "http://localhost:{p}/",
        "http://[::1]:{p}/",
        "http://0x7f000001:{p}/",
        "http://news.example.com:{p}/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{p}/",
        "http://user@127.0.0.1:{p}/",
    ],
)
async def test_every_redirect_hop_is_checked_again(target: TargetServer, location: str) -> None:
    async with ScriptedServer() as web:
        start = web.url("/redirect?to=" + location.format(p=target.port))
        async with fetcher_for(target.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises((BlockedAddress, UnsupportedScheme, InvalidURL)) as raised:
                await fetcher.fetch(start)
    assert "Refused" in str(raised.value)
    assert target.connections == 0 and not target.received


async def test_twenty_redirects_stop_after_five() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(web.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises(TooManyRedirects, match="more than 5 redirects"):
                await fetcher.fetch(web.url("/loop/1"))
        assert len(web.requests) == 6  # the first request and five redirects, no more


async def test_gzip_bomb_does_not_expand() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(
            web.port, f"127.0.0.1:{web.port}", max_decompressed_bytes=1_000_000
        ) as fetcher:
            with pytest.raises(BodyTooLarge, match="when decompressed"):
                await fetcher.fetch(web.url("/gzip-bomb"))


async def test_brotli_is_refused_not_decoded() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(web.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises(UnsupportedContentEncoding, match="'br'"):
                await fetcher.fetch(web.url("/brotli"))


async def test_endless_body_is_cut_at_the_cap() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(web.port, f"127.0.0.1:{web.port}", max_bytes=300_000) as fetcher:
            with pytest.raises(BodyTooLarge, match="more than 300,000 bytes"):
                await fetcher.fetch(web.url("/endless"))


async def test_declared_huge_body_is_refused_without_reading() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(web.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises(BodyTooLarge, match="999,999,999 bytes"):
                await fetcher.fetch(web.url("/huge-declared"))


async def test_slow_drip_hits_the_total_timeout() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(
            web.port, f"127.0.0.1:{web.port}", total_timeout=1.0, read_timeout=5.0
        ) as fetcher:
            with pytest.raises(FetchTimeout, match="1 seconds"):
                await fetcher.fetch(web.url("/drip"))


async def test_wrong_content_type_is_refused() -> None:
    async with ScriptedServer() as web:
        async with fetcher_for(web.port, f"127.0.0.1:{web.port}") as fetcher:
            with pytest.raises(WrongContentType, match="image/png"):
                await fetcher.fetch(web.url("/image"), accept=("text/html",))


async def test_dns_answer_is_pinned_for_the_connection() -> None:
    """The name is resolved once per hop and the connection goes to that checked address."""

    @dataclass
    class Rebinding:
        calls: int = 0

        async def __call__(self, host: str, port: int) -> Sequence[str]:
            self.calls += 1
            return ["127.0.0.1"] if self.calls == 1 else ["10.0.0.1"]

    async with ScriptedServer() as web:
        resolver = Rebinding()
        policy = AddressPolicy(allow=(f"127.0.0.1:{web.port}",))
        async with SafeFetcher(policy, resolver=resolver) as fetcher:
            result = await fetcher.fetch(web.url("/page", host="rebind.example.org"))
            assert result.status == 200
            assert fetcher.connections == [("rebind.example.org", web.port, "127.0.0.1")]
        assert resolver.calls == 1
        assert web.requests[0].headers["host"] == f"rebind.example.org:{web.port}"


async def test_connection_layer_refuses_hosts_it_was_not_told_about() -> None:
    backend = _PinnedBackend(httpcore.AnyIOBackend())
    with pytest.raises(httpcore.ConnectError, match="unvetted"):
        await backend.connect_tcp("example.org", 443)
    assert backend.connections == []


def test_operator_allow_list_opens_only_what_it_names() -> None:
    policy = AddressPolicy(allow=("10.1.2.0/24", "feeds.intranet", "127.0.0.1:8080"))
    policy.check_address(ipaddress.ip_address("10.1.2.3"), 80, "10.1.2.3")
    policy.check_address(ipaddress.ip_address("127.0.0.1"), 8080, "127.0.0.1")
    assert policy.host_allowed("feeds.intranet", 443)
    with pytest.raises(BlockedAddress):
        policy.check_address(ipaddress.ip_address("10.1.3.1"), 80, "10.1.3.1")
    with pytest.raises(BlockedAddress):  # the entry names port 8080 only
        policy.check_address(ipaddress.ip_address("127.0.0.1"), 80, "127.0.0.1")
    with pytest.raises(BlockedPort):
        policy.check_port("10.1.2.3", 22, ipaddress.ip_address("10.1.2.3"))
    assert not policy.host_allowed("evilfeeds.intranet", 443)
    assert not policy.host_allowed("sub.feeds.intranet", 443)
