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
from watchline.lists.base import iter_csv_rows, iter_json_lines
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


def read_query_csv(path: Path, *, warnings: list[str] | None = None) -> Iterator[Entity]:
    rows = iter_csv_rows(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise InputError.at("empty file: expected a header row", path=path, line=1) from None
    columns = [h.strip().lower() for h in header]
    for line, row in rows:
        if len(row) != len(columns):
            raise InputError.at(
                f"expected {len(columns)} fields, found {len(row)}", path=path, line=line
            )
        record = dict(zip(columns, row, strict=True))
        query_id = (record.get("id") or record.get("query_id") or f"row-{line}").strip()
        values: dict[str, list[str]] = {}
        for column, prop in COLUMN_PROPS.items():
            raw = record.get(column, "")
            parts = raw.split(";") if column == "aliases" else [raw]
            values.setdefault(prop, []).extend(parts)
        schema = (record.get("schema") or "Person").strip() or "Person"
        yield make_query(
            query_id,
            schema=schema,
            values=values,
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
