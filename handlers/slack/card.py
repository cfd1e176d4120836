"""The event card the organizer gets in a direct message, kept up to date."""

from __future__ import annotations

from typing import Any

from bot.domain.model import Attendee, Event, EventStatus
from bot.text import when
from handlers.slack import blocks as b
from handlers.slack.ids import Action
from handlers.slack.texts import ANSWER_LABELS


def card(event: Event) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for the card."""
    cancelled = event.status is EventStatus.CANCELLED
    title = f"~{event.title}~ (cancelled)" if cancelled else event.title
    where = f"\n📍 {event.place}" if event.place else ""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": b.markdown(
            f"*{title}*\n🗓 {when(event.start, event.end, event.timezone, event.locale)}"
            f"{where}")},
        {"type": "section", "text": b.markdown(_people(event))},
    ]
    if not cancelled:
        confirm = {"title": b.plain("Cancel this event?"), "confirm": b.plain("Cancel event"),
                   "deny": b.plain("Keep it"), "style": "danger",
                   "text": b.markdown("Every guest gets a cancellation by email.")}
        value = str(event.id)
        blocks.append({"type": "actions", "elements": [
            b.button("Edit", Action.EDIT, value),
            b.button("Invite more", Action.INVITE_MORE, value),
            b.button("Cancel event", Action.CANCEL, value, "danger", confirm)]})
    return f"{event.title}: {_summary(event)}", blocks


def _people(event: Event) -> str:
    lines = [f"{ANSWER_LABELS[a.answer.value]} — {_who(a)}" for a in event.current_attendees]
    return "\n".join(lines) if lines else "No one is invited yet."


def _who(attendee: Attendee) -> str:
    return f"{attendee.name} ({attendee.email})" if attendee.email else attendee.name


def _summary(event: Event) -> str:
    counts = {k: sum(1 for a in event.current_attendees if a.answer.value == k)
              for k in ANSWER_LABELS}
    return ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no one invited"
