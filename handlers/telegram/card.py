"""The event card in the organizer's chat: who is invited and who answered."""

from __future__ import annotations

from bot.domain.model import Event, EventStatus
from bot.text import when
from handlers.telegram.texts import ANSWER_LABELS


def card_text(event: Event) -> str:
    cancelled = event.status is EventStatus.CANCELLED
    head = f"{event.title} (cancelled)" if cancelled else event.title
    lines = [f"📅 {head}", when(event.start, event.end, event.timezone, event.locale)]
    if event.place:
        lines.append(f"📍 {event.place}")
    lines.append("")
    lines += [f"{ANSWER_LABELS[a.answer.value]} {a.name}" + (f" <{a.email}>" if a.email else "")
              for a in event.current_attendees] or ["Nobody is invited yet."]
    return "\n".join(lines)
