"""Alerts: raising them without duplicates, deciding them under an optimistic lock.

One live alert per (person, list entity). A closed false positive or inconclusive alert
suppresses the same evidence (same list entry content, same person record); new
evidence raises the next generation of the pair, linked to the decision it reopens.
Decisions update the alert with `WHERE row_version = <the version read>`: of two
analysts deciding at once, the second updates nothing and gets a ConflictError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.match.types import MatchResult
from watchline.model import Entity
from watchline.store import audit
from watchline.store.db import Store
from watchline.store.tables import (
    AlertRow,
    DecisionRow,
    ListEntityRow,
    PersonRow,
    WatchlistRow,
)
from watchline.workflow import Action, AlertState, transition

SYSTEM_USER = "watchline"


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


@dataclass(frozen=True)
class Raise:
    """Why an alert was raised: at an encounter, or by re-vetting after a list change."""

    cause: str
    actor: str
    encounter_id: int | None = None
    vet_run_id: int | None = None


def latest_alert(session: Session, person_id: int, list_id: int, entity_id: str) -> AlertRow | None:
    return session.scalar(
        select(AlertRow).where(
            AlertRow.person_id == person_id,
            AlertRow.list_id == list_id,
            AlertRow.entity_id == entity_id,
            AlertRow.latest.is_(True),
        )
    )


def raise_alert(
    session: Session,
    *,
    person: PersonRow,
    candidate: Entity,
    list_id: int,
    list_version: int,
    result: MatchResult,
    why: Raise,
) -> AlertRow | None:
    """Store an alert for a match, unless the pair already has one for this evidence.

    The caller holds the person row locked (see `store.persons.upsert_person`), so two
    transactions cannot raise the same pair's next generation at once.
    """
    entity_hash = candidate.content_hash()
    previous = latest_alert(session, person.id, list_id, candidate.id)
    if previous is not None:
        state = AlertState(previous.state)
        if not state.closed or state is AlertState.CONFIRMED:
            return None
        same_evidence = (
            previous.entity_hash == entity_hash and previous.person_hash == person.content_hash
        )
        if same_evidence and state is not AlertState.WITHDRAWN:
            return None
        previous.latest = False
    when = _now()
    alert = AlertRow(
        person_id=person.id,
        list_id=list_id,
        entity_id=candidate.id,
        generation=previous.generation + 1 if previous else 1,
        latest=True,
        state=AlertState.OPEN.value,
        score=result.score,
        matcher=result.algorithm,
        explanation=result.explanation(),
        summary=result.summary(),
        list_version=list_version,
        entity_hash=entity_hash,
        person_hash=person.content_hash,
        cause=why.cause,
        encounter_id=why.encounter_id,
        vet_run_id=why.vet_run_id,
        previous_alert_id=previous.id if previous else None,
        proposed_by=None,
        created_at=when,
        updated_at=when,
        row_version=1,
    )
    session.add(alert)
    session.flush()
    audit.record(
        session,
        actor=why.actor,
        action="alert.raise",
        object_type="alert",
        object_id=alert.id,
        after={
            "person_id": person.id,
            "list_id": list_id,
            "entity_id": candidate.id,
            "list_version": list_version,
            "score": round(result.score, 6),
            "cause": why.cause,
            "previous_alert_id": alert.previous_alert_id,
        },
    )
    return alert


def withdraw_alerts(
    session: Session, *, list_id: int, entity_ids: list[str], reason: str, actor: str
) -> int:
    """Close the open alerts on list entries that were removed; returns how many."""
    closed = 0
    for start in range(0, len(entity_ids), 500):
        rows = session.scalars(
            select(AlertRow)
            .where(
                AlertRow.list_id == list_id,
                AlertRow.entity_id.in_(entity_ids[start : start + 500]),
                AlertRow.latest.is_(True),
                AlertRow.state.in_([AlertState.OPEN.value, AlertState.ESCALATED.value]),
            )
            .with_for_update()
        ).all()
        for alert in rows:
            _apply_decision(
                session, alert, Action.WITHDRAW, AlertState.WITHDRAWN, "withdraw", reason, actor
            )
            closed += 1
    return closed


def _apply_decision(
    session: Session,
    alert: AlertRow,
    action: Action,
    to_state: AlertState,
    recorded_as: str,
    reason: str,
    user: str,
    proposed_by: str | None = None,
) -> None:
    before = {
        "state": alert.state,
        "row_version": alert.row_version,
        "proposed_by": alert.proposed_by,
    }
    done = session.execute(
        update(AlertRow)
        .where(AlertRow.id == alert.id, AlertRow.row_version == alert.row_version)
        .values(
            state=to_state.value,
            proposed_by=proposed_by if action is not Action.WITHDRAW else alert.proposed_by,
            updated_at=_now(),
            row_version=alert.row_version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    # An UPDATE's result is a cursor result, which counts the rows it matched.
    if cast(CursorResult[Any], done).rowcount != 1:
        raise ConflictError(
            f"alert {alert.id} was changed by someone else meanwhile (it is no longer at"
            f" version {alert.row_version}); reload it and decide again"
        )
    session.add(
        DecisionRow(
            alert_id=alert.id,
            action=recorded_as,
            from_state=alert.state,
            to_state=to_state.value,
            reason=reason,
            decided_by=user,
            decided_at=_now(),
        )
    )
    audit.record(
        session,
        actor=user,
        action="alert.decide",
        object_type="alert",
        object_id=alert.id,
        before=before,
        after={
            "state": to_state.value,
            "row_version": alert.row_version + 1,
            "decision": recorded_as,
            "reason": reason,
        },
    )


class AlertRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    def decide(
        self,
        alert_id: int,
        action: Action,
        *,
        reason: str,
        user: str,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Apply one analyst decision; returns the alert as it is afterwards."""
        with self.store.transaction() as session:
            alert = session.get(AlertRow, alert_id)
            if alert is None:
                raise NotFoundError(f"no alert {alert_id}")
            if expected_version is not None and alert.row_version != expected_version:
                raise ConflictError(
                    f"alert {alert_id} is at version {alert.row_version}, not {expected_version}:"
                    " someone decided it meanwhile; reload it and decide again"
                )
            move = transition(
                AlertState(alert.state),
                action,
                user=user,
                reason=reason,
                proposed_by=alert.proposed_by,
                alert_id=alert_id,
            )
            _apply_decision(
                session,
                alert,
                action,
                move.to_state,
                move.recorded_as,
                reason.strip(),
                user.strip(),
                move.proposed_by,
            )
            if move.to_state is AlertState.CONFIRMED:
                from watchline.store.subjects import on_confirmed_alert

                on_confirmed_alert(session, alert, user.strip())
        return self.show(alert_id)

    # -- reading ---------------------------------------------------------------------------
    def _query(self) -> Any:
        return (
            select(AlertRow, PersonRow.caption, PersonRow.person_key, WatchlistRow.name)
            .join(PersonRow, PersonRow.id == AlertRow.person_id)
            .join(WatchlistRow, WatchlistRow.id == AlertRow.list_id)
        )

    @staticmethod
    def _summary(alert: AlertRow, person: str, person_key: str, list_name: str) -> dict[str, Any]:
        return {
            "id": alert.id,
            "state": alert.state,
            "score": alert.score,
            "person_id": alert.person_id,
            "person": person,
            "person_key": person_key,
            "list": list_name,
            "entity_id": alert.entity_id,
            "list_version": alert.list_version,
            "cause": alert.cause,
            "generation": alert.generation,
            "previous_alert_id": alert.previous_alert_id,
            "proposed_by": alert.proposed_by,
            "summary": alert.summary,
            "matcher": alert.matcher,
            "created_at": _iso(alert.created_at),
            "updated_at": _iso(alert.updated_at),
            "version": alert.row_version,
        }

    def list(
        self,
        *,
        state: str | None = None,
        list_name: str | None = None,
        person_id: int | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of alert summaries), newest first."""
        conditions = []
        if state:
            if state not in {s.value for s in AlertState}:
                raise InputError(
                    f"unknown state {state!r}; use one of: {', '.join(AlertState)}",
                    location="state",
                )
            conditions.append(AlertRow.state == state)
        if list_name:
            conditions.append(WatchlistRow.name == list_name)
        if person_id is not None:
            conditions.append(AlertRow.person_id == person_id)
        with self.store.session() as session:
            total = session.scalar(
                select(func.count())
                .select_from(AlertRow)
                .join(WatchlistRow, WatchlistRow.id == AlertRow.list_id)
                .where(*conditions)
            )
            rows = session.execute(
                self._query()
                .where(*conditions)
                .order_by(AlertRow.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return int(total or 0), [self._summary(*row) for row in rows]

    def show(self, alert_id: int) -> dict[str, Any]:
        """An alert with everything an analyst reviews: both records, the evidence, history."""
        with self.store.session() as session:
            found = session.execute(self._query().where(AlertRow.id == alert_id)).first()
            if found is None:
                raise NotFoundError(f"no alert {alert_id}")
            alert = found[0]
            data = self._summary(*found)
            person = session.get(PersonRow, alert.person_id)
            assert person is not None
            data["person_record"] = {"schema": person.schema, "properties": person.properties}
            entity = session.scalar(
                select(ListEntityRow)
                .where(
                    ListEntityRow.list_id == alert.list_id,
                    ListEntityRow.entity_id == alert.entity_id,
                )
                .order_by(ListEntityRow.first_version.desc())
                .limit(1)
            )
            data["entity"] = (
                {
                    "schema": entity.schema,
                    "caption": entity.caption,
                    "properties": entity.properties,
                    "current": entity.last_version is None,
                }
                if entity is not None
                else None
            )
            data["explanation"] = alert.explanation
            data["decisions"] = [
                {
                    "action": d.action,
                    "from_state": d.from_state,
                    "to_state": d.to_state,
                    "reason": d.reason,
                    "by": d.decided_by,
                    "at": _iso(d.decided_at),
                }
                for d in session.scalars(
                    select(DecisionRow)
                    .where(DecisionRow.alert_id == alert_id)
                    .order_by(DecisionRow.id)
                )
            ]
        return data
