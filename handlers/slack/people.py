"""Who is clicking: a Slack user as Ospite's platform-neutral person."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.model import PersonRef, Platform


async def person(client: AsyncWebClient, team_id: str, user_id: str) -> PersonRef:
    """Name, time zone and language from users.info (bare ids if Slack won't say)."""
    info = await user_info(client, user_id)
    profile = info.get("profile", {})
    name = info.get("real_name") or profile.get("real_name") or info.get("name") or user_id
    locale = "it" if str(info.get("locale", "")).startswith("it") else "en"
    return PersonRef(Platform.SLACK, team_id, user_id, name, info.get("tz"), locale)


async def user_info(client: AsyncWebClient, user_id: str) -> dict[str, Any]:
    try:
        answer = await client.users_info(user=user_id, include_locale=True)
    except SlackApiError:
        return {}
    return dict(answer.get("user") or {})


async def is_admin(client: AsyncWebClient, user_id: str) -> bool:
    info = await user_info(client, user_id)
    return bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
