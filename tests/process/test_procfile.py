"""The Procfile for real: migrate, two web and two worker processes on one database.

An event is created through signed Slack requests against one web process, its guests
answer through the other, and every invitation and every answer arrives exactly once.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.slack.conftest import event_state, guest_state
from tests.support.mailbox import MAIL_FROM, answer_link
from tests.support.procfile import Deployment, eventually
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
from tests.support.smtp import SmtpSink, free_port

GUESTS = [("anna.rossi@client.example", "Anna", "Rossi"),
          ("bruno.neri@partner.example", "Bruno", "Neri")]


class SlackClient:
    """Posts signed requests to one web process, as Slack does."""

    def __init__(self, base_url: str, api: SlackApi) -> None:
        self.base_url, self.api = base_url, api

    async def post(self, body: str) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.base_url) as web:
            return await web.post("/slack/events", content=body, headers=signed(body))

    async def submit(self, view: dict[str, Any], state: dict[str, Any]) -> httpx.Response:
        return await self.post(interaction_body({
            "type": "view_submission", "team": {"id": TEAM},
            "user": {"id": "UORG", "team_id": TEAM},
            "view": {**view, "state": {"values": state}, "root_view_id": "VROOT"}}))

    async def click(self, action_id: str, view: dict[str, Any]) -> httpx.Response:
        return await self.post(interaction_body({
            "type": "block_actions", "team": {"id": TEAM}, "trigger_id": "trig-click",
            "user": {"id": "UORG", "team_id": TEAM}, "channel": {"id": "DUORG"}, "view": view,
            "actions": [{"action_id": action_id, "block_id": "b", "value": action_id,
                         "type": "button", "action_ts": "1"}]}))


async def create_event(front: SlackClient, back: SlackClient, api: SlackApi) -> None:
    """Open the form on one process, add the guests through the other, save on the first."""
    assert (await front.post(command_body(api, "new"))).status_code == 200
    [opened] = await api.wait_for("views.open")
    form = {**opened["view"], "id": "VROOT", "hash": "h1"}
    for number, (email, first, last) in enumerate(GUESTS, start=1):
        await back.click("invite_guest", form)
        pushed = (await api.wait_for("views.push", number))[-1]["view"]
        added = await back.submit({**pushed, "id": f"VG{number}"},
                                  guest_state(email, first, last))
        assert added.status_code == 200 and not added.content, added.text
        updated = (await api.wait_for("views.update", number))[-1]
        form = {**updated["view"], "id": "VROOT", "hash": f"h{number + 1}"}
    day = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    saved = await front.submit(form, event_state(day=day))
    assert saved.status_code == 200 and not saved.content, saved.text


async def test_two_web_and_two_worker_processes_deliver_everything_once(
        deployment: Deployment):
    sink = SmtpSink().start()
    api = SlackApi()
    api.users["UORG"] = user("UORG", "Marta Bianchi", admin=True, email="marta@acme.example")
    web_ports = [free_port(), free_port()]
    deployment.env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api.url,
        SMTP_URL=sink.url, MAIL_FROM=MAIL_FROM, PUBLIC_URL=f"http://127.0.0.1:{web_ports[1]}")
    try:
        async with api.running():
            await deployment.migrate()
            for port in web_ports:
                await deployment.serve(port)
            for name in ("worker-1", "worker-2"):
                await deployment.worker(name)
            front, back = (SlackClient(f"http://127.0.0.1:{p}", api) for p in web_ports)
            await create_event(front, back, api)

            await eventually(lambda: len(sink.messages) >= len(GUESTS), what="invitations")
            async with httpx.AsyncClient() as web:
                for message in sink.messages:
                    link = answer_link(message)
                    assert link.startswith(back.base_url)  # answered on the other process
                    answered = await web.post(link, data={"answer": "accepted"})
                    assert answered.status_code == 200

            def answer_dms() -> list[str]:
                return [m["text"] for m in api.called("chat.postMessage")
                        if " accepted *Quarterly review*" in m.get("text", "")]

            await eventually(lambda: len(answer_dms()) >= len(GUESTS), what="answer DMs")
            await eventually(lambda: "accepted" in str(api.called("chat.update")[-1:]),
                             what="the card to show the answers")
            await deployment.stop()
    finally:
        sink.stop()
    invited = Counter(m["To"].addresses[0].addr_spec for m in sink.messages)
    assert invited == Counter(email for email, _, _ in GUESTS)  # each guest once
    told = Counter(dm.split(" accepted ")[0] for dm in answer_dms())
    assert told == Counter(f"{first} {last} ({email.split('@')[1]})"
                           for email, first, last in GUESTS)  # each answer once
    cards = [m for m in api.called("chat.postMessage") if "edit_event" in str(m.get("blocks"))]
    assert len(cards) == 1  # the card is posted once and then edited in place
