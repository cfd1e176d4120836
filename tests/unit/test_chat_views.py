"""The chat's words are built once and read the same in every front end, in each language."""

from datetime import UTC, datetime

from bot.chat import messages
from bot.chat.views import Span, message
from bot.domain.model import Event
from bot.i18n import reader_locale, tr
from handlers.slack import render as slack
from handlers.telegram import render as telegram

START = datetime(2026, 3, 3, 9, tzinfo=UTC)


def event(title: str = "Quarterly review") -> Event:
    return Event(workspace_id=1, organizer_id=1, title=title, start=START,
                 end=datetime(2026, 3, 3, 10, tzinfo=UTC), timezone="Europe/Rome", id=7)


def notice(locale: str, accepted: int, comment: str | None = None):
    return messages.answer_notice(event(), "Anna Rossi", "anna@acme.example", "accepted",
                                  accepted, 5, comment, tr(locale), locale)


def test_the_answer_notice_reads_the_same_in_slack_and_telegram():
    view = notice("en", 3, "See you")
    assert slack.text(view) == ("Anna Rossi (acme.example) accepted *Quarterly review* — "
                                "Tue 3 Mar, 10:00. 3 of 5 have accepted.\n"
                                "Their note: “See you”")
    assert telegram.text(view) == ("Anna Rossi (acme.example) accepted “Quarterly review” — "
                                   "Tue 3 Mar, 10:00. 3 of 5 have accepted.\n"
                                   "Their note: “See you”")


def test_plural_forms_in_english_and_italian():
    assert slack.text(notice("en", 1)).endswith("1 of 5 has accepted.")
    assert slack.text(notice("it", 1)) == ("Anna Rossi (acme.example) ha accettato "
                                           "*Quarterly review* — mar 3 mar, 10:00. "
                                           "1 su 5 ha accettato.")
    assert slack.text(notice("it", 2)).endswith("2 su 5 hanno accettato.")
    saved = messages.saved(event(), tr("it"))
    assert "gli inviti stanno arrivando a" in slack.text(saved)


def test_the_readers_language_comes_from_the_platforms_locale():
    assert [reader_locale(code, "en") for code in ("it-IT", "it", "it_CH", "en-US", "de-DE")] == [
        "it", "it", "it", "en", "en"]
    assert reader_locale(None, "it") == "it" and reader_locale("", "en") == "en"


def test_slack_markup_typed_by_people_is_escaped_but_ours_is_not():
    view = messages.delivery_failed(event("<!channel> & <@U1>"), "x@y.example",
                                    "550 <https://evil|click>", tr("en"))
    assert slack.text(view) == ("The invitation to x@y.example for *&lt;!channel&gt; &amp; "
                                "&lt;@U1&gt;* could not be delivered: 550 "
                                "&lt;https://evil|click&gt;")


def test_long_views_are_cut_to_what_each_platform_accepts():
    lines = [f"Guest {n} " + "x" * 80 for n in range(120)]
    view = message(*[(Span(line),) for line in lines])
    assert all(len(b["text"]["text"]) <= 3000 for b in slack.blocks(view))
    assert all(len(piece) <= 4096 for piece in telegram.chunks(view))
    assert "".join(telegram.chunks(view)).count("Guest") == 120
