"""The words of invitation emails, in English and Italian."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "subject.invitation": "Invitation: {title} — {date}",
        "subject.update": "Updated invitation: {title} — {date}",
        "subject.cancellation": "Cancelled: {title} — {date}",
        "hello": "Hello {name},",
        "lead.invitation": "{organizer} invites you to {title}.",
        "lead.update": "{organizer} has changed {title}.",
        "lead.cancellation": "{organizer} has cancelled {title}. You don't need to do anything.",
        "when": "When", "where": "Where", "organizer": "Organizer", "files": "Attachments",
        "changed": "What changed", "answer_again": "The time has changed: please answer again.",
        "question": "Will you attend?",
        "accept": "Accept", "tentative": "Maybe", "decline": "Decline",
        "field.start": "When", "field.end": "When", "field.place": "Where",
        "field.title": "Title", "field.description": "Description",
        "field.timezone": "Time zone", "field.locale": "Language",
        "description_changed": "updated", "nowhere": "(no place given)",
        "footer": "This invitation was sent by {sender} for {organizer}. You can also answer "
                  "from your calendar program. Do not forward this email: its buttons answer "
                  "for you.",
    },
    "it": {
        "subject.invitation": "Invito: {title} — {date}",
        "subject.update": "Invito aggiornato: {title} — {date}",
        "subject.cancellation": "Annullato: {title} — {date}",
        "hello": "Gentile {name},",
        "lead.invitation": "{organizer} ti invita a {title}.",
        "lead.update": "{organizer} ha modificato {title}.",
        "lead.cancellation": "{organizer} ha annullato {title}. Non devi fare nulla.",
        "when": "Quando", "where": "Dove", "organizer": "Organizzatore", "files": "Allegati",
        "changed": "Cosa è cambiato",
        "answer_again": "L'orario è cambiato: rispondi di nuovo, per favore.",
        "question": "Parteciperai?",
        "accept": "Accetto", "tentative": "Forse", "decline": "Rifiuto",
        "field.start": "Quando", "field.end": "Quando", "field.place": "Dove",
        "field.title": "Titolo", "field.description": "Descrizione",
        "field.timezone": "Fuso orario", "field.locale": "Lingua",
        "description_changed": "aggiornata", "nowhere": "(nessun luogo indicato)",
        "footer": "Questo invito è stato inviato da {sender} per conto di {organizer}. Puoi "
                  "rispondere anche dal tuo calendario. Non inoltrare questa email: i suoi "
                  "pulsanti rispondono per te.",
    },
}


def words(locale: str) -> dict[str, str]:
    return WORDS.get(locale, WORDS["en"])


def subject_date(start: datetime, tz: str, locale: str) -> str:
    """`Tue 3 Mar 2026, 10:00` / `mar 3 mar 2026, 10:00`."""
    return format_datetime(start.astimezone(ZoneInfo(tz)), "EEE d MMM yyyy, HH:mm",
                           locale=locale)
