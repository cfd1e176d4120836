"""The outbox deliverer for invitation, update and cancellation emails."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.config import Settings
from bot.domain.notices import DeliveryFailed
from bot.ports import DeliveryError, OutboxMessage, TemporaryFailure
from bot.services import Context
from mail.compose import Letter, compose
from mail.letters import KINDS, load_letters
from mail.sender_config import Sender
from mail.smtp import send_batch

log = logging.getLogger("ospite.mail")


class MailSender:
    """Sends each claimed row once; one SMTP connection per sender mailbox and batch.

    The mailboxes are served side by side, so a slow or dead one (a workspace's own
    server) delays nobody else's mail.
    """

    kinds = tuple(KINDS)

    def __init__(self, ctx: Context, settings: Settings) -> None:
        self.ctx, self.settings = ctx, settings

    async def deliver(self, messages: Sequence[OutboxMessage],
                      ) -> dict[int, DeliveryError | None]:
        loaded = await load_letters(self.ctx, self.settings, messages)
        outcomes: dict[int, DeliveryError | None] = {}
        batches: dict[Sender, list[tuple[int, Letter]]] = {}
        for mid, letter in loaded.items():
            if isinstance(letter, DeliveryError):
                outcomes[mid] = letter
            else:
                batches.setdefault(letter.sender, []).append((mid, letter))
        senders = list(batches)
        sent = await asyncio.gather(*(send_batch(s, batches[s], compose) for s in senders),
                                    return_exceptions=True)
        for sender, results in zip(senders, sent, strict=True):
            if isinstance(results, BaseException):  # a bug in one batch spares the others
                log.error("sending through %r failed", sender, exc_info=results)
                results = {mid: TemporaryFailure("sending failed") for mid, _ in batches[sender]}
            for mid, letter in batches[sender]:
                outcomes[mid] = _tell_organizer(letter, results[mid])
        return outcomes


def _tell_organizer(letter: Letter, outcome: DeliveryError | None) -> DeliveryError | None:
    """A row given up on tells the organizer which guest did not get the email, and why."""
    if outcome is not None:
        outcome.notice = DeliveryFailed(
            event_id=letter.event.id or 0, attendee_id=letter.attendee.id or 0,
            email=letter.attendee.email, error=str(outcome), outbox_id=letter.outbox_id)
    return outcome
