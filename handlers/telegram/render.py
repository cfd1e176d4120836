"""Neutral chat views as Telegram messages: plain text (no parse mode) and inline keyboards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat.views import Act, Button, Buttons, Line, Section, View

MESSAGE_CHARS = 4096  # Telegram refuses a longer message
CALLBACK_BYTES = 64  # and longer callback data
CARD_ACTS = {Act.EDIT: "edit", Act.INVITE_MORE: "more", Act.CANCEL: "cancel"}
MORE = "…"


def size(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def line_text(line: Line) -> str:
    """Plain text; a title someone typed is quoted inside a sentence, as Telegram shows no
    bold here."""
    if len(line) == 1:
        return line[0].text
    return "".join(f"“{span.text}”" if span.strong and not span.ours else span.text
                   for span in line)


def text(view: View) -> str:
    """The whole view as plain text, a blank line between sections."""
    paragraphs = ["\n".join(line_text(line) for line in block.lines)
                  for block in view.blocks if isinstance(block, Section)]
    return "\n\n".join(paragraphs) or view.summary


def chunks(view: View) -> list[str]:
    """The text in pieces Telegram accepts, broken between lines where it can be."""
    found: list[str] = []
    current = ""
    for line in text(view).split("\n"):
        for piece in _cut(line):
            joined = f"{current}\n{piece}" if current else piece
            if current and size(joined) > MESSAGE_CHARS:
                found.append(current)
                joined = piece
            current = joined
    return [*found, current or MORE]


def fit(found: str) -> str:
    """One message: what does not fit is left out at a line break, and `…` says so."""
    if size(found) <= MESSAGE_CHARS:
        return found
    kept = ""
    for line in found.split("\n"):
        joined = f"{kept}\n{line}" if kept else line
        if size(joined) + 1 + size(MORE) > MESSAGE_CHARS:
            break
        kept = joined
    return f"{kept}\n{MORE}" if kept else _cut(found)[0][:-1] + MORE


def pieces(view: View) -> list[str]:
    """A message with buttons stays one message (it is edited in place); others are split."""
    if any(isinstance(block, Buttons) for block in view.blocks):
        return [fit(text(view))]
    return chunks(view)


def keyboard(view: View) -> InlineKeyboardMarkup | None:
    """The view's buttons, a row per group; None without buttons."""
    rows = [[_button(b.label, callback(b.act, b.value)) for b in block.buttons]
            for block in view.blocks if isinstance(block, Buttons)]
    return InlineKeyboardMarkup(rows) if rows else None


def callback(act: Act, value: str) -> str:
    """Card buttons as `card:<what>:<event id>`, a colleague's as `colleague:<answer>:<id>`."""
    if act in CARD_ACTS:
        return f"card:{CARD_ACTS[act]}:{value}"
    return f"colleague:{act.value}:{value}"


def confirmation(button: Button, title: str) -> tuple[str, InlineKeyboardMarkup]:
    """The question a dangerous button asks first, with its Yes (`…_yes`) and No (`card:keep`)."""
    assert button.confirm is not None
    data = f"card:{CARD_ACTS[button.act]}_yes:{button.value}"
    words = f"{title}\n{button.confirm.title} {button.confirm.text}"
    return fit(words), InlineKeyboardMarkup([[_button(button.confirm.yes, data),
                                              _button(button.confirm.no, "card:keep")]])


def _button(label: str, data: str) -> InlineKeyboardButton:
    if len(data.encode()) > CALLBACK_BYTES:
        raise ValueError(f"callback data over {CALLBACK_BYTES} bytes: {data[:20]}…")
    return InlineKeyboardButton(label, callback_data=data)


def _cut(line: str) -> list[str]:
    """A line longer than a message, in message-sized pieces."""
    found = []
    while size(line) > MESSAGE_CHARS:
        end = MESSAGE_CHARS
        while size(line[:end]) > MESSAGE_CHARS:
            end -= 1
        found.append(line[:end])
        line = line[end:]
    return [*found, line]
