"""What `ospite serve` and `ospite worker` print holds no secret and no guest link token."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from bot import services, tokens
from bot.app import build_runtime
from bot.config import load_settings
from bot.domain.model import PersonRef, Platform
from tests.support.drafts import draft
from tests.support.processes import environment, migrate, running, serving
from tests.support.smtp import SmtpSink, free_port
from tests.support.telegram_api import BotApi

SECRET_KEY = "process-test-secret-key-0123456789-abcdef"
TELEGRAM_TOKEN = "987654321:AAE7oL-realistic_Telegram_token_x9"
SLACK_TOKEN = "xoxb-1111-2222-RealisticSlackBotToken"
SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543"
SMTP_USER, SMTP_PASSWORD = "events@acme.example", "mailbox-Pa55word"
ORGANIZER = PersonRef(Platform.TELEGRAM, "telegram", "1001", "Marta Bianchi", "Europe/Rome",
                      "en")


@contextmanager
def smtp_with_password() -> Iterator[SmtpSink]:
    """A real SMTP server on 127.0.0.1 that takes mail only after the right login."""
    def check(server, session, envelope, mechanism, data) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            SMTP_USER.encode(), SMTP_PASSWORD.encode())
        return AuthResult(success=ok, handled=False)

    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, auth_require_tls=False,
                            authenticator=check)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


async def invite_guests(data_dir) -> str:
    """Create an event in the processes' database, as the chat would; Anna's link token."""
    settings = load_settings(DATA_DIR=data_dir, SECRET_KEY=SECRET_KEY, _env_file=None)
    runtime = build_runtime(settings)
    # The processes run on the real clock: an event ten days from now, 10:00 in Rome.
    start = (datetime.now(UTC) + timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0, tzinfo=None)
    try:
        event = await services.create_event(runtime.ctx, ORGANIZER, draft(
            start=start, end=start + timedelta(hours=1)))
    finally:
        await runtime.engine.dispose()
    return tokens.token_for(SECRET_KEY, event.guests[0])


async def until(condition, timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.05)


async def test_no_secret_or_guest_token_reaches_the_logs(tmp_path):
    data, port = tmp_path / "data", free_port()
    bot_api = BotApi()
    with smtp_with_password() as smtp:
        env = environment(
            data, SECRET_KEY=SECRET_KEY, PUBLIC_URL=f"http://127.0.0.1:{port}",
            TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_API_URL=bot_api.url,
            SLACK_BOT_TOKEN=SLACK_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/",
            SMTP_URL=f"smtp://{quote(SMTP_USER, safe='')}:{SMTP_PASSWORD}@127.0.0.1:{smtp.port}",
            MAIL_FROM=f"Acme Events <{SMTP_USER}>")
        migrate(env, tmp_path)
        guest_token = await invite_guests(data)
        async with bot_api.running(), serving(env, tmp_path, port) as serve, \
                running("worker", "worker", env=env, cwd=tmp_path) as worker:
            await serve.wait_for_log("/getUpdates")  # long polling, through httpx's log
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as guest:
                answered = await guest.post(f"/rsvp/{guest_token}", data={"answer": "accepted"})
            assert "Thank you! Marta Bianchi will be told that you accepted." in answered.text
            await until(lambda: len(smtp.received) == 2)  # the invitations, after a login
            await until(lambda: any(text.startswith("Anna Rossi (acme.example) accepted")
                                    for text in bot_api.said()))  # the organizer is told
            await worker.wait_for_log("/sendMessage")
    logs = serve.output() + worker.output()
    for secret in (SECRET_KEY, TELEGRAM_TOKEN, SLACK_TOKEN, SIGNING_SECRET, SMTP_PASSWORD,
                   guest_token, TELEGRAM_TOKEN.split(":")[1]):
        assert secret not in logs
    assert '"POST /rsvp/[redacted] HTTP/1.1" 200' in serve.output()  # the access log is kept
    assert "/bot[redacted]/getUpdates" in serve.output()
    assert "/bot[redacted]/sendMessage" in worker.output()
