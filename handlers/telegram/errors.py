"""The one error path of the Telegram front end: a refusal or an apology in the person's words,
then the question they were answering; the log gets one record with the stack."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.config import Settings
from bot.domain.errors import DomainError
from bot.text import REFUSALS, refusal
from handlers.telegram.people import words_for
from handlers.telegram.replies import Ctx, answer

log = logging.getLogger("ospite.telegram")

Again = Callable[[Update, Ctx], Awaitable[None]]
ErrorHandler = Callable[[object, Ctx], Awaitable[None]]


def error_handler(settings: Settings, again: Again) -> ErrorHandler:
    """For `application.add_error_handler`: every failure of every handler comes here."""

    async def on_error(update: object, context: Ctx) -> None:
        """Tell the person, log what was unexpected, and stop this update there."""
        error = context.error
        if not isinstance(error, DomainError):
            # Only the type and the update's number: what people type may be a password.
            log.error("a Telegram update (%s) failed: %s",
                      getattr(update, "update_id", "none"), type(error).__name__, exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            await _tell(settings, update, context, error, again)
        # One message per update: the later handler groups (saving the draft) would only
        # fail the same way or store a half-done step.
        raise ApplicationHandlerStop

    return on_error


async def _tell(settings: Settings, update: Update, context: Ctx, error: Exception | None,
                again: Again) -> None:
    t, _ = words_for(settings, update.effective_user)
    words = (refusal(error, t) if isinstance(error, DomainError)
             else t.gettext(REFUSALS["failed"]))
    try:
        with contextlib.suppress(BadRequest):  # the step may have answered the button already
            await answer(update, context, words)
        await update.effective_chat.send_message(words)  # type: ignore[union-attr]
        await again(update, context)
    except TelegramError as exc:  # nothing more we can say to them
        log.warning("could not tell a Telegram user about an error: %s", type(exc).__name__)
