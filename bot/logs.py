"""Logging for every `ospite` command: one handler on stderr, and no secret in any line.

The filter rewrites each record before it is written: the configured secrets by value,
and by shape what libraries print on their own (httpx logs each Bot API URL, which holds
the Telegram token; uvicorn's access log holds the guest's answer token in the path).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit

from bot.config import Settings, SettingsError

REDACTED = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SHORTEST_SECRET = 6  # shorter values would blank out ordinary words, and guess easily

_SHAPES = (
    (re.compile(r"(/rsvp/)[^/\s?#\"']+"), rf"\1{REDACTED}"),  # guest answer links
    (re.compile(r"(/bot)\d+:[^/\s]+"), rf"\1{REDACTED}"),  # Bot API URLs
    (re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}"), REDACTED),  # a bare Telegram token
    (re.compile(r"\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+"), REDACTED),  # Slack tokens
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@"), rf"\1{REDACTED}@"),  # URL pw
)


class Redactor(logging.Filter):
    """Removes the given secrets and anything shaped like a token from every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        values = sorted({s for s in secrets if len(s) >= _SHORTEST_SECRET}, key=len,
                        reverse=True)
        self._values = re.compile("|".join(map(re.escape, values))) if values else None

    def redact(self, text: str) -> str:
        """The text without secrets."""
        if self._values is not None:
            text = self._values.sub(REDACTED, text)
        for shape, replacement in _SHAPES:
            text = shape.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must not raise here, in the caller
            message = f"{record.msg} (unformattable arguments)"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def secrets_of(settings: Settings) -> list[str]:
    """Every secret the settings hold, as given and as it may appear in a URL."""
    found = [settings.SECRET_KEY, settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_WEBHOOK_SECRET,
             settings.SLACK_BOT_TOKEN, settings.SLACK_APP_TOKEN, settings.SLACK_SIGNING_SECRET]
    for url in (settings.SMTP_URL, settings.IMAP_URL, settings.DATABASE_URL):
        password = urlsplit(url).password if url and "://" in url else None
        if password:
            found += [password, unquote(password), quote(unquote(password), safe="")]
    return [value for value in found if value]


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Ours, so that configuring twice (tests) replaces it instead of doubling each line."""


def configure(settings: Settings) -> None:
    """Log at LOG_LEVEL (default INFO) to stderr, through the redacting filter.

    Libraries log through the root logger's handler; uvicorn too, when it is given
    `log_config=None`. Handlers that exist already get the filter as well.
    """
    level = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
    if not isinstance(logging.getLevelName(level), int):
        raise SettingsError("invalid setting LOG_LEVEL: must be DEBUG, INFO, WARNING or ERROR")
    handler = _StderrHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    guard_every_handler(Redactor(secrets_of(settings)))


def guard_every_handler(redactor: Redactor) -> None:
    """Put the filter on every handler of every logger (a library may bring its own)."""
    loggers = [logging.getLogger(), *(logger for logger in
                                      logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    for logger in loggers:
        for handler in logger.handlers:
            for old in [f for f in handler.filters if isinstance(f, Redactor)]:
                handler.removeFilter(old)
            handler.addFilter(redactor)
