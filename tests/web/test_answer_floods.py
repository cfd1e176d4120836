"""A guest clicking on their answer page again and again: the organizer hears it once a minute.

Answers go through the real page (POST /rsvp/{token}); the worker delivers them through
the real Slack notifier to a stand-in Slack Web API, which records every direct message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from bot import services, tokens
from bot.app import Runtime, build_runtime, create_app
from bot.chat.router import ChatRouter
from bot.worker import OutboxWorker
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows
from tests.support.slack_api import SIGNING_SECRET, TOKEN, SlackApi

MINUTE = timedelta(minutes=1)


@pytest.fixture
async def slack_api() -> AsyncIterator[SlackApi]:
    api = SlackApi()
    async with api.running():
        yield api


@pytest.fixture
async def slack(runtime, settings, clock, slack_api) -> AsyncIterator[Runtime]:
    """The organizer's workspace on Slack, on the test's migrated database."""
    on_slack = build_runtime(settings.model_copy(update={
        "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url}), clock=clock)
    yield on_slack
    await on_slack.engine.dispose()


@pytest.fixture
async def web(slack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime=slack)),
                                 base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.fixture
async def event(slack):
    return await services.create_event(slack.ctx, ORGANIZER, draft())


def link(slack: Runtime, guest) -> str:
    return f"/rsvp/{tokens.token_for(slack.ctx.secret_key, guest)}"


async def deliver(slack: Runtime) -> None:
    """One pass of the worker over the chat rows that are due."""
    worker = OutboxWorker(slack.ctx.uow, slack.ctx.clock,
                          [ChatRouter(slack.ctx, slack.locks, slack.notifiers)])
    while await worker.run_once():
        pass


def told(api: SlackApi) -> list[str]:
    """The direct messages about answers, as the organizer reads them."""
    return [c["text"] for c in api.called("chat.postMessage")
            if " (acme.example) " in c["text"] or " (partner.example) " in c["text"]]


def line(name: str, verb: str, accepted: int, invited: int = 2) -> str:
    domain = "acme.example" if name == "Anna Rossi" else "partner.example"
    return (f"{name} ({domain}) {verb} *Quarterly review* — Tue 3 Mar, 10:00. "
            + (f"{accepted} of {invited} has accepted." if accepted == 1 else
               f"{accepted} of {invited} have accepted."))


async def test_twenty_quick_answers_reach_the_organizer_as_two_messages(
        web, slack, slack_api, event, clock, runtime):
    anna, start = link(slack, event.guests[0]), clock.now()
    await web.post(anna, data={"answer": "accepted"})
    await deliver(slack)  # a running worker takes the first answer at once
    for n in range(18):
        await web.post(anna, data={"answer": ("declined", "accepted")[n % 2]})
    last = await web.post(anna, data={"answer": "tentative", "comment": "Train strike"})
    assert last.status_code == 200 and "Thank you!" in last.text

    first, waiting = await outbox_rows(runtime, "chat.answer")
    assert (first["status"], first["next_attempt_at"]) == ("sent", start)
    assert (waiting["status"], waiting["next_attempt_at"]) == ("pending", start + MINUTE)
    assert waiting["payload"] | {"previous": "accepted", "answer": "tentative",
                                 "comment": "Train strike", "accepted": 0} == waiting["payload"]

    clock.advance(seconds=59)
    await deliver(slack)
    assert told(slack_api) == [line("Anna Rossi", "accepted", 1)]
    clock.advance(seconds=1)
    await deliver(slack)
    assert told(slack_api) == [line("Anna Rossi", "accepted", 1),
                               line("Anna Rossi", "might attend", 0)
                               + "\nTheir note: “Train strike”"]
    # and the card, posted with the first answer, was edited once for the other nineteen
    assert len(slack_api.called("chat.update")) == 1


async def test_answers_quicker_than_the_worker_go_out_as_one_message(
        web, slack, slack_api, event, runtime, clock):
    anna = link(slack, event.guests[0])
    for answer in ("accepted", "declined", "accepted", "declined"):
        await web.post(anna, data={"answer": answer})
    [row] = await outbox_rows(runtime, "chat.answer")
    assert (row["next_attempt_at"], row["payload"]["previous"], row["payload"]["answer"]) == (
        clock.now(), "awaiting", "declined")
    await deliver(slack)
    assert told(slack_api) == [line("Anna Rossi", "declined", 0)]


async def test_back_to_what_the_organizer_was_told_within_the_minute_sends_nothing_more(
        web, slack, slack_api, event, runtime, clock):
    anna = link(slack, event.guests[0])
    await web.post(anna, data={"answer": "accepted"})
    await deliver(slack)
    await web.post(anna, data={"answer": "declined"})
    await web.post(anna, data={"answer": "accepted"})
    assert [r["status"] for r in await outbox_rows(runtime, "chat.answer")] == ["sent"]
    clock.advance(minutes=1)
    await deliver(slack)
    assert told(slack_api) == [line("Anna Rossi", "accepted", 1)]

    clock.advance(seconds=10)  # a real change of mind later is told again, at once
    await web.post(anna, data={"answer": "declined"})
    await deliver(slack)
    assert told(slack_api) == [line("Anna Rossi", "accepted", 1),
                               line("Anna Rossi", "declined", 0)]


async def test_two_guests_answering_at_once_are_told_apart(
        web, slack, slack_api, event, runtime, clock):
    anna, bob = (link(slack, g) for g in event.guests)
    start = clock.now()
    await asyncio.gather(web.post(anna, data={"answer": "accepted"}),
                         web.post(bob, data={"answer": "accepted"}))
    await deliver(slack)
    first = told(slack_api)
    assert sorted(t.split(" (")[0] for t in first) == ["Anna Rossi", "Bob Stone"]
    assert all(" accepted *Quarterly review*" in t for t in first)
    await asyncio.gather(web.post(anna, data={"answer": "declined"}),
                         web.post(bob, data={"answer": "tentative"}))
    waiting = [r for r in await outbox_rows(runtime, "chat.answer") if r["status"] == "pending"]
    assert sorted((r["payload"]["attendee_id"], r["payload"]["answer"], r["next_attempt_at"])
                  for r in waiting) == [(event.guests[0].id, "declined", start + MINUTE),
                                        (event.guests[1].id, "tentative", start + MINUTE)]
    clock.advance(minutes=1)
    await deliver(slack)
    later = told(slack_api)[2:]
    assert sorted(t.split(" *")[0] for t in later) == [
        "Anna Rossi (acme.example) declined", "Bob Stone (partner.example) might attend"]
