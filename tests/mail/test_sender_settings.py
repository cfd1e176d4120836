"""Where mail goes from: SMTP_URL and MAIL_FROM, a workspace's own mailbox, or .eml files."""

import email
import email.policy

import pytest

from bot import services
from bot.domain.model import MailSettings
from mail.sender_config import from_settings, from_url
from tests.support.drafts import ANNA, ORGANIZER, draft
from tests.support.mailbox import deliver_all, mail_runtime, vevent


@pytest.mark.parametrize(("url", "expected"), [
    ("smtp://user:p%40ss@mail.acme.example:587?starttls=true",
     ("mail.acme.example", 587, "starttls", "user", "p@ss")),
    ("smtps://events@mail.acme.example", ("mail.acme.example", 465, "tls", "events", "")),
    ("smtp://127.0.0.1:2525", ("127.0.0.1", 2525, "none", "", "")),
])
def test_smtp_urls(url, expected):
    sender = from_url(url, "Acme Events <events@acme.example>")
    assert (sender.host, sender.port, sender.security, sender.user, sender.password) == expected
    assert (sender.name, sender.email) == ("Acme Events", "events@acme.example")
    assert "p@ss" not in repr(sender)


def test_a_bad_smtp_url_says_how_it_should_look():
    with pytest.raises(ValueError, match="smtp://user:pass@host:587"):
        from_url("http://mail.acme.example", None)


async def test_file_urls_write_one_eml_per_message(ctx, settings, clock, tmp_path):
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    worker = mail_runtime(settings, f"file://{tmp_path / 'outbox'}", clock)
    await deliver_all(worker)
    [path] = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == ANNA.email
    assert str(vevent(message)["ATTENDEE"]) == f"mailto:{ANNA.email}"
    await worker.engine.dispose()


async def test_a_workspace_mailbox_wins_over_smtp_url(ctx, settings, clock, smtp_sink, tmp_path):
    await services.set_mail_settings(ctx, ORGANIZER, MailSettings(
        sender_name="Marta at Acme", sender_email="marta@acme.example", smtp_host="127.0.0.1",
        smtp_port=smtp_sink.port, smtp_security="none"))
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    worker = mail_runtime(settings, f"file://{tmp_path / 'unused'}", clock)
    await deliver_all(worker)
    [message] = smtp_sink.messages
    assert message["From"] == "Marta at Acme <marta@acme.example>"
    assert str(vevent(message)["ORGANIZER"]) == "mailto:marta@acme.example"
    assert not (tmp_path / "unused").exists()
    await worker.engine.dispose()


async def test_without_any_mailbox_invitations_wait(ctx, settings, clock, runtime):
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    await deliver_all(runtime)  # no SMTP_URL, no workspace mailbox
    from tests.support.outbox import outbox_rows

    [row] = await outbox_rows(runtime, "mail.invitation")
    assert row["status"] == "pending" and "mail is not set up" in row["last_error"]


def test_workspace_settings_become_a_sender():
    sender = from_settings(MailSettings("Acme", "events@acme.example", "smtp.acme.example",
                                        465, "tls", "events", "secret"))
    assert (sender.host, sender.port, sender.security, sender.password) == (
        "smtp.acme.example", 465, "tls", "secret")
