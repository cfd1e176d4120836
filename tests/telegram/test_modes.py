"""Webhook and long polling, a conversation that survives a restart, and the mail set-up."""

import asyncio
import json

import httpx

from bot import services
from bot.app import create_app
from bot.domain.model import PersonRef, Platform
from tests.support.fake_servers import HOSTILE, hostile_smtp
from tests.support.mail_ports import SMTP_PORT, usual_port
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
        with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port:
            await chat.send(message(ADMIN_ID, "/setupmail"))
            await chat.send(message(ADMIN_ID, "Acme Events"))
            await chat.send(message(ADMIN_ID, USER))
            await chat.send(message(ADMIN_ID, "127.0.0.1"))
            assert (await chat.send(message(ADMIN_ID, "port?")))[-1].startswith(
                "Use one of the usual SMTP ports: 25, 465, 587 or 2525. Its port?")
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


async def test_the_mail_set_up_re_asks_what_breaks_the_mail_rules(runtime, settings, clock,
                                                                  bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        await chat.send(message(ADMIN_ID, "/setupmail"))
        await chat.send(message(ADMIN_ID, "Acme Events"))
        await chat.send(message(ADMIN_ID, USER))
        host = await chat.send(message(ADMIN_ID, "http://127.0.0.1:6379/"))
        assert host == ["Give the server's name only, such as mail.acme.example: no spaces, "
                        "no scheme, no port. The SMTP server? (e.g. smtp.acme.example)"]
        await chat.send(message(ADMIN_ID, "127.0.0.1"))
        for port in ("6379", "5432", "22", "99999999"):
            said = await chat.send(message(ADMIN_ID, port))
            assert said == ["Use one of the usual SMTP ports: 25, 465, 587 or 2525. Its port? "
                            "(587 for STARTTLS, 465 for TLS)"]
        with usual_port(SMTP_PORT), hostile_smtp(SMTP_PORT) as server:
            await chat.send(message(ADMIN_ID, str(server.port)))
            await chat.send(button(ADMIN_ID, "sec:none"))
            await chat.send(message(ADMIN_ID, USER))
            failed = await chat.send(message(ADMIN_ID, PASSWORD))
        assert failed == ["I could not log in: the server refused the user name or password. "
                          "Let's try again: the SMTP server?"]
        assert HOSTILE not in json.dumps(bot_api.calls) and "evil" not in json.dumps(
            bot_api.calls)
        assert await services.get_mail_settings(chat.runtime.ctx, PersonRef(
            Platform.TELEGRAM, "telegram", str(ADMIN_ID))) is None
