"""The usual mail ports on 127.0.0.1, taken in turn by the test runs on this machine.

The mail set-up accepts only the ports mail servers listen on, so a test that goes through
it must put its server on one of them; a lock file per port keeps two runs (or two
worktrees) from binding it at once.
"""

from __future__ import annotations

import fcntl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SMTP_PORT = 2525  # the one usual SMTP port that is free on a developer's machine
IMAP_PORT = 143


@contextmanager
def usual_port(port: int) -> Iterator[int]:
    """Yields `port` once no other test run on this machine holds it."""
    lock = Path(tempfile.gettempdir()) / f"ospite-test-port-{port}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield port
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
