"""`ospite guest export|forget ADDRESS` as an operator runs it, against a SQLite file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot import services
from bot.app import build_runtime
from bot.config import Settings, load_settings
from bot.domain.model import Answer, AnswerSource
from storage.migrate import upgrade
from tests.support.clock import FrozenClock
from tests.support.drafts import ANNA, BOB, ORGANIZER, draft
from tests.support.procfile import OSPITE, TEST_KEY

ADDRESS = "Anna.Rossi@ACME.example"
NORMALISED = "Anna.Rossi@acme.example"  # as check_email gives it back


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DATA_DIR": str(tmp_path / "data"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'ospite.db'}",
            "SECRET_KEY": TEST_KEY}


@pytest.fixture
async def stored(env: dict[str, str]) -> dict[str, str]:
    """A migrated database where Anna is invited to one event and answered with a note."""
    runtime = build_runtime(_settings(env), clock=FrozenClock())
    await upgrade(runtime.engine)
    event = await services.create_event(runtime.ctx, ORGANIZER, draft())
    await services.respond_to_invitation(runtime.ctx, event.guests[0].id, Answer.ACCEPTED,
                                         AnswerSource.WEB, "Arriving by train")
    await runtime.engine.dispose()
    return env


def _settings(env: dict[str, str]) -> Settings:
    return load_settings(DATA_DIR=Path(env["DATA_DIR"]), DATABASE_URL=env["DATABASE_URL"],
                         SECRET_KEY=TEST_KEY, _env_file=None)


def ospite(env: dict[str, str], *args: str, answer: str | None = None,
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([OSPITE, "guest", *args], env=env, capture_output=True, text=True,
                          input=answer, timeout=60, check=False)


async def invited(env: dict[str, str]) -> list[str]:
    """Anna's address in each event, read straight from the database."""
    runtime = build_runtime(_settings(env))
    try:
        event = await services.get_event(runtime.ctx, 1)
    finally:
        await runtime.engine.dispose()
    return [a.email for a in event.current_attendees]


async def test_export_prints_what_is_held_as_json(stored):
    done = ospite(stored, "export", ADDRESS, "--yes")
    assert done.returncode == 0 and "[y/N]" not in done.stderr
    found = json.loads(done.stdout)
    assert found["address"] == NORMALISED
    [invitation] = found["invitations"]
    assert (invitation["email"], invitation["answer"], invitation["note"]) == (
        ANNA.email, "accepted", "Arriving by train")
    assert invitation["event"]["start"] == "2026-03-03T10:00:00+01:00"
    assert [m["kind"] for m in invitation["messages"]] == ["mail.invitation"]


async def test_export_asks_first(stored):
    refused = ospite(stored, "export", ADDRESS, answer="\n")
    assert refused.returncode == 1 and refused.stdout == ""
    assert f"Export everything Ospite holds about {NORMALISED}? [y/N]" in refused.stderr
    assert "Nothing was exported." in refused.stderr


async def test_answering_no_at_the_prompt_erases_nothing(stored):
    refused = ospite(stored, "forget", ADDRESS, answer="n\n")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "This cannot be undone. [y/N]" in refused.stderr
    assert "Nothing was erased." in refused.stderr
    assert await invited(stored) == [ANNA.email, BOB.email]


async def test_forget_after_yes_at_the_prompt(stored):
    done = ospite(stored, "forget", ADDRESS, answer="yes\n")
    assert done.returncode == 0, done.stderr
    assert f"Erased {NORMALISED} from 1 event(s) (1 invitation(s))" in done.stdout
    assert ("dropped 1 email(s) not yet sent to them and 1 chat message(s) about them"
            in done.stdout)
    assert await invited(stored) == ["", BOB.email]
    empty = ospite(stored, "export", ADDRESS, "--yes")
    assert json.loads(empty.stdout) == {"address": NORMALISED, "invitations": []}
    assert f"Ospite holds nothing about {NORMALISED}." in empty.stderr


async def test_forget_with_yes_does_not_ask(stored):
    done = ospite(stored, "forget", ADDRESS, "--yes")
    assert done.returncode == 0 and "[y/N]" not in done.stderr
    assert await invited(stored) == ["", BOB.email]
    again = ospite(stored, "forget", ADDRESS, "--yes")
    assert again.returncode == 0 and "Nothing was erased." in again.stderr


async def test_a_malformed_address_is_refused_clearly(stored):
    done = ospite(stored, "forget", "anna at acme", "--yes")
    assert done.returncode == 2
    assert "'anna at acme' is not an email address." in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert await invited(stored) == [ANNA.email, BOB.email]


async def test_an_unmigrated_database_is_named_not_crashed_on(env):
    done = ospite(env, "export", ADDRESS, "--yes")
    assert done.returncode == 1
    assert "run `ospite migrate` first" in done.stderr and "Traceback" not in done.stderr
