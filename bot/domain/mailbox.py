"""The rules of a sender mailbox's fields (ports, hosts, security)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain.errors import InvalidInput, Problem, problem
from bot.domain.model import MailSettings
from bot.domain.validation import check_email, collect, one_line

SMTP_PORTS = (25, 465, 587, 2525)
IMAP_PORTS = (143, 993)
SECURITY = ("starttls", "tls", "none")
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


def check_mail_settings(mail: MailSettings) -> MailSettings:
    """The settings cleaned, or InvalidInput naming every field that is wrong."""
    problems: dict[str, Problem] = {}
    email = collect(problems, "sender_email",
                    lambda: check_email(mail.sender_email, "sender_email"))
    name = collect(problems, "sender_name",
                   lambda: one_line("sender_name", mail.sender_name, 255))
    smtp_host = _host(problems, "smtp_host", mail.smtp_host, required=True)
    imap_host = _host(problems, "imap_host", mail.imap_host, required=False)
    _port(problems, "smtp_port", mail.smtp_port, SMTP_PORTS)
    if imap_host:
        _port(problems, "imap_port", mail.imap_port, IMAP_PORTS)
    for name_, value in (("smtp_security", mail.smtp_security),
                         ("imap_security", mail.imap_security)):
        if value not in SECURITY:
            problems[name_] = problem("bad_security")
    if problems:
        raise InvalidInput(problems)
    return replace(mail, sender_email=email or "", sender_name=name or "",
                   smtp_host=smtp_host, imap_host=imap_host,
                   smtp_user=mail.smtp_user.strip(), imap_user=mail.imap_user.strip())


def _host(problems: dict[str, Problem], name: str, value: str, *, required: bool) -> str:
    clean = value.strip().rstrip(".").lower()
    if not clean and not required:
        return ""
    if not clean:
        problems[name] = problem("required")
    elif not _HOST.match(clean) or ".." in clean:
        problems[name] = problem("bad_host")
    return clean


def _port(problems: dict[str, Problem], name: str, value: int, allowed: tuple[int, ...]) -> None:
    if value not in allowed:
        problems[name] = problem("bad_port", ports=", ".join(str(p) for p in allowed))
