"""An SMTP server that asks for a login, to test the mailbox set-up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.smtp import SmtpSink
from tests.support.usual_ports import SMTP_TEST_PORT, usual_port

USER, PASSWORD = "events@acme.example", "right-password"


def _check(server, session, envelope, mechanism, data) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: send the 535 reply


@contextmanager
def smtp_with_login(port: int | None = None) -> Iterator[int]:
    """Yields the port of a server on 127.0.0.1 that accepts only USER / PASSWORD.

    On a usual mail port unless told otherwise, as the mailbox set-up requires.
    """
    with usual_port(port or SMTP_TEST_PORT) as held:
        controller = Controller(SmtpSink(), hostname="127.0.0.1", port=held,
                                auth_require_tls=False, authenticator=_check,
                                auth_exclude_mechanism=["LOGIN"])
        controller.start()
        try:
            yield held
        finally:
            controller.stop()
