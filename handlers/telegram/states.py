"""The steps of /event new, in the order they are asked."""

from __future__ import annotations

(TITLE, DESCRIPTION, DATE, TIME, DURATION, MINUTES, PLACE, EMAIL, FIRST, LAST, MORE, FILES,
 LANGUAGE, SUMMARY, STEP) = range(15)

ORDER = [TITLE, DESCRIPTION, DATE, TIME, DURATION, PLACE, EMAIL, FIRST, LAST, MORE, FILES,
         LANGUAGE, SUMMARY]
# Where a problem found at Save sends the organizer back to.
FIELD_STEPS = {"title": TITLE, "description": DESCRIPTION, "start": DATE, "end": DURATION,
               "place": PLACE, "locale": LANGUAGE, "attachments": FILES, "guests": EMAIL}
STEP_NAMES = {"title": TITLE, "description": DESCRIPTION, "date": DATE, "time": TIME,
              "duration": DURATION, "place": PLACE, "guest": EMAIL, "language": LANGUAGE}


def after(state: int, review: bool) -> int:
    """The next step; once the organizer has seen the summary, back to it."""
    if review and state not in (EMAIL, FIRST):
        return SUMMARY
    return ORDER[ORDER.index(state) + 1]
