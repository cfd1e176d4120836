"""Chat notices reach the notifier of the organizer's platform, with what it needs to render."""

from bot import services
from bot.chat import ChatRouter
from bot.domain.model import Answer, AnswerSource, Platform
from bot.ports import TemporaryFailure
from bot.worker import OutboxWorker
from tests.support.drafts import COLLEAGUE, ORGANIZER, draft
from tests.support.outbox import outbox_rows


class Notifier:
    def __init__(self, platform, fail=None):
        self.platform, self.fail, self.sent = platform, fail, []

    async def send(self, delivery):
        if self.fail:
            raise self.fail
        self.sent.append(delivery)


def router_worker(runtime, *notifiers):
    return OutboxWorker(runtime.ctx.uow, runtime.ctx.clock,
                        [ChatRouter(runtime.ctx.uow, notifiers)])


async def test_an_answer_reaches_the_organizers_platform_with_names(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft(colleagues=[COLLEAGUE]))
    await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED,
                                         AnswerSource.WEB)
    slack, telegram = Notifier(Platform.SLACK), Notifier(Platform.TELEGRAM)
    await router_worker(runtime, slack, telegram).run_once()
    assert telegram.sent == []
    kinds = sorted(d.message.kind for d in slack.sent)
    # the answer's card edit merged into the card row still waiting since the event was saved
    assert kinds == ["chat.answer", "chat.card", "chat.colleague_invited"]
    answer = next(d for d in slack.sent if d.message.kind == "chat.answer")
    assert answer.organizer.display_name == "Marta Bianchi"
    assert answer.attendee.name == "Anna Rossi" and answer.event.title == "Quarterly review"
    invited = next(d for d in slack.sent if d.message.kind == "chat.colleague_invited")
    assert invited.person.user_id == COLLEAGUE.user_id


async def test_a_platform_outage_keeps_the_notice_for_later(ctx, runtime):
    await services.create_event(ctx, ORGANIZER, draft())
    down = Notifier(Platform.SLACK, fail=TemporaryFailure("slack is down", retry_after=5))
    await router_worker(runtime, down).run_once()
    [row] = await outbox_rows(runtime, "chat.card")
    assert (row["status"], row["last_error"]) == ("pending", "slack is down")
