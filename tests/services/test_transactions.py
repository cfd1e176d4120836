"""Each use case writes its outbox rows in the same transaction as its change."""

import pytest
from sqlalchemy import func, select

from bot import services
from bot.domain.model import Answer, AnswerSource, EventStatus
from bot.services import Context
from storage.db import SqlUnitOfWork, SqlUnitOfWorkFactory
from storage.outbox import SqlOutbox
from storage.tables import attendees, events, outbox
from tests.support.drafts import ORGANIZER, draft


class OutboxDown(SqlOutbox):
    """The outbox insert fails, as a full disk or a lost connection would make it."""

    async def add(self, notices, now):
        if notices:
            await super().add(notices[:1], now)  # part of the rows reach the database
            raise ConnectionError("outbox unavailable")


class FailingUnitOfWork(SqlUnitOfWork):
    async def __aenter__(self):
        await super().__aenter__()
        self.outbox = OutboxDown(self.session)
        return self


def failing(ctx: Context) -> Context:
    factory: SqlUnitOfWorkFactory = ctx.uow  # type: ignore[assignment]
    return Context(uow=lambda: FailingUnitOfWork(factory.sessions, factory.box),
                   clock=ctx.clock, secret_key=ctx.secret_key)


async def counts(runtime) -> tuple[int, int, int]:
    async with runtime.engine.connect() as conn:
        return tuple([await conn.scalar(select(func.count()).select_from(t))
                      for t in (events, attendees, outbox)])


async def test_create_leaves_neither_event_nor_outbox_when_the_outbox_fails(ctx, runtime):
    with pytest.raises(ConnectionError):
        await services.create_event(failing(ctx), ORGANIZER, draft())
    assert await counts(runtime) == (0, 0, 0)


async def test_answer_is_not_recorded_when_its_notification_cannot_be(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    before = await counts(runtime)
    with pytest.raises(ConnectionError):
        await services.respond_to_invitation(failing(ctx), event.guests[0].id, Answer.ACCEPTED,
                                             AnswerSource.WEB)
    assert await counts(runtime) == before
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.AWAITING


async def test_update_and_cancel_roll_back_whole(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    before = await counts(runtime)
    with pytest.raises(ConnectionError):
        await services.update_event(failing(ctx), ORGANIZER, event.id, draft(place="Room 9"))
    with pytest.raises(ConnectionError):
        await services.cancel_event(failing(ctx), ORGANIZER, event.id)
    assert await counts(runtime) == before
    stored = await services.get_event(ctx, event.id)
    assert (stored.place, stored.sequence, stored.status) == (
        "Via Roma 1, Milano", 0, EventStatus.SCHEDULED)
