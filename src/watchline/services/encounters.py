"""Encounter import: read a file, screen each person, store encounter, person and alerts.

The whole file is parsed first: a broken row stops the import before anything is
stored. Records are then screened and stored in chunks, each chunk one transaction
(persons, encounters, alerts and their audit records together). A process killed
half-way leaves whole chunks only; running the import again skips the encounters
already stored (by source system and reference) and goes on with the rest.

`store_encounter` screens and stores one record (the API's `POST /encounters`) the same
way, in one transaction of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from watchline.errors import ConflictError
from watchline.lists.encounters import EncounterRecord, read_encounters
from watchline.lists.formats import digest
from watchline.services.screening import Screener, ScreenMatch
from watchline.store import audit
from watchline.store.alerts import Raise, raise_alert
from watchline.store.db import Store
from watchline.store.persons import add_encounter, now, stored_refs, upsert_person
from watchline.store.tables import WatchlistRow

CHUNK = 100
Progress = Callable[[int], None]


@dataclass
class ImportReport:
    path: str
    records: int
    skipped: int = 0
    imported: int = 0
    persons_created: int = 0
    alerts_raised: int = 0
    unscreenable: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class StoredEncounter:
    """What storing one screened encounter did."""

    encounter_id: int
    person_id: int
    person_created: bool
    alert_ids: list[int]
    #: Why the record could not be screened (stored all the same), or None.
    unscreenable: str | None = None


def list_snapshot(store: Store) -> dict[str, tuple[int, int]]:
    """{list name: (list id, current version)}: what an encounter was screened against."""
    with store.session() as session:
        rows = session.execute(
            select(WatchlistRow.name, WatchlistRow.id, WatchlistRow.current_version)
        ).all()
    return {name: (list_id, version) for name, list_id, version in rows}


def _screen(screener: Screener, record: EncounterRecord) -> list[ScreenMatch] | str:
    from watchline.errors import InputError

    try:
        return screener.screen(record.entity, limit=screener.candidates)
    except InputError as exc:
        return exc.message


def import_encounters(
    store: Store,
    path: Path,
    screener: Screener,
    *,
    actor: str,
    source: str = "import",
    progress: Progress | None = None,
    lenient: bool = False,
    on_read: Progress | None = None,
) -> ImportReport:
    """Import a file; `on_read(n)` is told how many records it holds once it is parsed
    (a progress bar's total), `progress(k)` as each chunk is stored."""
    warnings: list[str] | None = [] if lenient else None
    records = read_encounters(path, source=source, file_key=digest(path)[:12], warnings=warnings)
    if on_read is not None:
        on_read(len(records))
    report = ImportReport(path=str(path), records=len(records), warnings=warnings or [])
    with store.session() as session:
        done = stored_refs(session, [(r.source_system, r.external_ref) for r in records])
    todo = [r for r in records if (r.source_system, r.external_ref) not in done]
    report.skipped = len(records) - len(todo)
    if progress is not None and report.skipped:
        progress(report.skipped)
    snapshot = list_snapshot(store)
    versions = {name: version for name, (_, version) in snapshot.items()}
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start : start + CHUNK]
        screened = [_screen(screener, record) for record in chunk]
        with store.transaction() as session:
            for record, outcome in zip(chunk, screened, strict=True):
                _store_one(session, record, outcome, screener, snapshot, versions, actor, report)
        if progress is not None:
            progress(len(chunk))
    return report


def store_encounter(
    store: Store, record: EncounterRecord, screener: Screener, *, actor: str
) -> StoredEncounter:
    """Screen one encounter and store it with its person and alerts (one transaction).

    An encounter already stored (same source system and reference) is a ConflictError:
    it is never screened or stored twice. The caller keeps `screener` to itself meanwhile
    (the API holds its lock), since the matcher's name is recorded with the encounter.
    """
    key = (record.source_system, record.external_ref)
    conflict = ConflictError(
        f"encounter {record.external_ref!r} from {record.source_system!r} is already stored",
        location="external_ref",
    )
    with store.session() as session:
        if stored_refs(session, [key]):
            raise conflict
    snapshot = list_snapshot(store)
    versions = {name: version for name, (_, version) in snapshot.items()}
    outcome = _screen(screener, record)
    report = ImportReport(path="(one record)", records=1)
    try:
        with store.transaction() as session:
            stored = _store_one(
                session, record, outcome, screener, snapshot, versions, actor, report
            )
    except IntegrityError:  # a concurrent transaction stored the encounter or its person
        with store.session() as session:
            if stored_refs(session, [key]):
                raise conflict from None
        raise ConflictError(
            "the same person was stored by another request at the same moment; send the"
            " encounter again"
        ) from None
    return stored


def _store_one(
    session: Any,
    record: EncounterRecord,
    outcome: list[ScreenMatch] | str,
    screener: Screener,
    snapshot: dict[str, tuple[int, int]],
    versions: dict[str, int],
    actor: str,
    report: ImportReport,
) -> StoredEncounter:
    when: datetime = record.occurred_at or now()
    person = upsert_person(session, record, when)
    matches = outcome if isinstance(outcome, list) else []
    if isinstance(outcome, str):
        report.unscreenable.append(f"{record.external_ref}: {outcome}")
    encounter = add_encounter(
        session,
        record,
        person.row,
        matcher=screener.algorithm.name,
        list_versions=versions,
        top_score=max((m.result.score for m in matches), default=None),
    )
    why = Raise(cause="encounter", actor=actor, encounter_id=encounter.id)
    alert_ids: list[int] = []
    for match in matches:
        if not match.result.match or match.entity.list_name not in snapshot:
            continue
        list_id, list_version = snapshot[match.entity.list_name]
        alert = raise_alert(
            session,
            person=person.row,
            candidate=match.entity,
            list_id=list_id,
            list_version=list_version,
            result=match.result,
            why=why,
        )
        if alert is not None:
            alert_ids.append(alert.id)
    raised = len(alert_ids)
    encounter.alerts_raised = raised
    report.imported += 1
    report.persons_created += person.created
    report.alerts_raised += raised
    audit.record(
        session,
        actor=actor,
        action="encounter.screen",
        object_type="encounter",
        object_id=encounter.id,
        after={
            "source_system": record.source_system,
            "external_ref": record.external_ref,
            "person_id": person.row.id,
            "person_created": person.created,
            "person_changed": person.changed,
            "matcher": screener.algorithm.name,
            "list_versions": versions,
            "top_score": encounter.top_score,
            "alerts_raised": raised,
        },
    )
    return StoredEncounter(
        encounter_id=encounter.id,
        person_id=person.row.id,
        person_created=person.created,
        alert_ids=alert_ids,
        unscreenable=outcome if isinstance(outcome, str) else None,
    )
