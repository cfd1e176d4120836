"""Jinja2 templates for the email bodies: HTML autoescaped, plain text beside it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from mail.compose import Letter


def nl2br(value: str) -> Markup:
    """Escape, then keep the organizer's line breaks."""
    return Markup("<br>\n").join(escape(line) for line in value.splitlines())


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("mail", "templates"),
                      autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    env.filters["nl2br"] = nl2br
    return env


def render(letter: Letter, values: dict[str, object]) -> tuple[str, str]:
    """(plain text, HTML) for one letter."""
    env = environment()
    return (env.get_template("letter.txt").render(values),
            env.get_template("letter.html").render(values))
