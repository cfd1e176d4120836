"""Every change can be told: the organizer chooses for title, description, files and language;
a new date, time or place is always told; colleagues hear of moves and cancellations."""

from __future__ import annotations

import json
from dataclasses import replace

from bot import services
from bot.domain.model import Answer, AnswerSource
from tests.slack.conftest import event_state
from tests.slack.test_card import ME, created, next_post, open_edit
from tests.support.mailbox import deliver_all

TELL = {"notify": {"value": {"type": "checkboxes", "selected_options": [
    {"value": "notify", "text": {"type": "plain_text", "text": "Tell the guests"}}]}}}
COLLEAGUE = replace(ME, user_id="UCOL", display_name="Luca Verdi")


async def edit(slack, event, **state) -> str:
    """Submit the edit form; returns the confirmation the organizer gets."""
    form = await open_edit(slack, event)
    assert any(b.get("block_id") == "notify" for b in form["blocks"])  # offered when editing
    changes = {k: v for k, v in state.items() if k != "tell"}
    values = event_state(**changes) | (TELL if state.get("tell") else {})
    said = await next_post(slack, slack.submit(form, values))
    return said["text"]


async def test_a_description_change_is_told_only_when_the_organizer_asks(slack, smtp_sink):
    event = await created(slack)
    smtp_sink.received.clear()
    told = await edit(slack, event, tell=True, description="New agenda: numbers first")
    assert told == "Your changes to *Quarterly review* are saved. 2 guests get an update."
    await deliver_all(slack.runtime)
    assert len(smtp_sink.messages) == 2
    for message in smtp_sink.messages:
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert message["Subject"].startswith("Updated invitation")
        assert "- Description: … → updated" in text


async def test_a_title_change_unticked_sends_nothing_but_says_so(slack, smtp_sink):
    event = await created(slack)
    smtp_sink.received.clear()
    told = await edit(slack, event, title="Quarterly review (Q1)")
    assert told == ("Your changes to *Quarterly review (Q1)* are saved. No guest is told about "
                    "this change.")
    await deliver_all(slack.runtime)
    assert smtp_sink.messages == []


async def test_a_new_time_is_always_told_to_guests_and_colleagues(slack, smtp_sink, clock):
    event = await created(slack, colleagues=[COLLEAGUE])
    [invite] = [c for c in slack.api.called("chat.postMessage") if c["channel"] == "DUCOL"]
    old_accept = invite["blocks"][-1]["elements"][0]
    await services.respond_as_colleague(slack.runtime.ctx, COLLEAGUE, event.colleagues[0].id,
                                        Answer.ACCEPTED)
    told = await edit(slack, event, start="15:00", end="16:00", colleagues=("UCOL",))
    assert told == "Your changes to *Quarterly review* are saved. 2 guests get an update."
    before = len(slack.api.called("chat.postMessage"))
    await deliver_all(slack.runtime)
    to_colleague = [c for c in slack.api.called("chat.postMessage")[before:]
                    if c["channel"] == "DUCOL"]
    [moved] = to_colleague
    assert moved["text"].startswith("Marta Bianchi changed *Quarterly review*: now Tue 3 Mar, "
                                    "15:00, Via Roma 1, Milano.")
    assert "your earlier answer no longer holds" in moved["text"]
    stored = await services.get_event(slack.runtime.ctx, event.id)
    assert stored.colleagues[0].answer is Answer.AWAITING
    stale = await next_post(slack, slack.click("colleague_accept", old_accept["value"],
                                               user_id="UCOL", channel="DUCOL"))
    assert stale["text"] == ("This event has moved since this message: please answer on the "
                             "newer one.")
    fresh = moved["blocks"][-1]["elements"][0]
    said = await next_post(slack, slack.click("colleague_accept", fresh["value"],
                                              user_id="UCOL", channel="DUCOL"))
    assert said["text"] == "You answered: ✅ accepted."
    clock.advance(seconds=3)
    await deliver_all(slack.runtime)
    answer_dm = [c["text"] for c in slack.api.called("chat.postMessage")
                 if c["channel"] == "DUORG" and " accepted " in c["text"]]
    assert answer_dm[-1].startswith("Luca Verdi accepted *Quarterly review*")


async def test_a_colleague_hears_of_the_cancellation_and_old_buttons_refuse(slack):
    event = await created(slack, colleagues=[COLLEAGUE])
    [invite] = [c for c in slack.api.called("chat.postMessage") if c["channel"] == "DUCOL"]
    accept = invite["blocks"][-1]["elements"][0]
    await services.cancel_event(slack.runtime.ctx, ME, event.id)
    before = len(slack.api.called("chat.postMessage"))
    await deliver_all(slack.runtime)
    [cancelled] = [c for c in slack.api.called("chat.postMessage")[before:]
                   if c["channel"] == "DUCOL"]
    assert cancelled["text"] == "Marta Bianchi cancelled *Quarterly review* (Tue 3 Mar, 10:00)."
    refused = await next_post(slack, slack.click("colleague_accept", accept["value"],
                                                 user_id="UCOL", channel="DUCOL"))
    assert refused["text"] == "This event was cancelled."
    assert "colleague_accept" not in json.dumps(cancelled)  # nothing left to answer


async def test_the_card_names_colleagues(slack):
    event = await created(slack, colleagues=[COLLEAGUE])
    await services.respond_to_invitation(slack.runtime.ctx, event.colleagues[0].id,
                                         Answer.ACCEPTED, AnswerSource.CHAT)
    [card] = [c for c in slack.api.called("chat.postMessage") if "edit_event" in str(c)]
    assert "Luca Verdi" in json.dumps(card["blocks"]) and "UCOL" not in json.dumps(card["blocks"])
