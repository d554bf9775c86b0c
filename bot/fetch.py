"""The one way crosscheck talks to the outside web: a fetcher that cannot be turned inwards.

Every outgoing request goes through ``SafeFetcher.fetch``. It accepts http and https only, on
ports 80/443 unless configured otherwise, refuses credentials in URLs, resolves the host itself,
checks every resolved address against ``AddressPolicy`` and then connects to exactly the address
it checked (the connection layer refuses any host it was not told about, so there is no window
for DNS rebinding; TLS still verifies the certificate against the hostname). Redirects are
followed by hand, each hop checked again. Bodies are capped before and after decompression,
content types are checked against a per-call allow-list, and there are connect, read and total
timeouts and a per-host concurrency limit. Proxy settings from the environment are ignored.

Operators can let the bot reach their own internal sources with ``CROSSCHECK_FETCH_ALLOW``
(comma-separated hosts, IPs or CIDRs, each optionally with ``:port``); see the README.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import socket
import zlib
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

__all__ = [
    "DEFAULT_USER_AGENT",
    "HTML_TYPES",
    "FEED_TYPES",
    "JSON_TYPES",
    "AddressPolicy",
    "BlockedAddress",
    "BlockedPort",
    "BodyTooLarge",
    "FetchError",
    "FetchResult",
    "FetchTimeout",
    "HTTPStatusError",
    "InvalidURL",
    "ResolveError",
    "SafeFetcher",
    "TooManyRedirects",
    "UnsupportedContentEncoding",
    "UnsupportedScheme",
    "WrongContentType",
    "ConnectionFailed",
    "check_url",
]

DEFAULT_USER_AGENT = "crosscheck-bot/0.1 (fact-checking link fetcher; +https://t.me/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
)
JSON_TYPES = ("application/json", "text/json", "application/javascript", "text/javascript")

Resolver = Callable[[str, int], Awaitable[Sequence[str]]]


# ---------------------------------------------------------------------------------------------
# Errors


class FetchError(Exception):
    """A request that was refused or failed; ``str(error)`` is fit to show a user."""

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class InvalidURL(FetchError):
    """The link is not a well-formed web address."""


class UnsupportedScheme(FetchError):
    """Only http and https links are fetched."""


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address inside a private or special network."""


class BlockedPort(FetchError):
    """The port is not one the bot is allowed to connect to."""


class ResolveError(FetchError):
    """The host name could not be resolved."""


class ConnectionFailed(FetchError):
    """The server could not be reached or broke off the exchange."""


class TooManyRedirects(FetchError):
    """The redirect chain was longer than allowed."""


class BodyTooLarge(FetchError):
    """The response (raw or decompressed) was larger than allowed."""


class FetchTimeout(FetchError):
    """The server was too slow (connect, read or total time)."""


class WrongContentType(FetchError):
    """The response is not of a type this use accepts."""


class UnsupportedContentEncoding(FetchError):
    """The response is compressed in a way the fetcher does not decode."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, url: str | None = None, status: int = 0) -> None:
        super().__init__(message, url)
        self.status = status


# ---------------------------------------------------------------------------------------------
# Address policy


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Special-purpose IPv4 blocks (RFC 6890 and later): none of them is the public internet.
_BLOCKED_V4: tuple[tuple[ipaddress.IPv4Network, str], ...] = tuple(
    (ipaddress.IPv4Network(net), why)
    for net, why in (
        ("255.255.255.255/32", "the broadcast address"),
        ("0.0.0.0/8", "an unspecified ('this network') address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a shared address space (carrier-grade NAT) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol assignment address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a 6to4 relay anycast address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
    )
)
_BLOCKED_V6: tuple[tuple[ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.IPv6Network(net), why)
    for net, why in (
        ("::/128", "the unspecified address"),
        ("::1/128", "the loopback address"),
        ("100::/64", "a discard-only address"),
        ("2001:db8::/32", "a documentation address"),
        ("2001::/23", "an IETF protocol assignment address"),
        ("fc00::/7", "a unique-local (private) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address"),
        ("ff00::/8", "a multicast address"),
    )
)
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address wraps (mapped, compatible, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    packed = ip.packed
    if ip in _IPV4_COMPATIBLE and int(ip) > 1:
        return ipaddress.IPv4Address(packed[12:])
    if ip in _NAT64[0]:
        return ipaddress.IPv4Address(packed[12:])
    if ip in _NAT64[1]:
        # RFC 6052 /48 prefix: the IPv4 address sits in bits 48..63 and 72..87
        return ipaddress.IPv4Address(packed[6:8] + packed[9:11])
    return None


def why_blocked(ip: IPAddress) -> str | None:
    """Why an address is internal or special, or None for an ordinary public address.

    Checks the special-purpose registries explicitly and unwraps IPv4 addresses carried inside
    IPv6 ones (``::ffff:127.0.0.1``, ``::127.0.0.1``, ``2002:7f00:1::``, ``64:ff9b::7f00:1``);
    ``ipaddress.is_global`` is consulted as well, never alone.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = why_blocked(inner)
            if reason is not None:
                return f"{reason} wrapped in IPv6 ({inner})"
            if ip.ipv4_mapped is None and ip.sixtofour is None and ip in _IPV4_COMPATIBLE:
                return "a deprecated IPv4-compatible IPv6 address"
            return None
        if ip.scope_id:
            return "a scoped IPv6 address"
        for net, why in _BLOCKED_V6:
            if ip in net:
                return why
    else:
        for net4, why in _BLOCKED_V4:
            if ip in net4:
                return why
    if not ip.is_global:
        return "a non-public address"
    return None


_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.I)


def parse_ip_literal(host: str) -> IPAddress | None:
    """Parse a host that is an IP address in any spelling the C library would accept.

    Besides dotted quads and IPv6 this reads what ``inet_aton`` reads: ``2130706433``,
    ``0x7f.1``, ``0177.0.0.1``, ``127.1``. Returns None for host names.
    """
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if ":" in host:
        raise InvalidURL(f"Refused: '{host}' is not a valid IPv6 address")
    if not _NUMERIC_HOST.match(host):
        return None
    parts = host.rstrip(".").split(".")
    values: list[int] = []
    for part in parts:
        try:
            if part.lower().startswith("0x"):
                values.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part, 8))
            else:
                values.append(int(part, 10))
        except ValueError as exc:
            raise InvalidURL(f"Refused: '{host}' is not a valid IPv4 address") from exc
    # a.b.c.d / a.b.c (c is 16 bits) / a.b (b is 24 bits) / a (32 bits)
    limits = {1: [2**32], 2: [256, 2**24], 3: [256, 256, 2**16], 4: [256] * 4}[len(values)]
    if any(v >= limit for v, limit in zip(values, limits, strict=True)):
        raise InvalidURL(f"Refused: '{host}' is not a valid IPv4 address")
    number = 0
    for value, limit in zip(values, limits, strict=True):
        number = number * limit + value
    return ipaddress.IPv4Address(number)


@dataclass(frozen=True, slots=True)
class _AllowEntry:
    host: str | None = None
    network: IPNetwork | None = None
    port: int | None = None  # None: the default ports only


def _parse_allow_entry(raw: str) -> _AllowEntry:
    text = raw.strip().lower()
    port: int | None = None
    if text.startswith("["):
        close = text.find("]")
        if close < 0:
            raise ValueError(f"bad allow entry {raw!r}")
        rest = text[close + 1 :]
        text = text[1:close]
        if rest.startswith(":"):
            port = int(rest[1:])
    elif text.count(":") == 1:
        text, port_text = text.split(":")
        port = int(port_text)
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"bad port in allow entry {raw!r}")
    try:
        return _AllowEntry(network=ipaddress.ip_network(text, strict=False), port=port)
    except ValueError:
        pass
    if not re.fullmatch(r"[a-z0-9.-]+", text) or not text.strip("."):
        raise ValueError(f"bad allow entry {raw!r}: expected a host, IP or CIDR")
    return _AllowEntry(host=text.rstrip("."), port=port)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which hosts, addresses and ports the fetcher may connect to.

    By default only public addresses on ports 80 and 443. ``allow`` lists exceptions: host
    names, IPs or CIDRs, each optionally with ``:port`` (``"127.0.0.1:8080"``,
    ``"10.0.0.0/8"``, ``"feeds.internal"``). An entry without a port allows the default ports;
    an allowed host name may resolve to any address.
    """

    allow: tuple[str, ...] = ()
    ports: frozenset[int] = frozenset({80, 443})
    _entries: tuple[_AllowEntry, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_entries", tuple(_parse_allow_entry(a) for a in self.allow))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> AddressPolicy:
        """The policy set by the operator in ``CROSSCHECK_FETCH_ALLOW`` (empty by default)."""
        env = os.environ if environ is None else environ
        raw = env.get("CROSSCHECK_FETCH_ALLOW", "")
        return cls(allow=tuple(part for part in raw.split(",") if part.strip()))

    def host_allowed(self, host: str, port: int) -> bool:
        """Whether an operator entry names exactly this host (then any address it resolves to is
        accepted; subdomains are not included)."""
        host = host.lower().rstrip(".")
        return any(
            e.host is not None and host == e.host and self._port_ok(e, port)
            for e in self._entries
        )

    def _port_ok(self, entry: _AllowEntry, port: int) -> bool:
        return port == entry.port if entry.port is not None else port in self.ports

    def port_possible(self, port: int) -> bool:
        """Whether any rule at all allows this port (checked before resolving a name)."""
        return port in self.ports or any(e.port == port for e in self._entries)

    def check_port(self, host: str, port: int, ip: IPAddress | None = None) -> None:
        """Refuse ports other than the configured ones (per allow entry, or 80/443)."""
        if port in self.ports:
            return
        for entry in self._entries:
            if entry.port != port:
                continue
            if entry.host is not None and host.lower().rstrip(".") == entry.host:
                return
            if entry.network is not None and ip is not None and ip in entry.network:
                return
        raise BlockedPort(
            f"Refused: port {port} is not allowed (only {', '.join(map(str, sorted(self.ports)))})"
        )

    def check_address(self, ip: IPAddress, port: int, host: str) -> None:
        """Refuse an internal or special address unless an operator entry allows it."""
        for entry in self._entries:
            if entry.network is not None and ip.version == entry.network.version:
                if ip in entry.network and self._port_ok(entry, port):
                    return
            if isinstance(ip, ipaddress.IPv6Address) and entry.network is not None:
                inner = ip.ipv4_mapped
                if inner is not None and inner in entry.network and self._port_ok(entry, port):
                    return
        reason = why_blocked(ip)
        if reason is not None:
            shown = host if host == str(ip) else f"{host} ({ip})"
            raise BlockedAddress(
                f"Refused to fetch {shown}: it is {reason}, inside a private or special network"
            )


# ---------------------------------------------------------------------------------------------
# URL checks


_HOST_LABELS = re.compile(r"^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*"
                          r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?$")
_FORBIDDEN_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    host: str  # ASCII (IDNA) host exactly as httpx puts it on the wire, without brackets
    port: int
    ip_literal: IPAddress | None


def check_url(url: str | httpx.URL) -> httpx.URL:
    """Parse a link and refuse anything but plain http(s) to a host name or IP address.

    Raises ``UnsupportedScheme`` for file:, ftp:, gopher:, data: and the like, and
    ``InvalidURL`` for credentials (``user:pass@``), backslashes, spaces, control characters,
    percent-encoded or empty hosts.
    """
    return _target(url).url


def _target(url: str | httpx.URL) -> _Target:
    raw = str(url)
    if len(raw) > 8192:
        raise InvalidURL("Refused: the link is too long")
    scheme_match = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", raw)
    if scheme_match is None:
        raise InvalidURL(f"Refused: {raw[:100]!r} is not an absolute http(s) link")
    scheme = scheme_match.group(1).lower()
    if scheme not in ("http", "https"):
        raise UnsupportedScheme(f"Refused: {scheme}: links are not fetched, only http and https")
    if _FORBIDDEN_URL_CHARS.search(raw.strip()):
        raise InvalidURL("Refused: the link contains spaces, backslashes or control characters")
    raw = raw.strip()
    authority = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)", raw)
    if authority is None:
        raise InvalidURL(f"Refused: {raw[:100]!r} has no host")
    if "@" in authority.group(2):
        raise InvalidURL("Refused: links with a user name or password (user@host) are not fetched")
    host_part = authority.group(2)
    port_text = ""
    if not host_part.startswith("["):
        host_part, _, port_text = host_part.partition(":")
    ip: IPAddress | None = None
    if host_part and _NUMERIC_HOST.match(host_part):
        # 2130706433, 0x7f.1, 0177.0.0.1: rewrite to the dotted form before anything else
        ip = parse_ip_literal(host_part)
        if ip is not None:
            rebuilt = str(ip) + (":" + port_text if port_text else "")
            raw = authority.group(1) + rebuilt + raw[authority.end() :]
    try:
        parsed = httpx.URL(raw)
    except (httpx.InvalidURL, ValueError) as exc:
        raise InvalidURL(f"Refused: malformed link ({exc})") from exc
    if parsed.userinfo:
        raise InvalidURL("Refused: links with a user name or password (user@host) are not fetched")
    host = parsed.raw_host.decode("ascii", "replace").lower()
    if not host:
        raise InvalidURL("Refused: the link has no host")
    if ip is None and not _HOST_LABELS.match(host):
        ip = parse_ip_literal(host)
        if ip is None:
            raise InvalidURL(f"Refused: {host!r} is not a valid host name")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return _Target(parsed, host, port, ip)


# ---------------------------------------------------------------------------------------------
# Connection pinning


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to addresses the fetcher vetted for that host; refuses anything else."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner
        self._pins: dict[tuple[str, int], str] = {}
        self.connections: list[tuple[str, int, str]] = []

    def pin(self, host: str, port: int, ip: str) -> None:
        self._pins[(host.lower(), port)] = ip

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        ip = self._pins.get((host.lower(), port))
        if ip is None:
            raise httpcore.ConnectError(f"refusing to connect to unvetted host {host}:{port}")
        self.connections.append((host, port, ip))
        return await self._inner.connect_tcp(
            ip,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with our network backend and no proxies."""

    def __init__(self, backend: _PinnedBackend, max_connections: int) -> None:
        super().__init__(trust_env=False, retries=0)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=True, trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=30.0,
            http1=True,
            http2=False,
            retries=0,
            network_backend=backend,
        )


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve a host name with the operating system's resolver (all A and AAAA records)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


# ---------------------------------------------------------------------------------------------
# Fetcher


@dataclass(slots=True)
class FetchResult:
    """One fetched response: where we asked, where we ended up, and the (decoded) body bytes."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str
    encoding: str | None = None  # charset from Content-Type, when given
    redirects: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The body as text, honouring the declared charset only when the bytes agree."""
        from bot.parsers.article import decode_html

        return decode_html(self.content, self.encoding)


_REDIRECTS = {301, 302, 303, 307, 308}


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower()
    charset = None
    for part in parts[1:]:
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip().strip("\"'") or None
    return media, charset


def _type_accepted(media: str, accept: Sequence[str]) -> bool:
    if not accept or "*/*" in accept:
        return True
    for wanted in accept:
        if wanted == media:
            return True
        if wanted.endswith("/*") and media.startswith(wanted[:-1]):
            return True
    return False


class _Decoder:
    """Incremental Content-Encoding decoder with a cap on the decoded size."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.limit = limit
        self.url = url
        self.produced = 0
        self.parts: list[bytes] = []
        self._zlib: Any = None
        encodings = [e.strip().lower() for e in encoding.split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        if len(encodings) > 1:
            raise UnsupportedContentEncoding(
                f"Refused: stacked content encodings ({encoding}) are not decoded", url
            )
        self.kind = encodings[0] if encodings else ""
        if self.kind in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.kind == "deflate":
            self._zlib = None  # decided on first bytes: zlib wrapper or raw deflate
        elif self.kind:
            raise UnsupportedContentEncoding(
                f"Refused: the server sent '{self.kind}'-compressed content, which is not decoded",
                url,
            )

    def _emit(self, data: bytes) -> None:
        self.produced += len(data)
        if self.produced > self.limit:
            raise BodyTooLarge(
                f"Refused: the page expands to more than {self.limit:,} bytes when decompressed",
                self.url,
            )
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if not self.kind:
            self._emit(chunk)
            return
        if self._zlib is None:
            wbits = zlib.MAX_WBITS if (chunk[:1] == b"\x78") else -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        data = chunk
        try:
            while data:
                # never let one call produce more than the room left (+1 to detect overflow)
                out = self._zlib.decompress(data, self.limit - self.produced + 1)
                self._emit(out)
                data = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise ConnectionFailed(
                f"The server sent corrupt compressed data ({exc})", self.url
            ) from exc

    def finish(self) -> bytes:
        if self.kind and self._zlib is not None:
            try:
                self._emit(self._zlib.flush(self.limit - self.produced + 1))
            except zlib.error as exc:
                raise ConnectionFailed(
                    f"The server sent corrupt compressed data ({exc})", self.url
                ) from exc
        return b"".join(self.parts)


class SafeFetcher:
    """Fetch public web pages safely; see the module docstring for what is refused.

    Use as an async context manager, or call ``aclose()`` when done::

        async with SafeFetcher() as fetcher:
            result = await fetcher.fetch("https://example.org/", accept=HTML_TYPES)
    """

    def __init__(
        self,
        policy: AddressPolicy | None = None,
        *,
        resolver: Resolver | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        total_timeout: float = 20.0,
        max_bytes: int = 5_000_000,
        max_decompressed_bytes: int = 10_000_000,
        max_redirects: int = 5,
        per_host_limit: int = 2,
        max_connections: int = 20,
    ) -> None:
        self.policy = policy if policy is not None else AddressPolicy.from_env()
        self.resolver: Resolver = resolver or system_resolver
        self.user_agent = user_agent
        self.timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_decompressed_bytes = max_decompressed_bytes
        self.max_redirects = max_redirects
        self.per_host_limit = per_host_limit
        self._backend = _PinnedBackend(httpcore.AnyIOBackend())
        self._client = httpx.AsyncClient(
            transport=_PinnedTransport(self._backend, max_connections),
            trust_env=False,
            follow_redirects=False,
            timeout=self.timeout,
            headers={"User-Agent": user_agent},
        )
        self._host_limits: dict[str, asyncio.Semaphore] = {}

    @property
    def connections(self) -> list[tuple[str, int, str]]:
        """(host, port, address) of every TCP connection opened so far; for tests and logs."""
        return list(self._backend.connections)

    async def __aenter__(self) -> SafeFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def vet(self, url: str | httpx.URL) -> tuple[_Target, str]:
        """Check a URL and resolve its host; returns the target and the address to connect to."""
        target = _target(url)
        if target.ip_literal is not None:
            shown = str(target.ip_literal)
            self.policy.check_address(target.ip_literal, target.port, shown)
            self.policy.check_port(shown, target.port, target.ip_literal)
            return target, shown
        host_trusted = self.policy.host_allowed(target.host, target.port)
        if not host_trusted and not self.policy.port_possible(target.port):
            self.policy.check_port(target.host, target.port)
        try:
            addresses = await self.resolver(target.host, target.port)
        except (OSError, UnicodeError) as exc:
            raise ResolveError(f"Could not find the server {target.host}", str(url)) from exc
        if not addresses:
            raise ResolveError(f"Could not find the server {target.host}", str(url))
        parsed: list[IPAddress] = []
        for address in addresses:
            try:
                ip = ipaddress.ip_address(address.split("%")[0])
            except ValueError as exc:
                raise ResolveError(f"Bad address {address!r} for {target.host}", str(url)) from exc
            parsed.append(ip)
        if not host_trusted:
            # every address must pass: a name that also resolves inwards is refused outright
            for ip in parsed:
                self.policy.check_address(ip, target.port, target.host)
                self.policy.check_port(target.host, target.port, ip)
        return target, str(parsed[0])

    async def fetch(
        self,
        url: str,
        *,
        accept: Sequence[str] = HTML_TYPES,
        max_bytes: int | None = None,
        headers: dict[str, str] | None = None,
        total_timeout: float | None = None,
    ) -> FetchResult:
        """GET ``url`` and return its body; raise a ``FetchError`` subclass when refused."""
        limit = max_bytes or self.max_bytes
        deadline = total_timeout if total_timeout is not None else self.total_timeout
        try:
            async with asyncio.timeout(deadline):
                return await self._fetch(url, accept, limit, headers or {})
        except TimeoutError as exc:
            raise FetchTimeout(
                f"Gave up on {url}: no complete answer within {deadline:g} seconds", url
            ) from exc

    async def _fetch(
        self, url: str, accept: Sequence[str], limit: int, extra_headers: dict[str, str]
    ) -> FetchResult:
        current = url
        redirects: list[str] = []
        for _hop in range(self.max_redirects + 1):
            target, address = await self.vet(current)
            self._backend.pin(target.host, target.port, address)
            semaphore = self._host_limits.setdefault(
                target.host, asyncio.Semaphore(self.per_host_limit)
            )
            async with semaphore:
                result = await self._request(target, accept, limit, extra_headers, url)
            if isinstance(result, FetchResult):
                result.redirects = redirects
                return result
            location = result
            current = urljoin(str(target.url), location)
            redirects.append(current)
        raise TooManyRedirects(
            f"Refused: more than {self.max_redirects} redirects starting from {url}", url
        )

    async def _request(
        self,
        target: _Target,
        accept: Sequence[str],
        limit: int,
        extra_headers: dict[str, str],
        original_url: str,
    ) -> FetchResult | str:
        request_headers = {
            "Accept": ", ".join(accept) + ", */*;q=0.1" if accept else "*/*",
            "Accept-Encoding": "gzip, deflate",
            **extra_headers,
        }
        shown = str(target.url)
        # no cookies: nothing one user's fetch sets may travel with another user's fetch
        self._client.cookies.clear()
        try:
            request = self._client.build_request("GET", target.url, headers=request_headers)
            response = await self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"The server for {shown} did not answer in time", shown) from exc
        except httpx.TransportError as exc:
            reason = str(exc) or type(exc).__name__
            raise ConnectionFailed(f"Could not reach {shown} ({reason})", shown) from exc
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise ConnectionFailed(f"{shown} redirected without saying where", shown)
                return location
            if response.status_code >= 400:
                raise HTTPStatusError(
                    f"The server answered {response.status_code} for {shown}",
                    shown,
                    status=response.status_code,
                )
            media, charset = _media_type(response.headers.get("content-type"))
            if not _type_accepted(media, accept):
                raise WrongContentType(
                    f"Refused: {shown} is {media or 'of no stated type'}, "
                    f"expected {' or '.join(accept)}",
                    shown,
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(
                    f"Refused: {shown} is {int(declared):,} bytes, more than {limit:,}", shown
                )
            decoder = _Decoder(
                response.headers.get("content-encoding", ""), self.max_decompressed_bytes, shown
            )
            received = 0
            try:
                async for chunk in response.aiter_raw():
                    received += len(chunk)
                    if received > limit:
                        raise BodyTooLarge(
                            f"Refused: {shown} sent more than {limit:,} bytes", shown
                        )
                    decoder.feed(chunk)
            except httpx.TimeoutException as exc:
                raise FetchTimeout(f"The server for {shown} stopped sending", shown) from exc
            except httpx.TransportError as exc:
                raise ConnectionFailed(
                    f"The connection to {shown} broke off ({exc})", shown
                ) from exc
            body = decoder.finish()
            return FetchResult(
                url=original_url,
                final_url=shown,
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                content=body,
                content_type=media,
                encoding=charset,
            )
        finally:
            await response.aclose()
