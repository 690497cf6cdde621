"""Read a network from a CSV edge list (docs/networks.md has the format).

One row per link: `source_id, target_id, link` are required; `source_schema`,
`source_name`, `source_birth_date`, `source_nationality` (and the same for `target_`)
describe the two ends, at least where an entity first appears; `relationship` says more
about the link ("transported", "brother"). The rows become FtM entities: one per
entity id, and one link entity per row, of the FtM schema named in `link`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from watchline.errors import InputError
from watchline.lists.base import iter_csv_records
from watchline.model import Entity, get_schema

REQUIRED = ("source_id", "target_id", "link")
END_PROPS = {"name": "name", "birth_date": "birthDate", "nationality": "nationality"}


def read_network_csv(path: Path) -> Iterator[Entity]:
    nodes: dict[str, Entity] = {}
    links: list[Entity] = []
    taken: dict[str, int] = {}
    for line, record in iter_csv_records(path, required=REQUIRED):
        ends = []
        for side in ("source", "target"):
            entity_id = record[f"{side}_id"]
            if not entity_id:
                raise InputError.at(f"{side}_id is empty", path=path, line=line)
            node = nodes.get(entity_id)
            schema = record.get(f"{side}_schema") or (node.schema if node else "Person")
            if node is None:
                try:
                    node = Entity(schema, entity_id)
                except InputError as exc:
                    raise InputError.at(exc.message, path=path, line=line) from None
                nodes[entity_id] = node
            elif record.get(f"{side}_schema") and node.schema != schema:
                raise InputError.at(
                    f"entity {entity_id!r} is a {node.schema} on an earlier line, not a {schema}",
                    path=path,
                    line=line,
                )
            for column, prop in END_PROPS.items():
                value = record.get(f"{side}_{column}")
                if value and node.ftm_schema.get(prop) is not None:
                    if prop == "name" and node.has("name") and value not in node.get("name"):
                        prop = "alias"
                    node.add(prop, value, quiet=True)
            ends.append(node)
        link = _link(record, ends[0], ends[1], path, line, taken)
        links.append(link)
    for entity_id, node in nodes.items():
        if not node.has("name"):
            raise InputError.at(f"entity {entity_id!r} is never given a name", path=path)
    yield from nodes.values()
    yield from links


def _link(
    record: dict[str, str],
    source: Entity,
    target: Entity,
    path: Path,
    line: int,
    taken: dict[str, int],
) -> Entity:
    name = record["link"]
    try:
        schema = get_schema(name)
    except InputError:
        raise InputError.at(f"unknown link type {name!r}", path=path, line=line) from None
    if not schema.edge or schema.source_prop is None or schema.target_prop is None:
        raise InputError.at(
            f"{name!r} is not a link type (use Membership, Associate, Family, Employment,"
            " UnknownLink or another FtM link schema)",
            path=path,
            line=line,
        )
    if source.id == target.id:
        raise InputError.at(f"{name} links {source.id!r} to itself", path=path, line=line)
    # Named by what it links, not by line, so the same link in the next file version is
    # the same entity (a repeated link gets a suffix).
    base = f"{schema.name.lower()}-{source.id}-{target.id}"
    taken[base] = taken.get(base, 0) + 1
    link = Entity(schema.name, base if taken[base] == 1 else f"{base}-{taken[base]}")
    link.add(schema.source_prop.name, source.id, quiet=True)
    link.add(schema.target_prop.name, target.id, quiet=True)
    if not link.has(schema.source_prop.name) or not link.has(schema.target_prop.name):
        raise InputError.at(
            f"a {name} cannot link a {source.schema} to a {target.schema}", path=path, line=line
        )
    detail = record.get("relationship")
    if detail:
        prop = "relationship" if schema.get("relationship") is not None else "role"
        link.add(prop, detail, quiet=True)
    return link
