"""Invitations received on a real SMTP server and read back as a calendar program would."""

from datetime import datetime

from bot import services
from bot.domain.model import Attachment
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, draft
from tests.support.mailbox import (
    answer_link,
    calendar,
    calendar_part,
    deliver_all,
    mail_runtime,
    vevent,
)
from tests.unit.test_catalogs import INFORMAL


async def test_each_guest_gets_one_meeting_request(ctx, settings, clock, smtp_sink):
    files = [Attachment("agenda.pdf", "application/pdf", b"%PDF-1.4 agenda")]
    event = await services.create_event(ctx, ORGANIZER, draft(attachments=files))
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == [ANNA.email, BOB.email]
    for received in smtp_sink.received:
        message = received.message
        assert message["Subject"] == "Invitation: Quarterly review — Tue 3 Mar 2026, 10:00"
        assert message["From"] == "Acme Events <events@acme.example>"
        assert message.get_content_type() == "multipart/mixed"
        [alternative, attachment] = message.iter_parts()
        assert [p.get_content_type() for p in alternative.iter_parts()] == [
            "text/plain", "text/html", "text/calendar"]
        assert (attachment.get_filename(), attachment.get_content()) == (
            "agenda.pdf", b"%PDF-1.4 agenda")
        part = calendar_part(message)
        assert part.get_param("method") == "REQUEST" == str(calendar(message)["METHOD"])
        assert part.get_content_charset() == "utf-8"
        ev = vevent(message)
        assert str(ev["UID"]) == event.uid and ev["SEQUENCE"] == 0
        assert str(ev["ATTENDEE"]) == f"mailto:{received.rcpt_tos[0]}"
        assert message["To"].addresses[0].addr_spec == received.rcpt_tos[0]
        assert ev["ATTENDEE"].params["RSVP"] == "TRUE"
        assert str(ev["ORGANIZER"]) == "mailto:events@acme.example"
        assert ev["ORGANIZER"].params["CN"] == "Marta Bianchi"
        assert ev["DTSTART"].params["TZID"] == "Europe/Rome"
        assert ev.decoded("DTSTART") == datetime.fromisoformat("2026-03-03T10:00+01:00")
        assert [tz["TZID"] for tz in calendar(message).walk("VTIMEZONE")] == ["Europe/Rome"]
        assert str(ev["STATUS"]) == "CONFIRMED" and str(ev["LOCATION"]) == "Via Roma 1, Milano"
    await worker.engine.dispose()


async def test_no_guest_sees_another_guests_address(ctx, settings, clock, smtp_sink):
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA, BOB, CHLOE]))
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    emails = {ANNA.email, BOB.email, CHLOE.email}
    for received in smtp_sink.received:
        raw = received.raw.decode("ascii", "replace").lower()
        others = emails - {received.rcpt_tos[0]}
        assert not any(other in raw for other in others)
        assert "bcc" not in raw and received.rcpt_tos == [received.message["To"].addresses[0]
                                                           .addr_spec]
    await worker.engine.dispose()


async def test_uid_stays_and_sequence_rises_through_update_and_cancel(ctx, settings, clock,
                                                                      smtp_sink):
    event = await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA]))
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    later = draft(guests=[ANNA], start=datetime(2026, 3, 3, 14), end=datetime(2026, 3, 3, 15))
    await services.update_event(ctx, ORGANIZER, event.id, later)
    await deliver_all(worker)
    await services.cancel_event(ctx, ORGANIZER, event.id)
    await deliver_all(worker)
    invite, update, cancel = smtp_sink.messages
    assert [str(vevent(m)["UID"]) for m in smtp_sink.messages] == [event.uid] * 3
    assert [vevent(m)["SEQUENCE"] for m in smtp_sink.messages] == [0, 1, 2]
    assert update["Subject"].startswith("Updated invitation: Quarterly review")
    text = update.get_body(preferencelist=("plain",)).get_content()
    assert ("When: Tuesday 3 March 2026, 10:00–11:00 (Europe/Rome) → "
            "Tuesday 3 March 2026, 14:00–15:00 (Europe/Rome)") in text
    assert "The time has changed: please answer again." in text
    assert cancel["Subject"].startswith("Cancelled: Quarterly review")
    assert calendar_part(cancel).get_param("method") == "CANCEL"
    assert str(vevent(cancel)["STATUS"]) == "CANCELLED"
    assert "?answer=" not in cancel.get_body(preferencelist=("plain",)).get_content()
    assert len({m["Message-ID"] for m in (invite, update, cancel)}) == 3
    await worker.engine.dispose()


async def test_italian_events_write_italian_emails(ctx, settings, clock, smtp_sink):
    event = await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA], locale="it"))
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[ANNA], locale="it",
                                                                 place="Sala 2"))
    await services.cancel_event(ctx, ORGANIZER, event.id)
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    invite, update, cancel = smtp_sink.messages
    assert invite["Subject"] == "Invito: Quarterly review — mar 3 mar 2026, 10:00"
    text = invite.get_body(preferencelist=("plain",)).get_content()
    assert "Marta Bianchi La invita a Quarterly review." in text
    assert "Quando: martedì 3 marzo 2026, 10:00–11:00 (Europe/Rome)" in text
    assert "Parteciperà?" in text and "Accetto: " in text and "Rifiuto: " in text
    assert "Non deve fare nulla." in cancel.get_body(preferencelist=("plain",)).get_content()
    for message in (invite, update, cancel):  # guests are addressed as "Lei", never "tu"
        for body in ("plain", "html"):
            content = message.get_body(preferencelist=(body,)).get_content()
            assert not INFORMAL.search(content), INFORMAL.search(content)
    await worker.engine.dispose()


async def test_the_buttons_link_to_the_guests_own_answer_page(ctx, settings, clock, smtp_sink):
    await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA, BOB]))
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    links = {answer_link(m) for m in smtp_sink.messages}
    assert len(links) == 2
    assert all(link.startswith("http://127.0.0.1:8000/rsvp/") for link in links)
    html = smtp_sink.messages[0].get_body(preferencelist=("html",)).get_content()
    assert html.count("?answer=") == 3
    await worker.engine.dispose()


async def test_the_footer_links_the_privacy_notice_or_says_who_invited_them(
        ctx, settings, clock, smtp_sink):
    cases = {
        ("en", None): "You received this email because Marta Bianchi of Acme Events invited you "
                      "to Quarterly review.",
        ("it", None): "Riceve questa email perché Marta Bianchi di Acme Events La invita a "
                      "Quarterly review.",
        ("en", "https://acme.example/privacy"): "How we use your data: "
                                                "https://acme.example/privacy",
        ("it", "https://acme.example/privacy"): "Come usiamo i Suoi dati: "
                                                "https://acme.example/privacy",
    }
    for (locale, privacy_url), footer in cases.items():
        smtp_sink.received.clear()
        await services.create_event(ctx, ORGANIZER, draft(guests=[ANNA], locale=locale))
        worker = mail_runtime(settings.model_copy(update={"PRIVACY_URL": privacy_url}),
                              smtp_sink.url, clock)
        await deliver_all(worker)
        [message] = smtp_sink.messages
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert text.rstrip().endswith(footer)
        html = message.get_body(preferencelist=("html",)).get_content()
        if privacy_url:
            assert f'<a href="{privacy_url}"' in html and footer.split(":")[0] in html
        else:
            assert "Acme Events" in html and "privacy" not in html
        await worker.engine.dispose()
