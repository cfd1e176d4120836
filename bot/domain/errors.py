"""Errors the domain raises; front ends turn their keys into words in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field, as a message key and the values its words need."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.key


def problem(key: str, **params: Any) -> Problem:
    return Problem(key, params)


class DomainError(Exception):
    """Something the user asked for cannot be done; `key` names the words that say why."""

    key = "failed"

    def __init__(self, key: str | None = None) -> None:
        super().__init__(key or self.key)
        if key:
            self.key = key


class InvalidInput(DomainError):
    """One or more fields are wrong; `problems` maps each field to its problem."""

    key = "invalid"

    def __init__(self, problems: Mapping[str, Problem | str]) -> None:
        self.problems = {name: p if isinstance(p, Problem) else Problem(p)
                         for name, p in problems.items()}
        super().__init__()
        self.args = ("; ".join(f"{name}: {p.key}" for name, p in self.problems.items()),)


class NotFound(DomainError):
    """The event, guest or workspace does not exist (or is not visible to the caller)."""

    key = "not_found"


class Forbidden(DomainError):
    """The caller may not do this (for example, edit someone else's event)."""

    key = "not_organizer"


class AnswerClosed(DomainError):
    """The invitation can no longer be answered (cancelled, ended, or guest removed)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
