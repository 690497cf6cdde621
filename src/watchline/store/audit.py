"""The audit log: append-only records of every load, screening, alert and decision.

Each record's hash covers the previous record's hash and the record's own canonical
JSON, and record ids are gapless (taken from the `audit` counter, whose row is locked
while a record is appended, so concurrent writers cannot fork the chain). `verify`
therefore detects an edited record (its hash no longer matches), a deleted one (a gap,
or a broken link) and a removed tail (the counter is ahead of the last record).

What it cannot detect is someone who rewrites the whole chain from some point on and
the counter with it; `export` prints the head hash so it can be anchored elsewhere
(a ticket, a signed e-mail) for that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchline.store.counters import next_value, peek_value
from watchline.store.db import Store
from watchline.store.tables import AuditEventRow

GENESIS = "0" * 64
BATCH = 5000


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _hash(prev_hash: str, event_id: int, payload: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{event_id}\n{payload}".encode()).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: object,
    before: Any = None,
    after: Any = None,
) -> int:
    """Append one record inside the caller's transaction (it commits or rolls back with it)."""
    event_id = next_value(session, "audit")
    prev = (
        session.scalar(select(AuditEventRow.hash).where(AuditEventRow.id == event_id - 1))
        if event_id > 1
        else GENESIS
    )
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    payload = _canonical(
        {
            "at": at,
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "before": before,
            "after": after,
        }
    )
    session.add(
        AuditEventRow(
            id=event_id,
            at=at,
            actor=actor[:100],
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:200],
            payload=payload,
            prev_hash=prev or GENESIS,
            hash=_hash(prev or GENESIS, event_id, payload),
        )
    )
    session.flush()
    return event_id


@dataclass(frozen=True)
class AuditReport:
    records: int
    head: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "head": self.head,
            "problems": self.problems,
        }


def _rows(store: Store) -> Iterator[AuditEventRow]:
    with store.session() as session:
        query = select(AuditEventRow).order_by(AuditEventRow.id).execution_options(yield_per=BATCH)
        yield from session.scalars(query)


def verify(store: Store, *, max_problems: int = 50) -> AuditReport:
    """Walk the whole chain; every broken link, gap or edited record is a problem."""
    problems: list[str] = []
    expected_id, prev, count = 1, GENESIS, 0
    for row in _rows(store):
        count += 1
        if row.id != expected_id:
            problems.append(f"records {expected_id} to {row.id - 1} are missing")
        elif row.prev_hash != prev:
            problems.append(f"record {row.id} does not follow record {row.id - 1} (chain broken)")
        if _hash(row.prev_hash, row.id, row.payload) != row.hash:
            problems.append(f"record {row.id} was edited (hash does not match its content)")
        else:
            try:
                fields = json.loads(row.payload)
            except ValueError:
                fields = {}
            columns = {
                "at": row.at,
                "actor": row.actor[:100],
                "action": row.action,
                "object_type": row.object_type,
                "object_id": row.object_id,
            }
            if any(str(fields.get(k, ""))[: len(v)] != v for k, v in columns.items()):
                problems.append(f"record {row.id} was edited (columns differ from its content)")
        prev, expected_id = row.hash, row.id + 1
        if len(problems) >= max_problems:
            break
    with store.session() as session:
        appended = peek_value(session, "audit")
    if appended > expected_id - 1 and len(problems) < max_problems:
        problems.append(f"records {expected_id} to {appended} were deleted from the end")
    return AuditReport(records=count, head=prev, problems=problems)


def export(store: Store) -> Iterator[dict[str, Any]]:
    """Every record as stored, with its hashes, oldest first (JSON lines for archiving)."""
    for row in _rows(store):
        data = json.loads(row.payload)
        data.update(id=row.id, prev_hash=row.prev_hash, hash=row.hash)
        yield data
