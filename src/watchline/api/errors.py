"""Every error is a JSON body that says what is wrong; never a stack trace.

`{"detail": "...", "error": "...", "location": ...}`: `detail` is what yente clients
read; `error` and `location` are watchline's (which field, file or line).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from watchline.errors import WatchlineError

log = logging.getLogger("watchline.api")


class ApiError(Exception):
    def __init__(self, status: int, detail: str, *, location: str | None = None) -> None:
        self.status, self.detail, self.location = status, detail, location
        super().__init__(detail)


def _body(status: int, detail: str, error: str, location: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"detail": detail, "error": error, "location": location}, status, headers=headers
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _body(exc.status, exc.detail, "ApiError", exc.location)

    @app.exception_handler(WatchlineError)
    async def watchline_error(_: Request, exc: WatchlineError) -> JSONResponse:
        return _body(exc.status, exc.message, type(exc).__name__, exc.location)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors()[:10]:
            where = ".".join(str(p) for p in error.get("loc", ()))
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return _body(422, "; ".join(problems) or "invalid request", "RequestValidationError")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _body(exc.status_code, str(exc.detail), "HTTPException")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s: %r", request.method, request.url.path, exc)
        return _body(500, "internal error; it has been logged", "InternalError")
