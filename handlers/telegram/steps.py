"""Asking the questions of /event new: one at a time, again after a slip, in the reader's words.

A step changes the draft only once its answer passed the domain's rule and the next question
went out; anything that goes wrong before leaves the draft as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot.config import Settings
from bot.domain.errors import InvalidInput
from bot.services import Context
from bot.text import explain
from handlers.telegram import questions
from handlers.telegram.drafts import Draft
from handlers.telegram.people import words_for
from handlers.telegram.replies import Ctx, answer, reply
from handlers.telegram.states import SUMMARY, after


class Asking:
    """Asks one question at a time; the draft remembers which, to ask it again after a slip."""

    def __init__(self, ctx: Context, settings: Settings) -> None:
        self.ctx, self.settings = ctx, settings

    async def ask(self, update: Update, context: Ctx, state: int, draft: Draft,
                  before: str | None = None) -> int:
        """Ask the question of `state`, after `before` (what was wrong, if anything)."""
        if state == SUMMARY:
            draft["review"] = True  # from now on, a changed answer comes back to the summary
        draft["state"] = state
        t, locale = words_for(self.settings, update.effective_user)
        today = self.ctx.clock.now().astimezone(ZoneInfo(draft["timezone"])).date()
        text, keyboard = questions.question(state, draft, t, locale, today)
        await reply(update, context, f"{before}\n\n{text}" if before else text, keyboard)
        return state

    async def reask(self, update: Update, context: Ctx) -> bool:
        """The question the person was answering, if they are typing an event."""
        draft = (context.user_data or {}).get("draft")
        if not draft or "state" not in draft:
            return False
        await self.ask(update, context, draft["state"], draft)
        return True

    async def stale(self, update: Update, context: Ctx, state: int) -> int:
        """A button this step did not offer (an old message, forged data): say so, ask again."""
        t, _ = words_for(self.settings, update.effective_user)
        await answer(update, context, t.gettext(questions.STALE))
        return await self.ask(update, context, state, self._draft(context))

    async def _take(self, update: Update, context: Ctx, state: int,
                    **checks: Callable[[], Any]) -> int:
        """The answer to `state`, each value through its check; a problem is explained and the
        question asked again."""
        try:
            values = {name: check() for name, check in checks.items()}
        except InvalidInput as bad:
            return await self._again(update, context, state, self._why(update, bad))
        return await self._next(update, context, state, **values)

    async def _next(self, update: Update, context: Ctx, state: int, **values: Any) -> int:
        """Store the answer to `state` and ask what comes after it."""
        draft = {**self._draft(context), **values}
        asked = await self.ask(update, context, after(state, draft.get("review", False)), draft)
        context.user_data["draft"] = draft  # type: ignore[index]
        return asked

    async def _again(self, update: Update, context: Ctx, state: int, words: str) -> int:
        return await self.ask(update, context, state, self._draft(context), words)

    async def _misread(self, update: Update, context: Ctx, state: int, message: str) -> int:
        """What was typed cannot be read (a date, a time): how to type it, and ask again."""
        t, _ = words_for(self.settings, update.effective_user)
        return await self._again(update, context, state, t.gettext(message))

    def _why(self, update: Update, bad: InvalidInput) -> str:
        """The first problem, in the reader's words."""
        t, locale = words_for(self.settings, update.effective_user)
        return explain(next(iter(bad.problems.values())), t, locale)

    def _draft(self, context: Ctx) -> Draft:
        return context.user_data["draft"]  # type: ignore[index]
