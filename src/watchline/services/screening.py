"""Screening: query entity -> candidates from the index -> scored, explained matches.

This is the one path every interface uses (CLI single query, batch file, later the API
and encounter import), so they cannot disagree about what matches.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
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
        candidates: int = 10,
        index_dir: Path | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.algorithm: Algorithm = get_algorithm(algorithm)
        self.finder = CandidateFinder(store, lists=lists, index_dir=index_dir, notify=notify)
        self.candidates = candidates

    def screen(
        self,
        query: Entity,
        *,
        limit: int = 10,
        lists: set[str] | None = None,
        algorithm: Algorithm | None = None,
    ) -> list[ScreenMatch]:
        """Best matches first; only candidates whose schema can match the query's
        (and, with `lists`, only entries of those lists). `algorithm` overrides the
        screener's own for this call (the API lets each request choose)."""
        scorer = algorithm or self.algorithm
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
        for candidate, _weight in self.finder.find(query, limit=self.candidates, lists=lists):
            if not query_schema.can_match(candidate.ftm_schema):
                continue
            matches.append(ScreenMatch(candidate, scorer.compare(query, candidate)))
        matches.sort(key=lambda m: (-m.result.score, m.entity.id))
        return matches[:limit]


def match_record(match: ScreenMatch) -> dict[str, Any]:
    """The per-match fields of a batch output line."""
    return {
        "entity_id": match.entity.id,
        "list": match.entity.list_name,
        "caption": match.entity.caption,
        "score": match.result.score,
        "match": match.result.match,
        "explanation": match.result.explanation(),
    }


def screen_record(screener: Screener, query: Entity, limit: int) -> dict[str, Any]:
    """One batch output line; a record that cannot be screened says why, in its place."""
    try:
        matches = screener.screen(query, limit=limit)
    except InputError as exc:
        return {"query_id": query.id, "error": exc.message, "matches": []}
    return {"query_id": query.id, "matches": [match_record(m) for m in matches]}


@dataclass(frozen=True)
class BatchOptions:
    store_url: str
    index_dir: Path | None = None
    algorithm: str | None = None
    lists: tuple[str, ...] | None = None
    limit: int = 5


#: Cyclic-collector thresholds for screening processes (Python's are 700, 10, 10).
SCREENING_GC_THRESHOLDS = (50_000, 50, 100)


def relax_collector() -> None:
    """Run the cyclic garbage collector rarely in a process that screens many records.

    Screening keeps millions of long-lived objects in its caches (analysed names, part
    similarities, list entities), and every full collection walks them all: on the 1M
    list that cost about 1 ms per query on average. Screening makes almost no
    reference cycles, so collecting them rarely loses nothing. Called by the batch
    workers, the CLI's batch and encounter commands and the API, not by `Screener`:
    a host application embedding the library keeps its own settings.
    """
    gc.set_threshold(*SCREENING_GC_THRESHOLDS)


_worker: dict[str, Any] = {}


def _start_worker(options: BatchOptions) -> None:
    from watchline.store.db import open_store

    relax_collector()
    store = open_store(options.store_url, migrate=False)
    _worker["screener"] = Screener(
        store,
        algorithm=options.algorithm,
        lists=list(options.lists) if options.lists else None,
        index_dir=options.index_dir,
    )
    _worker["limit"] = options.limit


def _screen_in_worker(query: Entity) -> dict[str, Any]:
    return screen_record(_worker["screener"], query, _worker["limit"])


def screen_batch(
    screener: Screener, queries: list[Entity], *, workers: int = 1, limit: int = 5
) -> Iterator[dict[str, Any]]:
    """Screen many records, in input order, with one process per worker.

    Workers are forked after the parent has opened (and if needed built or updated) the
    index, so they share its memory-mapped files instead of each loading their own.
    """
    if workers <= 1 or len(queries) < 2 * workers:
        for query in queries:
            yield screen_record(screener, query, limit)
        return
    screener.finder.index  # noqa: B018 - open or build the index once, in the parent
    store = screener.finder.store
    options = BatchOptions(
        store_url=store.engine.url.render_as_string(hide_password=False),
        index_dir=screener.finder.files.directory,
        algorithm=screener.algorithm.name,
        lists=tuple(sorted(screener.finder.lists)) if screener.finder.lists else None,
        limit=limit,
    )
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (options,)) as pool:
        yield from pool.imap(_screen_in_worker, queries, chunksize=16)
