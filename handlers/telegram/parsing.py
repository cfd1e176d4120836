"""Reading what people type and buttons carry: dates, times, durations, ids, ports.

Only the reading; whether a value is allowed is the domain's rule (bot.domain.validation).
"""

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
    """`10:00` or `10.00`, 24-hour clock."""
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
        minutes = int(digits) if digits.isdecimal() and len(digits) < 6 else 0
    return minutes if 5 <= minutes <= 24 * 60 else None


def parse_id(text: str) -> int | None:
    """A record id as a button carries it; anything else (forged, too big) is None."""
    clean = text.strip()
    if not clean.isdigit() or not clean.isascii() or len(clean) > 10:
        return None
    number = int(clean)
    return number if 0 < number < 2**31 else None


def parse_port(text: str) -> int | None:
    """A TCP port number (which ports are allowed is the domain's rule)."""
    clean = text.strip()
    if not clean.isdigit() or not clean.isascii() or len(clean) > 5:
        return None
    return int(clean) if 0 < int(clean) < 65536 else None
