"""Neutral chat views as Block Kit, within Slack's limits; everything typed is escaped."""

from __future__ import annotations

from typing import Any

from bot.chat.views import Act, Button, Buttons, Line, Section, View
from handlers.slack.ids import Action

SECTION_CHARS = 3000  # Slack refuses a section text over 3,000 characters
MESSAGE_BLOCKS = 50  # and a message of more than 50 blocks
ACTIONS = {Act.EDIT: Action.EDIT, Act.INVITE_MORE: Action.INVITE_MORE, Act.CANCEL: Action.CANCEL,
           Act.ACCEPT: Action.ACCEPT, Act.DECLINE: Action.DECLINE}

Block = dict[str, Any]


def escape(text: str) -> str:
    """Slack's three control characters; `<!channel>` and `<https://x|y>` become plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(line: Line) -> str:
    parts = []
    for span in line:
        text = escape(span.text)
        if span.code:
            text = f"`{text}`"
        elif span.strong and text.strip():
            text = f"*{text}*"
        parts.append(text)
    return "".join(parts)


def text(view: View) -> str:
    """The message as one mrkdwn text: notifications, and clients that show no blocks."""
    lines = [mrkdwn(line) for block in view.blocks if isinstance(block, Section)
             for line in block.lines]
    found = "\n".join(lines) or escape(view.summary)
    return found if len(found) <= SECTION_CHARS else found[:SECTION_CHARS - 1] + "…"


def blocks(view: View, most: int = MESSAGE_BLOCKS) -> list[Block]:
    """The view's blocks; at most `most` (a message holds 50, a Home tab 100)."""
    found: list[Block] = []
    for block in view.blocks:
        if isinstance(block, Section):
            found += _sections(block)
        else:
            found.append(actions(block))
    if len(found) > most:  # keep the buttons, which come last
        found = [*found[:most - 2], _section("…"), *found[-1:]]
    return found


def actions(block: Buttons) -> Block:
    return {"type": "actions", "elements": [button(b) for b in block.buttons]}


def button(found: Button) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(found.label),
                               "action_id": ACTIONS[found.act], "value": found.value}
    if found.style:
        element["style"] = found.style
    if found.confirm:
        element["confirm"] = {"title": plain(found.confirm.title),
                              "text": {"type": "mrkdwn", "text": escape(found.confirm.text)},
                              "confirm": plain(found.confirm.yes),
                              "deny": plain(found.confirm.no), "style": "danger"}
    return element


def plain(value: str, limit: int = 75) -> dict[str, Any]:
    """A plain_text object (buttons take at most 75 characters, headers 150)."""
    return {"type": "plain_text", "text": (value[:limit - 1] + "…" if len(value) > limit
                                           else value) or " ", "emoji": True}


def _sections(block: Section) -> list[Block]:
    """One section per 3,000 characters, broken between lines."""
    found, current = [], ""
    for line in (mrkdwn(line) for line in block.lines):
        line = line[:SECTION_CHARS]
        if current and len(current) + 1 + len(line) > SECTION_CHARS:
            found.append(_section(current))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    return [*found, _section(current or " ")]


def _section(mrkdwn_text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn_text}}
