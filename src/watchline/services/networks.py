"""Networks: import them, designate the people linked to a flagged entity, re-evaluate.

A network is stored like a list (versioned, temporal rows; `kind` "network"), so its
people are screened against everyone ever screened by the same continuous vetting as a
watchlist: an uncertain resolution is an alert, never a silent link. Designation walks
the network's links from an origin; every Person reached within K hops becomes a subject
of concern with the path that links them. A run is one transaction and re-running it
changes nothing; after a network changes, every designation made on it is re-evaluated
and the ones that no longer hold are lifted, with the reason, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchline.errors import InputError, NotFoundError
from watchline.index.keys import query_keys
from watchline.index.search import CandidateIndex
from watchline.lists.formats import digest, get_format, version_label
from watchline.lists.network_csv import read_network_csv
from watchline.match import get_algorithm
from watchline.model import Entity
from watchline.network import Network, describe
from watchline.store import audit
from watchline.store.db import Store
from watchline.store.lists import ListRepository, VersionInfo, current_rows, row_to_entity
from watchline.store.person_index import PersonIndexFiles
from watchline.store.persons import person_entity
from watchline.store.subjects import (
    add_ground,
    lift_ground,
    on_confirmed_alert,
    subject_for_entity,
)
from watchline.store.tables import (
    AlertRow,
    DesignationRow,
    ListEntityRow,
    PersonRow,
    SubjectRow,
    WatchlistRow,
)
from watchline.values import DOC_PROPS, normalise_document

#: A network person is linked to a screened person without an analyst at this score or
#: above and with identifying evidence (`identified`); otherwise the vetting alert decides.
AUTO_LINK_SCORE = 0.95
NETWORK_FORMATS = ("ftm", "csv")


def read_network(path: Path, fmt: str) -> list[Entity]:
    if fmt not in NETWORK_FORMATS:
        raise InputError(
            f"network format must be one of {', '.join(NETWORK_FORMATS)}", location="--format"
        )
    if fmt == "csv":
        entities = list(read_network_csv(path))
    else:
        entities = list(get_format("ftm").reader(path))
    Network.build(entities, source=str(path))  # every link's ends exist, no self-links
    return entities


def import_network(
    store: Store, path: Path, name: str, *, fmt: str = "ftm", actor: str = "watchline"
) -> VersionInfo:
    """Store the network file as the network's next version (whole file, or nothing)."""
    if not path.exists():
        raise InputError.at("file not found", path=path)
    entities = read_network(path, fmt)
    sha = digest(path)
    return ListRepository(store, actor=actor).load(
        name,
        "ftm" if fmt == "ftm" else "network-csv",
        entities,
        label=version_label("ftm", path, sha),
        source=str(path),
        sha256=sha,
        list_kind="network",
    )


def identified(person: Entity, entity: Entity) -> bool:
    """Identifying evidence beyond the name: a shared full birth date or document number.

    Automatic links need it; a name with a birth year is left to an analyst (the alert).
    """
    full_dates = {d for d in person.get("birthDate") if len(d) == 10}
    if full_dates & {d for d in entity.get("birthDate") if len(d) == 10}:
        return True
    documents = {normalise_document(n) for p in DOC_PROPS for n in person.get(p)}
    return bool(documents & {normalise_document(n) for p in DOC_PROPS for n in entity.get(p)})


@dataclass
class DesignationReport:
    network: str
    origin: str
    hops: int
    version: int
    reached: int = 0
    designated: int = 0
    kept: int = 0
    restored: int = 0
    lifted: int = 0
    subjects_lifted: int = 0
    resolved: int = 0
    subjects: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _network(session: Session, name: str) -> tuple[WatchlistRow, Network]:
    wl = session.scalar(select(WatchlistRow).where(WatchlistRow.name == name))
    if wl is None or wl.kind != "network":
        raise NotFoundError(f"no network named {name!r}; import it with `networks import`")
    rows = session.scalars(
        select(ListEntityRow).where(ListEntityRow.list_id == wl.id, current_rows())
    ).all()
    return wl, Network.build([row_to_entity(r, name) for r in rows], source=f"network {name}")


class Designator:
    def __init__(self, store: Store, *, person_index_dir: Path, actor: str = "watchline") -> None:
        self.store = store
        self.actor = actor
        self.person_index_dir = person_index_dir
        self.algorithm = get_algorithm(None)
        self._persons: CandidateIndex | None = None

    def designate(
        self, network: str, origin: str, *, hops: int = 1, at: datetime | None = None
    ) -> DesignationReport:
        """Designate every Person within `hops` links of `origin` (one transaction).

        `at` dates the designation (default now), for recording one made earlier.
        """
        if hops < 0 or hops > 10:
            raise InputError("--hops must be between 0 and 10", location="--hops")
        with self.store.transaction() as session:
            return self._designate(session, network, origin, hops, at=at)

    def reevaluate(self, network: str) -> list[DesignationReport]:
        """Re-run every designation made on the network (after it changed), in one go."""
        with self.store.transaction() as session:
            wl, _ = _network(session, network)
            prefix = f"network:{wl.id}:"
            grounds = sorted(
                set(
                    session.scalars(
                        select(DesignationRow.ground).where(
                            DesignationRow.ground.startswith(prefix)
                        )
                    ).all()
                )
            )
            reports = []
            for ground in grounds:
                origin, _, hops = ground.removeprefix(prefix).rpartition(":")
                reports.append(
                    self._designate(session, network, origin, int(hops), reevaluating=True)
                )
            return reports

    def _designate(
        self,
        session: Session,
        name: str,
        origin: str,
        hops: int,
        *,
        reevaluating: bool = False,
        at: datetime | None = None,
    ) -> DesignationReport:
        wl, graph = _network(session, name)
        ground = f"network:{wl.id}:{origin}:{hops}"
        report = DesignationReport(name, origin, hops, wl.current_version)
        if origin not in graph.nodes and reevaluating:
            reached: dict[str, Any] = {}
            gone_reason = (
                f"origin {origin!r} was removed from network {name} (version {wl.current_version})"
            )
        else:
            reached = graph.reach(origin, hops)
            gone_reason = (
                f"no longer linked to {origin!r} within {hops} hops in network {name}"
                f" (version {wl.current_version})"
            )
        people = {eid: path for eid, path in reached.items() if graph.nodes[eid].is_a("Person")}
        report.reached = len(people)
        kept_subjects: set[int] = set()
        for entity_id, path in sorted(people.items()):
            entity = graph.nodes[entity_id]
            subject, _created = subject_for_entity(session, wl.id, entity, at=at)
            kept_subjects.add(subject.id)
            distance = len(path) - 1
            reason = (
                f"designated origin of network {name}"
                if distance == 0
                else f"linked to {path[0].caption} in network {name} by {distance} hop(s):"
                f" {describe(path)}"
            )
            outcome = add_ground(
                session,
                subject,
                ground=ground,
                path=[step.to_dict() for step in path],
                hops=distance,
                reason=reason,
                actor=self.actor,
                at=at,
            )
            counter = "designated" if outcome == "new" else outcome
            setattr(report, counter, getattr(report, counter) + 1)
            if subject.person_id is None and self._resolve(session, subject, entity):
                report.resolved += 1
            report.subjects.append(
                {
                    "subject_id": subject.id,
                    "entity_id": entity_id,
                    "caption": entity.caption,
                    "hops": distance,
                    "outcome": outcome,
                }
            )
        stale = session.scalars(
            select(DesignationRow).where(
                DesignationRow.ground == ground,
                DesignationRow.active.is_(True),
                DesignationRow.subject_id.not_in(sorted(kept_subjects)),
            )
        ).all()
        for row in stale:
            report.lifted += 1
            report.subjects_lifted += lift_ground(
                session, row, reason=gone_reason, actor=self.actor
            )
        audit.record(
            session,
            actor=self.actor,
            action="network.designate",
            object_type="network",
            object_id=name,
            after={k: v for k, v in report.to_dict().items() if k != "subjects"},
        )
        return report

    def _resolve(self, session: Session, subject: SubjectRow, entity: Entity) -> bool:
        """Link the subject to a screened person: by a confirmed alert on this network
        entry, or when the matcher's score is at or above AUTO_LINK_SCORE."""
        confirmed = session.scalar(
            select(AlertRow).where(
                AlertRow.list_id == subject.list_id,
                AlertRow.entity_id == entity.id,
                AlertRow.state == "confirmed",
            )
        )
        if confirmed is not None:
            on_confirmed_alert(session, confirmed, self.actor)
            return subject.person_id is not None
        keys = query_keys(entity)
        if not keys:
            return False
        if self._persons is None:
            self._persons = PersonIndexFiles(self.store, self.person_index_dir).open()
        hits = self._persons.search(keys, limit=10)
        if not hits:
            return False
        persons = session.scalars(
            select(PersonRow).where(PersonRow.id.in_([h for h, _ in hits]))
        ).all()
        scored = sorted(
            (
                (self.algorithm.compare(person_entity(p), entity).score, p.id, person_entity(p))
                for p in persons
            ),
            key=lambda item: (-item[0], item[1]),
        )
        if not scored or scored[0][0] < AUTO_LINK_SCORE or not identified(scored[0][2], entity):
            return False
        score, person_id, _ = scored[0]
        taken = session.scalar(select(SubjectRow.id).where(SubjectRow.person_id == person_id))
        if taken is not None:
            return False  # already a subject of its own: an analyst links the two
        subject.person_id, subject.person_link, subject.person_score = person_id, "auto", score
        audit.record(
            session,
            actor=self.actor,
            action="subject.resolve",
            object_type="subject",
            object_id=subject.id,
            after={"person_id": person_id, "score": round(score, 6), "link": "auto"},
        )
        return True
