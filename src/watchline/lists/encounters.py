"""Read encounters (a person presenting at a port of entry or an office) from files.

CSV: the person columns of `queries.py` (name, first/last name, aliases, birth_date,
nationality, gender, passport, id_number, ...) plus the encounter's own:

    encounter_id | external_ref   the source system's reference for this event
    person_id                     the agency's person number (A-number, case file), if any
    occurred_at | date            ISO date or date-time of the encounter
    location | port | office      port of entry or office
    agency                        which agency recorded it
    source_system | source        which system it came from (default: the --source option)

FtM JSON lines: a Person entity per line (its `id` is the encounter reference), with the
encounter fields above in an optional top-level "encounter" object.

A file is read completely before anything is stored, so a broken row is reported by
line and nothing from the file is imported half-way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from watchline.errors import InputError
from watchline.lists.base import iter_csv_records, iter_json_lines
from watchline.lists.queries import make_query, record_values
from watchline.model import Entity

FIELD_ALIASES = {
    "external_ref": ("encounter_id", "external_ref"),
    "person_ref": ("person_id", "person_ref", "a_number"),
    "occurred_at": ("occurred_at", "encountered_at", "date"),
    "location": ("location", "port", "port_of_entry", "office"),
    "agency": ("agency",),
    "source_system": ("source_system", "source"),
}


@dataclass(frozen=True)
class EncounterRecord:
    entity: Entity
    source_system: str
    external_ref: str
    person_ref: str | None
    agency: str | None
    location: str | None
    occurred_at: datetime | None
    line: int


def parse_when(raw: str, *, location: str) -> datetime | None:
    """An ISO date or date-time; a date means midnight UTC, a naive time is taken as UTC."""
    text = raw.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"cannot read encounter time {raw!r} (expected YYYY-MM-DD or ISO date-time)",
            location=location,
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _field(record: Mapping[str, Any], name: str) -> str:
    for column in FIELD_ALIASES[name]:
        value = record.get(column)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _record(
    entity: Entity,
    meta: Mapping[str, Any],
    *,
    default_source: str,
    fallback_ref: str,
    line: int,
    location: str,
) -> EncounterRecord:
    ref = _field(meta, "external_ref") or fallback_ref
    if len(ref) > 200:
        raise InputError("encounter reference is longer than 200 characters", location=location)
    return EncounterRecord(
        entity=entity,
        source_system=(_field(meta, "source_system") or default_source)[:100],
        external_ref=ref,
        person_ref=_field(meta, "person_ref") or None,
        agency=_field(meta, "agency")[:100] or None,
        location=_field(meta, "location")[:200] or None,
        occurred_at=parse_when(
            _field(meta, "occurred_at"), location=f"{location}, field 'occurred_at'"
        ),
        line=line,
    )


def read_encounters_csv(
    path: Path, *, source: str, file_key: str, warnings: list[str] | None = None
) -> Iterator[EncounterRecord]:
    for line, record in iter_csv_records(path):
        values = record_values(record)
        location = f"{path}, line {line}"
        ref = _field(record, "external_ref") or record.get("id", "")
        entity = make_query(
            ref or f"{file_key}:{line}",
            schema=record.get("schema") or "Person",
            values=values,
            location=location,
            warnings=warnings,
        )
        if not entity.names:
            raise InputError("the encounter has no name", location=location)
        yield _record(
            entity,
            record,
            default_source=source,
            fallback_ref=ref or f"{file_key}:{line}",
            line=line,
            location=location,
        )


def read_encounters_ftm(path: Path, *, source: str, file_key: str) -> Iterator[EncounterRecord]:
    for line, data in iter_json_lines(path):
        location = f"{path}, line {line}"
        try:
            entity = Entity.from_ftm(data, clean=True)
        except InputError as exc:
            raise InputError.at(exc.message, path=path, line=line) from exc
        if not entity.names:
            raise InputError("the encounter has no name", location=location)
        meta = data.get("encounter") or {}
        if not isinstance(meta, Mapping):
            raise InputError("'encounter' must be an object", location=location)
        yield _record(
            entity,
            meta,
            default_source=source,
            fallback_ref=entity.id,
            line=line,
            location=location,
        )


def read_encounters(
    path: Path, *, source: str, file_key: str, warnings: list[str] | None = None
) -> list[EncounterRecord]:
    """All records of a file (CSV by extension, else FtM JSON lines), or the first error.

    `file_key` names rows that carry no reference of their own, so importing the same
    file again finds them already stored instead of importing them twice.
    """
    if path.suffix.lower() == ".csv":
        records = list(
            read_encounters_csv(path, source=source, file_key=file_key, warnings=warnings)
        )
    else:
        records = list(read_encounters_ftm(path, source=source, file_key=file_key))
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record.source_system, record.external_ref)
        if key in seen:
            raise InputError.at(
                f"encounter {record.external_ref!r} already appears on line {seen[key]}",
                path=path,
                line=record.line,
            )
        seen[key] = record.line
    return records
