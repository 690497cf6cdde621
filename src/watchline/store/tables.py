"""Table definitions. Alembic migrations in `migrations/` must match these (a test checks).

Vetting tables (person, encounter, alert, decision, vet_run, vet_state) hold everyone
ever screened and what was decided about them; `audit_event` is the append-only,
hash-chained record of every change (see `store/audit.py`).

List entities are stored temporally: a row is valid from `first_version` up to, not
including, `last_version` (NULL while current). A new list version only writes what
changed, every earlier version stays queryable, and the rows a version added, changed
or removed are exactly what continuous re-vetting needs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class WatchlistRow(Base):
    __tablename__ = "watchlist"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    format: Mapped[str] = mapped_column(String(20))
    #: "list" (a watchlist) or "network" (people and the links between them).
    kind: Mapped[str] = mapped_column(String(20), default="list", server_default="list")
    source_url: Mapped[str | None] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ListVersionRow(Base):
    __tablename__ = "list_version"
    __table_args__ = (UniqueConstraint("list_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    #: Upstream's own version id where it has one (delta id, UN dateGenerated), else a digest.
    label: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)


class ListEntityRow(Base):
    __tablename__ = "list_entity"
    __table_args__ = (
        Index("ix_list_entity_current", "list_id", "entity_id", "last_version"),
        Index("ix_list_entity_versions", "list_id", "first_version", "last_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    entity_id: Mapped[str] = mapped_column(String(200))
    source_id: Mapped[str | None] = mapped_column(String(200))
    schema: Mapped[str] = mapped_column(String(40))
    caption: Mapped[str] = mapped_column(Text)
    properties: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(40))
    first_version: Mapped[int] = mapped_column(Integer)
    last_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class FetchStateRow(Base):
    """What a conditional GET needs to ask "changed since?" for each fetched URL."""

    __tablename__ = "fetch_state"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("watchlist.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CounterRow(Base):
    """Named counters whose row is locked while incremented, so values follow commit order."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class PersonRow(Base):
    """Someone screened at least once: the merged record that continuous vetting re-screens.

    `revision` rises (from the `person_revision` counter) whenever the record changes, so
    the person index can be brought up to date with exactly the persons changed since.
    """

    __tablename__ = "person"
    __table_args__ = (Index("ix_person_revision", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: How encounters are resolved to this person: `ref:`, `doc:` or `enc:` (see services).
    person_key: Mapped[str] = mapped_column(String(300), unique=True)
    schema: Mapped[str] = mapped_column(String(40))
    caption: Mapped[str] = mapped_column(Text)
    properties: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(BigInteger)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    encounters: Mapped[int] = mapped_column(Integer, default=0)


class EncounterRow(Base):
    """One screening event: who presented, when, where, and what the lists said then."""

    __tablename__ = "encounter"
    __table_args__ = (
        UniqueConstraint("source_system", "external_ref"),
        Index("ix_encounter_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    source_system: Mapped[str] = mapped_column(String(100))
    external_ref: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(200))
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    properties: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    matcher: Mapped[str] = mapped_column(String(50))
    #: {list name: version number} screened against.
    list_versions: Mapped[dict[str, int]] = mapped_column(JSON)
    top_score: Mapped[float | None] = mapped_column(Float)
    alerts_raised: Mapped[int] = mapped_column(Integer, default=0)


class AlertRow(Base):
    """A (person, list entity) pair that scored at or above the threshold.

    One live alert per pair: a re-raise after a closed decision is the next `generation`
    of the pair, linked to the alert it follows. `row_version` is the optimistic lock.
    """

    __tablename__ = "alert"
    __table_args__ = (
        UniqueConstraint("person_id", "list_id", "entity_id", "generation"),
        Index("ix_alert_state", "state"),
        Index("ix_alert_entity", "list_id", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id"))
    entity_id: Mapped[str] = mapped_column(String(200))
    generation: Mapped[int] = mapped_column(Integer, default=1)
    latest: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    matcher: Mapped[str] = mapped_column(String(50))
    explanation: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text)
    list_version: Mapped[int] = mapped_column(Integer)
    entity_hash: Mapped[str] = mapped_column(String(40))
    person_hash: Mapped[str] = mapped_column(String(40))
    #: "encounter" (screened at entry) or "vetting" (a list update found them again).
    cause: Mapped[str] = mapped_column(String(20))
    encounter_id: Mapped[int | None] = mapped_column(ForeignKey("encounter.id"))
    vet_run_id: Mapped[int | None] = mapped_column(ForeignKey("vet_run.id"))
    previous_alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"))
    #: The analyst who proposed "confirmed match"; a different one must approve.
    proposed_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class DecisionRow(Base):
    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_alert", "alert_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"))
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class VetRunRow(Base):
    """One re-vetting of everyone screened against a list's changes (from, to].

    `cursor` is the last list row processed; it is committed with the alerts of each
    batch, so a killed run resumes where it stopped and raises nothing twice.
    """

    __tablename__ = "vet_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    from_version: Mapped[int] = mapped_column(Integer)
    to_version: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    entities: Mapped[int] = mapped_column(Integer, default=0)
    entities_done: Mapped[int] = mapped_column(Integer, default=0)
    persons_compared: Mapped[int] = mapped_column(Integer, default=0)
    alerts_raised: Mapped[int] = mapped_column(Integer, default=0)
    alerts_closed: Mapped[int] = mapped_column(Integer, default=0)


class VetStateRow(Base):
    """Per list: the version everyone screened has been vetted against."""

    __tablename__ = "vet_state"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("watchlist.id", ondelete="CASCADE"), primary_key=True
    )
    vetted_version: Mapped[int] = mapped_column(Integer)


class AuditEventRow(Base):
    """Append-only and hash-chained: `hash` covers `prev_hash` and the stored `payload` text.

    The payload is kept as the exact canonical JSON text that was hashed, so verification
    does not depend on how a database round-trips JSON, floats or timestamps.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SubjectRow(Base):
    """A subject of concern: a network person (`list_id`, `entity_id`) or a screened person.

    Never deleted: a subject whose every designation was lifted is inactive, with the
    reason, and comes back if designated again.
    """

    __tablename__ = "subject"
    __table_args__ = (UniqueConstraint("list_id", "entity_id"), UniqueConstraint("person_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("watchlist.id"))
    entity_id: Mapped[str | None] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: How the person was resolved: "auto" (score at or above the auto-link score) or
    #: "alert N" (an analyst-confirmed alert); NULL while unresolved.
    person_link: Mapped[str | None] = mapped_column(String(50))
    person_score: Mapped[float | None] = mapped_column(Float)
    caption: Mapped[str] = mapped_column(Text)
    nationality: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    designated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lift_reason: Mapped[str | None] = mapped_column(Text)


class DesignationRow(Base):
    """One ground for a designation: a network path from an origin, or a confirmed alert.

    `ground` names it ("network:<list>:<origin>:<hops>" or "alert:<id>"), so re-running
    the same designation finds its rows; a ground that no longer holds is lifted, with
    the reason, and its row kept.
    """

    __tablename__ = "designation"
    __table_args__ = (UniqueConstraint("subject_id", "ground"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"))
    ground: Mapped[str] = mapped_column(String(300))
    #: [{"entity_id", "caption", "schema", "via"}, ...] from the origin to the subject.
    path: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    hops: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lift_reason: Mapped[str | None] = mapped_column(Text)


class CaseRow(Base):
    """What is known and done about one subject; every change is a `case_event`."""

    __tablename__ = "case_file"
    __table_args__ = (Index("ix_case_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), unique=True)
    status: Mapped[str] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(10))
    state: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    office: Mapped[str | None] = mapped_column(String(100))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    priority_reasons: Mapped[list[str]] = mapped_column(JSON)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class CaseEventRow(Base):
    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case", "case_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    #: When it happened (a field report's date), which may be before it was recorded.
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    #: {field: [before, after]} for every field the event changed.
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON)


class UserRow(Base):
    """Someone (or some system) that calls the HTTP API, with one role."""

    __tablename__ = "api_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiKeyRow(Base):
    """An API key: the public `key_id` finds it, only a SHA-256 of the secret is kept."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("api_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
