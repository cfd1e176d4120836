"""Drafts and people used across tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.model import PersonRef, Platform

ORGANIZER = PersonRef(Platform.SLACK, "T1", "U1", "Marta Bianchi", "Europe/Rome", "en")
STRANGER = PersonRef(Platform.SLACK, "T1", "U9", "Someone Else")
COLLEAGUE = PersonRef(Platform.SLACK, "T1", "U2", "Luca Verdi")

ANNA = GuestDraft("anna.rossi@acme.example", "Anna", "Rossi")
BOB = GuestDraft("bob@partner.example", "Bob", "Stone")
CHLOE = GuestDraft("chloe@freelance.example", "Chloé", "Durand")


def draft(**changes: object) -> EventDraft:
    """Quarterly review, Tue 3 Mar 2026 10:00–11:00 in Rome, with Anna and Bob."""
    base = EventDraft(
        title="Quarterly review", description="Numbers, plans.\nBring questions.",
        start=datetime(2026, 3, 3, 10, 0), end=datetime(2026, 3, 3, 11, 0),
        timezone="Europe/Rome", place="Via Roma 1, Milano", locale="en",
        guests=[ANNA, BOB],
    )
    return replace(base, **changes)  # type: ignore[arg-type]
