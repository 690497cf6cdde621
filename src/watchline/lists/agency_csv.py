"""An agency's own watchlist as a UTF-8 CSV file with a header line.

Columns (order free; only `id` and `name` are required; see docs/agency-list-format.md):

=================  ==========================================================================
id                 required, unique in the file; kept as given
schema             Person (default), Organization, Company, Vessel or Airplane
name               required; the main name, in any script
aliases            other names, separated by `;`
birth_date         YYYY, YYYY-MM or YYYY-MM-DD, several separated by `;` (for organisations
                   the incorporation date, for vessels and airplanes the build date)
nationality        country names or ISO codes, `;`-separated (a `country` for non-persons)
document_numbers   `;`-separated; each `TYPE:NUMBER[:COUNTRY]` with TYPE passport, id or
                   tax, or a bare number (an id number)
gender             male, female or other (persons only)
topics             FtM topics, `;`-separated, e.g. sanction; crime.terror; wanted
notes              free text
=================  ==========================================================================

The reader is strict on purpose: these files are typed by hand, and a silently ignored
column (`birthdate` for `birth_date`) or a date FtM's cleaner would quietly drop
(`1965-13-45`) makes a screening miss a person without anyone noticing. So an unknown column,
a bad date, an unknown country, gender or topic all stop the load with file, line and
field.

A document's number goes to passportNumber / idNumber / taxNumber; its issuing country, which
FtM's Person has no property for, is kept in a note written by `model.document_note` (the
convention every reader shares, read back by `model.documents`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from followthemoney import registry

from watchline.errors import InputError
from watchline.lists.base import iter_csv_rows
from watchline.model import Entity, document_note

COLUMNS = (
    "id",
    "schema",
    "name",
    "aliases",
    "birth_date",
    "nationality",
    "document_numbers",
    "gender",
    "topics",
    "notes",
)
REQUIRED = ("id", "name")
SCHEMATA = {s.lower(): s for s in ("Person", "Organization", "Company", "Vessel", "Airplane")}
DATE_PROPS = {"Person": "birthDate", "Vessel": "buildDate", "Airplane": "buildDate"}
DOC_PROPS = {"passport": "passportNumber", "id": "idNumber", "tax": "taxNumber"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SEP = ";"

Fail = Callable[[str, str], InputError]


def read_agency_csv(path: Path) -> Iterator[Entity]:
    """Stream one entity per row (plus document entities, see the module docstring)."""
    path = Path(path)
    rows = iter_csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise InputError.at("empty file: expected a header line such as 'id,name'", path=path)
    header_line, header = first
    columns = _check_header(header, path=path, line=header_line)
    seen: dict[str, str] = {}
    for line, fields in rows:
        if len(fields) != len(columns):
            raise InputError.at(
                f"expected {len(columns)} fields as in the header, found {len(fields)}",
                path=path,
                line=line,
            )
        row = {col: value.strip() for col, value in zip(columns, fields, strict=True)}
        for entity in _row_entities(row, path=path, line=line):
            where = seen.get(entity.id)
            if where is not None:
                raise InputError.at(
                    f"duplicate id {entity.id!r} (already used {where})",
                    path=path,
                    line=line,
                    field="id",
                )
            seen[entity.id] = f"on line {line}"
            yield entity


def _check_header(header: list[str], *, path: Path, line: int) -> list[str]:
    """Normalise the column names and reject unknown, duplicate or missing columns."""
    columns = [h.strip().removeprefix("\ufeff").strip().lower() for h in header]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        hints = []
        for col in unknown:
            close = difflib.get_close_matches(col, COLUMNS, n=1)
            hints.append(f"{col!r} (did you mean {close[0]!r}?)" if close else repr(col))
        raise InputError.at(
            f"unknown column(s) {', '.join(hints)}; known columns: {', '.join(COLUMNS)}",
            path=path,
            line=line,
            field=unknown[0] if len(unknown) == 1 else None,
        )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise InputError.at(f"column(s) given twice: {', '.join(duplicates)}", path=path, line=line)
    for col in REQUIRED:
        if col not in columns:
            raise InputError.at(f"missing required column {col!r}", path=path, line=line, field=col)
    return columns


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(SEP) if part.strip()]


def _row_entities(row: dict[str, str], *, path: Path, line: int) -> list[Entity]:
    """Build the row's entity (and its document entities), validating every field."""

    def fail(message: str, field: str) -> InputError:
        return InputError.at(message, path=path, line=line, field=field)

    entity_id = row.get("id", "")
    if not entity_id:
        raise fail("missing id", "id")
    name = row.get("name", "")
    if not name:
        raise fail(f"row {entity_id!r} has no name", "name")
    raw_schema = row.get("schema") or "Person"
    schema = SCHEMATA.get(raw_schema.lower())
    if schema is None:
        raise fail(
            f"unknown schema {raw_schema!r} (expected one of {', '.join(SCHEMATA.values())})",
            "schema",
        )
    is_person = schema == "Person"
    entity = Entity(schema, entity_id, source_id=entity_id)
    entity.add("name", name)
    for alias in _split(row.get("aliases")):
        entity.add("alias", alias)

    date_prop = DATE_PROPS.get(schema, "incorporationDate")
    for value in _split(row.get("birth_date")):
        if not _valid_date(value):
            raise fail(
                f"unparseable date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                "birth_date",
            )
        entity.add(date_prop, value)

    country_prop = "nationality" if is_person else "country"
    for value in _split(row.get("nationality")):
        code = registry.country.clean(value)
        if code is None:
            raise fail(f"unknown country {value!r} (use a name or an ISO code)", "nationality")
        entity.add(country_prop, code, cleaned=True)

    gender = row.get("gender")
    if gender:
        if not is_person:
            raise fail(f"gender is for Person rows only, this row is a {schema}", "gender")
        cleaned = registry.gender.clean(gender)
        if cleaned is None:
            raise fail(f"unknown gender {gender!r} (expected male, female or other)", "gender")
        entity.add("gender", cleaned, cleaned=True)

    for value in _split(row.get("topics")):
        topic = value.lower()
        if topic not in registry.topic.names:
            raise fail(f"unknown topic {value!r} (e.g. sanction, crime.terror, wanted)", "topics")
        entity.add("topics", topic, cleaned=True)

    if row.get("notes"):
        entity.add("notes", row["notes"])

    out = [entity]
    for kind, number, country in _documents(row.get("document_numbers"), fail):
        prop = DOC_PROPS[kind]
        if entity.ftm_schema.get(prop) is None:
            if kind == "id" and entity.ftm_schema.get("registrationNumber") is not None:
                prop = "registrationNumber"
            else:
                raise fail(f"a {schema} cannot hold a {kind} number", "document_numbers")
        entity.add(prop, number)
        if country is None:
            continue
        entity.add("notes", document_note(kind, number, country), cleaned=True)
    return out


def _documents(value: str | None, fail: Fail) -> Iterator[tuple[str, str, str | None]]:
    """Parse `TYPE:NUMBER[:COUNTRY]` or bare numbers into (type, number, country code)."""
    for item in _split(value):
        parts = [p.strip() for p in item.split(":")]
        if len(parts) == 1:
            yield "id", parts[0], None
            continue
        kind = parts[0].lower()
        if kind not in DOC_PROPS or len(parts) > 3 or not parts[1]:
            raise fail(
                f"cannot read document {item!r} (expected NUMBER or TYPE:NUMBER[:COUNTRY] "
                f"with TYPE one of {', '.join(DOC_PROPS)})",
                "document_numbers",
            )
        country = None
        if len(parts) == 3 and parts[2]:
            country = registry.country.clean(parts[2])
            if country is None:
                raise fail(
                    f"unknown issuing country {parts[2]!r} in document {item!r}",
                    "document_numbers",
                )
        yield kind, parts[1], country


def _valid_date(value: str) -> bool:
    """True for YYYY, YYYY-MM and YYYY-MM-DD naming a real month and day."""
    match = DATE_RE.match(value)
    if match is None:
        return False
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if day is not None:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return False
    return True
