"""A guest's personal data: a copy of it, its erasure on request, and stopping contact.

The address is matched in any case. Erasure keeps the attendee rows (answers still count,
the card still adds up) but empties them, kills their links, drops what was not yet sent
to them and cuts the address out of every other place it was copied to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot import services, tokens
from bot.domain import privacy as rules
from bot.domain.errors import AnswerClosed, NotFound
from bot.domain.model import Answer, AnswerSource, Attendee, Event
from bot.domain.notices import EventChanged
from bot.domain.validation import check_email
from bot.ports import OutboxEntry, UnitOfWork
from bot.services import Answered, Context

log = logging.getLogger("ospite.privacy")

MAIL = "mail."
SENT = "sent"
NOT_YET_SENT = ("pending", "sending")


@dataclass(frozen=True)
class Held:
    """One invitation of the guest: the event, their row, its organizer, the mail to them."""

    event: Event
    attendee: Attendee
    organizer_name: str
    messages: tuple[OutboxEntry, ...]


@dataclass(frozen=True)
class Forgotten:
    """What an erasure did."""

    events: int
    invitations: int
    dropped: int  # emails to them not sent (or failed), dropped from the outbox
    dropped_notes: int  # chat messages about them to the organizer, not sent yet
    scrubbed: int  # other records the address was cut out of


async def export_guest(ctx: Context, address: str) -> list[Held]:
    """Everything Ospite holds about the address, event by event (InvalidInput if malformed)."""
    address = check_email(address)
    async with ctx.uow(read_only=True) as uow:
        events = await uow.events.list_by_guest_email(address)
        pairs = [(e, a) for e in events for a in e.attendees if rules.belongs_to(a, address)]
        rows = await uow.outbox.list_for_attendees([a.id or 0 for _, a in pairs])
        organizers = {e.organizer_id: await uow.people.get(e.organizer_id) for e in events}
    mail = [r for r in rows if r.kind.startswith(MAIL)]
    return [Held(e, a, getattr(organizers[e.organizer_id], "display_name", ""),
                 tuple(r for r in mail if r.payload.get("attendee_id") == a.id))
            for e, a in pairs]


async def forget_guest(ctx: Context, address: str) -> Forgotten:
    """Erase the address from every event, the outbox and the chat forms, in one transaction."""
    address = check_email(address)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        events = await uow.events.list_by_guest_email(address, for_update=True)
        invitations, dropped = 0, []
        for event in events:
            guests = [a for a in event.attendees if rules.belongs_to(a, address)]
            dropped += await erase_guests(uow, event, guests, now)
            invitations += len(guests)
        scrubbed = await _scrub_traces(uow, address, now)
        await uow.commit()
    mail = sum(1 for r in dropped if r.kind.startswith(MAIL))
    log.info("a guest's data was erased from %d event(s); %d message(s) dropped",
             len(events), len(dropped))
    return Forgotten(len(events), invitations, mail, len(dropped) - mail, scrubbed)


async def erase_guests(uow: UnitOfWork, event: Event, guests: list[Attendee],
                       now: datetime) -> list[OutboxEntry]:
    """Erase these guests of one (locked) event and their outbox rows; returns rows dropped."""
    if not guests:
        return []
    for guest in guests:
        rules.erase(guest, now)
    rows = await uow.outbox.list_for_attendees([g.id or 0 for g in guests])
    unsent = [r for r in rows if r.status != SENT]
    await uow.outbox.delete([r.id for r in unsent])
    for row in rows:
        if row.status == SENT:
            await uow.outbox.rewrite(row.id, rules.forget_fields(row.payload), None)
    if event.card:  # the card in the chat drops their name too
        await uow.outbox.add([EventChanged(event.id or 0, event.sequence, now.isoformat())], now)
    return unsent


async def _scrub_traces(uow: UnitOfWork, address: str, now: datetime) -> int:
    """The address copied elsewhere: other outbox rows and half-typed chat forms."""
    count = 0
    for row in await uow.outbox.list_mentioning(address):
        error = rules.redact(row.last_error, address) if row.last_error else row.last_error
        await uow.outbox.rewrite(row.id, rules.scrub(row.payload, address), error)
        count += 1
    for namespace, key, value in await uow.chat_state.list_all():
        clean = rules.scrub(value, address)
        if clean != value:
            await uow.chat_state.put(namespace, key, clean, now)
            count += 1
    return count


async def stop_contact(ctx: Context, token: str) -> Answered:
    """The guest behind this link declines and gets no reminder or update for the event."""
    async with ctx.uow() as uow:
        event, guest = await _by_token(uow, token)
        try:
            answered = await services.record_answer(ctx, uow, event, guest, Answer.DECLINED,
                                                    AnswerSource.OPT_OUT)
        except AnswerClosed:  # ended or cancelled: nothing to decline, but the wish holds
            answered = Answered(event, guest, changed=False)
        guest.contact_stopped = True
        rows = await uow.outbox.list_for_attendees([guest.id or 0])
        await uow.outbox.delete([r.id for r in rows
                                 if r.kind.startswith(MAIL) and r.status in NOT_YET_SENT])
        await uow.commit()
    return answered


async def _by_token(uow: UnitOfWork, token: str) -> tuple[Event, Attendee]:
    # The same checks as the answer page (bot.invitations): a dead link is NotFound.
    if not tokens.well_formed(token):
        raise NotFound("invitation")
    found = await uow.events.get_by_token_hash(tokens.token_hash(token), for_update=True)
    if found is None or found[1].removed:
        raise NotFound("invitation")
    return found
