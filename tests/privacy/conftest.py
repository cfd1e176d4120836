"""The real answer page, a mail server that refuses one guest, and Slack for the organizer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import JSON, String, select

from bot.app import Runtime, build_runtime, create_app
from storage.tables import metadata
from tests.support.mailbox import MAIL_FROM
from tests.support.slack_api import SIGNING_SECRET, TOKEN, SlackApi
from tests.support.smtp import SmtpSink


@pytest.fixture
async def web(runtime) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://127.0.0.1:8000") as client:
        yield client


@dataclass
class PickySink(SmtpSink):
    """Answers RCPT for the addresses in `refuse` (any case) with the reply given there."""

    refuse: dict[str, str] = field(default_factory=dict)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        reply = self.refuse.get(address.casefold())
        if reply:
            return reply
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def picky_sink():
    sink = PickySink().start()
    yield sink
    sink.stop()


@pytest.fixture
async def slack_api():
    api = SlackApi()
    async with api.running():
        yield api


@pytest.fixture
async def delivery(settings, clock, picky_sink, slack_api) -> AsyncIterator[Runtime]:
    """A worker runtime: mail to the picky sink, chat messages to the Slack stand-in."""
    runtime = build_runtime(settings.model_copy(update={
        "SMTP_URL": picky_sink.url, "MAIL_FROM": MAIL_FROM, "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack_api.url}), clock=clock)
    yield runtime
    await runtime.engine.dispose()


async def traces(runtime: Runtime, *needles: str) -> list[str]:
    """Every text, string or JSON value in any table that contains a needle, in any case."""
    wanted = [n.casefold() for n in needles]
    found = []
    async with runtime.engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | JSON)]
            for row in await conn.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    text = (json.dumps(value, ensure_ascii=False)
                            if isinstance(column.type, JSON) else value or "")
                    if any(n in text.casefold() for n in wanted):
                        found.append(f"{table.name}.{column.name}: {text[:120]}")
    return found
