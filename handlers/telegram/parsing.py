"""Reading what people type: dates, times, durations, one-line texts."""

from __future__ import annotations

import re
from datetime import date, time

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_HM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_date(text: str) -> date | None:
    """`2026-03-03` or `3/3/2026` (day first, as in most of Europe)."""
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        found = pattern.match(text)
        if found:
            parts = [int(p) for p in found.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None


def parse_time(text: str) -> time | None:
    found = _TIME.match(text)
    if not found:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


def parse_minutes(text: str) -> int | None:
    """`45`, `90 min` or `1:15`; between 5 minutes and 24 hours."""
    found = _HM.match(text)
    if found:
        minutes = int(found.group(1)) * 60 + int(found.group(2))
    else:
        digits = re.sub(r"\s*(min|minutes|m)\s*$", "", text.strip(), flags=re.IGNORECASE)
        minutes = int(digits) if digits.isdigit() else 0
    return minutes if 5 <= minutes <= 24 * 60 else None


def one_line(text: str, limit: int) -> str | None:
    """The text trimmed, or None when empty, too long, or more than one line."""
    clean = text.strip()
    if not clean or len(clean) > limit or any(c in clean for c in "\r\n\x00"):
        return None
    return clean
