"""Lists, the audit log, users and keys.

Uploads are one file as the request body: `POST /lists/{name}?format=un-xml|ftm|csv`
loads a whole list as its next version; `POST /lists/{name}/updates?version=<id>`
applies one OpenSanctions delta file (`entities.delta.json`) of that version id. Both
re-vet everyone ever screened against what changed, as the CLI does. OFAC's legacy
format is three files: load it with `watchline lists load` or `lists fetch`.

API keys are shown once, when issued; the store keeps a hash only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from watchline.access import Permission, Role
from watchline.api.errors import ApiError
from watchline.api.routes.subjects import check_name
from watchline.api.routes.vetting import (
    ERRORS,
    UPLOAD_BODY,
    Limit,
    Offset,
    Page,
    State,
    Text,
    no_nul,
    page,
    person_index_dir,
    save_upload,
    upload_errors,
    upload_folder,
)
from watchline.api.security import require
from watchline.api.state import ApiState
from watchline.errors import ConflictError
from watchline.lists.ftm_delta import DELTA_FILE, VERSION_RE
from watchline.services.lists import load_list, update_list
from watchline.services.vetting import Vetter
from watchline.store import audit
from watchline.store.lists import ListInfo, ListRepository
from watchline.store.users import PREFIX, Principal, UserRepository

router = APIRouter(dependencies=[Depends(no_nul)])

Read = Annotated[Principal, Depends(require(Permission.READ))]
WriteLists = Annotated[Principal, Depends(require(Permission.WRITE_LISTS))]
Audit = Annotated[Principal, Depends(require(Permission.AUDIT))]
Users = Annotated[Principal, Depends(require(Permission.USERS))]
UPLOAD_SUFFIX = {"un-xml": ".xml", "ftm": ".ftm.json", "csv": ".csv"}


# -- lists ---------------------------------------------------------------------------------
def list_summary(info: ListInfo) -> dict[str, Any]:
    data = info.to_dict()
    data.pop("versions")
    return data


def _catch_up(app: ApiState, who: Principal, trigger: str) -> list[dict[str, Any]]:
    vetter = Vetter(app.store, index_dir=person_index_dir(app), actor=who.user)
    return [run.to_dict() for run in vetter.catch_up(trigger=trigger)]


@router.get("/lists", response_model=Page, tags=["Lists"], summary="Lists", responses=ERRORS)
def lists(app: State, who: Read, limit: Limit = 100, offset: Offset = 0) -> Page:
    """Watchlists and networks with their current version (no version history)."""
    infos = ListRepository(app.store).lists()
    chosen = infos[offset : offset + limit]
    return page(len(infos), limit, offset, [list_summary(i) for i in chosen])


@router.get("/lists/{name}", tags=["Lists"], summary="A list and its versions", responses=ERRORS)
def get_list(name: str, app: State, who: Read) -> dict[str, Any]:
    return ListRepository(app.store).get(name).to_dict()


def _load(app: ApiState, who: Principal, name: str, fmt: str, path: Path) -> dict[str, Any]:
    version = load_list(app.store, fmt, path, name, actor=who.user)
    return version.to_dict() | {"vetting": _catch_up(app, who, "load")}


@router.post(
    "/lists/{name}",
    status_code=201,
    tags=["Lists"],
    summary="Load a whole list file as the list's next version, then re-vet",
    responses=ERRORS | {413: {"description": "Upload too large"}},
    openapi_extra=UPLOAD_BODY,
)
async def post_list(
    name: str,
    request: Request,
    app: State,
    who: WriteLists,
    fmt: Annotated[
        Literal["un-xml", "ftm", "csv"],
        Query(alias="format", description="un-xml, ftm (JSON lines) or csv (agency format)"),
    ],
) -> dict[str, Any]:
    """The body is the list file. Entries are diffed against the current version (added,
    changed, removed); everyone ever screened is then re-vetted against the changes and
    alerts on removed entries are withdrawn."""
    check_name(name, what="list")
    with upload_folder() as folder, upload_errors(Path(folder)):
        path = await save_upload(request, Path(folder), f"{name}{UPLOAD_SUFFIX[fmt]}")
        result: dict[str, Any] = await run_in_threadpool(_load, app, who, name, fmt, path)
    return result


def _update(app: ApiState, who: Principal, name: str, path: Path) -> dict[str, Any]:
    versions = update_list(app.store, name, path, actor=who.user)
    return {
        "versions": [v.to_dict() for v in versions],
        "vetting": _catch_up(app, who, "update"),
    }


@router.post(
    "/lists/{name}/updates",
    tags=["Lists"],
    summary="Apply one FtM delta file (OpenSanctions entities.delta.json), then re-vet",
    responses=ERRORS | {413: {"description": "Upload too large"}},
    openapi_extra=UPLOAD_BODY,
)
async def post_update(
    name: str,
    request: Request,
    app: State,
    who: WriteLists,
    version: Annotated[
        str,
        Query(
            max_length=40,
            description="The delta's version id; must be newer than the one applied",
            examples=["20240527134702-zbn"],
        ),
    ],
) -> dict[str, Any]:
    """Only an `ftm` list takes deltas; a version not newer than the applied one is 409
    (applying out of order would resurrect deleted entries)."""
    if not VERSION_RE.match(version):
        raise ApiError(
            400,
            f"invalid version id {version!r} (expected e.g. 20240527134702-zbn)",
            location="version",
        )
    await run_in_threadpool(ListRepository(app.store).get, name)  # 404 before the upload
    with upload_folder() as folder, upload_errors(Path(folder)):
        # An empty delta file is valid: nothing changed in that version.
        path = await save_upload(request, Path(folder) / version, DELTA_FILE, allow_empty=True)
        result: dict[str, Any] = await run_in_threadpool(_update, app, who, name, path)
    return result


# -- audit ---------------------------------------------------------------------------------
@router.get("/audit/verify", tags=["Audit"], summary="Verify the audit log's hash chain")
def verify(app: State, who: Audit) -> dict[str, Any]:
    """`ok` is false with the problems named when a record was edited, removed or
    inserted."""
    return audit.verify(app.store).to_dict()


@router.get(
    "/audit/export",
    tags=["Audit"],
    summary="Every audit record with its hashes, oldest first (JSON lines)",
    response_class=StreamingResponse,
    responses=ERRORS | {200: {"content": {"application/x-ndjson": {}}}},
)
def export(app: State, who: Audit) -> StreamingResponse:
    def lines() -> Iterator[str]:
        for record in audit.export(app.store):
            yield json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n"

    return StreamingResponse(
        lines(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="audit.jsonl"'},
    )


# -- users and keys ------------------------------------------------------------------------
class UserIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "j.doe", "role": "analyst"}]}
    )

    name: Annotated[str, Text] = Field(..., min_length=1, max_length=100)
    role: Role


class KeyIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"expires_at": "2025-12-31T00:00:00Z"}, {}]}
    )

    expires_at: datetime | None = Field(None, description="Default: never")


class KeyOut(BaseModel):
    user: str
    key_id: str
    key: str = Field(..., description="Shown this once only: the store keeps a hash")
    expires_at: datetime | None = None


@router.get("/users", response_model=Page, tags=["Users"], summary="Users", responses=ERRORS)
def users(app: State, who: Users, limit: Limit = 100, offset: Offset = 0) -> Page:
    """Users with their role and their keys' ids (never the keys)."""
    found = UserRepository(app.store, actor=who.user).list()
    return page(len(found), limit, offset, found[offset : offset + limit])


@router.post("/users", status_code=201, tags=["Users"], summary="Add a user", responses=ERRORS)
def add_user(body: UserIn, app: State, who: Users) -> dict[str, Any]:
    return UserRepository(app.store, actor=who.user).add(body.name, body.role)


@router.delete(
    "/users/{name}",
    status_code=204,
    tags=["Users"],
    summary="Remove a user and revoke their keys",
    responses=ERRORS,
)
def remove_user(name: str, app: State, who: Users) -> Response:
    if name == who.user:
        raise ConflictError("you cannot remove yourself; another admin can", location="name")
    UserRepository(app.store, actor=who.user).remove(name)
    return Response(status_code=204)


@router.post(
    "/users/{name}/keys",
    status_code=201,
    response_model=KeyOut,
    tags=["Users"],
    summary="Issue a key (shown once)",
    responses=ERRORS,
)
def issue_key(name: str, app: State, who: Users, body: KeyIn | None = None) -> KeyOut:
    expires = body.expires_at if body else None
    if expires is not None and (
        expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    ) <= datetime.now(UTC):
        raise ApiError(400, "expires_at is in the past", location="expires_at")
    key = UserRepository(app.store, actor=who.user).issue(name, expires_at=expires)
    key_id = key.removeprefix(f"{PREFIX}_").split("_", 1)[0]
    return KeyOut(user=name, key_id=key_id, key=key, expires_at=expires)


@router.delete(
    "/keys/{key_id}", status_code=204, tags=["Users"], summary="Revoke a key", responses=ERRORS
)
def revoke_key(key_id: str, app: State, who: Users) -> Response:
    UserRepository(app.store, actor=who.user).revoke(key_id)
    return Response(status_code=204)
