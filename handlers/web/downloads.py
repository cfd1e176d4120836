"""What a guest downloads through their own link: the calendar file and the attachments."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from bot import invitations
from bot.domain.errors import NotFound
from handlers.web.calendar_file import calendar_for
from handlers.web.render import invalid_link, secure


async def calendar_file(request: Request) -> Response:
    """GET /rsvp/{token}/event.ics: the event, for the guest's calendar."""
    token = request.path_params["token"]
    try:
        invitation = await invitations.open_invitation(request.app.state.runtime.ctx, token)
    except NotFound:
        return invalid_link()
    body = calendar_for(invitation)
    return secure(Response(body, media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="event.ics"'}))


async def attachment(request: Request) -> Response:
    """GET /rsvp/{token}/files/{id}: one attachment of the token's own event."""
    token, file_id = request.path_params["token"], request.path_params["file_id"]
    try:
        file = await invitations.get_attachment(request.app.state.runtime.ctx, token, file_id)
    except NotFound:
        return invalid_link()
    response = secure(Response(file.data, media_type=file.content_type or
                               "application/octet-stream"))
    # Always a download, and sandboxed: an uploaded HTML file must not run on our origin.
    response.headers["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(file.name, safe='')}")
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
