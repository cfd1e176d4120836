"""The guest's answer page: GET shows (and never changes anything), POST records."""

from __future__ import annotations

from email.utils import parseaddr
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from starlette.requests import Request
from starlette.responses import Response

from bot import invitations, privacy, services
from bot.domain.answers import MAX_COMMENT
from bot.domain.errors import AnswerClosed, InvalidInput, NotFound
from bot.domain.model import Answer
from bot.services import Context
from handlers.web.render import invalid_link, page
from handlers.web.texts import words
from handlers.web.view import CHOICES, Footer, invitation_page, stopped, thanks


async def show_invitation(request: Request) -> Response:
    """GET /rsvp/{token}: the event and three buttons; `?answer=` only pre-selects one."""
    token = request.path_params["token"]
    try:
        invitation = await invitations.open_invitation(_ctx(request), token)
    except NotFound:
        return invalid_link()
    values = invitation_page(invitation, token, preselect=request.query_params.get("answer"),
                             footer=await _footer(request, invitation))
    return page("rsvp.html", **values)


async def record_answer(request: Request) -> Response:
    """POST /rsvp/{token}: record the chosen answer and confirm it on the same page."""
    token, ctx = request.path_params["token"], _ctx(request)
    form = await request.form()
    choice, comment = str(form.get("answer", "")), str(form.get("comment", ""))
    try:
        if not _same_origin(request):
            return await _refuse(ctx, token, "bad_origin", 403)
        if choice not in CHOICES:
            return await _refuse(ctx, token, "choose", 400)
        invitation, answered = await invitations.answer_invitation(
            ctx, token, Answer(choice), comment)
    except NotFound:
        return invalid_link()
    except AnswerClosed:
        return await _refuse(ctx, token, None, 409)
    except InvalidInput as exc:
        return await _refuse(ctx, token, "comment" if "comment" in exc.problems else "choose", 400)
    values = invitation_page(invitation, token, message=thanks(invitation, answered.changed),
                             footer=await _footer(request, invitation))
    return page("rsvp.html", **values)


async def stop_contact(request: Request) -> Response:
    """POST /rsvp/{token}/stop: the guest declines and asks to hear nothing more."""
    token, ctx = request.path_params["token"], _ctx(request)
    if not _same_origin(request):
        return await _refuse(ctx, token, "bad_origin", 403)
    try:
        await privacy.stop_contact(ctx, token)
        invitation = await invitations.open_invitation(ctx, token)
    except NotFound:
        return invalid_link()
    return page("rsvp.html", **invitation_page(invitation, token, message=stopped(invitation),
                                               footer=await _footer(request, invitation)))


async def _footer(request: Request, invitation: invitations.Invitation) -> Footer:
    settings = request.app.state.runtime.settings
    if settings.PRIVACY_URL:
        return Footer(privacy_url=settings.PRIVACY_URL)
    company = await services.sender_name_of(_ctx(request), invitation.event.workspace_id)
    return Footer(company=company or mail_from_name(settings.MAIL_FROM))


async def _refuse(ctx: Context, token: str, reason: str | None, status: int) -> Response:
    """Show the page again with why the answer was not taken (closed events say so)."""
    try:
        invitation = await invitations.open_invitation(ctx, token)
    except NotFound:
        return invalid_link()
    locale = invitation.event.locale
    limit = format_decimal(MAX_COMMENT, locale=locale if locale in ("en", "it") else "en")
    error = words(locale)[reason].format(limit=limit) if reason else None
    return page("rsvp.html", status=status, **invitation_page(invitation, token, error=error))


def _same_origin(request: Request) -> bool:
    """Refuse posts from other sites; browsers send `Origin: null` under no-referrer."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    public = urlsplit(request.app.state.runtime.settings.PUBLIC_URL)
    allowed = {f"{public.scheme}://{public.netloc}",
               f"{request.url.scheme}://{request.url.netloc}"}
    return origin in allowed


def _ctx(request: Request) -> Context:
    return request.app.state.runtime.ctx


def mail_from_name(mail_from: str | None) -> str:
    """The display name of MAIL_FROM (`Acme Events <events@acme.example>` → Acme Events)."""
    return parseaddr(mail_from or "")[0]
