"""The submitted event form as a draft for the use cases, and domain problems as field errors."""

from __future__ import annotations

from typing import Any

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.errors import Problem
from bot.domain.model import PersonRef, Platform
from bot.i18n import Translator
from bot.text import explain
from handlers.slack.blocks import values
from handlers.slack.forms import FormState, wall_time
from handlers.slack.ids import Block

# Where each domain field's problem is shown in the form.
FIELD_BLOCKS = {"title": Block.TITLE, "description": Block.DESCRIPTION, "start": Block.DATE,
                "end": Block.END, "timezone": Block.TIMEZONE, "place": Block.PLACE,
                "locale": Block.LOCALE, "attachments": Block.FILES,
                "guests": Block.COLLEAGUES}
GUEST_BLOCKS = {"email": Block.EMAIL, "first_name": Block.FIRST, "last_name": Block.LAST}


def read_event_form(view: dict[str, Any], state: FormState, team_id: str,
                    ) -> tuple[EventDraft, list[dict[str, Any]]]:
    """(draft without files, the files as the payload names them)."""
    found = values(view)
    day = found.get(Block.DATE)
    draft = EventDraft(
        title=str(found.get(Block.TITLE) or ""),
        description=str(found.get(Block.DESCRIPTION) or ""),
        start=wall_time(day, found.get(Block.START)), end=wall_time(day, found.get(Block.END)),
        timezone=str(found.get(Block.TIMEZONE) or ""), place=str(found.get(Block.PLACE) or ""),
        locale=str(found.get(Block.LOCALE) or "en"),
        guests=[GuestDraft(g["email"], g["first_name"], g["last_name"]) for g in state.guests],
        colleagues=[PersonRef(Platform.SLACK, team_id, str(uid))
                    for uid in found.get(Block.COLLEAGUES) or []],
    )
    files = [f for f in found.get(Block.FILES) or [] if isinstance(f, dict) and f.get("id")]
    return draft, files


def field_errors(problems: dict[str, Problem], t: Translator, locale: str,
                 blocks: dict[str, str] = FIELD_BLOCKS) -> dict[str, str]:
    """Domain problems, in the reader's words, by the form block that shows each one."""
    errors: dict[str, str] = {}
    for name, found in problems.items():
        block = blocks.get(name.split(".")[0]) or next(iter(blocks.values()))
        errors.setdefault(block, explain(found, t, locale))
    return errors


def tell_guests(view: dict[str, Any]) -> bool:
    """The edit form's "tell the guests" box (a date, time or place change is always told)."""
    return "notify" in (values(view).get(Block.NOTIFY) or [])
