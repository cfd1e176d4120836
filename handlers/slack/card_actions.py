"""Buttons on the card (Edit, Invite more, Cancel) and on a colleague's invitation."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.domain.errors import DomainError
from bot.domain.model import Answer
from bot.services import Context
from handlers.slack import texts
from handlers.slack.forms import EventFields, FormState, event_form
from handlers.slack.ids import Action
from handlers.slack.people import person


def register(app: AsyncApp, ctx: Context) -> None:
    @app.action(Action.EDIT)
    @app.action(Action.INVITE_MORE)
    async def edit(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        event = await services.get_event(ctx, int(body["actions"][0]["value"]))
        people = await services.list_people(ctx, [a.person_id for a in event.colleagues
                                                  if a.person_id])
        fields = EventFields.of(event, [p.user_id for p in people.values()])
        guests = [{"email": g.email, "first_name": g.first_name, "last_name": g.last_name}
                  for g in event.guests]
        state = FormState(guests=guests, event_id=event.id)
        await client.views_open(trigger_id=body["trigger_id"],
                                view=await event_form(ctx, fields, state))

    @app.action(Action.CANCEL)
    async def cancel(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        who = await person(client, body["user"]["team_id"], body["user"]["id"])
        try:
            event = await services.cancel_event(ctx, who, int(body["actions"][0]["value"]))
            text = texts.CANCELLED.format(title=event.title)
        except DomainError as exc:
            text = str(exc) or texts.NOT_YOURS
        await client.chat_postMessage(channel=body["channel"]["id"], text=text)

    @app.action(Action.ACCEPT)
    @app.action(Action.DECLINE)
    async def colleague_answer(ack: AsyncAck, body: dict[str, Any],
                               client: AsyncWebClient) -> None:
        await ack()
        action = body["actions"][0]
        answer = Answer.ACCEPTED if action["action_id"] == Action.ACCEPT else Answer.DECLINED
        who = await person(client, body["user"]["team_id"], body["user"]["id"])
        try:
            await services.respond_as_colleague(ctx, who, int(action["value"]), answer)
            text = texts.YOUR_ANSWER.format(answer=texts.ANSWER_LABELS[answer.value])
        except DomainError as exc:
            text = str(exc)
        await client.chat_postMessage(channel=body["channel"]["id"], text=text)
