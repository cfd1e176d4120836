"""Nothing lost, nothing sent twice: outages, rejections, concurrent and killed workers."""

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bot import services
from bot.app import create_worker
from bot.domain.drafts import GuestDraft
from tests.support.clock import FrozenClock
from tests.support.drafts import ANNA, BOB, ORGANIZER, draft
from tests.support.mailbox import MAIL_FROM, deliver_all, mail_runtime
from tests.support.outbox import outbox_rows


def guests(count: int) -> list[GuestDraft]:
    return [GuestDraft(f"guest{i}@client{i % 7}.example", "Guest", str(i)) for i in range(count)]


async def test_an_smtp_outage_delays_mail_and_loses_none(ctx, settings, clock, smtp_sink):
    await services.create_event(ctx, ORGANIZER, draft())
    worker = mail_runtime(settings, smtp_sink.url, clock)
    smtp_sink.stop()
    await deliver_all(worker)
    rows = await outbox_rows(worker, "mail.invitation")
    assert [r["status"] for r in rows] == ["pending", "pending"]
    assert "cannot reach" in rows[0]["last_error"]
    clock.advance(minutes=5)
    smtp_sink.start()
    await deliver_all(worker)
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == [ANNA.email, BOB.email]
    clock.advance(hours=2)
    await deliver_all(worker)
    assert len(smtp_sink.received) == 2
    await worker.engine.dispose()


async def test_a_550_fails_the_row_and_tells_the_organizer(ctx, settings, clock, smtp_sink):
    event = await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    smtp_sink.reject_with = "550 5.1.1 <anna.rossi@acme.example>: no such user"
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    [row] = await outbox_rows(worker, "mail.invitation")
    assert row["status"] == "failed" and row["last_error"].startswith("550 5.1.1")
    [told] = await outbox_rows(worker, "chat.delivery_failed")
    assert told["payload"] == {"event_id": event.id, "attendee_id": event.guests[0].id,
                               "email": ANNA.email, "outbox_id": row["id"],
                               "error": "550 5.1.1 <anna.rossi@acme.example>: no such user"}
    assert smtp_sink.received == []
    await worker.engine.dispose()


async def test_a_451_is_retried(ctx, settings, clock, smtp_sink):
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    smtp_sink.reject_with = "451 4.3.0 Mailbox temporarily unavailable"
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    [row] = await outbox_rows(worker, "mail.invitation")
    assert (row["status"], row["attempts"]) == ("pending", 1)
    smtp_sink.reject_with = None
    clock.advance(minutes=1)
    await deliver_all(worker)
    assert [r.rcpt_tos for r in smtp_sink.received] == [[ANNA.email]]
    await worker.engine.dispose()


async def test_two_workers_on_postgresql_send_300_invitations_once(ctx, settings, clock,
                                                                   smtp_sink, backend):
    if backend != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite runs one worker")
    for n in range(3):
        await services.create_event(ctx, ORGANIZER, draft(title=f"Event {n}",
                                                          guests=guests(100)))
    first = mail_runtime(settings, smtp_sink.url, clock)
    second = mail_runtime(settings, smtp_sink.url, clock)
    workers = [create_worker(first), create_worker(second)]
    for worker in workers:
        worker.batch_size = 20
    while sum(await asyncio.gather(*(w.run_once() for w in workers))):
        pass
    assert len(smtp_sink.received) == 300
    assert len({m["Message-ID"] for m in smtp_sink.messages}) == 300
    assert len({r.rcpt_tos[0] + str(r.message["Subject"]) for r in smtp_sink.received}) == 300
    await first.engine.dispose()
    await second.engine.dispose()


class SlowSink:
    """Wraps the SMTP sink so each message takes a while, to kill a worker mid-batch."""

    def __init__(self, sink, delay: float) -> None:
        self.sink, self.delay = sink, delay
        self.original = sink.handle_DATA

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        return await self.original(server, session, envelope)


async def test_a_worker_killed_mid_batch_loses_nothing(ctx, settings, clock, smtp_sink):
    await services.create_event(ctx, ORGANIZER, draft(guests=guests(20)))
    smtp_sink.stop()
    smtp_sink.handle_DATA = SlowSink(smtp_sink, 0.05).handle_DATA
    smtp_sink.start()
    env = {**os.environ, "DATABASE_URL": settings.database_url, "SMTP_URL": smtp_sink.url,
           "MAIL_FROM": MAIL_FROM, "SECRET_KEY": settings.SECRET_KEY,
           "DATA_DIR": str(settings.DATA_DIR), "PUBLIC_URL": settings.PUBLIC_URL}
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        async with asyncio.timeout(30):
            while len(smtp_sink.received) < 5:
                await asyncio.sleep(0.01)
    finally:
        process.kill()  # SIGKILL mid-batch: no chance to mark anything
        process.wait(10)
    assert 5 <= len(smtp_sink.received) < 20
    # A restarted worker, once the dead one's lease has run out.
    later = FrozenClock(datetime.now(UTC) + timedelta(minutes=6))
    restarted = mail_runtime(settings, smtp_sink.url, later)
    await deliver_all(restarted)
    received = {r.rcpt_tos[0] for r in smtp_sink.received}
    assert received == {g.email for g in guests(20)}
    assert {r["status"] for r in await outbox_rows(restarted, "mail.invitation")} == {"sent"}
    await restarted.engine.dispose()
