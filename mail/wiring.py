"""Adds the mail sender (SMTP) and the reply reader (IMAP) to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Runtime


def wire_mail(runtime: Runtime) -> None:
    """Register routes, deliverers, notifiers and tasks on the runtime (none yet)."""
