"""A chat platform at the port (bot.chat.router.ChatPlatform): keeps what it was asked to show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.chat.views import Act, Buttons, View, plain
from bot.domain.model import Platform
from bot.ports import TemporaryFailure


def said(view: View) -> str:
    """A view's text, lines joined."""
    return "\n".join(plain(line) for block in view.blocks for line in getattr(block, "lines", ()))


def kind(view: View) -> str:
    """What a view is: the event card, an answer message, or something else."""
    acts = {b.act for block in view.blocks if isinstance(block, Buttons) for b in block.buttons}
    if Act.EDIT in acts or "(cancelled)" in said(view):
        return "chat.card"
    if any(verb in said(view) for verb in (" accepted ", " declined ", " might attend ")):
        return "chat.answer"
    return "chat.other"


class RecordingPlatform:
    """`meanwhile[kind]` runs while one view of that kind is on its way, which then meets a
    rate limit (as Slack's 429)."""

    card_people_limit = None

    def __init__(self, platform: Platform = Platform.SLACK,
                 **meanwhile: Callable[[], Awaitable[None]]) -> None:
        self.platform = platform
        self.shown: list[tuple[str, Any, View]] = []  # ("send", user id | "update", where, view)
        self.meanwhile = {k.replace("_", "."): v for k, v in meanwhile.items()}

    async def send(self, person: Any, view: View) -> dict[str, Any]:
        await self._limit(view)
        self.shown.append(("send", person.user_id, view))
        return {"message": len(self.shown)}

    async def update(self, where: dict[str, Any], view: View) -> None:
        await self._limit(view)
        self.shown.append(("update", where, view))

    async def _limit(self, view: View) -> None:
        during = self.meanwhile.pop(kind(view), None)
        if during is not None:
            await during()
            raise TemporaryFailure("Slack rate limit", retry_after=10)

    def views(self, wanted: str) -> list[View]:
        return [view for _, _, view in self.shown if kind(view) == wanted]

    def cards(self) -> list[View]:
        return self.views("chat.card")

    def answers(self) -> list[str]:
        return [said(view) for view in self.views("chat.answer")]
