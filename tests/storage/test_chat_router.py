"""Chat notices reach the platform of their reader, in the reader's language; one card each."""

from dataclasses import replace

from bot import services
from bot.chat.router import ChatRouter
from bot.chat.views import plain
from bot.domain.model import Answer, AnswerSource, Platform
from bot.ports import TemporaryFailure
from bot.worker import OutboxWorker
from tests.support.drafts import COLLEAGUE, ORGANIZER, draft
from tests.support.outbox import outbox_rows


class Platform_:
    """A chat platform at the port: keeps what it was asked to post and edit."""

    card_people_limit = None

    def __init__(self, platform, fail=None):
        self.platform, self.fail = platform, fail
        self.sent, self.updated = [], []

    async def send(self, person, view):
        if self.fail:
            raise self.fail
        self.sent.append((person.user_id, view))
        return {"message": len(self.sent)}

    async def update(self, where, view):
        self.updated.append((where, view))


def said(view) -> str:
    return "\n".join(plain(line) for block in view.blocks for line in getattr(block, "lines", []))


def router_worker(runtime, *platforms):
    return OutboxWorker(runtime.ctx.uow, runtime.ctx.clock,
                        [ChatRouter(runtime.ctx, runtime.locks, platforms)])


async def test_each_notice_reaches_its_reader_in_their_language(ctx, runtime):
    italian = replace(COLLEAGUE, locale="it")
    event = await services.create_event(ctx, ORGANIZER, draft(colleagues=[italian]))
    await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED,
                                         AnswerSource.WEB, "See you there")
    slack, telegram = Platform_(Platform.SLACK), Platform_(Platform.TELEGRAM)
    worker = router_worker(runtime, slack, telegram)
    while await worker.run_once():
        pass
    assert telegram.sent == []
    to_organizer = [said(v) for who, v in slack.sent if who == ORGANIZER.user_id]
    assert ("Anna Rossi (acme.example) accepted Quarterly review — Tue 3 Mar, 10:00. "
            "1 of 3 has accepted.\nTheir note: “See you there”") in to_organizer
    [invitation] = [said(v) for who, v in slack.sent if who == COLLEAGUE.user_id]
    assert invitation == ("Marta Bianchi ti invita a Quarterly review — mar 3 mar, 10:00, "
                          "Via Roma 1, Milano.")
    [card] = [v for who, v in slack.sent if "Edit" in str(v.blocks)]  # the changes merged
    assert "✅ accepted — Anna Rossi (anna.rossi@acme.example)" in said(card)
    assert "⏳ awaiting — Luca Verdi" in said(card)


async def test_a_platform_outage_keeps_the_notice_for_later(ctx, runtime):
    await services.create_event(ctx, ORGANIZER, draft())
    down = Platform_(Platform.SLACK, fail=TemporaryFailure("slack is down", retry_after=5))
    await router_worker(runtime, down).run_once()
    [row] = await outbox_rows(runtime, "chat.card")
    assert (row["status"], row["last_error"]) == ("pending", "slack is down")
