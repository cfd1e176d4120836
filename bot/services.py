"""The use cases: open a unit of work, call the domain, write its notices, commit."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot import tokens
from bot.domain import changes as change_rules
from bot.domain.answers import respond
from bot.domain.drafts import EventDraft
from bot.domain.errors import Forbidden, NotFound
from bot.domain.model import (
    Answer,
    AnswerSource,
    Attendee,
    Event,
    EventStatus,
    MailSettings,
    Person,
    PersonRef,
    Workspace,
)
from bot.domain.notices import EventChanged
from bot.domain.validation import ValidEvent, validate_event
from bot.ports import Clock, Duplicate, MailboxCheck, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Context:
    """What every use case needs from the outside: storage, time, the secret key, and a way
    to try a mailbox before it is saved."""

    uow: UnitOfWorkFactory
    clock: Clock
    secret_key: str
    mailbox_check: MailboxCheck | None = None


@dataclass(frozen=True)
class Answered:
    event: Event
    attendee: Attendee
    changed: bool


async def create_event(ctx: Context, organizer: PersonRef, draft: EventDraft,
                       draft_key: str | None = None) -> Event:
    """Validate and store an event, its attendees, and one invitation per attendee.

    `draft_key` names the form it was typed in: saving the same form twice (a double click,
    a platform's retry) gives back the event saved the first time.
    """
    valid = validate_event(draft, ctx.clock.now())
    try:
        return await _create(ctx, organizer, valid, draft.colleagues, draft_key)
    except Duplicate:  # the same form, saved at the same moment by another process
        return await _saved_draft(ctx, draft_key or "")


async def _create(ctx: Context, organizer: PersonRef, valid: ValidEvent,
                  colleagues: list[PersonRef], draft_key: str | None) -> Event:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        if draft_key and (saved := await uow.events.get_by_draft_key(draft_key)):
            return saved
        workspace = await uow.workspaces.get_or_add(organizer.platform, organizer.workspace)
        person = await uow.people.get_or_add(workspace, organizer)
        colleague_ids = await _colleague_ids(uow, workspace, colleagues, person.id)
        clean = valid.draft
        event = Event(workspace_id=workspace.id or 0, organizer_id=person.id or 0,
                      title=clean.title, description=clean.description, place=clean.place,
                      start=valid.start, end=valid.end, timezone=clean.timezone,
                      locale=clean.locale, created_at=now, draft_key=draft_key)
        event.attendees = [change_rules.new_guest(g) for g in clean.guests]
        event.attendees += [change_rules.new_colleague(r, i) for r, i in colleague_ids.items()]
        _seal(ctx, event.attendees)
        await uow.events.add(event)
        await uow.events.add_attachments(event, clean.attachments)
        notices = [change_rules.invitation(event, a) for a in event.attendees]
        notices.append(EventChanged(event.id or 0, event.sequence, now.isoformat()))
        await uow.outbox.add(notices, now)
        await uow.commit()
    return event


async def _saved_draft(ctx: Context, draft_key: str) -> Event:
    async with ctx.uow(read_only=True) as uow:
        saved = await uow.events.get_by_draft_key(draft_key)
    if saved is None:
        raise NotFound("event")
    return saved


async def respond_to_invitation(ctx: Context, attendee_id: int, answer: Answer,
                                source: AnswerSource, comment: str | None = None) -> Answered:
    """Record a guest's or colleague's answer; a new answer notifies the organizer once."""
    async with ctx.uow() as uow:
        found = await uow.events.get_by_attendee(attendee_id, for_update=True)
        if found is None:
            raise NotFound("invitation")
        answered = await record_answer(ctx, uow, *found, answer, source, comment)
        await uow.commit()
    return answered


async def respond_as_colleague(ctx: Context, person: PersonRef, attendee_id: int,
                               answer: Answer, seen: int | None = None) -> Answered:
    """A colleague answers from the chat; only the invited person may answer for themself.

    `seen` is the event version the buttons were shown for: after a move, old buttons
    record nothing and say so.
    """
    async with ctx.uow() as uow:
        found = await uow.events.get_by_attendee(attendee_id, for_update=True)
        colleague = found and found[1].person_id and await uow.people.get(found[1].person_id)
        if not found or not colleague or (colleague.platform, colleague.user_id) != (
                person.platform, person.user_id):
            raise NotFound("invitation")
        if seen is not None and seen < found[0].rescheduled_sequence:
            raise Forbidden("moved")
        answered = await record_answer(ctx, uow, *found, answer, AnswerSource.CHAT)
        await uow.commit()
    return answered


async def record_answer(ctx: Context, uow: UnitOfWork, event: Event, attendee: Attendee,
                        answer: Answer, source: AnswerSource,
                        comment: str | None = None) -> Answered:
    """The answer rule inside a unit of work the caller opened (found with for_update)."""
    now = ctx.clock.now()
    notices = respond(event, attendee, answer, source, now, comment)
    await uow.outbox.add(notices, now)
    return Answered(event, attendee, changed=bool(notices))


async def update_event(ctx: Context, actor: PersonRef, event_id: int, draft: EventDraft,
                       notify_all: bool = False) -> change_rules.EventChanges:
    """Apply an edit; guests hear of what concerns them (see domain.changes)."""
    now = ctx.clock.now()
    valid = validate_event(draft, now)
    async with ctx.uow() as uow:
        event, workspace, person_id = await _own_event(uow, actor, event_id)
        colleague_ids = await _colleague_ids(uow, workspace, draft.colleagues, person_id)
        changes = change_rules.diff(event, valid, colleague_ids, notify_all)
        added = change_rules.apply(event, valid, changes, colleague_ids)
        _seal(ctx, added)
        await uow.flush()
        await uow.events.add_attachments(event, [f for f in draft.attachments if f.id is None])
        notices = change_rules.update_notices(event, changes, added, now)
        await uow.outbox.add(notices, now)
        await uow.commit()
    return replace(changes, told=change_rules.told(notices))


async def cancel_event(ctx: Context, actor: PersonRef, event_id: int) -> Event:
    """Cancel an event; every guest gets a cancellation."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        event, _, _ = await _own_event(uow, actor, event_id)
        await uow.outbox.add(change_rules.cancel(event, now), now)
        await uow.commit()
    return event


async def get_own_event(ctx: Context, actor: PersonRef, event_id: int) -> Event:
    """One event of the actor's, to show or prefill a form; anyone else learns nothing."""
    async with ctx.uow(read_only=True) as uow:
        event = await uow.events.get(event_id)
        workspace = await uow.workspaces.get(event.workspace_id) if event else None
        organizer = await uow.people.get(event.organizer_id) if event else None
    if not (event and workspace and organizer) or (workspace.platform, workspace.external_id) != (
            actor.platform, actor.workspace) or organizer.user_id != actor.user_id:
        raise NotFound("event")
    if event.status is EventStatus.CANCELLED:
        raise Forbidden("cancelled")
    return event


async def get_event(ctx: Context, event_id: int) -> Event:
    """One event with its attendees, for rendering a card (not for anything a user asked)."""
    async with ctx.uow(read_only=True) as uow:
        event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("event")
    return event


async def list_people(ctx: Context, person_ids: list[int]) -> dict[int, Person]:
    """People by id (organizers and colleagues, to show or prefill them)."""
    async with ctx.uow(read_only=True) as uow:
        found = [await uow.people.get(pid) for pid in dict.fromkeys(person_ids)]
    return {p.id: p for p in found if p is not None and p.id is not None}


async def list_upcoming(ctx: Context, person: PersonRef) -> list[Event]:
    """The person's scheduled events that have not ended, soonest first."""
    async with ctx.uow() as uow:
        workspace = await uow.workspaces.get_or_add(person.platform, person.workspace)
        organizer = await uow.people.get_or_add(workspace, person)
        events = await uow.events.list_for_organizer(organizer.id or 0, ctx.clock.now())
        await uow.commit()
    return events


@dataclass(frozen=True)
class Agenda:
    """What is on for one person: events they organize, and events they are invited to."""

    organized: list[Event]
    invited: list[tuple[Event, Attendee]]  # the event and the person's own invitation
    person_id: int


async def get_agenda(ctx: Context, person: PersonRef) -> Agenda:
    """The person's upcoming events, as organizer and as colleague, soonest first."""
    async with ctx.uow() as uow:
        workspace = await uow.workspaces.get_or_add(person.platform, person.workspace)
        me = await uow.people.get_or_add(workspace, person)
        now = ctx.clock.now()
        organized = await uow.events.list_for_organizer(me.id or 0, now)
        invited = await uow.events.list_for_colleague(me.id or 0, now)
        await uow.commit()
    mine = [(e, next(a for a in e.current_attendees if a.person_id == me.id)) for e in invited
            if any(a.person_id == me.id for a in e.current_attendees)]
    return Agenda(organized, mine, me.id or 0)


async def get_mail_settings(ctx: Context, workspace_ref: PersonRef) -> MailSettings | None:
    async with ctx.uow() as uow:
        workspace = await uow.workspaces.get_or_add(workspace_ref.platform,
                                                    workspace_ref.workspace)
        mail = await uow.workspaces.get_mail(workspace)
        await uow.commit()
    return mail


async def sender_name_of(ctx: Context, workspace_id: int) -> str:
    """The name the workspace's invitations are sent under (its company, to a guest)."""
    async with ctx.uow(read_only=True) as uow:
        workspace = await uow.workspaces.get(workspace_id)
        mail = await uow.workspaces.get_mail(workspace) if workspace else None
    return mail.sender_name if mail else ""


async def set_mail_settings(ctx: Context, workspace_ref: PersonRef, mail: MailSettings) -> None:
    """Store the workspace's sender mailbox; passwords are encrypted by storage."""
    async with ctx.uow() as uow:
        workspace = await uow.workspaces.get_or_add(workspace_ref.platform,
                                                    workspace_ref.workspace)
        await uow.workspaces.set_mail(workspace, mail)
        await uow.commit()


async def list_mail_settings(ctx: Context) -> list[tuple[int, MailSettings]]:
    """Every workspace's own sender mailbox, by workspace id (for reading calendar replies)."""
    async with ctx.uow(read_only=True) as uow:
        return [(w.id or 0, mail) for w, mail in await uow.workspaces.list_mail()]


async def _own_event(uow: UnitOfWork, actor: PersonRef,
                     event_id: int) -> tuple[Event, Workspace, int]:
    event = await uow.events.get(event_id, for_update=True)
    workspace = await uow.workspaces.get_or_add(actor.platform, actor.workspace)
    if event is None or event.workspace_id != workspace.id:
        raise NotFound("event")
    person = await uow.people.get_or_add(workspace, actor)
    if event.organizer_id != person.id:
        raise Forbidden("not_organizer")
    if event.status is EventStatus.CANCELLED:
        raise Forbidden("cancelled")
    return event, workspace, person.id or 0


async def _colleague_ids(uow: UnitOfWork, workspace: Workspace, refs: list[PersonRef],
                         organizer_id: int | None) -> dict[PersonRef, int]:
    ids: dict[PersonRef, int] = {}
    for ref in refs:
        person = await uow.people.get_or_add(workspace, ref)
        if person.id != organizer_id:
            ids[ref] = person.id or 0
    return ids


def _seal(ctx: Context, attendees: list[Attendee]) -> None:
    for attendee in attendees:
        tokens.seal(ctx.secret_key, attendee)
