"""What people read: domain problems in words, as the front ends show them."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.errors import Problem
from bot.i18n import tr
from bot.text import explain


def in_words(problems: Mapping[str, Problem], locale: str = "en") -> dict[str, str]:
    return {name: explain(found, tr(locale), locale) for name, found in problems.items()}
