"""Encryption of stored secrets (mail passwords) with a key derived from SECRET_KEY."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken


class SecretsUnreadable(RuntimeError):
    """Stored secrets were sealed with another SECRET_KEY."""


class SecretBox:
    """Encrypts small JSON values; the stored text is useless without SECRET_KEY."""

    def __init__(self, secret_key: str) -> None:
        digest = hashlib.sha256(f"ospite-secrets:{secret_key}".encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, value: dict[str, str]) -> str:
        return self._fernet.encrypt(json.dumps(value).encode()).decode()

    def open(self, token: str) -> dict[str, str]:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise SecretsUnreadable(
                "stored mail passwords cannot be read: SECRET_KEY has changed since they were "
                "saved; set the mailbox up again") from None
