"""Telegram long polling runs in exactly one web process, and another takes over on a crash."""

from __future__ import annotations

from tests.support.procfile import Deployment, eventually, wait_for_line
from tests.support.smtp import free_port
from tests.support.telegram_api import TOKEN, BotApi, message

POLLING = "telegram-polling runs in this process"


async def test_two_web_processes_poll_telegram_one_at_a_time(deployment: Deployment):
    api = BotApi()
    async with api.running():
        deployment.env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.url)
        await deployment.migrate()
        first = await deployment.serve(free_port())
        second = await deployment.serve(free_port())
        await eventually(lambda: POLLING in first.output() + second.output(),
                         what="one process to start polling")
        api.updates.append(message(1001, "/help"))
        await eventually(lambda: len(api.called("sendMessage")) >= 1, what="the help answer")
        poller, standby = (first, second) if POLLING in first.output() else (second, first)
        await wait_for_line(standby, "telegram-polling runs in another process")
        assert POLLING not in standby.output()
        assert api.conflicts == 0, deployment.logs()

        poller.kill()
        await wait_for_line(standby, POLLING, timeout=20)
        api.updates.append(message(1001, "/help"))
        await eventually(lambda: len(api.called("sendMessage")) >= 2, what="the new poller")
        assert api.conflicts == 0, deployment.logs()
        assert len(api.called("sendMessage")) == 2
        await deployment.stop()
