"""What a guest downloads through their link: the calendar file and the event's files."""

from __future__ import annotations

from icalendar import Calendar

from bot import services, tokens
from bot.domain.model import Attachment
from tests.support.drafts import ORGANIZER, draft

AGENDA = b"%PDF-1.4 agenda" * 100


async def test_the_calendar_file_carries_the_events_uid_and_times(web, link, event):
    response = await web.get(f"{link}/event.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["UID"]) == event.uid
    assert vevent.decoded("DTSTART") == event.start and vevent.decoded("DTEND") == event.end
    assert str(vevent["SUMMARY"]) == "Quarterly review"
    assert str(vevent["ATTENDEE"]).lower() == "mailto:anna.rossi@acme.example"


async def test_a_dead_link_gives_no_calendar_file(web):
    response = await web.get(f"/rsvp/{'A' * 43}/event.ics")
    assert response.status_code == 404 and "no longer valid" in response.text


async def test_attachments_download_only_through_the_guests_own_event(web, ctx):
    agenda, trap = (Attachment("agenda <1>.pdf", "application/pdf", AGENDA),
                    Attachment("trap.html", "text/html", b"<script>alert(1)</script>"))
    secret = Attachment("secret.txt", "text/plain", b"board secrets")
    mine = await services.create_event(ctx, ORGANIZER, draft(attachments=[agenda, trap]))
    await services.create_event(ctx, ORGANIZER, draft(title="Board", attachments=[secret]))
    link = f"/rsvp/{tokens.token_for(ctx.secret_key, mine.guests[0])}"
    page = await web.get(link)
    assert "agenda &lt;1&gt;.pdf" in page.text and "1 KB" in page.text
    assert f"{link}/files/{agenda.id}" in page.text
    download = await web.get(f"{link}/files/{agenda.id}")
    assert download.status_code == 200 and download.content == AGENDA
    assert download.headers["content-disposition"].startswith("attachment;")
    html = await web.get(f"{link}/files/{trap.id}")
    assert html.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in html.headers["content-security-policy"]
    stolen = await web.get(f"{link}/files/{secret.id}")  # another event's file
    assert stolen.status_code == 404 and b"board secrets" not in stolen.content
    assert (await web.get(f"/rsvp/{'A' * 43}/files/{agenda.id}")).status_code == 404


async def test_static_files_are_served_from_our_origin(web):
    script = await web.get("/static/rsvp.js")
    assert script.status_code == 200 and "Intl.DateTimeFormat" in script.text
    assert script.headers["content-type"].startswith("text/javascript")
    assert (await web.get("/static/../rsvp.py")).status_code == 404
