"""Attachments from the event form, fetched only where Slack's Web API says each file is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.model import Attachment
from bot.domain.validation import MAX_FILES_BYTES

SLACK_FILE_HOST = "files.slack.com"
TIMEOUT = 30.0


@dataclass(frozen=True)
class FileProblem:
    name: str
    reason: str  # too_big | unavailable | refused


async def fetch_files(client: AsyncWebClient, file_ids: list[str], token: str,
                      ) -> tuple[list[Attachment], list[FileProblem]]:
    """Download each file by id (files.info names its URL), 10 MB in all, counted as it comes."""
    found: list[Attachment] = []
    problems: list[FileProblem] = []
    budget = MAX_FILES_BYTES
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as web:
        for file_id in file_ids:
            info = await _info(client, file_id)
            name = str(info.get("name") or "attachment") if info else "attachment"
            url = str(info.get("url_private_download") or info.get("url_private") or "")
            if not info or not _trusted(url, client.base_url):
                problems.append(FileProblem(name, "unavailable"))
                continue
            data = await _download(web, url, token, budget)
            if data is None:
                problems.append(FileProblem(name, "too_big"))
                continue
            if isinstance(data, FileProblem):
                problems.append(FileProblem(name, data.reason))
                continue
            budget -= len(data)
            found.append(Attachment(name, str(info.get("mimetype") or
                                              "application/octet-stream"), data))
    return found, problems


async def _info(client: AsyncWebClient, file_id: str) -> dict[str, Any] | None:
    try:
        return dict((await client.files_info(file=file_id)).get("file") or {})
    except SlackApiError:
        return None


def _trusted(url: str, api_url: str) -> bool:
    """Slack's file host, or the host of the configured Web API (a gateway or a test)."""
    host = urlsplit(url).hostname or ""
    return host in (SLACK_FILE_HOST, urlsplit(api_url).hostname)


async def _download(web: httpx.AsyncClient, url: str, token: str,
                    budget: int) -> bytes | FileProblem | None:
    """The file's bytes; None when it would pass the budget (stopped as soon as it does)."""
    chunks: list[bytes] = []
    size = 0
    try:
        async with web.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as got:
            if got.status_code != 200:
                return FileProblem("", "unavailable")
            async for chunk in got.aiter_bytes():
                size += len(chunk)
                if size > budget:
                    return None
                chunks.append(chunk)
    except httpx.HTTPError:
        return FileProblem("", "unavailable")
    return b"".join(chunks)
