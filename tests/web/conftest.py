"""The real ASGI app and an event with guests whose links the tests can open."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot import services, tokens
from bot.app import create_app
from tests.support.drafts import ORGANIZER, draft


@pytest.fixture
async def web(runtime) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture
async def event(ctx):
    return await services.create_event(ctx, ORGANIZER, draft())


@pytest.fixture
def link(ctx, event) -> str:
    """Anna's answer page, as the invitation email links it."""
    return f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}"
