"""The guest's answer page through the real ASGI app: GET shows, POST records."""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta

import pytest

from bot import services, tokens
from bot.chat.router import CHAT_KINDS
from bot.domain.drafts import GuestDraft
from bot.domain.model import Answer
from bot.worker import OutboxWorker
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows


async def test_the_page_shows_the_event_as_the_guest_may_see_it(web, link):
    page = await web.get(link)
    assert page.status_code == 200
    for shown in ("Quarterly review", "Marta Bianchi invites you", "Tuesday 3 March 2026",
                  "10:00–11:00 (Europe/Rome)", "Via Roma 1, Milano", "Bring questions.",
                  "Not answered yet", "Accept", "Maybe", "Decline"):
        assert shown in page.text
    assert "bob@partner.example" not in page.text  # other guests are not shown


async def test_a_get_never_changes_anything(web, link, runtime, ctx, event):
    page = await web.get(f"{link}?answer=accepted")
    assert 'class="choice choice-accepted preselected"' in page.text
    assert (await services.get_event(ctx, event.id)).guests[0].answer is Answer.AWAITING
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_posting_records_the_answer_and_confirms(web, link, runtime, ctx, event):
    page = await web.post(link, data={"answer": "accepted", "comment": "See you there"})
    assert page.status_code == 200
    assert "Thank you! Marta Bianchi will be told that you accepted." in page.text
    assert 'id="current-answer" class="answer-accepted">Accepted' in page.text
    stored = (await services.get_event(ctx, event.id)).guests[0]
    assert (stored.answer, stored.comment) == (Answer.ACCEPTED, "See you there")
    [row] = await outbox_rows(runtime, "chat.answer")
    assert row["payload"] | {"source": "web", "answer": "accepted", "comment": "See you there",
                             "accepted": 1} == row["payload"]


async def test_answering_twice_the_same_way_notifies_once(web, link, runtime):
    await web.post(link, data={"answer": "declined"})
    again = await web.post(link, data={"answer": "declined"})
    assert "Your answer was already recorded." in again.text
    assert len(await outbox_rows(runtime, "chat.answer")) == 1


class ChatDelivered:
    """A chat platform that takes every message."""

    kinds = CHAT_KINDS

    async def deliver(self, messages):
        return {m.id: None for m in messages}


async def test_changing_the_answer_notifies_again(web, link, runtime, clock):
    await web.post(link, data={"answer": "accepted"})
    await OutboxWorker(runtime.ctx.uow, clock, [ChatDelivered()]).run_once()
    await web.post(link, data={"answer": "tentative", "comment": "Train strike"})
    rows = await outbox_rows(runtime, "chat.answer")
    assert [(r["payload"]["previous"], r["payload"]["answer"]) for r in rows] == [
        ("awaiting", "accepted"), ("accepted", "tentative")]
    assert rows[1]["next_attempt_at"] == clock.now() + timedelta(minutes=1)


async def test_a_post_without_a_choice_is_refused(web, link, runtime):
    page = await web.post(link, data={"answer": "maybe-later"})
    assert page.status_code == 400 and "Choose Accept, Maybe or Decline." in page.text
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_a_post_from_another_site_is_refused(web, link, runtime):
    page = await web.post(link, data={"answer": "accepted"},
                          headers={"Origin": "https://evil.example"})
    assert page.status_code == 403
    assert await outbox_rows(runtime, "chat.answer") == []
    same = await web.post(link, data={"answer": "accepted"},
                          headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 200


@pytest.mark.parametrize("token", ["short", "x" * 43, secrets.token_urlsafe(32),
                                   "%3Cscript%3E", "x" * 44])
async def test_bad_links_get_the_same_friendly_404(web, token):
    page = await web.get(f"/rsvp/{token}")
    assert page.status_code == 404
    assert "This link is no longer valid" in page.text
    assert "Questo link non è più valido" in page.text


async def test_a_removed_guests_link_is_dead(web, link, ctx, event, runtime):
    valid = await web.get(link)
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[draft().guests[1]]))
    dead, unknown = await web.get(link), await web.get(f"/rsvp/{'A' * 43}")
    assert dead.status_code == unknown.status_code == 404
    assert dead.text == unknown.text != valid.text
    refused = await web.post(link, data={"answer": "accepted"})
    assert refused.status_code == 404
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_a_cancelled_event_says_so_and_takes_no_answer(web, link, ctx, event, runtime):
    await services.cancel_event(ctx, ORGANIZER, event.id)
    page = await web.get(link)
    assert page.status_code == 200 and "This event was cancelled." in page.text
    assert "<form" not in page.text
    refused = await web.post(link, data={"answer": "accepted"})
    assert refused.status_code == 409 and "This event was cancelled." in refused.text
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_an_ended_event_takes_no_answer(web, link, clock, runtime):
    clock.advance(days=3)
    page = await web.get(link)
    assert "This event has already taken place" in page.text and "<form" not in page.text
    refused = await web.post(link, data={"answer": "accepted"})
    assert refused.status_code == 409
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_everything_the_organizer_typed_is_escaped(web, ctx):
    evil = draft(title='<script>alert("t")</script>', description="<img src=x onerror=alert(1)>",
                 place='"><b>place</b>')
    event = await services.create_event(ctx, ORGANIZER, evil)
    page = await web.get(f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}")
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "<b>place</b>" not in page.text


async def test_security_headers_keep_the_token_private(web, link):
    for response in (await web.get(link), await web.get(f"/rsvp/{'A' * 43}"),
                     await web.post(link, data={"answer": "accepted"})):
        assert response.headers["referrer-policy"] == "no-referrer"
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in response.headers
    assert "<script>" not in (await web.get(link)).text  # no inline script at all


async def test_the_page_follows_the_events_language(web, ctx):
    event = await services.create_event(ctx, ORGANIZER, draft(locale="it"))
    link = f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}"
    page = await web.get(link)
    assert "martedì 3 marzo 2026" in page.text and "Accetto" in page.text
    done = await web.post(link, data={"answer": "declined"})
    assert "Grazie! Informeremo Marta Bianchi che Lei non parteciperà." in done.text


async def test_fifty_guests_answering_at_once_are_each_recorded_and_notified_once(
        web, ctx, runtime):
    guests = [GuestDraft(f"guest{i}@partner.example", "Guest", str(i)) for i in range(50)]
    event = await services.create_event(ctx, ORGANIZER, draft(guests=guests))
    links = [f"/rsvp/{tokens.token_for(ctx.secret_key, g)}" for g in event.guests]
    answers = await asyncio.gather(*(web.post(link, data={"answer": "accepted"})
                                     for link in links))
    assert [a.status_code for a in answers] == [200] * 50
    stored = await services.get_event(ctx, event.id)
    assert all(g.answer is Answer.ACCEPTED for g in stored.guests)
    rows = await outbox_rows(runtime, "chat.answer")
    assert sorted(r["payload"]["attendee_id"] for r in rows) == sorted(g.id for g in event.guests)
    assert sorted(r["payload"]["accepted"] for r in rows) == list(range(1, 51))
