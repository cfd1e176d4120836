"""The modals: the event form, the pushed guest form, and the mail set-up form."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.model import Event
from bot.services import Context
from bot.state import load_state, save_state
from handlers.slack import blocks as b
from handlers.slack.ids import Action, Block, View

NAMESPACE = "slack.form"
LANGUAGES = [("en", "English"), ("it", "Italiano")]
SECURITY = [("starttls", "STARTTLS (port 587)"), ("tls", "TLS (port 465)"), ("none", "None")]


@dataclass
class FormState:
    """What the event form carries between Slack round trips.

    It is kept in the database under `key` (Slack's private_metadata holds only the key:
    100 guests would not fit in its 3,000 characters).
    """

    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    guests: list[dict[str, str]] = field(default_factory=list)
    event_id: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # the form's initial values


async def remember(ctx: Context, state: FormState) -> str:
    await save_state(ctx, NAMESPACE, state.key, asdict(state))
    return state.key


async def recall(ctx: Context, key: str | None) -> FormState:
    stored = (await load_state(ctx, NAMESPACE)).get(key or "") if key else None
    return FormState(**stored) if stored else FormState()


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


async def event_form(ctx: Context, fields: EventFields, state: FormState) -> dict[str, Any]:
    blocks: list[b.Block] = [
        b.text_input(Block.TITLE, "Title", fields.title, max_length=255),
        b.text_input(Block.DESCRIPTION, "Description", fields.description, multiline=True,
                     optional=True, max_length=3000),
        b.picker(Block.DATE, "Date", "datepicker", fields.day),
        b.picker(Block.START, "Starts at", "timepicker", fields.start),
        b.picker(Block.END, "Ends at", "timepicker", fields.end),
        b.text_input(Block.TIMEZONE, "Time zone", fields.timezone, max_length=64,
                     hint="An IANA name such as Europe/Rome"),
        b.text_input(Block.PLACE, "Place or video link", fields.place, optional=True,
                     max_length=1024),
        b.select(Block.LOCALE, "Language of the guests' emails", LANGUAGES, fields.locale),
        _colleagues(fields.colleagues),
        {"type": "input", "block_id": Block.FILES, "optional": True,
         "label": b.plain("Attachments"),
         "element": {"type": "file_input", "action_id": Action.VALUE, "max_files": 10}},
        {"type": "header", "text": b.plain(f"External guests ({len(state.guests)})")},
        *[_guest_row(i, g) for i, g in enumerate(state.guests)],
        {"type": "actions", "block_id": Block.GUESTS,
         "elements": [b.button("Invite guest", Action.INVITE_GUEST, style="primary")]},
    ]
    title = "Edit event" if state.event_id else "New event"
    state.fields = asdict(fields)
    return b.modal(View.EVENT, title, blocks, await remember(ctx, state))


def _colleagues(chosen: list[str]) -> b.Block:
    element: dict[str, Any] = {"type": "multi_users_select", "action_id": Action.VALUE,
                               "placeholder": b.plain("Colleagues to invite")}
    if chosen:
        element["initial_users"] = chosen
    return {"type": "input", "block_id": Block.COLLEAGUES, "optional": True,
            "label": b.plain("Colleagues"), "element": element}


def _guest_row(index: int, guest: dict[str, str]) -> b.Block:
    who = f"*{guest['first_name']} {guest['last_name']}* <mailto:{guest['email']}|{guest['email']}>"
    return {"type": "section", "block_id": f"guest_{index}", "text": b.markdown(who),
            "accessory": b.button("Remove", Action.REMOVE_GUEST, str(index), style="danger")}


def guest_form(state: FormState) -> dict[str, Any]:
    """The small form pushed on top of the event form; it carries the same state key."""
    blocks = [b.text_input(Block.EMAIL, "Email", max_length=320),
              b.text_input(Block.FIRST, "First name", max_length=255),
              b.text_input(Block.LAST, "Last name", max_length=255)]
    return b.modal(View.GUEST, "Invite guest", blocks, state.key, submit="Add")


def mail_form(sender_name: str = "", sender_email: str = "") -> dict[str, Any]:
    blocks = [
        {"type": "section", "text": b.markdown(
            "Invitations are sent from this mailbox, and calendar programs send guests' "
            "answers back to it. The password is stored encrypted.")},
        b.text_input(Block.SENDER_NAME, "Sender name", sender_name, max_length=255),
        b.text_input(Block.SENDER_EMAIL, "Sender address", sender_email, max_length=320),
        b.text_input(Block.SMTP_HOST, "SMTP server", max_length=255),
        b.text_input(Block.SMTP_PORT, "SMTP port", "587", max_length=5),
        b.select(Block.SMTP_SECURITY, "Security", SECURITY, "starttls"),
        b.text_input(Block.SMTP_USER, "SMTP user", optional=True, max_length=320),
        b.text_input(Block.SMTP_PASSWORD, "SMTP password", optional=True, max_length=255),
        b.text_input(Block.IMAP_HOST, "IMAP server for replies", optional=True,
                     max_length=255, hint="Optional: lets Ospite read answers sent from "
                                          "calendar programs"),
        b.text_input(Block.IMAP_PORT, "IMAP port", "993", optional=True, max_length=5),
        b.text_input(Block.IMAP_USER, "IMAP user", optional=True, max_length=320),
        b.text_input(Block.IMAP_PASSWORD, "IMAP password", optional=True, max_length=255),
    ]
    return b.modal(View.MAIL, "Sender mailbox", blocks, "{}")


def wall_time(day: str | None, clock: str | None) -> datetime | None:
    """The form's date and time as a naive wall time (the domain adds the time zone)."""
    if not day or not clock:
        return None
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock))
