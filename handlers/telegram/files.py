"""Files sent in the chat, fetched from the Bot API when the event is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from bot.domain.model import Attachment


@dataclass(frozen=True)
class FileProblem:
    name: str
    reason: str  # unavailable (the words are bot.chat.messages.FILE_PROBLEMS)


async def fetch_files(bot: Bot, files: list[dict[str, Any]],
                      ) -> tuple[list[Attachment], list[FileProblem]]:
    """Each file the draft names; one Telegram will not give is left out and reported."""
    found: list[Attachment] = []
    problems: list[FileProblem] = []
    for file in files:
        try:
            remote = await bot.get_file(file["file_id"])
            data = bytes(await remote.download_as_bytearray())
        except TelegramError:
            problems.append(FileProblem(file["name"], "unavailable"))
            continue
        found.append(Attachment(file["name"], file["mime"], data))
    return found, problems
