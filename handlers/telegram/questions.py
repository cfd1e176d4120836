"""What the Telegram conversations ask and say that no other front end does, as catalog texts.

The event card, listings, help, confirmations and refusals come from `bot.chat`; the words of
a field problem from `bot.text.explain`.
"""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.validation import MAX_GUESTS
from bot.i18n import N_, Translator
from handlers.telegram import keyboards
from handlers.telegram.drafts import Draft
from handlers.telegram.states import (
    DATE,
    DESCRIPTION,
    DURATION,
    EMAIL,
    FILES,
    FIRST,
    LANGUAGE,
    LAST,
    MINUTES,
    MORE,
    PLACE,
    STEP,
    SUMMARY,
    TIME,
    TITLE,
)
from handlers.telegram.summary import summary

Question = tuple[str, InlineKeyboardMarkup | None]

ASK_TITLE = N_("What is its title? (/cancel to stop)")
ASK_DESCRIPTION = N_("A description for the guests? Type it, or Skip.")
ASK_DATE = N_("Which day? Pick one, or type it as 2026-03-03 or 3/3/2026.")
ASK_TIME = N_("At what time does it start? (e.g. 10:00, in {timezone})")
ASK_DURATION = N_("How long is it?")
ASK_MINUTES = N_("How many minutes? (e.g. 45 or 1:15)")
ASK_PLACE = N_("Where? Type a place or a video link, or Skip.")
ASK_EMAIL = N_("The guest's email address?")
ASK_FIRST = N_("Their first name?")
ASK_LAST = N_("Their last name?")
ASK_FILES = N_("Any files for the guests? Send them now, or Skip.")
ASK_LANGUAGE = N_("In which language should the guests' emails be?")
ASK_STEP = N_("Which part do you want to change?")

START = N_("Let's create an event.")
BAD_DATE = N_("I can't read that date. Type it as 2026-03-03 or 3/3/2026, or pick a day.")
BAD_TIME = N_("I can't read that time. Type it as 10:00.")
BAD_MINUTES = N_("Type the length in minutes (e.g. 45) or hours:minutes (e.g. 1:15).")
GOT_FILE = N_("Got {name}. Send more, or Done.")
NOT_SAVED = N_("It is not saved yet: {problem}")
STALE = N_("This button is no longer valid.")
STOPPED = N_("Stopped; nothing was saved.")
KEPT = N_("Nothing changed.")
STRANGER = N_("Sorry, I only work for the people of this company. If you are one of them, "
              "ask an admin to add you.")

SENDER_NAME = N_("Setting up the sender mailbox. The sender's name? (e.g. Acme Events)")
SENDER_EMAIL = N_("The sender's address? Calendar answers come back to it.")
SMTP_HOST = N_("The SMTP server? (e.g. smtp.acme.example)")
SMTP_PORT = N_("Its port? (587 for STARTTLS, 465 for TLS)")
SMTP_SECURITY = N_("Its security?")
SMTP_USER = N_("The SMTP user name? (Skip if none)")
SMTP_PASSWORD = N_("The SMTP password? I delete your message right after reading it.")
BAD_PORT = N_("A port is a number from 1 to 65535.")


def question(state: int, draft: Draft, t: Translator, locale: str, today: date) -> Question:
    """The words and buttons of one step of /event new."""
    if state == TIME:
        return t.gettext(ASK_TIME).format(timezone=draft["timezone"]), None
    if state == MORE:
        return _more(draft, t)
    if state == SUMMARY:
        return summary(draft, t, locale), keyboards.summary(t)
    text, keyboard = {
        TITLE: (ASK_TITLE, None),
        DESCRIPTION: (ASK_DESCRIPTION, keyboards.skip(t)),
        DATE: (ASK_DATE, keyboards.calendar(today, locale)),
        DURATION: (ASK_DURATION, keyboards.durations(t)),
        MINUTES: (ASK_MINUTES, None),
        PLACE: (ASK_PLACE, keyboards.skip(t)),
        EMAIL: (ASK_EMAIL, None),
        FIRST: (ASK_FIRST, None),
        LAST: (ASK_LAST, None),
        FILES: (ASK_FILES, keyboards.skip(t)),
        LANGUAGE: (ASK_LANGUAGE, keyboards.languages()),
        STEP: (ASK_STEP, keyboards.steps(t)),
    }[state]
    return t.gettext(text), keyboard


def _more(draft: Draft, t: Translator) -> Question:
    """After a guest: who was added and how many there are; Add another while there is room."""
    last = draft["guests"][-1] if draft["guests"] else {"first_name": "", "last_name": ""}
    name = f"{last['first_name']} {last['last_name']}".strip()
    count = len(draft["guests"])
    text = t.ngettext("{name} is on the list ({count} guest). Another one?",
                      "{name} is on the list ({count} guests). Another one?",
                      count).format(name=name, count=count)
    return text, keyboards.more(t, room=count < MAX_GUESTS)
