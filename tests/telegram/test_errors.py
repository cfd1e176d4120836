"""One error path: an unexpected failure is one apology in the person's language and one log
record with the stack; a refusal is its words; either way the draft is as it was. Save is
safe to press twice."""

import logging

from bot import services
from bot.domain.model import PersonRef, Platform
from tests.support.mailbox import deliver_all
from tests.telegram.conftest import ORGANIZER_ID

ME = PersonRef(Platform.TELEGRAM, "telegram", str(ORGANIZER_ID))
SORRY = {"en": "Sorry, something went wrong on our side. Please try again in a moment.",
         "it": "Scusa, qualcosa è andato storto da parte nostra. Riprova tra poco."}


async def up_to_the_summary(me) -> str:
    for say in ("/event new", "Quarterly review", "Numbers and plans", "3/3/2026", "10:00"):
        await me.says(say)
    await me.presses("min:60")
    await me.presses("skip")
    for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    await me.presses("done")
    await me.presses("skip")
    return (await me.presses("lang:en"))[-1]


async def test_an_unexpected_failure_is_one_apology_then_the_question_again(chat, caplog):
    me = chat.person(ORGANIZER_ID, "it")
    await me.says("/event new")
    chat.api.fail_once.add("sendMessage")  # Telegram has a bad moment
    with caplog.at_level(logging.INFO):
        said = await me.says("Quarterly review")
    assert said == [SORRY["it"], "Qual è il titolo? (/cancel per fermarti)"]
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.name == "ospite.telegram" and logged.exc_info is not None
    assert "NetworkError" in logged.getMessage()
    assert "Quarterly review" not in caplog.text  # what people type stays out of the log
    assert await me.says("Quarterly review") == [
        "Una descrizione per gli ospiti? Scrivila, oppure premi Salta."]


async def test_a_refusal_is_said_in_its_words_and_the_draft_waits(chat, caplog, smtp_sink):
    me = chat.person()
    await up_to_the_summary(me)
    await me.presses("save")
    [event] = await services.list_upcoming(chat.runtime.ctx, ME)
    summary = (await me.presses(f"card:edit:{event.id}"))[-1]
    await services.cancel_event(chat.runtime.ctx, ME, event.id)  # meanwhile, elsewhere
    with caplog.at_level(logging.INFO):
        assert await me.presses("save") == ["This event was cancelled.", summary]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await me.presses("cancel") == ["Stopped; nothing was saved."]


async def test_save_pressed_twice_creates_one_event(chat, smtp_sink):
    me = chat.person()
    await up_to_the_summary(me)
    assert len(await me.presses("save")) == 1
    assert await me.presses("save") == []
    assert chat.api.answers()[-1] == "This button is no longer valid."
    assert len(await services.list_upcoming(chat.runtime.ctx, ME)) == 1
    await deliver_all(chat.runtime)
    assert len(smtp_sink.messages) == 1


async def test_save_pressed_again_after_a_lost_reply_still_creates_one_event(chat, smtp_sink):
    me = chat.person()
    summary = await up_to_the_summary(me)
    chat.api.fail_once.add("sendMessage")  # the event is stored, but "saved" never arrives
    assert await me.presses("save") == [SORRY["en"], summary]
    assert await me.presses("save") == [
        "Your event “Quarterly review” is saved; the invitation is on its way to 1 guest."]
    assert len(await services.list_upcoming(chat.runtime.ctx, ME)) == 1
    await deliver_all(chat.runtime)
    assert [m["To"].addresses[0].addr_spec for m in smtp_sink.messages] == [
        "anna.rossi@acme.example"]
