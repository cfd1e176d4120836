"""Telegram's limits: no message over 4,096 characters, no callback data over 64 bytes.
The stand-in Bot API refuses both, as Telegram does, so nothing here may be refused."""

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot import services
from bot.domain.drafts import GuestDraft
from bot.domain.model import PersonRef, Platform
from tests.support.drafts import draft
from tests.support.mailbox import deliver_all
from tests.telegram.conftest import ORGANIZER_ID

ME = PersonRef(Platform.TELEGRAM, "telegram", str(ORGANIZER_ID), "Marta Bianchi", None, "en")


def guests(count: int, name_length: int = 12) -> list[GuestDraft]:
    return [GuestDraft(f"guest{n:03}@partner.example", f"Guest{n:03}",
                       "S" + "o" * (name_length - 1)) for n in range(count)]


def telegram_size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_the_stand_in_refuses_what_telegram_refuses(chat):
    bot = chat.application.bot
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(ORGANIZER_ID, "📅" * 2049)  # 4,098 UTF-16 code units
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(ORGANIZER_ID, "hi", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("x", callback_data="x" * 65)]]))


@pytest.mark.parametrize("name_length", [12, 255])
async def test_a_card_and_a_summary_of_100_guests_fit_one_message(chat, name_length):
    event = await services.create_event(chat.runtime.ctx, ME,
                                        draft(guests=guests(100, name_length)))
    await deliver_all(chat.runtime)
    card = chat.api.said()[-1]
    assert telegram_size(card) <= 4096
    assert card.startswith("Quarterly review\n") and "Guest000 Soo" in card
    summary = (await chat.person().presses(f"card:edit:{event.id}"))[-1]
    assert telegram_size(summary) <= 4096
    assert "Guests (100):\n• Guest000 Soo" in summary
    if name_length == 12:  # forty by name, then how many more
        assert "… and 60 more" in card and "Guest039" in card and "Guest040" not in card
        assert "• Guest039" in summary and "… and 60 more" in summary
    else:
        assert card.endswith("…") and "more" in summary
    assert summary.endswith("Emails in: English")
    assert chat.api.refused == []


async def test_a_full_guest_list_takes_no_more(chat):
    event = await services.create_event(chat.runtime.ctx, ME, draft(guests=guests(100)))
    me = chat.person()
    await me.presses(f"card:more:{event.id}")
    said = await me.says("one-more@partner.example")
    assert said[-1].startswith("At most 100 guests per event.\n\nQuarterly review")
    assert chat.api.refused == []


async def test_a_long_listing_comes_in_messages_telegram_accepts(chat):
    for n in range(20):
        await services.create_event(chat.runtime.ctx, ME, draft(title=f"{n:02} " + "T" * 250))
    said = await chat.person().says("/events")
    assert len(said) > 1 and all(telegram_size(text) <= 4096 for text in said)
    assert "\n".join(said).count("• “") == 20
    assert chat.api.refused == []
