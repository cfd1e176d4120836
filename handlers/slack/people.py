"""Who is clicking: a Slack user as Ospite's platform-neutral person, in their language."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.model import PersonRef, Platform
from bot.i18n import reader_locale


async def person(client: AsyncWebClient, team_id: str, user_id: str,
                 default_locale: str = "en") -> PersonRef:
    """Name, time zone and language from users.info (bare ids if Slack won't say)."""
    return as_person(await user_info(client, user_id), team_id, user_id, default_locale)


def as_person(info: dict[str, Any], team_id: str, user_id: str,
              default_locale: str = "en") -> PersonRef:
    profile = info.get("profile", {})
    name = (info.get("real_name") or profile.get("real_name") or profile.get("display_name")
            or info.get("name") or user_id)
    locale = reader_locale(info.get("locale"), default_locale)
    return PersonRef(Platform.SLACK, team_id, user_id, name, info.get("tz"), locale)


async def user_info(client: AsyncWebClient, user_id: str) -> dict[str, Any]:
    try:
        answer = await client.users_info(user=user_id, include_locale=True)
    except SlackApiError:
        return {}
    return dict(answer.get("user") or {})


def is_admin(info: dict[str, Any]) -> bool:
    """Workspace admins and owners may set up the sender mailbox."""
    return bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
