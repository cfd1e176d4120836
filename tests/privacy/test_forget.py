"""A guest invited to two events asks for a copy of their data, then to be forgotten."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot import privacy, services, tokens
from bot.domain.drafts import GuestDraft
from bot.domain.notices import Notice
from bot.guest_cli import document
from handlers.slack.forms import FormState, recall, remember
from handlers.telegram.persistence import DatabasePersistence
from tests.privacy.conftest import traces
from tests.support.drafts import BOB, CHLOE, ORGANIZER, draft
from tests.support.mailbox import answer_link, deliver_all
from tests.support.outbox import outbox_rows

# The organizer typed her address differently on each event.
GINEVRA = GuestDraft("Ginevra.Quagliarella@studio-q.example", "Ginevra", "Quagliarella")
GINEVRA_AGAIN = GuestDraft("ginevra.quagliarella@studio-q.example", "Ginevra", "Quagliarella")
ADDRESS = "GINEVRA.QUAGLIARELLA@Studio-Q.example"
NEEDLES = (ADDRESS, "Ginevra", "Quagliarella")
NOTE = "Ginevra here: vegetarian, please"
REFUSED = "550 5.1.1 <ginevra.quagliarella@studio-q.example>: Ginevra Quagliarella unknown"
LATER = "451 4.2.0 <ginevra.quagliarella@studio-q.example> is over quota, try later"


async def invited_twice(ctx, delivery, picky_sink, web):
    """Event 1: answered with a note, then an update refused (550); event 2: still pending."""
    first = await services.create_event(ctx, ORGANIZER, draft(guests=[GINEVRA, BOB]))
    await deliver_all(delivery)
    [mail] = [m for m in picky_sink.messages if "ginevra" in str(m["To"]).lower()]
    link = answer_link(mail).removeprefix("http://127.0.0.1:8000")
    answered = await web.post(link, data={"answer": "accepted", "comment": NOTE})
    assert answered.status_code == 200
    picky_sink.refuse[GINEVRA_AGAIN.email] = REFUSED
    await services.update_event(ctx, ORGANIZER, first.id, draft(guests=[GINEVRA, BOB],
                                                                place="Room 2"))
    await deliver_all(delivery)
    picky_sink.refuse[GINEVRA_AGAIN.email] = LATER
    second = await services.create_event(ctx, ORGANIZER, draft(title="Studio visit",
                                                               guests=[GINEVRA_AGAIN, CHLOE]))
    await deliver_all(delivery)
    second_link = f"/rsvp/{tokens.token_for(ctx.secret_key, second.guests[0])}"
    return first, second, [link, second_link]


async def half_typed_forms(ctx):
    """An organizer is typing her in Slack, another in Telegram."""
    guests = [{"email": GINEVRA.email, "first_name": "Ginevra", "last_name": "Quagliarella"},
              {"email": BOB.email, "first_name": "Bob", "last_name": "Stone"}]
    key = await remember(ctx, FormState(owner="UORG", guests=guests))
    await DatabasePersistence(ctx).update_user_data(42, {"draft": {
        "title": "Lunch", "guests": [], "guest": {"email": ADDRESS.lower(),
                                                  "first_name": "Ginevra"}}})
    return key


async def test_export_then_forget_leaves_nothing_of_the_guest(
        ctx, runtime, delivery, picky_sink, slack_api, web):
    first, second, links = await invited_twice(ctx, delivery, picky_sink, web)
    form_key = await half_typed_forms(ctx)

    held = await privacy.export_guest(ctx, ADDRESS)
    exported = document(ADDRESS, held)
    one, two = exported["invitations"]
    assert one["event"] == {"title": "Quarterly review", "start": "2026-03-03T10:00:00+01:00",
                            "end": "2026-03-03T11:00:00+01:00", "timezone": "Europe/Rome",
                            "place": "Room 2", "status": "scheduled",
                            "organizer": "Marta Bianchi"}
    assert (one["answer"], one["note"], one["answered_at"]) == (
        "accepted", NOTE, "2026-03-01T10:00:00+01:00")
    assert [(m["kind"], m["status"]) for m in one["messages"]] == [
        ("mail.invitation", "sent"), ("mail.update", "failed")]
    assert (two["event"]["title"], two["first_name"], two["answer"]) == (
        "Studio visit", "Ginevra", "awaiting")
    assert [(m["kind"], m["status"]) for m in two["messages"]] == [("mail.invitation", "pending")]
    text = json.dumps(exported)
    assert not any(link.rsplit("/", 1)[1] in text for link in links)
    assert "Bob" not in text and "Chlo" not in text

    before = await traces(runtime, *NEEDLES)
    for where in ("attendees.email", "attendees.comment", "outbox.payload", "outbox.last_error",
                  "chat_state.value"):
        assert any(t.startswith(where) for t in before), where
    for link in links:
        assert (await web.get(link)).status_code == 200

    done = await privacy.forget_guest(ctx, ADDRESS)
    assert (done.events, done.invitations, done.dropped, done.dropped_notes, done.scrubbed) == (
        2, 2, 2, 0, 2)

    assert await traces(runtime, *NEEDLES) == []
    for link in links:
        assert (await web.get(link)).status_code == 404
        assert (await web.post(link, data={"answer": "declined"})).status_code == 404
    erased = [a for e in (first, second)
              for a in (await services.get_event(ctx, e.id)).current_attendees if a.erased]
    assert len(erased) == 2 and erased[0].answer.value == "accepted"
    ids = {a.id for a in erased}
    about_her = [r for r in await outbox_rows(runtime) if r["payload"].get("attendee_id") in ids]
    assert {r["status"] for r in about_her} == {"sent"}
    assert [g["email"] for g in (await recall(ctx, form_key, "UORG")).guests] == [BOB.email]

    # Nothing more reaches her: the cards lose her name, edits and cancellations skip her.
    chat_calls, mails = len(slack_api.calls), len(picky_sink.received)
    picky_sink.refuse.clear()
    await services.update_event(ctx, ORGANIZER, first.id, draft(
        guests=[BOB], place="Room 2", start=datetime(2026, 3, 3, 14), end=datetime(2026, 3, 3, 15)))
    await services.cancel_event(ctx, ORGANIZER, second.id)
    ctx.clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(delivery)
    assert sorted(r.rcpt_tos[0] for r in picky_sink.received[mails:]) == [BOB.email, CHLOE.email]
    updates = slack_api.calls[chat_calls:]
    assert [c.method for c in updates].count("chat.update") >= 2
    assert any("a removed guest" in json.dumps(c.args) for c in updates
               if c.method == "chat.update")  # the card still counts her, by no name
    assert not any(n.casefold() in json.dumps(c.args).casefold()
                   for c in updates for n in NEEDLES)
    assert await traces(runtime, *NEEDLES) == []


async def test_a_forgotten_guest_may_be_invited_again(ctx, runtime, delivery, picky_sink):
    await services.create_event(ctx, ORGANIZER, draft(guests=[GINEVRA]))
    await privacy.forget_guest(ctx, ADDRESS)
    event = await services.create_event(ctx, ORGANIZER, draft(title="Again", guests=[GINEVRA]))
    await deliver_all(delivery)
    assert [r.rcpt_tos[0] for r in picky_sink.received] == [GINEVRA.email]
    assert [g.email for g in event.guests] == [GINEVRA.email]
    [held] = await privacy.export_guest(ctx, ADDRESS)
    assert held.event.title == "Again"


async def test_forgetting_an_unknown_address_changes_nothing(ctx, runtime):
    await services.create_event(ctx, ORGANIZER, draft())
    rows = await outbox_rows(runtime)
    done = await privacy.forget_guest(ctx, "nobody@nowhere.example")
    assert (done.events, done.dropped, done.scrubbed) == (0, 0, 0)
    assert await outbox_rows(runtime) == rows
    assert await privacy.export_guest(ctx, "nobody@nowhere.example") == []


@dataclass(frozen=True)
class Forwarded(Notice):
    """A kind of message this version does not know, quoting the address in its own words."""

    kind: ClassVar[str] = "chat.forwarded"
    text: str

    def idempotency_key(self) -> str:
        return f"{self.kind}:1"


async def test_the_address_is_cut_out_of_rows_that_name_no_guest(ctx, runtime):
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        await uow.outbox.add([Forwarded(f"Please write to {GINEVRA.email} today")], now)
        [row] = await uow.outbox.claim_due(now, 1, 60)
        await uow.outbox.mark_retry(row.id, f"rejected <{ADDRESS.lower()}>", now)
        await uow.commit()
    done = await privacy.forget_guest(ctx, ADDRESS)
    assert done.scrubbed == 1
    [row] = await outbox_rows(runtime, "chat.forwarded")
    assert row["payload"] == {"text": "Please write to [erased] today"}
    assert row["last_error"] == "rejected <[erased]>"
