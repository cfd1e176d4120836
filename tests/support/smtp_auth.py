"""An SMTP server that asks for a login, to test the mailbox set-up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.smtp import SmtpSink, free_port

USER, PASSWORD = "events@acme.example", "right-password"


def _check(server, session, envelope, mechanism, data) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: send the 535 reply


@contextmanager
def smtp_with_login(port: int | None = None) -> Iterator[int]:
    """Yields the port of a server on 127.0.0.1 that accepts only USER / PASSWORD."""
    port = port or free_port()
    controller = Controller(SmtpSink(), hostname="127.0.0.1", port=port,
                            auth_require_tls=False, authenticator=_check,
                            auth_exclude_mechanism=["LOGIN"])
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
