"""What storage promises: aware datetimes, encrypted secrets, workspace identity."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from bot import services
from bot.domain.model import MailSettings, PersonRef, Platform
from storage.tables import workspaces
from tests.support.drafts import ORGANIZER, draft

MAIL = MailSettings(sender_name="Acme Events", sender_email="events@acme.example",
                    smtp_host="smtp.acme.example", smtp_user="events",
                    smtp_password="hunter2-very-secret", imap_password="imap-secret-too")


async def test_mail_passwords_are_encrypted_at_rest_and_read_back(ctx, runtime):
    await services.set_mail_settings(ctx, ORGANIZER, MAIL)
    async with runtime.engine.connect() as conn:
        row = (await conn.execute(select(workspaces))).one()
    assert "hunter2" not in str(tuple(row)) and "imap-secret" not in str(tuple(row))
    assert await services.get_mail_settings(ctx, ORGANIZER) == MAIL


async def test_secrets_do_not_open_with_another_key(ctx, runtime, settings):
    await services.set_mail_settings(ctx, ORGANIZER, MAIL)
    from bot.app import build_runtime

    another = "another-key-also-at-least-32-characters"
    other = build_runtime(settings.model_copy(update={"SECRET_KEY": another}))
    try:
        with pytest.raises(Exception, match="SECRET_KEY has changed"):
            await services.get_mail_settings(other.ctx, ORGANIZER)
    finally:
        await other.engine.dispose()


async def test_workspaces_are_told_apart_by_platform(ctx):
    await services.set_mail_settings(ctx, ORGANIZER, MAIL)
    telegram = PersonRef(Platform.TELEGRAM, ORGANIZER.workspace, "42")
    assert await services.get_mail_settings(ctx, telegram) is None


async def test_naive_datetimes_never_reach_the_database(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    async with ctx.uow() as uow:
        stored = await uow.events.get(event.id)
        stored.start = datetime(2026, 3, 3, 10)
        with pytest.raises(Exception, match="naive datetime"):
            await uow.commit()


async def test_times_read_back_in_utc(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    async with runtime.engine.connect() as conn:
        raw = await conn.scalar(text("SELECT start FROM events"))
    stored = await services.get_event(ctx, event.id)
    assert stored.start == datetime(2026, 3, 3, 9, tzinfo=UTC) and stored.start.tzinfo is UTC
    assert raw is not None


async def test_a_nested_write_unit_of_work_fails_loudly_instead_of_hanging(ctx, backend):
    if backend != "sqlite":
        pytest.skip("only SQLite queues writers in the process")
    async with ctx.uow():
        with pytest.raises(RuntimeError, match="opened inside another"):
            async with ctx.uow():
                pass
    async with ctx.uow(read_only=True), ctx.uow():  # reads never wait for the writer
        pass
