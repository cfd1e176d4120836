"""Neutral chat views as Telegram messages: plain text (no parse mode) and inline keyboards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat.views import Act, Buttons, Line, Section, View

MESSAGE_CHARS = 4096  # Telegram refuses a longer message
CARD_ACTS = {Act.EDIT: "edit", Act.INVITE_MORE: "more", Act.CANCEL: "cancel"}


def line_text(line: Line) -> str:
    """Plain text; a title inside a sentence is quoted, as Telegram shows no bold here."""
    if len(line) == 1:
        return line[0].text
    return "".join(f"“{span.text}”" if span.strong else span.text for span in line)


def text(view: View) -> str:
    paragraphs = ["\n".join(line_text(line) for line in block.lines)
                  for block in view.blocks if isinstance(block, Section)]
    return "\n\n".join(paragraphs) or view.summary


def chunks(view: View) -> list[str]:
    """The text in pieces Telegram accepts, broken between lines where it can be."""
    found, current = [], ""
    for line in text(view).split("\n"):
        while len(line) > MESSAGE_CHARS:
            found.append(line[:MESSAGE_CHARS])
            line = line[MESSAGE_CHARS:]
        if len(current) + len(line) + 1 > MESSAGE_CHARS:
            found.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    return [*found, current]


def keyboard(view: View) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(b.label, callback_data=callback(b.act, b.value))
             for b in block.buttons] for block in view.blocks if isinstance(block, Buttons)]
    return InlineKeyboardMarkup(rows) if rows else None


def callback(act: Act, value: str) -> str:
    """Card buttons as `card:<what>:<event id>`, a colleague's as `colleague:<answer>:<id>`."""
    if act in CARD_ACTS:
        return f"card:{CARD_ACTS[act]}:{value}"
    return f"colleague:{act.value}:{value}"
