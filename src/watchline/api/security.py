"""API keys on every request, the role check, and the per-key rate limit.

A key comes as `Authorization: Bearer <key>`, `Authorization: ApiKey <key>` (what
OpenSanctions clients send) or `X-API-Key: <key>`. No key, an unknown, revoked or
expired key: 401. A known key whose role lacks the permission: 403. Over the rate: 429.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from watchline.access import Permission, allowed
from watchline.api.errors import ApiError
from watchline.api.state import ApiState
from watchline.store.users import Principal, UserRepository


def state(request: Request) -> ApiState:
    found: ApiState = request.app.state.watchline
    return found


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() in ("bearer", "apikey") and value.strip():
            return value.strip()
        return None
    return request.headers.get("x-api-key")


def principal(request: Request, app: Annotated[ApiState, Depends(state)]) -> Principal:
    token = _token(request)
    if not token:
        raise ApiError(401, "no API key: send 'Authorization: Bearer <key>'")
    found = UserRepository(app.store).authenticate(token)
    if found is None:
        raise ApiError(401, "the API key is unknown, revoked or expired")
    request.state.key_id = found.key_id
    if not app.limiter.allow(found.key_id):
        raise ApiError(429, "rate limit exceeded for this key; slow down and retry")
    return found


def require(permission: Permission) -> Callable[..., Principal]:
    def check(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if not allowed(who.role, permission):
            raise ApiError(403, f"role {who.role.value} may not {permission.value}")
        return who

    return check
