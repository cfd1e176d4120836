"""The invitation's HTML rendered by headless Chromium, saved for a person to look at."""

from datetime import UTC, datetime

from bot.domain.model import Attachment, Attendee, Event, Role
from mail.compose import Letter, compose
from mail.sender_config import from_url
from tests.support.browser import chromium, screenshot_path


def letter(kind: str, locale: str, changes=None) -> Letter:
    event = Event(workspace_id=1, organizer_id=1, title="Quarterly review", id=1,
                  timezone="Europe/Rome", locale=locale, place="Via Roma 1, Milano",
                  start=datetime(2026, 3, 3, 9, tzinfo=UTC),
                  end=datetime(2026, 3, 3, 10, tzinfo=UTC),
                  description="Numbers for Q1, plans for Q2.\nBring your questions.")
    guest = Attendee(Role.GUEST, "anna.rossi@acme.example", "Anna", "Rossi", id=2)
    return Letter(kind, event, guest, "Marta Bianchi",
                  from_url("smtp://127.0.0.1:25", "Acme Events <events@acme.example>"),
                  "http://127.0.0.1:8000/rsvp/token", 1, 1, datetime(2026, 3, 1, tzinfo=UTC),
                  files=[Attachment("agenda.pdf", "application/pdf", b"%PDF")],
                  changes=changes or [], answer_reset=bool(changes))


async def test_the_invitation_looks_right_in_a_browser():
    moved = [{"field": "start", "old": "2026-03-03T08:00:00+00:00", "new": "x"},
             {"field": "place", "old": "Room 1", "new": "Via Roma 1, Milano"}]
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 700, "height": 900})
        for name, kind, locale, changes in [("invitation-en.png", "invitation", "en", None),
                                            ("update-it.png", "update", "it", moved)]:
            html = compose(letter(kind, locale, changes)).get_body(
                preferencelist=("html",)).get_content()
            await page.set_content(html)
            buttons = page.locator("a", has_text="Accept" if locale == "en" else "Accetto")
            assert await buttons.count() == 1
            assert (await buttons.get_attribute("href")).endswith("?answer=accepted")
            box = await buttons.bounding_box()
            assert box and box["width"] > 60 and box["height"] > 30  # a real button
            await page.screenshot(path=screenshot_path(f"mail-{name}"), full_page=True)
