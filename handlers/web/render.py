"""Renders the guest pages with autoescaping and the headers that keep the token private."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, Response

from handlers.web.texts import invalid_link as invalid_link_texts

HERE = Path(__file__).parent

# The token is in the URL: no referrer to links in the description, no framing of Accept,
# no script or style from anywhere but our own routes.
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@cache
def environment() -> Environment:
    """One Jinja environment per process; everything is escaped unless marked safe."""
    return Environment(loader=FileSystemLoader(HERE / "templates"),
                       autoescape=select_autoescape(default=True), auto_reload=False)


def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """An HTML page with the security headers."""
    html = environment().get_template(template).render(**values)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def invalid_link() -> HTMLResponse:
    """The same 404 page for every link that does not open an invitation."""
    return page("invalid.html", status=404, texts=invalid_link_texts())


def secure(response: Response) -> Response:
    """Add the security headers to a non-HTML response."""
    response.headers.update(SECURITY_HEADERS)
    return response
