"""Without a sender mailbox, /event new asks for one first: admins set it up, others are told."""

from bot import services
from tests.slack.conftest import slack_driver, typed
from tests.support.drafts import ORGANIZER
from tests.support.slack_api import TEAM
from tests.support.smtp_auth import PASSWORD, USER, smtp_with_login

ME = ORGANIZER.__class__(ORGANIZER.platform, TEAM, "UORG")


def mail_state(port: int, password: str) -> dict:
    return {"sender_name": typed("Acme Events"), "sender_email": typed(USER),
            "smtp_host": typed("127.0.0.1"), "smtp_port": typed(str(port)),
            "smtp_security": {"value": {"type": "static_select",
                                        "selected_option": {"value": "none"}}},
            "smtp_user": typed(USER), "smtp_password": typed(password),
            "imap_host": typed(""), "imap_port": typed("993"), "imap_user": typed(""),
            "imap_password": typed("")}


async def test_an_admin_sets_up_the_mailbox_and_the_login_is_tested(runtime, settings, clock,
                                                                      slack_api):
    slack = slack_driver(settings, clock, slack_api)  # no SMTP_URL
    await slack.command("new")
    [opened] = await slack.api.wait_for("views.open")
    form = {**opened["view"], "id": "VMAIL"}
    assert form["callback_id"] == "ospite_mail_form"
    with smtp_with_login() as port:
        wrong = await slack.submit(form, mail_state(port, "wrong-password"))
        assert wrong.json()["response_action"] == "errors"
        assert wrong.json()["errors"] == {
            "smtp_host": "The server refused this user name and password."}
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
    form = {"id": "VMAIL", "callback_id": "ospite_mail_form", "private_metadata": "{}",
            "type": "modal", "blocks": []}
    with smtp_with_login() as port:
        refused = await slack.submit(form, mail_state(port, PASSWORD), user_id="UCOL")
    assert refused.json()["response_action"] == "errors"
    assert await services.get_mail_settings(slack.runtime.ctx, ME) is None
    await slack.close()
