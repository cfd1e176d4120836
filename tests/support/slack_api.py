"""A stand-in for the Slack Web API on 127.0.0.1: answers in Slack's shapes, records calls."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import serve
from tests.support.smtp import free_port

SIGNING_SECRET = "slack-signing-secret"
TOKEN = "xoxb-test-token"
TEAM = "T0ACME"


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class SlackApi:
    """Records every call; `users` holds users.info answers; `rate_limit` answers 429 once."""

    port: int = field(default_factory=free_port)
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # downloads, by file name
    file_ids: dict[str, str] = field(default_factory=dict)  # files.info: file id -> name
    rate_limit: set[str] = field(default_factory=set)
    _counter: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def called(self, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10) -> list[dict]:
        """Bolt answers Slack first and works after: wait for the calls to happen."""
        async with asyncio.timeout(timeout):
            while len(self.called(method)) < count:
                await asyncio.sleep(0.02)
        return self.called(method)

    async def api(self, request: Request) -> Response:
        method = request.path_params["method"]
        args = await _arguments(request)
        if method in self.rate_limit:
            self.rate_limit.discard(method)
            return JSONResponse({"ok": False, "error": "ratelimited"}, status_code=429,
                                headers={"Retry-After": "1"})
        self.calls.append(Call(method, args))
        refused = refusal(method, args)
        if refused:
            return JSONResponse({"ok": False, "error": refused})
        return JSONResponse(self._answer(method, args))

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        self._counter += 1
        if method == "auth.test":
            return {"ok": True, "url": "https://acme.slack.com/", "team": "Acme", "user": "ospite",
                    "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT"}
        if method in ("views.open", "views.push", "views.update"):
            view = args["view"]
            view_id = args.get("view_id") or f"V{self._counter:04d}"
            return {"ok": True, "view": {**view, "id": view_id, "hash": f"h{self._counter}",
                                         "root_view_id": view_id}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{args.get('users', 'X')}"}}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            return {"ok": True, "channel": args.get("channel"),
                    "ts": args.get("ts") or f"1700000000.{self._counter:06d}",
                    "message": {"text": args.get("text", "")}}
        if method == "files.info":
            name = self.file_ids.get(args.get("file", ""))
            if name is None:
                return {"ok": False, "error": "file_not_found"}
            url = f"http://127.0.0.1:{self.port}/files/{name}"
            return {"ok": True, "file": {"id": args["file"], "name": name, "size": len(
                self.files[name]), "mimetype": "application/pdf", "url_private": url,
                "url_private_download": url}}
        if method == "users.info":
            user = self.users.get(args.get("user", ""))
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": user}
        return {"ok": True}

    async def respond(self, request: Request) -> Response:
        """The slash command's response_url (ephemeral replies)."""
        self.calls.append(Call("respond", json.loads(await request.body())))
        return Response("ok")

    async def download(self, request: Request) -> Response:
        name = request.path_params["name"]
        self.calls.append(Call("download", {"name": name}))
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return Response(status_code=403)
        if name not in self.files:
            return Response(status_code=404)
        return Response(self.files[name], media_type="application/octet-stream")

    @asynccontextmanager
    async def running(self) -> AsyncIterator[SlackApi]:
        app = Starlette(routes=[Route("/api/{method}", self.api, methods=["POST", "GET"]),
                                Route("/files/{name}", self.download),
                                Route("/respond", self.respond, methods=["POST"])])
        async with serve(app, self.port):
            yield self


def refusal(method: str, args: dict[str, Any]) -> str | None:
    """What Slack answers to what it would refuse: too many blocks, too long a text."""
    if method in ("views.open", "views.push", "views.update", "views.publish"):
        view = args.get("view") or {}
        if len(view.get("blocks", [])) > 100 or len(view.get("private_metadata", "")) > 3000:
            return "invalid_arguments"
        if len((view.get("title") or {}).get("text", "")) > 24:
            return "invalid_arguments"
        return _blocks_refused(view.get("blocks", []))
    if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        blocks = args.get("blocks") or []
        if len(blocks) > 50:
            return "invalid_blocks"
        if len(args.get("text") or "") > 40000:
            return "msg_too_long"
        return _blocks_refused(blocks)
    return None


def _blocks_refused(blocks: list[dict[str, Any]]) -> str | None:
    for block in blocks:
        if block.get("type") == "section" and len(block["text"]["text"]) > 3000:
            return "invalid_blocks"
        for element in block.get("elements", []):
            if element.get("type") == "button" and len(element["text"]["text"]) > 75:
                return "invalid_blocks"
    return None


async def _arguments(request: Request) -> dict[str, Any]:
    """Arguments from the query string (GET methods) and the form or JSON body."""
    body = await request.body()
    found: dict[str, Any] = dict(request.query_params)
    if request.headers.get("content-type", "").startswith("application/json"):
        found.update(json.loads(body or b"{}"))
    else:
        found.update(parse_qsl(body.decode()))
    for key in ("view", "blocks"):
        if isinstance(found.get(key), str):
            found[key] = json.loads(found[key])
    return found


def user(user_id: str, name: str, *, admin: bool = False, tz: str = "Europe/Rome",
         locale: str = "en-US", email: str = "") -> dict[str, Any]:
    """A users.info `user` object."""
    return {"id": user_id, "team_id": TEAM, "name": name.lower().replace(" ", "."),
            "real_name": name, "tz": tz, "locale": locale, "is_admin": admin,
            "is_owner": False, "profile": {"real_name": name, "display_name": name,
                                           "email": email}}


def signed(body: str, secret: str = SIGNING_SECRET, at: int | None = None) -> dict[str, str]:
    """Headers Slack sends with a request body it signed."""
    timestamp = str(at if at is not None else int(time.time()))
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def command_body(api: SlackApi, text: str, user_id: str = "UORG", trigger: str = "trig-1") -> str:
    return urlencode({"command": "/event", "text": text, "team_id": TEAM, "user_id": user_id,
                      "user_name": "marta", "channel_id": "C1", "trigger_id": trigger,
                      "response_url": f"http://127.0.0.1:{api.port}/respond",
                      "token": "legacy"})


def interaction_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})
