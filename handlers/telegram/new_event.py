"""/event new: one question at a time, each answer checked by the domain's rule for its field."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.validation import (
    check_description,
    check_end,
    check_locale,
    check_place,
    check_start,
    check_title,
)
from handlers.telegram import questions
from handlers.telegram.conversation import conversation
from handlers.telegram.drafts import Draft
from handlers.telegram.guests import GuestSteps
from handlers.telegram.parsing import parse_date, parse_minutes, parse_time
from handlers.telegram.replies import Ctx, typed_text
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
    STEP_NAMES,
    SUMMARY,
    TIME,
    TITLE,
)


class NewEvent(GuestSteps):
    """The steps of the conversation: what, when and where here, who in GuestSteps; Saving
    (further down) starts, saves and cancels it."""

    def handler(self) -> ConversationHandler:
        """Which step takes which answer; /cancel leaves at any step."""
        typed, on = filters.TEXT & ~filters.COMMAND, CallbackQueryHandler
        return conversation(
            entry_points=[CommandHandler("event", self.command),
                          CommandHandler("newevent", self.start),
                          on(self.from_card, pattern=r"^card:(edit|more):\d+$")],
            states={
                TITLE: [MessageHandler(typed, self.title)],
                DESCRIPTION: [MessageHandler(typed, self.description),
                              on(self.description, pattern="^skip$")],
                DATE: [MessageHandler(typed, self.day), on(self.day, pattern="^date:")],
                TIME: [MessageHandler(typed, self.time)],
                DURATION: [on(self.duration, pattern="^min:"), MessageHandler(typed, self.minutes)],
                MINUTES: [MessageHandler(typed, self.minutes)],
                PLACE: [MessageHandler(typed, self.place), on(self.place, pattern="^skip$")],
                EMAIL: [MessageHandler(typed, self.email)],
                FIRST: [MessageHandler(typed, self.first)],
                LAST: [MessageHandler(typed, self.last)],
                MORE: [on(self.more, pattern="^(add|done)$")],
                FILES: [MessageHandler(filters.Document.ALL, self.file),
                        on(self.files_done, pattern="^(skip|done)$")],
                LANGUAGE: [on(self.language, pattern="^lang:")],
                SUMMARY: [on(self.save, pattern="^save$"), on(self.choose_step, pattern="^edit$"),
                          on(self.cancel, pattern="^cancel$")],
                STEP: [on(self.go_to_step, pattern="^step:")],
            },
            fallbacks=[CommandHandler("cancel", self.cancel)],
            name="new_event", persistent=True, allow_reentry=True)

    async def title(self, update: Update, context: Ctx) -> int:
        """One line, required."""
        typed = typed_text(update)
        return await self._take(update, context, TITLE, title=lambda: check_title(typed))

    async def description(self, update: Update, context: Ctx) -> int:
        """Any text, or Skip."""
        typed = "" if update.callback_query else typed_text(update)
        return await self._take(update, context, DESCRIPTION,
                                description=lambda: check_description(typed))

    async def day(self, update: Update, context: Ctx) -> int:
        """A day of the calendar, or typed; not one that is over."""
        query = update.callback_query
        picked = parse_date(query.data.removeprefix("date:") if query and query.data
                            else typed_text(update))
        if picked is None:
            return await self._misread(update, context, DATE, questions.BAD_DATE)
        draft = self._draft(context)
        # The whole day must not be over (or, with a time already chosen, that moment).
        clock = time.fromisoformat(draft["time"]) if draft.get("time") else time.max
        return await self._take(update, context, DATE,
                                date=lambda: self._start(draft, picked, clock).date().isoformat())

    async def time(self, update: Update, context: Ctx) -> int:
        """`10:00` on the chosen day, not in the past."""
        picked = parse_time(typed_text(update))
        if picked is None:
            return await self._misread(update, context, TIME, questions.BAD_TIME)
        draft = self._draft(context)
        day = date.fromisoformat(draft["date"])
        return await self._take(update, context, TIME,
                                time=lambda: self._start(draft, day, picked).strftime("%H:%M"))

    async def duration(self, update: Update, context: Ctx) -> int:
        """A length button; Other asks for minutes."""
        choice = (update.callback_query.data or "").removeprefix("min:")
        if choice == "other":
            return await self.ask(update, context, MINUTES, self._draft(context))
        return await self._length(update, context, parse_minutes(choice), stale=True)

    async def minutes(self, update: Update, context: Ctx) -> int:
        """A typed length: `45`, `90 min`, `1:15`."""
        return await self._length(update, context, parse_minutes(typed_text(update)))

    async def place(self, update: Update, context: Ctx) -> int:
        """One line (an address or a video link), or Skip."""
        typed = "" if update.callback_query else typed_text(update)
        return await self._take(update, context, PLACE, place=lambda: check_place(typed))

    async def language(self, update: Update, context: Ctx) -> int:
        """The language of the guests' emails."""
        chosen = (update.callback_query.data or "").removeprefix("lang:")
        return await self._take(update, context, LANGUAGE, locale=lambda: check_locale(chosen))

    async def choose_step(self, update: Update, context: Ctx) -> int:
        """Edit a step, from the summary."""
        return await self.ask(update, context, STEP, self._draft(context))

    async def go_to_step(self, update: Update, context: Ctx) -> int:
        """The step chosen; its answer leads back to the summary."""
        state = STEP_NAMES.get((update.callback_query.data or "").removeprefix("step:"))
        if state is None:
            return await self.stale(update, context, STEP)
        return await self.ask(update, context, state, self._draft(context))

    def _start(self, draft: Draft, day: date, clock: time) -> datetime:
        """The moment chosen, as a wall time, once the domain says it is not in the past."""
        moment = datetime.combine(day, clock)
        check_start(moment, draft["timezone"], self.ctx.clock.now())
        return moment

    async def _length(self, update: Update, context: Ctx, minutes: int | None,
                      stale: bool = False) -> int:
        """A length read from a button (`stale` if unreadable) or typed; the end must come
        after the start."""
        if minutes is None and stale:
            return await self.stale(update, context, DURATION)
        if minutes is None:
            return await self._misread(update, context, MINUTES, questions.BAD_MINUTES)
        draft = self._draft(context)
        start = datetime.combine(date.fromisoformat(draft["date"]),
                                 time.fromisoformat(draft["time"]))

        def length() -> int:
            zone = ZoneInfo(draft["timezone"])
            check_end(start + timedelta(minutes=minutes), start.replace(tzinfo=zone), zone.key)
            return minutes

        return await self._take(update, context, DURATION, minutes=length)

