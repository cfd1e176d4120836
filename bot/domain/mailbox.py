"""The rules of a sender mailbox set up in the chat, so it cannot aim the server elsewhere."""

from __future__ import annotations

import ipaddress
import re

from bot.domain.errors import InvalidInput
from bot.domain.model import MailSettings
from bot.domain.validation import MAX_LINE, check_email
from bot.text import invalid, mail_setup

# Only the ports mail servers listen on: anything else would let an admin make the server
# knock on an internal service (a database, an HTTP admin page) and report what it said.
SMTP_PORTS = (25, 465, 587, 2525)
IMAP_PORTS = (143, 993)
SECURITY = ("starttls", "tls", "none")
MAX_USER = 320
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_LINE_BREAKERS = ("\r", "\n", "\x00")


def check_mail_settings(mail: MailSettings) -> None:
    """Raise InvalidInput({field: message}) for every rule the settings break."""
    problems: dict[str, str] = {}
    _line(problems, "sender_name", mail.sender_name, MAX_LINE)
    try:
        check_email(mail.sender_email)
    except InvalidInput as bad:
        problems["sender_email"] = bad.problems["email"]
    _server(problems, "smtp", mail.smtp_host, mail.smtp_port, mail.smtp_security, SMTP_PORTS)
    _line(problems, "smtp_user", mail.smtp_user, MAX_USER)
    _line(problems, "smtp_password", mail.smtp_password, MAX_LINE)
    if mail.imap_host or mail.imap_user or mail.imap_password:
        _server(problems, "imap", mail.imap_host, mail.imap_port, mail.imap_security,
                IMAP_PORTS)
        _line(problems, "imap_user", mail.imap_user, MAX_USER)
        _line(problems, "imap_password", mail.imap_password, MAX_LINE)
    if problems:
        raise InvalidInput(problems)


def is_hostname(host: str) -> bool:
    """A DNS name or an IP address, and nothing more (no scheme, port, path or spaces)."""
    if not host or len(host) > 253:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    return all(_LABEL.fullmatch(label) for label in host.removesuffix(".").split("."))


def _server(problems: dict[str, str], kind: str, host: str, port: int, security: str,
            ports: tuple[int, ...]) -> None:
    if not host.strip():
        problems[f"{kind}_host"] = mail_setup("host_required")
    elif not is_hostname(host):
        problems[f"{kind}_host"] = mail_setup("bad_host")
    if port not in ports:
        problems[f"{kind}_port"] = mail_setup(f"{kind}_port")
    if security not in SECURITY:
        problems[f"{kind}_security"] = mail_setup("bad_security")


def _line(problems: dict[str, str], name: str, value: str, limit: int) -> None:
    # A line break in a user name or password would end the IMAP or SMTP command early.
    if any(c in value for c in _LINE_BREAKERS):
        problems[name] = invalid("control_chars")
    elif len(value) > limit:
        problems[name] = invalid("too_long", limit=f"{limit:,}")
