"""A runtime with Slack on, talking to a stand-in Web API, and a signed-request client."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bot.app import build_runtime, create_app
from tests.support.mailbox import MAIL_FROM
from tests.support.slack_api import (
    SIGNING_SECRET,
    TEAM,
    TOKEN,
    SlackApi,
    command_body,
    interaction_body,
    signed,
    user,
)


@pytest.fixture
async def slack_api():
    api = SlackApi()
    api.users["UORG"] = user("UORG", "Marta Bianchi", admin=True, email="marta@acme.example")
    api.users["UCOL"] = user("UCOL", "Luca Verdi")
    async with api.running():
        yield api


def slack_driver(settings, clock, api: SlackApi, **overrides: Any) -> SlackDriver:
    """The app as Slack sees it, on the test's (migrated) database."""
    runtime = build_runtime(settings.model_copy(update={
        "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api.url, "MAIL_FROM": MAIL_FROM, **overrides}), clock=clock)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime=runtime)),
                               base_url="http://ospite.test")
    return SlackDriver(runtime, client, api)


@pytest.fixture
async def slack(runtime, settings, clock, slack_api, smtp_sink):
    """`.command(text)`, `.interact(payload)`, `.runtime`; mail goes to the SMTP sink."""
    driver = slack_driver(settings, clock, slack_api, SMTP_URL=smtp_sink.url)
    yield driver
    await driver.close()


class SlackDriver:
    def __init__(self, runtime, client: httpx.AsyncClient, api: SlackApi) -> None:
        self.runtime, self.client, self.api = runtime, client, api

    async def close(self) -> None:
        await self.client.aclose()
        await self.runtime.engine.dispose()

    async def post(self, body: str, **sign: Any) -> httpx.Response:
        return await self.client.post("/slack/events", content=body, headers=signed(body, **sign))

    async def command(self, text: str, user_id: str = "UORG") -> httpx.Response:
        return await self.post(command_body(self.api, text, user_id))

    async def interact(self, payload: dict[str, Any]) -> httpx.Response:
        return await self.post(interaction_body(payload))

    async def click(self, action_id: str, value: str, view: dict | None = None,
                    user_id: str = "UORG", channel: str = "DUORG") -> httpx.Response:
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": TEAM}, "trigger_id": "trig-click",
            "user": {"id": user_id, "team_id": TEAM}, "channel": {"id": channel},
            "actions": [{"action_id": action_id, "block_id": "b", "value": value,
                         "type": "button", "action_ts": "1"}]}
        if view is not None:
            payload["view"] = view
        return await self.interact(payload)

    async def submit(self, view: dict[str, Any], state: dict[str, Any],
                     user_id: str = "UORG") -> httpx.Response:
        submitted = {**view, "state": {"values": state},
                     "root_view_id": view.get("root_view_id") or view["id"]}
        return await self.interact({"type": "view_submission", "team": {"id": TEAM},
                                    "user": {"id": user_id, "team_id": TEAM},
                                    "view": submitted})


def typed(value: str) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def event_state(title="Quarterly review", day="2026-03-03", start="10:00", end="11:00",
                tz="Europe/Rome", place="Via Roma 1, Milano", colleagues=(),
                description="Numbers and plans") -> dict[str, Any]:
    return {
        "title": typed(title), "description": typed(description),
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "start_time": {"value": {"type": "timepicker", "selected_time": start}},
        "end_time": {"value": {"type": "timepicker", "selected_time": end}},
        "timezone": typed(tz), "place": typed(place),
        "locale": {"value": {"type": "static_select",
                             "selected_option": {"value": "en", "text": {"type": "plain_text",
                                                                         "text": "English"}}}},
        "colleagues": {"value": {"type": "multi_users_select",
                                 "selected_users": list(colleagues)}},
        "attachments": {"value": {"type": "file_input", "files": []}},
    }


def guest_state(email: str, first: str, last: str) -> dict[str, Any]:
    return {"email": typed(email), "first_name": typed(first), "last_name": typed(last)}
