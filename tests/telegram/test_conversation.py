"""/event new, one question at a time; each answer is checked by its field's rule where it is
typed, the problem explained in the organizer's language and the question asked again."""

from bot import services
from bot.domain.model import PersonRef, Platform
from tests.support.mailbox import deliver_all
from tests.telegram.conftest import ORGANIZER_ID, STRANGER_ID, Chat, telegram_runtime

ME = ORGANIZER_ID


async def answer_up_to_guests(me) -> None:
    assert (await me.says("/event new"))[-1].startswith("Let's create an event")
    assert "description" in (await me.says("Quarterly review"))[-1]
    assert "Which day" in (await me.presses("skip"))[-1]
    assert "what time" in (await me.says("3/3/2026"))[-1]
    assert "How long" in (await me.says("10:00"))[-1]
    assert "Where" in (await me.presses("min:60"))[-1]
    assert "email" in (await me.says("Via Roma 1, Milano"))[-1]


async def test_a_stranger_is_refused_in_their_language_and_nothing_is_stored(chat):
    said = await chat.person(STRANGER_ID).says("/event new")
    assert said == ["Sorry, I only work for the people of this company. If you are one of "
                    "them, ask an admin to add you."]
    assert await chat.person(STRANGER_ID, "it").says("/events") == [
        "Mi dispiace, lavoro solo per le persone di questa azienda. Se sei una di loro, "
        "chiedi a un amministratore di aggiungerti."]
    events = await services.list_upcoming(chat.runtime.ctx, PersonRef(
        Platform.TELEGRAM, "telegram", str(STRANGER_ID)))
    assert events == []


async def test_members_of_the_company_chat_may_use_it(settings, clock, bot_api, smtp_sink,
                                                      runtime):
    bot_api.members[777] = "member"
    async with Chat(telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                                     TELEGRAM_COMPANY_CHAT="-100123"), bot_api) as chat:
        said = await chat.person(777).says("/newevent")
        assert said[-1].startswith("Let's create an event")
        assert bot_api.called("getChatMember")[0]["chat_id"] == "-100123"
        assert (await chat.person(778).says("/newevent"))[-1].startswith("Sorry")


async def test_wrong_answers_are_explained_and_asked_again(chat):
    me = chat.person()
    await me.says("/event new")
    assert await me.says("x" * 300) == [
        "Please use at most 255 characters.\n\nWhat is its title? (/cancel to stop)"]
    await me.says("Review")
    await me.presses("skip")
    assert (await me.says("31/02/2026"))[-1].startswith("I can't read that date")
    assert (await me.says("2026-02-01"))[-1].startswith("The start is in the past.\n\nWhich day")
    await me.says("2026-03-01")  # today (the test clock says 09:00 UTC)
    assert (await me.says("8:30"))[-1].startswith("The start is in the past.\n\nAt what time")
    assert (await me.says("25:00"))[-1].startswith("I can't read that time")
    await me.says("15:00")
    assert "How many minutes" in (await me.presses("min:other"))[-1]
    assert (await me.says("forever"))[-1].startswith("Type the length")
    await me.says("1:15")
    assert await me.says("x" * 1025) == [
        "Please use at most 1,024 characters.\n\n"
        "Where? Type a place or a video link, or Skip."]
    await me.presses("skip")
    said = await me.says("not-an-email")
    assert said[-1].startswith("This is not a valid email address")


async def test_a_guest_name_with_a_line_break_is_refused_at_its_step(chat):
    me = chat.person(ME, "it")
    await answer_up_to_guests(chat.person())
    await me.says("anna.rossi@acme.example")
    assert await me.says("Anna\nMaria") == [
        "Qui non sono ammessi a capo né caratteri di controllo.\n\nIl suo nome?"]
    assert await me.says("Anna") == ["Il suo cognome?"]
    assert await me.says("Rossi\u2028Bianchi") == [
        "Qui non sono ammessi a capo né caratteri di controllo.\n\nIl suo cognome?"]
    assert (await me.says("Rossi"))[-1].startswith("Anna Rossi è nella lista (1 ospite).")
    await me.presses("add")
    assert await me.says("ANNA.ROSSI@acme.example") == [
        "Questo ospite è già invitato.\n\nL'indirizzo email dell'ospite?"]


async def test_cancel_leaves_at_any_step_and_saves_nothing(chat, smtp_sink):
    me = chat.person()
    await answer_up_to_guests(me)
    assert await me.says("/cancel") == ["Stopped; nothing was saved."]
    assert (await me.says("anna@acme.example")) == []  # no longer asked
    await deliver_all(chat.runtime)
    assert smtp_sink.messages == []


async def test_the_summary_lets_you_edit_a_step(chat):
    me = chat.person()
    await answer_up_to_guests(me)
    for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    await me.presses("done")
    await me.presses("skip")
    summary = (await me.presses("lang:en"))[-1]
    assert "Quarterly review" in summary and "Anna Rossi <anna.rossi@acme.example>" in summary
    assert "Which part" in (await me.presses("edit"))[-1]
    await me.presses("step:title")
    summary = (await me.says("Q1 review"))[-1]
    assert summary.startswith("Q1 review")


async def test_files_are_collected_and_limited(chat):
    me = chat.person()
    await answer_up_to_guests(me)
    for say in ("anna.rossi@acme.example", "Anna", "Rossi"):
        await me.says(say)
    await me.presses("done")
    assert await me.sends_file("F1", "agenda.pdf", 1000) == ["Got agenda.pdf. Send more, or Done."]
    said = await me.sends_file("F2", "huge.bin", 11 * 2**20)
    assert said == ["Attachments may be 10 MB in all.\n\n"
                    "Any files for the guests? Send them now, or Skip."]
    await me.presses("done")
    summary = (await me.presses("lang:en"))[-1]
    assert "📎 agenda.pdf" in summary and "huge.bin" not in summary
