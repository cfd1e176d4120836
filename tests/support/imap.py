"""A real IMAP server (Debian's Dovecot) on 127.0.0.1 with one throw-away user."""

from __future__ import annotations

import imaplib
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tests.support.smtp import free_port

DOVECOT = "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {tmp}/run
state_dir = {tmp}/state
log_path = {tmp}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A wrong password is refused at once, not after Dovecot's usual two seconds.
auth_failure_delay = 0
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {tmp}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={tmp}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No auth penalty either: after a wrong password, the next login would wait seconds.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    """Start with `.start()`; `.append(raw)` delivers a message; `.flags()` reads them back.

    Its files live in their own folder under /tmp: Dovecot's unprivileged processes must be
    able to walk into it, which pytest's private tmp_path does not allow.
    """

    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ospite-imap-")))
    user: str = "events@acme.example"
    password: str = "imap-secret"
    port: int = 0
    others: dict[str, str] = field(default_factory=dict)  # more users: name -> password

    @property
    def url(self) -> str:
        return self.url_for(self.user)

    def url_for(self, user: str, password: str | None = None) -> str:
        """IMAP_URL of one of the server's users (with its own password unless given)."""
        secret = self.password_of(user) if password is None else password
        return f"imap://{user.replace('@', '%40')}:{secret}@127.0.0.1:{self.port}/INBOX"

    def password_of(self, user: str) -> str:
        """The password of one of the server's users."""
        return self.password if user == self.user else self.others[user]

    @property
    def config(self) -> Path:
        return self.tmp / "dovecot.conf"

    def start(self) -> Dovecot:
        self.port = self.port or free_port()
        self.tmp.chmod(0o711)
        for sub in ("run", "state", "mail"):
            (self.tmp / sub).mkdir(parents=True, exist_ok=True)
        shutil.chown(self.tmp / "mail", "dovecot", "dovecot")
        users = {self.user: self.password, **self.others}
        (self.tmp / "passwd").write_text(
            "".join(f"{user}:{{PLAIN}}{password}\n" for user, password in users.items()))
        self.config.write_text(CONFIG.format(tmp=self.tmp, port=self.port))
        # Dovecot forks into the background; its children must not hold our pipes open.
        with (self.tmp / "start.log").open("wb") as out:
            subprocess.run([DOVECOT, "-c", str(self.config)], check=True,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        try:
            self._wait()
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self.config), "stop"], check=False,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _wait(self) -> None:
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().logout()
                return
            except (OSError, imaplib.IMAP4.error):
                if time.monotonic() > deadline:
                    log = self.tmp / "dovecot.log"
                    raise RuntimeError(log.read_text() if log.exists() else "no log") from None
                time.sleep(0.1)

    def client(self, user: str | None = None) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        conn.login(user or self.user, self.password_of(user or self.user))
        return conn

    def append(self, raw: bytes, flags: str = "", received: datetime | None = None,
               user: str | None = None) -> None:
        """Deliver a message to INBOX as a mail server would (at `received`, else now)."""
        conn = self.client(user)
        try:
            when = imaplib.Time2Internaldate(received) if received else None
            conn.append("INBOX", f"({flags})" if flags else None, when, raw)
        finally:
            conn.logout()

    def empty(self, user: str | None = None) -> None:
        """Delete every message, so one server can serve many tests."""
        conn = self.client(user)
        try:
            _, count = conn.select("INBOX")
            if count[0] != b"0":
                conn.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
                conn.expunge()
        finally:
            conn.logout()

    def flags(self, user: str | None = None) -> list[set[str]]:
        """The flags of every message in INBOX, in order."""
        conn = self.client(user)
        try:
            conn.select("INBOX", readonly=True)
            _, data = conn.fetch("1:*", "(FLAGS)")
        finally:
            conn.logout()
        found = []
        for line in data:
            if isinstance(line, bytes) and b"FLAGS (" in line:
                inside = line.split(b"FLAGS (", 1)[1].split(b")", 1)[0].decode()
                found.append(set(inside.split()))
        return found
