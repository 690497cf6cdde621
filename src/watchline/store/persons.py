"""Persons ever screened and their encounters.

An encounter is resolved to a person by, in order: the agency's own person number
(`ref:`), a passport number with its country (`doc:`), or else the encounter itself
(`enc:`: a person seen once, until an analyst links records). A person's record is the
union of what every encounter presented; when that union changes, the person's
`revision` moves on, so re-vetting and the person index see the new evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from watchline.lists.encounters import EncounterRecord
from watchline.model import Entity
from watchline.store.counters import next_value
from watchline.store.tables import EncounterRow, PersonRow
from watchline.values import normalise_document


def now() -> datetime:
    return datetime.now(UTC)


def person_key(record: EncounterRecord) -> str:
    if record.person_ref:
        return f"ref:{record.person_ref}"[:300]
    countries = record.entity.get("nationality")
    for number in record.entity.get("passportNumber"):
        cleaned = normalise_document(number)
        if len(cleaned) >= 5:
            country = countries[0] if len(countries) == 1 else ""
            return f"doc:{country}:{cleaned}"[:300]
    return f"enc:{record.source_system}:{record.external_ref}"[:300]


def person_entity(row: PersonRow) -> Entity:
    """The person as a query entity (its id names the person row)."""
    return Entity(row.schema, f"person-{row.id}", row.properties, source_id=row.person_key)


def _merged(old: dict[str, list[str]], new: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {prop: list(values) for prop, values in old.items()}
    for prop, values in new.items():
        out[prop] = list(dict.fromkeys([*out.get(prop, []), *values]))
    return out


@dataclass(frozen=True)
class PersonChange:
    row: PersonRow
    entity: Entity
    created: bool
    changed: bool


def upsert_person(session: Session, record: EncounterRecord, when: datetime) -> PersonChange:
    """Find or create the encounter's person (row locked until commit) and merge its record."""
    key = person_key(record)
    row = session.scalar(select(PersonRow).where(PersonRow.person_key == key).with_for_update())
    incoming = record.entity
    if row is None:
        row = PersonRow(
            person_key=key,
            schema=incoming.schema,
            caption=incoming.caption,
            properties=incoming.properties,
            content_hash=incoming.content_hash(),
            revision=next_value(session, "person_revision"),
            first_seen=when,
            last_seen=when,
            encounters=1,
        )
        session.add(row)
        session.flush()
        return PersonChange(row, person_entity(row), created=True, changed=True)
    merged = Entity(row.schema, "merged", _merged(row.properties, incoming.properties))
    digest = merged.content_hash()
    changed = digest != row.content_hash
    if changed:
        row.properties = merged.properties
        row.content_hash = digest
        row.caption = merged.caption
        row.revision = next_value(session, "person_revision")
    row.encounters += 1
    row.last_seen = max(_aware(row.last_seen), when)
    session.flush()
    return PersonChange(row, person_entity(row), created=False, changed=changed)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def add_encounter(
    session: Session,
    record: EncounterRecord,
    person: PersonRow,
    *,
    matcher: str,
    list_versions: dict[str, int],
    top_score: float | None,
) -> EncounterRow:
    row = EncounterRow(
        person_id=person.id,
        source_system=record.source_system,
        external_ref=record.external_ref,
        agency=record.agency,
        location=record.location,
        occurred_at=record.occurred_at,
        properties=record.entity.properties,
        screened_at=now(),
        matcher=matcher,
        list_versions=list_versions,
        top_score=top_score,
        alerts_raised=0,
    )
    session.add(row)
    session.flush()
    return row


def stored_refs(session: Session, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (source system, reference) pairs are already stored (an import re-run)."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = session.execute(
            select(EncounterRow.source_system, EncounterRow.external_ref).where(
                tuple_(EncounterRow.source_system, EncounterRow.external_ref).in_(chunk)
            )
        ).all()
        found.update((s, r) for s, r in rows)
    return found


def encounter_summary(row: EncounterRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "person_id": row.person_id,
        "source_system": row.source_system,
        "external_ref": row.external_ref,
        "agency": row.agency,
        "location": row.location,
        "occurred_at": _aware(row.occurred_at).isoformat() if row.occurred_at else None,
        "screened_at": _aware(row.screened_at).isoformat(),
        "matcher": row.matcher,
        "list_versions": row.list_versions,
        "top_score": row.top_score,
        "alerts_raised": row.alerts_raised,
    }
