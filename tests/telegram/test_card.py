"""From the card: edit, invite more, cancel (asked first); /events; files; 429 then success."""

from bot import services
from bot.domain.model import Answer, AnswerSource, PersonRef, Platform
from tests.support.mailbox import deliver_all, vevent
from tests.telegram.conftest import ORGANIZER_ID

ME = PersonRef(Platform.TELEGRAM, "telegram", str(ORGANIZER_ID))


async def create(chat, lang: str = "en"):
    """Quarterly review, 3 March 2026 10:00 for an hour, with Anna Rossi; card delivered."""
    me = chat.person(ORGANIZER_ID, lang)
    for say in ("/event new", "Quarterly review", "Numbers and plans", "3/3/2026", "10:00"):
        await me.says(say)
    await me.presses("min:60")
    for say in ("Via Roma 1, Milano", "anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    for press in ("done", "skip", "lang:en", "save"):
        await me.presses(press)
    await deliver_all(chat.runtime)
    [event] = await services.list_upcoming(chat.runtime.ctx, ME)
    return event


async def test_edit_from_the_card_sends_updates(chat, smtp_sink, clock):
    event = await create(chat)
    smtp_sink.received.clear()
    me = chat.person()
    summary = await me.presses(f"card:edit:{event.id}")
    assert summary[-1].startswith("Quarterly review\n🗓 Tuesday 3 March 2026, 10:00–11:00")
    await me.presses("edit")
    await me.presses("step:time")
    assert (await me.says("14:00"))[-1].startswith(
        "Quarterly review\n🗓 Tuesday 3 March 2026, 14:00–15:00")
    assert await me.presses("save") == [
        "Your changes to “Quarterly review” are saved. 1 guest gets an update."]
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(chat.runtime)
    [update] = smtp_sink.messages
    assert update["Subject"].startswith("Updated invitation: Quarterly review")
    assert vevent(update)["SEQUENCE"] == 1
    assert "14:00–15:00" in chat.api.called("editMessageText")[-1]["text"]


async def test_invite_more_from_the_card(chat, smtp_sink):
    event = await create(chat)
    smtp_sink.received.clear()
    me = chat.person()
    assert await me.presses(f"card:more:{event.id}") == ["The guest's email address?"]
    await me.says("bob@partner.example")
    await me.says("Bob")
    summary = await me.says("Stone")
    assert "Guests (2):" in summary[-1] and "• Bob Stone <bob@partner.example>" in summary[-1]
    await me.presses("save")
    await deliver_all(chat.runtime)
    [invite] = smtp_sink.messages
    assert invite["To"].addresses[0].addr_spec == "bob@partner.example"
    assert invite["Subject"].startswith("Invitation:")


async def test_cancel_from_the_card_asks_first(chat, smtp_sink, clock):
    event = await create(chat)
    smtp_sink.received.clear()
    me = chat.person()
    assert await me.presses(f"card:cancel:{event.id}") == [
        "Quarterly review\nCancel this event? Every guest gets a cancellation by email."]
    [asked] = chat.api.called("sendMessage")[-1]["reply_markup"]["inline_keyboard"]
    assert [(b["text"], b["callback_data"]) for b in asked] == [
        ("Cancel event", f"card:cancel_yes:{event.id}"), ("Keep it", "card:keep")]
    assert await me.presses("card:keep") == []
    assert chat.api.answers()[-1] == "Nothing changed."
    assert await me.presses(f"card:cancel_yes:{event.id}") == [
        "The event “Quarterly review” is cancelled; every guest gets a cancellation."]
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(chat.runtime)
    [cancel] = smtp_sink.messages
    assert cancel["Subject"].startswith("Cancelled: Quarterly review")
    card = chat.api.called("editMessageText")[-1]
    assert card["text"].startswith("“Quarterly review” (cancelled)")
    assert not card.get("reply_markup")  # a cancelled event has no buttons
    assert await me.presses(f"card:edit:{event.id}") == ["This event was cancelled."]


async def test_telegram_429_then_success_delivers_once(chat, clock):
    event = await create(chat)
    await services.respond_to_invitation(chat.runtime.ctx, event.guests[0].id,
                                         Answer.DECLINED, AnswerSource.WEB)
    chat.api.rate_limit.add("sendMessage")
    before = len(chat.api.said())
    await deliver_all(chat.runtime)
    assert chat.api.said()[before:] == []
    clock.advance(seconds=2)
    await deliver_all(chat.runtime)
    told = chat.api.said()[before:]
    assert len(told) == 1 and "declined" in told[0]


async def test_events_lists_upcoming_events_and_help_lists_commands(chat):
    await create(chat)
    me, it = chat.person(), chat.person(ORGANIZER_ID, "it-IT")
    said = await me.says("/events")
    assert said == ["• “Quarterly review” — Tue 3 Mar, 10:00: 0 accepted, 0 declined, "
                    "1 invited"]
    assert await me.says("/event list") == said
    assert await it.says("/events") == ["• “Quarterly review” — mar 3 mar, 10:00: "
                                        "accettati 0, rifiutati 0, invitati 1"]
    [help_text] = await me.says("/help")
    assert help_text.startswith("Ospite invites people from outside the company")
    assert "/setupmail — the mailbox invitations are sent from (admins)" in help_text
    assert (await it.says("/help"))[0].startswith(
        "Ospite invita persone esterne all'azienda alle tue riunioni")


async def test_files_sent_in_the_chat_go_with_the_invitation(chat, smtp_sink):
    chat.api.files["F1"] = b"%PDF-1.4 agenda"
    me = chat.person()
    for say in ("/newevent", "Quarterly review", "Numbers", "3/3/2026", "10:00"):
        await me.says(say)
    await me.presses("min:30")
    await me.presses("skip")
    for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    await me.presses("done")
    assert await me.sends_file("F1", "agenda.pdf", 15) == ["Got agenda.pdf. Send more, or Done."]
    await me.sends_file("F2", "gone.pdf", 20)  # Telegram no longer has this one
    await me.presses("done")
    assert "📎 agenda.pdf\n📎 gone.pdf" in (await me.presses("lang:it"))[-1]
    said = await me.presses("save")
    assert said[-1] == ("The file “gone.pdf” could not be fetched, so it was not attached. "
                        "Use Edit to attach it again.")
    await deliver_all(chat.runtime)
    [invitation] = smtp_sink.messages
    assert invitation["Subject"].startswith("Invito: Quarterly review")
    [file] = list(invitation.iter_attachments())
    assert (file.get_filename(), file.get_content()) == ("agenda.pdf", b"%PDF-1.4 agenda")
