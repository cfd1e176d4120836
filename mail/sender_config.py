"""Where mail is sent from: SMTP_URL + MAIL_FROM, or a workspace's own sender mailbox."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from bot.domain.model import MailSettings

_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Sender:
    """An SMTP server (or a folder of .eml files) and the mailbox that sends from it."""

    name: str
    email: str
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | tls | none
    user: str = ""
    password: str = ""
    folder: Path | None = None  # file://DIR: write .eml files instead of sending

    @property
    def address(self) -> Address:
        local, _, domain = self.email.partition("@")
        return Address(display_name=self.name, username=local, domain=domain)

    @property
    def domain(self) -> str:
        return self.email.partition("@")[2] or "ospite.local"

    def __repr__(self) -> str:  # never log the password
        where = self.folder or f"{self.host}:{self.port}"
        return f"Sender({self.email} via {where})"


def from_url(url: str, mail_from: str | None) -> Sender:
    """`smtp://user:pass@host:587?starttls=true`, `smtps://…:465`, or `file://DIR`."""
    name, email = parseaddr(mail_from or "")
    parts = urlsplit(url)
    if parts.scheme == "file":
        folder = Path(unquote(parts.netloc + parts.path))
        return Sender(name or "Ospite", email or "ospite@localhost", folder=folder)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("SMTP_URL must look like smtp://user:pass@host:587?starttls=true")
    starttls = parse_qs(parts.query).get("starttls", ["false"])[0].lower() in _TRUE
    security = "tls" if parts.scheme == "smtps" else "starttls" if starttls else "none"
    user = unquote(parts.username or "")
    return Sender(name=name or "Ospite", email=email or user or f"ospite@{parts.hostname}",
                  host=parts.hostname, port=parts.port or (465 if security == "tls" else 587),
                  security=security, user=user, password=unquote(parts.password or ""))


def from_settings(mail: MailSettings) -> Sender:
    """A workspace's sender mailbox as set up in the chat."""
    return Sender(name=mail.sender_name, email=mail.sender_email, host=mail.smtp_host,
                  port=mail.smtp_port, security=mail.smtp_security, user=mail.smtp_user,
                  password=mail.smtp_password)
