"""The whole story in Telegram, and the card: edit, invite more, cancel; 429 then success."""

from bot import services
from bot.app import create_app
from bot.domain.model import Answer, AnswerSource
from tests.support.mailbox import answer_link, deliver_all, vevent
from tests.support.telegram_api import button, message
from tests.telegram.conftest import ORGANIZER_ID

ME = ORGANIZER_ID


async def create(chat, guests=(("anna.rossi@acme.example", "Anna", "Rossi"),)) -> list[str]:
    await chat.send(message(ME, "/event new"))
    await chat.send(message(ME, "Quarterly review"))
    await chat.send(message(ME, "Numbers and plans"))
    await chat.send(button(ME, "date:2026-03-03"))
    await chat.send(message(ME, "10:00"))
    await chat.send(button(ME, "min:60"))
    await chat.send(message(ME, "Via Roma 1, Milano"))
    for n, (email, first, last) in enumerate(guests):
        if n:
            await chat.send(button(ME, "add"))
        await chat.send(message(ME, email))
        await chat.send(message(ME, first))
        await chat.send(message(ME, last))
    await chat.send(button(ME, "done"))
    await chat.send(button(ME, "skip"))
    await chat.send(button(ME, "lang:en"))
    return await chat.send(button(ME, "save"))


async def test_from_event_new_to_the_organizers_message(chat, smtp_sink, clock):
    said = await create(chat)
    assert said[0] == "Saved. Invitations are on their way to 1 guests."
    assert said[1].startswith("📅 Quarterly review") and "⏳ Anna Rossi" in said[1]
    card = chat.api.called("sendMessage")[-1]
    assert "card:edit:" in str(card["reply_markup"])

    await deliver_all(chat.runtime)
    [invitation] = smtp_sink.messages
    assert invitation["To"].addresses[0].addr_spec == "anna.rossi@acme.example"
    assert str(vevent(invitation)["DTSTART"].dt) == "2026-03-03 10:00:00+00:00"  # DEFAULT_TZ

    import httpx

    app = create_app(runtime=chat.runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://127.0.0.1:8000") as web:
        page = answer_link(invitation).replace("http://127.0.0.1:8000", "")
        assert (await web.post(page, data={"answer": "accepted"})).status_code == 200

    sent_before = len(chat.api.called("sendMessage"))
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(chat.runtime)
    told = chat.api.said()[sent_before:]
    assert told == ["Anna Rossi (acme.example) accepted “Quarterly review” — Tue 3 Mar, 10:00. "
                    "1 of 1 have accepted."]
    edited = chat.api.called("editMessageText")
    assert edited and "✅ Anna Rossi" in edited[-1]["text"]
    [event] = await services.list_upcoming(chat.runtime.ctx, _me())
    assert int(edited[-1]["message_id"]) == event.card["message_id"]
    assert int(edited[-1]["chat_id"]) == ME


async def test_edit_from_the_card_sends_updates(chat, smtp_sink):
    await create(chat)
    event = (await services.list_upcoming(chat.runtime.ctx, _me()))[0]
    await deliver_all(chat.runtime)
    smtp_sink.received.clear()
    summary = (await chat.send(button(ME, f"card:edit:{event.id}")))[-1]
    assert summary.startswith("Quarterly review")
    await chat.send(button(ME, "edit"))
    await chat.send(button(ME, "step:time"))
    await chat.send(message(ME, "14:00"))
    said = await chat.send(button(ME, "save"))
    assert said == ["Saved. Guests are told about what concerns them."]
    await deliver_all(chat.runtime)
    [update] = smtp_sink.messages
    assert update["Subject"].startswith("Updated invitation: Quarterly review")
    assert vevent(update)["SEQUENCE"] == 1


async def test_invite_more_from_the_card(chat, smtp_sink):
    await create(chat)
    event = (await services.list_upcoming(chat.runtime.ctx, _me()))[0]
    await deliver_all(chat.runtime)
    smtp_sink.received.clear()
    assert "email" in (await chat.send(button(ME, f"card:more:{event.id}")))[-1]
    await chat.send(message(ME, "bob@partner.example"))
    await chat.send(message(ME, "Bob"))
    await chat.send(message(ME, "Stone"))
    await chat.send(button(ME, "save"))
    await deliver_all(chat.runtime)
    [invite] = smtp_sink.messages
    assert invite["To"].addresses[0].addr_spec == "bob@partner.example"
    assert invite["Subject"].startswith("Invitation:")


async def test_cancel_from_the_card_after_confirming(chat, smtp_sink, clock):
    await create(chat)
    event = (await services.list_upcoming(chat.runtime.ctx, _me()))[0]
    await deliver_all(chat.runtime)
    smtp_sink.received.clear()
    asked = await chat.send(button(ME, f"card:cancel:{event.id}"))
    assert asked[-1].startswith("Cancel “Quarterly review”?")
    done = await chat.send(button(ME, f"card:cancel_yes:{event.id}"))
    assert done == ["“Quarterly review” is cancelled; every guest gets a cancellation."]
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(chat.runtime)
    [cancel] = smtp_sink.messages
    assert cancel["Subject"].startswith("Cancelled: Quarterly review")
    assert "(cancelled)" in chat.api.called("editMessageText")[-1]["text"]


async def test_telegram_429_then_success_delivers_once(chat, clock):
    await create(chat)
    event = (await services.list_upcoming(chat.runtime.ctx, _me()))[0]
    await deliver_all(chat.runtime)
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


async def test_events_lists_upcoming_events(chat):
    await create(chat)
    said = await chat.send(message(ME, "/events"))
    assert said == ["• Quarterly review — Tue 3 Mar, 10:00: 0 accepted, 0 declined, 1 invited"]
    assert (await chat.send(message(ME, "/event list"))) == said
    assert (await chat.send(message(ME, "/help")))[0].startswith("I invite people")


def _me():
    from bot.domain.model import PersonRef, Platform

    return PersonRef(Platform.TELEGRAM, "telegram", str(ME))


async def test_files_sent_in_the_chat_go_with_the_invitation(chat, smtp_sink):
    from tests.support.telegram_api import document

    chat.api.files["F1"] = b"%PDF-1.4 agenda"
    await chat.send(message(ME, "/newevent"))
    for step in ("Quarterly review", "Numbers"):
        await chat.send(message(ME, step))
    await chat.send(button(ME, "date:2026-03-03"))
    await chat.send(message(ME, "10:00"))
    await chat.send(button(ME, "min:30"))
    await chat.send(button(ME, "skip"))
    for step in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await chat.send(message(ME, step))
    await chat.send(button(ME, "done"))
    await chat.send(document(ME, "F1", "agenda.pdf", 15))
    await chat.send(button(ME, "done"))
    await chat.send(button(ME, "lang:it"))
    await chat.send(button(ME, "save"))
    await deliver_all(chat.runtime)
    [invitation] = smtp_sink.messages
    assert invitation["Subject"].startswith("Invito: Quarterly review")
    [file] = list(invitation.iter_attachments())
    assert (file.get_filename(), file.get_content()) == ("agenda.pdf", b"%PDF-1.4 agenda")
