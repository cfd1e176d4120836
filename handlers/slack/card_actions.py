"""Buttons on the card (Edit, Invite more, Cancel) and on a colleague's invitation."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.chat import messages
from bot.domain.errors import NotFound
from bot.domain.model import Answer
from bot.i18n import tr
from bot.services import Context
from handlers.slack.event_form import open_event_form
from handlers.slack.forms import EventFields, FormState
from handlers.slack.ids import Action
from handlers.slack.replies import Replies


def register(app: AsyncApp, ctx: Context, replies: Replies) -> None:
    @app.action(Action.EDIT)
    @app.action(Action.INVITE_MORE)
    async def edit(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        who = await replies.who(client, body)
        event = await services.get_own_event(ctx, who, _id(body))
        people = await services.list_people(ctx, [a.person_id for a in event.colleagues
                                                  if a.person_id])
        fields = EventFields.of(event, [p.user_id for p in people.values()])
        guests = [{"email": g.email, "first_name": g.first_name, "last_name": g.last_name}
                  for g in event.guests]
        state = FormState(owner=who.user_id, guests=guests, event_id=event.id)
        await open_event_form(ctx, client, body["trigger_id"], fields, state, who.locale or "en")

    @app.action(Action.CANCEL)
    async def cancel(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        who = await replies.who(client, body)
        event = await services.cancel_event(ctx, who, _id(body))
        await replies.tell(client, who, messages.cancelled(event, tr(who.locale or "en")))

    @app.action(Action.ACCEPT)
    @app.action(Action.DECLINE)
    async def colleague_answer(ack: AsyncAck, body: dict[str, Any],
                               client: AsyncWebClient) -> None:
        await ack()
        who = await replies.who(client, body)
        answer = (Answer.ACCEPTED if body["actions"][0]["action_id"] == Action.ACCEPT
                  else Answer.DECLINED)
        invitation, seen = _invitation(body)
        await services.respond_as_colleague(ctx, who, invitation, answer, seen)
        await replies.tell(client, who, messages.your_answer(answer, tr(who.locale or "en")))


def _invitation(body: dict[str, Any]) -> tuple[int, int | None]:
    """A colleague's button: the invitation id and the event version it was shown for."""
    value = str((body.get("actions") or [{}])[0].get("value", ""))
    invitation, _, seen = value.partition(":")
    if not invitation.isdigit() or len(invitation) > 18 or (seen and not seen.isdigit()):
        raise NotFound("invitation")
    return int(invitation), int(seen) if seen else None


def _id(body: dict[str, Any]) -> int:
    """The event or invitation id a button carries; forged values find nothing."""
    value = str((body.get("actions") or [{}])[0].get("value", ""))
    if not value.isdigit() or len(value) > 18:
        raise NotFound("event")
    return int(value)
