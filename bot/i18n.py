"""Translations: gettext catalogs in `bot/locale`, one per language, read through Babel.

Every text a person reads goes through `tr(locale)`: employees in their chat language,
guests in the event's language. Messages are marked for `pybabel extract` with the usual
names (`gettext`, `ngettext`, `pgettext`, and `N_` for texts defined ahead of use).
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.domain.validation import LOCALES

NAMES = {"en": "English", "it": "Italiano"}
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent / "locale"

Translator = gettext.NullTranslations


def N_(message: str) -> str:
    """Mark a text for translation where it is defined; it is translated where it is shown."""
    return message


def reader_locale(code: str | None, default: str = "en") -> str:
    """`it`, `it-IT` or `it_IT` → `it`; any other language → `en`; unknown → `default`."""
    if not code:
        return default if default in LOCALES else "en"
    language = code.replace("_", "-").split("-")[0].lower()
    return language if language in LOCALES else "en"


@cache
def tr(locale: str) -> Translator:
    """The catalog of a language (English for any other)."""
    locale = locale if locale in LOCALES else "en"
    folder = LOCALE_DIR / locale / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.exists() and (not source.exists()
                              or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    if source.exists():  # a checkout whose catalogs were edited since the last build
        return gettext.GNUTranslations(compile_po(source))
    return gettext.NullTranslations()


def compile_po(source: Path) -> io.BytesIO:
    """A .po file compiled to .mo bytes (fuzzy entries left out, as msgfmt does)."""
    with source.open("rb") as file:
        catalog = read_po(file, locale=source.parts[-3])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return buffer
