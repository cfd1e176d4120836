"""Requests reach Ospite only when Slack signed them; commands answer as documented."""

import time

from tests.support.slack_api import command_body


async def test_a_bad_signature_gets_401_and_does_nothing(slack):
    body = command_body(slack.api, "new")
    answer = await slack.post(body, secret="not-the-secret")
    assert answer.status_code == 401
    stale = await slack.post(body, at=int(time.time()) - 6 * 60)
    assert stale.status_code == 401
    assert [c for c in slack.api.calls if c.method != "auth.test"] == []


async def test_help_and_unknown_words_answer_privately_with_the_help(slack):
    for text in ("help", "frobnicate"):
        answer = await slack.command(text)
        assert answer.status_code == 200
    replies = await slack.api.wait_for("respond", 2)
    assert all(r["response_type"] == "ephemeral" and "/event new" in r["text"] for r in replies)


async def test_event_new_opens_the_form_in_the_organizers_time_zone(slack):
    answer = await slack.command("new")
    assert answer.status_code == 200
    [opened] = await slack.api.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "ospite_event_form" and opened["trigger_id"] == "trig-1"
    zone = next(b for b in view["blocks"] if b.get("block_id") == "timezone")
    assert zone["element"]["initial_value"] == "Europe/Rome"
