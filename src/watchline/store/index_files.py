"""The candidate index on disk, kept in step with the list store.

Files live in one folder per store: `meta.json` (format version, which list versions
the index covers, a checksum per array file) and the arrays of the base segment,
the delta segment and the deletion mask as `.npy` files, memory-mapped on open.

On open the folder is checked against the store: a missing, corrupted (checksum) or
foreign (other store, other format version) index is rebuilt from the store with a
message; newer list versions are applied incrementally (closed rows marked deleted, new
rows into the delta segment), and when the delta outgrows a tenth of the base the whole
index is rebuilt. Writers take a lock file and replace the folder atomically, so a
reader never sees half an index.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Text, and_, cast, or_, select

from watchline.index.keys import KEYS_VERSION, IndexEntry, index_entry
from watchline.index.search import CandidateIndex
from watchline.index.segment import ARRAYS, Segment
from watchline.model import Entity, get_schema
from watchline.names.data import data_digest
from watchline.store.db import Store
from watchline.store.lists import current_rows
from watchline.store.tables import ListEntityRow, WatchlistRow

#: Bump when the arrays a segment is stored as change (4: fixed-width profile rows; 5:
#: ragged dates and countries only for the rows that overflow them).
FORMAT = 5
#: Rebuild instead of growing the delta past this share of the base.
MAX_DELTA_SHARE = 0.1
BATCH = 5000
#: Row ids per `IN (...)`: PostgreSQL takes at most 65,535 bind parameters in a statement
#: (SQLite 250,000), and the delta may keep a tenth of a base of a million rows.
IN_CHUNK = 10_000
Notify = Callable[[str], None]


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()[:32]


def coverage_time(value: datetime) -> str:
    """A creation time as text, the same whichever time zone the database answers in."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)


#: (row id, schema, properties as JSON text: parsed by the key-building process).
RowData = tuple[int, str, str]
#: Rows per task sent to a key-building worker process (5,000: a 1M rebuild took
#: 110-112 s against 114-125 s with 2,000; fewer round trips to the workers).
KEY_CHUNK = 5000
#: Fewer rows than this are keyed in-process: starting workers would cost more.
PARALLEL_MIN = 20_000


def as_text(column: Any) -> Any:
    """A JSON column read as its text: the key-building processes parse it, not the one
    process that reads the rows (a million parses were its largest cost after keying)."""
    return cast(column, Text)


def _keys_of(rows: list[RowData]) -> list[IndexEntry]:
    return [
        index_entry(row_id, Entity(schema, str(row_id), json.loads(props)))
        for row_id, schema, props in rows
    ]


def _quiet_collector() -> None:
    """Key-building workers run without the cyclic garbage collector: their name-analysis
    caches hold hundreds of thousands of objects that every collection would walk (a
    third of a rebuild's time), and keying makes no reference cycles to collect."""
    gc.disable()


def keyed(rows: Iterable[RowData], *, workers: int = 1) -> Iterator[IndexEntry]:
    """(row id, index keys) for each row, in input order.

    Keys come from the pure-Python name analysis, which is what a rebuild spends its time
    on; with `workers` > 1 and more than PARALLEL_MIN rows, chunks of rows go to worker
    processes. The rows are read here, in the calling thread (database connections do
    not cross processes or threads), and at most two chunks per worker are in flight, so
    memory stays bounded. Workers are forked only from a single-threaded process: a fork
    from a threaded one (the API server's threadpool) can copy a lock another thread
    holds and hang the child, so there they are spawned instead.
    """
    source = iter(rows)
    head = list(itertools.islice(source, PARALLEL_MIN))
    if workers <= 1 or len(head) < PARALLEL_MIN:
        for row in itertools.chain(head, source):
            yield from _keys_of([row])
        return
    method = "fork" if threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    every = itertools.chain(head, source)
    with context.Pool(workers, initializer=_quiet_collector) as pool:
        pending: deque[AsyncResult[list[IndexEntry]]] = deque()
        while chunk := list(itertools.islice(every, KEY_CHUNK)):
            pending.append(pool.apply_async(_keys_of, (chunk,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _matchable(schema: str) -> bool:
    return bool(get_schema(schema).matchable)


def default_index_dir(store: Store, home: Path | None = None) -> Path:
    """Beside an SQLite file; under `home`/index/ for a server database."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_suffix(".index")
    if home is None:
        raise ValueError("a server store needs WATCHLINE_HOME for its index files")
    digest = hashlib.sha1(url.render_as_string(hide_password=True).encode()).hexdigest()
    return home / "index" / digest[:16]


class IndexFiles:
    def __init__(
        self,
        store: Store,
        directory: Path,
        *,
        notify: Notify | None = None,
        workers: int | None = None,
    ) -> None:
        self.store = store
        self.directory = directory
        self.notify = notify or (lambda message: None)
        #: Processes computing keys for a full rebuild (default: one per core).
        self.workers = workers if workers is not None else (os.cpu_count() or 1)

    # -- store side ----------------------------------------------------------------------
    def _store_versions(self) -> dict[str, list[Any]]:
        """Per list id: [name, created_at, current version] -- the index's coverage key."""
        with self.store.session() as session:
            rows = session.execute(
                select(
                    WatchlistRow.id,
                    WatchlistRow.name,
                    WatchlistRow.created_at,
                    WatchlistRow.current_version,
                )
            ).all()
        return {str(i): [n, coverage_time(c), v] for i, n, c, v in rows}

    def _rows(self, *conditions: Any) -> Iterator[RowData]:
        """(row id, schema, properties) of matchable list rows matching `conditions`."""
        query = (
            select(ListEntityRow.id, ListEntityRow.schema, as_text(ListEntityRow.properties))
            .where(*conditions)
            .order_by(ListEntityRow.id)
            .execution_options(yield_per=BATCH)
        )
        with self.store.session() as session:
            for row_id, schema, properties in session.execute(query):
                if _matchable(schema):
                    yield row_id, schema, properties

    def _entries(self, *conditions: Any) -> Iterator[IndexEntry]:
        """(row id, keys) of matchable list rows matching `conditions`, by row id."""
        return keyed(self._rows(*conditions))

    def _all_entries(self) -> Iterator[IndexEntry]:
        """Every indexed row with its keys, computed on all cores (the rebuild's cost)."""
        return keyed(self._rows(current_rows()), workers=self.workers)

    def _delta_entries(self, keep: list[int], added: list[Any]) -> Iterator[IndexEntry]:
        """Entries of the current rows among `keep` or matching one of `added`, by row id;
        `keep` is asked for in chunks of IN_CHUNK ids."""
        found = {e[0]: e for e in self._entries(current_rows(), or_(*added))} if added else {}
        for start in range(0, len(keep), IN_CHUNK):
            chunk = keep[start : start + IN_CHUNK]
            found.update(
                (e[0], e) for e in self._entries(current_rows(), ListEntityRow.id.in_(chunk))
            )
        return iter(v for _, v in sorted(found.items()))

    # -- files side ----------------------------------------------------------------------
    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        with open(self.directory.with_suffix(".lock"), "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, index: CandidateIndex, versions: dict[str, list[Any]]) -> None:
        tmp = self.directory.with_name(f"{self.directory.name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        arrays = {f"base_{k}": v for k, v in index.base.arrays().items()}
        arrays |= {f"delta_{k}": v for k, v in index.delta.arrays().items()}
        arrays["deleted"] = index.deleted
        checksums = {}
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(array))
            checksums[name] = _digest(tmp / f"{name}.npy")
        meta = {
            "format": FORMAT,
            "keys": KEYS_VERSION,
            "name_data": data_digest(),
            "versions": versions,
            "checksums": checksums,
            "base": index.base.size,
            "delta": index.delta.size,
        }
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        old = self.directory.with_name(f"{self.directory.name}.old{os.getpid()}")
        if self.directory.exists():
            self.directory.rename(old)
        tmp.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)

    def _read(self) -> tuple[CandidateIndex, dict[str, Any]] | None:
        """The stored index, or None (with a message) when it must be rebuilt."""
        meta_path = self.directory / "meta.json"
        if not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or meta.get("keys") != KEYS_VERSION:
                self.notify(
                    f"index format {meta.get('format')}/keys {meta.get('keys')} is not "
                    f"{FORMAT}/{KEYS_VERSION} (watchline was upgraded): rebuilding"
                )
                return None
            if meta.get("name_data") != data_digest():
                self.notify(
                    "the index was built from other name data (names/data/*.yml) than"
                    " is installed: rebuilding"
                )
                return None
            arrays = {}
            for name, checksum in meta["checksums"].items():
                path = self.directory / f"{name}.npy"
                if _digest(path) != checksum:
                    self.notify(f"index file {path.name} is corrupted (checksum): rebuilding")
                    return None
                # A plain view of the mapping: numpy.memmap slicing costs ~15 µs a call.
                arrays[name] = np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
        except (OSError, ValueError, KeyError) as exc:
            self.notify(f"index in {self.directory} is unreadable ({exc}): rebuilding")
            return None

        def segment(prefix: str) -> Segment:
            return Segment(**{k: arrays[f"{prefix}_{k}"] for k in ARRAYS})

        deleted = np.array(arrays["deleted"], dtype=bool)  # small; writable copy
        return CandidateIndex(segment("base"), segment("delta"), deleted), meta

    # -- public ----------------------------------------------------------------------------
    def rebuild(self) -> CandidateIndex:
        with self._lock():
            versions = self._store_versions()
            base = Segment.build(self._all_entries())
            index = CandidateIndex(base)
            self._write(index, versions)
        return index

    def open(self) -> CandidateIndex:
        """The index, current with the store: loaded, updated incrementally or rebuilt."""
        found = self._read()
        if found is None:
            return self.rebuild()
        index, meta = found
        covered: dict[str, list[Any]] = meta["versions"]
        versions = self._store_versions()
        if covered == versions:
            return index
        stale = [
            k
            for k in covered
            if k not in versions
            or versions[k][:2] != covered[k][:2]
            or versions[k][2] < covered[k][2]
        ]
        if stale:
            self.notify("the index belongs to lists that were removed or replaced: rebuilding")
            return self.rebuild()
        with self._lock():
            return self._update(index, covered, versions)

    def _update(
        self, index: CandidateIndex, covered: dict[str, list[Any]], versions: dict[str, list[Any]]
    ) -> CandidateIndex:
        closed: list[int] = []
        added_lists: list[Any] = []
        for list_id, (_, _, version) in versions.items():
            before = covered.get(list_id, [None, None, 0])[2]
            if version == before:
                continue
            lid = int(list_id)
            with self.store.session() as session:
                closed += session.scalars(
                    select(ListEntityRow.id).where(
                        ListEntityRow.list_id == lid,
                        ListEntityRow.first_version <= before,
                        ListEntityRow.last_version > before,
                    )
                ).all()
            added_lists.append(
                and_(ListEntityRow.list_id == lid, ListEntityRow.first_version > before)
            )
        return self._apply(
            index,
            closed,
            lambda keep: self._delta_entries(keep, added_lists),
            versions,
        )

    def _apply(
        self,
        index: CandidateIndex,
        closed: list[int],
        entries: Callable[[list[int]], Iterator[IndexEntry]],
        versions: dict[str, Any],
    ) -> CandidateIndex:
        """Mark `closed` rows deleted, rebuild the small delta (`entries(kept delta rows)`
        gives its rows with those added since), write; or rebuild when the delta outgrew."""
        deleted = index.deleted.copy()
        closed_arr = np.array(sorted(closed), dtype=np.int64)
        if closed_arr.shape[0]:
            where = np.searchsorted(index.base.rows, closed_arr)
            where = np.minimum(where, max(index.base.size - 1, 0))
            hit = index.base.rows[where] == closed_arr if index.base.size else closed_arr < 0
            deleted[where[hit]] = True
        gone = set(closed)
        keep = [int(r) for r in index.delta.rows if int(r) not in gone]
        delta = Segment.build(list(entries(keep)))
        if delta.size > MAX_DELTA_SHARE * max(index.base.size, 1000):
            self.notify("many changes since the index was built: rebuilding")
            updated = CandidateIndex(Segment.build(self._all_entries()))
        else:
            updated = CandidateIndex(index.base, delta, deleted)
        self._write(updated, versions)
        return updated
