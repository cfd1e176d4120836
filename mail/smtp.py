"""Sends a batch of messages over one SMTP connection and says how each one went."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from pathlib import Path
from typing import TypeVar

import aiosmtplib

from bot.ports import DeliveryError, PermanentFailure, TemporaryFailure
from mail.sender_config import Sender

log = logging.getLogger("ospite.mail")

T = TypeVar("T")
# A server that has not greeted us and taken the login by then is down for this round.
CONNECT_SECONDS = 5.0
COMMAND_SECONDS = 30.0  # one command, the DATA of a message with attachments included
# Well under the outbox lease (300 s), so no other worker claims these rows meanwhile.
BATCH_SECONDS = 120.0
Outcome = DeliveryError | None


async def send_batch(sender: Sender, items: Sequence[tuple[int, T]],
                     build: Callable[[T], EmailMessage]) -> dict[int, Outcome]:
    """Build and deliver each (id, item); an outage leaves the rest as temporary failures."""
    if sender.folder is not None:
        built = [(mid, build(item)) for mid, item in items]
        return await asyncio.to_thread(_write_files, sender.folder, built)
    client = aiosmtplib.SMTP(hostname=sender.host, port=sender.port, timeout=COMMAND_SECONDS,
                             use_tls=sender.security == "tls",
                             start_tls=sender.security == "starttls")
    try:
        async with asyncio.timeout(CONNECT_SECONDS):
            await client.connect(timeout=CONNECT_SECONDS)
            if sender.user:
                await client.login(sender.user, sender.password)
    except (aiosmtplib.SMTPException, OSError) as exc:  # TimeoutError is an OSError
        client.close()
        reason = f"cannot reach {sender!r}: {describe(exc)}"
        log.warning(reason)
        return {mid: TemporaryFailure(reason) for mid, _ in items}
    outcomes: dict[int, Outcome] = {}
    try:
        async with asyncio.timeout(BATCH_SECONDS):
            await _send_each(client, items, build, outcomes)
    except TimeoutError:
        log.warning("sending through %r took too long; the rest waits", sender)
    finally:
        await _quit(client)
    # A message cut off mid-DATA may have arrived; at least once beats never.
    return {mid: outcomes.get(mid, TemporaryFailure("timed out before sending"))
            for mid, _ in items}


async def _quit(client: aiosmtplib.SMTP) -> None:
    try:
        async with asyncio.timeout(CONNECT_SECONDS):
            if client.is_connected:
                await client.quit()
    except (aiosmtplib.SMTPException, OSError):
        pass
    finally:
        client.close()


async def _send_each(client: aiosmtplib.SMTP, items: Sequence[tuple[int, T]],
                     build: Callable[[T], EmailMessage], outcomes: dict[int, Outcome]) -> None:
    for mid, item in items:
        if not client.is_connected:
            outcomes[mid] = TemporaryFailure("the SMTP server closed the connection")
            continue
        try:
            message = build(item)
        except Exception as exc:  # one message that cannot be built must not stop the batch
            log.exception("cannot build outbox message %s", mid)
            outcomes[mid] = TemporaryFailure(f"cannot build the message: {exc}")
            continue
        try:
            await client.send_message(message)
            outcomes[mid] = None
        except aiosmtplib.SMTPRecipientsRefused as exc:
            outcomes[mid] = classify(exc.recipients[0].code, describe(exc.recipients[0]))
        except aiosmtplib.SMTPResponseException as exc:
            outcomes[mid] = classify(exc.code, describe(exc))
        except (aiosmtplib.SMTPException, OSError) as exc:
            outcomes[mid] = TemporaryFailure(describe(exc))


LOGIN_CHECK_SECONDS = 2.5


async def login_problem(sender: Sender, seconds: float = LOGIN_CHECK_SECONDS) -> str | None:
    """None when the server answers and accepts the login, else the key of what went wrong
    (see bot.text.REASONS).

    Used when an admin sets up a mailbox in the chat: short in all, because chats wait, and
    in our own words, because the server's replies could say anything.
    """
    client = aiosmtplib.SMTP(hostname=sender.host, port=sender.port, timeout=seconds,
                             use_tls=sender.security == "tls", start_tls=False)
    stage = "connect"
    try:
        async with asyncio.timeout(seconds):
            await client.connect()
            if sender.security == "starttls":
                stage = "tls"
                await client.starttls()
            if sender.user:
                stage = "login"
                await client.login(sender.user, sender.password)
    except Exception as exc:  # whatever the server does, the admin gets one of a few words
        log.info("SMTP login check of %r failed at %s: %s", sender, stage, type(exc).__name__)
        return _check_failure(stage, exc)
    finally:
        client.close()
    return None


def _check_failure(stage: str, exc: Exception) -> str:
    if isinstance(exc, TimeoutError):
        return "timed_out"
    if stage == "tls" or isinstance(exc, ssl.SSLError) or isinstance(exc.__cause__, ssl.SSLError):
        return "tls_failed"
    if stage == "login":
        return "login_refused" if isinstance(exc, aiosmtplib.SMTPAuthenticationError) else (
            "server_refused")
    if isinstance(exc, aiosmtplib.SMTPConnectError) and not isinstance(
            exc, aiosmtplib.SMTPConnectResponseError) and not isinstance(
            exc.__cause__, aiosmtplib.SMTPServerDisconnected):
        return "cannot_connect"
    return "server_refused"


def classify(code: int, reason: str) -> DeliveryError:
    """5xx will never work; anything else may work later."""
    return PermanentFailure(reason) if 500 <= code < 600 else TemporaryFailure(reason)


def describe(exc: BaseException) -> str:
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return f"{exc.code} {exc.message}".strip()
    return f"{type(exc).__name__}: {exc}".strip(": ")


def _write_files(folder: Path, messages: Sequence[tuple[int, EmailMessage]],
                 ) -> dict[int, Outcome]:
    folder.mkdir(parents=True, exist_ok=True)
    for mid, message in messages:
        (folder / f"ospite-{mid}.eml").write_bytes(bytes(message))
    return dict.fromkeys((mid for mid, _ in messages), None)
