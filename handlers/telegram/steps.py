"""The questions of /event new, in order, and how each one is asked."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup, Update

from handlers.telegram import keyboards, texts
from handlers.telegram.drafts import Draft, summary

(TITLE, DESCRIPTION, DATE, TIME, DURATION, MINUTES, PLACE, EMAIL, FIRST, LAST, MORE, FILES,
 LANGUAGE, SUMMARY, STEP) = range(15)

ORDER = [TITLE, DESCRIPTION, DATE, TIME, DURATION, PLACE, EMAIL, FIRST, LAST, MORE, FILES,
         LANGUAGE, SUMMARY]
# Where a problem found at Save sends the organizer back to.
FIELD_STEPS = {"title": TITLE, "description": DESCRIPTION, "start": DATE, "end": DURATION,
               "place": PLACE, "locale": LANGUAGE, "attachments": FILES, "guests": EMAIL}
STEP_NAMES = {"title": TITLE, "description": DESCRIPTION, "date": DATE, "time": TIME,
              "duration": DURATION, "place": PLACE, "guest": EMAIL, "language": LANGUAGE}


def question(state: int, draft: Draft) -> tuple[str, InlineKeyboardMarkup | None]:
    today = date.fromisoformat(draft["today"])
    return {
        TITLE: (texts.ASK_TITLE, None),
        DESCRIPTION: (texts.ASK_DESCRIPTION, keyboards.skip()),
        DATE: (texts.ASK_DATE, keyboards.calendar(today)),
        TIME: (texts.ASK_TIME.format(tz=draft["timezone"]), None),
        DURATION: (texts.ASK_DURATION, keyboards.durations()),
        MINUTES: (texts.ASK_MINUTES, None),
        PLACE: (texts.ASK_PLACE, keyboards.skip()),
        EMAIL: (texts.ASK_EMAIL, None),
        FIRST: (texts.ASK_FIRST, None),
        LAST: (texts.ASK_LAST, None),
        MORE: (_more(draft), keyboards.choices([("Add another", "add"), ("Done", "done")])),
        FILES: (texts.ASK_FILES, keyboards.skip()),
        LANGUAGE: (texts.ASK_LANGUAGE, keyboards.choices([("English", "lang:en"),
                                                          ("Italiano", "lang:it")])),
        SUMMARY: (summary(draft), keyboards.summary()),
        STEP: (texts.ASK_STEP, keyboards.steps()),
    }[state]


def after(state: int, draft: Draft) -> int:
    """The next question; once the organizer reviews the summary, back to it."""
    if draft.get("review") and state not in (EMAIL, FIRST):
        return SUMMARY
    return ORDER[ORDER.index(state) + 1]


async def ask(update: Update, state: int, draft: Draft, problem: str | None = None) -> int:
    """Ask the question of `state` (after saying what was wrong, if anything)."""
    if state == SUMMARY:
        draft["review"] = True  # from now on, a changed answer comes back to the summary
    text, keyboard = question(state, draft)
    message = update.effective_message
    if update.callback_query:
        await update.callback_query.answer()
    if message is not None:
        await message.reply_text(f"{problem}\n\n{text}" if problem else text,
                                 reply_markup=keyboard)
    return state


def _more(draft: Draft) -> str:
    last = draft["guests"][-1] if draft["guests"] else {"first_name": "", "last_name": ""}
    return texts.ASK_MORE.format(name=f"{last['first_name']} {last['last_name']}".strip(),
                                 count=len(draft["guests"]))
