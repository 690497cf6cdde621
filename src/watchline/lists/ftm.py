"""FollowTheMoney JSON lines (OpenSanctions `entities.ftm.json`): one entity per line.

The values in these files were produced and cleaned by FtM tooling, so they are taken as
they are (`Entity.from_ftm(..., clean=False)`): re-cleaning millions of values would be
slow and could drift from what the publisher wrote. The *structure* is still checked line
by line (schema, id, property names, value types) because a truncated download or a
hand-edited copy must fail with the file and line, not deep inside the store.

Every schema is kept, including Sanction, Ownership, Address and the like: the store keeps
the whole list and matching later picks the matchable schemata itself.

Lines are read as bytes and decoded one at a time, so a non-UTF-8 byte is reported on the
line that holds it (a text-mode reader decodes in chunks and would point at the wrong one).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from followthemoney import model as ftm_model

from watchline.errors import InputError
from watchline.lists.base import iter_json_lines
from watchline.model import Entity

#: Valid in a JSON string, never in a name, and refused by PostgreSQL in any text column.
NUL = "\x00"


def entity_from_json(data: Any, *, path: Path, line: int, prefix: str = "") -> Entity:
    """Check one FtM JSON object and build its Entity; errors name file, line and field.

    `prefix` is prepended to field names so that callers which nest the entity (the delta
    format's `{"op": ..., "entity": {...}}`) report `entity.properties.name` and not a
    field that does not exist at the top level.
    """

    def fail(message: str, field: str | None = None) -> InputError:
        name = f"{prefix}{field}" if field is not None else (prefix.rstrip(".") or None)
        return InputError.at(message, path=path, line=line, field=name)

    if not isinstance(data, Mapping):
        raise fail(f"expected a JSON object for an entity, found {_json_kind(data)}")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise fail("entity has no 'id' (a non-empty string is required)", "id")
    if NUL in entity_id:
        raise fail(f"entity id {entity_id!r} contains a NUL character (\\u0000)", "id")
    schema_name = data.get("schema")
    if not isinstance(schema_name, str) or not schema_name:
        raise fail(f"entity {entity_id} has no 'schema'", "schema")
    schema = ftm_model.get(schema_name)
    if schema is None:
        raise fail(f"entity {entity_id}: unknown FollowTheMoney schema {schema_name!r}", "schema")
    if schema.abstract:
        raise fail(f"entity {entity_id}: schema {schema_name!r} is abstract", "schema")
    properties = data.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, Mapping):
        raise fail(f"entity {entity_id}: 'properties' must be an object", "properties")
    for prop, values in properties.items():
        field = f"properties.{prop}"
        if schema.get(prop) is None:
            raise fail(f"entity {entity_id}: schema {schema.name} has no property {prop!r}", field)
        items = [values] if isinstance(values, str) else values
        if not isinstance(items, list):
            raise fail(
                f"entity {entity_id}: property {prop!r} must be a list of strings, "
                f"found {_json_kind(values)}",
                field,
            )
        for value in items:
            if not isinstance(value, str):
                raise fail(
                    f"entity {entity_id}: property {prop!r} holds {_json_kind(value)} "
                    f"({value!r}), expected a string",
                    field,
                )
            if NUL in value:
                raise fail(
                    f"entity {entity_id}: property {prop!r} holds a NUL character (\\u0000) "
                    f"in {value!r}; PostgreSQL cannot store it",
                    field,
                )
    try:
        return Entity.from_ftm(data, clean=False)
    except InputError as exc:  # pragma: no cover - the checks above should catch it first
        raise fail(f"entity {entity_id}: {exc.message}") from exc


def read_ftm(path: Path) -> Iterator[Entity]:
    """Stream the entities of an FtM JSON-lines file, keeping their ids as `source_id`.

    A repeated id is an error rather than a merge: in an export each id appears once, so a
    repeat means a concatenated or corrupted file, and silently keeping either copy would
    hide that.
    """
    path = Path(path)
    seen: dict[str, int] = {}
    for line, data in iter_json_lines(path):
        entity = entity_from_json(data, path=path, line=line)
        first = seen.get(entity.id)
        if first is not None:
            raise InputError.at(
                f"duplicate entity id {entity.id!r} (first seen on line {first})",
                path=path,
                line=line,
                field="id",
            )
        seen[entity.id] = line
        yield entity


def _json_kind(value: Any) -> str:
    """Name a JSON value's type the way a user who wrote the JSON would call it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
