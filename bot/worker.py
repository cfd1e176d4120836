"""The outbox loop: claim due rows, hand them to their deliverer, record the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta

from bot.ports import (
    Clock,
    Deliverer,
    DeliveryError,
    OutboxMessage,
    PermanentFailure,
    UnitOfWorkFactory,
)

log = logging.getLogger("ospite.worker")

GIVE_UP_AFTER = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)


def next_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, … at most an hour (or what the peer asked)."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 0.0))
    return min(FIRST_RETRY * (2 ** attempts), LONGEST_WAIT)


class OutboxWorker:
    """Delivers outbox rows; several workers may share one PostgreSQL outbox."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, deliverers: Sequence[Deliverer],
                 batch_size: int = 50, lease_seconds: float = 300, idle_seconds: float = 1.0,
                 ) -> None:
        self.uow, self.clock = uow, clock
        self.by_kind = {kind: d for d in deliverers for kind in d.kinds}
        self.batch_size, self.lease_seconds, self.idle_seconds = (
            batch_size, lease_seconds, idle_seconds)

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set; sleep briefly when nothing is due."""
        while not stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("outbox batch failed; trying again shortly")
                handled = 0
            if not handled:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.idle_seconds)

    async def run_once(self) -> int:
        """Claim one batch, deliver it, record outcomes; return how many rows were handled."""
        if not self.by_kind:
            return 0
        async with self.uow() as uow:
            batch = await uow.outbox.claim_due(self.clock.now(), self.batch_size,
                                               self.lease_seconds, kinds=list(self.by_kind))
            await uow.commit()
        for deliverer, messages in self._group(batch):
            outcomes = await self._deliver(deliverer, messages)
            await self._record(messages, outcomes)
        return len(batch)

    def _group(self, batch: list[OutboxMessage]) -> list[tuple[Deliverer, list[OutboxMessage]]]:
        groups: dict[int, tuple[Deliverer, list[OutboxMessage]]] = {}
        for message in batch:
            deliverer = self.by_kind[message.kind]
            groups.setdefault(id(deliverer), (deliverer, []))[1].append(message)
        return list(groups.values())

    async def _deliver(self, deliverer: Deliverer, messages: list[OutboxMessage],
                       ) -> dict[int, DeliveryError | None]:
        try:
            return await deliverer.deliver(messages)
        except Exception as exc:  # a bug or outage in a deliverer must not lose the batch
            log.exception("deliverer %s failed", type(deliverer).__name__)
            return {m.id: DeliveryError(f"{type(exc).__name__}: {exc}") for m in messages}

    async def _record(self, messages: list[OutboxMessage],
                      outcomes: dict[int, DeliveryError | None]) -> None:
        now = self.clock.now()
        sent = [m.id for m in messages if m.id in outcomes and outcomes[m.id] is None]
        async with self.uow() as uow:
            await uow.outbox.mark_sent(sent, now)
            for message in messages:
                error = outcomes.get(message.id, DeliveryError("not attempted"))
                if error is None:
                    continue
                if isinstance(error, PermanentFailure) or (
                        now - message.created_at >= GIVE_UP_AFTER):
                    log.warning("outbox %s (%s) failed: %s", message.id, message.kind, error)
                    await uow.outbox.mark_failed(message.id, str(error), now)
                    await uow.outbox.add([error.notice] if error.notice else [], now)
                else:
                    delay = next_delay(message.attempts, getattr(error, "retry_after", None))
                    await uow.outbox.mark_retry(message.id, str(error), now + delay)
            await uow.commit()
