"""Saving the sender mailbox: admins only, only within the mail rules, once the logins work."""

from __future__ import annotations

import contextlib
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.domain.errors import InvalidInput
from bot.domain.mailbox import check_mail_settings
from bot.domain.model import MailSettings
from bot.domain.validation import check_email
from bot.services import Context
from handlers.slack import texts
from handlers.slack.blocks import values
from handlers.slack.ids import Block, View
from handlers.slack.people import is_admin, person
from mail.setup_check import login_problems

FAILED = {Block.SMTP_HOST: texts.SMTP_FAILED, Block.IMAP_HOST: texts.IMAP_FAILED}


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
            errors = {Block(field): FAILED[Block(field)].format(reason=problem)
                      for field, problem in (await login_problems(mail)).items()}
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
    def text(block: Block) -> str:
        return (found.get(block) or "").strip()

    def port(block: Block, default: int) -> int:
        raw = text(block) or str(default)
        return int(raw) if raw.isdigit() and len(raw) < 6 else 0  # 0: no mail port, refused

    email = text(Block.SENDER_EMAIL)
    with contextlib.suppress(InvalidInput):  # reported with the other fields below
        email = check_email(email)
    mail = MailSettings(
        sender_name=text(Block.SENDER_NAME), sender_email=email,
        smtp_host=text(Block.SMTP_HOST), smtp_port=port(Block.SMTP_PORT, 587),
        smtp_security=found.get(Block.SMTP_SECURITY) or "starttls",
        smtp_user=text(Block.SMTP_USER), smtp_password=found.get(Block.SMTP_PASSWORD) or "",
        imap_host=text(Block.IMAP_HOST), imap_port=port(Block.IMAP_PORT, 993),
        imap_user=text(Block.IMAP_USER), imap_password=found.get(Block.IMAP_PASSWORD) or "")
    try:
        check_mail_settings(mail)
    except InvalidInput as bad:
        # Each problem goes next to its field; a rule without a field here sits by the host.
        return mail, {_block(field): message for field, message in bad.problems.items()}
    return mail, {}


def _block(field: str) -> Block:
    known = {block.value for block in Block}
    return Block(field) if field in known else Block(f"{field.partition('_')[0]}_host")
