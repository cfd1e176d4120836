"""Starting /event new (or an edit from the card), saving what was typed, and stopping."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot import services
from bot.chat import messages
from bot.chat.views import View
from bot.domain.drafts import EventDraft
from bot.domain.errors import InvalidInput
from bot.domain.model import Event, PersonRef
from bot.i18n import Translator
from bot.mailbox import mail_ready
from bot.text import explain
from handlers.telegram import questions
from handlers.telegram.commands import Commands
from handlers.telegram.drafts import Draft, from_event, new_draft, to_event_draft
from handlers.telegram.files import fetch_files
from handlers.telegram.parsing import parse_id
from handlers.telegram.people import colleague, is_admin, person, words_for
from handlers.telegram.replies import Ctx, answer, reply, say
from handlers.telegram.states import EMAIL, FIELD_STEPS, SUMMARY, TITLE

END = ConversationHandler.END
SETUP_COMMAND = "/setupmail"


class Saving(Commands):
    async def command(self, update: Update, context: Ctx) -> int:
        """`/event`, `/event new`, `/event list`, `/event help`."""
        word = (context.args or ["new"])[0].lower()
        if word == "new":
            return await self.start(update, context)
        if word == "list":
            await self.listing(update, context)
        else:
            await self.help(update, context)
        return END

    async def start(self, update: Update, context: Ctx) -> int:
        """/event new: for people of the company, once invitations can go out."""
        if not await self.admitted(update, context) or not await self._mail_ready(update, context):
            return END
        who = person(self.settings, update.effective_user)
        draft = new_draft(self.settings.DEFAULT_TIMEZONE, who.locale or "en")
        t, _ = words_for(self.settings, update.effective_user)
        asked = await self.ask(update, context, TITLE, draft, t.gettext(questions.START))
        context.user_data["draft"] = draft
        return asked

    async def from_card(self, update: Update, context: Ctx) -> int:
        """Edit or Invite more on the card: the same questions, starting from the event."""
        if not await self.admitted(update, context):
            return END
        _, action, value = (update.callback_query.data or "").split(":")
        event = await self._own_event(update, value)
        people = await services.list_people(self.ctx, [a.person_id for a in event.colleagues
                                                       if a.person_id])
        draft = from_event(event, [p.user_id for p in people.values()])
        asked = await self.ask(update, context, EMAIL if action == "more" else SUMMARY, draft)
        context.user_data["draft"] = draft
        return asked

    async def save(self, update: Update, context: Ctx) -> int:
        """Save: a problem sends the organizer back to the step of its field."""
        draft, who = self._draft(context), person(self.settings, update.effective_user)
        t, locale = words_for(self.settings, update.effective_user)
        await answer(update, context)
        files, problems = await fetch_files(context.bot, draft["files"])
        colleagues = [colleague(self.settings, user_id) for user_id in draft.get("colleagues", [])]
        try:
            said = await self._store(who, draft, to_event_draft(draft, files, colleagues), t)
        except InvalidInput as invalid:
            field, found = next(iter(invalid.problems.items()))
            problem = t.gettext(questions.NOT_SAVED).format(problem=explain(found, t, locale))
            return await self.ask(update, context, FIELD_STEPS.get(field.split(".")[0], SUMMARY),
                                  draft, problem)
        await say(update, context, said)
        for missing in problems:
            await say(update, context, messages.file_not_attached(missing.name, missing.reason, t))
        context.user_data.pop("draft", None)
        return END

    async def _store(self, who: PersonRef, draft: Draft, event_draft: EventDraft,
                     t: Translator) -> View:
        """Update the event, or create it once however often Save is pressed; the card
        follows from the outbox, posted by the one card writer."""
        if draft["event_id"]:
            changes = await services.update_event(self.ctx, who, draft["event_id"], event_draft,
                                                  bool(draft.get("notify", False)))
            return messages.updated(draft["title"], changes.told, t)
        event = await services.create_event(self.ctx, who, event_draft, draft_key=draft["key"])
        return messages.saved(event, t)

    async def cancel(self, update: Update, context: Ctx) -> int:
        """/cancel or Cancel: the draft is dropped."""
        t, _ = words_for(self.settings, update.effective_user)
        await reply(update, context, t.gettext(questions.STOPPED))
        context.user_data.pop("draft", None)
        return END

    async def _own_event(self, update: Update, value: str) -> Event:
        """The organizer's event a button names; anyone else learns nothing of it."""
        who = person(self.settings, update.effective_user)
        return await services.get_own_event(self.ctx, who, parse_id(value) or 0)

    async def _mail_ready(self, update: Update, context: Ctx) -> bool:
        who = person(self.settings, update.effective_user)
        if await mail_ready(self.ctx, bool(self.settings.SMTP_URL), who):
            return True
        t, _ = words_for(self.settings, update.effective_user)
        admin = is_admin(self.settings, update.effective_user)
        await say(update, context, messages.mail_first(admin, SETUP_COMMAND, t))
        return False
