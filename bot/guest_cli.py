"""`ospite guest export|forget ADDRESS`: a guest's copy of their data, and its erasure."""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import asdict
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from bot import privacy
from bot.config import Settings
from bot.domain.errors import InvalidInput
from bot.domain.validation import check_email

PROMPTS = {
    "export": "Export everything Ospite holds about {address}? [y/N] ",
    "forget": "Erase everything Ospite holds about {address}? This cannot be undone. [y/N] ",
}
KEPT = {"export": "Nothing was exported.", "forget": "Nothing was erased."}
NOTHING = "Ospite holds nothing about {address}."
FORGOTTEN = ("Erased {address} from {events} event(s) ({invitations} invitation(s)); "
             "dropped {dropped} email(s) not yet sent to them and {dropped_notes} chat "
             "message(s) about them; scrubbed {scrubbed} other record(s).")


def run(settings: Settings, action: str, address: str, yes: bool,
        stdin: IO[str] | None = None, stdout: IO[str] | None = None,
        stderr: IO[str] | None = None) -> int:
    """Check the address, ask unless `yes`, then export or forget; returns the exit status."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        address = check_email(address)
    except InvalidInput as bad:
        print(f"ospite: {address!r} is not an email address. {bad.problems['email']}",
              file=stderr)
        return 2
    if not yes:
        print(PROMPTS[action].format(address=address), end="", file=stderr, flush=True)
        if stdin.readline().strip().lower() not in ("y", "yes"):
            print(KEPT[action], file=stderr)
            return 1
    out, err = asyncio.run(_act(settings, action, address))
    for text, stream in ((out, stdout), (err, stderr)):
        if text:
            print(text, file=stream)
    return 0


async def _act(settings: Settings, action: str, address: str) -> tuple[str, str]:
    """(what goes to stdout, what goes to stderr)."""
    from bot.app import build_runtime, ensure_migrated

    runtime = build_runtime(settings)
    try:
        await ensure_migrated(runtime)
        if action == "export":
            held = await privacy.export_guest(runtime.ctx, address)
            return (json.dumps(document(address, held), indent=2, ensure_ascii=False),
                    "" if held else NOTHING.format(address=address))
        done = await privacy.forget_guest(runtime.ctx, address)
    finally:
        await runtime.engine.dispose()
    if not (done.events or done.scrubbed):
        return "", f"{NOTHING.format(address=address)} {KEPT['forget']}"
    return FORGOTTEN.format(address=address, **asdict(done)), ""


def document(address: str, held: list[privacy.Held]) -> dict[str, Any]:
    """The export as JSON: times in each event's own time zone, never a link or its token."""
    return {"address": address, "invitations": [_invitation(h) for h in held]}


def _invitation(held: privacy.Held) -> dict[str, Any]:
    event, guest = held.event, held.attendee
    zone = ZoneInfo(event.timezone)
    return {
        "event": {"title": event.title, "start": _iso(event.start, zone),
                  "end": _iso(event.end, zone), "timezone": event.timezone,
                  "place": event.place, "status": event.status.value,
                  "organizer": held.organizer_name},
        "email": guest.email, "first_name": guest.first_name, "last_name": guest.last_name,
        "answer": guest.answer.value, "answered_at": _iso(guest.answered_at, zone),
        "note": guest.comment, "removed_from_event": guest.removed,
        "contact_stopped": guest.contact_stopped,
        "messages": [{"kind": m.kind, "status": m.status, "created_at": _iso(m.created_at),
                      "sent_at": _iso(m.sent_at)} for m in held.messages],
    }


def _iso(moment: datetime | None, zone: ZoneInfo | None = None) -> str | None:
    if moment is None:
        return None
    return (moment.astimezone(zone) if zone else moment).isoformat()
