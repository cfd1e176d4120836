"""The catalogs say everything the code says, in English and Italian, and guests are 'Lei'."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {lang: ROOT / "bot" / "locale" / lang / "LC_MESSAGES" / "messages.po"
            for lang in ("en", "it")}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Forms of "tu" that must never reach a guest (the formal "Lei" is used instead).
INFORMAL = re.compile(r"\b(ti|tu|te|tuo|tua|tuoi|tue|sei|hai|devi|puoi|vuoi|rispondi|"
                      r"partecipi|scegli)\b", re.IGNORECASE)


def read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str | None, str]]:
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-c", "from babel.messages.frontend import main; main()",
                    "extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "-o", str(pot),
                    "."], cwd=ROOT, check=True, capture_output=True)
    return {(m.context, _id(m)) for m in read(pot) if m.id}


def _id(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_each_catalog_holds_exactly_the_texts_of_the_code(lang, extracted):
    have = {(m.context, _id(m)) for m in read(CATALOGS[lang]) if m.id}
    missing, stale = extracted - have, have - extracted
    assert not missing, f"run `bash scripts/translations`: {lang} lacks {sorted(missing)[:5]}"
    assert not stale, f"run `bash scripts/translations`: {lang} has old {sorted(stale)[:5]}"


def test_every_text_has_its_italian_translation():
    untranslated = []
    for message in read(CATALOGS["it"]):
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(forms)):
            untranslated.append(_id(message))
    assert untranslated == []


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_translations_keep_their_placeholders(lang):
    for message in read(CATALOGS[lang]):
        if not message.id or not message.string:
            continue
        wanted = set(PLACEHOLDER.findall(_id(message)))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in (f for f in forms if f):  # an empty English form reads as the msgid
            assert set(PLACEHOLDER.findall(form)) <= wanted | {"count"}, (message.id, form)
            assert wanted - {"count"} <= set(PLACEHOLDER.findall(form)), (message.id, form)


def test_guests_are_addressed_formally_in_italian():
    informal = [(m.id, m.string) for m in read(CATALOGS["it"])
                if m.context == "guest" and INFORMAL.search(str(m.string))]
    assert informal == []


def test_the_installed_catalogs_translate():
    from bot.i18n import tr

    assert tr("it").gettext("Save") == "Salva"
    assert tr("it").ngettext("{count} accepted", "{count} accepted", 2) == "{count} hanno accettato"
    assert tr("en").gettext("Save") == "Save"
    assert tr("de").gettext("Save") == "Save"  # any other language reads English
