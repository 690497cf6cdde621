"""Cases: list, show and update them; every change is an event with who, when, source.

Updates follow `cases.TRANSITIONS` and the optimistic lock of the alerts (a stale
`--version` is refused). An event's `at` is when it happened (a field report's date)
and may be earlier than when it was recorded; reports over time use `at`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from watchline.cases import (
    OUTSIDE,
    CaseStatus,
    Location,
    check_state,
    check_transition,
    parse_status,
)
from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.store import audit
from watchline.store.db import Store
from watchline.store.subjects import refresh_priority, subject_summary
from watchline.store.tables import CaseEventRow, CaseRow, DesignationRow, SubjectRow


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


@dataclass(frozen=True)
class CaseUpdate:
    status: CaseStatus | None = None
    location: Location | None = None
    office: str | None = None
    note: str | None = None
    source: str | None = None
    at: datetime | None = None


def case_summary(case: CaseRow, subject: SubjectRow) -> dict[str, Any]:
    return {
        "id": case.id,
        "subject_id": subject.id,
        "name": subject.caption,
        "nationality": subject.nationality,
        "active": subject.active,
        "status": case.status,
        "country": case.country,
        "state": case.state,
        "city": case.city,
        "office": case.office,
        "priority": case.priority,
        "priority_reasons": case.priority_reasons,
        "person_id": subject.person_id,
        "updated_at": _iso(case.updated_at),
        "version": case.row_version,
    }


class CaseRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(
        self,
        *,
        status: str | None = None,
        state: str | None = None,
        nationality: str | None = None,
        active: bool | None = True,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total, a page of cases), highest priority first."""
        conditions = []
        if status:
            conditions.append(CaseRow.status == parse_status(status).value)
        if state:
            conditions.append(CaseRow.state == check_state(state, location="--state"))
        if nationality:
            conditions.append(SubjectRow.nationality == nationality.lower())
        if active is not None:
            conditions.append(SubjectRow.active.is_(active))
        base = select(CaseRow, SubjectRow).join(SubjectRow, SubjectRow.id == CaseRow.subject_id)
        with self.store.session() as session:
            total = session.scalar(
                select(func.count())
                .select_from(CaseRow)
                .join(SubjectRow, SubjectRow.id == CaseRow.subject_id)
                .where(*conditions)
            )
            rows = session.execute(
                base.where(*conditions)
                .order_by(CaseRow.priority.desc(), CaseRow.id)
                .limit(limit)
                .offset(offset)
            ).all()
        return int(total or 0), [case_summary(c, s) for c, s in rows]

    def show(self, case_id: int) -> dict[str, Any]:
        with self.store.session() as session:
            found = session.execute(
                select(CaseRow, SubjectRow)
                .join(SubjectRow, SubjectRow.id == CaseRow.subject_id)
                .where(CaseRow.id == case_id)
            ).first()
            if found is None:
                raise NotFoundError(f"no case {case_id}")
            case, subject = found
            data = case_summary(case, subject)
            data["subject"] = subject_summary(subject)
            data["designations"] = [
                {
                    "ground": d.ground,
                    "reason": d.reason,
                    "hops": d.hops,
                    "path": d.path,
                    "active": d.active,
                    "created_at": _iso(d.created_at),
                    "created_by": d.created_by,
                    "lifted_at": _iso(d.lifted_at),
                    "lift_reason": d.lift_reason,
                }
                for d in session.scalars(
                    select(DesignationRow)
                    .where(DesignationRow.subject_id == subject.id)
                    .order_by(DesignationRow.id)
                )
            ]
            data["history"] = [
                {
                    "at": _iso(e.at),
                    "recorded_at": _iso(e.recorded_at),
                    "by": e.by,
                    "source": e.source,
                    "note": e.note,
                    "changes": e.changes,
                }
                for e in session.scalars(
                    select(CaseEventRow)
                    .where(CaseEventRow.case_id == case_id)
                    .order_by(CaseEventRow.at, CaseEventRow.id)
                )
            ]
        return data

    def update(
        self,
        case_id: int,
        change: CaseUpdate,
        *,
        user: str,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Record a change and return the case as it is afterwards."""
        self.record(case_id, change, user=user, expected_version=expected_version)
        return self.show(case_id)

    def record(
        self,
        case_id: int,
        change: CaseUpdate,
        *,
        user: str,
        expected_version: int | None = None,
    ) -> None:
        """Record a change (one transaction: case, event, priority, audit record)."""
        if not user.strip():
            raise InputError("a case update needs the user making it", location="--by")
        nothing = change.status is None and change.location is None and change.office is None
        if nothing and not change.note:
            raise InputError("nothing to update: give --status, --location, --office or --note")
        with self.store.transaction() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise NotFoundError(f"no case {case_id}")
            if expected_version is not None and case.row_version != expected_version:
                raise ConflictError(
                    f"case {case_id} is at version {case.row_version}, not {expected_version}:"
                    " someone updated it meanwhile; reload it and update again"
                )
            new: dict[str, Any] = {}
            if change.status is not None:
                check_transition(CaseStatus(case.status), change.status, case_id=case_id)
                new["status"] = change.status.value
            if change.location is not None:
                new |= {
                    "country": change.location.country,
                    "state": change.location.state,
                    "city": change.location.city,
                }
            elif change.status in OUTSIDE:
                new |= {"state": None, "city": None}
            if change.office is not None:
                new["office"] = change.office.strip() or None
            changes = {
                field: [getattr(case, field), value]
                for field, value in new.items()
                if getattr(case, field) != value
            }
            when = datetime.now(UTC)
            done = session.execute(
                update(CaseRow)
                .where(CaseRow.id == case_id, CaseRow.row_version == case.row_version)
                .values(**new, updated_at=when, row_version=case.row_version + 1)
                .execution_options(synchronize_session=False)
            )
            # An UPDATE's result is a cursor result, which counts the rows it matched.
            if cast(CursorResult[Any], done).rowcount != 1:
                raise ConflictError(
                    f"case {case_id} was updated by someone else meanwhile; reload and retry"
                )
            session.add(
                CaseEventRow(
                    case_id=case_id,
                    at=change.at or when,
                    recorded_at=when,
                    by=user.strip(),
                    source=change.source,
                    note=change.note,
                    changes=changes,
                )
            )
            session.flush()
            session.expire(case)
            refresh_priority(session, case)
            audit.record(
                session,
                actor=user.strip(),
                action="case.update",
                object_type="case",
                object_id=case_id,
                before={k: v[0] for k, v in changes.items()},
                after={k: v[1] for k, v in changes.items()} | {"note": change.note},
            )
