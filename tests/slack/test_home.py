"""The Home tab: the organizer's upcoming events with their counts and the card's actions, and
the events a colleague is invited to, with their own answer and working buttons."""

from __future__ import annotations

import json
from dataclasses import replace

from bot import services
from bot.domain.model import Answer, AnswerSource
from tests.slack.test_card import ME, created, open_edit
from tests.support.slack_api import TEAM, signed


async def open_home(slack, user_id: str) -> dict:
    body = json.dumps({"type": "event_callback", "team_id": TEAM, "api_app_id": "A1",
                       "event_id": f"Ev{user_id}", "event_time": 1,
                       "event": {"type": "app_home_opened", "user": user_id, "tab": "home",
                                 "channel": f"D{user_id}"}})
    before = len(slack.api.called("views.publish"))
    headers = {**signed(body), "Content-Type": "application/json"}
    answer = await slack.client.post("/slack/events", content=body, headers=headers)
    assert answer.status_code == 200
    return (await slack.api.wait_for("views.publish", before + 1))[before]


async def test_the_home_tab_shows_my_events_with_counts_and_actions(slack):
    colleague = replace(ME, user_id="UCOL", display_name="Luca Verdi")
    event = await created(slack, colleagues=[colleague])
    await services.respond_to_invitation(slack.runtime.ctx, event.guests[0].id,
                                         Answer.ACCEPTED, AnswerSource.WEB)
    home = await open_home(slack, "UORG")
    assert home["user_id"] == "UORG" and home["view"]["type"] == "home"
    shown = json.dumps(home["view"]["blocks"], ensure_ascii=False)
    assert "*Quarterly review* — Tue 3 Mar, 10:00" in shown
    assert "1 accepted · 0 maybe · 0 declined · 2 awaiting" in shown
    actions = [e["action_id"] for b in home["view"]["blocks"] if b["type"] == "actions"
               for e in b["elements"]]
    assert actions == ["edit_event", "invite_more", "cancel_event"]
    await open_edit(slack, event)  # the Home tab's Edit opens the form, as the card's does


async def test_a_colleague_sees_the_invitation_and_answers_from_the_home_tab(slack):
    colleague = replace(ME, user_id="UCOL", display_name="Luca Verdi")
    event = await created(slack, colleagues=[colleague])
    slack.api.users["UCOL"]["locale"] = "it-IT"
    home = await open_home(slack, "UCOL")
    shown = json.dumps(home["view"]["blocks"], ensure_ascii=False)
    assert "Non hai eventi in programma" in shown and "Invitato come collega" in shown
    assert "Marta Bianchi ti invita. La tua risposta: ⏳ in attesa" in shown
    [accept, _] = [e for b in home["view"]["blocks"] if b["type"] == "actions"
                   for e in b["elements"]]
    await slack.click(accept["action_id"], accept["value"], user_id="UCOL", channel="DUCOL")
    await slack.api.wait_for("chat.postMessage", len(slack.api.called("chat.postMessage")) + 1)
    stored = await services.get_event(slack.runtime.ctx, event.id)
    assert stored.colleagues[0].answer is Answer.ACCEPTED


async def test_event_list_points_at_the_home_tab(slack):
    await created(slack)
    await slack.command("list")
    [reply] = await slack.api.wait_for("respond")
    assert "Home tab" in reply["text"]
