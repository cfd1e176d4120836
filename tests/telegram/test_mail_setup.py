"""/setupmail: only admins; each field asked in turn; the use case checks and tries the login,
and a problem sends the admin back to the question of its field."""

import json

from bot import services
from bot.domain.model import PersonRef, Platform
from tests.support.fake_servers import HOSTILE, hostile_smtp
from tests.support.mail_ports import SMTP_PORT, usual_port
from tests.support.smtp_auth import PASSWORD, USER, smtp_with_login
from tests.telegram.conftest import ADMIN_ID, ORGANIZER_ID, Chat, telegram_runtime

ADMIN = PersonRef(Platform.TELEGRAM, "telegram", str(ADMIN_ID))


async def test_without_a_mailbox_admins_are_sent_to_setupmail_and_others_to_an_admin(
        runtime, settings, clock, bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        assert await chat.person(ORGANIZER_ID).says("/event new") == [
            "Invitations need a sender mailbox first, and only an admin can set it up. "
            "Please ask one to run /setupmail."]
        assert await chat.person(ADMIN_ID).says("/event new") == [
            "Invitations need a sender mailbox first: set it up with /setupmail."]
        assert await chat.person(ORGANIZER_ID).says("/setupmail") == [
            "Only an admin can set up the sender mailbox."]
        assert await chat.person(ORGANIZER_ID, "it").says("/setupmail") == [
            "Solo un amministratore può configurare la casella mittente."]
        assert await chat.person(ORGANIZER_ID).says("smtp.acme.example") == []  # not asked


async def fill_in_the_server(admin, port: int | str, password: str) -> list[str]:
    await admin.says(str(port))
    await admin.presses("sec:none")
    await admin.says(USER)
    return await admin.says(password)


async def test_an_admin_sets_up_the_mailbox_with_a_tested_login(runtime, settings, clock,
                                                                bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        admin = chat.person(ADMIN_ID)
        with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port:
            assert (await admin.says("/setupmail"))[-1].startswith(
                "Setting up the sender mailbox.")
            await admin.says("Acme Events")
            assert await admin.says("events@") == [
                "This is not a valid email address (for example anna.rossi@acme.example).\n\n"
                "The sender's address? Calendar answers come back to it."]
            await admin.says(USER)
            await admin.says("127.0.0.1")
            assert (await admin.says("port?"))[-1].startswith(
                "A port is a number from 1 to 65535.\n\nIts port?")
            unusual = await fill_in_the_server(admin, port + 1, PASSWORD)
            assert unusual == ["Use one of the usual SMTP ports: 25, 465, 587 or 2525.\n\n"
                               "Its port? (587 for STARTTLS, 465 for TLS)"]
            wrong = await fill_in_the_server(admin, port, "wrong-password")
            assert wrong == ["Could not log in to this SMTP server: the server refused the "
                             "user name or password\n\n"
                             "The SMTP server? (e.g. smtp.acme.example)"]
            deleted = bot_api.called("deleteMessage")
            assert len(deleted) == 2  # each password is taken out of the chat
            assert await services.get_mail_settings(chat.runtime.ctx, ADMIN) is None
            await admin.says("127.0.0.1")
            done = await fill_in_the_server(admin, port, PASSWORD)
        assert done == ["The sender mailbox is set up: invitations go out from "
                        "events@acme.example."]
        mail = await services.get_mail_settings(chat.runtime.ctx, ADMIN)
        assert (mail.sender_name, mail.smtp_port, mail.smtp_password) == (
            "Acme Events", port, PASSWORD)
        assert PASSWORD not in json.dumps(bot_api.calls)  # never echoed back
        asked = await chat.person(ORGANIZER_ID).says("/event new")
        assert asked[-1].startswith("Let's create an event")


async def test_the_password_is_never_kept_in_the_conversation(runtime, settings, clock,
                                                              bot_api):
    from bot.state import load_state
    from handlers.telegram.persistence import USERS

    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        admin = chat.person(ADMIN_ID, "it")
        with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port:
            await admin.says("/setupmail")
            for typed in ("Acme Events", USER, "127.0.0.1"):
                await admin.says(typed)
            said = await fill_in_the_server(admin, port, "wrong-password")
        assert said == ["Accesso al server SMTP non riuscito: il server ha rifiutato il nome "
                        "utente o la password\n\n"
                        "Il server SMTP? (per esempio smtp.acme.example)"]
        stored = json.dumps(await load_state(chat.runtime.ctx, USERS))
        assert "wrong-password" not in stored and "127.0.0.1" in stored


async def test_a_hostile_server_cannot_write_into_the_chat(runtime, settings, clock, bot_api):
    async with Chat(telegram_runtime(settings, clock, bot_api), bot_api) as chat:
        admin = chat.person(ADMIN_ID)
        await admin.says("/setupmail")
        for typed in ("Acme Events", USER, "127.0.0.1"):
            await admin.says(typed)
        with usual_port(SMTP_PORT), hostile_smtp(SMTP_PORT) as server:
            failed = await fill_in_the_server(admin, server.port, PASSWORD)
        assert failed == ["Could not log in to this SMTP server: the server refused the user "
                          "name or password\n\nThe SMTP server? (e.g. smtp.acme.example)"]
        assert HOSTILE not in json.dumps(bot_api.calls)
        assert "evil" not in json.dumps(bot_api.calls)
        assert await services.get_mail_settings(chat.runtime.ctx, ADMIN) is None
