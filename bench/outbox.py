"""Invitations per second through the outbox worker, against a bare aiosmtplib loop.

Standalone: `python bench/outbox.py [--count 1000]`. An SMTP sink (aiosmtpd) runs in its
own process on 127.0.0.1. Ospite's worker runs as its own process on a SQLite database in a
temporary folder and sends COUNT invitations (built from the outbox: database reads,
iCalendar, MIME); the baseline sends the same COUNT invitations, composed beforehand, with a
bare aiosmtplib loop over one connection. The last line is the verdict, e.g.
`ratio 0.83 (ospite / baseline), p99 41 ms, peak 96 MB` (p99 = per-batch send latency of the
worker; peak = the worker process's peak RSS).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SECRET = "bench-secret-key-at-least-32-characters"
MAIL_FROM = "Bench Events <events@bench.example>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_sink(port: int) -> None:
    """An SMTP server that accepts everything and counts it."""
    from aiosmtpd.controller import Controller

    class Count:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


def settings_for(folder: Path, smtp_port: int):
    from bot.config import load_settings

    return load_settings(DATA_DIR=folder, DATABASE_URL=f"sqlite+aiosqlite:///{folder}/b.db",
                         SECRET_KEY=SECRET, SMTP_URL=f"smtp://127.0.0.1:{smtp_port}",
                         MAIL_FROM=MAIL_FROM, _env_file=None)


async def prepare(folder: Path, smtp_port: int, count: int) -> None:
    """A migrated database whose outbox holds COUNT invitations (100 guests an event)."""
    from bot import services
    from bot.app import build_runtime
    from bot.domain.drafts import EventDraft, GuestDraft
    from bot.domain.model import PersonRef, Platform
    from storage.migrate import upgrade

    runtime = build_runtime(settings_for(folder, smtp_port))
    await upgrade(runtime.engine)
    organizer = PersonRef(Platform.SLACK, "T1", "U1", "Bench Organizer")
    start = (datetime.now(UTC) + timedelta(days=7)).replace(tzinfo=None, microsecond=0)
    for n in range(0, count, 100):
        guests = [GuestDraft(f"g{i}@client{i % 13}.example", "Guest", str(i))
                  for i in range(n, min(n + 100, count))]
        await services.create_event(runtime.ctx, organizer, EventDraft(
            title=f"Bench event {n // 100}", description="Agenda:\n" + "- item\n" * 20,
            start=start, end=start + timedelta(hours=1), timezone="Europe/Rome",
            place="Via Roma 1, Milano", guests=guests))
    await runtime.engine.dispose()


async def work(folder: Path, smtp_port: int) -> None:
    """The worker process: deliver until nothing is due; report time, latency, memory."""
    from bot.app import build_runtime, create_worker

    runtime = build_runtime(settings_for(folder, smtp_port))
    worker = create_worker(runtime)
    batches: list[float] = []
    began = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        if not await worker.run_once():
            break
        batches.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - began
    await runtime.engine.dispose()
    print(json.dumps({"seconds": elapsed, "batches": batches, "peak_mb": peak_mb()}))


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def prebuilt(folder: Path, smtp_port: int) -> list:
    """The very same invitations, composed beforehand from the outbox rows the worker sent."""
    from sqlalchemy import select

    from bot.app import build_runtime
    from bot.ports import OutboxMessage
    from mail.compose import compose
    from mail.letters import load_letters
    from storage.tables import outbox

    runtime = build_runtime(settings_for(folder, smtp_port))
    async with runtime.engine.connect() as conn:
        rows = (await conn.execute(select(outbox).order_by(outbox.c.id))).all()
    messages = [OutboxMessage(r.id, r.kind, r.payload, 0, r.created_at) for r in rows
                if r.kind.startswith("mail.")]
    letters = await load_letters(runtime.ctx, runtime.settings, messages)
    await runtime.engine.dispose()
    return [compose(letter) for letter in letters.values()]


async def bare(smtp_port: int, messages: list) -> float:
    """Pre-built messages through one aiosmtplib connection; returns seconds."""
    import aiosmtplib

    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=smtp_port, start_tls=False)
    await client.connect()
    began = time.perf_counter()
    for message in messages:
        await client.send_message(message)
    elapsed = time.perf_counter() - began
    await client.quit()
    return elapsed


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the SMTP sink did not start")


def main(count: int) -> None:
    port = free_port()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(port)])
    try:
        wait_for_port(port)
        with tempfile.TemporaryDirectory(prefix="ospite-bench-") as tmp:
            asyncio.run(prepare(Path(tmp), port, count))
            done = subprocess.run([sys.executable, __file__, "--work", tmp, str(port)],
                                  capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            messages = asyncio.run(prebuilt(Path(tmp), port))
        assert len(messages) == count
        baseline = asyncio.run(bare(port, messages))
    finally:
        sink.terminate()
        sink.wait(10)
    ours, theirs = count / result["seconds"], count / baseline
    batches = sorted(result["batches"])
    p99 = batches[min(len(batches) - 1, int(len(batches) * 0.99))] * 1000
    print(f"ospite worker {ours:8.1f} messages/s ({len(batches)} batches)")
    print(f"bare loop     {theirs:8.1f} messages/s")
    print(f"ratio {ours / theirs:.2f} (ospite / baseline), p99 {p99:.0f} ms, "
          f"peak {result['peak_mb']:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sink", type=int)
    parser.add_argument("--work", nargs=2)
    args = parser.parse_args()
    if args.sink:
        run_sink(args.sink)
    elif args.work:
        asyncio.run(work(Path(args.work[0]), int(args.work[1])))
    else:
        main(args.count)
