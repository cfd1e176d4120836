"""Test servers on the usual mail ports, one test run at a time.

The mailbox set-up accepts only the usual ports (SMTP 25, 465, 587, 2525; IMAP 143, 993), so
a test of the set-up needs its server on one of them; a lock file keeps two test runs on
this machine from binding the same port at once.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SMTP_TEST_PORT = 2525
IMAP_TEST_PORT = 143


@contextmanager
def usual_port(port: int) -> Iterator[int]:
    """Hold `port` for this test (waiting for another test run to let it go)."""
    lock = Path(tempfile.gettempdir()) / f"ospite-tests-port-{port}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield port
    finally:
        os.close(fd)
