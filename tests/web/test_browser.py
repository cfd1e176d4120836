"""The answer page in a real browser: open the emailed link, click Accept, see it confirmed."""

from __future__ import annotations

from bot import services, tokens
from bot.app import create_app
from bot.domain.model import Answer
from tests.support.browser import chromium, screenshot_path, served
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows


async def test_a_guest_accepts_in_the_browser(runtime, ctx, backend):
    event = await services.create_event(ctx, ORGANIZER, draft(
        description="Numbers, plans.\nSlides: https://example.com/slides", attachments=[]))
    token = tokens.token_for(ctx.secret_key, event.guests[0])
    problems: list[str] = []
    async with served(create_app(runtime=runtime)) as base, chromium() as browser:
        page = await browser.new_page(timezone_id="America/New_York", locale="en-US")
        page.on("console", lambda msg: msg.type == "error" and problems.append(
            f"{msg.text} {msg.location}"))
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        response = await page.goto(f"{base}/rsvp/{token}?answer=accepted")
        assert response is not None and response.status == 200
        headers = response.headers
        assert headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        # The small script shows the time in the guest's own zone (10:00 Rome is 04:00 there).
        local = page.locator("#local-time")
        await local.wait_for(state="visible")
        assert "04:00" in await local.inner_text()
        await page.screenshot(path=screenshot_path(f"rsvp-page-{backend}.png"), full_page=True)
        assert await outbox_rows(runtime, "chat.answer") == []  # opening changed nothing

        await page.get_by_label("A note for the organizer").fill("Looking forward to it")
        await page.get_by_role("button", name="Accept").click()
        confirmation = page.locator("#confirmation")
        await confirmation.wait_for()
        assert "Thank you! Marta Bianchi will be told that you accepted." in (
            await confirmation.inner_text())
        assert await page.locator("#current-answer").inner_text() == "Accepted"
        await page.screenshot(path=screenshot_path(f"rsvp-accepted-{backend}.png"),
                              full_page=True)
        assert await page.context.cookies() == []
    assert problems == []  # no CSP violation, no script error
    stored = (await services.get_event(ctx, event.id)).guests[0]
    assert (stored.answer, stored.comment) == (Answer.ACCEPTED, "Looking forward to it")
    assert len(await outbox_rows(runtime, "chat.answer")) == 1


async def test_a_dead_link_shows_the_friendly_page_in_the_browser(runtime, backend):
    async with served(create_app(runtime=runtime)) as base, chromium() as browser:
        page = await browser.new_page()
        response = await page.goto(f"{base}/rsvp/{'A' * 43}")
        assert response is not None and response.status == 404
        assert await page.get_by_role("heading", name="This link is no longer valid").is_visible()
        await page.screenshot(path=screenshot_path(f"rsvp-invalid-{backend}.png"))
