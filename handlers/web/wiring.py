"""Adds the guest answer pages to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Runtime


def wire_web(runtime: Runtime) -> None:
    """Register routes, deliverers, notifiers and tasks on the runtime (none yet)."""
