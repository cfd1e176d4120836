"""Encryption of stored secrets (mail passwords) with a key derived from SECRET_KEY."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet


class SecretBox:
    """Encrypts small JSON values; the stored text is useless without SECRET_KEY."""

    def __init__(self, secret_key: str) -> None:
        digest = hashlib.sha256(f"ospite-secrets:{secret_key}".encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, value: dict[str, str]) -> str:
        return self._fernet.encrypt(json.dumps(value).encode()).decode()

    def open(self, token: str) -> dict[str, str]:
        return json.loads(self._fernet.decrypt(token.encode()))
