"""OpenSanctions delta series: an index of versions and one change file per version.

Layout (as published under `https://data.opensanctions.org/artifacts/<dataset>/`)::

    delta.json                          {"versions": {"<version>": "<url>", ...},
                                         "updated_at": "..."}
    <version>/entities.delta.json       one {"op": "ADD"|"MOD"|"DEL", "entity": {...}}
                                        per line; DEL entities carry only an "id"

Version ids such as `20240527134702-zbn` start with a UTC timestamp, so sorting them as
strings sorts them in time; `check_order` relies on that to refuse a version that is not
newer than the one already applied (applying deltas out of order would resurrect deleted
entities or undo changes, and nothing in a delta file would show it).

A version file may be empty (nothing changed in that run) and its last line may lack a
newline; both are valid.

Semantics of applying ops (`apply_delta`, shared by the store and the tests):

* ADD of an id that already exists replaces it (an upsert): a re-published ADD must not
  stop the series, and the new body is the current truth.
* MOD of an id that does not exist inserts it (also an upsert): OpenSanctions documents
  MOD as "the entity as it now is", so the full body is there to insert, and a consumer
  that started from a slightly older base would otherwise drift forever.
* DEL of an id that does not exist is a no-op: the end state (absent) is already reached.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from watchline.errors import ConflictError, InputError
from watchline.lists.base import iter_json_lines
from watchline.lists.ftm import NUL, entity_from_json
from watchline.model import Entity

Op = Literal["ADD", "MOD", "DEL"]
OPS: tuple[Op, ...] = ("ADD", "MOD", "DEL")
INDEX_FILE = "delta.json"
DELTA_FILE = "entities.delta.json"

#: A version id: a 14-digit UTC timestamp, optionally followed by `-<tag>`. Requiring the
#: timestamp keeps string order equal to time order, and the narrow character set keeps a
#: hostile index from naming folders outside the series (`../..`).
VERSION_RE = re.compile(r"^\d{14}(?:-[A-Za-z0-9]+)?$")


@dataclass(frozen=True)
class DeltaOp:
    """One line of a delta file; `entity` is None for DEL, which carries only the id."""

    op: Op
    entity_id: str
    entity: Entity | None
    line: int


@dataclass(frozen=True)
class DeltaVersion:
    """One version of the index: the local change file when present, else its URL."""

    version: str
    path: Path | None
    url: str | None


def read_delta_index(path: Path) -> list[DeltaVersion]:
    """Read `delta.json` (or the folder holding it) into versions sorted oldest first."""
    path = Path(path)
    if path.is_dir():
        path = path / INDEX_FILE
    folder = path.parent
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError.at("file not found", path=path) from exc
    except IsADirectoryError as exc:
        raise InputError.at("expected a file, found a directory", path=path) from exc
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            f"not valid UTF-8 ({exc.reason}); convert the file to UTF-8", path=path, line=line
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(
            f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno
        ) from exc
    if not isinstance(data, Mapping):
        raise InputError.at("expected a JSON object with 'versions'", path=path)
    versions = data.get("versions")
    if versions is None:
        raise InputError.at("missing 'versions'", path=path, field="versions")
    if not isinstance(versions, Mapping):
        raise InputError.at(
            "'versions' must be an object mapping version ids to URLs",
            path=path,
            field="versions",
        )
    out: list[DeltaVersion] = []
    for version, url in versions.items():
        field = f"versions.{version}"
        if not VERSION_RE.match(version):
            raise InputError.at(
                f"invalid version id {version!r} (expected e.g. '20240527134702-zbn')",
                path=path,
                field=field,
            )
        if url is not None and (not isinstance(url, str) or not url.strip()):
            raise InputError.at("the URL must be a non-empty string", path=path, field=field)
        local = folder / version / DELTA_FILE
        out.append(
            DeltaVersion(
                version=version,
                path=local if local.is_file() else None,
                url=url.strip() if isinstance(url, str) else None,
            )
        )
    out.sort(key=lambda v: v.version)
    return out


def read_delta(path: Path) -> Iterator[DeltaOp]:
    """Stream the ops of one `entities.delta.json`, checking each line's structure."""
    path = Path(path)
    for line, data in iter_json_lines(path):
        if not isinstance(data, Mapping):
            raise InputError.at(
                "expected a JSON object with 'op' and 'entity'", path=path, line=line
            )
        op = data.get("op")
        if op not in OPS:
            raise InputError.at(
                f"unknown op {op!r} (expected one of {', '.join(OPS)})",
                path=path,
                line=line,
                field="op",
            )
        body = data.get("entity")
        if not isinstance(body, Mapping):
            raise InputError.at(
                f"{op} needs an 'entity' object", path=path, line=line, field="entity"
            )
        if op == "DEL":
            entity_id = body.get("id")
            if not isinstance(entity_id, str) or not entity_id.strip():
                raise InputError.at(
                    "DEL needs the entity's 'id'", path=path, line=line, field="entity.id"
                )
            if NUL in entity_id:
                raise InputError.at(
                    f"entity id {entity_id!r} contains a NUL character (\\u0000)",
                    path=path,
                    line=line,
                    field="entity.id",
                )
            yield DeltaOp(op="DEL", entity_id=entity_id, entity=None, line=line)
        else:
            entity = entity_from_json(body, path=path, line=line, prefix="entity.")
            yield DeltaOp(op=cast(Op, op), entity_id=entity.id, entity=entity, line=line)


def versions_after(versions: list[DeltaVersion], applied: str | None) -> list[DeltaVersion]:
    """The versions strictly newer than `applied` (all of them when nothing is applied)."""
    ordered = sorted(versions, key=lambda v: v.version)
    if applied is None:
        return ordered
    return [v for v in ordered if v.version > applied]


def check_order(version: str, applied: str | None) -> None:
    """Refuse to apply `version` unless it is newer than the version already applied."""
    if applied is not None and version <= applied:
        raise ConflictError(
            f"delta version {version} is older than (or equal to) the applied version {applied}",
            location=f"version {version}",
        )


def apply_delta(entities: Mapping[str, Entity], ops: Iterable[DeltaOp]) -> dict[str, Entity]:
    """Apply ops in order to a mapping of id -> entity and return a new dict.

    The input is not changed, so a caller can compare before and after or discard the
    result on a later error. See the module docstring for the upsert/no-op rules.
    """
    result = dict(entities)
    for op in ops:
        if op.op == "DEL":
            result.pop(op.entity_id, None)
        elif op.entity is not None:
            result[op.entity_id] = op.entity
        else:
            raise InputError(f"{op.op} on line {op.line} has no entity", location=op.entity_id)
    return result
