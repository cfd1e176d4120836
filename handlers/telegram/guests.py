"""Who and what goes to the guests: each guest typed one field at a time, checked by the
domain's rules for the whole guest list, and the files sent in the chat."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.drafts import GuestDraft
from bot.domain.errors import InvalidInput
from bot.domain.validation import check_attachments, check_guests, check_name
from handlers.telegram import keyboards, questions
from handlers.telegram.people import words_for
from handlers.telegram.replies import Ctx, reply, typed_text
from handlers.telegram.saving import Saving
from handlers.telegram.states import EMAIL, FILES, FIRST, LAST, MORE, after

# The names come at the next steps; a stand-in lets the list rule judge the address now.
_NAME_TO_COME = "-"


def check_address(guests: list[dict[str, Any]], email: str) -> str:
    """The next guest's address, normalised; InvalidInput under `email` (bad, already on the
    list) or `guests` (the list is full)."""
    listed = [GuestDraft(g["email"], g["first_name"], g["last_name"]) for g in guests]
    try:
        clean = check_guests([*listed, GuestDraft(email, _NAME_TO_COME, _NAME_TO_COME)])
    except InvalidInput as bad:
        mine = f"guests.{len(listed)}."
        ours = {name.removeprefix(mine): found for name, found in bad.problems.items()
                if name == "guests" or name.startswith(mine)}
        raise InvalidInput(ours or bad.problems) from None
    return clean[-1].email


class GuestSteps(Saving):
    """Email, first name, last name, another one?, then files."""

    async def email(self, update: Update, context: Ctx) -> int:
        """A valid address not yet on the list; a full list goes on to the next part."""
        draft = self._draft(context)
        try:
            address = check_address(draft["guests"], typed_text(update))
        except InvalidInput as bad:
            full = "guests" in bad.problems  # the list is full: on to the next part
            next_step = after(MORE, draft["review"]) if full else EMAIL
            return await self._again(update, context, next_step, self._why(update, bad))
        return await self._next(update, context, EMAIL, guest={"email": address})

    async def first(self, update: Update, context: Ctx) -> int:
        """One line, required."""
        guest = self._draft(context).get("guest") or {}
        if "email" not in guest:
            return await self.ask(update, context, EMAIL, self._draft(context))
        return await self._take(update, context, FIRST, guest=lambda: {
            **guest, "first_name": check_name("first_name", typed_text(update))})

    async def last(self, update: Update, context: Ctx) -> int:
        """One line, required; the guest joins the list."""
        draft = self._draft(context)
        guest = draft.get("guest") or {}
        if "first_name" not in guest:
            return await self.ask(update, context, EMAIL, draft)
        typed = typed_text(update)
        return await self._take(update, context, LAST, guest=lambda: None, guests=lambda: [
            *draft["guests"], {**guest, "last_name": check_name("last_name", typed)}])

    async def more(self, update: Update, context: Ctx) -> int:
        """Add another guest, or Done."""
        draft = self._draft(context)
        if update.callback_query.data == "add":
            return await self.ask(update, context, EMAIL, draft)
        return await self.ask(update, context, after(MORE, draft["review"]), draft)

    async def file(self, update: Update, context: Ctx) -> int:
        """A document sent in the chat, within the attachment limits (fetched at Save)."""
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
        """Skip or Done: on to the language."""
        draft = self._draft(context)
        return await self.ask(update, context, after(FILES, draft["review"]), draft)
