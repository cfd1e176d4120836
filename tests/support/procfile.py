"""The real `ospite` processes, started from the command line as the Procfile starts them.

The test's own event loop keeps serving the stand-ins (Slack, Telegram, SMTP) while it
waits, so every wait here is asynchronous.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

OSPITE = str(Path(sys.executable).with_name("ospite"))
TEST_KEY = "process-test-secret-key-0123456789abcdef"


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """As a crash would: no clean-up, no goodbye."""
        self.popen.kill()
        self.popen.wait(10)


@dataclass
class Deployment:
    """One DATA_DIR and database, and the processes started on it; `env` is the settings."""

    folder: Path
    env: dict[str, str]
    processes: list[Process] = field(default_factory=list)

    def environment(self, **extra: str) -> dict[str, str]:
        base = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.folder),
                "PYTHONUNBUFFERED": "1", "DATA_DIR": str(self.folder / "data"),
                "SECRET_KEY": TEST_KEY}
        return {**base, **self.env, **extra}

    def start(self, name: str, *args: str, **extra: str) -> Process:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen([OSPITE, *args], cwd=self.folder, stdout=out,
                                     stderr=subprocess.STDOUT, env=self.environment(**extra))
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    async def migrate(self) -> None:
        process = self.start("migrate", "migrate")
        code = await _exit_code(process, 60)
        assert code == 0, process.output()

    async def serve(self, port: int, name: str = "web", **extra: str) -> Process:
        process = self.start(f"{name}-{port}", "serve", "--host", "127.0.0.1", "--port",
                             str(port), **extra)
        await wait_healthy(process, f"http://127.0.0.1:{port}")
        return process

    async def worker(self, name: str = "worker", **extra: str) -> Process:
        process = self.start(name, "worker", **extra)
        await wait_for_line(process, "worker started")
        return process

    async def stop(self) -> None:
        """SIGTERM every process still running; each must exit cleanly (code 0)."""
        running = [p for p in self.processes if p.popen.poll() is None]
        for process in running:
            process.popen.send_signal(signal.SIGTERM)
        for process in running:
            code = await _exit_code(process, 20)
            assert code == 0, f"{process.name} exited with {code}:\n{process.output()}"

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.output()}" for p in self.processes)


async def wait_healthy(process: Process, base_url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as web:
        while time.monotonic() < deadline:
            assert process.popen.poll() is None, f"{process.name} died:\n{process.output()}"
            try:
                if (await web.get(f"{base_url}/healthz", timeout=2)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{process.name} never became healthy:\n{process.output()}")


async def wait_for_line(process: Process, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in process.output():
            return
        assert process.popen.poll() is None, f"{process.name} died:\n{process.output()}"
        await asyncio.sleep(0.1)
    raise AssertionError(f"{process.name} never said {text!r}:\n{process.output()}")


async def eventually(check, timeout: float = 30, what: str = "the condition") -> None:
    """Wait until `check()` (sync or async) is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def _exit_code(process: Process, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while process.popen.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return process.popen.poll()
