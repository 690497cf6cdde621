"""The index of everyone ever screened, for continuous vetting ("who of them is this?").

The same files, keys and search as the list index, turned around: persons are indexed
with the keys a list entry would get, and a new or changed list entry is the query.
Coverage is the highest person `revision` indexed; persons changed since are marked
deleted in the base and re-indexed in the delta, exactly like changed list rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from watchline.index.keys import IndexEntry
from watchline.index.search import CandidateIndex
from watchline.store.db import Store
from watchline.store.index_files import (
    BATCH,
    IndexFiles,
    RowData,
    as_text,
    coverage_time,
    keyed,
)
from watchline.store.tables import PersonRow


def default_person_index_dir(store: Store, home: Path | None = None) -> Path:
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_suffix(".persons")
    if home is None:
        raise ValueError("a server store needs WATCHLINE_HOME for its index files")
    digest = hashlib.sha1(url.render_as_string(hide_password=True).encode()).hexdigest()
    return home / "persons" / digest[:16]


class PersonIndexFiles(IndexFiles):
    def _store_versions(self) -> dict[str, list[Any]]:
        """The highest revision indexed, and the first person's first sighting: persons are
        never deleted, so a different one means a different (replaced) store."""
        with self.store.session() as session:
            revision = session.scalar(select(func.max(PersonRow.revision)))
            # The first person by id (an index lookup, not a scan of every person).
            first = session.scalar(select(PersonRow.first_seen).order_by(PersonRow.id).limit(1))
        return {"persons": ["persons", coverage_time(first) if first else "", int(revision or 0)]}

    def _rows(self, *conditions: Any) -> Iterator[RowData]:
        query = (
            select(PersonRow.id, PersonRow.schema, as_text(PersonRow.properties))
            .where(*conditions)
            .order_by(PersonRow.id)
            .execution_options(yield_per=BATCH)
        )
        with self.store.session() as session:
            # Plain tuples: they go to key-building worker processes.
            yield from map(tuple, session.execute(query))

    def _all_entries(self) -> Iterator[IndexEntry]:
        return keyed(self._rows(), workers=self.workers)

    def _update(
        self, index: CandidateIndex, covered: dict[str, list[Any]], versions: dict[str, list[Any]]
    ) -> CandidateIndex:
        before = int(covered["persons"][2])
        with self.store.session() as session:
            changed = list(
                session.scalars(select(PersonRow.id).where(PersonRow.revision > before)).all()
            )
        changed_set = set(changed)

        def entries(keep: list[int]) -> Iterator[IndexEntry]:
            wanted = sorted(set(keep) | changed_set)
            for start in range(0, len(wanted), BATCH):
                yield from keyed(self._rows(PersonRow.id.in_(wanted[start : start + BATCH])))

        return self._apply(index, changed, entries, versions)
