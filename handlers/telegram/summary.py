"""The summary shown before Save: the draft in the reader's language, in one message."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.i18n import NAMES, Translator
from bot.text import when
from handlers.telegram.drafts import Draft, start_of
from handlers.telegram.render import MESSAGE_CHARS, fit, size

GUESTS_SHOWN = 40  # as many as the card names
DESCRIPTION_SHOWN = 1000
ROOM_FOR_THE_REST = 200  # "… and 60 more"


def summary(draft: Draft, t: Translator, locale: str) -> str:
    """Title, date, place, description, guests (the first ones by name), files, language."""
    head = "\n".join([draft["title"], f"🗓 {_when(draft, locale)}",
                      f"📍 {draft['place']}" if draft["place"] else t.gettext("📍 No place")])
    description = _shortened(draft["description"], DESCRIPTION_SHOWN)
    tail = "\n".join([*(f"📎 {f['name']}" for f in draft["files"]),
                      t.gettext("Emails in: {language}").format(
                          language=NAMES.get(draft["locale"], draft["locale"]))])
    budget = MESSAGE_CHARS - size(head) - size(description) - size(tail) - ROOM_FOR_THE_REST
    guests = _guests(draft["guests"], t, budget)
    return fit("\n\n".join(part for part in (head, description, guests, tail) if part))


def _when(draft: Draft, locale: str) -> str:
    start = start_of(draft)
    if start is None:
        return "?"
    zone = ZoneInfo(draft["timezone"])
    end = start + timedelta(minutes=draft["minutes"])
    return when(start.replace(tzinfo=zone), end.replace(tzinfo=zone), draft["timezone"], locale)


def _guests(guests: list[dict[str, str]], t: Translator, budget: int) -> str:
    """Guests by name while they fit, then how many more there are."""
    if not guests:
        return t.gettext("No guests yet.")
    lines = [t.ngettext("Guests ({count}):", "Guests ({count}):", len(guests)).format(
        count=len(guests))]
    used = size(lines[0])
    for guest in guests[:GUESTS_SHOWN]:
        line = f"• {guest['first_name']} {guest['last_name']} <{guest['email']}>"
        if used + size(line) + 1 > budget:
            break
        lines.append(line)
        used += size(line) + 1
    rest = len(guests) - (len(lines) - 1)
    if rest:
        lines.append(t.ngettext("… and {count} more", "… and {count} more", rest).format(
            count=rest))
    return "\n".join(lines)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
