"""GET /healthz: is the process up and can it reach its database?"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def health_route(database_ok: Callable[[], Awaitable[bool]]) -> Route:
    async def healthz(_request: Request) -> JSONResponse:
        ok = await database_ok()
        return JSONResponse({"status": "ok" if ok else "degraded", "database": ok},
                            status_code=200 if ok else 503)

    return Route("/healthz", healthz, methods=["GET"])
