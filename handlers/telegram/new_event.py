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

from bot.domain.errors import InvalidInput
from bot.domain.validation import (
    check_attachments,
    check_description,
    check_end,
    check_locale,
    check_name,
    check_place,
    check_start,
    check_title,
)
from handlers.telegram import keyboards, questions
from handlers.telegram.conversation import conversation
from handlers.telegram.drafts import Draft
from handlers.telegram.guests import check_address
from handlers.telegram.parsing import parse_date, parse_minutes, parse_time
from handlers.telegram.people import words_for
from handlers.telegram.replies import Ctx, reply
from handlers.telegram.saving import Saving
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
    after,
)


class NewEvent(Saving):
    """The steps of the conversation; Saving (its base) starts, saves and cancels it."""

    def handler(self) -> ConversationHandler:
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
        return await self._take(update, context, TITLE, title=lambda: check_title(_typed(update)))

    async def description(self, update: Update, context: Ctx) -> int:
        typed = "" if update.callback_query else _typed(update)
        return await self._take(update, context, DESCRIPTION,
                                description=lambda: check_description(typed))

    async def day(self, update: Update, context: Ctx) -> int:
        query = update.callback_query
        picked = parse_date(query.data.removeprefix("date:") if query and query.data
                            else _typed(update))
        if picked is None:
            return await self._misread(update, context, DATE, questions.BAD_DATE)
        draft = self._draft(context)
        # The whole day must not be over (or, with a time already chosen, that moment).
        clock = time.fromisoformat(draft["time"]) if draft.get("time") else time.max
        return await self._take(update, context, DATE,
                                date=lambda: self._start(draft, picked, clock).date().isoformat())

    async def time(self, update: Update, context: Ctx) -> int:
        picked = parse_time(_typed(update))
        if picked is None:
            return await self._misread(update, context, TIME, questions.BAD_TIME)
        draft = self._draft(context)
        day = date.fromisoformat(draft["date"])
        return await self._take(update, context, TIME,
                                time=lambda: self._start(draft, day, picked).strftime("%H:%M"))

    async def duration(self, update: Update, context: Ctx) -> int:
        choice = (update.callback_query.data or "").removeprefix("min:")
        if choice == "other":
            return await self.ask(update, context, MINUTES, self._draft(context))
        return await self._length(update, context, parse_minutes(choice), stale=True)

    async def minutes(self, update: Update, context: Ctx) -> int:
        return await self._length(update, context, parse_minutes(_typed(update)))

    async def place(self, update: Update, context: Ctx) -> int:
        typed = "" if update.callback_query else _typed(update)
        return await self._take(update, context, PLACE, place=lambda: check_place(typed))

    async def email(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        try:
            address = check_address(draft["guests"], _typed(update))
        except InvalidInput as bad:
            full = "guests" in bad.problems  # the list is full: on to the next part
            next_step = after(MORE, draft["review"]) if full else EMAIL
            return await self._again(update, context, next_step, self._why(update, bad))
        return await self._next(update, context, EMAIL, guest={"email": address})

    async def first(self, update: Update, context: Ctx) -> int:
        guest = self._draft(context).get("guest") or {}
        if "email" not in guest:
            return await self.ask(update, context, EMAIL, self._draft(context))
        return await self._take(update, context, FIRST, guest=lambda: {
            **guest, "first_name": check_name("first_name", _typed(update))})

    async def last(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        guest = draft.get("guest") or {}
        if "first_name" not in guest:
            return await self.ask(update, context, EMAIL, draft)
        return await self._take(update, context, LAST, guest=lambda: None, guests=lambda: [
            *draft["guests"], {**guest, "last_name": check_name("last_name", _typed(update))}])

    async def more(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        if update.callback_query.data == "add":
            return await self.ask(update, context, EMAIL, draft)
        return await self.ask(update, context, after(MORE, draft["review"]), draft)

    async def file(self, update: Update, context: Ctx) -> int:
        draft, document = self._draft(context), update.effective_message.document
        name, size = document.file_name or "attachment", document.file_size or 0
        try:
            check_attachments([*((f["name"], f["size"]) for f in draft["files"]), (name, size)])
        except InvalidInput as bad:
            return await self._again(update, context, FILES, self._why(update, bad))
        added = {"file_id": document.file_id, "name": name, "size": size,
                 "mime": document.mime_type or "application/octet-stream"}
        t, _ = words_for(self.settings, update.effective_user)
        await reply(update, context, t.gettext(questions.GOT_FILE).format(name=name),
                    keyboards.done(t))
        context.user_data["draft"] = {**draft, "files": [*draft["files"], added]}
        return FILES

    async def files_done(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        return await self.ask(update, context, after(FILES, draft["review"]), draft)

    async def language(self, update: Update, context: Ctx) -> int:
        chosen = (update.callback_query.data or "").removeprefix("lang:")
        return await self._take(update, context, LANGUAGE, locale=lambda: check_locale(chosen))

    async def choose_step(self, update: Update, context: Ctx) -> int:
        return await self.ask(update, context, STEP, self._draft(context))

    async def go_to_step(self, update: Update, context: Ctx) -> int:
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


def _typed(update: Update) -> str:
    return (update.effective_message.text if update.effective_message else None) or ""
