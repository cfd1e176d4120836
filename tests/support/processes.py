"""Real `ospite` processes, started as the Procfile starts them and stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

OSPITE = Path(sys.executable).with_name("ospite")
# Only these are taken from the test's own environment; every setting is given explicitly.
_PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def environment(data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a command: a fresh DATA_DIR and exactly the given settings."""
    base = {name: os.environ[name] for name in _PASSED_ON if name in os.environ}
    return {**base, "PYTHONUNBUFFERED": "1", "DATA_DIR": str(data_dir), **settings}


def run(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command that ends by itself (`ospite migrate`) and return what it printed."""
    return subprocess.run([str(OSPITE), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)


def migrate(env: dict[str, str], cwd: Path) -> None:
    """`ospite migrate`, as a release step runs it before the processes start."""
    done = run("migrate", env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr


@dataclass
class Process:
    """A running `ospite` command whose output (stdout and stderr) goes to a log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def memory_kib(self, field: str = "VmHWM") -> int:
        """VmHWM (peak resident memory) or VmRSS of the process, in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
        raise LookupError(field)

    async def wait_for_log(self, text: str, timeout: float = 30) -> None:
        """Wait until the log shows `text`; fail with the log if the process ends first."""
        async with asyncio.timeout(timeout):
            while text not in self.output():
                self._still_running()
                await asyncio.sleep(0.05)

    async def wait_for_health(self, base_url: str, timeout: float = 30) -> None:
        """Wait until GET /healthz answers 200, as a load balancer would."""
        async with asyncio.timeout(timeout), httpx.AsyncClient(base_url=base_url) as client:
            while True:
                self._still_running()
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)

    async def stop(self) -> None:
        """SIGTERM, then assert a clean exit; the log is printed into the test's output."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.to_thread(self.popen.wait, 30)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            await asyncio.to_thread(self.popen.wait)
            raise AssertionError(f"{self.name} did not stop on SIGTERM") from None
        finally:
            print(f"----- {self.name} (pid {self.pid}) -----\n{self.output()}")
        assert clean_exit(code, self.output()), f"{self.name} exited with {code}"

    def _still_running(self) -> None:
        if self.popen.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.popen.returncode}:\n"
                                 f"{self.output()}")


def clean_exit(code: int, log: str) -> bool:
    """Exit 0, or the SIGTERM uvicorn raises again after shutting down gracefully."""
    graceful = code == 0 or (code == -signal.SIGTERM and "Finished server process" in log)
    return graceful and "Traceback" not in log


def start(name: str, *args: str, env: dict[str, str], cwd: Path) -> Process:
    """Start `ospite ARGS` in `cwd` (so no stray .env is read), logging to `cwd/NAME.log`."""
    log = cwd / f"{name}.log"
    with log.open("wb") as out:
        popen = subprocess.Popen([str(OSPITE), *args], env=env, cwd=cwd, stdout=out,
                                 stderr=subprocess.STDOUT)
    return Process(name, popen, log)


@asynccontextmanager
async def running(name: str, *args: str, env: dict[str, str],
                  cwd: Path) -> AsyncIterator[Process]:
    """A started process, stopped (and checked) when the block ends."""
    process = start(name, *args, env=env, cwd=cwd)
    try:
        yield process
    except BaseException:
        if process.popen.poll() is None:
            process.popen.kill()
        await asyncio.to_thread(process.popen.wait)
        print(f"----- {name} (pid {process.pid}) -----\n{process.output()}")
        raise
    await process.stop()


@asynccontextmanager
async def serving(env: dict[str, str], cwd: Path, port: int) -> AsyncIterator[Process]:
    """`ospite serve` on 127.0.0.1:PORT, healthy, for the length of the block."""
    async with running("serve", "serve", "--host", "127.0.0.1", "--port", str(port),
                       env=env, cwd=cwd) as serve:
        await serve.wait_for_health(f"http://127.0.0.1:{port}")
        yield serve
