"""Without a sender mailbox, /event new asks for one first: admins set it up, others are told."""

from bot import services
from tests.slack.conftest import slack_driver, typed
from tests.support.drafts import ORGANIZER
from tests.support.fake_servers import HOSTILE, fake_server, hostile_smtp
from tests.support.mail_ports import IMAP_PORT, SMTP_PORT, usual_port
from tests.support.slack_api import TEAM
from tests.support.smtp_auth import PASSWORD, USER, smtp_with_login

ME = ORGANIZER.__class__(ORGANIZER.platform, TEAM, "UORG")


def mail_state(port: int, password: str, imap_host: str = "", imap_port: str = "993",
               smtp_host: str = "127.0.0.1") -> dict:
    return {"sender_name": typed("Acme Events"), "sender_email": typed(USER),
            "smtp_host": typed(smtp_host), "smtp_port": typed(str(port)),
            "smtp_security": {"value": {"type": "static_select",
                                        "selected_option": {"value": "none"}}},
            "smtp_user": typed(USER), "smtp_password": typed(password),
            "imap_host": typed(imap_host), "imap_port": typed(imap_port),
            "imap_user": typed(""), "imap_password": typed("")}


MAIL_FORM = {"id": "VMAIL", "callback_id": "ospite_mail_form", "private_metadata": "{}",
             "type": "modal", "blocks": []}


async def test_an_admin_sets_up_the_mailbox_and_the_login_is_tested(runtime, settings, clock,
                                                                      slack_api):
    slack = slack_driver(settings, clock, slack_api)  # no SMTP_URL
    await slack.command("new")
    [opened] = await slack.api.wait_for("views.open")
    form = {**opened["view"], "id": "VMAIL"}
    assert form["callback_id"] == "ospite_mail_form"
    with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port:
        wrong = await slack.submit(form, mail_state(port, "wrong-password"))
        assert wrong.json()["response_action"] == "errors"
        assert wrong.json()["errors"] == {"smtp_host": (
            "Could not log in to this SMTP server: the server refused the user name or "
            "password")}
        assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
        right = await slack.submit(form, mail_state(port, PASSWORD))
        assert right.status_code == 200 and not right.content
    [saved] = await slack.api.wait_for("chat.postMessage")
    assert saved["text"] == ("The sender mailbox is set up: invitations go out from "
                             "events@acme.example.")
    mail = await services.get_mail_settings(slack.runtime.ctx, ME)
    assert (mail.smtp_port, mail.smtp_password) == (port, PASSWORD)
    await slack.command("new")  # now the event form opens
    opened = await slack.api.wait_for("views.open", 2)
    assert opened[1]["view"]["callback_id"] == "ospite_event_form"
    await slack.close()


async def test_someone_else_is_told_to_ask_an_admin(runtime, settings, clock, slack_api):
    slack = slack_driver(settings, clock, slack_api)
    await slack.command("new", user_id="UCOL")
    [reply] = await slack.api.wait_for("respond")
    assert reply["response_type"] == "ephemeral"
    assert "only an admin can set it up" in reply["text"]
    assert slack.api.called("views.open") == []
    await slack.command("setup", user_id="UCOL")
    await slack.api.wait_for("respond", 2)
    assert slack.api.called("views.open") == []
    await slack.close()


async def test_a_non_admin_cannot_save_the_form_either(runtime, settings, clock, slack_api):
    slack = slack_driver(settings, clock, slack_api)
    with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port:
        refused = await slack.submit(MAIL_FORM, mail_state(port, PASSWORD), user_id="UCOL")
    assert refused.json()["response_action"] == "errors"
    assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
    await slack.close()


async def test_a_port_that_is_no_mail_port_is_refused_without_knocking(runtime, settings,
                                                                       clock, slack_api):
    slack = slack_driver(settings, clock, slack_api)
    with fake_server() as internal:  # say, a database the server can reach
        smtp = await slack.submit(MAIL_FORM, mail_state(internal.port, PASSWORD))
        imap = await slack.submit(MAIL_FORM, mail_state(587, PASSWORD, "127.0.0.1",
                                                        str(internal.port)))
        words = await slack.submit(MAIL_FORM, mail_state("smtp", PASSWORD,
                                                         smtp_host="smtp://127.0.0.1"))
        assert not internal.accepted.acquire(blocking=False)  # nobody connected to it
    assert smtp.json() == {"response_action": "errors", "errors": {
        "smtp_port": "Use one of the usual SMTP ports: 25, 465, 587 or 2525."}}
    assert imap.json()["errors"] == {"imap_port": "Use one of the usual IMAP ports: 143 or 993."}
    assert words.json()["errors"] == {
        "smtp_host": "Give the server's name only, such as mail.acme.example: no spaces, no "
                     "scheme, no port.",
        "smtp_port": "Use one of the usual SMTP ports: 25, 465, 587 or 2525."}
    assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
    await slack.close()


async def test_a_hostile_server_cannot_write_into_the_form(runtime, settings, clock,
                                                           slack_api):
    slack = slack_driver(settings, clock, slack_api)
    with usual_port(SMTP_PORT), hostile_smtp(SMTP_PORT) as server:
        answer = await slack.submit(MAIL_FORM, mail_state(server.port, PASSWORD))
    assert answer.json()["errors"] == {"smtp_host": "Could not log in to this SMTP server: "
                                                    "the server refused the user name or password"}
    assert HOSTILE not in answer.text and "evil" not in answer.text
    assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
    await slack.close()


async def test_the_imap_login_is_checked_too(runtime, settings, clock, slack_api):
    slack = slack_driver(settings, clock, slack_api)
    with usual_port(SMTP_PORT), smtp_with_login(SMTP_PORT) as port, usual_port(IMAP_PORT):
        answer = await slack.submit(MAIL_FORM, mail_state(port, PASSWORD, "127.0.0.1",
                                                          str(IMAP_PORT)))  # nothing there
    assert answer.json()["errors"] == {"imap_host": "Could not log in to this IMAP server: "
                                                    "cannot connect to the server (check its "
                                                    "name and port)"}
    assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
    await slack.close()
