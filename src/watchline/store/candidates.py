"""Candidate retrieval: the index files give row ids, the store gives the entities."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from sqlalchemy import bindparam, select

from watchline.index.keys import query_keys
from watchline.index.search import CandidateIndex
from watchline.model import Entity
from watchline.store.db import Store
from watchline.store.index_files import IndexFiles, Notify, default_index_dir
from watchline.store.lists import current_rows, row_to_entity
from watchline.store.tables import ListEntityRow, WatchlistRow

#: List rows never change (a change is a new row), so entities are cached by row id.
ENTITY_CACHE = 200_000

#: Plain columns on a connection, not ORM objects in a session: per query this is the
#: one read from the store, and the ORM's identity map cost twice the read itself.
_CURRENT_BY_ID = (
    select(
        ListEntityRow.id,
        ListEntityRow.schema,
        ListEntityRow.entity_id,
        ListEntityRow.properties,
        ListEntityRow.source_id,
        ListEntityRow.first_version,
        WatchlistRow.name,
    )
    .join(WatchlistRow, WatchlistRow.id == ListEntityRow.list_id)
    .where(ListEntityRow.id.in_(bindparam("ids", expanding=True)), current_rows())
)


class CandidateFinder:
    def __init__(
        self,
        store: Store,
        *,
        lists: list[str] | None = None,
        index_dir: Path | None = None,
        notify: Notify | None = None,
    ) -> None:
        self.store = store
        self.lists = set(lists) if lists else None
        self.files = IndexFiles(store, index_dir or default_index_dir(store), notify=notify)
        self._index: CandidateIndex | None = None
        self._entities: OrderedDict[int, Entity] = OrderedDict()

    @property
    def index(self) -> CandidateIndex:
        if self._index is None:
            self._index = self.files.open()
        return self._index

    def refresh(self) -> None:
        """Pick up list versions loaded since the index was opened (long-running servers)."""
        self._index = self.files.open()

    def find(
        self, query: Entity, *, limit: int = 30, lists: set[str] | None = None
    ) -> list[tuple[Entity, float]]:
        """The `limit` best-ranked current list entities for a query entity (of `lists`,
        default the finder's own)."""
        keys = query_keys(query)
        if not keys:
            return []
        wanted = lists if lists is not None else self.lists
        hits = self.index.search(keys, limit=limit * 3 if wanted else limit)
        if not hits:
            return []
        weights = dict(hits)
        entities = self._load(list(weights))
        found = [
            (entity, weights[row_id])
            for row_id, entity in entities.items()
            if wanted is None or entity.list_name in wanted
        ]
        found.sort(key=lambda pair: (-pair[1], pair[0].id))
        return found[:limit]

    def _load(self, row_ids: list[int]) -> dict[int, Entity]:
        cache = self._entities
        out = {r: cache[r] for r in row_ids if r in cache}
        missing = [r for r in row_ids if r not in out]
        if missing:
            with self.store.engine.connect() as conn:
                rows = conn.execute(_CURRENT_BY_ID, {"ids": missing}).all()
            for row in rows:
                out[row.id] = cache[row.id] = row_to_entity(row, row.name)
            while len(cache) > ENTITY_CACHE:
                cache.popitem(last=False)
        return out
