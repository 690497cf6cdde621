"""A network as a graph of FtM entities, and who is linked to whom within K hops (pure).

Nodes are the non-link entities (Person, Organization, ...); edges are the FtM link
schemata (Membership, Associate, Family, Employment, UnknownLink, and any other edge
schema), read from the schema's own source and target properties, so every FtM link
type works without a table of our own. Links are followed in both directions: "moved
by", "member of" and "relative of" all connect people for designation.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from watchline.errors import InputError, NotFoundError
from watchline.model import Entity


@dataclass(frozen=True)
class Step:
    """One node on a path, and the link that led to it (None for the origin)."""

    entity_id: str
    caption: str
    schema: str
    via: str | None

    def to_dict(self) -> dict[str, str]:
        data = {"entity_id": self.entity_id, "caption": self.caption, "schema": self.schema}
        if self.via:
            data["via"] = self.via
        return data


@dataclass
class Network:
    nodes: dict[str, Entity] = field(default_factory=dict)
    #: node id -> [(neighbour id, link description)], both directions.
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[Entity], *, source: str = "network") -> Network:
        """Nodes and links; a link to an unknown entity or to itself is an error."""
        network = cls()
        edges: list[Entity] = []
        for entity in entities:
            if entity.ftm_schema.edge:
                edges.append(entity)
            else:
                network.nodes[entity.id] = entity
        for edge in edges:
            schema = edge.ftm_schema
            assert schema.source_prop is not None and schema.target_prop is not None
            ends = []
            for prop in (schema.source_prop.name, schema.target_prop.name):
                values = edge.get(prop)
                if len(values) != 1:
                    raise InputError(
                        f"{schema.name} {edge.id!r} needs exactly one {prop!r}, has {len(values)}",
                        location=f"{source}, entity {edge.id}",
                    )
                if values[0] not in network.nodes:
                    raise InputError(
                        f"{schema.name} {edge.id!r} links to unknown entity {values[0]!r}",
                        location=f"{source}, entity {edge.id}, property {prop!r}",
                    )
                ends.append(values[0])
            source_id, target_id = ends
            if source_id == target_id:
                raise InputError(
                    f"{schema.name} {edge.id!r} links {source_id!r} to itself",
                    location=f"{source}, entity {edge.id}",
                )
            label = schema.name
            detail = edge.first("relationship") or edge.first("role")
            if detail:
                label = f"{label} ({detail})"
            network.links.setdefault(source_id, []).append((target_id, label))
            network.links.setdefault(target_id, []).append((source_id, label))
        for neighbours in network.links.values():
            neighbours.sort()
        return network

    def step(self, entity_id: str, via: str | None) -> Step:
        node = self.nodes[entity_id]
        return Step(entity_id, node.caption, node.schema, via)

    def reach(self, origin: str, hops: int) -> dict[str, list[Step]]:
        """Every node within `hops` links of `origin`, with one shortest path to it.

        Breadth-first with a visited set: cycles end, and the path is a shortest one
        (ties broken by id order, so re-running gives the same path).
        """
        if origin not in self.nodes:
            raise NotFoundError(f"no entity {origin!r} in the network")
        if hops < 0:
            raise InputError("--hops must be 0 or more", location="--hops")
        paths = {origin: [self.step(origin, None)]}
        queue = deque([origin])
        while queue:
            current = queue.popleft()
            if len(paths[current]) > hops:
                continue
            for neighbour, label in self.links.get(current, []):
                if neighbour not in paths:
                    paths[neighbour] = [*paths[current], self.step(neighbour, label)]
                    queue.append(neighbour)
        return paths


def describe(path: list[Step]) -> str:
    """ "A -[Membership]- B -[UnknownLink (transported)]- C", for reasons and reports."""
    parts = [path[0].caption]
    for step in path[1:]:
        parts.append(f"-[{step.via}]- {step.caption}")
    return " ".join(parts)
