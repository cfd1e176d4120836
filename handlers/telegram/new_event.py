"""/event new: a conversation that asks one thing at a time, then saves through the services."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.domain.errors import InvalidInput
from bot.domain.validation import check_email
from bot.services import Context
from handlers.telegram import texts
from handlers.telegram.conversation import conversation
from handlers.telegram.drafts import Draft
from handlers.telegram.keyboards import choices
from handlers.telegram.parsing import one_line, parse_date, parse_minutes, parse_time
from handlers.telegram.saving import Saving
from handlers.telegram.steps import (
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
    ask,
)

Ctx = ContextTypes.DEFAULT_TYPE
MAX_FILES, MAX_BYTES = 10, 10 * 2**20


class NewEvent(Saving):
    """The steps of the conversation; Saving (its base) starts, saves and cancels it."""

    def __init__(self, ctx: Context, settings: Settings) -> None:
        super().__init__(ctx, settings)

    def handler(self) -> ConversationHandler:
        typed = filters.TEXT & ~filters.COMMAND
        on = CallbackQueryHandler
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
                DURATION: [on(self.duration, pattern="^min:")],
                MINUTES: [MessageHandler(typed, self.minutes)],
                PLACE: [MessageHandler(typed, self.place), on(self.place, pattern="^skip$")],
                EMAIL: [MessageHandler(typed, self.email)],
                FIRST: [MessageHandler(typed, self.first)],
                LAST: [MessageHandler(typed, self.last)],
                MORE: [on(self.more, pattern="^(add|done)$")],
                FILES: [MessageHandler(filters.Document.ALL, self.file),
                        on(self.files_done, pattern="^(skip|done)$")],
                LANGUAGE: [on(self.language, pattern="^lang:")],
                SUMMARY: [on(self.save, pattern="^save$"),
                          on(self.choose_step, pattern="^edit$"),
                          on(self.cancel, pattern="^cancel$")],
                STEP: [on(self.go_to_step, pattern="^step:")],
            },
            fallbacks=[CommandHandler("cancel", self.cancel)],
            name="new_event", persistent=True, allow_reentry=True)

    async def title(self, update: Update, context: Ctx) -> int:
        value = one_line(update.effective_message.text or "", 255)
        if value is None:
            return await ask(update, TITLE, self._draft(context), texts.BAD_TITLE)
        return await self._next(update, context, TITLE, title=value)

    async def description(self, update: Update, context: Ctx) -> int:
        value = "" if update.callback_query else (update.effective_message.text or "").strip()
        if len(value) > 5000 or "\x00" in value:
            return await ask(update, DESCRIPTION, self._draft(context), texts.BAD_DESCRIPTION)
        return await self._next(update, context, DESCRIPTION, description=value)

    async def day(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        query = update.callback_query
        raw = query.data.removeprefix("date:") if query and query.data else (
            update.effective_message.text or "")
        picked = parse_date(raw)
        if picked is None:
            return await ask(update, DATE, draft, texts.BAD_DATE)
        if picked < date.fromisoformat(draft["today"]):
            return await ask(update, DATE, draft, texts.PAST_DATE)
        return await self._next(update, context, DATE, date=picked.isoformat())

    async def time(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        picked = parse_time(update.effective_message.text or "")
        if picked is None:
            return await ask(update, TIME, draft, texts.BAD_TIME)
        if _in_past(draft, date.fromisoformat(draft["date"]), picked, self.ctx.clock.now()):
            return await ask(update, TIME, draft, texts.PAST_TIME)
        return await self._next(update, context, TIME, time=picked.strftime("%H:%M"))

    async def duration(self, update: Update, context: Ctx) -> int:
        choice = (update.callback_query.data or "").removeprefix("min:")
        if choice == "other":
            return await ask(update, MINUTES, self._draft(context))
        return await self._next(update, context, DURATION, minutes=int(choice))

    async def minutes(self, update: Update, context: Ctx) -> int:
        value = parse_minutes(update.effective_message.text or "")
        if value is None:
            return await ask(update, MINUTES, self._draft(context), texts.BAD_MINUTES)
        return await self._next(update, context, DURATION, minutes=value)

    async def place(self, update: Update, context: Ctx) -> int:
        if update.callback_query:
            return await self._next(update, context, PLACE, place="")
        value = one_line(update.effective_message.text or "", 1024)
        if value is None:
            return await ask(update, PLACE, self._draft(context), texts.BAD_PLACE)
        return await self._next(update, context, PLACE, place=value)

    async def email(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        try:
            email = check_email(update.effective_message.text or "")
        except InvalidInput as bad:
            return await ask(update, EMAIL, draft, bad.problems["email"])
        if email.lower() in {g["email"].lower() for g in draft["guests"]}:
            return await ask(update, EMAIL, draft, texts.SAME_EMAIL)
        draft["guest"] = {"email": email}
        return await ask(update, FIRST, draft)

    async def first(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        value = one_line(update.effective_message.text or "", 255)
        if value is None:
            return await ask(update, FIRST, draft, texts.BAD_NAME)
        draft["guest"]["first_name"] = value
        return await ask(update, LAST, draft)

    async def last(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        value = one_line(update.effective_message.text or "", 255)
        if value is None:
            return await ask(update, LAST, draft, texts.BAD_NAME)
        draft["guests"].append({**draft.pop("guest"), "last_name": value})
        return await ask(update, after(LAST, draft), draft)

    async def more(self, update: Update, context: Ctx) -> int:
        draft = self._draft(context)
        if update.callback_query.data == "add":
            return await ask(update, EMAIL, draft)
        return await ask(update, after(MORE, draft), draft)

    async def file(self, update: Update, context: Ctx) -> int:
        draft, document = self._draft(context), update.effective_message.document
        size = sum(f["size"] for f in draft["files"]) + (document.file_size or 0)
        if len(draft["files"]) >= MAX_FILES or size > MAX_BYTES:
            await update.effective_message.reply_text(texts.TOO_MANY_FILES)
            return FILES
        name = document.file_name or "attachment"
        draft["files"].append({"file_id": document.file_id, "name": name,
                               "mime": document.mime_type or "application/octet-stream",
                               "size": document.file_size or 0})
        await update.effective_message.reply_text(
            texts.GOT_FILE.format(name=name), reply_markup=choices([("Done", "done")]))
        return FILES

    async def files_done(self, update: Update, context: Ctx) -> int:
        return await ask(update, after(FILES, self._draft(context)), self._draft(context))

    async def language(self, update: Update, context: Ctx) -> int:
        locale = (update.callback_query.data or "").removeprefix("lang:")
        return await self._next(update, context, LANGUAGE, locale=locale)

    async def choose_step(self, update: Update, context: Ctx) -> int:
        return await ask(update, STEP, self._draft(context))

    async def go_to_step(self, update: Update, context: Ctx) -> int:
        name = (update.callback_query.data or "").removeprefix("step:")
        return await ask(update, STEP_NAMES.get(name, SUMMARY), self._draft(context))

    def _draft(self, context: Ctx) -> Draft:
        draft: Draft = context.user_data["draft"]  # type: ignore[index]
        zone = ZoneInfo(draft["timezone"])
        draft["today"] = self.ctx.clock.now().astimezone(zone).date().isoformat()
        return draft

    async def _next(self, update: Update, context: Ctx, state: int, **values: Any) -> int:
        draft = self._draft(context)
        draft.update(values)
        return await ask(update, after(state, draft), draft)


def _in_past(draft: Draft, day: date, clock: time, now: datetime) -> bool:
    return datetime.combine(day, clock, tzinfo=ZoneInfo(draft["timezone"])) < now
