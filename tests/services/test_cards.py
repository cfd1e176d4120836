from bot import services
from bot.chat.cards import set_card
from tests.support.drafts import ORGANIZER, draft


async def test_the_card_location_is_kept_with_the_event(ctx):
    event = await services.create_event(ctx, ORGANIZER, draft())
    await set_card(ctx, event.id, {"channel": "D123", "ts": "1700000000.000100"})
    stored = await services.get_event(ctx, event.id)
    assert stored.card == {"channel": "D123", "ts": "1700000000.000100"}
