"""Where replies are read from: IMAP_URL, or a workspace's mail settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, unquote, urlsplit

from bot.calendar_replies import ReplyScope
from bot.domain.model import MailSettings


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    security: str  # tls | starttls | none
    user: str
    password: str
    folder: str = "INBOX"
    scope: ReplyScope = field(default_factory=ReplyScope)  # whose events its replies answer

    def __repr__(self) -> str:  # never log the password
        return f"Mailbox({self.user}@{self.host}:{self.port}/{self.folder} for {self.scope})"


def from_url(url: str) -> Mailbox:
    """`imaps://user:pass@host:993/INBOX` (TLS) or `imap://…:143/INBOX[?starttls=true]`."""
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise ValueError("IMAP_URL must look like imaps://user:password@host:993/INBOX")
    starttls = parse_qs(parts.query).get("starttls", ["false"])[0].lower() in ("1", "true", "yes")
    security = "tls" if parts.scheme == "imaps" else "starttls" if starttls else "none"
    return Mailbox(host=parts.hostname, port=parts.port or (993 if security == "tls" else 143),
                   security=security, user=unquote(parts.username or ""),
                   password=unquote(parts.password or ""),
                   folder=unquote(parts.path.lstrip("/")) or "INBOX",
                   scope=ReplyScope(deployment=True))


def from_settings(mail: MailSettings, workspace_id: int | None = None) -> Mailbox | None:
    """The workspace's IMAP box, or None when it has none."""
    if not mail.imap_host:
        return None
    owners = frozenset() if workspace_id is None else frozenset({workspace_id})
    return Mailbox(host=mail.imap_host, port=mail.imap_port, security=mail.imap_security,
                   user=mail.imap_user or mail.sender_email, password=mail.imap_password,
                   scope=ReplyScope(workspace_ids=owners))


def merged(boxes: list[Mailbox]) -> list[Mailbox]:
    """One box per mailbox however many set it up, serving all of them.

    Read twice under two scopes, a reply for one would be refused (and flagged) by the
    other, whichever came first.
    """
    found: dict[Mailbox, ReplyScope] = {}
    for box in boxes:
        key = replace(box, scope=ReplyScope())
        had = found.get(key, ReplyScope())
        found[key] = ReplyScope(had.workspace_ids | box.scope.workspace_ids,
                                had.deployment or box.scope.deployment)
    return [replace(key, scope=scope) for key, scope in found.items()]
