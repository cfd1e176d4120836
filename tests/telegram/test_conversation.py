"""/event new, one question at a time; wrong answers are explained and asked again."""

from tests.support.telegram_api import button, document, message
from tests.telegram.conftest import ORGANIZER_ID, STRANGER_ID

ME = ORGANIZER_ID


async def answer_up_to_guests(chat) -> None:
    assert (await chat.send(message(ME, "/event new")))[-1].startswith("Let's create an event")
    assert "description" in (await chat.send(message(ME, "Quarterly review")))[-1]
    assert "Which day" in (await chat.send(button(ME, "skip")))[-1]
    assert "what time" in (await chat.send(message(ME, "3/3/2026")))[-1]
    assert "How long" in (await chat.send(message(ME, "10:00")))[-1]
    assert "Where" in (await chat.send(button(ME, "min:60")))[-1]
    assert "email" in (await chat.send(message(ME, "Via Roma 1, Milano")))[-1]


async def test_a_stranger_is_refused_and_nothing_is_stored(chat):
    said = await chat.send(message(STRANGER_ID, "/event new"))
    assert said == ["Sorry, I only work for the people of this company. If you are one of "
                    "them, ask an admin to add you."]
    from bot import services
    from bot.domain.model import PersonRef, Platform

    events = await services.list_upcoming(chat.runtime.ctx, PersonRef(
        Platform.TELEGRAM, "telegram", str(STRANGER_ID)))
    assert events == []


async def test_members_of_the_company_chat_may_use_it(settings, clock, bot_api, smtp_sink,
                                                      runtime):
    from tests.telegram.conftest import Chat, telegram_runtime

    bot_api.members[777] = "member"
    async with Chat(telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url,
                                     TELEGRAM_COMPANY_CHAT="-100123"), bot_api) as chat:
        said = await chat.send(message(777, "/newevent"))
        assert said[-1].startswith("Let's create an event")
        assert bot_api.called("getChatMember")[0]["chat_id"] == "-100123"
        assert (await chat.send(message(778, "/newevent")))[-1].startswith("Sorry")


async def test_wrong_answers_are_explained_and_asked_again(chat):
    await chat.send(message(ME, "/event new"))
    said = await chat.send(message(ME, "x" * 300))
    assert said[-1].startswith("The title must be one line")
    await chat.send(message(ME, "Review"))
    await chat.send(button(ME, "skip"))
    assert (await chat.send(message(ME, "31/02/2026")))[-1].startswith("I can't read that date")
    assert (await chat.send(message(ME, "2026-02-01")))[-1].startswith("That day is in the past")
    await chat.send(message(ME, "2026-03-01"))  # today (the test clock says 09:00)
    assert (await chat.send(message(ME, "8:30")))[-1].startswith("That time has already passed")
    assert (await chat.send(message(ME, "25:00")))[-1].startswith("I can't read that time")
    await chat.send(message(ME, "15:00"))
    assert "How many minutes" in (await chat.send(button(ME, "min:other")))[-1]
    assert (await chat.send(message(ME, "forever")))[-1].startswith("Type the length")
    await chat.send(message(ME, "1:15"))
    await chat.send(button(ME, "skip"))
    said = await chat.send(message(ME, "not-an-email"))
    assert said[-1].startswith("This is not a valid email address")


async def test_cancel_leaves_at_any_step_and_saves_nothing(chat, smtp_sink):
    await answer_up_to_guests(chat)
    assert await chat.send(message(ME, "/cancel")) == ["Stopped; nothing was saved."]
    assert (await chat.send(message(ME, "anna@acme.example"))) == []  # no longer asked
    from tests.support.mailbox import deliver_all

    await deliver_all(chat.runtime)
    assert smtp_sink.messages == []


async def test_the_summary_lets_you_edit_a_step(chat):
    await answer_up_to_guests(chat)
    await chat.send(message(ME, "anna.rossi@acme.example"))
    await chat.send(message(ME, "Anna"))
    await chat.send(message(ME, "Rossi"))
    await chat.send(button(ME, "done"))
    await chat.send(button(ME, "skip"))
    summary = (await chat.send(button(ME, "lang:en")))[-1]
    assert "Quarterly review" in summary and "Anna Rossi <anna.rossi@acme.example>" in summary
    assert "Which part" in (await chat.send(button(ME, "edit")))[-1]
    await chat.send(button(ME, "step:title"))
    summary = (await chat.send(message(ME, "Q1 review")))[-1]
    assert summary.startswith("Q1 review")


async def test_files_are_collected_and_limited(chat):
    await answer_up_to_guests(chat)
    await chat.send(message(ME, "anna.rossi@acme.example"))
    await chat.send(message(ME, "Anna"))
    await chat.send(message(ME, "Rossi"))
    await chat.send(button(ME, "done"))
    assert (await chat.send(document(ME, "F1", "agenda.pdf", 1000)))[-1] == (
        "Got agenda.pdf. Send more, or Done.")
    said = await chat.send(document(ME, "F2", "huge.bin", 11 * 2**20))
    assert said[-1].startswith("That is more than 10 files or 10 MB")
