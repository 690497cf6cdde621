"""Versioned list storage: full loads are diffed against the current rows, deltas applied.

Every load or update runs in one transaction. If a reader raises half-way (bad line,
truncated file) the transaction rolls back and the list stays at its previous version,
still searchable. Rows are never rewritten: a change closes the old row and opens a new
one, so any earlier version can be read back exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.lists.ftm_delta import DeltaOp
from watchline.model import Entity
from watchline.store import audit
from watchline.store.db import Store
from watchline.store.tables import ListEntityRow, ListVersionRow, WatchlistRow

BATCH = 2000
Progress = Callable[[int], None]


def _max_length(column: Any) -> int:
    length = column.type.length
    assert isinstance(length, int)
    return length


#: Column widths. SQLite stores longer strings anyway, PostgreSQL refuses the whole
#: transaction: checked here, so that both refuse the same input with the same message.
NAME_MAX = _max_length(WatchlistRow.__table__.c.name)
ENTITY_ID_MAX = _max_length(ListEntityRow.__table__.c.entity_id)


@dataclass(frozen=True)
class VersionInfo:
    list_name: str
    number: int
    label: str
    kind: str
    source: str
    loaded_at: datetime
    added: int
    changed: int
    removed: int
    counts: dict[str, int]
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["loaded_at"] = self.loaded_at.isoformat()
        data["total"] = sum(self.counts.values())
        return data


@dataclass(frozen=True)
class ListInfo:
    name: str
    format: str
    source_url: str | None
    current: VersionInfo | None
    versions: list[VersionInfo] = field(default_factory=list)
    kind: str = "list"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "format": self.format,
            "source_url": self.source_url,
            "version": self.current.number if self.current else 0,
            "label": self.current.label if self.current else None,
            "loaded_at": self.current.loaded_at.isoformat() if self.current else None,
            "counts": self.current.counts if self.current else {},
            "total": sum(self.current.counts.values()) if self.current else 0,
            "versions": [v.to_dict() for v in self.versions],
        }


def _now() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    """SQLite hands back naive UTC; a server an aware time in the session's zone."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _check_list_name(name: str) -> None:
    if len(name) > NAME_MAX:
        raise InputError(f"list name {name[:40]!r}... is longer than {NAME_MAX} characters")


def _check_entity(entity: Entity, source: str) -> None:
    for field_name, value in (("id", entity.id), ("source id", entity.source_id or "")):
        if len(value) > ENTITY_ID_MAX:
            raise InputError(
                f"entity {value[:40]!r}...: its {field_name} is longer than "
                f"{ENTITY_ID_MAX} characters ({len(value)})",
                location=source,
            )


def current_rows() -> Any:
    return ListEntityRow.last_version.is_(None)


def rows_at(version: int) -> Any:
    return and_(
        ListEntityRow.first_version <= version,
        or_(ListEntityRow.last_version.is_(None), ListEntityRow.last_version > version),
    )


def row_to_entity(row: Any, list_name: str) -> Entity:
    """A stored list entity, from its `ListEntityRow` or a plain row of its columns."""
    return Entity(
        row.schema,
        row.entity_id,
        row.properties,
        list_name=list_name,
        source_id=row.source_id,
        version=row.first_version,
    )


class _Writer:
    """Buffers inserts and closes for one new version inside one session."""

    def __init__(self, session: Session, wl: WatchlistRow, number: int, source: str) -> None:
        self.session, self.wl, self.number, self.source = session, wl, number, source
        self.pending: list[Entity] = []
        self.stats = Counter[str]()

    def insert(self, entity: Entity) -> None:
        _check_entity(entity, self.source)
        self.pending.append(entity)
        if len(self.pending) >= BATCH:
            self.flush()

    def close(self, row_ids: list[int]) -> None:
        for start in range(0, len(row_ids), BATCH):
            chunk = row_ids[start : start + BATCH]
            self.session.execute(
                update(ListEntityRow)
                .where(ListEntityRow.id.in_(chunk))
                .values(last_version=self.number)
            )

    def flush(self) -> None:
        if not self.pending:
            return
        rows = [
            {
                "list_id": self.wl.id,
                "entity_id": e.id,
                "source_id": e.source_id or e.id,
                "schema": e.schema,
                "caption": e.caption,
                "properties": e.properties,
                "content_hash": e.content_hash(),
                "first_version": self.number,
                "last_version": None,
            }
            for e in self.pending
        ]
        self.session.execute(insert(ListEntityRow), rows)
        self.pending.clear()


class ListRepository:
    def __init__(self, store: Store, *, actor: str = "watchline") -> None:
        self.store = store
        #: Who the audit log names for the versions this repository writes.
        self.actor = actor

    # -- writing -----------------------------------------------------------------------
    def load(
        self,
        name: str,
        fmt: str,
        entities: Iterable[Entity],
        *,
        label: str,
        source: str,
        sha256: str | None = None,
        kind: str = "load",
        source_url: str | None = None,
        progress: Progress | None = None,
        list_kind: str = "list",
    ) -> VersionInfo:
        """Replace the list's content with `entities` as a new version (diffed by hash).

        `list_kind` is "list" for a watchlist, "network" for a network's people and links.
        """
        with self.store.transaction() as session:
            wl = self._get_or_create(session, name, fmt, source_url, list_kind)
            number = wl.current_version + 1
            existing = {
                entity_id: (row_id, digest)
                for row_id, entity_id, digest in session.execute(
                    select(
                        ListEntityRow.id, ListEntityRow.entity_id, ListEntityRow.content_hash
                    ).where(ListEntityRow.list_id == wl.id, current_rows())
                )
            }
            writer = _Writer(session, wl, number, source)
            seen: set[str] = set()
            to_close: list[int] = []
            for count, entity in enumerate(entities, 1):
                if entity.id in seen:
                    raise InputError(f"duplicate entity id {entity.id!r}", location=source)
                seen.add(entity.id)
                old = existing.get(entity.id)
                if old is None:
                    writer.stats["added"] += 1
                    writer.insert(entity)
                elif old[1] != entity.content_hash():
                    writer.stats["changed"] += 1
                    to_close.append(old[0])
                    writer.insert(entity)
                if progress is not None and count % 500 == 0:
                    progress(count)
            removed = [row_id for eid, (row_id, _) in existing.items() if eid not in seen]
            writer.stats["removed"] = len(removed)
            writer.close(to_close + removed)
            writer.flush()
            return self._finish(session, wl, writer, label, kind, source, sha256)

    def apply_delta(
        self,
        name: str,
        label: str,
        ops: Iterable[DeltaOp],
        *,
        source: str,
        sha256: str | None = None,
        session: Session | None = None,
    ) -> VersionInfo:
        """Apply one upstream delta version as one new list version.

        Pass `session` to apply several delta versions in one transaction (all or none).
        """
        if session is None:
            with self.store.transaction() as own:
                return self.apply_delta(name, label, ops, source=source, sha256=sha256, session=own)
        wl = self._require(session, name)
        number = wl.current_version + 1
        writer = _Writer(session, wl, number, source)
        to_close: list[int] = []
        touched: set[str] = set()
        for op in ops:
            if op.entity_id in touched:
                raise InputError(
                    f"entity {op.entity_id!r} appears twice in one delta version",
                    location=f"{source}, line {op.line}",
                )
            touched.add(op.entity_id)
            row_id = session.scalar(
                select(ListEntityRow.id).where(
                    ListEntityRow.list_id == wl.id,
                    ListEntityRow.entity_id == op.entity_id,
                    current_rows(),
                )
            )
            if row_id is not None:
                to_close.append(row_id)
            if op.op == "DEL":
                writer.stats["removed"] += int(row_id is not None)
                continue
            assert op.entity is not None
            writer.stats["changed" if row_id is not None else "added"] += 1
            writer.insert(op.entity)
        writer.close(to_close)
        writer.flush()
        return self._finish(session, wl, writer, label, "update", source, sha256)

    def set_source_url(self, name: str, url: str | None) -> None:
        with self.store.transaction() as session:
            self._require(session, name).source_url = url

    def _get_or_create(
        self, session: Session, name: str, fmt: str, source_url: str | None, kind: str = "list"
    ) -> WatchlistRow:
        wl = session.scalar(select(WatchlistRow).where(WatchlistRow.name == name))
        if wl is None:
            _check_list_name(name)
            wl = WatchlistRow(
                name=name,
                format=fmt,
                kind=kind,
                source_url=source_url,
                current_version=0,
                created_at=_now(),
            )
            session.add(wl)
            session.flush()
        elif wl.kind != kind:
            raise ConflictError(f"{name!r} is a {wl.kind}, not a {kind}; use another name")
        elif wl.format != fmt:
            raise ConflictError(
                f"list {name!r} holds format {wl.format!r}, not {fmt!r}; load it under another name"
            )
        elif source_url:
            wl.source_url = source_url
        return wl

    def _require(self, session: Session, name: str) -> WatchlistRow:
        wl = session.scalar(select(WatchlistRow).where(WatchlistRow.name == name))
        if wl is None:
            raise NotFoundError(f"no list named {name!r}; load it first with `lists load`")
        return wl

    def _finish(
        self,
        session: Session,
        wl: WatchlistRow,
        writer: _Writer,
        label: str,
        kind: str,
        source: str,
        sha256: str | None,
    ) -> VersionInfo:
        counts = dict(
            session.execute(
                select(ListEntityRow.schema, func.count())
                .where(ListEntityRow.list_id == wl.id, current_rows())
                .group_by(ListEntityRow.schema)
            ).all()
        )
        row = ListVersionRow(
            list_id=wl.id,
            number=writer.number,
            label=label[:100],
            kind=kind,
            source=source,
            sha256=sha256,
            loaded_at=_now(),
            added=writer.stats["added"],
            changed=writer.stats["changed"],
            removed=writer.stats["removed"],
            counts=counts,
        )
        session.add(row)
        wl.current_version = writer.number
        session.flush()
        info = self._version_info(wl.name, row)
        audit.record(
            session,
            actor=self.actor,
            action=f"list.{kind}",
            object_type="list",
            object_id=wl.name,
            after=info.to_dict(),
        )
        return info

    # -- reading -----------------------------------------------------------------------
    @staticmethod
    def _version_info(name: str, row: ListVersionRow) -> VersionInfo:
        return VersionInfo(
            name,
            row.number,
            row.label,
            row.kind,
            row.source,
            _as_utc(row.loaded_at),
            row.added,
            row.changed,
            row.removed,
            dict(row.counts),
            row.sha256,
        )

    def lists(self) -> list[ListInfo]:
        with self.store.session() as session:
            names = session.scalars(select(WatchlistRow.name).order_by(WatchlistRow.name)).all()
        return [self.get(name) for name in names]

    def get(self, name: str) -> ListInfo:
        with self.store.session() as session:
            wl = self._require(session, name)
            versions = [
                self._version_info(name, row)
                for row in session.scalars(
                    select(ListVersionRow)
                    .where(ListVersionRow.list_id == wl.id)
                    .order_by(ListVersionRow.number)
                )
            ]
            current = next((v for v in versions if v.number == wl.current_version), None)
            return ListInfo(wl.name, wl.format, wl.source_url, current, versions, wl.kind)

    def entities(self, name: str, version: int | None = None) -> Iterator[Entity]:
        """Entities of a list at `version` (default: current), ordered by id."""
        with self.store.session() as session:
            wl = self._require(session, name)
            number = wl.current_version if version is None else version
            if not 0 < number <= wl.current_version:
                raise NotFoundError(
                    f"list {name!r} has no version {number} (current: {wl.current_version})"
                )
            query = (
                select(ListEntityRow)
                .where(ListEntityRow.list_id == wl.id, rows_at(number))
                .order_by(ListEntityRow.entity_id)
                .execution_options(yield_per=BATCH)
            )
            for row in session.scalars(query):
                yield row_to_entity(row, name)

    def entity(self, entity_id: str, *, list_name: str | None = None) -> Entity:
        with self.store.session() as session:
            query = (
                select(ListEntityRow, WatchlistRow.name)
                .join(WatchlistRow, WatchlistRow.id == ListEntityRow.list_id)
                .where(ListEntityRow.entity_id == entity_id, current_rows())
            )
            if list_name:
                query = query.where(WatchlistRow.name == list_name)
            found = session.execute(query).first()
            if found is None:
                raise NotFoundError(f"no current list entity {entity_id!r}")
            return row_to_entity(found[0], found[1])

    def applied_label(self, name: str) -> str | None:
        info = self.get(name)
        return info.current.label if info.current else None
