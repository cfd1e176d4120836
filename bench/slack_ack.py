"""How fast `/event new` is acknowledged with its modal opened, against a bare Bolt app.

Standalone: `python bench/slack_ack.py [--requests 300]`. A stand-in Slack Web API runs on
127.0.0.1; both apps get the same signed slash commands through their ASGI interface in the
same run. Ospite's latency runs from the request until Slack has both the acknowledgement
and the `views.open` call (users.info, form state saved, modal built); the baseline's
listener only acknowledges. The last line reads
`ratio 1.4 (ospite / baseline), p99 12 ms, peak 80 MB` (mean latency ratio; p99 of Ospite).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


async def ospite_app(folder: Path, api_url: str):
    from bot.app import build_runtime, create_app
    from bot.config import load_settings
    from storage.migrate import upgrade
    from tests.support.slack_api import SIGNING_SECRET, TOKEN

    settings = load_settings(DATA_DIR=folder, SECRET_KEY="bench-secret-key-at-least-32-characters",
                             _env_file=None,
                             SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=api_url, SMTP_URL="file:///dev/null",
                             MAIL_FROM="Bench <b@bench.example>")
    runtime = build_runtime(settings)
    await upgrade(runtime.engine)
    return create_app(runtime=runtime), runtime


def bare_app(api_url: str):
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient
    from starlette.applications import Starlette
    from starlette.routing import Route

    from tests.support.slack_api import SIGNING_SECRET, TOKEN

    app = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=api_url),
                   signing_secret=SIGNING_SECRET)

    @app.command("/event")
    async def only_ack(ack) -> None:
        await ack()

    handler = AsyncSlackRequestHandler(app)

    async def events(request):
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


async def measure(app, api, requests: int, wait_for_modal: bool) -> list[float]:
    from tests.support.slack_api import command_body, signed

    latencies = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://bench.test") as client:
        for n in range(requests):
            body = command_body(api, "new", trigger=f"trig-{n}")
            opened = len(api.called("views.open"))
            began = time.perf_counter()
            answer = await client.post("/slack/events", content=body, headers=signed(body))
            answer.raise_for_status()
            if wait_for_modal:
                while len(api.called("views.open")) <= opened:
                    await asyncio.sleep(0)
            latencies.append(time.perf_counter() - began)
    return latencies


async def main(requests: int) -> None:
    from tests.support.slack_api import SlackApi, user

    api = SlackApi()
    api.users["UORG"] = user("UORG", "Bench Organizer")
    with tempfile.TemporaryDirectory(prefix="ospite-bench-") as tmp:
        async with api.running():
            app, runtime = await ospite_app(Path(tmp), api.url)
            bare = bare_app(api.url)
            await measure(app, api, 20, True)  # warm up both
            await measure(bare, api, 20, False)
            ours = await measure(app, api, requests, True)
            theirs = await measure(bare, api, requests, False)
            await runtime.engine.dispose()
    p99 = sorted(ours)[int(len(ours) * 0.99) - 1] * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ospite   mean {statistics.mean(ours) * 1000:6.2f} ms  p99 {p99:6.2f} ms")
    print(f"baseline mean {statistics.mean(theirs) * 1000:6.2f} ms")
    print(f"ratio {statistics.mean(ours) / statistics.mean(theirs):.2f} (ospite / baseline), "
          f"p99 {p99:.0f} ms, peak {peak:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    asyncio.run(main(parser.parse_args().requests))
