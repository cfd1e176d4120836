"""Platform-free chat messages: lines of spans, buttons, and the actions they trigger."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from string import Formatter


class Act(StrEnum):
    """What a button does; each front end maps these to its own callback ids."""

    EDIT = "edit"
    INVITE_MORE = "more"
    CANCEL = "cancel"
    ACCEPT = "accept"
    DECLINE = "decline"


@dataclass(frozen=True)
class Span:
    """A piece of a line. `ours` marks our own words; everything else was typed by someone
    (a title, a name, a server's reply) and is escaped by the renderer."""

    text: str
    strong: bool = False
    code: bool = False
    ours: bool = False


Line = tuple[Span, ...]


def words(template: str, **values: str | Span) -> Line:
    """A translated sentence with its `{name}` placeholders filled in, kept apart as spans."""
    line: list[Span] = []
    for literal, name, _spec, _conversion in Formatter().parse(template):
        if literal:
            line.append(Span(literal, ours=True))
        if name is not None:
            value = values[name]
            line.append(value if isinstance(value, Span) else Span(value))
    return tuple(line)


def strong(text: str) -> Span:
    return Span(text, strong=True)


def code(text: str) -> Span:
    return Span(text, code=True, ours=True)


def plain(line: Line) -> str:
    """A line as plain text, for notifications and fallbacks."""
    return "".join(span.text for span in line)


@dataclass(frozen=True)
class Confirm:
    title: str
    text: str
    yes: str
    no: str


@dataclass(frozen=True)
class Button:
    label: str
    act: Act
    value: str
    style: str | None = None  # primary | danger
    confirm: Confirm | None = None


@dataclass(frozen=True)
class Section:
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class View:
    """One chat message: `summary` is its one-line plain text (notifications, fallbacks)."""

    summary: str
    blocks: tuple[Section | Buttons, ...] = field(default_factory=tuple)


def message(*lines: Line) -> View:
    """A message of one section."""
    return View(" ".join(plain(line) for line in lines), (Section(tuple(lines)),))
