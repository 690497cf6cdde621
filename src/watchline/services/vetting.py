"""Continuous vetting: when a list changes, re-screen everyone ever screened against the
entries it added or changed (not the whole list), and withdraw alerts on removed ones.

The list entry is the query and the person index answers "who of everyone we ever
screened could this be?"; each candidate person is then scored by the matcher exactly
as at an encounter (person as query, list entry as candidate), so a re-vetting alert
and an encounter alert mean the same thing.

A run works through the changed list rows in row order, committing each batch of
alerts together with its position (`vet_run.cursor`): a run killed half-way is found
again and resumed, and the alert de-duplication of `store.alerts` makes a repeated
batch raise nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from watchline.errors import InputError, NotFoundError
from watchline.index.keys import query_keys
from watchline.match import get_algorithm
from watchline.match.types import Algorithm
from watchline.model import get_schema
from watchline.store import audit
from watchline.store.alerts import SYSTEM_USER, Raise, raise_alert, withdraw_alerts
from watchline.store.db import Store
from watchline.store.index_files import Notify
from watchline.store.lists import row_to_entity
from watchline.store.person_index import PersonIndexFiles
from watchline.store.persons import person_entity
from watchline.store.tables import (
    EncounterRow,
    ListEntityRow,
    PersonRow,
    VetRunRow,
    VetStateRow,
    WatchlistRow,
)

#: Persons scored per changed list entry: the best-ranked by the person index. At a
#: million persons, common names tie by the dozen; 100 keeps a re-vet of 100 entries
#: near 15 s (benchmarks/vetting.py).
CANDIDATES = 100
BATCH = 50
Progress = Callable[[int], None]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class VetRunInfo:
    id: int
    list_name: str
    from_version: int
    to_version: int
    trigger: str
    state: str
    entities: int
    persons_compared: int
    alerts_raised: int
    alerts_closed: int
    resumed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Vetter:
    def __init__(
        self,
        store: Store,
        *,
        index_dir: Path,
        actor: str = SYSTEM_USER,
        algorithm: str | None = None,
        notify: Notify | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.actor = actor
        self.algorithm: Algorithm = get_algorithm(algorithm)
        self.files = PersonIndexFiles(store, index_dir, notify=notify)
        self.progress = progress

    # -- what is pending -------------------------------------------------------------------
    def pending(self) -> list[tuple[str, int, int]]:
        """(list, vetted version, current version) for every list with unvetted versions.

        A list never vetted counts as vetted up to the oldest version any stored encounter
        was screened against (everyone was screened against at least that one).
        """
        with self.store.session() as session:
            rows = session.execute(
                select(
                    WatchlistRow.name,
                    WatchlistRow.current_version,
                    VetStateRow.vetted_version,
                )
                .outerjoin(VetStateRow, VetStateRow.list_id == WatchlistRow.id)
                .order_by(WatchlistRow.name)
            ).all()
            unvetted = [name for name, _, vetted in rows if vetted is None]
            screened = self._screened_versions(session, unvetted) if unvetted else {}
        out = []
        for name, current, vetted in rows:
            done = vetted if vetted is not None else screened.get(name, 0)
            if done < current:
                out.append((name, done, current))
        return out

    @staticmethod
    def _screened_versions(session: Session, names: list[str]) -> dict[str, int]:
        """Per list, the oldest version every stored encounter was screened against."""
        oldest: dict[str, int] = {}
        query = select(EncounterRow.list_versions).execution_options(yield_per=5000)
        for versions in session.scalars(query):
            for name in names:
                seen = int(versions.get(name, 0))
                oldest[name] = min(oldest.get(name, seen), seen)
        return oldest

    def catch_up(self, *, trigger: str = "update") -> list[VetRunInfo]:
        """Vet every list's versions since it was last vetted (after a load, update, fetch)."""
        return [self.vet(name, since=vetted, trigger=trigger) for name, vetted, _ in self.pending()]

    # -- one run -----------------------------------------------------------------------------
    def vet(self, list_name: str, *, since: int, trigger: str = "manual") -> VetRunInfo:
        """Re-vet everyone against `list_name`'s changes after version `since`."""
        with self.store.transaction() as session:
            wl = session.scalar(select(WatchlistRow).where(WatchlistRow.name == list_name))
            if wl is None:
                raise NotFoundError(f"no list named {list_name!r}")
            until = wl.current_version
            if not 0 <= since <= until:
                raise InputError(
                    f"list {list_name!r} has versions 1 to {until}; --since must be in 0..{until}",
                    location="--since",
                )
            run = session.scalar(
                select(VetRunRow).where(
                    VetRunRow.list_id == wl.id,
                    VetRunRow.from_version == since,
                    VetRunRow.to_version == until,
                    VetRunRow.state == "running",
                )
            )
            resumed = run is not None
            if run is None:
                run = VetRunRow(
                    list_id=wl.id,
                    from_version=since,
                    to_version=until,
                    trigger=trigger,
                    state="running",
                    started_at=_now(),
                    cursor=0,
                    entities=0,
                    entities_done=0,
                    persons_compared=0,
                    alerts_raised=0,
                    alerts_closed=0,
                )
                session.add(run)
                session.flush()
            run_id, list_id = run.id, wl.id
        has_persons = self._has_persons()
        if has_persons:
            self._withdraw_removed(run_id, list_id, list_name, since, until)
            self._rescreen(run_id, list_id, list_name, since, until)
        return self._finish(run_id, list_id, list_name, until, resumed)

    def _has_persons(self) -> bool:
        with self.store.session() as session:
            return session.scalar(select(PersonRow.id).limit(1)) is not None

    def _changed_rows(self, list_id: int, since: int, until: int) -> Any:
        """List rows current at `until` that were added or changed after `since`."""
        return and_(
            ListEntityRow.list_id == list_id,
            ListEntityRow.first_version > since,
            ListEntityRow.first_version <= until,
            or_(ListEntityRow.last_version.is_(None), ListEntityRow.last_version > until),
        )

    def _withdraw_removed(
        self, run_id: int, list_id: int, list_name: str, since: int, until: int
    ) -> None:
        with self.store.transaction() as session:
            closed_ids = set(
                session.scalars(
                    select(ListEntityRow.entity_id).where(
                        ListEntityRow.list_id == list_id,
                        ListEntityRow.first_version <= since,
                        ListEntityRow.last_version > since,
                        ListEntityRow.last_version <= until,
                    )
                ).all()
            )
            if not closed_ids:
                return
            # Closed rows whose entity has a newer row were changed, not removed. Asked in
            # chunks: PostgreSQL takes at most 65,535 parameters in one statement.
            ordered = sorted(closed_ids)
            still: set[str] = set()
            for start in range(0, len(ordered), 5000):
                still.update(
                    session.scalars(
                        select(ListEntityRow.entity_id).where(
                            self._changed_rows(list_id, since, until),
                            ListEntityRow.entity_id.in_(ordered[start : start + 5000]),
                        )
                    ).all()
                )
            removed = sorted(closed_ids - still)
            closed = withdraw_alerts(
                session,
                list_id=list_id,
                entity_ids=removed,
                reason=f"entry removed from list {list_name} in version {until}",
                actor=self.actor,
            )
            run = session.get(VetRunRow, run_id)
            assert run is not None
            run.alerts_closed = closed

    def _rescreen(self, run_id: int, list_id: int, list_name: str, since: int, until: int) -> None:
        index = self.files.open()
        with self.store.session() as session:
            run = session.get(VetRunRow, run_id)
            assert run is not None
            cursor = run.cursor
            total = session.scalar(
                select(func.count()).where(self._changed_rows(list_id, since, until))
            )
        with self.store.transaction() as session:
            run = session.get(VetRunRow, run_id)
            assert run is not None
            run.entities = int(total or 0)
        while True:
            with self.store.session() as session:
                rows = session.scalars(
                    select(ListEntityRow)
                    .where(self._changed_rows(list_id, since, until), ListEntityRow.id > cursor)
                    .order_by(ListEntityRow.id)
                    .limit(BATCH)
                ).all()
            if not rows:
                return
            scored: list[tuple[int, Any, Any]] = []  # (person id, entity, result)
            compared = 0
            for row in rows:
                entity = row_to_entity(row, list_name)
                schema = get_schema(entity.schema)
                if not schema.matchable:
                    continue
                keys = query_keys(entity)
                if not keys:
                    continue
                hits = index.search(keys, limit=CANDIDATES)
                if not hits:
                    continue
                persons = self._persons([person_id for person_id, _ in hits])
                for person in persons:
                    query = person_entity(person)
                    if not query.ftm_schema.can_match(schema):
                        continue
                    compared += 1
                    result = self.algorithm.compare(query, entity)
                    if result.match:
                        scored.append((person.id, entity, result))
            cursor = rows[-1].id
            with self.store.transaction() as session:
                raised = 0
                why = Raise(cause="vetting", actor=self.actor, vet_run_id=run_id)
                for person_id, entity, result in scored:
                    locked = session.scalar(
                        select(PersonRow).where(PersonRow.id == person_id).with_for_update()
                    )
                    assert locked is not None
                    alert = raise_alert(
                        session,
                        person=locked,
                        candidate=entity,
                        list_id=list_id,
                        list_version=until,
                        result=result,
                        why=why,
                    )
                    raised += alert is not None
                run = session.get(VetRunRow, run_id)
                assert run is not None
                run.cursor = cursor
                run.entities_done += len(rows)
                run.persons_compared += compared
                run.alerts_raised += raised
            if self.progress is not None:
                self.progress(len(rows))

    def _persons(self, person_ids: list[int]) -> list[PersonRow]:
        with self.store.session() as session:
            return list(
                session.scalars(
                    select(PersonRow).where(PersonRow.id.in_(person_ids)).order_by(PersonRow.id)
                ).all()
            )

    def _finish(
        self, run_id: int, list_id: int, list_name: str, until: int, resumed: bool
    ) -> VetRunInfo:
        with self.store.transaction() as session:
            run = session.get(VetRunRow, run_id)
            assert run is not None
            run.state = "done"
            run.finished_at = _now()
            state = session.get(VetStateRow, list_id)
            if state is None:
                if run.from_version == 0:
                    session.add(VetStateRow(list_id=list_id, vetted_version=until))
            elif run.from_version <= state.vetted_version < until:
                state.vetted_version = until
            info = VetRunInfo(
                id=run.id,
                list_name=list_name,
                from_version=run.from_version,
                to_version=run.to_version,
                trigger=run.trigger,
                state=run.state,
                entities=run.entities,
                persons_compared=run.persons_compared,
                alerts_raised=run.alerts_raised,
                alerts_closed=run.alerts_closed,
                resumed=resumed,
            )
            audit.record(
                session,
                actor=self.actor,
                action="vet.run",
                object_type="vet_run",
                object_id=run.id,
                after=info.to_dict(),
            )
        return info
