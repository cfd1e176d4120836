"""The rules of a sender mailbox set up in the chat, so it cannot aim the server elsewhere."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import replace

from bot.domain.errors import InvalidInput, Problem, problem
from bot.domain.model import MailSettings
from bot.domain.validation import MAX_EMAIL, MAX_NAME, check_email, collect, one_line

# Only the ports mail servers listen on: anything else would let an admin make the server
# knock on an internal service (a database, an HTTP admin page) and report what it said.
SMTP_PORTS = (25, 465, 587, 2525)
IMAP_PORTS = (143, 993)
SECURITY = ("starttls", "tls", "none")
MAX_SECRET = 255
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def check_mail_settings(mail: MailSettings) -> MailSettings:
    """The settings cleaned, or InvalidInput naming every field that breaks a rule."""
    problems: dict[str, Problem] = {}
    email = collect(problems, "sender_email",
                    lambda: check_email(mail.sender_email, "sender_email"))
    name = collect(problems, "sender_name", lambda: one_line("sender_name", mail.sender_name,
                                                            MAX_NAME, required=True))
    smtp_host = _server(problems, "smtp", mail.smtp_host, mail.smtp_port, mail.smtp_security,
                        SMTP_PORTS)
    # A line break in a user name or password would end the SMTP or IMAP command early.
    users = {f: collect(problems, f, lambda f=f: one_line(f, getattr(mail, f), MAX_EMAIL))
             for f in ("smtp_user", "imap_user")}
    for field in ("smtp_password", "imap_password"):
        collect(problems, field, lambda f=field: _secret(f, getattr(mail, f)))
    imap_host = ""
    if mail.imap_host.strip() or mail.imap_user.strip() or mail.imap_password:
        imap_host = _server(problems, "imap", mail.imap_host, mail.imap_port,
                            mail.imap_security, IMAP_PORTS)
    if problems:
        raise InvalidInput(problems)
    return replace(mail, sender_email=email or "", sender_name=name or "", smtp_host=smtp_host,
                   imap_host=imap_host, smtp_user=users["smtp_user"] or "",
                   imap_user=users["imap_user"] or "")


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


def _server(problems: dict[str, Problem], kind: str, host: str, port: int, security: str,
            ports: tuple[int, ...]) -> str:
    clean = host.strip().lower()
    if not clean:
        problems[f"{kind}_host"] = problem("host_required")
    elif not is_hostname(clean):
        problems[f"{kind}_host"] = problem("bad_host")
    if port not in ports:
        problems[f"{kind}_port"] = problem(f"{kind}_port")
    if security not in SECURITY:
        problems[f"{kind}_security"] = problem("bad_security")
    return clean


def _secret(name: str, value: str) -> str:
    if any(c in value for c in "\r\n\x00"):
        raise InvalidInput({name: problem("control_chars")})
    if len(value) > MAX_SECRET:
        raise InvalidInput({name: problem("too_long", limit=MAX_SECRET)})
    return value
