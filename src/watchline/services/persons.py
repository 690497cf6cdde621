"""Find people among everyone ever screened ("a partner names someone: did we see him?").

The same person index and the same scoring direction as continuous vetting (person as
query, the notice as candidate), so a search answers exactly what re-vetting would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from watchline.errors import InputError, NotFoundError
from watchline.index.keys import query_keys
from watchline.match import get_algorithm
from watchline.match.types import MatchResult
from watchline.model import Entity
from watchline.store.db import Store
from watchline.store.index_files import Notify
from watchline.store.person_index import PersonIndexFiles
from watchline.store.persons import encounter_summary, person_entity
from watchline.store.tables import EncounterRow, PersonRow


@dataclass(frozen=True)
class PersonMatch:
    person_id: int
    person_key: str
    caption: str
    encounters: int
    result: MatchResult

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "person_key": self.person_key,
            "caption": self.caption,
            "encounters": self.encounters,
            "score": self.result.score,
            "match": self.result.match,
            "summary": self.result.summary(),
            "explanation": self.result.explanation(),
        }


def search_persons(
    store: Store,
    notice: Entity,
    *,
    index_dir: Path,
    limit: int = 10,
    candidates: int = 30,
    algorithm: str | None = None,
    notify: Notify | None = None,
) -> list[PersonMatch]:
    keys = query_keys(notice)
    if not keys:
        raise InputError("the name has no usable part to search for", location="--name")
    index = PersonIndexFiles(store, index_dir, notify=notify).open()
    hits = index.search(keys, limit=candidates)
    if not hits:
        return []
    with store.session() as session:
        rows = session.scalars(select(PersonRow).where(PersonRow.id.in_([i for i, _ in hits])))
        persons = list(rows)
    scorer = get_algorithm(algorithm)
    found = [
        PersonMatch(
            p.id, p.person_key, p.caption, p.encounters, scorer.compare(person_entity(p), notice)
        )
        for p in persons
        if person_entity(p).ftm_schema.can_match(notice.ftm_schema)
    ]
    found.sort(key=lambda m: (-m.result.score, m.person_id))
    return found[:limit]


def person_details(store: Store, person_id: int) -> dict[str, Any]:
    """A person's merged record and every encounter, oldest first."""
    with store.session() as session:
        person = session.get(PersonRow, person_id)
        if person is None:
            raise NotFoundError(f"no person {person_id}")
        encounters = session.scalars(
            select(EncounterRow)
            .where(EncounterRow.person_id == person_id)
            .order_by(EncounterRow.id)
        )
        return {
            "id": person.id,
            "person_key": person.person_key,
            "caption": person.caption,
            "schema": person.schema,
            "properties": person.properties,
            "revision": person.revision,
            "first_seen": person.first_seen.isoformat(),
            "last_seen": person.last_seen.isoformat(),
            "encounters": [encounter_summary(e) for e in encounters],
        }
