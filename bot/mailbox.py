"""The sender mailbox of a workspace: who may set it up, tried before it is saved."""

from __future__ import annotations

from bot import services
from bot.domain.errors import Forbidden, InvalidInput
from bot.domain.mailbox import check_mail_settings
from bot.domain.model import MailSettings, PersonRef
from bot.services import Context


async def set_up_mailbox(ctx: Context, actor: PersonRef, may_set_up: bool,
                         mail: MailSettings) -> MailSettings:
    """Check the fields, log in to the servers, then store it (passwords encrypted).

    `may_set_up` is the platform's word on the actor (a Slack workspace admin, a Telegram
    admin); anyone else is refused before anything is tried.
    """
    if not may_set_up:
        raise Forbidden("admins_only")
    clean = check_mail_settings(mail)
    problems = await ctx.mailbox_check.problems(clean) if ctx.mailbox_check else {}
    if problems:
        raise InvalidInput(problems)
    await services.set_mail_settings(ctx, actor, clean)
    return clean


async def mail_ready(ctx: Context, deployment_smtp: bool, who: PersonRef) -> bool:
    """Invitations can go out: the deployment's SMTP_URL, or the workspace's own mailbox."""
    return deployment_smtp or await services.get_mail_settings(ctx, who) is not None
