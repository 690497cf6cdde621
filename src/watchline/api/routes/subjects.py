"""Subjects of concern: cases, networks, designations and the report.

Cases carry their version as `ETag`; `PATCH /cases/{id}` with `If-Match: "<version>"`
refuses a stale version with 409 (as the alerts do, see `routes/vetting.py`), and so is
an impossible status change (`cases.TRANSITIONS`), with the allowed ones named.

A network upload stores the network's next version, re-vets everyone ever screened
against its people and re-evaluates every designation made on it, as `watchline
networks import` does.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from watchline.access import Permission
from watchline.api.errors import ApiError
from watchline.api.routes.vetting import (
    ERRORS,
    UPLOAD_BODY,
    Id,
    IfMatch,
    Limit,
    Offset,
    Page,
    State,
    Text,
    etag,
    expected_version,
    field_errors,
    no_nul,
    page,
    person_index_dir,
    save_upload,
    upload_errors,
    upload_folder,
)
from watchline.api.security import require
from watchline.api.state import ApiState
from watchline.cases import check_state, parse_location, parse_status
from watchline.lists.encounters import parse_when
from watchline.reports.compute import compute_report
from watchline.reports.render import render
from watchline.services.networks import Designator, import_network
from watchline.services.vetting import Vetter
from watchline.store.cases import CaseRepository, CaseUpdate
from watchline.store.users import Principal

router = APIRouter(dependencies=[Depends(no_nul)])

Read = Annotated[Principal, Depends(require(Permission.READ))]
UpdateCases = Annotated[Principal, Depends(require(Permission.UPDATE_CASES))]
Designate = Annotated[Principal, Depends(require(Permission.DESIGNATE))]
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
#: Names the matching endpoints give a meaning of their own (`/match/default`).
RESERVED = ("default", "all", "sanctions")


def check_name(name: str, *, what: str) -> None:
    if not re.match(NAME_PATTERN, name) or name in RESERVED:
        raise ApiError(
            400,
            f"{what} name {name!r}: use letters, digits, '.', '_' or '-' (at most 100), and"
            f" none of {', '.join(RESERVED)}",
            location="name",
        )


# -- cases ---------------------------------------------------------------------------------
class CaseChange(BaseModel):
    """What happened; at least one of status, location, office or note."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "located",
                    "location": "Houston, TX",
                    "note": "seen at a relative's address",
                    "source": "field report 2024-117",
                    "at": "2024-05-20",
                },
                {"status": "apprehended", "office": "HOU ERO"},
            ]
        }
    )

    status: Annotated[str, Text] | None = Field(None, max_length=40, examples=["located"])
    location: Annotated[str, Text] | None = Field(
        None, max_length=200, description='"Houston, TX", "Houston, TX, US" or "Dushanbe, TJ"'
    )
    office: Annotated[str, Text] | None = Field(None, max_length=100)
    note: Annotated[str, Text] | None = Field(None, max_length=4000)
    source: Annotated[str, Text] | None = Field(
        None, max_length=200, description="Where this came from"
    )
    at: Annotated[str, Text] | None = Field(
        None, max_length=40, description="When it happened (ISO date or date-time; default now)"
    )


@router.get("/cases", response_model=Page, tags=["Subjects"], summary="Cases", responses=ERRORS)
def list_cases(
    app: State,
    who: Read,
    status: Annotated[str | None, Query(max_length=40)] = None,
    state: Annotated[str | None, Query(max_length=2, description="US state code")] = None,
    nationality: Annotated[str | None, Query(max_length=10)] = None,
    lifted: Annotated[bool, Query(description="Cases whose designation was lifted")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    """Cases, highest priority first."""
    with field_errors("status"):
        wanted = parse_status(status).value if status else None
    with field_errors("state"):
        check_state(state)
    total, cases = CaseRepository(app.store).list(
        status=wanted,
        state=state,
        nationality=nationality,
        active=not lifted,
        limit=limit,
        offset=offset,
    )
    return page(total, limit, offset, cases)


@router.get(
    "/cases/{case_id}",
    tags=["Subjects"],
    summary="A case: subject, designations and history",
    responses=ERRORS,
)
def show_case(case_id: Id, response: Response, app: State, who: Read) -> dict[str, Any]:
    """The case's version is the `ETag`; send it as `If-Match` with an update."""
    case = CaseRepository(app.store).show(case_id)
    response.headers["ETag"] = etag(case["version"])
    return case


@router.patch(
    "/cases/{case_id}",
    tags=["Subjects"],
    summary="Record what happened to a case (allowed transitions only)",
    responses=ERRORS,
)
def update_case(
    case_id: Id,
    body: CaseChange,
    response: Response,
    app: State,
    who: UpdateCases,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """An event with who (the key's user), when and where from; answers the case as it
    is afterwards, its new version as `ETag`."""
    with field_errors("status"):
        status = parse_status(body.status) if body.status else None
    with field_errors("location"):
        location = parse_location(body.location, location="location") if body.location else None
    with field_errors("at"):
        when: datetime | None = parse_when(body.at, location="at") if body.at else None
    change = CaseUpdate(
        status=status,
        location=location,
        office=body.office,
        note=body.note,
        source=body.source,
        at=when,
    )
    with field_errors("body"):
        case = CaseRepository(app.store).update(
            case_id, change, user=who.user, expected_version=expected_version(if_match)
        )
    response.headers["ETag"] = etag(case["version"])
    return case


# -- networks and designations -------------------------------------------------------------
class DesignationIn(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={"examples": [{"network": "karvon", "from": "f1", "hops": 2}]},
    )

    network: Annotated[str, Text] = Field(
        ..., min_length=1, max_length=100, description="An imported network"
    )
    origin: Annotated[str, Text] = Field(
        ..., alias="from", min_length=1, max_length=200, description="The flagged entity's id"
    )
    hops: int = Field(1, ge=0, le=10, description="Links to follow from it")


def _import_network(app: ApiState, who: Principal, name: str, path: Path, fmt: str) -> Any:
    version = import_network(app.store, path, name, fmt=fmt, actor=who.user)
    runs = Vetter(app.store, index_dir=person_index_dir(app), actor=who.user).catch_up(
        trigger="network"
    )
    designator = Designator(app.store, person_index_dir=person_index_dir(app), actor=who.user)
    reports = designator.reevaluate(name)
    return version.to_dict() | {
        "vetting": [r.to_dict() for r in runs],
        "designations": [r.to_dict() for r in reports],
    }


@router.post(
    "/networks/{name}",
    status_code=201,
    tags=["Subjects"],
    summary="Import a network's next version (FtM JSON lines or a CSV edge list)",
    responses=ERRORS | {413: {"description": "Upload too large"}},
    openapi_extra=UPLOAD_BODY,
)
async def post_network(
    name: str,
    request: Request,
    app: State,
    who: Designate,
    fmt: Annotated[Literal["ftm", "csv"], Query(alias="format")] = "ftm",
) -> dict[str, Any]:
    """The body is the whole network file (docs/networks.md). The network is stored as
    its next version (all or nothing), everyone ever screened is re-vetted against its
    people, and the designations made on it are re-evaluated."""
    check_name(name, what="network")
    suffix = ".csv" if fmt == "csv" else ".ftm.json"
    with upload_folder() as folder, upload_errors(Path(folder)):
        path = await save_upload(request, Path(folder), f"{name}{suffix}")
        result: dict[str, Any] = await run_in_threadpool(_import_network, app, who, name, path, fmt)
    return result


@router.post(
    "/designations",
    tags=["Subjects"],
    summary="Designate everyone within K hops of a flagged entity",
    responses=ERRORS,
)
def designate(body: DesignationIn, app: State, who: Designate) -> dict[str, Any]:
    """Every person reached becomes a subject of concern with the path that links them;
    re-running changes nothing (`kept`)."""
    designator = Designator(app.store, person_index_dir=person_index_dir(app), actor=who.user)
    with field_errors("hops"):
        report = designator.designate(body.network, body.origin, hops=body.hops)
    return report.to_dict()


# -- report --------------------------------------------------------------------------------
_PYPLOT = threading.Lock()
MEDIA = {
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@router.get(
    "/reports",
    tags=["Subjects"],
    summary="The subjects-of-concern report",
    responses=ERRORS
    | {200: {"content": {m: {} for m in MEDIA.values()}, "description": "The report"}},
    response_class=Response,
)
def report(
    app: State,
    who: Read,
    fmt: Annotated[Literal["text", "json", "csv", "html"], Query(alias="format")] = "json",
) -> Response:
    """Counts by status, state and nationality, over time, and the cases; as a text
    briefing, JSON, CSV or a self-contained HTML page."""
    figures = compute_report(app.store)
    if fmt == "html":
        with _PYPLOT:  # the charts are drawn with pyplot, whose state is global
            return Response(render(figures, fmt), media_type=MEDIA[fmt])
    return Response(render(figures, fmt), media_type=MEDIA[fmt])
