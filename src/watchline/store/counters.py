"""Named counters, incremented under a row lock so that values follow commit order.

Used for audit record ids (gapless: a rolled-back transaction rolls its value back
too) and person revisions (the person index picks up "everything after revision R").
On PostgreSQL the counter row is locked with SELECT ... FOR UPDATE until the
transaction ends; SQLite has one writer at a time anyway.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from watchline.store.tables import CounterRow

#: Created with their table, so no transaction ever has to insert one concurrently.
COUNTERS = ("audit", "person_revision")


def next_value(session: Session, name: str, step: int = 1) -> int:
    """Add `step` and return the new value; the row stays locked until commit."""
    value = session.scalar(
        select(CounterRow.value).where(CounterRow.name == name).with_for_update()
    )
    if value is None:
        raise KeyError(f"counter {name!r} is not in COUNTERS (created by migration 0003)")
    session.execute(update(CounterRow).where(CounterRow.name == name).values(value=value + step))
    return int(value + step)


def peek_value(session: Session, name: str) -> int:
    return int(session.scalar(select(CounterRow.value).where(CounterRow.name == name)) or 0)
