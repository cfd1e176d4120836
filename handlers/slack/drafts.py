"""The submitted event form as a draft for the use cases, and domain errors as field errors."""

from __future__ import annotations

from typing import Any

import httpx

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.model import Attachment, PersonRef, Platform
from bot.domain.validation import MAX_FILES, MAX_FILES_BYTES
from handlers.slack.blocks import values
from handlers.slack.forms import FormState, wall_time
from handlers.slack.ids import Block

# Where each domain field's problem is shown in the form.
FIELD_BLOCKS = {"title": Block.TITLE, "description": Block.DESCRIPTION, "start": Block.DATE,
                "end": Block.END, "timezone": Block.TIMEZONE, "place": Block.PLACE,
                "locale": Block.LOCALE, "attachments": Block.FILES}


def read_event_form(view: dict[str, Any], state: FormState, team_id: str,
                    ) -> tuple[EventDraft, list[dict[str, Any]]]:
    """(draft without files, the Slack files to download)."""
    found = values(view)
    day = found.get(Block.DATE)
    draft = EventDraft(
        title=found.get(Block.TITLE) or "", description=found.get(Block.DESCRIPTION) or "",
        start=wall_time(day, found.get(Block.START)), end=wall_time(day, found.get(Block.END)),
        timezone=(found.get(Block.TIMEZONE) or "").strip(), place=found.get(Block.PLACE) or "",
        locale=found.get(Block.LOCALE) or "en",
        guests=[GuestDraft(g["email"], g["first_name"], g["last_name"]) for g in state.guests],
        colleagues=[PersonRef(Platform.SLACK, team_id, uid)
                    for uid in found.get(Block.COLLEAGUES) or []],
    )
    return draft, list(found.get(Block.FILES) or [])


def field_errors(problems: dict[str, str]) -> dict[str, str]:
    """Domain problems by form block; guest problems go next to the colleagues picker."""
    errors: dict[str, str] = {}
    for name, message in problems.items():
        if name.startswith("guests"):
            index = name.split(".")[1] if "." in name else None
            prefix = f"Guest {int(index) + 1}: " if index is not None else "Guests: "
            errors.setdefault(Block.COLLEAGUES, prefix + message)
        else:
            errors[FIELD_BLOCKS.get(name, Block.TITLE)] = message
    return errors


def files_problem(files: list[dict[str, Any]]) -> str | None:
    if len(files) > MAX_FILES:
        return f"At most {MAX_FILES} attachments per event."
    if sum(int(f.get("size") or 0) for f in files) > MAX_FILES_BYTES:
        return f"Attachments may be {MAX_FILES_BYTES // 2**20} MB in all."
    return None


async def download(files: list[dict[str, Any]], token: str) -> list[Attachment]:
    """Fetch the uploaded files with the bot token, to keep them with the event."""
    found = []
    async with httpx.AsyncClient(timeout=30, headers={"Authorization": f"Bearer {token}"}) as web:
        for file in files:
            answer = await web.get(file["url_private"])
            answer.raise_for_status()
            found.append(Attachment(file.get("name") or "attachment",
                                    file.get("mimetype") or "application/octet-stream",
                                    answer.content))
    return found
