"""Webhook and long polling, a conversation that survives a restart, and the mail set-up."""

import asyncio
import json

import httpx

from bot import services
from bot.app import create_app
from bot.domain.model import PersonRef, Platform
from tests.support.smtp_auth import PASSWORD, USER, smtp_with_login
from tests.support.telegram_api import button, message
from tests.telegram.conftest import ADMIN_ID, ORGANIZER_ID, Chat, telegram_runtime

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
    assert said["text"].startswith("I invite people")
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


async def test_without_a_mailbox_admins_are_sent_to_setupmail_and_others_to_an_admin(
        runtime, settings, clock, bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        other = await chat.send(message(ORGANIZER_ID, "/event new"))
        assert other == ["Invitations need a sender mailbox first; please ask an admin to run "
                         "/setupmail."]
        admin = await chat.send(message(ADMIN_ID, "/event new"))
        assert admin == ["Invitations need a sender mailbox first: set it up with /setupmail."]
        refused = await chat.send(message(ORGANIZER_ID, "/setupmail"))
        assert refused == ["Only the bot's admins can set up the sender mailbox."]


async def test_an_admin_sets_up_the_mailbox_with_a_tested_login(runtime, settings, clock,
                                                                bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        with smtp_with_login() as port:
            await chat.send(message(ADMIN_ID, "/setupmail"))
            await chat.send(message(ADMIN_ID, "Acme Events"))
            await chat.send(message(ADMIN_ID, USER))
            await chat.send(message(ADMIN_ID, "127.0.0.1"))
            assert "number" in (await chat.send(message(ADMIN_ID, "port?")))[-1]
            await chat.send(message(ADMIN_ID, str(port)))
            await chat.send(button(ADMIN_ID, "sec:none"))
            await chat.send(message(ADMIN_ID, USER))
            wrong = message(ADMIN_ID, "wrong-password")
            failed = await chat.send(wrong)
            assert failed[-1].startswith("I could not log in:")
            deleted = bot_api.called("deleteMessage")
            assert int(deleted[-1]["message_id"]) == wrong["message"]["message_id"]
            await chat.send(message(ADMIN_ID, "127.0.0.1"))
            await chat.send(message(ADMIN_ID, str(port)))
            await chat.send(button(ADMIN_ID, "sec:none"))
            await chat.send(message(ADMIN_ID, USER))
            done = await chat.send(message(ADMIN_ID, PASSWORD))
        assert done == ["The sender mailbox is set up: invitations go out from "
                        "events@acme.example."]
        mail = await services.get_mail_settings(chat.runtime.ctx, PersonRef(
            Platform.TELEGRAM, "telegram", str(ADMIN_ID)))
        assert (mail.smtp_port, mail.smtp_password) == (port, PASSWORD)
        assert PASSWORD not in json.dumps(bot_api.calls)  # never echoed back
        asked = await chat.send(message(ORGANIZER_ID, "/event new"))
        assert asked[-1].startswith("Let's create an event")


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
                                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert answer.status_code == 400
    assert bot_api.called("sendMessage") == []
