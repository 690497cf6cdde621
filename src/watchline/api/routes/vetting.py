"""Encounters, persons and alerts: record who presented, find them again, adjudicate.

Collections answer `{"total", "limit", "offset", "results"}` (`limit` at most 500).
Every write names the API key's user as the actor in the audit log.

Optimistic concurrency: `GET /alerts/{id}` and every decision answer the alert's
version as `ETag: "<version>"`. Send it back as `If-Match: "<version>"` (the quotes are
optional) with a decision: when someone decided the alert meanwhile, the decision is
refused with **409 Conflict**, like every other conflict with the stored state (the
store checks the version inside the transaction that writes, so the answer is the same
whether the race was lost before or during the request). Without `If-Match` a decision
applies to the alert as it is read at that moment.

Four-eyes: a `match` decision on an alert someone already proposed as a match is the
second approval and needs the `approve` permission (supervisor); a proposer can never
approve their own proposal (409).

This module also holds what the other resource routers share: the page shape, the
ETag/If-Match helpers, file uploads and error mapping.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from watchline.access import Permission, allowed
from watchline.api.errors import ApiError
from watchline.api.models import ErrorResponse
from watchline.api.security import require, state
from watchline.api.state import ApiState
from watchline.errors import ConflictError, InputError, WatchlineError
from watchline.lists.encounters import EncounterRecord, parse_when
from watchline.lists.queries import make_query
from watchline.model import Entity
from watchline.services.encounters import store_encounter
from watchline.services.persons import person_details, search_persons
from watchline.store.alerts import AlertRepository
from watchline.store.person_index import default_person_index_dir
from watchline.store.persons import encounter_summary
from watchline.store.tables import EncounterRow
from watchline.store.users import Principal
from watchline.workflow import Action, AlertState, parse_action

MAX_LIMIT = 500
MAX_VALUE = 500
#: Largest accepted upload (a list, a network or a delta file).
MAX_UPLOAD = 512 * 1024 * 1024

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Invalid input (the body says which field)"},
    401: {"model": ErrorResponse, "description": "No, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "The key's role may not do this"},
    404: {"model": ErrorResponse, "description": "Unknown id or name"},
    409: {
        "model": ErrorResponse,
        "description": "Conflict with the stored state: stale If-Match version, an impossible"
        " transition, a duplicate",
    },
    422: {"model": ErrorResponse, "description": "Malformed request"},
    429: {"model": ErrorResponse, "description": "Rate limit exceeded"},
}

State = Annotated[ApiState, Depends(state)]
Screen = Annotated[Principal, Depends(require(Permission.SCREEN))]
Read = Annotated[Principal, Depends(require(Permission.READ))]
Decide = Annotated[Principal, Depends(require(Permission.DECIDE))]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (at most 500)")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Results to skip")]
IfMatch = Annotated[
    str | None,
    Header(
        description='The version from the resource\'s ETag (`"3"`); a stale one is refused'
        " with 409",
        examples=['"1"'],
    ),
]


# -- shared by the resource routers --------------------------------------------------------
#: Ids are 32-bit integers in the store (PostgreSQL `integer`): larger ones are a 422.
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: refuse it here, not as a database error.
    if "\x00" in value:
        raise ValueError("contains a NUL character (\\u0000)")
    return value


#: A string field of a request body that is stored as text.
Text = AfterValidator(_no_nul)


def no_nul(request: Request) -> None:
    """Refuse a NUL character in the path or query (PostgreSQL text cannot hold one);
    every resource router runs this first."""
    params = [*request.path_params.items(), *request.query_params.multi_items()]
    for key, value in params:
        if "\x00" in str(value):
            raise ApiError(400, f"{key!r} contains a NUL character", location=key)


router = APIRouter(dependencies=[Depends(no_nul)])


class Page(BaseModel):
    total: int = Field(..., description="Results matching, over all pages")
    limit: int
    offset: int
    results: list[dict[str, Any]]


def page(total: int, limit: int, offset: int, results: list[dict[str, Any]]) -> Page:
    return Page(total=total, limit=limit, offset=offset, results=results)


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version an `If-Match` header names (None without one, or for `*`)."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 12:
        raise ApiError(
            400,
            'If-Match must be the version from the ETag, e.g. If-Match: "3"',
            location="If-Match",
        )
    return int(value)


@contextmanager
def field_errors(location: str) -> Iterator[None]:
    """A service's InputError (located by CLI option) as a 400 naming the API field."""
    try:
        yield
    except InputError as exc:
        raise ApiError(400, exc.message, location=location) from None


UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


async def save_upload(
    request: Request, folder: FilePath, filename: str, *, allow_empty: bool = False
) -> FilePath:
    """Stream the request body into `folder/filename` (413 over MAX_UPLOAD, 400 empty)."""
    path = folder / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with path.open("wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise ApiError(
                    413, f"the upload is larger than {MAX_UPLOAD} bytes", location="body"
                )
            await run_in_threadpool(out.write, chunk)
    if size == 0 and not allow_empty:
        raise ApiError(400, "the request body is empty: send the file as the body", location="body")
    return path


@contextmanager
def upload_errors(folder: FilePath) -> Iterator[None]:
    """Errors about an uploaded file name the body, not the temporary file it was in."""
    try:
        yield
    except WatchlineError as exc:
        for attribute in ("message", "location"):
            value = getattr(exc, attribute)
            if value and str(folder) in value:
                setattr(exc, attribute, re.sub(re.escape(str(folder)) + r"[^,:;)]*", "body", value))
        raise


def upload_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="watchline-upload-")


def person_index_dir(app: ApiState) -> FilePath:
    return default_person_index_dir(app.store, app.settings.home)


# -- encounters ----------------------------------------------------------------------------
ENCOUNTER_EXAMPLE: dict[str, Any] = {
    "schema": "Person",
    "properties": {
        "name": ["Hafiz Muhammad Saeed"],
        "birthDate": ["1950-06-05"],
        "nationality": ["pk"],
    },
    "external_ref": "LAX-2024-000123",
    "source_system": "border",
    "person_ref": "A-123456789",
    "occurred_at": "2024-05-27T14:05:00Z",
    "location": "LAX",
    "agency": "CBP",
}


class EncounterIn(BaseModel):
    """One person presenting: an FtM-like record plus the encounter's own fields."""

    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra={"examples": [ENCOUNTER_EXAMPLE]}
    )

    schema_: Annotated[str, Text] = Field("Person", alias="schema", max_length=50)
    properties: dict[str, str | list[str]] = Field(..., description="FtM properties; a name")
    external_ref: Annotated[str, Text] = Field(
        ...,
        min_length=1,
        max_length=200,
        description="The source system's reference for this encounter (unique per system)",
    )
    source_system: Annotated[str, Text] = Field("api", min_length=1, max_length=100)
    person_ref: Annotated[str, Text] | None = Field(
        None, max_length=200, description="The agency's person number (A-number), if any"
    )
    occurred_at: Annotated[str, Text] | None = Field(
        None, max_length=40, description="ISO date or date-time (a naive time is UTC)"
    )
    location: Annotated[str, Text] | None = Field(
        None, max_length=200, description="Port of entry or office"
    )
    agency: Annotated[str, Text] | None = Field(None, max_length=100)


class EncounterOut(BaseModel):
    encounter: dict[str, Any]
    person_id: int
    person_created: bool
    unscreenable: str | None = Field(
        None, description="Why the name could not be screened (the encounter is stored)"
    )
    alerts: list[dict[str, Any]] = Field(..., description="Alerts raised by this encounter")


def encounter_record(body: EncounterIn) -> EncounterRecord:
    for prop, values in body.properties.items():
        if any(len(v) > MAX_VALUE for v in ([values] if isinstance(values, str) else values)):
            raise ApiError(
                400,
                f"a value of {prop!r} is longer than {MAX_VALUE} characters",
                location=f"properties.{prop}",
            )
    ref = body.external_ref.strip()
    source = body.source_system.strip()
    if not ref or not source:
        raise ApiError(400, "external_ref and source_system may not be blank", location="body")
    try:
        entity = Entity.from_ftm(
            {"id": ref, "schema": body.schema_, "properties": body.properties}, clean=True
        )
    except InputError as exc:
        raise ApiError(400, exc.message, location=exc.location or "properties") from None
    if not entity.names:
        raise ApiError(400, "the encounter has no name", location="properties.name")
    with field_errors("occurred_at"):
        when = parse_when(body.occurred_at or "", location="occurred_at")
    return EncounterRecord(
        entity=entity,
        source_system=source,
        external_ref=ref,
        person_ref=(body.person_ref or "").strip() or None,
        agency=(body.agency or "").strip() or None,
        location=(body.location or "").strip() or None,
        occurred_at=when,
        line=1,
    )


@router.post(
    "/encounters",
    status_code=201,
    response_model=EncounterOut,
    tags=["Vetting"],
    summary="Screen one encounter and store it (person, encounter, alerts)",
    responses=ERRORS,
)
def post_encounter(body: EncounterIn, app: State, who: Screen) -> EncounterOut:
    """Screen the person against every watchlist, resolve them to a person (agency
    number, passport, or the encounter itself), store the encounter and raise an alert
    per match. An encounter already stored (same `source_system` and `external_ref`) is a
    409; nothing is screened twice."""
    record = encounter_record(body)
    with app.lock:
        stored = store_encounter(app.store, record, app.screener(), actor=who.user)
    with app.store.session() as session:
        row = session.get(EncounterRow, stored.encounter_id)
        assert row is not None
        encounter = encounter_summary(row)
    _, alerts = AlertRepository(app.store).list(person_id=stored.person_id, limit=MAX_LIMIT)
    raised = set(stored.alert_ids)
    return EncounterOut(
        encounter=encounter,
        person_id=stored.person_id,
        person_created=stored.person_created,
        unscreenable=stored.unscreenable,
        alerts=[a for a in alerts if a["id"] in raised],
    )


@router.get(
    "/encounters", response_model=Page, tags=["Vetting"], summary="Encounters", responses=ERRORS
)
def list_encounters(
    app: State,
    who: Read,
    person: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only this person's encounters")
    ] = None,
    source: Annotated[str | None, Query(description="Only this source system")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    """Encounters, newest first."""
    conditions = []
    if person is not None:
        conditions.append(EncounterRow.person_id == person)
    if source:
        conditions.append(EncounterRow.source_system == source)
    with app.store.session() as session:
        total = session.scalar(select(func.count()).select_from(EncounterRow).where(*conditions))
        rows = session.scalars(
            select(EncounterRow)
            .where(*conditions)
            .order_by(EncounterRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        results = [encounter_summary(r) for r in rows]
    return page(int(total or 0), limit, offset, results)


# -- persons -------------------------------------------------------------------------------
@router.get(
    "/persons/search",
    response_model=Page,
    tags=["Vetting"],
    summary="Who of everyone ever screened could this be?",
    responses=ERRORS,
)
def search(
    app: State,
    who: Read,
    name: Annotated[str, Query(min_length=1, max_length=MAX_VALUE, description="Any script")],
    birth_date: Annotated[str | None, Query(max_length=10, examples=["1980-02-03"])] = None,
    nationality: Annotated[list[str] | None, Query(max_length=50)] = None,
    passport: Annotated[str | None, Query(max_length=50)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=400)] = 0,
) -> Page:
    """Persons scored as continuous vetting would score them against this notice, best
    first (`total` counts the candidates scored, at most `offset + limit`)."""
    with field_errors("query"):
        notice = make_query(
            "notice",
            values={
                "name": [name],
                "birthDate": [birth_date or ""],
                "nationality": nationality or [],
                "passportNumber": [passport or ""],
            },
            location="query",
        )
    with field_errors("name"):
        found = search_persons(
            app.store,
            notice,
            index_dir=person_index_dir(app),
            limit=offset + limit,
            candidates=max(30, offset + limit),
        )
    return page(len(found), limit, offset, [m.to_dict() for m in found[offset:]])


@router.get(
    "/persons/{person_id}",
    tags=["Vetting"],
    summary="A person's merged record and every encounter",
    responses=ERRORS,
)
def person(person_id: Id, app: State, who: Read) -> dict[str, Any]:
    return person_details(app.store, person_id)


# -- alerts --------------------------------------------------------------------------------
class DecisionIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"decision": "false-positive", "reason": "different birth date and passport"},
                {"decision": "match", "reason": "photo and passport agree"},
            ]
        }
    )

    decision: Annotated[str, Text] = Field(
        ...,
        max_length=40,
        description="escalate, match (propose; a second person approves), false-positive,"
        " inconclusive",
    )
    reason: Annotated[str, Text] = Field(..., min_length=1, max_length=4000)

    @field_validator("reason")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a decision needs a reason")
        return value


@router.get("/alerts", response_model=Page, tags=["Vetting"], summary="Alerts", responses=ERRORS)
def list_alerts(
    app: State,
    who: Read,
    state: AlertState | None = None,
    list_name: Annotated[str | None, Query(alias="list")] = None,
    person: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    """Alerts, newest first; filter by state, list or person."""
    total, alerts = AlertRepository(app.store).list(
        state=state.value if state else None,
        list_name=list_name,
        person_id=person,
        limit=limit,
        offset=offset,
    )
    return page(total, limit, offset, alerts)


@router.get(
    "/alerts/{alert_id}",
    tags=["Vetting"],
    summary="An alert with both records, the evidence and its decisions",
    responses=ERRORS,
)
def show_alert(alert_id: Id, response: Response, app: State, who: Read) -> dict[str, Any]:
    """The alert's version is the `ETag`; send it as `If-Match` with a decision."""
    alert = AlertRepository(app.store).show(alert_id)
    response.headers["ETag"] = etag(alert["version"])
    return alert


@router.post(
    "/alerts/{alert_id}/decisions",
    tags=["Vetting"],
    summary="Decide an alert (four-eyes for a match)",
    responses=ERRORS,
)
def decide(
    alert_id: Id,
    body: DecisionIn,
    response: Response,
    app: State,
    who: Decide,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Record a decision; answers the alert as it is afterwards, its new version as ETag.

    A first `match` proposes (the alert is escalated, awaiting a second person); a `match`
    on a proposed alert approves it and needs a supervisor, never the proposer.
    """
    with field_errors("decision"):
        action = parse_action(body.decision)
    repo = AlertRepository(app.store)
    current = repo.show(alert_id)
    expected = expected_version(if_match)
    if expected is not None and expected != current["version"]:
        raise ConflictError(
            f"alert {alert_id} is at version {current['version']}, not {expected}: someone"
            " decided it meanwhile; reload it and decide again",
            location="If-Match",
        )
    if (
        action is Action.MATCH
        and current["proposed_by"]
        and not allowed(who.role, Permission.APPROVE)
    ):
        raise ApiError(
            403,
            f"alert {alert_id} is a match proposed by {current['proposed_by']}; approving it"
            f" needs the approve permission (supervisor), not role {who.role.value}",
        )
    # The version checked above is the one decided on: a decision landing in between
    # (say, a proposal by someone else) makes this one a 409, never an unchecked approval.
    with field_errors("reason"):
        alert = repo.decide(
            alert_id,
            action,
            reason=body.reason,
            user=who.user,
            expected_version=current["version"],
        )
    response.headers["ETag"] = etag(alert["version"])
    return alert
