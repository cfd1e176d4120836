"""Listeners of the event form: invite a guest (pushed form), remove one, and save."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.cards import set_card
from bot.config import Settings
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.validation import check_email, validate_event
from bot.services import Context
from handlers.slack import texts
from handlers.slack.blocks import values
from handlers.slack.card import card
from handlers.slack.drafts import download, field_errors, files_problem, read_event_form
from handlers.slack.forms import (
    EventFields,
    FormState,
    event_form,
    forget,
    guest_form,
    recall,
)
from handlers.slack.ids import Action, Block, View
from handlers.slack.people import person

log = logging.getLogger("ospite.slack")


def register(app: AsyncApp, ctx: Context, settings: Settings) -> None:
    @app.action(Action.INVITE_GUEST)
    async def invite_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        state = await recall(ctx, body["view"]["private_metadata"])
        await client.views_push(trigger_id=body["trigger_id"], view=guest_form(state))

    @app.view(View.GUEST)
    async def add_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        view = body["view"]
        state = await recall(ctx, view["private_metadata"])
        guest, errors = _guest(values(view), state)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        state.guests.append(guest)
        await _refresh(ctx, client, view["root_view_id"], None, state)

    @app.action(Action.REMOVE_GUEST)
    async def remove_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        view = body["view"]
        state = await recall(ctx, view["private_metadata"])
        index = int(body["actions"][0]["value"])
        if 0 <= index < len(state.guests):
            del state.guests[index]
        await _refresh(ctx, client, view["id"], view.get("hash"), state)

    @app.view(View.EVENT)
    async def save(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        team = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
        state = await recall(ctx, body["view"]["private_metadata"])
        draft, files = read_event_form(body["view"], state, team)
        try:
            validate_event(draft, ctx.clock.now())
            problem = files_problem(files)
            if problem:
                raise InvalidInput({"attachments": problem})
        except InvalidInput as invalid:
            await ack(response_action="errors", errors=field_errors(invalid.problems))
            return
        await ack()
        organizer = await person(client, team, body["user"]["id"])
        try:
            draft.attachments = await download(files, settings.SLACK_BOT_TOKEN or "")
            await _store(ctx, client, organizer, draft, state)
            await forget(ctx, state)
        except (DomainError, OSError) as exc:
            log.warning("saving an event for %s failed: %s", organizer.user_id, exc)
            await _dm(client, organizer.user_id, texts.SAVE_FAILED.format(reason=exc))


async def _store(ctx: Context, client: AsyncWebClient, organizer: Any, draft: Any,
                 state: FormState) -> None:
    if state.event_id is not None:
        await services.update_event(ctx, organizer, state.event_id, draft)
        return  # the card follows from the outbox (chat.card)
    event = await services.create_event(ctx, organizer, draft)
    text, blocks = card(event)
    posted = await _dm(client, organizer.user_id, text, blocks)
    await set_card(ctx, event.id or 0, {"channel": posted["channel"], "ts": posted["ts"]})


async def _dm(client: AsyncWebClient, user_id: str, text: str,
              blocks: list[dict[str, Any]] | None = None) -> Any:
    channel = (await client.conversations_open(users=user_id))["channel"]["id"]
    return await client.chat_postMessage(channel=channel, text=text, blocks=blocks)


async def _refresh(ctx: Context, client: AsyncWebClient, view_id: str, view_hash: str | None,
                   state: FormState) -> None:
    # Slack keeps what was typed in input blocks whose ids do not change.
    fields = EventFields(**state.fields) if state.fields else EventFields()
    await client.views_update(view_id=view_id, hash=view_hash,
                              view=await event_form(ctx, fields, state))


def _guest(found: dict[str, Any], state: FormState) -> tuple[dict[str, str], dict[str, str]]:
    errors: dict[str, str] = {}
    email = (found.get(Block.EMAIL) or "").strip()
    try:
        email = check_email(email)
    except InvalidInput as bad:
        errors[Block.EMAIL] = bad.problems["email"]
    if email.lower() in {g["email"].lower() for g in state.guests}:
        errors[Block.EMAIL] = "This guest is already invited."
    first, last = (found.get(Block.FIRST) or "").strip(), (found.get(Block.LAST) or "").strip()
    for block, value in ((Block.FIRST, first), (Block.LAST, last)):
        if not value:
            errors[block] = "Please fill this in."
    return {"email": email, "first_name": first, "last_name": last}, errors
