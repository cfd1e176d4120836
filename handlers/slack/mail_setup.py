"""The mailbox form: collects the fields; the use case checks, tries and stores them."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import messages
from bot.config import Settings
from bot.domain.errors import Forbidden, InvalidInput
from bot.domain.model import MailSettings
from bot.i18n import Translator, tr
from bot.mailbox import set_up_mailbox
from bot.services import Context
from bot.text import refusal
from handlers.slack import blocks as b
from handlers.slack.blocks import values
from handlers.slack.drafts import field_errors
from handlers.slack.ids import Block, View
from handlers.slack.people import as_person, is_admin, user_info
from handlers.slack.replies import direct_message

# Where each field's problem is shown; the first one takes any other.
FIELDS = {name: Block(name) for name in (
    "sender_email", "sender_name", "smtp_host", "smtp_port", "smtp_security", "smtp_user",
    "smtp_password", "imap_host", "imap_port", "imap_user", "imap_password")}


def register(app: AsyncApp, ctx: Context, settings: Settings) -> None:
    @app.view(View.MAIL)
    async def save_mail(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        user_id, team = body["user"]["id"], body["user"]["team_id"]
        info = await user_info(client, user_id)
        who = as_person(info, team, user_id, settings.DEFAULT_LOCALE)
        locale = who.locale or "en"
        try:
            mail = await set_up_mailbox(ctx, who, is_admin(info), _mail(values(body["view"])))
        except InvalidInput as bad:
            await ack(response_action="errors", errors=field_errors(
                bad.problems, tr(locale), locale, FIELDS))
            return
        except Forbidden as refused:
            await ack(response_action="errors",
                      errors={Block.SENDER_EMAIL: refusal(refused, tr(locale))})
            return
        await ack()
        await direct_message(client, user_id, messages.mail_saved(mail.sender_email,
                                                                  tr(locale)))


def _mail(found: dict[str, Any]) -> MailSettings:
    def text(block: Block) -> str:
        return str(found.get(block) or "")

    def port(block: Block, default: int) -> int:
        raw = text(block).strip()
        return int(raw) if raw.isdigit() and len(raw) < 6 else (default if not raw else -1)

    return MailSettings(
        sender_name=text(Block.SENDER_NAME), sender_email=text(Block.SENDER_EMAIL),
        smtp_host=text(Block.SMTP_HOST), smtp_port=port(Block.SMTP_PORT, 587),
        smtp_security=text(Block.SMTP_SECURITY) or "starttls", smtp_user=text(Block.SMTP_USER),
        smtp_password=text(Block.SMTP_PASSWORD), imap_host=text(Block.IMAP_HOST),
        imap_port=port(Block.IMAP_PORT, 993), imap_user=text(Block.IMAP_USER),
        imap_password=text(Block.IMAP_PASSWORD))


def mail_form(t: Translator, sender_name: str = "") -> dict[str, Any]:
    security = [("starttls", t.gettext("STARTTLS (port 587)")),
                ("tls", t.gettext("TLS (port 465)")), ("none", t.gettext("None"))]
    blocks = [
        {"type": "section", "text": b.markdown(t.gettext(
            "Invitations are sent from this mailbox, and calendar programs send guests' "
            "answers back to it. The passwords are stored encrypted."))},
        b.text_input(Block.SENDER_NAME, t.gettext("Sender name"), sender_name, max_length=255),
        b.text_input(Block.SENDER_EMAIL, t.gettext("Sender address"), max_length=320),
        b.text_input(Block.SMTP_HOST, t.gettext("SMTP server"), max_length=253),
        b.text_input(Block.SMTP_PORT, t.gettext("SMTP port"), "587", max_length=5),
        b.select(Block.SMTP_SECURITY, t.gettext("Security"), security, "starttls"),
        b.text_input(Block.SMTP_USER, t.gettext("SMTP user"), optional=True, max_length=320),
        b.text_input(Block.SMTP_PASSWORD, t.gettext("SMTP password"), optional=True,
                     max_length=255),
        b.text_input(Block.IMAP_HOST, t.gettext("IMAP server for replies"), optional=True,
                     max_length=253, hint=t.gettext(
                         "Optional: lets Ospite read answers sent from calendar programs")),
        b.text_input(Block.IMAP_PORT, t.gettext("IMAP port"), "993", optional=True,
                     max_length=5),
        b.text_input(Block.IMAP_USER, t.gettext("IMAP user"), optional=True, max_length=320),
        b.text_input(Block.IMAP_PASSWORD, t.gettext("IMAP password"), optional=True,
                     max_length=255),
    ]
    return b.modal(View.MAIL, t.gettext("Sender mailbox"), blocks, "{}", t.gettext("Save"),
                   t.gettext("Cancel"))
