"""Adds the mail sender (SMTP) to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mail.sender import MailSender

if TYPE_CHECKING:
    from bot.runtime import Runtime


def wire_mail(runtime: Runtime) -> None:
    """The worker delivers invitation, update and cancellation emails."""
    runtime.deliverers.append(MailSender(runtime.ctx, runtime.settings))
