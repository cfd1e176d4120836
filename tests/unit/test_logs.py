"""The log filter: configured secrets by value, tokens and passwords by shape."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.config import load_settings
from bot.logs import FORMAT, Redactor, secrets_of

KEY = "a-secret-key-that-is-long-enough-0123456789"
TELEGRAM = "987654321:AAE7oL-realistic_Telegram_token_x9"
GUEST = "Zq3V9yLx0m_Jd8Kp2sT4wR6uB1nC5eH7gA0iF-oQ_kM"


@contextmanager
def captured(redactor: Redactor) -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose one handler has the filter, as every handler of `ospite` has."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(redactor)
    logger = logging.Logger("ospite.test_logs", logging.INFO)  # outside the hierarchy
    logger.addHandler(handler)
    yield logger, out


def logged(redactor: Redactor, *calls: tuple) -> str:
    with captured(redactor) as (logger, out):
        for call in calls:
            logger.info(*call)
    return out.getvalue()


def test_every_configured_secret_is_redacted(tmp_path):
    settings = load_settings(
        DATA_DIR=tmp_path, _env_file=None, SECRET_KEY=KEY, TELEGRAM_BOT_TOKEN="42:short",
        SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_SIGNING_SECRET="0f1e2d3c4b5a",
        SMTP_URL="smtp://events%40acme.example:p%40ss%2Fword@mail.acme.example:587",
        IMAP_URL="imaps://events:imap-secret@mail.acme.example/INBOX")
    text = logged(Redactor(secrets_of(settings)),
                  ("key %s", KEY), ("telegram %s slack %s", "42:short", "xoxb-1-2-abc"),
                  ("signing secret %s", "0f1e2d3c4b5a"),
                  ("passwords %s %s", "p@ss/word", "imap-secret"))
    for secret in (KEY, "42:short", "xoxb-1-2-abc", "0f1e2d3c4b5a", "p@ss/word", "imap-secret"):
        assert secret not in text
    assert text.count("[redacted]") == 6


@pytest.mark.parametrize(("line", "shown"), [
    (f'HTTP Request: POST https://api.telegram.org/bot{TELEGRAM}/getUpdates "HTTP/1.1 200 OK"',
     'HTTP Request: POST https://api.telegram.org/bot[redacted]/getUpdates "HTTP/1.1 200 OK"'),
    (f"http://127.0.0.1:9/file/bot{TELEGRAM}/documents/1", "/file/bot[redacted]/documents/1"),
    (f"token {TELEGRAM} in a message", "token [redacted] in a message"),
    ("slack xoxb-1234-5678-AbCd xapp-1-A1-2-ff xoxp-9-8", "slack [redacted] [redacted] [redacted]"),
    ("cannot reach smtp://events:hunter2@mail.acme.example:587",
     "cannot reach smtp://events:[redacted]@mail.acme.example:587"),
    (f'127.0.0.1:5 - "POST /rsvp/{GUEST} HTTP/1.1" 200', '"POST /rsvp/[redacted] HTTP/1.1" 200'),
    (f'"GET /rsvp/{GUEST}/event.ics HTTP/1.1" 200', '"GET /rsvp/[redacted]/event.ics HTTP'),
    (f'"GET /rsvp/{GUEST}/files/3 HTTP/1.1"', '"GET /rsvp/[redacted]/files/3 HTTP/1.1"'),
    (f"link https://events.acme.example/rsvp/{GUEST}?answer=accepted",
     "link https://events.acme.example/rsvp/[redacted]?answer=accepted"),
])
def test_tokens_and_passwords_are_redacted_by_their_shape(line, shown):
    text = logged(Redactor(), ("%s", line))
    assert shown in text
    assert GUEST not in text and TELEGRAM not in text and "hunter2" not in text


def test_ordinary_lines_are_left_alone():
    line = '127.0.0.1:5 - "GET /static/rsvp.css HTTP/1.1" 200 at 10:30 on 2026-03-03'
    assert logged(Redactor([KEY]), ("%s", line)).rstrip().endswith(line)


def test_a_traceback_is_redacted_too():
    with captured(Redactor([KEY])) as (logger, out):
        try:
            raise RuntimeError(f"failed for https://api.telegram.org/bot{TELEGRAM}/x with {KEY}")
        except RuntimeError:
            logger.exception("delivery failed")
    text = out.getvalue()
    assert "Traceback" in text and "RuntimeError: failed for" in text
    assert KEY not in text and TELEGRAM not in text


def test_a_malformed_log_call_does_not_raise_in_the_caller():
    text = logged(Redactor([KEY]), ("two %s %s", KEY))
    assert "unformattable" in text and KEY not in text
