"""The outbox worker: sends once, retries with backoff, gives up after 24 h, survives crashes."""

import asyncio
from datetime import timedelta

from bot import services
from bot.app import create_worker
from bot.domain.notices import DeliveryFailed
from bot.ports import OutboxMessage, PermanentFailure, TemporaryFailure
from bot.worker import OutboxWorker, next_delay
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows

MAIL_KINDS = ("mail.invitation", "mail.update", "mail.cancellation")


class Recorder:
    """A stand-in mail server at the deliverer port: records, or fails as told."""

    kinds = MAIL_KINDS

    def __init__(self, fail=None):
        self.sent: list[OutboxMessage] = []
        self.fail = fail

    async def deliver(self, messages):
        outcomes = {}
        for message in messages:
            error = self.fail(message) if self.fail else None
            if error is None:
                self.sent.append(message)
            outcomes[message.id] = error
        return outcomes


def worker(runtime, deliverer, **options) -> OutboxWorker:
    return OutboxWorker(runtime.ctx.uow, runtime.ctx.clock, [deliverer], **options)


async def status_by_kind(runtime, kind="mail.invitation"):
    return [r["status"] for r in await outbox_rows(runtime, kind)]


async def test_each_row_is_delivered_once_and_marked_sent(ctx, runtime):
    await services.create_event(ctx, ORGANIZER, draft())
    recorder = Recorder()
    assert await worker(runtime, recorder).run_once() == 2
    assert await worker(runtime, recorder).run_once() == 0
    assert len(recorder.sent) == 2
    assert await status_by_kind(runtime) == ["sent", "sent"]
    # chat kinds are left for the chat deliverers
    assert await status_by_kind(runtime, "chat.card") == ["pending"]


async def test_a_temporary_failure_is_retried_with_backoff(ctx, runtime, clock):
    await services.create_event(ctx, ORGANIZER, draft(guests=draft().guests[:1]))
    down = Recorder(fail=lambda m: TemporaryFailure("421 try later"))
    await worker(runtime, down).run_once()
    [row] = await outbox_rows(runtime, "mail.invitation")
    assert (row["status"], row["attempts"], row["last_error"]) == ("pending", 1, "421 try later")
    assert row["next_attempt_at"] == clock.now() + timedelta(seconds=30)
    up = Recorder()
    assert await worker(runtime, up).run_once() == 0  # not due yet
    clock.advance(seconds=31)
    await worker(runtime, up).run_once()
    assert len(up.sent) == 1 and await status_by_kind(runtime) == ["sent"]


def test_backoff_doubles_up_to_an_hour():
    assert [next_delay(n).total_seconds() for n in range(9)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert next_delay(3, retry_after=7).total_seconds() == 7


async def test_after_24_hours_of_failures_the_row_fails_and_the_organizer_is_told(ctx, runtime,
                                                                               clock):
    event = await services.create_event(ctx, ORGANIZER, draft(guests=draft().guests[:1]))
    guest = event.guests[0]

    def refuse(message):
        notice = DeliveryFailed(event.id, guest.id, guest.email, "connection refused", message.id)
        return TemporaryFailure("connection refused", notice)

    down = Recorder(fail=refuse)
    for _ in range(40):
        await worker(runtime, down).run_once()
        clock.advance(hours=1)
    assert await status_by_kind(runtime) == ["failed"]
    [told] = await outbox_rows(runtime, "chat.delivery_failed")
    assert told["payload"]["email"] == guest.email


async def test_a_permanent_failure_fails_at_once_with_a_notice(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft(guests=draft().guests[:1]))
    guest = event.guests[0]
    rejected = Recorder(fail=lambda m: PermanentFailure(
        "550 no such user", DeliveryFailed(event.id, guest.id, guest.email, "550 no such user",
                                           m.id)))
    await worker(runtime, rejected).run_once()
    assert await status_by_kind(runtime) == ["failed"]
    [told] = await outbox_rows(runtime, "chat.delivery_failed")
    assert told["payload"]["error"] == "550 no such user"


async def test_a_worker_that_dies_mid_batch_loses_nothing(ctx, runtime, clock):
    await services.create_event(ctx, ORGANIZER, draft())
    async with ctx.uow() as uow:  # a worker claims the batch, then is killed
        claimed = await uow.outbox.claim_due(clock.now(), 50, 300, MAIL_KINDS)
        await uow.commit()
    assert len(claimed) == 2
    recorder = Recorder()
    assert await worker(runtime, recorder).run_once() == 0  # leased, not lost
    clock.advance(seconds=301)
    await worker(runtime, recorder).run_once()
    assert len(recorder.sent) == 2 and await status_by_kind(runtime) == ["sent", "sent"]


async def test_a_crashing_deliverer_does_not_stop_the_worker(ctx, runtime):
    await services.create_event(ctx, ORGANIZER, draft(guests=draft().guests[:1]))

    class Broken(Recorder):
        async def deliver(self, messages):
            raise RuntimeError("bug")

    await worker(runtime, Broken()).run_once()
    [row] = await outbox_rows(runtime, "mail.invitation")
    assert row["status"] == "pending" and "bug" in row["last_error"]


async def test_concurrent_workers_never_deliver_a_row_twice(ctx, runtime):
    many = [draft().guests[0].__class__(f"g{i}@acme.example", "G", str(i)) for i in range(60)]
    await services.create_event(ctx, ORGANIZER, draft(guests=many))
    recorders = [Recorder() for _ in range(3)]
    workers = [worker(runtime, r, batch_size=7) for r in recorders]
    for _ in range(12):
        await asyncio.gather(*(w.run_once() for w in workers))
    ids = [m.id for r in recorders for m in r.sent]
    assert len(ids) == 60 and len(set(ids)) == 60


async def test_the_worker_runs_until_stopped(runtime):
    stop = asyncio.Event()
    task = asyncio.create_task(create_worker(runtime).run(stop))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 5)
