"""Request-body limits, enforced before any route reads a byte (a pure ASGI middleware).

Each path has a size limit and the content types it takes; a declared Content-Length over
the limit is refused at once, and a chunked body is cut off as soon as it passes the
limit, so no handler ever buffers more than that. Multipart is refused everywhere: no
route takes uploads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

KIB, MIB = 1024, 1024 * 1024
FORM, JSON = "application/x-www-form-urlencoded", "application/json"


@dataclass(frozen=True)
class Limit:
    """At most `max_bytes` of body; `types`: the media types taken (None: any but multipart)."""

    max_bytes: int
    types: frozenset[str] | None = None


# First match wins; any other path (routes added later too) gets DEFAULT.
LIMITS: tuple[tuple[re.Pattern[str], Limit], ...] = (
    (re.compile(r"/rsvp/[^/]+(/stop)?"), Limit(8 * KIB, frozenset({FORM}))),
    (re.compile(r"/slack/events"), Limit(MIB, frozenset({FORM, JSON}))),
    (re.compile(r"/telegram/webhook"), Limit(MIB, frozenset({JSON}))),
)
DEFAULT = Limit(64 * KIB)
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLarge(Exception):
    """Raised into the app when a streamed body passes its limit."""


class BodyLimits:
    """Refuse bodies that are too large (413) or of a type the path does not take (415)."""

    def __init__(self, app: ASGIApp, limits: tuple[tuple[re.Pattern[str], Limit], ...] = LIMITS,
                 default: Limit = DEFAULT) -> None:
        self.app, self.limits, self.default = app, limits, default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        refusal = _refusal(scope, limit)
        if refusal is not None:
            await _refuse(send, *refusal)
            return
        metered = _Metered(receive, send, limit.max_bytes)
        try:
            await self.app(scope, metered.receive, metered.send)
        except Exception:
            if not metered.over:
                raise  # whatever the app raises after the cut-off is a consequence of it
        if metered.over and not metered.started:
            await _refuse(send, *_TOO_LARGE)

    def _limit_for(self, path: str) -> Limit:
        return next((limit for pattern, limit in self.limits if pattern.fullmatch(path)),
                    self.default)


_TOO_LARGE = (413, "Request body too large.")
_UNSUPPORTED = (415, "Unsupported content type.")
_BAD_LENGTH = (400, "Malformed Content-Length.")


def _refusal(scope: Scope, limit: Limit) -> tuple[int, str] | None:
    """What the headers alone already decide."""
    headers = dict(scope["headers"])  # a repeated header would be refused by the server
    length = headers.get(b"content-length")
    has_body = scope["method"] in _WITH_BODY or length not in (None, b"0") or (
        b"transfer-encoding" in headers)
    if length is not None:
        if not length.isdigit():
            return _BAD_LENGTH
        if int(length) > limit.max_bytes:
            return _TOO_LARGE
    if not has_body:
        return None
    media = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
    if media.startswith("multipart/"):
        return _UNSUPPORTED
    if limit.types is not None and media not in limit.types:
        return _UNSUPPORTED
    return None


class _Metered:
    """Counts the body as the app reads it; past the limit, the app's own answer is dropped."""

    def __init__(self, receive: Receive, send: Send, max_bytes: int) -> None:
        self._receive, self._send, self._max = receive, send, max_bytes
        self.seen, self.over, self.started = 0, False, False

    async def receive(self) -> Message:
        if self.over:
            raise BodyTooLarge
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self._max:
                self.over = True
                raise BodyTooLarge
        return message

    async def send(self, message: Message) -> None:
        if self.over and not self.started:
            return  # the 413 is ours to send, once the app has given up
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


async def _refuse(send: Send, status: int, text: str) -> None:
    # Connection: close, so the server stops reading what the client still sends.
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
