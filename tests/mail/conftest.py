"""A real IMAP server (Dovecot) per test module, and what the reply tests share."""

from __future__ import annotations

import asyncio

import pytest

from bot import services
from bot.domain.drafts import GuestDraft
from bot.domain.model import Answer
from mail.replies.mailbox import from_url
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, draft
from tests.support.imap import Dovecot

DAN = GuestDraft("dan@studio.example", "Dan", "Moro")
HANDLED = {"\\Seen", "OspiteReply"}
OTHER_BOX = "other@two.example"  # a second Dovecot user, for a second workspace


@pytest.fixture(scope="module")
def dovecot_server():
    server = Dovecot(others={OTHER_BOX: "other-secret"}).start()
    yield server
    server.stop()


@pytest.fixture
def dovecot(dovecot_server):
    """The module's IMAP server with empty INBOXes."""
    dovecot_server.empty()
    dovecot_server.empty(OTHER_BOX)
    return dovecot_server


@pytest.fixture
async def event(ctx):
    return await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA, BOB, CHLOE, DAN]))


async def answers(ctx, event) -> dict[str, tuple[Answer, str | None]]:
    stored = await services.get_event(ctx, event.id)
    return {g.email: (g.answer, g.comment) for g in stored.guests}


async def run_worker_task_until(runtime, done, timeout: float = 15) -> None:
    """Run the runtime's worker tasks (as `ospite worker` does) until `done()` holds."""
    stop = asyncio.Event()
    tasks = [asyncio.create_task(task(stop)) for task in runtime.worker_tasks]
    try:
        async with asyncio.timeout(timeout):
            while not await done():
                await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.gather(*tasks)


def boxes(*found):
    """A ReplyReader's `mailboxes`: IMAP_URLs (the deployment's) or Mailbox objects."""
    listed = [from_url(box) if isinstance(box, str) else box for box in found]

    async def mailboxes():
        return listed

    return mailboxes
