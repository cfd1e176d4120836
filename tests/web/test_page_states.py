"""The answer page tells a choice from an answer, says why the guest got it, and lets the guest
ask to hear nothing more about the event."""

from __future__ import annotations

import re

from bot import services, tokens
from bot.app import create_app
from bot.domain.model import Answer, AnswerSource
from tests.support.browser import chromium, screenshot_path, served
from tests.support.drafts import ANNA, ORGANIZER, draft
from tests.support.mailbox import deliver_all, mail_runtime
from tests.support.outbox import outbox_rows


def state(html: str) -> str | None:
    found = re.search(r'id="answer-state"[^>]*>([^<]*)<', html)
    return found.group(1) if found else None


async def test_a_preselected_choice_is_not_an_answer(web, link, ctx, event):
    chosen = await web.get(f"{link}?answer=accepted")
    assert state(chosen.text) == "Not recorded yet: press Accept to confirm."
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.AWAITING  # a GET records nothing
    await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED,
                                         AnswerSource.WEB)
    recorded = await web.get(link)
    assert state(recorded.text) == "You accepted on 1 March. Change your answer?"
    again = await web.get(f"{link}?answer=declined")
    assert state(again.text) == "Not recorded yet: press Decline to confirm."


async def test_the_states_in_italian(web, ctx):
    event = await services.create_event(ctx, ORGANIZER, draft(locale="it"))
    link = f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}"
    assert state((await web.get(f"{link}?answer=tentative")).text) == (
        "Non ancora registrata: prema Forse per confermare.")
    await services.respond_to_invitation(ctx, event.guests[0].id, Answer.DECLINED,
                                         AnswerSource.WEB)
    assert state((await web.get(link)).text) == (
        "Ha rifiutato il 1 marzo. Vuole cambiare la Sua risposta?")


async def test_the_footer_says_who_invited_them_or_links_the_privacy_notice(
        runtime, settings, clock, ctx):
    import httpx

    from bot.app import build_runtime

    for locale, plain, notice in (
            ("en", "You received this invitation from Marta Bianchi of Acme Events for "
                   "Quarterly review.", "How we use your data"),
            ("it", "Ha ricevuto questo invito da Marta Bianchi di Acme Events per "
                   "Quarterly review.", "Come usiamo i Suoi dati")):
        event = await services.create_event(ctx, ORGANIZER, draft(locale=locale))
        link = f"/rsvp/{tokens.token_for(ctx.secret_key, event.guests[0])}"
        for privacy_url in (None, "https://acme.example/privacy"):
            app = create_app(runtime=build_runtime(settings.model_copy(update={
                "MAIL_FROM": "Acme Events <events@acme.example>",
                "PRIVACY_URL": privacy_url}), clock=clock))
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://127.0.0.1:8000") as client:
                html = (await client.get(link)).text
            footer = re.search(r'<footer class="why">(.*?)</footer>', html, re.S).group(1)
            if privacy_url:
                assert footer == f'<a href="{privacy_url}" rel="noopener noreferrer">{notice}</a>'
            else:
                assert footer == plain


async def test_dont_contact_me_declines_tells_the_organizer_and_stops_all_mail(
        web, link, ctx, runtime, event, settings, clock, smtp_sink):
    page = await web.get(link)
    assert "Don&#39;t contact me about this event again" in page.text
    done = await web.post(f"{link}/stop", data={"stop": "yes"})
    assert done.status_code == 200
    assert "You will hear nothing more about this event; we have told Marta Bianchi." in (
        done.text)
    assert 'id="stop-contact"' not in done.text
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.DECLINED and stored.guests[0].contact_stopped
    [told] = [r for r in await outbox_rows(runtime, "chat.answer")]
    assert told["payload"]["source"] == "opt_out"
    smtp_sink.received.clear()
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)  # the invitations already waiting
    smtp_sink.received.clear()
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 9"))
    await deliver_all(worker)
    assert [r.rcpt_tos for r in smtp_sink.received] == [["bob@partner.example"]]
    assert ANNA.email not in str([r.rcpt_tos for r in smtp_sink.received])
    await worker.engine.dispose()


async def test_a_stop_posted_from_another_site_is_refused(web, link, ctx, event):
    refused = await web.post(f"{link}/stop", data={"stop": "yes"},
                             headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.AWAITING and not stored.guests[0].contact_stopped


async def test_the_two_states_in_a_browser(runtime, ctx, backend):
    event = await services.create_event(ctx, ORGANIZER, draft())
    token = tokens.token_for(ctx.secret_key, event.guests[0])
    async with served(create_app(runtime=runtime)) as base, chromium() as browser:
        page = await browser.new_page(locale="en-US")
        await page.goto(f"{base}/rsvp/{token}?answer=accepted")
        chosen = await page.locator("#answer-state").inner_text()
        await page.screenshot(path=screenshot_path(f"rsvp-preselected-{backend}.png"),
                              full_page=True)
        await page.locator("button.choice-accepted").click()
        await page.wait_for_selector("#confirmation")
        await page.goto(f"{base}/rsvp/{token}")
        recorded = await page.locator("#answer-state").inner_text()
        await page.screenshot(path=screenshot_path(f"rsvp-recorded-{backend}.png"),
                              full_page=True)
    assert chosen == "Not recorded yet: press Accept to confirm."
    assert recorded == "You accepted on 1 March. Change your answer?"
    assert chosen != recorded
