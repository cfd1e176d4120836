"""The answer page's words, in English and Italian (the event's language decides)."""

from __future__ import annotations

PAGE = {
    "en": {
        "invited_by": "{name} invites you",
        "invited": "You are invited",
        "when": "When",
        "your_time": "In your time zone",
        "where": "Where",
        "files": "Attachments",
        "your_answer": "Your answer",
        "answers": {"awaiting": "Not answered yet", "accepted": "Accepted",
                    "tentative": "Maybe", "declined": "Declined"},
        "accept": "Accept", "maybe": "Maybe", "decline": "Decline",
        "note": "A note for the organizer (optional)",
        "add_to_calendar": "Add to my calendar",
        "thanks": "Thank you! {name} will be told that you {verb}.",
        "unchanged": "Your answer was already recorded.",
        "verbs": {"accepted": "accepted", "tentative": "might come", "declined": "declined"},
        "change": "You can change your answer at any time below.",
        "cancelled": "This event was cancelled.",
        "ended": "This event has already taken place; answers are closed.",
        "choose": "Choose Accept, Maybe or Decline.",
        "comment": "Your answer was not saved: please keep your note to {limit} characters "
                   "of plain text.",
        "bad_origin": "This answer did not come from the invitation page.",
        "organizer": "the organizer",
    },
    "it": {
        "invited_by": "{name} ti invita",
        "invited": "Sei invitato",
        "when": "Quando",
        "your_time": "Nel tuo fuso orario",
        "where": "Dove",
        "files": "Allegati",
        "your_answer": "La tua risposta",
        "answers": {"awaiting": "Nessuna risposta", "accepted": "Accettato",
                    "tentative": "Forse", "declined": "Rifiutato"},
        "accept": "Accetto", "maybe": "Forse", "decline": "Rifiuto",
        "note": "Una nota per l'organizzatore (facoltativa)",
        "add_to_calendar": "Aggiungi al mio calendario",
        "thanks": "Grazie! Diremo a {name} che {verb}.",
        "unchanged": "La tua risposta era già registrata.",
        "verbs": {"accepted": "partecipi", "tentative": "forse partecipi",
                  "declined": "non partecipi"},
        "change": "Puoi cambiare la tua risposta qui sotto in qualsiasi momento.",
        "cancelled": "Questo evento è stato annullato.",
        "ended": "Questo evento si è già svolto; non si accettano più risposte.",
        "choose": "Scegli Accetto, Forse o Rifiuto.",
        "comment": "La Sua risposta non è stata registrata: La preghiamo di limitare la nota "
                   "a {limit} caratteri di solo testo.",
        "bad_origin": "Questa risposta non viene dalla pagina dell'invito.",
        "organizer": "l'organizzatore",
    },
}

# Shown for dead, unknown and malformed links alike, in both languages (we cannot know whose).
INVALID_LINK = (
    ("en", "This link is no longer valid",
     "The invitation may have been withdrawn. Please ask the organizer for a new one."),
    ("it", "Questo link non è più valido",
     "L'invito potrebbe essere stato ritirato. Chiedi all'organizzatore un nuovo invito."),
)


def words(locale: str) -> dict:
    """The page texts for a locale, English when unknown."""
    return PAGE.get(locale, PAGE["en"])
