"""The answer page refuses what cannot be stored, in the guest's language, and records nothing."""

from __future__ import annotations

import pytest

from bot import calendar_replies, services, tokens
from bot.domain.model import Answer
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows

TOO_LONG = "x" * 1001


async def recorded(ctx, runtime, event) -> tuple[Answer, str | None, int]:
    guest = (await services.get_event(ctx, event.id)).guests[0]
    return guest.answer, guest.comment, len(await outbox_rows(runtime, "chat.answer"))


@pytest.mark.parametrize("form", [
    {"answer": "accepted", "comment": "See you\x00there"},
    {"answer": "accepted", "comment": TOO_LONG},
    {"answer": "accepted", "comment": "\x00" + "y" * 2000},
])
async def test_a_note_that_cannot_be_stored_is_refused_with_a_friendly_message(
        web, link, ctx, runtime, event, form):
    page = await web.post(link, data=form)
    assert page.status_code == 400
    assert ("Your answer was not saved: please keep your note to 1,000 characters of plain "
            "text.") in page.text
    assert "Quarterly review" in page.text and "<form" in page.text  # the page, again
    assert await recorded(ctx, runtime, event) == (Answer.AWAITING, None, 0)


async def test_a_nul_byte_in_the_answer_is_refused(web, link, ctx, runtime, event):
    page = await web.post(link, data={"answer": "accepted\x00", "comment": "ok"})
    assert page.status_code == 400 and "Choose Accept, Maybe or Decline." in page.text
    assert await recorded(ctx, runtime, event) == (Answer.AWAITING, None, 0)


async def test_a_refused_note_leaves_an_earlier_answer_as_it_was(web, link, ctx, runtime,
                                                                 event):
    await web.post(link, data={"answer": "accepted", "comment": "See you there"})
    page = await web.post(link, data={"answer": "declined", "comment": TOO_LONG})
    assert page.status_code == 400
    assert 'id="current-answer" class="answer-accepted">Accepted' in page.text
    assert await recorded(ctx, runtime, event) == (Answer.ACCEPTED, "See you there", 1)


async def test_italian_guests_are_told_in_italian_and_formally(web, ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft(locale="it"))
    link = f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}"
    page = await web.post(link, data={"answer": "accepted", "comment": TOO_LONG})
    assert page.status_code == 400
    assert ("La Sua risposta non è stata registrata: La preghiamo di limitare la nota a 1.000 "
            "caratteri di solo testo.") in page.text
    assert await recorded(ctx, runtime, event) == (Answer.AWAITING, None, 0)


async def test_a_full_note_with_line_breaks_is_taken(web, link, ctx, runtime, event):
    typed = "\n".join(["y" * 99] * 10)  # 999 characters in the text box
    page = await web.post(link, data={"answer": "accepted", "comment": typed.replace(
        "\n", "\r\n")})  # as browsers send a text box
    assert page.status_code == 200
    assert await recorded(ctx, runtime, event) == (Answer.ACCEPTED, typed, 1)


async def test_a_calendar_reply_with_a_long_note_still_counts(ctx, runtime, event):
    guest = event.guests[0]
    outcome = await calendar_replies.record_calendar_reply(
        ctx, event.uid, guest.email, "ACCEPTED", "Noted\x00 " + "z" * 1500, None, guest.email,
        calendar_replies.ReplyScope(deployment=True))
    assert outcome == "recorded"
    answer, comment, told = await recorded(ctx, runtime, event)
    assert (answer, told) == (Answer.ACCEPTED, 1)
    assert comment == ("Noted " + "z" * 1500)[:1000]
