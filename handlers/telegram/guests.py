"""A guest typed one field at a time, checked by the domain's rules for the whole guest list."""

from __future__ import annotations

from typing import Any

from bot.domain.drafts import GuestDraft
from bot.domain.errors import InvalidInput
from bot.domain.validation import check_guests

# The names come at the next steps; a stand-in lets the list rule judge the address now.
_NAME_TO_COME = "-"


def check_address(guests: list[dict[str, Any]], email: str) -> str:
    """The next guest's address, normalised; InvalidInput under `email` (bad, already on the
    list) or `guests` (the list is full)."""
    listed = [GuestDraft(g["email"], g["first_name"], g["last_name"]) for g in guests]
    try:
        clean = check_guests([*listed, GuestDraft(email, _NAME_TO_COME, _NAME_TO_COME)])
    except InvalidInput as bad:
        mine = f"guests.{len(listed)}."
        ours = {name.removeprefix(mine): found for name, found in bad.problems.items()
                if name == "guests" or name.startswith(mine)}
        raise InvalidInput(ours or bad.problems) from None
    return clean[-1].email
