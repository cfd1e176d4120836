"""Starting /event new, saving what was typed, cancelling, and the other /event words."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import services
from bot.config import Settings
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.model import Answer, Attachment
from bot.services import Context
from bot.text import short_when
from handlers.telegram import texts
from handlers.telegram.drafts import from_event, new_draft, to_event_draft
from handlers.telegram.people import is_admin, may_use, person
from handlers.telegram.steps import FIELD_STEPS, SUMMARY, TITLE, ask

Ctx = ContextTypes.DEFAULT_TYPE
END = ConversationHandler.END


class Saving:
    def __init__(self, ctx: Context, settings: Settings) -> None:
        self.ctx, self.settings = ctx, settings

    async def command(self, update: Update, context: Ctx) -> int:
        """`/event`, `/event new`, `/event list`, `/event help`."""
        word = (context.args or ["new"])[0].lower()
        if word == "new":
            return await self.start(update, context)
        if not await self._allowed(update, context):
            return END
        if word == "list":
            await update.effective_message.reply_text(await self.upcoming(update))
        else:
            await update.effective_message.reply_text(texts.HELP)
        return END

    async def start(self, update: Update, context: Ctx) -> int:
        if not await self._allowed(update, context) or not await self._mail_ready(update):
            return END
        who = person(self.settings, update.effective_user)
        context.user_data["draft"] = new_draft(self.settings.DEFAULT_TIMEZONE,
                                               who.locale or "en")
        return await ask(update, TITLE, self._draft(context))

    async def from_card(self, update: Update, context: Ctx) -> int:
        """Edit or Invite more on the card: the same questions, starting from the event."""
        if not await self._allowed(update, context):
            return END
        _, action, event_id = (update.callback_query.data or "").split(":")
        event = await services.get_event(self.ctx, int(event_id))
        context.user_data["draft"] = from_event(event)
        state = FIELD_STEPS["guests"] if action == "more" else SUMMARY
        return await ask(update, state, self._draft(context))

    async def save(self, update: Update, context: Ctx) -> int:
        await update.callback_query.answer()
        draft, who = self._draft(context), person(self.settings, update.effective_user)
        try:
            files = [await self._download(context, f) for f in draft["files"]]
            event_draft = to_event_draft(draft, files)
            if draft["event_id"]:
                await services.update_event(self.ctx, who, draft["event_id"], event_draft)
                await update.effective_message.reply_text(texts.UPDATED)
            else:
                await self._create(update, who, event_draft, draft.get("key"))
        except InvalidInput as invalid:
            field, problem = next(iter(invalid.problems.items()))
            step = FIELD_STEPS.get(field.split(".")[0], SUMMARY)
            return await ask(update, step, draft, texts.NOT_SAVED.format(problem=problem))
        except DomainError as exc:
            await update.effective_message.reply_text(texts.NOT_SAVED.format(problem=exc))
        context.user_data.pop("draft", None)
        return END

    async def _create(self, update: Update, who: object, event_draft: object,
                      key: str | None) -> None:
        """The card follows from the outbox, posted by the one card writer."""
        event = await services.create_event(self.ctx, who, event_draft,  # type: ignore[arg-type]
                                            draft_key=key)
        await update.effective_message.reply_text(
            texts.SAVED.format(count=len(event.guests)))

    async def cancel(self, update: Update, context: Ctx) -> int:
        if update.callback_query:
            await update.callback_query.answer()
        context.user_data.pop("draft", None)
        await update.effective_message.reply_text(texts.CANCELLED)
        return END

    async def listing(self, update: Update, context: Ctx) -> None:
        """/events: the same as /event list."""
        if await self._allowed(update, context):
            await update.effective_message.reply_text(await self.upcoming(update))

    async def upcoming(self, update: Update) -> str:
        events = await services.list_upcoming(self.ctx, person(self.settings,
                                                               update.effective_user))
        lines = [f"• {e.title} — {short_when(e.start, e.timezone)}: "
                 f"{e.count(Answer.ACCEPTED)} accepted, {e.count(Answer.DECLINED)} declined, "
                 f"{len(e.current_attendees)} invited" for e in events]
        return "\n".join(lines) or texts.NO_EVENTS

    async def _allowed(self, update: Update, context: Ctx) -> bool:
        if await may_use(context.bot, self.settings, update.effective_user):
            return True
        if update.callback_query:
            await update.callback_query.answer()
        await update.effective_message.reply_text(texts.STRANGER)
        return False

    async def _mail_ready(self, update: Update) -> bool:
        who = person(self.settings, update.effective_user)
        if self.settings.SMTP_URL or await services.get_mail_settings(self.ctx, who):
            return True
        admin = is_admin(self.settings, update.effective_user)
        await update.effective_message.reply_text(
            texts.MAIL_FIRST_ADMIN if admin else texts.MAIL_FIRST_OTHER)
        return False

    async def _download(self, context: Ctx, file: dict) -> Attachment:
        found = await context.bot.get_file(file["file_id"])
        return Attachment(file["name"], file["mime"], bytes(await found.download_as_bytearray()))

    def _draft(self, context: Ctx) -> dict:
        raise NotImplementedError
