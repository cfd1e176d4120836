"""Saving the sender mailbox: admins only, and only once the SMTP login works."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.domain.errors import InvalidInput
from bot.domain.model import MailSettings
from bot.domain.validation import check_email
from bot.services import Context
from handlers.slack import texts
from handlers.slack.blocks import values
from handlers.slack.ids import Block, View
from handlers.slack.people import is_admin, person
from mail.sender_config import from_settings
from mail.smtp import login_problem


def register(app: AsyncApp, ctx: Context) -> None:
    @app.view(View.MAIL)
    async def save_mail(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        user_id = body["user"]["id"]
        if not await is_admin(client, user_id):
            await ack(response_action="errors", errors={Block.SENDER_EMAIL: texts.MAIL_ADMINS_ONLY
                                                        .format(admins="an admin or owner")})
            return
        mail, errors = _mail(values(body["view"]))
        if not errors:
            problem = await login_problem(from_settings(mail))
            if problem:
                errors[Block.SMTP_HOST] = texts.SMTP_FAILED.format(reason=problem)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        who = await person(client, body["user"]["team_id"], user_id)
        await services.set_mail_settings(ctx, who, mail)
        channel = (await client.conversations_open(users=user_id))["channel"]["id"]
        await client.chat_postMessage(channel=channel,
                                      text=texts.MAIL_SAVED.format(email=mail.sender_email))


def _mail(found: dict[str, Any]) -> tuple[MailSettings, dict[str, str]]:
    errors: dict[str, str] = {}
    email = (found.get(Block.SENDER_EMAIL) or "").strip()
    try:
        email = check_email(email)
    except InvalidInput as bad:
        errors[Block.SENDER_EMAIL] = bad.problems["email"]
    ports = {}
    for block, default in ((Block.SMTP_PORT, 587), (Block.IMAP_PORT, 993)):
        raw = (found.get(block) or str(default)).strip()
        if not raw.isdigit() or not 0 < int(raw) < 65536:
            errors[block] = "A port is a number from 1 to 65535."
        ports[block] = int(raw) if raw.isdigit() else default
    mail = MailSettings(
        sender_name=(found.get(Block.SENDER_NAME) or "").strip(), sender_email=email,
        smtp_host=(found.get(Block.SMTP_HOST) or "").strip(), smtp_port=ports[Block.SMTP_PORT],
        smtp_security=found.get(Block.SMTP_SECURITY) or "starttls",
        smtp_user=(found.get(Block.SMTP_USER) or "").strip(),
        smtp_password=found.get(Block.SMTP_PASSWORD) or "",
        imap_host=(found.get(Block.IMAP_HOST) or "").strip(), imap_port=ports[Block.IMAP_PORT],
        imap_user=(found.get(Block.IMAP_USER) or "").strip(),
        imap_password=found.get(Block.IMAP_PASSWORD) or "")
    return mail, errors
