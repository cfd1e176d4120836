"""Listeners of the event form: invite a guest (pushed form), remove one, and save."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.chat import messages
from bot.config import Settings
from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.errors import InvalidInput, Problem, problem
from bot.domain.validation import (
    MAX_GUESTS,
    check_attachments,
    check_guest,
    collect,
    validate_event,
)
from bot.i18n import tr
from bot.services import Context
from handlers.slack.blocks import values
from handlers.slack.drafts import GUEST_BLOCKS, field_errors, read_event_form, tell_guests
from handlers.slack.files import fetch_files
from handlers.slack.forms import EventFields, FormState, event_form, forget, guest_form, recall
from handlers.slack.ids import Action, Block, View
from handlers.slack.people import as_person, person, user_info
from handlers.slack.replies import Replies


def register(app: AsyncApp, ctx: Context, settings: Settings, replies: Replies) -> None:
    @app.action(Action.INVITE_GUEST)
    async def invite_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        who = await replies.who(client, body)
        state = await recall(ctx, body["view"]["private_metadata"], who.user_id)
        await client.views_push(trigger_id=body["trigger_id"],
                                view=guest_form(state, tr(who.locale or "en")))

    @app.view(View.GUEST)
    async def add_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        view, who = body["view"], await replies.who(client, body)
        state = await recall(ctx, view["private_metadata"], who.user_id)
        try:
            guest = _guest(values(view), state)
        except InvalidInput as bad:
            await ack(response_action="errors", errors=field_errors(
                bad.problems, tr(who.locale or "en"), who.locale or "en", GUEST_BLOCKS))
            return
        await ack()
        state.guests.append({"email": guest.email, "first_name": guest.first_name,
                             "last_name": guest.last_name})
        await _refresh(ctx, client, view["root_view_id"], None, state, who.locale or "en")

    @app.action(Action.REMOVE_GUEST)
    async def remove_guest(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        view, who = body["view"], await replies.who(client, body)
        state = await recall(ctx, view["private_metadata"], who.user_id)
        value = str(body["actions"][0].get("value", ""))
        if value.isdigit() and int(value) < len(state.guests):  # stale clicks change nothing
            del state.guests[int(value)]
        await _refresh(ctx, client, view["id"], view.get("hash"), state, who.locale or "en")

    @app.view(View.EVENT)
    async def save(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        team = (body.get("team") or {}).get("id") or body["user"]["team_id"]
        user_id = body["user"]["id"]
        info = await user_info(client, user_id)
        who = as_person(info, team, user_id, settings.DEFAULT_LOCALE)
        state = await recall(ctx, body["view"]["private_metadata"], user_id)
        draft, files = read_event_form(body["view"], state, team)
        notify_all = tell_guests(body["view"])
        try:
            _check(draft, files, ctx)
        except InvalidInput as invalid:
            locale = who.locale or "en"
            await ack(response_action="errors",
                      errors=field_errors(invalid.problems, tr(locale), locale))
            return
        await ack()
        await _store(ctx, settings, client, replies, who, draft, files, state, notify_all)


def _guest(found: dict[str, Any], state: FormState) -> GuestDraft:
    """The guest typed in the guest form, by the same rule Save applies."""
    if len(state.guests) >= MAX_GUESTS:
        raise InvalidInput({"email": problem("too_many_guests", limit=MAX_GUESTS)})
    return check_guest(GuestDraft(str(found.get(Block.EMAIL) or ""),
                                  str(found.get(Block.FIRST) or ""),
                                  str(found.get(Block.LAST) or "")),
                       [g["email"] for g in state.guests])


def _check(draft: EventDraft, files: list[dict[str, Any]], ctx: Context) -> None:
    """Every rule before Slack's 3 seconds are up, files by what the form says of them
    (they are checked again as they arrive)."""
    problems: dict[str, Problem] = {}
    collect(problems, "event", lambda: validate_event(draft, ctx.clock.now()))
    collect(problems, "attachments", lambda: check_attachments(
        [(str(f.get("name") or "attachment"), _size(f)) for f in files]))
    if problems:
        raise InvalidInput(problems)


def _size(file: dict[str, Any]) -> int:
    size = file.get("size")
    return size if isinstance(size, int) and size >= 0 else 0


async def _store(ctx: Context, settings: Settings, client: AsyncWebClient, replies: Replies,
                 who: Any, draft: EventDraft, files: list[dict[str, Any]],
                 state: FormState, notify_all: bool = False) -> None:
    t = tr(who.locale or "en")
    draft.attachments, problems = await fetch_files(client, [f["id"] for f in files],
                                                    settings.SLACK_BOT_TOKEN or "")
    draft.colleagues = [as_person(await user_info(client, ref.user_id), ref.workspace,
                                  ref.user_id, settings.DEFAULT_LOCALE)
                        for ref in draft.colleagues]
    if state.event_id is not None:
        changes = await services.update_event(ctx, who, state.event_id, draft, notify_all)
        await replies.tell(client, who, messages.updated(draft.title.strip(), changes.told, t))
    else:  # the card follows from the outbox, posted by the one card writer
        await services.create_event(ctx, who, draft, draft_key=state.key)
    await forget(ctx, state)
    for found in problems:
        await replies.tell(client, who, messages.file_not_attached(found.name, found.reason, t))


async def _refresh(ctx: Context, client: AsyncWebClient, view_id: str, view_hash: str | None,
                   state: FormState, locale: str) -> None:
    # Slack keeps what was typed in input blocks whose ids do not change.
    fields = EventFields(**state.fields) if state.fields else EventFields()
    await client.views_update(view_id=view_id, hash=view_hash,
                              view=await event_form(ctx, fields, state, tr(locale)))


async def open_event_form(ctx: Context, client: AsyncWebClient, trigger_id: str,
                          fields: EventFields, state: FormState, locale: str) -> None:
    await client.views_open(trigger_id=trigger_id,
                            view=await event_form(ctx, fields, state, tr(locale)))


__all__ = ["open_event_form", "person", "register"]
