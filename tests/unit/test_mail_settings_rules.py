"""The sender mailbox rules: usual mail ports only, a bare host name, one-line secrets."""

from dataclasses import replace

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.mailbox import check_mail_settings
from bot.domain.model import MailSettings
from tests.support.words import in_words

GOOD = MailSettings(sender_name="Acme Events", sender_email="events@acme.example",
                    smtp_host="smtp.acme.example", smtp_port=587, smtp_security="starttls",
                    smtp_user="events", smtp_password="secret")
WITH_IMAP = replace(GOOD, imap_host="imap.acme.example", imap_port=993, imap_security="tls",
                    imap_user="events", imap_password="secret")


def problems(mail: MailSettings) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        check_mail_settings(mail)
    return in_words(caught.value.problems)


@pytest.mark.parametrize("port", [25, 465, 587, 2525])
def test_the_usual_smtp_ports_pass(port):
    check_mail_settings(replace(WITH_IMAP, smtp_port=port))


@pytest.mark.parametrize("port", [0, 22, 80, 143, 5432, 6379, 8080, 65535, 99999])
def test_any_other_smtp_port_is_refused(port):
    assert problems(replace(GOOD, smtp_port=port)) == {
        "smtp_port": "Use one of the usual SMTP ports: 25, 465, 587 or 2525."}


@pytest.mark.parametrize("port", [143, 993])
def test_the_usual_imap_ports_pass(port):
    check_mail_settings(replace(WITH_IMAP, imap_port=port))


@pytest.mark.parametrize("port", [25, 587, 3306, 11211])
def test_any_other_imap_port_is_refused(port):
    assert problems(replace(WITH_IMAP, imap_port=port)) == {
        "imap_port": "Use one of the usual IMAP ports: 143 or 993."}


def test_without_imap_its_fields_are_not_checked():
    check_mail_settings(replace(GOOD, imap_port=1))


@pytest.mark.parametrize("host", ["mail.acme.example", "127.0.0.1", "::1", "localhost",
                                  "smtp-1.acme.example.", "xn--mnchen-3ya.example"])
def test_host_names_and_addresses_pass(host):
    check_mail_settings(replace(GOOD, smtp_host=host))


@pytest.mark.parametrize("host", ["smtp://mail.acme.example", "mail.acme.example:587",
                                  "mail acme", "mail.acme.example/x", "-bad.example",
                                  "a..b", "mail.acme.example\r\nRCPT", "x" * 64 + ".example",
                                  "user@mail.acme.example"])
def test_anything_but_a_bare_host_is_refused(host):
    assert problems(replace(GOOD, smtp_host=host)) == {
        "smtp_host": "Give the server's name only, such as mail.acme.example: no spaces, no "
                     "scheme, no port."}


def test_an_empty_host_is_asked_for():
    assert problems(replace(GOOD, smtp_host="  ")) == {
        "smtp_host": "Please fill in the server's name."}
    assert problems(replace(GOOD, imap_password="secret")) == {
        "imap_host": "Please fill in the server's name."}


def test_security_is_one_of_three():
    assert problems(replace(WITH_IMAP, smtp_security="ssl", imap_security="")) == {
        "smtp_security": "Choose STARTTLS, TLS or none.",
        "imap_security": "Choose STARTTLS, TLS or none."}


@pytest.mark.parametrize("field", ["smtp_user", "smtp_password", "imap_user", "imap_password",
                                   "sender_name"])
def test_line_breaks_in_names_and_passwords_are_refused(field):
    assert problems(replace(WITH_IMAP, **{field: "secret\r\nA1 LOGOUT"})) == {
        field: "Line breaks and control characters are not allowed here."}


def test_every_problem_is_reported_at_once():
    bad = replace(WITH_IMAP, sender_email="nobody", smtp_host="", smtp_port=22, imap_port=80)
    assert set(problems(bad)) == {"sender_email", "smtp_host", "smtp_port", "imap_port"}
