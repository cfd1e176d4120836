"""Answers per second through POST /rsvp/{token}, against a bare route doing one DB write.

Standalone: `python bench/answers.py [--seconds 5] [--concurrency 16] [--database sqlite]`.
Both apps are served by uvicorn on 127.0.0.1 in their own process, on the same database (a
scratch PostgreSQL database on 127.0.0.1 by default, or SQLite in a temporary folder), and
driven by the same client in the same run. The last line is the verdict, e.g.
`ratio 0.83 (ospite / baseline), p99 41 ms, peak 96 MB` (peak = the Ospite server's RSS).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECRET = "bench-secret-key-at-least-32-characters"
EVENTS, GUESTS = 50, 10  # 500 guests, each answering again and again


def settings_for(folder: Path):
    from bot.config import load_settings

    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite+aiosqlite:///{folder}/b.db"
    return load_settings(DATA_DIR=folder, DATABASE_URL=url, SECRET_KEY=SECRET, _env_file=None)


@contextlib.asynccontextmanager
async def database(kind: str):
    """SQLite in the temporary folder, or a scratch PostgreSQL database on 127.0.0.1."""
    if kind == "sqlite":
        yield
        return
    import asyncpg

    name = f"ospite_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test")
    await admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["BENCH_DATABASE_URL"] = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    try:
        yield
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def prepare(folder: Path) -> list[str]:
    """A migrated database with EVENTS x GUESTS invitations; returns the guests' tokens."""
    from bot import services, tokens
    from bot.app import build_runtime
    from bot.domain.drafts import EventDraft, GuestDraft
    from bot.domain.model import PersonRef, Platform
    from storage.migrate import upgrade

    runtime = build_runtime(settings_for(folder))
    await upgrade(runtime.engine)
    organizer = PersonRef(Platform.SLACK, "T1", "U1", "Bench Organizer")
    start = (datetime.now(UTC) + timedelta(days=7)).replace(tzinfo=None, microsecond=0)
    found = []
    for n in range(EVENTS):
        guests = [GuestDraft(f"g{n}-{i}@bench.example", "Guest", f"{n}-{i}")
                  for i in range(GUESTS)]
        event = await services.create_event(runtime.ctx, organizer, EventDraft(
            title=f"Bench {n}", start=start, end=start + timedelta(hours=1),
            timezone="Europe/Rome", guests=guests))
        found += [tokens.token_for(SECRET, g) for g in event.guests]
    await runtime.engine.dispose()
    return found


def baseline_app(folder: Path):
    """A bare Starlette route: parse the form, one UPDATE in one transaction, reply."""
    from sqlalchemy import text
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from bot.tokens import token_hash
    from storage.db import make_engine

    engine = make_engine(settings_for(folder).database_url)

    async def answer(request):
        form = await request.form()
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE attendees SET answer = :a WHERE token_hash = :h"),
                               {"a": form["answer"], "h": token_hash(request.path_params["t"])})
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/rsvp/{t}", answer, methods=["POST"])])


def serve(which: str, folder: Path, port: int) -> None:
    import uvicorn

    from bot.app import create_app

    app = create_app(settings_for(folder)) if which == "ospite" else baseline_app(folder)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


async def load(port: int, tokens: list[str], seconds: float, concurrency: int,
               ) -> tuple[float, list[float]]:
    """Answers/second and latencies (s); each request changes the guest's answer."""
    pairs = itertools.cycle(itertools.product(("accepted", "declined"), tokens))
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                 timeout=60) as client:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                answer, token = next(pairs)
                began = time.perf_counter()
                response = await client.post(f"/rsvp/{token}", data={"answer": answer})
                response.raise_for_status()
                latencies.append(time.perf_counter() - began)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(latencies) / (time.perf_counter() - began), latencies


def start_server(which: str, folder: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", which,
                                "--folder", str(folder), "--port", str(port)])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, port
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{which} server did not start")


def peak_mb(process: subprocess.Popen) -> float:
    """The process's peak resident memory (VmHWM), read before it is stopped."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(which: str, folder: Path, tokens: list[str], seconds: float,
              concurrency: int) -> tuple[float, list[float], float]:
    process, port = start_server(which, folder)
    try:
        await load(port, tokens[:50], 1.0, concurrency)  # warm up
        rate, latencies = await load(port, tokens, seconds, concurrency)
        return rate, latencies, peak_mb(process)
    finally:
        process.terminate()
        process.wait(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def p99_ms(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


async def main(seconds: float, concurrency: int, kind: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ospite-bench-") as tmp:
        folder = Path(tmp)
        async with database(kind):
            tokens = await prepare(folder)
            ours, our_latencies, peak = await run("ospite", folder, tokens, seconds, concurrency)
            bare, bare_latencies, _ = await run("baseline", folder, tokens, seconds, concurrency)
    print(f"database: {kind}")
    print(f"ospite   {ours:8.1f} answers/s  p99 {p99_ms(our_latencies):6.1f} ms")
    print(f"baseline {bare:8.1f} answers/s  p99 {p99_ms(bare_latencies):6.1f} ms")
    print(f"ratio {ours / bare:.2f} (ospite / baseline), p99 {p99_ms(our_latencies):.0f} ms, "
          f"peak {peak:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    # PostgreSQL is where throughput matters (several web processes); on SQLite every
    # statement costs aiosqlite thread hops, so the ratio measures statement counts.
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--serve", choices=["ospite", "baseline"])
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.folder, args.port)
    else:
        asyncio.run(main(args.seconds, args.concurrency, args.database))
