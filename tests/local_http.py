"""Tiny HTTP servers on 127.0.0.1 for the fetcher tests (no network beyond loopback).

``ScriptedServer`` runs in the test's event loop and answers by path with pages, redirects,
compression bombs, endless or dripping bodies; ``TargetServer`` stands for an internal service
and only records who connected and what bytes arrived (it should see nothing).
"""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

Handler = Callable[["Request", asyncio.StreamWriter], Awaitable[None]]


@dataclass(slots=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query)


def response_head(
    status: int = 200, headers: dict[str, str] | None = None, reason: str = "OK"
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"]
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


_BOMB_CACHE: dict[str, bytes] = {}


def gzip_bomb(size: int = 50_000_000) -> bytes:
    """``size`` zero bytes, gzip-compressed (about 1,000 times smaller)."""
    key = f"gzip{size}"
    if key not in _BOMB_CACHE:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        chunk = bytes(1_000_000)
        parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
        parts.append(compressor.flush())
        _BOMB_CACHE[key] = b"".join(parts)
    return _BOMB_CACHE[key]


@dataclass
class ScriptedServer:
    """An HTTP/1.1 server whose answers are chosen by path (see ``_answer``)."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    _server: asyncio.base_events.Server | None = None

    async def __aenter__(self) -> ScriptedServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        request = Request(method, target, headers)
        self.requests.append(request)
        handler = self.routes.get(request.path, self._answer)
        try:
            await handler(request, writer)
            await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _answer(self, request: Request, writer: asyncio.StreamWriter) -> None:
        path = request.path
        if path == "/page":
            body = b"<html><head><title>A page</title></head><body><p>Hello.</p></body></html>"
            writer.write(response_head(200, {"Content-Type": "text/html; charset=utf-8",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/redirect":
            to = request.query["to"][0]
            writer.write(response_head(302, {"Location": to, "Content-Length": "0"}, "Found"))
        elif path.startswith("/loop/"):
            number = int(path.rsplit("/", 1)[1])
            writer.write(response_head(302, {"Location": f"/loop/{number + 1}",
                                             "Content-Length": "0"}, "Found"))
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            to = f"/chain/{left - 1}" if left > 1 else "/page"
            writer.write(response_head(302, {"Location": to, "Content-Length": "0"}, "Found"))
        elif path == "/gzip-bomb":
            body = gzip_bomb()
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Encoding": "gzip",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/gzip-page":
            body = gzip.compress(b"<html><body><p>" + b"compressed " * 200 + b"</p></body></html>")
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Encoding": "gzip",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/brotli":
            body = b"\x1b\xff\xff\x7f" + b"\x00" * 64  # never decoded: refused on the header
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Encoding": "br",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/endless":
            writer.write(response_head(200, {"Content-Type": "text/html"}))
            chunk = b"<p>" + b"x" * 65_536 + b"</p>"
            for _ in range(100_000):
                writer.write(chunk)
                await writer.drain()
        elif path == "/drip":
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Length": "100000"}))
            for _ in range(1000):
                writer.write(b"x")
                await writer.drain()
                await asyncio.sleep(0.1)
        elif path == "/image":
            body = b"\x89PNG\r\n\x1a\n" + bytes(100)
            writer.write(response_head(200, {"Content-Type": "image/png",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/huge-declared":
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Length": "999999999"}))
            writer.write(b"<html>")
        elif path == "/headers":
            body = repr(sorted(request.headers.items())).encode()
            writer.write(response_head(200, {"Content-Type": "text/plain",
                                             "Content-Length": str(len(body))}) + body)
        elif path == "/latin1":
            body = "<html><head><title>Café</title></head><body>Crème brûlée</body></html>"
            raw = body.encode("latin-1")
            writer.write(response_head(200, {"Content-Type": "text/html; charset=ISO-8859-1",
                                             "Content-Length": str(len(raw))}) + raw)
        elif path == "/missing":
            writer.write(response_head(404, {"Content-Type": "text/html",
                                             "Content-Length": "0"}, "Not Found"))
        else:
            writer.write(response_head(500, {"Content-Length": "0"}, "Error"))


@dataclass
class TargetServer:
    """Stands for an internal service: accepts connections and records every byte it gets."""

    host: str = "127.0.0.1"
    connections: int = 0
    received: bytearray = field(default_factory=bytearray)
    port: int = 0
    _server: asyncio.base_events.Server | None = None

    async def __aenter__(self) -> TargetServer:
        self._server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            data = await asyncio.wait_for(reader.read(65536), timeout=1)
            self.received.extend(data)
            writer.write(response_head(200, {"Content-Type": "text/html",
                                             "Content-Length": "6"}) + b"secret")
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
