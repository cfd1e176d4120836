"""The page's own stylesheet and script, served from our origin so the CSP can forbid others."""

from __future__ import annotations

from functools import cache

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handlers.web.render import HERE, secure

ASSETS = {"rsvp.css": "text/css; charset=utf-8", "rsvp.js": "text/javascript; charset=utf-8",
          "favicon.svg": "image/svg+xml"}


@cache
def _read(name: str) -> bytes:
    return (HERE / "static" / name).read_bytes()


async def asset(request: Request) -> Response:
    """GET /static/{name}: the stylesheet, script and icon, cached by browsers for a day."""
    name = request.path_params["name"]
    if name not in ASSETS:
        return secure(Response("Not found", status_code=404, media_type="text/plain"))
    response = secure(Response(_read(name), media_type=ASSETS[name]))
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def asset_route() -> Route:
    return Route("/static/{name}", asset, methods=["GET"])
