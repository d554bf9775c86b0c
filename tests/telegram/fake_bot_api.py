"""A fake Telegram Bot API server for tests: standard-library HTTP on 127.0.0.1, random port.

The real python-telegram-bot Application talks to it through `TELEGRAM_BASE_URL`
(`FakeBotAPI.base_url`). It implements the methods the bot uses (getMe, getUpdates with offset and
long-poll timeout, sendMessage, editMessageText, editMessageReplyMarkup, sendChatAction,
setMyCommands, deleteWebhook, setWebhook, answerCallbackQuery, sendPhoto, getChatMember,
setMessageReaction), records
every call, and can inject errors such as a 429 with `retry_after` into the next calls of a method.

    with FakeBotAPI() as api:
        api.push_message(chat_id=42, text="hello")
        ...  # run the bot against api.base_url
        await api.wait_for(lambda: api.replies_to(42, 1))
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

BOT_USER: dict[str, Any] = {
    "id": 7000001, "is_bot": True, "first_name": "Crosscheck", "username": "crosscheck_test_bot",
    "can_join_groups": True, "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
DEFAULT_USER: dict[str, Any] = {"id": 501, "is_bot": False, "first_name": "Olena",
                                "language_code": "en"}
# Parameters that are strings on the wire; everything else is JSON-encoded by the client.
STRING_PARAMS = frozenset({
    "text", "caption", "parse_mode", "callback_query_id", "action", "language_code", "url",
    "secret_token", "description", "short_description", "photo", "emoji", "inline_message_id",
    "business_connection_id", "message_effect_id", "name",
})


@dataclass(slots=True)
class ApiCall:
    """One request the bot made: method, decoded parameters, what we answered, and when."""

    method: str
    params: dict[str, Any]
    token: str
    status: int
    result: Any
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(slots=True)
class Fault:
    """An error to answer instead of the real result, for the next `times` calls of a method."""

    error_code: int
    description: str
    retry_after: int | None
    times: int


class FakeBotAPI:
    """The fake server; thread-safe; start() binds a random port on 127.0.0.1."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._updates_changed = threading.Condition(self._lock)
        self._pending: list[dict[str, Any]] = []
        self._delivered: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(
            lambda: itertools.count(1))
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._faults: dict[str, list[Fault]] = defaultdict(list)
        self._calls: list[ApiCall] = []
        self._stopping = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.webhook: dict[str, Any] | None = None
        self.commands: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        self.admins: set[tuple[int, int]] = set()  # (chat id, user id) answered "administrator"

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> Self:
        server = _Server(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="fake-bot-api",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._updates_changed.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the server first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- updates ----------------------------------------------------------------------------

    def push_updates(self, updates: list[dict[str, Any]]) -> list[int]:
        """Queue updates at once (one getUpdates may return them together); ids are assigned
        to updates without one. Returns their update ids."""
        with self._lock:
            for update in updates:
                if "update_id" not in update:
                    update["update_id"] = next(self._update_ids)
                self._pending.append(update)
            self._updates_changed.notify_all()
            return [u["update_id"] for u in updates]

    def push_update(self, update: dict[str, Any]) -> int:
        return self.push_updates([update])[0]

    def redeliver(self) -> list[int]:
        """Queue every update delivered so far again, as Telegram does after a crash."""
        with self._lock:
            again = sorted(self._delivered.values(), key=lambda u: u["update_id"])
            self._delivered.clear()
            known = {u["update_id"] for u in self._pending}
            self._pending[:0] = [u for u in again if u["update_id"] not in known]
            self._updates_changed.notify_all()
            return [u["update_id"] for u in again]

    def next_update_id(self) -> int:
        """A fresh update id, for updates handed to the bot directly (process_update)."""
        with self._lock:
            return next(self._update_ids)

    def pending_update_ids(self) -> list[int]:
        with self._lock:
            return [u["update_id"] for u in self._pending]

    def new_message_id(self, chat_id: int) -> int:
        with self._lock:
            return next(self._message_ids[chat_id])

    def message(self, chat_id: int, text: str | None = None, *, message_id: int | None = None,
                user: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        """A user's message as Telegram sends it in an update; extra fields go in as given."""
        sender = dict(user or {**DEFAULT_USER, "id": chat_id if chat_id > 0 else 501})
        chat: dict[str, Any] = ({"id": chat_id, "type": "private",
                                 "first_name": sender["first_name"]}
                                if chat_id > 0 else {"id": chat_id, "type": "group",
                                                     "title": "Test group"})
        message: dict[str, Any] = {
            "message_id": message_id or self.new_message_id(chat_id),
            "date": int(time.time()), "chat": chat, "from": sender,
        }
        if text is not None:
            message["text"] = text
        message.update(fields)
        with self._lock:
            self._messages[(chat_id, message["message_id"])] = message
        return message

    def push_message(self, chat_id: int, text: str | None = None, **fields: Any
                     ) -> tuple[int, dict[str, Any]]:
        """Queue a message update; returns (update id, message)."""
        message = self.message(chat_id, text, **fields)
        return self.push_update({"message": message}), message

    def push_callback(self, chat_id: int, message_id: int, data: str,
                      user: dict[str, Any] | None = None) -> int:
        """Queue a press on an inline button of the bot's message `message_id`."""
        with self._lock:
            message = dict(self._messages[(chat_id, message_id)])
        sender = dict(user or {**DEFAULT_USER, "id": chat_id})
        query = {"id": f"cb{time.monotonic_ns()}", "from": sender, "chat_instance": "ci1",
                 "message": message, "data": data}
        return self.push_update({"callback_query": query})

    # -- faults -----------------------------------------------------------------------------

    def fail_next(self, method: str, *, error_code: int = 429, retry_after: int | None = 1,
                  description: str | None = None, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with an error (a 429 by default)."""
        if description is None:
            description = (f"Too Many Requests: retry after {retry_after}"
                           if error_code == 429 else "Internal Server Error")
        with self._lock:
            self._faults[method].append(Fault(error_code, description,
                                              retry_after if error_code == 429 else None, times))

    # -- inspection -------------------------------------------------------------------------

    def calls(self, method: str | None = None, *, ok_only: bool = True) -> list[ApiCall]:
        with self._lock:
            return [c for c in self._calls
                    if (method is None or c.method == method) and (c.ok or not ok_only)]

    def replies_to(self, chat_id: int, message_id: int) -> list[ApiCall]:
        """Successful sendMessage calls in `chat_id` that reply to `message_id`."""
        return [c for c in self.calls("sendMessage")
                if c.params.get("chat_id") == chat_id
                and (c.params.get("reply_parameters") or {}).get("message_id") == message_id]

    def sent_message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The message as it is now (after edits), as the server returned it."""
        with self._lock:
            found = self._messages.get((chat_id, message_id))
            return dict(found) if found else None

    def answer_texts(self, chat_id: int, message_id: int) -> list[str]:
        """The current text of each bot message that replies to `message_id`."""
        texts = []
        for call in self.replies_to(chat_id, message_id):
            current = self.sent_message(chat_id, call.result["message_id"])
            texts.append(str((current or call.result).get("text", "")))
        return texts

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0,
                       what: str = "condition") -> Any:
        """Poll `predicate` from async code until it is truthy; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                methods = [c.method for c in self.calls(ok_only=False)]
                raise AssertionError(f"timed out waiting for {what}; calls so far: {methods}")
            await asyncio.sleep(0.05)

    # -- the API ----------------------------------------------------------------------------

    def handle(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        """Answer one call: (HTTP status, result or error body); records the call."""
        with self._lock:
            faults = self._faults.get(method)
            if faults:
                fault = faults[0]
                fault.times -= 1
                if fault.times <= 0:
                    faults.pop(0)
                body: dict[str, Any] = {"ok": False, "error_code": fault.error_code,
                                        "description": fault.description}
                if fault.retry_after is not None:
                    body["parameters"] = {"retry_after": fault.retry_after}
                self._calls.append(ApiCall(method, params, token, fault.error_code, body))
                return fault.error_code, body
        if method == "getUpdates":
            status, result = 200, self._get_updates(params)
        else:
            action = getattr(self, f"_api_{method}", None)
            if action is None:
                status, result = 404, "Not Found: method not found"
            else:
                try:
                    status, result = 200, action(params)
                except _BadRequest as exc:
                    status, result = 400, f"Bad Request: {exc}"
        with self._lock:
            self._calls.append(ApiCall(method, params, token, status, result))
        if status != 200:
            return status, {"ok": False, "error_code": status, "description": result}
        return 200, {"ok": True, "result": result}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = min(int(params.get("limit") or 100), 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self._lock:
            if offset:
                confirmed = [u for u in self._pending if u["update_id"] < offset]
                self._pending = [u for u in self._pending if u["update_id"] >= offset]
                for update in confirmed:
                    self._delivered[update["update_id"]] = update
            while not self._pending and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._updates_changed.wait(left)
            batch = self._pending[:limit]
            for update in batch:
                self._delivered[update["update_id"]] = update
            return json.loads(json.dumps(batch))

    def _bot_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise _BadRequest("chat not found")
        chat = ({"id": chat_id, "type": "private", "first_name": "User"} if chat_id > 0
                else {"id": chat_id, "type": "group", "title": "Test group"})
        message: dict[str, Any] = {"message_id": self.new_message_id(chat_id),
                                   "date": int(time.time()), "chat": chat,
                                   "from": dict(BOT_USER), **content}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        with self._lock:
            self._messages[(chat_id, message["message_id"])] = message
        return dict(message)

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(BOT_USER)

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        url = (self.webhook or {}).get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[(scope, params.get("language_code"))] = list(params.get("commands") or [])
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _api_setMessageReaction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = str(params.get("text") or "")
        _check_text(text, params.get("parse_mode"))
        return self._bot_message(params, text=text)

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = [{"file_id": "photo1", "file_unique_id": "u1", "width": 90, "height": 90}]
        content: dict[str, Any] = {"photo": photo}
        if params.get("caption"):
            content["caption"] = params["caption"]
        return self._bot_message(params, **content)

    def _edit(self, params: dict[str, Any], text: str | None = None) -> dict[str, Any]:
        key = (params.get("chat_id"), params.get("message_id"))
        markup = params.get("reply_markup") or None
        with self._lock:
            message = self._messages.get(key)  # type: ignore[arg-type]
            if message is None or message.get("from", {}).get("id") != BOT_USER["id"]:
                raise _BadRequest("message to edit not found")
            if (text is None or text == message.get("text")) and (
                    markup == message.get("reply_markup")):
                raise _BadRequest("message is not modified")
            if text is not None:
                message["text"] = text
            if markup is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = markup
            message["edit_date"] = int(time.time())
            return dict(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_text(str(params.get("text") or ""), params.get("parse_mode"))
        return self._edit(params, text=str(params["text"]))

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._edit(params)

    def _api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = params.get("user_id")
        if user_id == BOT_USER["id"]:
            return {"status": "member", "user": dict(BOT_USER)}
        if (params.get("chat_id"), user_id) in self.admins:
            return {"status": "administrator", "can_be_edited": False,
                    "is_anonymous": False, "can_manage_chat": True,
                    "can_delete_messages": True, "can_manage_video_chats": True,
                    "can_restrict_members": True, "can_promote_members": False,
                    "can_change_info": True, "can_invite_users": True,
                    "can_post_stories": False, "can_edit_stories": False,
                    "can_delete_stories": False,
                    "user": {"id": user_id, "is_bot": False, "first_name": "Admin"}}
        return {"status": "member",
                "user": {"id": user_id, "is_bot": False, "first_name": "User"}}


class _Server(ThreadingHTTPServer):
    """Threaded HTTP server with a listen backlog for hundreds of concurrent connections."""

    request_queue_size = 1024
    daemon_threads = True


class _BadRequest(Exception):
    """A 400 answer with this description."""


class _TelegramHTML(HTMLParser):
    """Telegram's HTML parse mode, strictly: known tags only, properly nested; counts text."""

    TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code",
                      "pre", "span", "tg-spoiler", "blockquote", "tg-emoji"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text_units = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.TAGS:
            raise _BadRequest(f"can't parse entities: unsupported start tag \"{tag}\"")
        if tag == "a" and not dict(attrs).get("href"):
            raise _BadRequest("can't parse entities: a tag without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise _BadRequest(f"can't parse entities: unmatched end tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text_units += len(data.encode("utf-16-le")) // 2


def _check_text(text: str, parse_mode: str | None) -> None:
    """Reject what Telegram rejects: empty text, bad HTML, over 4096 characters after parsing."""
    if not text.strip():
        raise _BadRequest("message text is empty")
    units = len(text.encode("utf-16-le")) // 2
    if parse_mode == "HTML":
        if re.search(r"<(?![a-zA-Z/])", text):
            raise _BadRequest("can't parse entities: unescaped '<'")
        parser = _TelegramHTML()
        parser.feed(text)
        parser.close()
        if parser.stack:
            raise _BadRequest(f"can't parse entities: unclosed tag \"{parser.stack[-1]}\"")
        units = parser.text_units
    if units > 4096:
        raise _BadRequest("message is too long")


def _decode_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    raw: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query).items()}
    if content_type.startswith("application/json") and body:
        return {**raw, **json.loads(body)}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name and not part.get_filename():
                raw[str(name)] = part.get_content()
            elif name:
                raw[str(name)] = f"<upload {part.get_filename()}>"
    elif body:
        raw.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8"),
                                                  keep_blank_values=True).items()})
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in STRING_PARAMS or not isinstance(value, str):
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _make_handler(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (shutdown, cancelled poll)

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (a cancelled long poll)

        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = url.path.strip("/").split("/")
            if len(parts) != 2 or not parts[0].startswith("bot"):
                self._answer(HTTPStatus.NOT_FOUND, {"ok": False, "error_code": 404,
                                                    "description": "Not Found"})
                return
            token, method = parts[0][3:], parts[1]
            params = _decode_params(self.headers.get("Content-Type") or "", body, url.query)
            status, answer = api.handle(token, method, params)
            self._answer(status, answer)

        do_GET = _serve
        do_POST = _serve

    return Handler
