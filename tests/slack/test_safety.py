"""What a public deployment must hold to: only the organizer acts on an event, nothing typed
becomes markup, files come only from Slack's own file host, messages fit, Save is once."""

from __future__ import annotations

import json

from bot import services
from bot.domain.model import Answer, AnswerSource
from tests.slack.conftest import event_state, guest_state
from tests.slack.test_card import ME, created, open_edit
from tests.slack.test_story import add_guest, open_form, saved_event
from tests.support.drafts import GuestDraft, draft
from tests.support.mailbox import deliver_all
from tests.support.slack_api import TEAM, user


def markup_sent(slack) -> str:
    """Every text Ospite sent that Slack reads as mrkdwn: message texts, mrkdwn objects."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("type") == "mrkdwn":
                found.append(str(value.get("text")))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for call in slack.api.calls:
        if call.method in ("chat.postMessage", "chat.update", "respond"):
            found.append(str(call.args.get("text")))
        walk(call.args)
    return "\n".join(found)


async def test_someone_else_cannot_open_cancel_or_see_an_event(slack):
    event = await created(slack)
    slack.api.users["UOUT"] = {**user("UOUT", "Eve Outsider"), "team_id": "T0OTHER"}
    for actor in ("UCOL", "UOUT"):
        for action in ("edit_event", "invite_more", "cancel_event"):
            before = len(slack.api.called("chat.postMessage"))
            await slack.click(action, str(event.id), user_id=actor)
            said = (await slack.api.wait_for("chat.postMessage", before + 1))[before]
            assert said["text"] == "This event no longer exists, or it is not yours." or (
                said["text"] == "Only the organizer can change this event.")
            assert "Quarterly review" not in json.dumps(said)
            assert "anna.rossi" not in json.dumps(said)
    assert slack.api.called("views.open") == []
    stored = await services.get_event(slack.runtime.ctx, event.id)
    assert stored.status.value == "scheduled"


async def test_forged_button_values_get_a_friendly_answer(slack):
    await created(slack)
    for value in ("abc", "999999", "-1", "1" * 40):
        before = len(slack.api.called("chat.postMessage"))
        await slack.click("edit_event", value)
        said = (await slack.api.wait_for("chat.postMessage", before + 1))[before]
        assert said["text"] == "This event no longer exists, or it is not yours."
    assert slack.api.called("views.open") == []


async def test_nothing_typed_becomes_slack_markup(slack):
    sneaky = GuestDraft("eve@evil.example", "<!channel>", "<@U0BOSS> &")
    event = await created(slack, title="<https://evil.example|Looks safe> *now*",
                          place="<!here>", guests=[sneaky])
    await services.respond_to_invitation(slack.runtime.ctx, event.guests[0].id,
                                         Answer.ACCEPTED, AnswerSource.WEB, "ping <!everyone>")
    await deliver_all(slack.runtime)
    await open_edit(slack, event)
    posted = markup_sent(slack)
    for raw in ("<!channel>", "<@U0BOSS>", "<https://evil.example|", "<!here>", "<!everyone>"):
        assert raw not in posted
    assert "&lt;!channel&gt;" in posted and "&lt;!everyone&gt;" in posted


async def test_attachments_come_only_from_the_url_slack_gives_for_the_file(slack, smtp_sink):
    slack.api.files["agenda.pdf"] = b"%PDF-1.4 agenda"
    slack.api.file_ids["F1"] = "agenda.pdf"
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna@acme.example", "Anna", "Rossi")
    state = event_state()
    state["attachments"] = {"value": {"type": "file_input", "files": [{
        "id": "F1", "name": "agenda.pdf", "size": 15,
        "url_private": f"http://127.0.0.1:{slack.api.port}/files/forged.pdf"}]}}
    await slack.submit(form, state)
    await saved_event(slack)
    assert [c["name"] for c in slack.api.called("download")] == ["agenda.pdf"]
    await deliver_all(slack.runtime)
    [message] = smtp_sink.messages
    assert [f.get_filename() for f in message.iter_attachments()] == ["agenda.pdf"]


async def test_a_file_bigger_than_it_said_is_cut_off_and_the_event_still_saved(slack,
                                                                              smtp_sink):
    slack.api.files["huge.bin"] = b"x" * (11 * 2**20)
    slack.api.file_ids["F9"] = "huge.bin"
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna@acme.example", "Anna", "Rossi")
    state = event_state()
    state["attachments"] = {"value": {"type": "file_input", "files": [
        {"id": "F9", "name": "huge.bin", "size": 10}]}}  # the form says 10 bytes
    await slack.submit(form, state)
    await saved_event(slack)
    dms = await slack.api.wait_for("chat.postMessage")
    assert dms[0]["text"] == ("The file *huge.bin* was not attached: attachments may be 10 MB "
                              "in all. Use Edit to attach a smaller one.")
    await deliver_all(slack.runtime)
    assert [m["To"].addresses[0].addr_spec for m in smtp_sink.messages] == ["anna@acme.example"]
    assert list(smtp_sink.messages[0].iter_attachments()) == []


async def test_a_guest_name_with_a_line_break_is_refused_in_the_guest_form(slack):
    form = await open_form(slack)
    await slack.click("invite_guest", "invite_guest", view=form)
    [pushed] = await slack.api.wait_for("views.push")
    for name in ("Anna\nRossi", "Anna\u2028Rossi", "An\x85na", "Anna\x00"):
        answer = await slack.submit({**pushed["view"], "id": "VG", "root_view_id": "VROOT"},
                                    guest_state("anna@acme.example", name, "Rossi"))
        assert answer.json() == {"response_action": "errors", "errors": {
            "first_name": "Line breaks and control characters are not allowed here."}}
    assert slack.api.called("views.update") == []


async def test_saving_the_same_form_twice_stores_one_event(slack):
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna@acme.example", "Anna", "Rossi")
    first = await slack.submit(form, event_state())
    second = await slack.submit(form, event_state())
    assert first.status_code == second.status_code == 200
    await saved_event(slack)
    await deliver_all(slack.runtime)
    events = await services.list_upcoming(slack.runtime.ctx, ME)
    assert len(events) == 1 and len(events[0].guests) == 1


async def test_a_hundred_guests_fit_in_the_form_and_the_card(slack):
    guests = [GuestDraft(f"guest{n}@client{n}.example", f"Guest{n}", "Client")
              for n in range(100)]
    event = await created(slack, guests=guests)
    [card] = slack.api.called("chat.postMessage")
    assert "Guest99" in json.dumps(card["blocks"])
    await open_edit(slack, event)  # the stand-in refuses a view over 100 blocks
    [opened] = slack.api.called("views.open")
    assert len(opened["view"]["blocks"]) <= 100
    assert "Guest99" in json.dumps(opened["view"]["blocks"])
    assert all(c.method != "views.open" or c.args for c in slack.api.calls)
    assert TEAM  # the stand-in's team, used by the drivers


__all__ = ["draft"]
