"""The modals: the event form, the guest form pushed on top of it, the mailbox form."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import validation as rules
from bot.domain.model import Event
from bot.i18n import NAMES, Translator
from bot.services import Context
from bot.state import load_value, save_state
from handlers.slack import blocks as b
from handlers.slack.ids import Action, Block, View
from handlers.slack.render import escape

NAMESPACE = "slack.form"
GUEST_ROWS = 40  # a modal holds at most 100 blocks; further guests are listed in one block
DESCRIPTION_CHARS = 3000  # Slack's longest text input


@dataclass
class FormState:
    """What the event form carries between Slack round trips, kept in the database under
    `key` (private_metadata holds only the key: 100 guests would not fit in it)."""

    owner: str = ""
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    guests: list[dict[str, str]] = field(default_factory=list)
    event_id: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # the form's initial values


async def remember(ctx: Context, state: FormState) -> str:
    await save_state(ctx, NAMESPACE, state.key, asdict(state))
    return state.key


async def recall(ctx: Context, key: str | None, owner: str) -> FormState:
    """The form's state; someone else's key (or none) gives a fresh form of the owner's."""
    stored = await load_value(ctx, NAMESPACE, key) if key else None
    if not stored or stored.get("owner") != owner:
        return FormState(owner=owner)
    return FormState(**stored)


async def forget(ctx: Context, state: FormState) -> None:
    await save_state(ctx, NAMESPACE, state.key, None)


@dataclass
class EventFields:
    """Initial values of the event form (empty for a new event)."""

    title: str = ""
    description: str = ""
    day: str | None = None
    start: str = "10:00"
    end: str = "11:00"
    timezone: str = "UTC"
    place: str = ""
    locale: str = "en"
    colleagues: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, event: Event, colleague_ids: list[str]) -> EventFields:
        zone = ZoneInfo(event.timezone)
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
        return cls(event.title, event.description, start.date().isoformat(),
                   start.strftime("%H:%M"), end.strftime("%H:%M"), event.timezone,
                   event.place, event.locale, colleague_ids)


async def event_form(ctx: Context, fields: EventFields, state: FormState,
                     t: Translator) -> dict[str, Any]:
    blocks: list[b.Block] = [
        b.text_input(Block.TITLE, t.gettext("Title"), fields.title, max_length=rules.MAX_TITLE),
        b.text_input(Block.DESCRIPTION, t.gettext("Description"), fields.description,
                     multiline=True, optional=True, max_length=DESCRIPTION_CHARS),
        b.picker(Block.DATE, t.gettext("Date"), "datepicker", fields.day),
        b.picker(Block.START, t.gettext("Starts at"), "timepicker", fields.start),
        b.picker(Block.END, t.gettext("Ends at"), "timepicker", fields.end),
        b.text_input(Block.TIMEZONE, t.gettext("Time zone"), fields.timezone, max_length=64,
                     hint=t.gettext("An IANA name such as Europe/Rome")),
        b.text_input(Block.PLACE, t.gettext("Place or video link"), fields.place,
                     optional=True, max_length=rules.MAX_PLACE),
        b.select(Block.LOCALE, t.gettext("Language of the guests' emails"),
                 list(NAMES.items()), fields.locale),
        _colleagues(fields.colleagues, t),
        {"type": "input", "block_id": Block.FILES, "optional": True,
         "label": b.plain(t.gettext("Attachments")),
         "element": {"type": "file_input", "action_id": Action.VALUE,
                     "max_files": rules.MAX_FILES}},
        *([_tell_guests(t)] if state.event_id else []),
        {"type": "header", "text": b.plain(t.ngettext(
            "External guests ({count})", "External guests ({count})",
            len(state.guests)).format(count=len(state.guests)))},
        *_guest_rows(state.guests, t),
        {"type": "actions", "block_id": Block.GUESTS, "elements": [
            b.button(t.gettext("Invite guest"), Action.INVITE_GUEST, style="primary")]},
    ]
    title = t.gettext("Edit event") if state.event_id else t.gettext("New event")
    state.fields = asdict(fields)
    return b.modal(View.EVENT, title, blocks, await remember(ctx, state), t.gettext("Save"),
                   t.gettext("Cancel"))


def _tell_guests(t: Translator) -> b.Block:
    """Checked unless the organizer unticks it: a fixed typo or a new agenda reaches guests."""
    option = {"text": b.plain(t.gettext("Tell the guests about this change")), "value": "notify",
              "description": b.plain(t.gettext(
                  "A new date, time or place is always told; this also sends a new title, "
                  "description, language or attachments."))}
    return {"type": "input", "block_id": Block.NOTIFY, "optional": True,
            "label": b.plain(t.gettext("Guests")),
            "element": {"type": "checkboxes", "action_id": Action.VALUE, "options": [option],
                        "initial_options": [option]}}


def _colleagues(chosen: list[str], t: Translator) -> b.Block:
    element: dict[str, Any] = {"type": "multi_users_select", "action_id": Action.VALUE,
                               "placeholder": b.plain(t.gettext("Colleagues to invite"))}
    if chosen:
        element["initial_users"] = chosen
    return {"type": "input", "block_id": Block.COLLEAGUES, "optional": True,
            "label": b.plain(t.gettext("Colleagues")), "element": element}


def _guest_rows(guests: list[dict[str, str]], t: Translator) -> list[b.Block]:
    rows = [{"type": "section", "block_id": f"guest_{index}", "text": b.markdown(
        f"*{escape(g['first_name'])} {escape(g['last_name'])}* {escape(g['email'])}"),
        "accessory": b.button(t.gettext("Remove"), Action.REMOVE_GUEST, str(index),
                              style="danger")}
        for index, g in enumerate(guests[:GUEST_ROWS])]
    rest = guests[GUEST_ROWS:]
    if rest:
        names = ", ".join(escape(f"{g['first_name']} {g['last_name']}") for g in rest)
        rows.append({"type": "section", "text": b.markdown(t.ngettext(
            "…and {count} more: {names}", "…and {count} more: {names}", len(rest)).format(
                count=len(rest), names=names))})
    return rows


def guest_form(state: FormState, t: Translator) -> dict[str, Any]:
    """The small form pushed on top of the event form; it carries the same state key."""
    blocks = [b.text_input(Block.EMAIL, t.gettext("Email"), max_length=rules.MAX_EMAIL),
              b.text_input(Block.FIRST, t.gettext("First name"), max_length=rules.MAX_NAME),
              b.text_input(Block.LAST, t.gettext("Last name"), max_length=rules.MAX_NAME)]
    return b.modal(View.GUEST, t.gettext("Invite guest"), blocks, state.key, t.gettext("Add"),
                   t.gettext("Cancel"))


def wall_time(day: str | None, clock: str | None) -> datetime | None:
    """The form's date and time as a naive wall time (the domain adds the time zone)."""
    if not day or not clock:
        return None
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock))
    except ValueError:  # not what Slack's pickers send: treated as not filled in
        return None
