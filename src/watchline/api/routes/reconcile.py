"""OpenRefine reconciliation: the W3C Reconciliation Service API 0.2, as yente serves it.

`GET /reconcile/{dataset}` without `queries` is the service manifest. With `queries`
(a query parameter, or a form field of a form-encoded `POST`, which is what OpenRefine
sends) it is a batch of reconciliation queries,
`{"q0": {"query": "<name>", "type": "Person", "limit": 5,
"properties": [{"pid": "birthDate", "v": "1950"}]}}`, each answered as
`{"q0": {"result": [{"id", "name", "score", "match", "type": [{"id", "name"}], ...}]}}`.
Every query is screened by watchline's matcher (the same path as `/match`), so `score`
and `match` weigh the given properties (birth date, nationality, documents) as well as
the name. A query with no usable name gets no candidates rather than failing its batch;
an unknown `type` or malformed `queries` is a 400. Beside it: `/suggest/entity`,
`/suggest/type`, `/suggest/property` (`?prefix=`) and `/preview?id=` (a small HTML page,
every value escaped). Data extension (`extend`) and JSONP (`callback`) are not served;
responses carry `Access-Control-Allow-Origin: *`, which OpenRefine 3.3+ uses instead.

API keys: as everywhere, `Authorization: Bearer <key>` (or `ApiKey`, `X-API-Key`). But
OpenRefine cannot send headers when it fetches the manifest, so on `/reconcile` routes
only, the key may also come as `?api_key=<key>`: add the service as
`https://host/reconcile/default?api_key=<key>`. The manifest then carries the key into
its suggest, preview and view URLs, so OpenRefine's follow-up requests carry it too. A
key in a URL can end up in browser history and in proxy logs: give OpenRefine its own
`screener` key and revoke it when the work is done. watchline's access log names the
route template only, never the query string.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from followthemoney import model as ftm_model
from followthemoney.schema import Schema
from followthemoney.types import registry
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from watchline.access import Permission, allowed
from watchline.api.errors import ApiError
from watchline.api.models import EntityExample
from watchline.api.routes.matching import (
    ERRORS,
    MAX_BATCH,
    MAX_LIMIT,
    MAX_NAME,
    State,
    dataset_lists,
    matcher,
    query_entity,
    scored,
)
from watchline.api.security import _token, principal
from watchline.api.state import ApiState
from watchline.errors import InputError
from watchline.match.types import Algorithm as Matcher
from watchline.model import Entity, get_schema
from watchline.services.screening import ScreenMatch
from watchline.store.lists import ListRepository
from watchline.store.users import Principal, UserRepository

DOCS_URL = "https://github.com/watchline/watchline/blob/main/docs/api.md"
IDENTIFIER_SPACE = f"{DOCS_URL}#entity-ids"
SCHEMA_SPACE = "https://followthemoney.tech/explorer/schemata/"
DEFAULT_TYPE = "LegalEntity"  # matches people and organisations alike
BATCH_SIZE = 10
SUGGEST_LIMIT = 10
PREVIEW_VALUES = 5  # values shown per property in a preview
MAX_FORM = 2_000_000  # bytes: a full batch of long queries fits
CORS = {"Access-Control-Allow-Origin": "*"}
PREVIEW_HEADERS = {
    **CORS,
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
KEY_HELP = (
    "An API key in the URL, for OpenRefine, which cannot send headers (reconcile routes only;"
    " prefer the Authorization header elsewhere)"
)


def _cors(response: Response) -> None:
    response.headers.update(CORS)


router = APIRouter(prefix="/reconcile", tags=["Reconciliation"], dependencies=[Depends(_cors)])


def reconciler(
    request: Request,
    app: State,
    api_key: Annotated[str | None, Query(description=KEY_HELP)] = None,
) -> Principal:
    """The key's principal, from a header as on every route or else from `?api_key=`."""
    if _token(request) or not api_key:
        who = principal(request, app)
    else:
        found = UserRepository(app.store).authenticate(api_key)
        if found is None:
            raise ApiError(401, "the API key is unknown, revoked or expired")
        request.state.key_id = found.key_id
        if not app.limiter.allow(found.key_id):
            raise ApiError(429, "rate limit exceeded for this key; slow down and retry")
        who = found
    if not allowed(who.role, Permission.SCREEN):
        raise ApiError(403, f"role {who.role.value} may not {Permission.SCREEN.value}")
    return who


Reconciler = Annotated[Principal, Depends(reconciler)]


class ReconType(BaseModel):
    id: str = Field(..., examples=["Person"])
    name: str = Field(..., examples=["People"])
    description: str | None = None


class ReconProperty(BaseModel):
    id: str = Field(..., examples=["Person:birthDate"])
    name: str = Field(..., examples=["Birth date"])
    description: str | None = None


class ReconFeature(BaseModel):
    id: str
    value: float


class ReconCandidate(BaseModel):
    id: str
    name: str
    description: str | None = None
    score: float
    match: bool
    type: list[ReconType]
    features: list[ReconFeature] = Field(default_factory=list)


class ReconResult(BaseModel):
    result: list[ReconCandidate]


class SuggestedEntity(BaseModel):
    id: str
    name: str
    description: str | None = None
    type: list[ReconType]
    notable: list[ReconType]


class SuggestResponse(BaseModel):
    code: str = "/api/status/ok"
    status: str = "200 OK"
    prefix: str


class EntitySuggestResponse(SuggestResponse):
    result: list[SuggestedEntity]


class TypeSuggestResponse(SuggestResponse):
    result: list[ReconType]


class PropertySuggestResponse(SuggestResponse):
    result: list[ReconProperty]


class ManifestView(BaseModel):
    url: str


class ManifestPreview(BaseModel):
    url: str
    width: int
    height: int


class ManifestService(BaseModel):
    service_url: str
    service_path: str


class ManifestSuggest(BaseModel):
    entity: ManifestService
    type: ManifestService
    property: ManifestService


class Manifest(BaseModel):
    versions: list[str]
    name: str
    identifierSpace: str  # the spec's camelCase names
    schemaSpace: str
    documentation: str
    batchSize: int
    view: ManifestView
    preview: ManifestPreview
    suggest: ManifestSuggest
    defaultTypes: list[ReconType]


class PropertyValue(BaseModel):
    pid: str
    v: Any = None


class ReconQuery(BaseModel):
    query: str | None = Field(None, max_length=MAX_NAME)
    type: str | list[str] | None = None
    type_strict: str | None = None
    limit: int = Field(5, ge=1, le=MAX_LIMIT)
    properties: list[PropertyValue] = Field(default_factory=list)


BATCH = TypeAdapter(dict[str, ReconQuery])


def recon_type(schema: Schema) -> ReconType:
    return ReconType(id=schema.name, name=schema.plural, description=schema.description)


def dataset_schemata(app: ApiState, lists: set[str]) -> list[Schema]:
    """The matchable schemata of the dataset's entities, most common first."""
    counts: Counter[str] = Counter()
    for info in ListRepository(app.store).lists():
        if info.name in lists and info.current is not None:
            counts.update(info.current.counts)
    found = [ftm_model.get(name) for name, _ in counts.most_common()]
    return [s for s in found if s is not None and s.matchable]


def _prefixed(prefix: str, *labels: str | None) -> bool:
    wanted = prefix.strip().casefold()
    return bool(wanted) and any(
        label is not None and label.casefold().startswith(wanted) for label in labels
    )


def _key_query(api_key: str | None, *, first: bool) -> str:
    if not api_key:
        return ""
    return ("?" if first else "&") + urlencode({"api_key": api_key})


def manifest(request: Request, dataset: str, api_key: str | None, app: ApiState) -> Manifest:
    lists = dataset_lists(app, dataset)
    base = f"{str(request.base_url).rstrip('/')}/reconcile/{quote(dataset, safe='')}"
    # the key only travels on if it came in the URL (a header key stays in headers)
    key = api_key if api_key and not _token(request) else None
    preview = f"{base}/preview?id={{{{id}}}}{_key_query(key, first=False)}"
    services = {
        kind: ManifestService(
            service_url=base, service_path=f"/suggest/{kind}{_key_query(key, first=True)}"
        )
        for kind in ("entity", "type", "property")
    }
    title = "all watchlists" if dataset in ("default", "all", "sanctions") else dataset
    return Manifest(
        versions=["0.2"],
        name=f"watchline: {title}",
        identifierSpace=IDENTIFIER_SPACE,
        schemaSpace=SCHEMA_SPACE,
        documentation=DOCS_URL,
        batchSize=BATCH_SIZE,
        view=ManifestView(url=preview),
        preview=ManifestPreview(url=preview, width=420, height=320),
        suggest=ManifestSuggest(**services),
        defaultTypes=[recon_type(s) for s in dataset_schemata(app, lists)],
    )


def parse_batch(raw: str) -> dict[str, ReconQuery]:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ApiError(400, f"'queries' is not valid JSON: {exc}", location="queries") from None
    if not isinstance(data, dict):
        raise ApiError(400, "'queries' must be a JSON object of named queries", location="queries")
    if len(data) > MAX_BATCH:
        raise ApiError(
            400, f"too many queries in one batch (limit: {MAX_BATCH})", location="queries"
        )
    try:
        return BATCH.validate_python(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        raise ApiError(400, "; ".join(problems), location="queries") from None


def _values(v: Any) -> list[str]:
    """A property value as OpenRefine sends it: text, number, list, or `{"id": ...}`."""
    if isinstance(v, bool) or v is None:
        return []
    if isinstance(v, str | int | float):
        return [str(v)]
    if isinstance(v, list):
        return [value for item in v for value in _values(item)]
    if isinstance(v, dict):
        return _values(v.get("id", v.get("name")))
    return []


def example_entity(key: str, query: ReconQuery) -> Entity:
    """The example entity: `type` (first of a list) as schema, `query` as name, and the
    properties the schema has (`birthDate` or `Person:birthDate`); others are ignored,
    as yente ignores them. Cleaned and checked by `/match`'s own `query_entity`."""
    types = [query.type] if isinstance(query.type, str) else list(query.type or [])
    name = types[0] if types and types[0] not in ("", "Thing") else DEFAULT_TYPE
    try:
        schema = get_schema(name)
    except InputError as exc:
        raise ApiError(400, f"query {key!r}: {exc.message}", location=f"{key}.type") from None
    if not schema.matchable:
        raise ApiError(
            400, f"query {key!r}: type {name!r} cannot be matched", location=f"{key}.type"
        )
    properties: dict[str, list[str]] = {"name": [query.query]} if query.query else {}
    for item in query.properties:
        prop = schema.get(item.pid.rsplit(":", 1)[-1])
        if prop is not None:
            properties.setdefault(prop.name, []).extend(_values(item.v))
    example = EntityExample.model_validate(
        {"id": f"reconcile:{key}", "schema": schema.name, "properties": properties}
    )
    return query_entity(key, example)


def candidate(match: ScreenMatch, threshold: float) -> ReconCandidate:
    """A screening match as a reconciliation candidate, scored as `/match` scores it."""
    found = scored(match, threshold)
    schema = match.entity.ftm_schema
    return ReconCandidate(
        id=found.id,
        name=found.caption,
        description=" · ".join([schema.label, *found.datasets]),
        score=found.score,
        match=found.match,
        type=[recon_type(schema)],
        # each piece of evidence's signed effect on the score (a conflict is negative)
        features=[ReconFeature(id=k, value=e.contribution) for k, e in found.explanations.items()],
    )


def reconcile_batch(
    app: ApiState, lists: set[str], batch: dict[str, ReconQuery], algo: Matcher
) -> dict[str, ReconResult]:
    entities = {key: example_entity(key, query) for key, query in batch.items()}
    out: dict[str, ReconResult] = {}
    for key, entity in entities.items():
        found: list[ScreenMatch] = []
        if entity.names:
            with app.lock:
                try:
                    found = app.screener().screen(
                        entity, limit=batch[key].limit, lists=lists, algorithm=algo
                    )
                except InputError:  # a name with no usable part: no candidates
                    found = []
        out[key] = ReconResult(result=[candidate(m, algo.threshold) for m in found])
    return out


def answer(app: ApiState, dataset: str, raw: str, algorithm: str | None) -> dict[str, ReconResult]:
    lists = dataset_lists(app, dataset)
    algo = matcher(algorithm)
    return reconcile_batch(app, lists, parse_batch(raw), algo)


async def _run(
    app: ApiState, dataset: str, raw: str, algorithm: str | None, response: Response
) -> dict[str, ReconResult]:
    """Answer a batch off the event loop (the store and the matcher block)."""
    results = await run_in_threadpool(answer, app, dataset, raw, algorithm)
    response.headers["x-batch-size"] = str(len(results))
    return results


AlgorithmParam = Annotated[
    str | None, Query(description="Matching algorithm (yente's names map to watchline-v1)")
]
QueriesParam = Annotated[
    str | None,
    Query(description='JSON object of named queries, e.g. {"q0": {"query": "John Doe"}}'),
]


@router.get(
    "/{dataset}",
    response_model=Manifest | dict[str, ReconResult],
    summary="Reconciliation manifest, or queries with ?queries=",
    responses=ERRORS,
)
async def reconcile(
    request: Request,
    response: Response,
    app: State,
    who: Reconciler,
    dataset: str,
    queries: QueriesParam = None,
    extend: Annotated[str | None, Query(include_in_schema=False)] = None,
    algorithm: AlgorithmParam = None,
    api_key: Annotated[str | None, Query(description=KEY_HELP)] = None,
) -> Manifest | dict[str, ReconResult]:
    """The service manifest (what OpenRefine reads when the service is added), or, with
    `queries`, the answers to a batch of reconciliation queries."""
    if extend:
        raise ApiError(400, "data extension is not supported", location="extend")
    if queries is None:
        return await run_in_threadpool(manifest, request, dataset, api_key, app)
    return await _run(app, dataset, queries, algorithm, response)


FORM_BODY = {
    "required": False,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {
                    "queries": {"type": "string", "description": "JSON object of named queries"}
                },
            }
        }
    },
}


@router.post(
    "/{dataset}",
    response_model=dict[str, ReconResult],
    summary="Reconciliation queries (form-encoded `queries`)",
    responses={**ERRORS, 413: ERRORS[400] | {"description": "Form body too large"}},
    openapi_extra={"requestBody": FORM_BODY},
)
async def reconcile_post(
    request: Request,
    response: Response,
    app: State,
    who: Reconciler,
    dataset: str,
    queries: QueriesParam = None,
    algorithm: AlgorithmParam = None,
) -> dict[str, ReconResult]:
    """A batch of queries as the form field `queries` (application/x-www-form-urlencoded,
    as OpenRefine sends it) or as the query parameter `queries`."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                raise ApiError(413, f"the form body is larger than {MAX_FORM} bytes")
        try:
            form = parse_qs(body.decode("utf-8"), max_num_fields=10)
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "the form body is not UTF-8 form-encoded") from None
        if form.get("extend"):
            raise ApiError(400, "data extension is not supported", location="extend")
        queries = form.get("queries", [queries])[0]
    elif content_type and queries is None:
        raise ApiError(
            400,
            "send 'queries' form-encoded (application/x-www-form-urlencoded) or as a query"
            " parameter",
            location="queries",
        )
    if not queries:
        raise ApiError(400, "no queries provided", location="queries")
    return await _run(app, dataset, queries, algorithm, response)


Prefix = Annotated[str, Query(max_length=MAX_NAME, description="What the user has typed")]


@router.get("/{dataset}/suggest/entity", response_model=EntitySuggestResponse, responses=ERRORS)
def suggest_entity(
    app: State,
    who: Reconciler,
    dataset: str,
    prefix: Prefix = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = SUGGEST_LIMIT,
) -> EntitySuggestResponse:
    """Entities whose names resemble what the user has typed (auto-complete)."""
    lists = dataset_lists(app, dataset)
    found: list[Entity] = []
    if prefix.strip():
        probe = Entity(DEFAULT_TYPE, "suggest")
        probe.add("name", prefix)
        if probe.names:
            with app.lock:
                try:
                    hits = app.screener().finder.find(probe, limit=limit, lists=lists)
                except InputError:
                    hits = []
            found = [entity for entity, _ in hits][:limit]
    results = []
    for entity in found:
        types = [recon_type(entity.ftm_schema)]
        results.append(
            SuggestedEntity(
                id=entity.id,
                name=entity.caption,
                description=" · ".join(filter(None, [entity.ftm_schema.label, entity.list_name])),
                type=types,
                notable=types,
            )
        )
    return EntitySuggestResponse(prefix=prefix, result=results)


@router.get("/{dataset}/suggest/type", response_model=TypeSuggestResponse, responses=ERRORS)
def suggest_type(
    app: State, who: Reconciler, dataset: str, prefix: Prefix = ""
) -> TypeSuggestResponse:
    """The dataset's entity types (FtM schemata) whose name or label starts with `prefix`."""
    schemata = dataset_schemata(app, dataset_lists(app, dataset))
    matches = [recon_type(s) for s in schemata if _prefixed(prefix, s.name, s.label, s.plural)]
    return TypeSuggestResponse(prefix=prefix, result=matches[:SUGGEST_LIMIT])


@router.get("/{dataset}/suggest/property", response_model=PropertySuggestResponse, responses=ERRORS)
def suggest_property(
    app: State, who: Reconciler, dataset: str, prefix: Prefix = ""
) -> PropertySuggestResponse:
    """Properties of the dataset's types that can be sent with a query (`pid`), by prefix
    of name or label; ids are qualified (`Person:birthDate`), bare names work too."""
    schemata = dataset_schemata(app, dataset_lists(app, dataset))
    seen: set[str] = set()
    matches: list[ReconProperty] = []
    for schema in schemata:
        for prop in schema.properties.values():
            if prop.hidden or prop.type == registry.entity or prop.qname in seen:
                continue
            if _prefixed(prefix, prop.name, prop.label):
                seen.add(prop.qname)
                matches.append(
                    ReconProperty(id=prop.qname, name=prop.label, description=prop.description)
                )
    return PropertySuggestResponse(prefix=prefix, result=matches[:SUGGEST_LIMIT])


def preview_html(entity: Entity) -> str:
    e = html.escape
    schema = entity.ftm_schema
    rows = []
    for name, values in entity.properties.items():
        prop = schema.get(name)
        if prop is None or prop.hidden or not values:
            continue
        shown = "; ".join(e(v) for v in values[:PREVIEW_VALUES])
        if len(values) > PREVIEW_VALUES:
            shown += f" (+{len(values) - PREVIEW_VALUES} more)"
        rows.append(f"<tr><th>{e(prop.label)}</th><td>{shown}</td></tr>")
    source = " · ".join(filter(None, [schema.label, entity.list_name, entity.id]))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{e(entity.caption)}</title>"
        "<style>body{font:13px sans-serif;margin:6px}h1{font-size:15px;margin:0 0 2px}"
        "p{color:#555;margin:0 0 6px}th{text-align:left;vertical-align:top;"
        "padding-right:8px;white-space:nowrap}td{vertical-align:top}</style></head><body>"
        f"<h1>{e(entity.caption)}</h1><p>{e(source)}</p>"
        f"<table>{''.join(rows)}</table></body></html>"
    )


@router.get(
    "/{dataset}/preview",
    response_class=HTMLResponse,
    responses=ERRORS,
    summary="An entity as a small HTML page (OpenRefine's preview and view)",
)
def preview(
    app: State,
    who: Reconciler,
    dataset: str,
    id: Annotated[str, Query(min_length=1, max_length=MAX_NAME)],
) -> HTMLResponse:
    lists = dataset_lists(app, dataset)
    entity = ListRepository(app.store).entity(id)
    if entity.list_name not in lists:
        raise ApiError(404, f"no entity {id!r} in dataset {dataset!r}", location="id")
    return HTMLResponse(preview_html(entity), headers=PREVIEW_HEADERS)
