"""Deployment-wide locks: one holder at a time, released when the holder's process dies."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

from bot.singleton import alone
from tests.support.procfile import eventually


async def test_a_held_lock_is_refused_to_a_second_holder_until_released(runtime):
    locks = runtime.locks
    async with locks.hold("job") as first:
        assert first is not None
        async with locks.hold("job") as second:
            assert second is None
        async with locks.hold("other job") as other:
            assert other is not None
    async with locks.hold("job") as again:
        assert again is not None


async def test_exclusive_blocks_run_one_after_the_other(runtime):
    order: list[str] = []

    async def step(name: str) -> None:
        async with runtime.locks.exclusive("telegram-user:7"):
            order.append(f"{name} in")
            await asyncio.sleep(0.05)
            order.append(f"{name} out")

    await asyncio.gather(step("a"), step("b"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])


async def test_a_lock_held_by_a_process_that_dies_is_taken_over(runtime, database_url):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import asyncio, sys
        from storage.db import make_engine
        from storage.locks import make_locks

        async def main():
            async with make_locks(make_engine({database_url!r})).hold("job") as lease:
                print("held" if lease else "refused", flush=True)
                await asyncio.sleep(60)

        asyncio.run(main())
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert await asyncio.to_thread(holder.stdout.readline) == "held\n"
        async with runtime.locks.hold("job") as lease:
            assert lease is None
        holder.kill()
        holder.wait(10)

        async def free() -> bool:
            async with runtime.locks.hold("job") as lease:
                return lease is not None

        await eventually(free, timeout=10, what="the lock to be released")
    finally:
        holder.kill()


async def test_singleton_work_runs_only_while_the_lock_is_held(runtime):
    runs: list[str] = []

    async def work(stop: asyncio.Event) -> None:
        runs.append("started")
        await stop.wait()
        runs.append("stopped")

    stop = asyncio.Event()
    async with runtime.locks.hold("poller") as lease:
        assert lease is not None
        waiting = asyncio.create_task(alone(runtime.locks, "poller", work, retry=0.05)(stop))
        await asyncio.sleep(0.2)
        assert runs == []
    await eventually(lambda: runs == ["started"], timeout=5, what="the take-over")
    stop.set()
    await waiting
    assert runs == ["started", "stopped"]
