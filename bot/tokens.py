"""Guest link tokens: derived from SECRET_KEY and a per-guest salt, stored only as a hash.

The token is HMAC(secret, salt), 256 bits; the database keeps the salt and SHA-256 of the
token, so a copy of the database alone yields no working link, and the mail sender can
derive the link again at send time without the outbox ever holding it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from bot.domain.model import Attendee

_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def guest_token(secret_key: str, salt: str) -> str:
    digest = hmac.new(secret_key.encode(), f"guest:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    """Cheap shape check before any database look-up."""
    return bool(_SHAPE.match(token))


def seal(secret_key: str, attendee: Attendee) -> None:
    """Give a new attendee the hash of its link token."""
    attendee.token_hash = token_hash(guest_token(secret_key, attendee.token_salt))


def token_for(secret_key: str, attendee: Attendee) -> str:
    return guest_token(secret_key, attendee.token_salt)
