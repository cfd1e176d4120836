"""The whole story in Slack: /event new → form → guest → save → card → email → answer → DM."""

import pytest

from bot.app import create_worker
from tests.slack.conftest import event_state, guest_state
from tests.support.mailbox import answer_link, deliver_all, vevent


async def open_form(slack) -> dict:
    await slack.command("new")
    [opened] = await slack.api.wait_for("views.open")
    return {**opened["view"], "id": "VROOT", "hash": "h1"}


async def add_guest(slack, form: dict, email: str, first: str, last: str, n: int = 1) -> dict:
    await slack.click("invite_guest", "invite_guest", view=form)
    pushed = (await slack.api.wait_for("views.push", n))[-1]["view"]
    answer = await slack.submit({**pushed, "id": f"VGUEST{n}", "root_view_id": "VROOT"},
                                guest_state(email, first, last))
    assert answer.status_code == 200 and not answer.content
    updated = (await slack.api.wait_for("views.update", n))[-1]
    assert updated["view_id"] == "VROOT"
    return {**updated["view"], "id": "VROOT", "hash": f"h{n + 1}"}


async def saved_event(slack) -> None:
    """Saving happens after Slack was answered: wait until the event is stored."""
    from bot import services
    from tests.slack.test_card import ME
    from tests.support.procfile import eventually

    await eventually(lambda: services.list_upcoming(slack.runtime.ctx, ME), timeout=10,
                     what="the event to be saved")


async def test_from_event_new_to_the_organizers_direct_message(slack, smtp_sink, clock):
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna.rossi@acme.example", "Anna", "Rossi")
    assert "Anna Rossi" in str(form["blocks"])
    saved = await slack.submit(form, event_state())
    assert saved.status_code == 200 and not saved.content  # the modal closes
    await saved_event(slack)
    await deliver_all(slack.runtime)  # the card and the invitation leave through the outbox
    [posted] = slack.api.called("chat.postMessage")
    assert "Anna Rossi" in str(posted["blocks"]) and "awaiting" in str(posted["blocks"])
    [message] = smtp_sink.messages
    assert message["To"].addresses[0].addr_spec == "anna.rossi@acme.example"
    assert str(vevent(message)["SUMMARY"]) == "Quarterly review"

    page = answer_link(message).replace("http://127.0.0.1:8000", "")
    answered = await slack.client.post(page, data={"answer": "accepted"})
    assert answered.status_code == 200 and "accepted" in answered.text.lower()

    posts_before = len(slack.api.called("chat.postMessage"))
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    worker = create_worker(slack.runtime)
    while await worker.run_once():
        pass
    dms = slack.api.called("chat.postMessage")[posts_before:]
    assert [d["text"] for d in dms] == [
        "Anna Rossi (acme.example) accepted *Quarterly review* — Tue 3 Mar, 10:00. "
        "1 of 1 has accepted."]
    updates = slack.api.called("chat.update")
    assert updates and "accepted" in str(updates[-1]["blocks"])
    assert updates[-1]["channel"] == "DUORG"


async def test_save_shows_each_problem_next_to_its_field_and_stores_nothing(slack, smtp_sink):
    form = await open_form(slack)
    answer = await slack.submit(form, event_state(title=" ", start="11:00", end="10:00",
                                                  tz="Mars/Base"))
    assert answer.json() == {"response_action": "errors", "errors": {
        "title": "Please fill this in.", "timezone": "Unknown time zone. Use a name such as "
                                                     "Europe/Rome."}}
    answer = await slack.submit(form, event_state(start="11:00", end="10:00"))
    assert answer.json()["errors"] == {"end_time": "The end must be after the start."}
    answer = await slack.submit(form, event_state(day="2026-02-01"))
    assert answer.json()["errors"] == {"date": "The start is in the past."}
    assert slack.api.called("chat.postMessage") == []
    await deliver_all(slack.runtime)
    assert smtp_sink.messages == []


async def test_the_guest_form_refuses_bad_and_repeated_addresses(slack):
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna@acme.example", "Anna", "Rossi")
    await slack.click("invite_guest", "invite_guest", view=form)
    pushed = (await slack.api.wait_for("views.push", 2))[-1]["view"]
    bad = await slack.submit({**pushed, "id": "VG", "root_view_id": "VROOT"},
                             guest_state("not-an-email", "", "Rossi"))
    errors = bad.json()["errors"]
    assert errors["email"].startswith("This is not a valid email address")
    assert errors["first_name"] == "Please fill this in."
    again = await slack.submit({**pushed, "id": "VG", "root_view_id": "VROOT"},
                               guest_state("ANNA@acme.example", "Anna", "R"))
    assert again.json()["errors"] == {"email": "This guest is already invited."}


async def test_a_guest_can_be_removed_before_saving(slack):
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna@acme.example", "Anna", "Rossi", 1)
    form = await add_guest(slack, form, "bob@partner.example", "Bob", "Stone", 2)
    await slack.click("remove_guest", "0", view=form)
    updated = (await slack.api.wait_for("views.update", 3))[-1]["view"]
    shown = str(updated["blocks"])
    assert "Bob Stone" in shown and "Anna Rossi" not in shown


async def test_attachments_are_downloaded_with_the_bot_token_and_sent(slack, smtp_sink):
    slack.api.files["agenda.pdf"] = b"%PDF-1.4 the agenda"
    slack.api.file_ids["F1"] = "agenda.pdf"
    form = await open_form(slack)
    form = await add_guest(slack, form, "anna.rossi@acme.example", "Anna", "Rossi")
    state = event_state()
    state["attachments"] = {"value": {"type": "file_input", "files": [{
        "id": "F1", "name": "agenda.pdf", "mimetype": "application/pdf", "size": 19,
        "url_private": f"http://127.0.0.1:{slack.api.port}/files/agenda.pdf"}]}}
    await slack.submit(form, state)
    await saved_event(slack)
    await deliver_all(slack.runtime)
    [message] = smtp_sink.messages
    [file] = list(message.iter_attachments())
    assert (file.get_filename(), file.get_content()) == ("agenda.pdf", b"%PDF-1.4 the agenda")


async def test_too_many_attachments_are_refused_next_to_the_field(slack):
    form = await open_form(slack)
    state = event_state()
    state["attachments"] = {"value": {"type": "file_input", "files": [
        {"id": f"F{i}", "name": f"{i}.pdf", "size": 2 * 2**20, "url_private": "x"}
        for i in range(6)]}}
    answer = await slack.submit(form, state)
    assert answer.json()["errors"] == {"attachments": "Attachments may be 10 MB in all."}


WORDS = {
    "en-US": {"title": "Title", "save": "Save", "header": "External guests (1)",
              "error": "The end must be after the start.", "awaiting": "⏳ awaiting",
              "answer": "Anna Rossi (acme.example) accepted *Quarterly review* — Tue 3 Mar, "
                        "10:00. 1 of 1 has accepted.",
              "invite": "Invite guest", "guest_error": "This guest is already invited."},
    "it-IT": {"title": "Titolo", "save": "Salva", "header": "Ospiti esterni (1)",
              "error": "La fine deve venire dopo l'inizio.", "awaiting": "⏳ in attesa",
              "answer": "Anna Rossi (acme.example) ha accettato *Quarterly review* — mar 3 "
                        "mar, 10:00. 1 su 1 ha accettato.",
              "invite": "Invita ospite", "guest_error": "Questo ospite è già invitato."},
}


@pytest.mark.parametrize("slack_locale", sorted(WORDS))
async def test_the_whole_story_speaks_the_organizers_language(slack, smtp_sink, slack_locale):
    said = WORDS[slack_locale]
    slack.api.users["UORG"]["locale"] = slack_locale
    form = await open_form(slack)
    assert form["blocks"][0]["label"]["text"] == said["title"]
    assert form["submit"]["text"] == said["save"]
    form = await add_guest(slack, form, "anna.rossi@acme.example", "Anna", "Rossi")
    assert said["header"] in str(form["blocks"]) and said["invite"] in str(form["blocks"])
    await slack.click("invite_guest", "invite_guest", view=form)
    pushed = (await slack.api.wait_for("views.push", 2))[-1]["view"]
    again = await slack.submit({**pushed, "id": "VG2", "root_view_id": "VROOT"},
                               guest_state("anna.rossi@acme.example", "Anna", "Rossi"))
    assert again.json()["errors"] == {"email": said["guest_error"]}
    wrong = await slack.submit(form, event_state(start="11:00", end="10:00"))
    assert wrong.json()["errors"] == {"end_time": said["error"]}
    await slack.submit(form, event_state())
    await saved_event(slack)
    await deliver_all(slack.runtime)
    [card] = slack.api.called("chat.postMessage")
    assert said["awaiting"] in str(card["blocks"])
    [message] = smtp_sink.messages
    page = answer_link(message).replace("http://127.0.0.1:8000", "")
    await slack.client.post(page, data={"answer": "accepted"})
    await deliver_all(slack.runtime)
    dms = [c["text"] for c in slack.api.called("chat.postMessage")]
    assert said["answer"] in dms
