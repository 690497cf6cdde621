"""Two analysts deciding the same alert at the same moment: exactly one wins.

Two real client processes, each with its own database connection, meet at a barrier
before every decision and then decide the same alert; the optimistic lock must let one
through and give the other a ConflictError, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from watchline.lists.encounters import EncounterRecord
from watchline.match.types import MatchResult
from watchline.model import Entity
from watchline.services.lists import load_list
from watchline.store import Store, open_store
from watchline.store.alerts import AlertRepository, Raise, raise_alert
from watchline.store.lists import ListRepository
from watchline.store.persons import upsert_person
from watchline.store.tables import AlertRow, DecisionRow
from watchline.workflow import Action

from ..conftest import FIXTURES

ROUNDS = 12


def make_alerts(store: Store, count: int) -> list[int]:
    load_list(store, "csv", FIXTURES / "agency_list.csv", "agency")
    candidate = next(ListRepository(store).entities("agency"))
    ids = []
    with store.transaction() as session:
        for n in range(count):
            record = EncounterRecord(
                entity=Entity("Person", f"e{n}", {"name": [f"Person {n}"]}),
                source_system="test",
                external_ref=f"e{n}",
                person_ref=f"P{n}",
                agency=None,
                location=None,
                occurred_at=None,
                line=n,
            )
            person = upsert_person(session, record, candidate_time())
            alert = raise_alert(
                session,
                person=person.row,
                candidate=candidate,
                list_id=1,
                list_version=1,
                result=MatchResult(score=0.9, match=True, algorithm="test"),
                why=Raise(cause="encounter", actor="test"),
            )
            assert alert is not None
            ids.append(alert.id)
    return ids


def candidate_time() -> Any:
    from datetime import UTC, datetime

    return datetime(2024, 1, 1, tzinfo=UTC)


def analyst(url: str, user: str, action: str, ids: list[int], barrier: Any, out: Any) -> None:
    store = open_store(url, migrate=False)
    repo = AlertRepository(store)
    for alert_id in ids:
        barrier.wait()
        try:
            repo.decide(
                alert_id,
                Action(action),
                reason=f"{user} says {action}",
                user=user,
                expected_version=1,
            )
            out.put((alert_id, user, "won"))
        except Exception as exc:  # reported to the test, which checks the type
            out.put((alert_id, user, type(exc).__name__))
    store.close()


def test_concurrent_decisions_one_wins(store: Store, store_url: str, tmp_path: Path) -> None:
    ids = make_alerts(store, ROUNDS)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    out = context.Queue()
    clients = [
        context.Process(
            target=analyst, args=(store_url, "ana", "false-positive", ids, barrier, out)
        ),
        context.Process(target=analyst, args=(store_url, "ben", "escalate", ids, barrier, out)),
    ]
    for client in clients:
        client.start()
    results = [out.get(timeout=120) for _ in range(2 * ROUNDS)]
    for client in clients:
        client.join(timeout=60)
        assert client.exitcode == 0
    by_alert: dict[int, list[str]] = {}
    for alert_id, _user, outcome in results:
        by_alert.setdefault(alert_id, []).append(outcome)
    for alert_id in ids:
        assert sorted(by_alert[alert_id]) == ["ConflictError", "won"], by_alert[alert_id]
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DecisionRow)) == ROUNDS
        versions = session.scalars(select(AlertRow.row_version)).all()
    assert set(versions) == {2}
