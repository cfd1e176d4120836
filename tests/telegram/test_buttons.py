"""Buttons are only as good as who presses them: someone else's card, a colleague's answer,
and forged or stale callback data, which get a friendly answer and change nothing."""

import logging

import pytest

from bot import services
from bot.domain.model import EventStatus, PersonRef, Platform
from tests.support.drafts import draft
from tests.support.mailbox import deliver_all
from tests.telegram.conftest import COLLEAGUE_ID, ORGANIZER_ID, STRANGER_ID

ORGANIZER = PersonRef(Platform.TELEGRAM, "telegram", str(ORGANIZER_ID), "Marta Bianchi",
                      None, "en")
LUCA = PersonRef(Platform.TELEGRAM, "telegram", str(COLLEAGUE_ID), "Luca Verdi", None, "it")
CARD_BUTTONS = ("card:edit:{id}", "card:more:{id}", "card:cancel:{id}")


async def created(chat, **changes):
    event = await services.create_event(chat.runtime.ctx, ORGANIZER, draft(**changes))
    await deliver_all(chat.runtime)
    return event


async def test_a_stranger_pressing_the_card_is_refused_and_sees_nothing(chat, smtp_sink):
    event = await created(chat)
    smtp_sink.received.clear()
    stranger = chat.person(STRANGER_ID)
    for data in (*CARD_BUTTONS, "card:cancel_yes:{id}"):
        assert await stranger.presses(data.format(id=event.id)) == [
            "Sorry, I only work for the people of this company. If you are one of them, ask "
            "an admin to add you."]
    await deliver_all(chat.runtime)
    assert smtp_sink.messages == []
    assert (await services.get_event(chat.runtime.ctx, event.id)).status is EventStatus.SCHEDULED


async def test_a_colleague_pressing_someone_elses_card_learns_nothing_of_the_event(chat,
                                                                                  smtp_sink):
    event = await created(chat)
    smtp_sink.received.clear()
    said_before, answered_before = len(chat.api.said()), len(chat.api.answers())
    luca = chat.person(COLLEAGUE_ID, "it")
    for data in CARD_BUTTONS:
        assert await luca.presses(data.format(id=event.id)) == [
            "Questo evento non esiste più, oppure non è tuo."]
    assert await luca.presses(f"card:cancel_yes:{event.id}") == [
        "Solo chi organizza può modificare questo evento."]
    everything = " ".join([*chat.api.said()[said_before:],
                           *chat.api.answers()[answered_before:]])
    assert "Quarterly review" not in everything and "Anna" not in everything
    await deliver_all(chat.runtime)
    assert smtp_sink.messages == []
    assert (await services.get_event(chat.runtime.ctx, event.id)).status is EventStatus.SCHEDULED
    assert await luca.says("/events") == [
        "Non hai eventi in programma. Creane uno con /event new."]


async def test_an_invited_colleague_answers_with_the_buttons_and_nobody_else_can(chat):
    event = await created(chat, colleagues=[LUCA])
    [invited] = [m for m in chat.api.called("sendMessage") if int(m["chat_id"]) == COLLEAGUE_ID]
    assert invited["text"] == ("Marta Bianchi ti invita a “Quarterly review” — mar 3 mar, "
                               "10:00, Via Roma 1, Milano.")
    [[accept, decline]] = invited["reply_markup"]["inline_keyboard"]
    assert (accept["text"], decline["text"]) == ("Accetta", "Rifiuta")
    assert await chat.person(ORGANIZER_ID).presses(accept["callback_data"]) == [
        "This event no longer exists, or it is not yours."]
    assert await chat.person(COLLEAGUE_ID, "it").presses(accept["callback_data"]) == [
        "Hai risposto: ✅ accettato."]
    before = len(chat.api.said())
    await deliver_all(chat.runtime)
    assert chat.api.said()[before] == ("Luca Verdi accepted “Quarterly review” — Tue 3 Mar, "
                                       "10:00. 1 of 3 has accepted.")
    stored = await services.get_event(chat.runtime.ctx, event.id)
    assert [a.answer.value for a in stored.colleagues] == ["accepted"]


async def start_typing(me) -> None:
    for say in ("/event new", "Quarterly review", "Numbers and plans", "3/3/2026", "10:00"):
        await me.says(say)


@pytest.mark.parametrize(("step", "forged", "said"), [
    ("duration", "min:abc", "How long is it?"),
    ("duration", "min:99999999", "How long is it?"),
    ("duration", "lang:xx", "How long is it?"),
    ("duration", "card:edit:abc", "How long is it?"),
    ("duration", "colleague:accept:1e3", "How long is it?"),
    ("duration", "date:2026-03-03", "How long is it?"),
    ("step", "step:zzz", "Which part do you want to change?"),
])
async def test_a_forged_button_is_answered_and_the_question_asked_again(chat, caplog, step,
                                                                         forged, said):
    me = chat.person()
    await start_typing(me)
    if step == "step":
        for press in ("min:60", "skip"):
            await me.presses(press)
        for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
            await me.says(say)
        for press in ("done", "skip", "lang:en", "edit"):
            await me.presses(press)
    with caplog.at_level(logging.WARNING):
        assert await me.presses(forged) == [said]
    assert chat.api.answers()[-1] == "This button is no longer valid."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    if step == "duration":  # the draft is as it was: the next answer carries on
        assert (await me.presses("min:30"))[-1].startswith("Where?")


async def test_forged_data_a_step_accepts_is_checked_by_its_rule(chat):
    me = chat.person()
    await start_typing(me)
    for press in ("min:60", "skip"):
        await me.presses(press)
    for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    await me.presses("done")
    await me.presses("skip")
    assert await me.presses("lang:xx") == [
        "Choose English or Italian.\n\nIn which language should the guests' emails be?"]
    assert await me.presses("card:edit:999999") == [
        "This event no longer exists, or it is not yours.",
        "In which language should the guests' emails be?"]
    assert chat.api.answers()[-1] == "This event no longer exists, or it is not yours."
    assert await me.presses("card:edit:99999999999") == [
        "This event no longer exists, or it is not yours.",
        "In which language should the guests' emails be?"]
    summary = (await me.presses("lang:it"))[-1]
    assert summary.startswith("Quarterly review\n🗓 Tuesday 3 March 2026, 10:00–11:00")
    assert summary.endswith("• Anna Rossi <anna.rossi@acme.example>\n\nEmails in: Italiano")
    assert chat.api.refused == []


async def test_a_stale_button_outside_any_conversation_is_answered(chat):
    assert await chat.person(ORGANIZER_ID, "it").presses("save") == []
    assert chat.api.answers() == ["Questo pulsante non è più valido."]
