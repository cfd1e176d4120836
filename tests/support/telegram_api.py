"""A stand-in Telegram Bot API on 127.0.0.1: documented answer shapes, every call recorded.

It refuses what Telegram refuses, as Telegram does (400 with the same description): a message
over 4,096 characters (counted in UTF-16 code units) or empty, callback data over 64 bytes,
and a second answer to one button press.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import serve
from tests.support.smtp import free_port

TOKEN = "123456:TEST-TOKEN"
MESSAGE_CHARS = 4096
CALLBACK_BYTES = 64
BOT = {"id": 123456, "is_bot": True, "first_name": "Ospite", "username": "ospite_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}


@dataclass
class BotApi:
    port: int = field(default_factory=free_port)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    members: dict[int, str] = field(default_factory=dict)  # user id -> status in the company
    files: dict[str, bytes] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)  # served by getUpdates
    rate_limit: set[str] = field(default_factory=set)
    fail_once: set[str] = field(default_factory=set)  # methods that answer 500 once
    refused: list[tuple[str, str]] = field(default_factory=list)  # (method, description)
    _answered: set[str] = field(default_factory=set)  # callback query ids
    conflicts: int = 0  # getUpdates calls made while another poller was waiting (409s)
    _message_id: int = 100
    _polls: list[asyncio.Event] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def called(self, method: str) -> list[dict[str, Any]]:
        return [args for name, args in self.calls if name == method]

    def said(self) -> list[str]:
        return [a["text"] for a in self.called("sendMessage")]

    def answers(self) -> list[str]:
        """The notices shown on pressed buttons (answerCallbackQuery texts)."""
        return [a.get("text", "") for a in self.called("answerCallbackQuery")]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10) -> list[dict]:
        async with asyncio.timeout(timeout):
            while len(self.called(method)) < count:
                await asyncio.sleep(0.02)
        return self.called(method)

    async def method(self, request: Request) -> Response:
        name = request.path_params["method"]
        args = await _arguments(request)
        if name in self.rate_limit:
            self.rate_limit.discard(name)
            return JSONResponse({"ok": False, "error_code": 429,
                                 "description": "Too Many Requests: retry after 1",
                                 "parameters": {"retry_after": 1}}, status_code=429)
        if name in self.fail_once:
            self.fail_once.discard(name)
            return JSONResponse({"ok": False, "error_code": 500,
                                 "description": "Internal Server Error"}, status_code=500)
        if name == "getUpdates":
            return await self._long_poll(args)
        refusal = self._refusal(name, args)
        if refusal:
            self.refused.append((name, refusal))
            return JSONResponse({"ok": False, "error_code": 400, "description": refusal},
                                status_code=400)
        self.calls.append((name, args))
        return JSONResponse({"ok": True, "result": await self._result(name, args)})

    def _refusal(self, name: str, args: dict[str, Any]) -> str | None:
        """What Telegram would say to this call, if it refuses it."""
        if name in ("sendMessage", "editMessageText"):
            text = str(args.get("text") or "")
            if not text.strip():
                return "Bad Request: message text is empty"
            if len(text.encode("utf-16-le")) // 2 > MESSAGE_CHARS:
                return "Bad Request: message is too long"
        markup = args.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []) if isinstance(markup, dict) else []:
            for key in row:
                data = key.get("callback_data")
                if data is not None and not 0 < len(str(data).encode()) <= CALLBACK_BYTES:
                    return "Bad Request: BUTTON_DATA_INVALID"
        if name == "getFile" and args["file_id"] not in self.files:
            return "Bad Request: wrong file_id or the file is temporarily unavailable"
        if name == "answerCallbackQuery":
            if args["callback_query_id"] in self._answered:
                return ("Bad Request: query is too old and response timeout expired or query "
                        "ID is invalid")
            self._answered.add(args["callback_query_id"])
        return None

    async def _long_poll(self, args: dict[str, Any]) -> Response:
        """Like Telegram: wait for updates; a second poller ends the first one with 409."""
        for waiting in self._polls:
            self.conflicts += 1
            waiting.set()
        ended = asyncio.Event()
        self._polls.append(ended)
        try:
            deadline = time.monotonic() + min(float(args.get("timeout") or 0), 2.0)
            while not self.updates and not ended.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        finally:
            self._polls.remove(ended)
        if ended.is_set():
            return JSONResponse({"ok": False, "error_code": 409, "description": (
                "Conflict: terminated by other getUpdates request; make sure that only one "
                "bot instance is running")}, status_code=409)
        served, self.updates = self.updates, []
        return JSONResponse({"ok": True, "result": served})

    async def _result(self, name: str, args: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name in ("sendMessage", "editMessageText"):
            if name == "sendMessage":
                self._message_id += 1
            return {"message_id": int(args.get("message_id") or self._message_id),
                    "date": int(time.time()), "text": args.get("text", ""),
                    "chat": {"id": int(args["chat_id"]), "type": "private"}, "from": BOT}
        if name == "getChatMember":
            status = self.members.get(int(args["user_id"]), "left")
            return {"status": status, "user": {"id": int(args["user_id"]), "is_bot": False,
                                               "first_name": "Member"},
                    **({"until_date": 0} if status == "kicked" else {})}
        if name == "getFile":
            return {"file_id": args["file_id"], "file_unique_id": args["file_id"],
                    "file_size": len(self.files.get(args["file_id"], b"")),
                    "file_path": f"documents/{args['file_id']}"}
        return True

    async def file(self, request: Request) -> Response:
        found = self.files.get(request.path_params["name"])
        return Response(found) if found is not None else Response(status_code=404)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[BotApi]:
        app = Starlette(routes=[
            Route("/bot{token}/{method}", self.method, methods=["GET", "POST"]),
            Route("/file/bot{token}/documents/{name}", self.file)])
        async with serve(app, self.port):
            yield self


async def _arguments(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").startswith("application/json"):
        return json.loads(await request.body() or b"{}")
    form = await request.form()
    found: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else ""
        try:
            found[key] = json.loads(text) if text[:1] in "[{" else text
        except json.JSONDecodeError:
            found[key] = text
    return found


_update_id = 0


def _next_id() -> int:
    global _update_id
    _update_id += 1
    return _update_id


def sender(user_id: int, first: str = "Marta", last: str = "Bianchi",
           language: str = "en") -> dict[str, Any]:
    """A person as Telegram describes them; `language` is their app's language_code."""
    return {"id": user_id, "is_bot": False, "first_name": first, "last_name": last,
            "language_code": language}


def message(user_id: int, text: str, language: str = "en", **extra: Any) -> dict[str, Any]:
    """An update with a private message (commands get their entity, as Telegram sends them)."""
    body: dict[str, Any] = {"message_id": _next_id(), "date": int(time.time()),
                            "chat": {"id": user_id, "type": "private"},
                            "from": sender(user_id, language=language), "text": text, **extra}
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0,
                             "length": len(text.split(" ")[0])}]
    return {"update_id": _next_id(), "message": body}


def document(user_id: int, file_id: str, name: str, size: int,
             language: str = "en") -> dict[str, Any]:
    update = message(user_id, "", language)
    del update["message"]["text"]
    update["message"]["document"] = {"file_id": file_id, "file_unique_id": file_id,
                                     "file_name": name, "mime_type": "application/pdf",
                                     "file_size": size}
    return update


def button(user_id: int, data: str, language: str = "en") -> dict[str, Any]:
    """A press on an inline button carrying `data` (which a client may forge)."""
    return {"update_id": _next_id(), "callback_query": {
        "id": str(_next_id()), "from": sender(user_id, language=language),
        "chat_instance": "ci", "data": data,
        "message": {"message_id": _next_id(), "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"}, "from": BOT, "text": "…"}}}
