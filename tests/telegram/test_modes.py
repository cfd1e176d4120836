"""Webhook and long polling, a conversation that survives a restart or moves between two web
processes, and a webhook body that is too big or not an update."""

import asyncio

import httpx

from bot.app import create_app
from tests.support.telegram_api import button, message
from tests.telegram.conftest import ORGANIZER_ID, Chat, telegram_runtime

SECRET = "webhook-secret-123"


async def test_webhook_mode_registers_and_checks_the_secret(runtime, settings, clock, bot_api,
                                                            smtp_sink):
    worker = telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                              TELEGRAM_WEBHOOK_SECRET=SECRET)
    app = create_app(runtime=worker)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ospite.test") as web:
        [hook] = bot_api.called("setWebhook")
        assert hook["url"] == "http://127.0.0.1:8000/telegram/webhook"
        assert hook["secret_token"] == SECRET
        update = message(ORGANIZER_ID, "/event new")
        wrong = await web.post("/telegram/webhook", json=update,
                               headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
        missing = await web.post("/telegram/webhook", json=update)
        assert (wrong.status_code, missing.status_code) == (403, 403)
        await asyncio.sleep(0.2)
        assert bot_api.called("sendMessage") == []
        right = await web.post("/telegram/webhook", json=update,
                               headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert right.status_code == 200
        [asked] = await bot_api.wait_for("sendMessage")
        assert asked["text"].startswith("Let's create an event")


async def test_long_polling_reads_updates(runtime, settings, clock, bot_api, smtp_sink):
    worker = telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url)
    bot_api.updates.append(message(ORGANIZER_ID, "/help"))
    app = create_app(runtime=worker)
    async with app.router.lifespan_context(app):
        [said] = await bot_api.wait_for("sendMessage")
    assert said["text"].startswith("Ospite invites people")
    assert bot_api.called("setWebhook") == []


async def test_a_half_typed_event_survives_a_restart(runtime, settings, clock, bot_api,
                                                     smtp_sink):
    async with Chat(telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url),
                    bot_api) as before:
        await before.send(message(ORGANIZER_ID, "/event new"))
        await before.send(message(ORGANIZER_ID, "Board meeting"))
        await before.send(button(ORGANIZER_ID, "skip"))
    async with Chat(telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url),
                    bot_api) as after:  # a new process: a new Application on the same database
        said = await after.send(message(ORGANIZER_ID, "2026-03-05"))
        assert said[-1].startswith("At what time does it start?")
        await after.send(message(ORGANIZER_ID, "09:30"))
        await after.send(button(ORGANIZER_ID, "min:30"))
        await after.send(button(ORGANIZER_ID, "skip"))
        await after.send(message(ORGANIZER_ID, "anna@acme.example"))
        await after.send(message(ORGANIZER_ID, "Anna"))
        await after.send(message(ORGANIZER_ID, "Rossi"))
        await after.send(button(ORGANIZER_ID, "done"))
        await after.send(button(ORGANIZER_ID, "skip"))
        summary = (await after.send(button(ORGANIZER_ID, "lang:it")))[-1]
        assert summary.startswith("Board meeting") and "Italiano" in summary


async def test_two_web_processes_share_one_conversation_over_the_webhook(
        runtime, settings, clock, bot_api, smtp_sink):
    """Behind a load balancer each step may reach another process; the draft follows."""
    apps = [create_app(runtime=telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                                                TELEGRAM_WEBHOOK_SECRET=SECRET))
            for _ in range(2)]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    steps = [message(ORGANIZER_ID, "/event new"), message(ORGANIZER_ID, "Board meeting"),
             button(ORGANIZER_ID, "skip"), message(ORGANIZER_ID, "2026-03-05"),
             message(ORGANIZER_ID, "09:30"), button(ORGANIZER_ID, "min:30")]
    async with (apps[0].router.lifespan_context(apps[0]),
                apps[1].router.lifespan_context(apps[1])):
        clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://ospite.test") for app in apps]
        for number, update in enumerate(steps):
            answer = await clients[number % 2].post("/telegram/webhook", json=update,
                                                    headers=headers)
            assert answer.status_code == 200
        for client in clients:
            await client.aclose()
    said = bot_api.said()
    assert said[0].startswith("Let's create an event")
    assert said[3].startswith("At what time does it start?")
    assert said[-1].startswith("Where?")


async def test_a_webhook_body_that_is_not_an_update_is_refused(runtime, settings, clock,
                                                               bot_api, smtp_sink):
    app = create_app(runtime=telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                                              TELEGRAM_WEBHOOK_SECRET=SECRET))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ospite.test") as web:
        answer = await web.post("/telegram/webhook", content=b"{not json",
                                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                         "Content-Type": "application/json"})
    assert answer.status_code == 400
    assert bot_api.called("sendMessage") == []


async def test_a_webhook_body_over_a_megabyte_is_refused_unread(runtime, settings, clock,
                                                                bot_api, smtp_sink):
    app = create_app(runtime=telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                                              TELEGRAM_WEBHOOK_SECRET=SECRET))
    update = message(ORGANIZER_ID, "/event new")
    update["message"]["padding"] = "x" * (1 << 20)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ospite.test") as web:
        answer = await web.post("/telegram/webhook", json=update,
                                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert answer.status_code == 413
    assert bot_api.called("sendMessage") == []
