"""yente-compatible matching: /match, /search, /entities, /catalog, /algorithms, health.

Datasets are watchline's lists: a list's name, or `default` (also `all`, `sanctions`)
for every watchlist. yente's algorithm names (`logic-v1`, `logic-v2`, `regression-v1`,
`best`, ...) are accepted and answered by watchline's default matcher, so existing
clients keep working; `watchline-v1` and `name-fuzzy-v0` choose explicitly.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import select, text

from watchline.access import Permission
from watchline.api.errors import ApiError
from watchline.api.models import (
    Algorithm,
    AlgorithmDocs,
    AlgorithmResponse,
    DataCatalogModel,
    DatasetModel,
    EntityExample,
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    EntityResponse,
    ErrorResponse,
    Explanation,
    FeatureDoc,
    ScoredEntityResponse,
    SearchResponse,
    StatusResponse,
    TotalSpec,
)
from watchline.api.security import require, state
from watchline.api.state import ApiState
from watchline.errors import InputError, WatchlineError
from watchline.match import get_algorithm
from watchline.match.registry import DEFAULT_ALGORITHM, algorithm_names
from watchline.match.types import Algorithm as Matcher
from watchline.model import Entity
from watchline.services.screening import ScreenMatch
from watchline.store.lists import ListInfo, ListRepository
from watchline.store.tables import WatchlistRow
from watchline.store.users import Principal

router = APIRouter()
COLLECTIONS = ("default", "all", "sanctions")
YENTE_ALGORITHMS = ("best", "default", "logic-v1", "logic-v2", "regression-v1", "name-based")
MAX_BATCH = 100
MAX_LIMIT = 100
MAX_NAME = 500
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Invalid query"},
    401: {"model": ErrorResponse, "description": "No, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "The key's role may not do this"},
    404: {"model": ErrorResponse, "description": "Unknown dataset or entity"},
    422: {"model": ErrorResponse, "description": "Malformed request"},
    429: {"model": ErrorResponse, "description": "Rate limit exceeded"},
}
GROUP_DOCS = {
    "name": "Names aligned part by part across scripts and spellings",
    "birth_date": "Birth dates: same, same at the precision both give, close, or different",
    "country": "Nationality, citizenship or country: shared or conflicting",
    "document": "Passport and ID numbers: same, conflicting, or different documents",
    "gender": "Gender conflict",
}
Screen = Annotated[Principal, Depends(require(Permission.SCREEN))]
State = Annotated[ApiState, Depends(state)]


def _lists(app: ApiState) -> list[ListInfo]:
    return ListRepository(app.store).lists()


def dataset_lists(app: ApiState, dataset: str) -> set[str]:
    infos = _lists(app)
    if dataset in COLLECTIONS:
        return {i.name for i in infos if i.kind == "list"}
    if dataset in {i.name for i in infos}:
        return {dataset}
    known = ", ".join([*COLLECTIONS, *(i.name for i in infos)])
    raise ApiError(404, f"unknown dataset {dataset!r}; known: {known}", location="dataset")


def narrowed(
    app: ApiState, lists: set[str], include: list[str] | None, exclude: list[str] | None
) -> set[str]:
    """The dataset's lists, only those of `include` (when given) and none of `exclude`,
    as yente's `include_dataset` / `exclude_dataset`. A name that is no list is an
    error, not a silently empty result."""
    known = {i.name for i in _lists(app)}
    for param, names in (("include_dataset", include), ("exclude_dataset", exclude)):
        unknown = sorted(set(names or []) - known)
        if unknown:
            raise ApiError(
                400,
                f"unknown list {unknown[0]!r} in {param}; known: {', '.join(sorted(known))}",
                location=param,
            )
    if include:
        lists &= set(include)
    return lists - set(exclude or [])


def matcher(name: str | None) -> Matcher:
    if name is None or name in YENTE_ALGORITHMS:
        return get_algorithm(DEFAULT_ALGORITHM)
    try:
        return get_algorithm(name)
    except WatchlineError:
        known = ", ".join([*algorithm_names(), *YENTE_ALGORITHMS])
        raise ApiError(
            400, f"unknown algorithm {name!r}; known: {known}", location="algorithm"
        ) from None


def feature_docs(algorithm: Matcher) -> dict[str, FeatureDoc]:
    return {
        group: FeatureDoc(
            description=text,
            coefficient=1.0,
            url="https://github.com/watchline/watchline/blob/main/docs/matching.md",
        )
        for group, text in GROUP_DOCS.items()
    }


def entity_response(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema,
        "properties": {p: list(v) for p, v in entity.properties.items()},
        "datasets": [entity.list_name] if entity.list_name else [],
        "referents": [entity.source_id]
        if entity.source_id and entity.source_id != entity.id
        else [],
        "target": True,
    }


def scored(match: ScreenMatch, threshold: float) -> ScoredEntityResponse:
    result = match.result
    data = entity_response(match.entity)
    data["score"] = result.score
    data["match"] = result.score >= threshold
    data["features"] = {f.name: float(f.similarity or 0.0) for f in result.features}
    data["explanations"] = {
        f.name: Explanation(
            score=float(f.similarity or 0.0),
            query=f.query_value,
            candidate=f.candidate_value,
            similarity=f.similarity,
            contribution=f.contribution,
            detail=f.detail,
            query_value=f.query_value,
            candidate_value=f.candidate_value,
        )
        for f in result.features
    }
    return ScoredEntityResponse.model_validate(data)


def query_entity(name: str, example: Any) -> Entity:
    """An example entity, cleaned; an over-long name or bad schema is a 400 naming it."""
    properties = {
        prop: [values] if isinstance(values, str) else [v for v in values if isinstance(v, str)]
        for prop, values in example.properties.items()
    }
    for prop, values in properties.items():
        if any(len(v) > MAX_NAME for v in values):
            raise ApiError(
                400,
                f"a value of {prop!r} is longer than {MAX_NAME} characters",
                location=f"queries.{name}.properties.{prop}",
            )
    try:
        entity = Entity.from_ftm(
            {"id": example.id or name, "schema": example.schema_, "properties": properties},
            clean=True,
        )
    except InputError as exc:
        raise ApiError(400, f"query {name!r}: {exc.message}", location=f"queries.{name}") from None
    return entity


@router.post(
    "/match/{dataset}",
    response_model=EntityMatchResponse,
    response_model_by_alias=True,
    tags=["Matching"],
    summary="Query by example matcher (yente-compatible)",
    responses=ERRORS,
)
def match(
    body: EntityMatchQuery,
    response: Response,
    app: State,
    who: Screen,
    dataset: str,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0, deprecated=True)] = 0.0,
    algorithm: str | None = None,
    exclude_schema: Annotated[list[str] | None, Query()] = None,
    exclude_entity_ids: Annotated[list[str] | None, Query()] = None,
    include_dataset: Annotated[list[str] | None, Query()] = None,
    exclude_dataset: Annotated[list[str] | None, Query()] = None,
) -> EntityMatchResponse:
    """Match a batch of example entities (`queries`) against a dataset's entities.

    Each result carries the score, `match` (score at or above `threshold`, default the
    algorithm's calibrated threshold), the per-evidence `features` and, beyond yente,
    `explanations` in words.
    """
    lists = narrowed(app, dataset_lists(app, dataset), include_dataset, exclude_dataset)
    algo = matcher(algorithm)
    if len(body.queries) > MAX_BATCH:
        raise ApiError(
            400, f"too many queries in one batch (limit: {MAX_BATCH})", location="queries"
        )
    if not body.queries:
        raise ApiError(400, "no queries provided", location="queries")
    bar = algo.threshold if threshold is None else threshold
    skip_schema = set(exclude_schema or [])
    skip_ids = set(exclude_entity_ids or [])
    responses: dict[str, EntityMatches] = {}
    entities = {name: query_entity(name, example) for name, example in body.queries.items()}
    for name, entity in entities.items():
        if not entity.names:
            raise ApiError(400, f"query {name!r} has no name", location=f"queries.{name}")
        with app.lock:
            try:
                found = app.screener().screen(entity, limit=limit * 3, lists=lists, algorithm=algo)
            except InputError as exc:
                raise ApiError(
                    400, f"query {name!r}: {exc.message}", location=f"queries.{name}"
                ) from None
        results = [
            scored(m, bar)
            for m in found
            if m.entity.schema not in skip_schema
            and m.entity.id not in skip_ids
            and m.result.score >= min(cutoff, bar)
        ][:limit]
        responses[name] = EntityMatches(
            results=results,
            total=TotalSpec(value=len(results)),
            # echoed as yente does: as parsed, every property a list of cleaned values
            query=EntityExample.model_validate(
                {
                    "id": body.queries[name].id,
                    "schema": entity.schema,
                    "properties": entity.properties,
                }
            ),
        )
    response.headers["x-batch-size"] = str(len(responses))
    return EntityMatchResponse(responses=responses, matcher=feature_docs(algo), limit=limit)


@router.get(
    "/search/{dataset}",
    response_model=SearchResponse,
    response_model_by_alias=True,
    tags=["Matching"],
    summary="Search entities by name (yente-compatible)",
    responses=ERRORS,
)
def search(
    app: State,
    who: Screen,
    dataset: str,
    q: Annotated[str, Query(min_length=1, max_length=MAX_NAME)],
    schema: str = "Thing",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> SearchResponse:
    """Entities whose names resemble `q`, best first (candidate retrieval, no scoring)."""
    lists = dataset_lists(app, dataset)
    try:
        probe = Entity("LegalEntity" if schema == "Thing" else schema, "search", {"name": [q]})
    except InputError as exc:
        raise ApiError(400, exc.message, location="schema") from None
    with app.lock:
        finder = app.screener().finder
        found = finder.find(probe, limit=offset + limit, lists=lists)
    wanted = [e for e, _ in found if schema == "Thing" or e.is_a(schema)]
    page = wanted[offset : offset + limit]
    return SearchResponse(
        limit=limit,
        offset=offset,
        total=TotalSpec(
            value=len(wanted), relation="gte" if len(found) >= offset + limit else "eq"
        ),
        results=[EntityResponse.model_validate(entity_response(e)) for e in page],
    )


@router.get(
    "/entities/{entity_id}",
    response_model=EntityResponse,
    response_model_by_alias=True,
    tags=["Matching"],
    summary="One entity by id (yente-compatible)",
    responses=ERRORS,
)
def entity(entity_id: str, app: State, who: Screen) -> EntityResponse:
    found = ListRepository(app.store).entity(entity_id)
    return EntityResponse.model_validate(entity_response(found))


@router.get("/catalog", response_model=DataCatalogModel, tags=["Matching"], responses=ERRORS)
def catalog(app: State, who: Screen) -> DataCatalogModel:
    """The datasets (watchline's lists) and their current versions."""
    infos = _lists(app)
    datasets = [
        DatasetModel(
            name=i.name,
            title=f"{i.name} ({i.kind}, {i.format})",
            url=i.source_url,
            version=i.current.label if i.current else "",
            index_version=str(i.current.number) if i.current else None,
        )
        for i in infos
    ]
    watchlists = [i.name for i in infos if i.kind == "list"]
    datasets.append(
        DatasetModel(
            name="default",
            title="All watchlists",
            version="+".join(f"{i.name}:{i.current.number}" for i in infos if i.current) or "0",
            children=watchlists,
        )
    )
    return DataCatalogModel(datasets=datasets, current=[d.name for d in datasets], outdated=[])


@router.get("/algorithms", response_model=AlgorithmResponse, tags=["Matching"], responses=ERRORS)
def algorithms(who: Screen) -> AlgorithmResponse:
    found = []
    for name in algorithm_names():
        algo = get_algorithm(name)
        # the module docstring: a dataclass's own __doc__ is its generated signature
        doc = (sys.modules[type(algo).__module__].__doc__ or "").strip().split("\n\n")[0]
        description = " ".join(doc.split()) or None
        features = feature_docs(algo)
        docs = AlgorithmDocs(name=name, description=description, features=features)
        found.append(Algorithm(name=name, description=description, features=features, docs=docs))
    return AlgorithmResponse(algorithms=found, default=DEFAULT_ALGORITHM, best=DEFAULT_ALGORITHM)


@router.get("/healthz", response_model=StatusResponse, tags=["System"])
def healthz() -> StatusResponse:
    """The process is up (no key needed)."""
    return StatusResponse()


@router.get(
    "/readyz",
    response_model=StatusResponse,
    tags=["System"],
    responses={503: {"model": ErrorResponse}},
)
def readyz(app: State) -> StatusResponse:
    """The store answers and at least one list is loaded (no key needed)."""
    try:
        with app.store.session() as session:
            session.execute(text("SELECT 1"))
            loaded = session.scalar(select(WatchlistRow.id).limit(1))
    except Exception as exc:  # the store is down: not ready, and say so
        raise ApiError(503, f"store unavailable: {type(exc).__name__}") from None
    if loaded is None:
        raise ApiError(503, "no list loaded yet")
    return StatusResponse()
