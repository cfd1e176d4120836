"""The whole story in Telegram, in Italian and in English: every question, the summary, the
card from the outbox, the guest's email, the answer message, and a wrong answer explained."""

import httpx
import pytest

from bot import services
from bot.app import create_app
from bot.domain.model import PersonRef, Platform
from tests.support.mailbox import answer_link, deliver_all, vevent
from tests.telegram.conftest import ORGANIZER_ID

ME = PersonRef(Platform.TELEGRAM, "telegram", str(ORGANIZER_ID))

WORDS = {
    "en": {
        "title": "Let's create an event.\n\nWhat is its title? (/cancel to stop)",
        "description": "A description for the guests? Type it, or Skip.",
        "date": "Which day? Pick one, or type it as 2026-03-03 or 3/3/2026.",
        "past": "The start is in the past.\n\n"
                "Which day? Pick one, or type it as 2026-03-03 or 3/3/2026.",
        "time": "At what time does it start? (e.g. 10:00, in UTC)",
        "duration": "How long is it?",
        "place": "Where? Type a place or a video link, or Skip.",
        "email": "The guest's email address?",
        "bad_email": "This is not a valid email address (for example anna.rossi@acme.example)."
                     "\n\nThe guest's email address?",
        "first": "Their first name?",
        "last": "Their last name?",
        "more": "Anna Rossi is on the list (1 guest). Another one?",
        "files": "Any files for the guests? Send them now, or Skip.",
        "language": "In which language should the guests' emails be?",
        "summary": "Quarterly review\n🗓 Tuesday 3 March 2026, 10:00–11:00 (UTC)\n"
                   "📍 Via Roma 1, Milano\n\nNumbers and plans\n\nGuests (1):\n"
                   "• Anna Rossi <anna.rossi@acme.example>\n\nEmails in: English",
        "saved": "Your event “Quarterly review” is saved; the invitation is on its way to "
                 "1 guest.",
        "card": "Quarterly review\n🗓 Tuesday 3 March 2026, 10:00–11:00 (UTC)\n"
                "📍 Via Roma 1, Milano\n\n⏳ awaiting — Anna Rossi (anna.rossi@acme.example)",
        "buttons": ["Edit", "Invite more", "Cancel event"],
        "subject": "Invitation: Quarterly review",
        "answered": "Anna Rossi (acme.example) accepted “Quarterly review” — Tue 3 Mar, 10:00. "
                    "1 of 1 has accepted.",
        "card_after": "✅ accepted — Anna Rossi (anna.rossi@acme.example)",
    },
    "it": {
        "title": "Creiamo un evento.\n\nQual è il titolo? (/cancel per fermarti)",
        "description": "Una descrizione per gli ospiti? Scrivila, oppure premi Salta.",
        "date": "Quale giorno? Scegline uno, oppure scrivilo come 2026-03-03 o 3/3/2026.",
        "past": "L'inizio è nel passato.\n\n"
                "Quale giorno? Scegline uno, oppure scrivilo come 2026-03-03 o 3/3/2026.",
        "time": "A che ora inizia? (per esempio 10:00, ora di UTC)",
        "duration": "Quanto dura?",
        "place": "Dove? Scrivi un luogo o un link di videochiamata, oppure premi Salta.",
        "email": "L'indirizzo email dell'ospite?",
        "bad_email": "Questo non è un indirizzo email valido (per esempio "
                     "anna.rossi@acme.example).\n\nL'indirizzo email dell'ospite?",
        "first": "Il suo nome?",
        "last": "Il suo cognome?",
        "more": "Anna Rossi è nella lista (1 ospite). Ne aggiungi un altro?",
        "files": "Qualche file per gli ospiti? Mandali ora, oppure premi Salta.",
        "language": "In che lingua scriviamo le email agli ospiti?",
        "summary": "Quarterly review\n🗓 martedì 3 marzo 2026, 10:00–11:00 (UTC)\n"
                   "📍 Via Roma 1, Milano\n\nNumbers and plans\n\nOspiti (1):\n"
                   "• Anna Rossi <anna.rossi@acme.example>\n\nLingua delle email: Italiano",
        "saved": "Il tuo evento “Quarterly review” è salvato; l'invito sta arrivando a "
                 "1 ospite.",
        "card": "Quarterly review\n🗓 martedì 3 marzo 2026, 10:00–11:00 (UTC)\n"
                "📍 Via Roma 1, Milano\n\n⏳ in attesa — Anna Rossi (anna.rossi@acme.example)",
        "buttons": ["Modifica", "Invita altri", "Annulla evento"],
        "subject": "Invito: Quarterly review",
        "answered": "Anna Rossi (acme.example) ha accettato “Quarterly review” — mar 3 mar, "
                    "10:00. 1 su 1 ha accettato.",
        "card_after": "✅ accettato — Anna Rossi (anna.rossi@acme.example)",
    },
}


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_the_whole_story_in_the_organizers_language(chat, smtp_sink, lang, clock):
    words, me = WORDS[lang], chat.person(ORGANIZER_ID, lang)
    assert await me.says("/event new") == [words["title"]]
    assert await me.says("Quarterly review") == [words["description"]]
    assert await me.says("Numbers and plans") == [words["date"]]
    assert await me.says("2026-02-27") == [words["past"]]  # the test clock says 1 March
    assert await me.presses("date:2026-03-03") == [words["time"]]
    assert await me.says("10:00") == [words["duration"]]
    assert await me.presses("min:60") == [words["place"]]
    assert await me.says("Via Roma 1, Milano") == [words["email"]]
    assert await me.says("not-an-email") == [words["bad_email"]]
    assert await me.says("anna.rossi@acme.example") == [words["first"]]
    assert await me.says("Anna") == [words["last"]]
    assert await me.says("Rossi") == [words["more"]]
    assert await me.presses("done") == [words["files"]]
    assert await me.presses("skip") == [words["language"]]
    assert await me.presses(f"lang:{lang}") == [words["summary"]]
    assert await me.presses("save") == [words["saved"]]
    assert chat.api.refused == []

    await deliver_all(chat.runtime)  # the card and the invitation leave through the outbox
    card = chat.api.called("sendMessage")[-1]
    assert card["text"] == words["card"]
    [buttons] = card["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in buttons] == words["buttons"]
    [invitation] = smtp_sink.messages
    assert invitation["Subject"].startswith(words["subject"])
    assert str(vevent(invitation)["DTSTART"].dt) == "2026-03-03 10:00:00+00:00"  # DEFAULT_TZ

    app = create_app(runtime=chat.runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://127.0.0.1:8000") as web:
        page = answer_link(invitation).replace("http://127.0.0.1:8000", "")
        assert (await web.post(page, data={"answer": "accepted"})).status_code == 200
    before = len(chat.api.said())
    clock.advance(seconds=3)  # card edits of one event are at least 3 s apart
    await deliver_all(chat.runtime)
    assert chat.api.said()[before:] == [words["answered"]]
    edited = chat.api.called("editMessageText")[-1]
    assert words["card_after"] in edited["text"]
    [event] = await services.list_upcoming(chat.runtime.ctx, ME)
    assert (int(edited["chat_id"]), int(edited["message_id"])) == (
        ORGANIZER_ID, event.card["message_id"])
