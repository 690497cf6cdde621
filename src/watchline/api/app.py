"""The API application factory: `create_app(settings)`; `watchline serve` runs it.

Access logs name the method, the route *template* (`/entities/{entity_id}`, never the
id or a query string), the status, the time taken and the API key id: nothing about a
person (names, dates, documents) is logged. Uvicorn's own access log, which prints
raw URLs with query strings (`/search?q=<a name>`), is switched off by `watchline serve`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from watchline import __version__
from watchline.api import errors
from watchline.api.routes import admin, matching, reconcile, subjects, vetting
from watchline.api.state import ApiState
from watchline.settings import Settings
from watchline.store.db import Store, open_store

access_log = logging.getLogger("watchline.access")
DEFAULT_RATE = 1200  # requests per minute per key


def _template(request: Request) -> str:
    """The matched route's path template (set by the router once it has routed)."""
    route = request.scope.get("route")
    return str(getattr(route, "path", "(unrouted)"))


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    rate_per_minute: int | None = None,
) -> FastAPI:
    settings = settings or Settings.from_env()
    store = store or open_store(settings.store_url)
    rate = rate_per_minute
    if rate is None:
        rate = int(os.environ.get("WATCHLINE_RATE_LIMIT", DEFAULT_RATE))
    app = FastAPI(
        title="watchline",
        version=__version__,
        description=(
            "Screen and vet people against watchlists across scripts and spellings."
            " The matching endpoints are compatible with OpenSanctions' yente."
            " Send an API key as `Authorization: Bearer <key>`."
        ),
    )
    if not access_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s access %(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False
    app.state.watchline = ApiState.create(settings, store, rate_per_minute=rate)
    errors.install(app)
    app.include_router(matching.router)
    app.include_router(reconcile.router)
    app.include_router(vetting.router)
    app.include_router(subjects.router)
    app.include_router(admin.router)

    @app.middleware("http")
    async def log_access(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        access_log.info(
            "%s %s %d %.1fms key=%s",
            request.method,
            _template(request),
            response.status_code,
            (time.perf_counter() - started) * 1000,
            getattr(request.state, "key_id", "-"),
        )
        return response

    return app
