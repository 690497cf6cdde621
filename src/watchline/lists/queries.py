"""Read people to screen from a CSV file or FtM JSON lines.

CSV columns (header required, case-insensitive; unknown columns are ignored so exports
from other systems work): `id`/`query_id`, `name`/`full_name`, `first_name`,
`middle_name`, `last_name`, `aliases` (`;`-separated), `birth_date`/`date_of_birth`,
`nationality`, `gender`, `passport`, `id_number`, `place_of_birth`, `schema`.
This is the column set of OpenSanctions' matching benchmarks, plus documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from watchline.errors import InputError
from watchline.lists.base import iter_csv_records, iter_json_lines
from watchline.model import Entity

COLUMN_PROPS = {
    "name": "name",
    "full_name": "name",
    "first_name": "firstName",
    "middle_name": "middleName",
    "last_name": "lastName",
    "aliases": "alias",
    "birth_date": "birthDate",
    "date_of_birth": "birthDate",
    "nationality": "nationality",
    "gender": "gender",
    "passport": "passportNumber",
    "id_number": "idNumber",
    "place_of_birth": "birthPlace",
}


def make_query(
    query_id: str,
    *,
    schema: str = "Person",
    values: dict[str, list[str]],
    location: str,
    warnings: list[str] | None = None,
) -> Entity:
    """Build a query entity from raw values, naming the field whose value does not clean.

    With a `warnings` list, an unreadable birth date or country is skipped and noted
    there instead of raising: one mistyped date must not stop a 100,000-row batch.
    """
    entity = Entity(schema, query_id)
    for prop, raw_values in values.items():
        for raw in raw_values:
            if not raw.strip():
                continue
            before = len(entity.get(prop))
            entity.add(prop, raw, quiet=True)
            if prop in ("birthDate", "nationality") and len(entity.get(prop)) == before:
                if raw.strip() in entity.get(prop):
                    continue
                if warnings is None:
                    raise InputError(f"cannot read {prop} value {raw!r}", location=location)
                warnings.append(f"{location}: ignored unreadable {prop} {raw!r}")
    if not entity.has("name"):
        parts = [entity.first(p) for p in ("firstName", "middleName", "lastName")]
        full = " ".join(p for p in parts if p)
        if full:
            entity.add("name", full)
    return entity


def record_values(record: dict[str, str]) -> dict[str, list[str]]:
    """A CSV record's person columns as property values (see the module docstring)."""
    values: dict[str, list[str]] = {}
    for column, prop in COLUMN_PROPS.items():
        raw = record.get(column, "")
        values.setdefault(prop, []).extend(raw.split(";") if column == "aliases" else [raw])
    return values


def read_query_csv(path: Path, *, warnings: list[str] | None = None) -> Iterator[Entity]:
    for line, record in iter_csv_records(path):
        query_id = record.get("id") or record.get("query_id") or f"row-{line}"
        yield make_query(
            query_id,
            schema=record.get("schema") or "Person",
            values=record_values(record),
            location=f"{path}, line {line}",
            warnings=warnings,
        )


def read_query_ftm(path: Path) -> Iterator[Entity]:
    for line, data in iter_json_lines(path):
        try:
            yield Entity.from_ftm(data, clean=True)
        except InputError as exc:
            raise InputError.at(exc.message, path=path, line=line) from exc


def read_queries(path: Path, *, warnings: list[str] | None = None) -> Iterator[Entity]:
    """CSV by the `.csv` extension, otherwise FtM JSON lines (`warnings`: see make_query)."""
    if path.suffix.lower() == ".csv":
        return read_query_csv(path, warnings=warnings)
    return read_query_ftm(path)
