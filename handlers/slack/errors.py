"""The one error path of the Slack front end: a refusal or an apology in the person's words."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import messages
from bot.domain.errors import DomainError
from bot.i18n import tr
from bot.text import REFUSALS, refusal
from handlers.slack.replies import Replies, direct_message

log = logging.getLogger("ospite.slack")


def register(app: AsyncApp, replies: Replies) -> None:
    @app.error
    async def on_error(error: Exception, body: dict[str, Any], client: AsyncWebClient) -> None:
        if not isinstance(error, DomainError):
            log.error("a Slack listener failed: %s", type(error).__name__, exc_info=error)
        try:
            who = await replies.who(client, body)
            t = tr(who.locale or replies.default_locale)
            words = (refusal(error, t) if isinstance(error, DomainError)
                     else t.gettext(REFUSALS["failed"]))
            if who.user_id:
                await direct_message(client, who.user_id, messages.refused(words))
        except SlackApiError as exc:  # nothing more we can say to them
            log.warning("could not tell the user about an error: %s", exc.response.get("error"))
