"""Candidate retrieval over the `entity_key` postings kept beside the list rows.

The keys come from the pure core (`watchline.index.keys`); this adapter only fetches
postings and document frequencies with SQL and hands ranking back to the core, so the
same ranking serves any storage backend.
"""

from __future__ import annotations

from sqlalchemy import func, select

from watchline.index.keys import rank_candidates
from watchline.model import Entity
from watchline.store.db import Store
from watchline.store.lists import current_rows, row_to_entity
from watchline.store.tables import EntityKeyRow, ListEntityRow, WatchlistRow

#: Postings of keys held by more entities than this are not fetched when rarer keys
#: exist: they would pull thousands of rows for a token like "muhammad" and add nothing
#: the rarer keys do not already rank.
MAX_POSTINGS = 5000


class CandidateFinder:
    def __init__(self, store: Store, *, lists: list[str] | None = None) -> None:
        self.store = store
        self.lists = lists
        self._total: int | None = None

    def total(self) -> int:
        if self._total is None:
            with self.store.session() as session:
                self._total = (
                    session.scalar(
                        select(func.count()).select_from(ListEntityRow).where(current_rows())
                    )
                    or 0
                )
        return self._total

    def find(self, keys: list[str], *, limit: int = 30) -> list[tuple[Entity, float]]:
        """The `limit` best-ranked current list entities sharing keys with the query."""
        if not keys:
            return []
        with self.store.session() as session:
            doc_freq = dict(
                session.execute(
                    select(EntityKeyRow.key, func.count())
                    .where(EntityKeyRow.key.in_(keys))
                    .group_by(EntityKeyRow.key)
                ).all()
            )
            present = sorted(doc_freq, key=lambda k: doc_freq[k])
            rare = [k for k in present if doc_freq[k] <= MAX_POSTINGS]
            fetch = rare or present[:1]
            if not fetch:
                return []
            query = select(EntityKeyRow.row_id, EntityKeyRow.key).where(EntityKeyRow.key.in_(fetch))
            if self.lists:
                query = (
                    query.join(ListEntityRow, ListEntityRow.id == EntityKeyRow.row_id)
                    .join(WatchlistRow, WatchlistRow.id == ListEntityRow.list_id)
                    .where(WatchlistRow.name.in_(self.lists))
                )
            hits = [(int(r), str(k)) for r, k in session.execute(query)]
            ranked = rank_candidates(hits, doc_freq, self.total(), limit=limit)
            if not ranked:
                return []
            weights = dict(ranked)
            rows = session.execute(
                select(ListEntityRow, WatchlistRow.name)
                .join(WatchlistRow, WatchlistRow.id == ListEntityRow.list_id)
                .where(ListEntityRow.id.in_(list(weights)), current_rows())
            ).all()
            found = [(row_to_entity(row, name), weights[row.id]) for row, name in rows]
        found.sort(key=lambda pair: (-pair[1], pair[0].id))
        return found
