"""Screening: query entity -> candidates from the index -> scored, explained matches.

This is the one path every interface uses (CLI single query, batch file, later the API
and encounter import), so they cannot disagree about what matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchline.errors import InputError
from watchline.index.keys import query_keys
from watchline.match import MatchResult, get_algorithm
from watchline.match.types import Algorithm
from watchline.model import Entity
from watchline.store.candidates import CandidateFinder
from watchline.store.db import Store
from watchline.store.index_files import Notify


@dataclass(frozen=True)
class ScreenMatch:
    entity: Entity
    result: MatchResult

    def to_dict(self, *, full: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "entity_id": self.entity.id,
            "list": self.entity.list_name,
            "schema": self.entity.schema,
            "caption": self.entity.caption,
            "score": self.result.score,
            "match": self.result.match,
            "summary": self.result.summary(),
        }
        if full:
            data["explanation"] = self.result.explanation()
        return data


class Screener:
    def __init__(
        self,
        store: Store,
        *,
        algorithm: str | None = None,
        lists: list[str] | None = None,
        candidates: int = 30,
        index_dir: Path | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.algorithm: Algorithm = get_algorithm(algorithm)
        self.finder = CandidateFinder(store, lists=lists, index_dir=index_dir, notify=notify)
        self.candidates = candidates

    def screen(self, query: Entity, *, limit: int = 10) -> list[ScreenMatch]:
        """Best matches first; only candidates whose schema can match the query's."""
        if not query.names:
            raise InputError("the query has no name to screen", location=f"query {query.id}")
        if not query_keys(query):
            raise InputError(
                "the name has no usable part (only punctuation, or only particles such as"
                " 'al bin')",
                location=f"query {query.id}",
            )
        query_schema = query.ftm_schema
        matches = []
        for candidate, _weight in self.finder.find(query, limit=self.candidates):
            if not query_schema.can_match(candidate.ftm_schema):
                continue
            matches.append(ScreenMatch(candidate, self.algorithm.compare(query, candidate)))
        matches.sort(key=lambda m: (-m.result.score, m.entity.id))
        return matches[:limit]
