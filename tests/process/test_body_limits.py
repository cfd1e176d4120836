"""A 100 MiB body streamed at the real server is cut off without the server holding it."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.support.processes import environment, migrate, serving
from tests.support.smtp import free_port

MIB = 1024 * 1024
FORM = "application/x-www-form-urlencoded"


async def post_streaming(port: int, path: str, prefix: bytes, total: int) -> tuple[str, int]:
    """POST `total` bytes chunked (no Content-Length) for as long as the server reads.

    Returns the response's status line ("" when the server closed without one reaching us)
    and how much was sent.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {FORM}\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n".encode())
    block = b"x" * (64 * 1024)
    frames = [b"%x\r\n%s\r\n" % (len(prefix), prefix), b"%x\r\n%s\r\n" % (len(block), block)]
    status = asyncio.ensure_future(reader.readline())
    sent = 0
    try:
        writer.write(frames[0])
        while sent < total and not status.done():
            writer.write(frames[1])
            await writer.drain()
            sent += len(block)
        if not status.done():
            writer.write(b"0\r\n\r\n")
            await writer.drain()
    except ConnectionError:
        pass  # the server refused and closed: what the client does not send, it never read
    try:
        line = (await asyncio.wait_for(status, 60)).decode()
    except ConnectionError:
        line = ""
    writer.close()
    return line, sent


@pytest.fixture
async def server(tmp_path):
    port = free_port()
    env = environment(tmp_path / "data", PUBLIC_URL=f"http://127.0.0.1:{port}",
                      SLACK_BOT_TOKEN="xoxb-1-2-limits", SLACK_SIGNING_SECRET="limits-secret",
                      SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/")
    migrate(env, tmp_path)
    async with serving(env, tmp_path, port) as serve:
        yield serve, port


async def test_a_100_mib_post_does_not_grow_the_server(server):
    serve, port = server
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        # Warm up every path once, so what is measured is the body, not the first import.
        assert (await client.post(f"/rsvp/{'A' * 43}", data={"answer": "accepted"})
                ).status_code == 404
        assert (await client.post("/slack/events", data={"command": "/event"})
                ).status_code == 401
    before = serve.memory_kib("VmHWM")
    answers = [await post_streaming(port, path, prefix, 100 * MIB) for path, prefix in (
        (f"/rsvp/{'A' * 43}", b"answer=accepted&comment="),
        ("/slack/events", b"command=/event&text="))]
    grown = serve.memory_kib("VmHWM") - before
    assert grown < 10 * 1024, f"the server's peak memory grew by {grown} KiB"
    for status, sent in answers:
        assert status in ("HTTP/1.1 413 Request Entity Too Large\r\n", ""), status
        assert sent < 100 * MIB  # cut off, not read to the end
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        assert (await client.get("/healthz")).status_code == 200
