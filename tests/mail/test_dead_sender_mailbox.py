"""A workspace whose own SMTP server hangs delays no other workspace's invitations."""

from __future__ import annotations

import asyncio

from bot import services
from bot.app import create_worker
from bot.domain.model import MailSettings, PersonRef, Platform
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, draft
from tests.support.fake_servers import fake_server
from tests.support.outbox import outbox_rows

ELSEWHERE = PersonRef(Platform.SLACK, "T2", "U7", "Pia Neri", "Europe/Rome", "en")


def mailbox(port: int, email: str) -> MailSettings:
    return MailSettings(sender_name="Events", sender_email=email, smtp_host="127.0.0.1",
                        smtp_port=port, smtp_security="none")


async def test_a_hanging_mailbox_leaves_the_others_mail_flowing(ctx, runtime, smtp_sink):
    with fake_server() as dead:  # accepts the connection and never says a word
        await services.set_mail_settings(ctx, ORGANIZER, mailbox(dead.port, "a@one.example"))
        await services.set_mail_settings(ctx, ELSEWHERE, mailbox(smtp_sink.port,
                                                                 "b@two.example"))
        # The dead workspace's event comes first: one mailbox after the other would wait
        # for it before even trying the good one.
        stuck = await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
        await services.create_event(ctx, ELSEWHERE, draft(guests=[BOB, CHLOE]))
        batch = asyncio.create_task(create_worker(runtime).run_once())
        async with asyncio.timeout(20):
            while len(smtp_sink.received) < 2:
                await asyncio.sleep(0.02)
        assert await asyncio.to_thread(dead.accepted.acquire, timeout=5)
        assert dead.open == 1  # the good mail went out while the dead one still waited
        dead.release()
        assert await batch == 3
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == [BOB.email, CHLOE.email]
    rows = {r["payload"]["attendee_id"]: r for r in await outbox_rows(runtime, "mail.invitation")}
    waiting = rows.pop(stuck.guests[0].id)
    assert (waiting["status"], waiting["attempts"]) == ("pending", 1)
    assert "cannot reach" in waiting["last_error"]
    assert {r["status"] for r in rows.values()} == {"sent"}
