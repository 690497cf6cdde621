"""The audit log's hash chain catches edited, deleted and truncated records."""

from __future__ import annotations

import itertools

from sqlalchemy import delete, update

from watchline.store import Store, audit
from watchline.store.tables import AuditEventRow


def fill(store: Store, count: int = 5) -> None:
    for n in range(count):
        with store.transaction() as session:
            audit.record(
                session,
                actor=f"user{n}",
                action="alert.decide",
                object_type="alert",
                object_id=n,
                before={"state": "open"},
                after={"state": "escalated", "score": 0.1 + n / 3},
            )


def test_intact_chain_verifies_and_exports(store: Store) -> None:
    fill(store)
    report = audit.verify(store)
    assert report.ok and report.records == 5
    exported = list(audit.export(store))
    assert [r["id"] for r in exported] == [1, 2, 3, 4, 5]
    assert exported[0]["prev_hash"] == audit.GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(exported))
    assert exported[-1]["hash"] == report.head and exported[2]["actor"] == "user2"
    assert exported[4]["after"] == {"state": "escalated", "score": 0.1 + 4 / 3}


def test_rolled_back_transaction_leaves_no_gap(store: Store) -> None:
    fill(store, 2)
    try:
        with store.transaction() as session:
            audit.record(session, actor="x", action="a", object_type="t", object_id=1)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    fill(store, 1)
    assert audit.verify(store).ok and audit.verify(store).records == 3


def test_edited_payload_is_detected(store: Store) -> None:
    fill(store)
    with store.transaction() as session:
        session.execute(
            update(AuditEventRow)
            .where(AuditEventRow.id == 3)
            .values(payload=AuditEventRow.payload + " ")
        )
    report = audit.verify(store)
    assert not report.ok and report.problems == [
        "record 3 was edited (hash does not match its content)"
    ]


def test_edited_column_is_detected(store: Store) -> None:
    fill(store)
    with store.transaction() as session:
        session.execute(update(AuditEventRow).where(AuditEventRow.id == 2).values(actor="mallory"))
    assert audit.verify(store).problems == ["record 2 was edited (columns differ from its content)"]


def test_deleted_record_is_detected(store: Store) -> None:
    fill(store)
    with store.transaction() as session:
        session.execute(delete(AuditEventRow).where(AuditEventRow.id == 2))
    assert audit.verify(store).problems == ["records 2 to 2 are missing"]


def test_rehashed_record_breaks_the_next_link(store: Store) -> None:
    fill(store)
    with store.transaction() as session:
        row = session.get(AuditEventRow, 2)
        assert row is not None
        row.payload = row.payload.replace("user1", "userX")
        row.actor = "userX"
        row.hash = audit._hash(row.prev_hash, row.id, row.payload)
    assert audit.verify(store).problems == ["record 3 does not follow record 2 (chain broken)"]


def test_truncated_tail_is_detected(store: Store) -> None:
    fill(store)
    with store.transaction() as session:
        session.execute(delete(AuditEventRow).where(AuditEventRow.id >= 4))
    assert audit.verify(store).problems == ["records 4 to 5 were deleted from the end"]
