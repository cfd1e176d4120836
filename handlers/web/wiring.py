"""Adds the guest answer pages to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import Route

from handlers.web.assets import asset_route
from handlers.web.downloads import attachment, calendar_file
from handlers.web.rsvp import record_answer, show_invitation, stop_contact

if TYPE_CHECKING:
    from bot.runtime import Runtime


def wire_web(runtime: Runtime) -> None:
    """Register the guest page, its downloads and its static files."""
    runtime.routes += [
        Route("/rsvp/{token}", show_invitation, methods=["GET"]),
        Route("/rsvp/{token}", record_answer, methods=["POST"]),
        Route("/rsvp/{token}/stop", stop_contact, methods=["POST"]),
        Route("/rsvp/{token}/event.ics", calendar_file, methods=["GET"]),
        Route("/rsvp/{token}/files/{file_id:int}", attachment, methods=["GET"]),
        asset_route(),
    ]
