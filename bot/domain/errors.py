"""Errors the domain raises; front ends turn them into friendly messages."""

from __future__ import annotations


class DomainError(Exception):
    """Something the user asked for cannot be done."""


class InvalidInput(DomainError):
    """One or more fields are wrong; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in problems.items()))
        self.problems = problems


class NotFound(DomainError):
    """The event, guest or workspace does not exist (or is not visible to the caller)."""


class Forbidden(DomainError):
    """The caller may not do this (for example, edit someone else's event)."""


class AnswerClosed(DomainError):
    """The invitation can no longer be answered (cancelled, ended, or guest removed)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
