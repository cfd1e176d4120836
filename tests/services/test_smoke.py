from datetime import datetime

from bot import services
from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.model import PersonRef, Platform

ORGANIZER = PersonRef(Platform.SLACK, "T1", "U1", "Marta Bianchi")


async def test_create(ctx):
    draft = EventDraft(title="Quarterly review", start=datetime(2026, 3, 3, 10),
                       end=datetime(2026, 3, 3, 11), timezone="Europe/Rome",
                       guests=[GuestDraft("anna@acme.example", "Anna", "Rossi")])
    event = await services.create_event(ctx, ORGANIZER, draft)
    assert event.id and event.attendees[0].id
    again = await services.get_event(ctx, event.id)
    assert again.start == event.start
