"""Adds the calendar reply reader (IMAP) to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Runtime


def wire_replies(runtime: Runtime) -> None:
    """Register the IMAP reader as a worker task (none yet)."""
