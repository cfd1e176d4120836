"""Erasing a guest: what leaves the attendee row, and how stored JSON and text are scrubbed."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from bot.domain.model import Attendee, Role

REDACTED = "[erased]"
# Fields of the notices that quote a guest (DeliveryFailed.email and .error, GuestResponded's
# note): emptied in the outbox rows about an erased guest that were already sent.
PERSONAL_FIELDS = ("email", "error", "comment")


def belongs_to(attendee: Attendee, address: str) -> bool:
    """Whether this guest row holds `address` (any case) and was not erased yet."""
    return (attendee.role is Role.GUEST and not attendee.erased
            and attendee.email.casefold() == address.casefold())


def erase(attendee: Attendee, now: datetime) -> None:
    """Remove the guest's personal data; the row stays so counts and the card still add up."""
    attendee.email = attendee.first_name = attendee.last_name = ""
    attendee.comment = None
    attendee.token_salt = ""
    # A random hash that no token hashes to: the old link now answers like any unknown one.
    attendee.token_hash = secrets.token_hex(32)
    attendee.erased_at = now


def forget_fields(payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox payload about an erased guest, without the fields that quote them."""
    return {k: (None if k == "comment" else "") if k in PERSONAL_FIELDS else v
            for k, v in payload.items()}


def redact(text: str, address: str) -> str:
    """`text` with every occurrence of the address (any case) replaced."""
    return re.sub(re.escape(address), REDACTED, text, flags=re.IGNORECASE)


def scrub(value: Any, address: str) -> Any:
    """A JSON value without the guest.

    A record naming the address (a guest in a half-typed form) is dropped from its list,
    or emptied where it stands alone, so its name goes with it; text loses the address.
    """
    if isinstance(value, str):
        return redact(value, address)
    if isinstance(value, list):
        return [scrub(item, address) for item in value if not _names(item, address)]
    if isinstance(value, dict):
        if _names(value, address):
            return {k: "" if isinstance(v, str) else scrub(v, address) for k, v in value.items()}
        return {k: scrub(v, address) for k, v in value.items()}
    return value


def _names(value: Any, address: str) -> bool:
    wanted = address.casefold()
    return isinstance(value, dict) and any(
        isinstance(v, str) and v.strip().casefold() == wanted for v in value.values())
