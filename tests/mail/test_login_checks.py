"""The set-up's SMTP and IMAP login checks: short, and in our words, never the server's."""

from __future__ import annotations

import pytest

from bot.text import REASONS
from mail.replies.check import login_problem as imap_problem
from mail.replies.mailbox import Mailbox
from mail.sender_config import Sender
from mail.smtp import login_problem as smtp_problem
from tests.support.fake_servers import HOSTILE, fake_server, hostile_imap, hostile_smtp
from tests.support.imap import Dovecot
from tests.support.smtp import free_port
from tests.support.smtp_auth import PASSWORD, USER, smtp_with_login

OUR_WORDS = set(REASONS)  # the checks answer with these keys only


def smtp(port: int, password: str = PASSWORD, security: str = "none") -> Sender:
    return Sender("Acme", USER, host="127.0.0.1", port=port, security=security, user=USER,
                  password=password)


def imap(port: int, password: str, security: str = "none", user: str = USER) -> Mailbox:
    return Mailbox(host="127.0.0.1", port=port, security=security, user=user,
                   password=password)


def assert_clean(message: str | None) -> None:
    assert message in OUR_WORDS
    for piece in ("<script>", "pwned", "evil.example", "CLICK", "535", "BAD", "NO "):
        assert piece not in message


@pytest.fixture(scope="module")
def dovecot():
    server = Dovecot(user=USER, password=PASSWORD).start()
    yield server
    server.stop()


async def test_smtp_right_and_wrong_passwords():
    with smtp_with_login() as port:
        assert await smtp_problem(smtp(port)) is None
        assert await smtp_problem(smtp(port, "wrong")) == (
            "login_refused")


async def test_a_hostile_smtp_server_is_not_quoted():
    with hostile_smtp() as server:
        refused = await smtp_problem(smtp(server.port))
    assert refused == "login_refused"
    assert_clean(refused)
    with fake_server(f"554 {HOSTILE}\r\n".encode()) as server:
        greeted = await smtp_problem(smtp(server.port))
    assert greeted == "server_refused"
    assert_clean(greeted)


async def test_smtp_failures_are_told_apart():
    assert await smtp_problem(smtp(free_port())) == (
        "cannot_connect")
    with fake_server() as silent:  # accepts, never says a word
        assert await smtp_problem(smtp(silent.port), seconds=0.5) == (
            "timed_out")
    with hostile_smtp() as server:
        assert await smtp_problem(smtp(server.port, security="tls")) == (
            "tls_failed")
    with hostile_smtp() as server:  # it does not offer STARTTLS
        assert_clean(await smtp_problem(smtp(server.port, security="starttls")))


async def test_imap_right_and_wrong_passwords(dovecot):
    assert await imap_problem(imap(dovecot.port, PASSWORD)) is None
    assert await imap_problem(imap(dovecot.port, "wrong")) == (
        "login_refused")


async def test_a_hostile_imap_server_is_not_quoted():
    with hostile_imap() as server:
        refused = await imap_problem(imap(server.port, PASSWORD))
    assert refused == "login_refused"
    assert_clean(refused)
    with fake_server(f"* BYE {HOSTILE}\r\n".encode()) as server:
        greeted = await imap_problem(imap(server.port, PASSWORD))
    assert greeted == "server_refused"
    assert_clean(greeted)


async def test_imap_failures_are_told_apart():
    assert await imap_problem(imap(free_port(), PASSWORD)) == (
        "cannot_connect")
    with fake_server() as silent:
        assert await imap_problem(imap(silent.port, PASSWORD), seconds=0.5) == (
            "timed_out")
    with hostile_imap() as server:
        assert await imap_problem(imap(server.port, PASSWORD, security="tls")) == (
            "tls_failed")
    with hostile_imap() as server:  # STARTTLS is refused with the attacker's words
        assert await imap_problem(imap(server.port, PASSWORD, security="starttls")) == (
            "tls_failed")
