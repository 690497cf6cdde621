"""Request and response models. The matching ones have yente's shapes field by field
(yente/data/common.py), so an OpenSanctions client works unchanged; watchline adds
`explanations` (each piece of evidence, in words) where yente has only numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PERSON_EXAMPLE = {
    "schema": "Person",
    "properties": {
        "name": ["Рустам Шарипович Назаров"],
        "birthDate": ["1988-09-14"],
        "nationality": ["tj"],
    },
}


class EntityExample(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[PERSON_EXAMPLE["properties"]])


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field(default_factory=dict, examples=[{}])
    config: dict[str, Any] = Field(default_factory=dict)
    queries: dict[str, EntityExample] = Field(..., examples=[{"q1": PERSON_EXAMPLE}])


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[Any]]
    datasets: list[str] = Field(default_factory=list)
    referents: list[str] = Field(default_factory=list)
    target: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


class Explanation(BaseModel):
    """yente's `FeatureResult` (`score`, `detail`, `query`, `candidate`) plus watchline's
    `similarity`, `contribution`, `query_value` and `candidate_value`."""

    score: float
    detail: str
    query: str | None = None
    candidate: str | None = None
    similarity: float | None
    contribution: float
    query_value: str | None = None
    candidate_value: str | None = None


class ScoredEntityResponse(EntityResponse):
    score: float
    features: dict[str, float]
    match: bool = False
    explanations: dict[str, Explanation] = Field(default_factory=dict)


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str
    coefficient: float
    url: str


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int


class SearchFacetItem(BaseModel):
    name: str
    label: str
    count: int = 1


class SearchFacet(BaseModel):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, SearchFacet] = Field(default_factory=dict)


class DatasetModel(BaseModel):
    name: str
    title: str
    summary: str | None = None
    url: str | None = None
    load: bool = True
    entities_url: str | None = None
    version: str
    index_version: str | None = None
    index_current: bool = True
    children: list[str] = Field(default_factory=list)


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


class AlgorithmDocs(BaseModel):
    name: str
    description: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    features: dict[str, FeatureDoc]


class Algorithm(BaseModel):
    name: str
    description: str | None = None
    features: dict[str, FeatureDoc]
    docs: AlgorithmDocs


class AlgorithmResponse(BaseModel):
    algorithms: list[Algorithm]
    default: str
    best: str


class StatusResponse(BaseModel):
    status: str = "ok"


class ErrorResponse(BaseModel):
    detail: str
    error: str | None = None
    location: str | None = None
