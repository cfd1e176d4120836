"""Every text the Telegram front end shows has its Italian words in the catalog."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}


def shown_by_telegram() -> set[str]:
    """The texts of handlers/telegram and of the chat views it renders (bot/chat)."""
    found = set()
    for folder in ("handlers/telegram", "bot/chat"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


def translated(catalog: Catalog, text: str) -> bool:
    entry = catalog.get(text)
    if entry is None:
        return False
    return all([entry.string] if isinstance(entry.string, str) else entry.string)


def test_every_telegram_text_is_translated_into_italian():
    with (ROOT / "bot/locale/it/LC_MESSAGES/messages.po").open("rb") as file:
        catalog = read_po(file, locale="it")
    texts = shown_by_telegram()
    assert len(texts) > 100
    assert sorted(text for text in texts if not translated(catalog, text)) == []
