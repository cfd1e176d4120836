"""Mail servers that misbehave on purpose, on 127.0.0.1: one that never answers, one that
greets and replies with whatever a hostile operator chose."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from tests.support.smtp import free_port

Reply = bytes | Callable[[bytes], bytes]
HOSTILE = "<script>alert('pwned')</script> CLICK http://evil.example/login NOW"


class FakeServer:
    """Accepts connections; with a `banner` it sends it and answers each line with `reply`,
    without one it holds the connection open and silent until `release()`."""

    def __init__(self, banner: bytes | None = None, reply: Reply = b"",
                 port: int | None = None) -> None:
        self.banner, self.reply = banner, reply
        self.port = port or free_port()
        self.accepted = threading.Semaphore(0)  # released once per connection taken
        self._released = threading.Event()
        self._lock = threading.Lock()
        self.open = 0  # silent connections the client has not hung up yet
        self._sockets: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR set
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(conn)
            self.accepted.release()
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with suppress(OSError), conn:
            if self.banner is None:
                self._hold(conn)
                return
            conn.sendall(self.banner)
            reader = conn.makefile("rb")
            while line := reader.readline():
                conn.sendall(self.reply(line) if callable(self.reply) else self.reply)

    def _hold(self, conn: socket.socket) -> None:
        with self._lock:
            self.open += 1
        try:
            while not self._released.is_set() and conn.recv(4096):
                pass  # whatever the client says, no answer; b"" once it hangs up
        finally:
            with self._lock:
                self.open -= 1

    def release(self) -> None:
        """Let go of every held connection (the client sees it closed)."""
        self._released.set()
        for conn in self._sockets:
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.release()
        with suppress(OSError):  # wakes the thread blocked in accept(); close() alone does not
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()


@contextmanager
def fake_server(banner: bytes | None = None, reply: Reply = b"",
                port: int | None = None) -> Iterator[FakeServer]:
    server = FakeServer(banner, reply, port)
    try:
        yield server
    finally:
        server.close()


def hostile_smtp(port: int | None = None):
    """An SMTP server whose greeting and every answer carry an attacker's text."""

    def answer(line: bytes) -> bytes:
        if line.upper().startswith((b"EHLO", b"HELO")):
            return f"250-{HOSTILE}\r\n250 AUTH PLAIN LOGIN\r\n".encode()
        return f"535 5.7.8 {HOSTILE}\r\n".encode()

    return fake_server(f"220 {HOSTILE}\r\n".encode(), answer, port)


def hostile_imap(port: int | None = None):
    """An IMAP server whose greeting and every answer carry an attacker's text."""

    def answer(line: bytes) -> bytes:
        tag, _, command = line.decode(errors="replace").partition(" ")
        if command.upper().startswith("CAPABILITY"):
            return f"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK {HOSTILE}\r\n".encode()
        return f"* BAD {HOSTILE}\r\n{tag} NO {HOSTILE}\r\n".encode()

    return fake_server(f"* OK {HOSTILE}\r\n".encode(), answer, port)
