"""The before/after diff of an edited event: what changed and who must be told."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.domain.answers import reset_answers
from bot.domain.drafts import GuestDraft
from bot.domain.model import Attendee, Event, EventStatus, PersonRef, Role
from bot.domain.notices import (
    ColleagueCancelled,
    ColleagueInvited,
    ColleagueUpdated,
    EventChanged,
    FieldChange,
    GuestCancelled,
    GuestInvited,
    GuestUpdated,
    Notice,
)
from bot.domain.validation import ValidEvent

# Changes a guest must hear about; title and description alone only when asked.
SIGNIFICANT = ("start", "end", "place")


@dataclass(frozen=True)
class Told:
    """Who hears what after an edit, for the organizer's confirmation."""

    updated: int = 0
    invited: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class EventChanges:
    fields: tuple[FieldChange, ...]
    added_guests: tuple[GuestDraft, ...]
    removed: tuple[Attendee, ...]
    added_colleagues: tuple[PersonRef, ...]
    notify_all: bool = False
    told: Told = Told()

    @property
    def significant(self) -> bool:
        """The date, time or place changed: everyone hears, whatever the organizer chose."""
        return any(c.field in SIGNIFICANT for c in self.fields)

    @property
    def time_changed(self) -> bool:
        return any(c.field in ("start", "end") for c in self.fields)

    @property
    def guests_must_hear(self) -> bool:
        """Staying guests get an update: date, time or place changed (or the organizer asks)."""
        return any(c.field in SIGNIFICANT for c in self.fields) or (
            self.notify_all and bool(self.fields))

    @property
    def bumps_sequence(self) -> bool:
        return self.guests_must_hear or any(a.role is Role.GUEST for a in self.removed)

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.added_guests or self.removed or self.added_colleagues)


def diff(event: Event, after: ValidEvent, colleague_ids: dict[PersonRef, int],
         notify_all: bool = False) -> EventChanges:
    """Compare the stored event with the edited one; nothing is changed here."""
    draft = after.draft
    pairs = {
        "title": (event.title, draft.title), "description": (event.description, draft.description),
        "start": (event.start.isoformat(), after.start.isoformat()),
        "end": (event.end.isoformat(), after.end.isoformat()),
        "place": (event.place, draft.place), "timezone": (event.timezone, draft.timezone),
        "locale": (event.locale, draft.locale),
        "attachments": ("", ", ".join(f.name for f in draft.attachments if f.id is None)),
    }
    fields = tuple(FieldChange(name, old, new) for name, (old, new) in pairs.items() if old != new)
    current = {a.email.lower(): a for a in event.guests}
    wanted = {g.email.lower(): g for g in draft.guests}
    kept_people = {colleague_ids.get(ref) for ref in draft.colleagues}
    removed_colleagues = tuple(a for a in event.colleagues if a.person_id not in kept_people)
    have_people = {a.person_id for a in event.colleagues}
    return EventChanges(
        fields=fields,
        added_guests=tuple(g for key, g in wanted.items() if key not in current),
        removed=tuple(a for key, a in current.items() if key not in wanted) + removed_colleagues,
        added_colleagues=tuple(
            r for r in draft.colleagues if colleague_ids.get(r) not in have_people),
        notify_all=notify_all,
    )


def apply(event: Event, after: ValidEvent, changes: EventChanges,
          colleague_ids: dict[PersonRef, int]) -> list[Attendee]:
    """Bring the event to its new state; return the attendees that are new."""
    draft = after.draft
    event.title, event.description, event.place = draft.title, draft.description, draft.place
    event.start, event.end, event.timezone, event.locale = (
        after.start, after.end, draft.timezone, draft.locale)
    if changes.bumps_sequence:
        event.sequence += 1
    if changes.time_changed:
        reset_answers(event)
        event.rescheduled_sequence = event.sequence
    for attendee in changes.removed:
        attendee.removed = True
    added = [new_guest(g) for g in changes.added_guests]
    added += [new_colleague(r, colleague_ids[r]) for r in changes.added_colleagues]
    event.attendees.extend(added)
    return added


def update_notices(event: Event, changes: EventChanges, added: list[Attendee],
                   now: datetime) -> list[Notice]:
    """Who hears what after an edit (called once new attendees have ids)."""
    eid, seq = _id(event), event.sequence
    notices: list[Notice] = [invitation(event, a) for a in added]
    notices += [GuestCancelled(eid, _id(a), seq) for a in changes.removed
                if a.role is Role.GUEST and a.reachable]
    if changes.guests_must_hear:
        fresh = {id(a) for a in added}
        notices += [
            GuestUpdated(eid, _id(a), seq, changes.fields, changes.time_changed)
            for a in event.guests if id(a) not in fresh and a.reachable
        ]
    notices += _colleague_notices(event, changes, added)
    if not changes.is_empty:
        notices.append(EventChanged(eid, seq, now.isoformat()))
    return notices


def told(notices: list[Notice]) -> Told:
    """Counts of the guests' emails an edit sends."""
    kinds = [n.kind for n in notices]
    return Told(kinds.count(GuestUpdated.kind), kinds.count(GuestInvited.kind),
                kinds.count(GuestCancelled.kind))


def _colleague_notices(event: Event, changes: EventChanges,
                       added: list[Attendee]) -> list[Notice]:
    eid, seq, fresh = _id(event), event.sequence, {id(a) for a in added}
    notices: list[Notice] = [ColleagueCancelled(eid, _id(a), seq) for a in changes.removed
                             if a.role is Role.COLLEAGUE]
    if changes.significant:
        notices += [ColleagueUpdated(eid, _id(a), seq, changes.fields, changes.time_changed)
                    for a in event.colleagues if id(a) not in fresh]
    return notices


def cancel(event: Event, now: datetime) -> list[Notice]:
    """Cancel the event: every guest still reachable gets a cancellation."""
    if event.status is EventStatus.CANCELLED:
        return []
    event.status = EventStatus.CANCELLED
    event.sequence += 1
    eid = _id(event)
    notices: list[Notice] = [GuestCancelled(eid, _id(a), event.sequence)
                             for a in event.guests if a.reachable]
    notices += [ColleagueCancelled(eid, _id(a), event.sequence) for a in event.colleagues]
    notices.append(EventChanged(eid, event.sequence, now.isoformat()))
    return notices


def invitation(event: Event, attendee: Attendee) -> Notice:
    """The first message an attendee gets: an email for guests, a chat message for colleagues."""
    if attendee.role is Role.GUEST:
        return GuestInvited(_id(event), _id(attendee), event.sequence)
    return ColleagueInvited(_id(event), _id(attendee), event.sequence)


def new_guest(guest: GuestDraft) -> Attendee:
    return Attendee(role=Role.GUEST, email=guest.email, first_name=guest.first_name,
                    last_name=guest.last_name, token_salt=secrets.token_urlsafe(16))


def new_colleague(ref: PersonRef, person_id: int) -> Attendee:
    first, _, last = ref.display_name.partition(" ")
    return Attendee(role=Role.COLLEAGUE, first_name=first or ref.user_id, last_name=last,
                    person_id=person_id, token_salt=secrets.token_urlsafe(16))


def _id(entity: Event | Attendee) -> int:
    assert entity.id is not None, "entities are stored before notices name them"
    return entity.id
