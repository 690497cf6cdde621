"""Subjects of concern, the grounds they were designated on, and their cases.

Designations are kept, never deleted: a ground that no longer holds is lifted with its
reason; a subject is active while any ground is. Every subject gets a case on first
designation. Functions take the caller's session: a designation run, or the alert
decision that confirms a watchlist match, commits its subjects, cases and audit
records together.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchline.cases import CaseStatus, PriorityFacts, priority
from watchline.model import Entity
from watchline.store import audit
from watchline.store.tables import (
    AlertRow,
    CaseEventRow,
    CaseRow,
    DesignationRow,
    PersonRow,
    SubjectRow,
    WatchlistRow,
)


def now() -> datetime:
    return datetime.now(UTC)


def subject_for_entity(
    session: Session, list_id: int, entity: Entity, *, at: datetime | None = None
) -> tuple[SubjectRow, bool]:
    """The network person's subject (locked), created if new; (subject, created)."""
    row = session.scalar(
        select(SubjectRow)
        .where(SubjectRow.list_id == list_id, SubjectRow.entity_id == entity.id)
        .with_for_update()
    )
    if row is not None:
        return row, False
    nationality = next(iter(entity.get("nationality") or entity.get("citizenship")), None)
    row = SubjectRow(
        list_id=list_id,
        entity_id=entity.id,
        caption=entity.caption,
        nationality=nationality,
        active=True,
        designated_at=at or now(),
    )
    session.add(row)
    session.flush()
    return row, True


def subject_for_person(session: Session, person: PersonRow) -> tuple[SubjectRow, bool]:
    row = session.scalar(
        select(SubjectRow).where(SubjectRow.person_id == person.id).with_for_update()
    )
    if row is not None:
        return row, False
    nationality = next(iter(person.properties.get("nationality") or []), None)
    row = SubjectRow(
        person_id=person.id,
        person_link="screened",
        caption=person.caption,
        nationality=nationality,
        active=True,
        designated_at=now(),
    )
    session.add(row)
    session.flush()
    return row, True


def add_ground(
    session: Session,
    subject: SubjectRow,
    *,
    ground: str,
    path: list[dict[str, str]],
    hops: int | None,
    reason: str,
    actor: str,
    at: datetime | None = None,
) -> str:
    """Record (or re-activate) one ground; returns "new", "kept" or "restored".

    `at` dates a designation made now about the past ("designated as of").
    """
    row = session.scalar(
        select(DesignationRow).where(
            DesignationRow.subject_id == subject.id, DesignationRow.ground == ground
        )
    )
    outcome = "kept"
    if row is None:
        row = DesignationRow(
            subject_id=subject.id,
            ground=ground,
            path=path,
            hops=hops,
            reason=reason,
            active=True,
            created_at=at or now(),
            created_by=actor,
        )
        session.add(row)
        outcome = "new"
    elif not row.active:
        row.active, row.lifted_at, row.lift_reason = True, None, None
        outcome = "restored"
    if row.path != path or row.reason != reason:
        row.path, row.hops, row.reason = path, hops, reason
    if not subject.active:
        subject.active, subject.lifted_at, subject.lift_reason = True, None, None
        outcome = "restored" if outcome == "kept" else outcome
    session.flush()
    if outcome != "kept":
        audit.record(
            session,
            actor=actor,
            action="subject.designate",
            object_type="subject",
            object_id=subject.id,
            after={"ground": ground, "reason": reason, "hops": hops, "outcome": outcome},
        )
    ensure_case(session, subject, actor, at=at)
    return outcome


def lift_ground(session: Session, row: DesignationRow, *, reason: str, actor: str) -> bool:
    """Lift one ground; True when that left the subject with none (subject lifted)."""
    row.active, row.lifted_at, row.lift_reason = False, now(), reason
    session.flush()
    subject = session.get(SubjectRow, row.subject_id)
    assert subject is not None
    remaining = session.scalar(
        select(func.count())
        .select_from(DesignationRow)
        .where(DesignationRow.subject_id == subject.id, DesignationRow.active.is_(True))
    )
    lifted = not remaining and subject.active
    if lifted:
        subject.active, subject.lifted_at, subject.lift_reason = False, now(), reason
    case = session.scalar(select(CaseRow).where(CaseRow.subject_id == subject.id))
    if case is not None:
        refresh_priority(session, case)
    audit.record(
        session,
        actor=actor,
        action="subject.lift" if lifted else "designation.lift",
        object_type="subject",
        object_id=subject.id,
        after={"ground": row.ground, "reason": reason},
    )
    return lifted


def ensure_case(
    session: Session, subject: SubjectRow, actor: str, *, at: datetime | None = None
) -> CaseRow:
    case = session.scalar(select(CaseRow).where(CaseRow.subject_id == subject.id))
    if case is not None:
        refresh_priority(session, case)
        return case
    when = now()
    case = CaseRow(
        subject_id=subject.id,
        status=CaseStatus.WHEREABOUTS_UNKNOWN.value,
        priority=0,
        priority_reasons=[],
        opened_at=at or when,
        updated_at=when,
        row_version=1,
    )
    session.add(case)
    session.flush()
    session.add(
        CaseEventRow(
            case_id=case.id,
            at=at or when,
            recorded_at=when,
            by=actor,
            source="designation",
            note="case opened on designation",
            changes={"status": [None, case.status]},
        )
    )
    refresh_priority(session, case)
    return case


def refresh_priority(session: Session, case: CaseRow) -> None:
    subject = session.get(SubjectRow, case.subject_id)
    assert subject is not None
    grounds = session.execute(
        select(DesignationRow.ground, DesignationRow.hops).where(
            DesignationRow.subject_id == subject.id, DesignationRow.active.is_(True)
        )
    ).all()
    hops = [h for _, h in grounds if h is not None]
    history = session.scalars(
        select(CaseEventRow.changes).where(CaseEventRow.case_id == case.id)
    ).all()
    prior_removal = any(
        (c.get("status") or [None, None])[1] == CaseStatus.REMOVED.value for c in history
    )
    score, reasons = priority(
        PriorityFacts(
            status=CaseStatus(case.status),
            watchlist_match=any(g.startswith("alert:") for g, _ in grounds),
            prior_removal=prior_removal and case.status != CaseStatus.REMOVED.value,
            hops=min(hops) if hops else None,
        )
    )
    case.priority, case.priority_reasons = score, reasons


def subject_summary(subject: SubjectRow) -> dict[str, Any]:
    return {
        "id": subject.id,
        "caption": subject.caption,
        "nationality": subject.nationality,
        "active": subject.active,
        "entity_id": subject.entity_id,
        "person_id": subject.person_id,
        "person_link": subject.person_link,
        "person_score": subject.person_score,
        "designated_at": subject.designated_at.isoformat(),
        "lifted_at": subject.lifted_at.isoformat() if subject.lifted_at else None,
        "lift_reason": subject.lift_reason,
    }


def on_confirmed_alert(session: Session, alert: AlertRow, actor: str) -> None:
    """A confirmed match designates: a watchlist match makes the person a subject; a
    match to a network person links that network subject to the screened person."""
    wl = session.get(WatchlistRow, alert.list_id)
    assert wl is not None
    if wl.kind == "network":
        subject = session.scalar(
            select(SubjectRow).where(
                SubjectRow.list_id == wl.id, SubjectRow.entity_id == alert.entity_id
            )
        )
        taken = session.scalar(select(SubjectRow.id).where(SubjectRow.person_id == alert.person_id))
        if subject is not None and subject.person_id is None and taken is None:
            subject.person_id, subject.person_score = alert.person_id, alert.score
            subject.person_link = f"alert {alert.id}"
            audit.record(
                session,
                actor=actor,
                action="subject.resolve",
                object_type="subject",
                object_id=subject.id,
                after={"person_id": alert.person_id, "link": subject.person_link},
            )
        return
    person = session.get(PersonRow, alert.person_id)
    assert person is not None
    subject, _ = subject_for_person(session, person)
    add_ground(
        session,
        subject,
        ground=f"alert:{alert.id}",
        path=[],
        hops=None,
        reason=f"confirmed match to {wl.name} entry {alert.entity_id} (alert {alert.id})",
        actor=actor,
    )
