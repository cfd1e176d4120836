"""Request bodies are limited before any route reads them: 413 too large, 415 wrong type."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from bot import services
from bot.app import build_runtime, create_app
from bot.domain.model import Answer
from tests.support.outbox import outbox_rows
from tests.support.slack_api import SIGNING_SECRET, TOKEN, signed

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
MIB = 1024 * 1024


class Body:
    """A chunked request body that counts how much of it the server pulled."""

    def __init__(self, total: int, chunk: int = 1024, prefix: bytes = b"") -> None:
        self.total, self.chunk, self.prefix, self.pulled = total, chunk, prefix, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.prefix
        self.pulled += len(self.prefix)
        while self.pulled < self.total:
            self.pulled += self.chunk
            yield b"x" * self.chunk


async def nothing_recorded(ctx, runtime, event) -> bool:
    guest = (await services.get_event(ctx, event.id)).guests[0]
    return guest.answer is Answer.AWAITING and await outbox_rows(runtime, "chat.answer") == []


async def test_an_oversized_answer_is_refused_before_anything_is_read(web, link, ctx, runtime,
                                                                      event):
    big = await web.post(link, data={"answer": "accepted", "comment": "x" * 9000})
    assert big.status_code == 413
    assert await nothing_recorded(ctx, runtime, event)
    fits = await web.post(link, data={"answer": "accepted", "comment": "x" * 900})
    assert fits.status_code == 200


async def test_a_chunked_answer_is_cut_off_at_the_limit(web, link, ctx, runtime, event):
    body = Body(10 * MIB, prefix=b"answer=accepted&comment=")
    refused = await web.post(link, content=body, headers=FORM)
    assert refused.status_code == 413
    assert body.pulled < 16 * 1024  # 8 KiB and a chunk, not the 10 MiB
    assert await nothing_recorded(ctx, runtime, event)


@pytest.mark.parametrize("headers", [
    {"Content-Type": "multipart/form-data; boundary=b"}, {"Content-Type": "application/json"},
    {"Content-Type": "text/plain"}, {}])
async def test_the_answer_page_takes_only_a_plain_form(web, link, ctx, runtime, event, headers):
    refused = await web.post(link, content=b"answer=accepted", headers=headers)
    assert refused.status_code == 415
    assert await nothing_recorded(ctx, runtime, event)


async def test_an_upload_is_refused_before_the_link_is_even_looked_up(web):
    refused = await web.post(f"/rsvp/{'A' * 43}", data={"answer": "accepted"},
                             files={"f": ("a.txt", b"hello")})
    assert refused.status_code == 415  # not the 404 of an unknown link


async def test_routes_without_a_limit_of_their_own_get_the_default(web):
    assert (await web.post("/healthz", content=b"x" * (64 * 1024 + 1))).status_code == 413
    assert (await web.post("/healthz", files={"f": ("a", b"a")})).status_code == 415
    assert (await web.post("/healthz", content=b"x" * 1024)).status_code == 405  # the route's


@asynccontextmanager
async def app_with(settings, clock, **changes) -> AsyncIterator[httpx.AsyncClient]:
    runtime = build_runtime(settings.model_copy(update=changes), clock=clock)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(
                runtime=runtime)), base_url="http://127.0.0.1:8000") as client:
            yield client
    finally:
        await runtime.engine.dispose()


async def test_slack_bodies_over_1_mib_are_refused_before_the_signature_is_checked(
        runtime, settings, clock):
    async with app_with(settings, clock, SLACK_BOT_TOKEN=TOKEN,
                        SLACK_SIGNING_SECRET=SIGNING_SECRET,
                        SLACK_API_URL="http://127.0.0.1:9/api/") as slack:
        big = "command=/event&text=" + "x" * MIB
        assert (await slack.post("/slack/events", content=big, headers=signed(big))
                ).status_code == 413
        streamed = Body(100 * MIB, chunk=64 * 1024)
        refused = await slack.post("/slack/events", content=streamed, headers=FORM)
        assert refused.status_code == 413 and streamed.pulled < 2 * MIB
        unsigned = await slack.post("/slack/events", content="x" * (MIB - 100), headers=FORM)
        assert unsigned.status_code == 401  # under the limit: Bolt's own check answers


async def test_telegram_updates_over_1_mib_are_refused_before_the_secret_is_checked(
        runtime, settings, clock):
    async with app_with(settings, clock, TELEGRAM_BOT_TOKEN="123:abc",
                        TELEGRAM_API_URL="http://127.0.0.1:9/bot",
                        TELEGRAM_WEBHOOK_SECRET="hook-secret") as telegram:
        big = json.dumps({"update_id": 1, "padding": "x" * MIB})
        refused = await telegram.post("/telegram/webhook", content=big, headers={
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "hook-secret"})
        assert refused.status_code == 413
        form = await telegram.post("/telegram/webhook", data={"update_id": "1"})
        assert form.status_code == 415
        unchecked = await telegram.post("/telegram/webhook", json={"update_id": 1})
        assert unchecked.status_code == 403  # a small update without the secret: the route's
