"""From the card: edit (updates, invitations, cancellations), cancel; /event list; colleagues."""

from bot import services
from bot.domain.model import Answer, AnswerSource
from tests.slack.conftest import event_state
from tests.support.drafts import ANNA, BOB, ORGANIZER, draft
from tests.support.mailbox import deliver_all, vevent
from tests.support.slack_api import TEAM

ME = ORGANIZER.__class__(ORGANIZER.platform, TEAM, "UORG", "Marta Bianchi")


async def created(slack, **changes):
    event = await services.create_event(slack.runtime.ctx, ME, draft(**changes))
    await deliver_all(slack.runtime)
    return event


async def next_post(slack, action) -> dict:
    """The message Ospite posts after `action` (an awaitable click)."""
    before = len(slack.api.called("chat.postMessage"))
    await action
    return (await slack.api.wait_for("chat.postMessage", before + 1))[before]


async def open_edit(slack, event) -> dict:
    await slack.click("edit_event", str(event.id))
    [opened] = await slack.api.wait_for("views.open")
    return {**opened["view"], "id": "VEDIT", "hash": "h"}


async def test_edit_with_a_time_change_updates_guests_and_resets_answers(slack, smtp_sink):
    event = await created(slack)
    await services.respond_to_invitation(slack.runtime.ctx, event.guests[0].id,
                                         Answer.ACCEPTED, AnswerSource.WEB)
    form = await open_edit(slack, event)
    assert "Anna Rossi" in str(form["blocks"]) and "Bob Stone" in str(form["blocks"])
    saved = await slack.submit(form, event_state(start="14:00", end="15:00"))
    assert saved.status_code == 200 and not saved.content
    smtp_sink.received.clear()
    for _ in range(50):
        await deliver_all(slack.runtime)
        if len(smtp_sink.messages) == 2:
            break
        await __import__("asyncio").sleep(0.05)
    assert sorted(m["To"].addresses[0].addr_spec for m in smtp_sink.messages) == [
        ANNA.email, BOB.email]
    assert all(m["Subject"].startswith("Updated invitation") for m in smtp_sink.messages)
    assert {vevent(m)["SEQUENCE"] for m in smtp_sink.messages} == {1}
    stored = await services.get_event(slack.runtime.ctx, event.id)
    assert [g.answer for g in stored.guests] == [Answer.AWAITING, Answer.AWAITING]


async def test_removing_a_guest_in_the_form_sends_them_a_cancellation(slack, smtp_sink):
    event = await created(slack)
    form = await open_edit(slack, event)
    await slack.click("remove_guest", "1", view=form)  # Bob
    [updated] = await slack.api.wait_for("views.update")
    smtp_sink.received.clear()
    await slack.submit({**updated["view"], "id": "VEDIT"}, event_state())
    for _ in range(50):
        await deliver_all(slack.runtime)
        if smtp_sink.messages:
            break
        await __import__("asyncio").sleep(0.05)
    [cancel] = smtp_sink.messages
    assert cancel["To"].addresses[0].addr_spec == BOB.email
    assert cancel["Subject"].startswith("Cancelled: Quarterly review")


async def test_cancel_from_the_card_tells_every_guest(slack, smtp_sink, clock):
    event = await created(slack)
    smtp_sink.received.clear()
    said = await next_post(slack, slack.click("cancel_event", str(event.id)))
    assert said["text"] == ("The event *Quarterly review* is cancelled; every guest gets a "
                            "cancellation.")
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(slack.runtime)
    assert sorted(m["To"].addresses[0].addr_spec for m in smtp_sink.messages) == [
        ANNA.email, BOB.email]
    assert all(m["Subject"].startswith("Cancelled:") for m in smtp_sink.messages)
    card = slack.api.called("chat.update")[-1]
    assert "(cancelled)" in str(card["blocks"]) and "Cancel event" not in str(card["blocks"])


async def test_only_the_organizer_can_cancel(slack, smtp_sink):
    event = await created(slack)
    said = await next_post(slack, slack.click("cancel_event", str(event.id), user_id="UCOL"))
    assert said["text"] == "Only the organizer can change this event."
    assert (await services.get_event(slack.runtime.ctx, event.id)).status.value == "scheduled"


async def test_event_list_shows_upcoming_events_with_counts_privately(slack):
    event = await created(slack)
    await services.respond_to_invitation(slack.runtime.ctx, event.guests[1].id,
                                         Answer.DECLINED, AnswerSource.WEB)
    await slack.command("list")
    [reply] = await slack.api.wait_for("respond")
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == ("• *Quarterly review* — Tue 3 Mar, 10:00: 0 accepted, 1 declined, "
                             "2 invited\nOspite's Home tab shows these events with their "
                             "buttons, and the events you are invited to.")


async def test_slack_rate_limit_then_success_delivers_once(slack, clock):
    await services.create_event(slack.runtime.ctx, ME, draft())
    slack.api.rate_limit.add("chat.postMessage")
    await deliver_all(slack.runtime)
    assert slack.api.called("chat.postMessage") == []  # answered 429: nothing sent yet
    clock.advance(seconds=2)  # Retry-After: 1
    await deliver_all(slack.runtime)
    cards = slack.api.called("chat.postMessage")
    assert len(cards) == 1 and "Quarterly review" in cards[0]["text"]


async def test_a_colleague_answers_from_their_direct_message(slack):
    event = await created(slack, colleagues=[ME.__class__(ME.platform, TEAM, "UCOL",
                                                           "Luca Verdi")])
    invite = next(c for c in slack.api.called("chat.postMessage") if c["channel"] == "DUCOL")
    accept = invite["blocks"][1]["elements"][0]
    assert accept["action_id"] == "colleague_accept"
    refused = await next_post(slack, slack.click("colleague_accept", accept["value"],
                                                 user_id="UORG"))  # someone else clicking
    assert (await services.get_event(slack.runtime.ctx, event.id)).colleagues[0].answer is (
        Answer.AWAITING)
    assert refused["text"] != "You answered: ✅ accepted."
    said = await next_post(slack, slack.click("colleague_accept", accept["value"],
                                              user_id="UCOL", channel="DUCOL"))
    assert said["text"] == "You answered: ✅ accepted."
    stored = await services.get_event(slack.runtime.ctx, event.id)
    assert stored.colleagues[0].answer is Answer.ACCEPTED


async def test_an_undeliverable_invitation_is_reported_to_the_organizer(slack, smtp_sink):
    smtp_sink.reject_with = "550 5.1.1 no such user"
    await services.create_event(slack.runtime.ctx, ME, draft(guests=[ANNA]))
    for _ in range(3):  # the mail fails, then its notice is delivered
        await deliver_all(slack.runtime)
    texts = [c["text"] for c in slack.api.called("chat.postMessage")]
    assert ("The invitation to anna.rossi@acme.example for *Quarterly review* could not be "
            "delivered: 550 5.1.1 no such user") in texts
