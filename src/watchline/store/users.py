"""API users and keys. A key is `wl_<key id>_<secret>`; the store keeps the key id and a
SHA-256 of the secret only, so a leaked database does not leak usable keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from watchline.access import Role
from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.store import audit
from watchline.store.db import Store
from watchline.store.tables import ApiKeyRow, UserRow

PREFIX = "wl"


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: enough to authorise and to name in the audit log, nothing more."""

    user: str
    role: Role
    key_id: str


class UserRepository:
    def __init__(self, store: Store, *, actor: str = "watchline") -> None:
        self.store = store
        self.actor = actor

    def add(self, name: str, role: Role) -> dict[str, Any]:
        name = name.strip()
        if not name or len(name) > 100:
            raise InputError("a user name of 1 to 100 characters is needed", location="name")
        with self.store.transaction() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name))
            if row is not None and row.active:
                raise ConflictError(f"user {name!r} exists (role {row.role})")
            if row is None:
                row = UserRow(name=name, role=role.value, active=True, created_at=_now())
                session.add(row)
            else:
                row.role, row.active, row.removed_at = role.value, True, None
            session.flush()
            audit.record(
                session,
                actor=self.actor,
                action="user.add",
                object_type="user",
                object_id=name,
                after={"role": role.value},
            )
            return {"name": name, "role": role.value}

    def remove(self, name: str) -> None:
        """Deactivate the user and revoke every key (kept on record)."""
        with self.store.transaction() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name, UserRow.active))
            if row is None:
                raise NotFoundError(f"no active user {name!r}")
            row.active, row.removed_at = False, _now()
            for key in session.scalars(
                select(ApiKeyRow).where(ApiKeyRow.user_id == row.id, ApiKeyRow.revoked_at.is_(None))
            ):
                key.revoked_at = _now()
            audit.record(
                session, actor=self.actor, action="user.remove", object_type="user", object_id=name
            )

    def issue(self, name: str, *, expires_at: datetime | None = None) -> str:
        """A new key for the user; the only time the secret is ever shown."""
        with self.store.transaction() as session:
            user = session.scalar(select(UserRow).where(UserRow.name == name, UserRow.active))
            if user is None:
                raise NotFoundError(f"no active user {name!r}; add it with `users add`")
            key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(24)
            session.add(
                ApiKeyRow(
                    key_id=key_id,
                    secret_hash=_hash(secret),
                    user_id=user.id,
                    created_at=_now(),
                    expires_at=expires_at,
                )
            )
            audit.record(
                session,
                actor=self.actor,
                action="key.issue",
                object_type="api_key",
                object_id=key_id,
                after={"user": name, "expires_at": expires_at.isoformat() if expires_at else None},
            )
        return f"{PREFIX}_{key_id}_{secret}"

    def revoke(self, key_id: str) -> None:
        key_id = key_id.removeprefix(f"{PREFIX}_").split("_", 1)[0]
        with self.store.transaction() as session:
            key = session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_id == key_id))
            if key is None:
                raise NotFoundError(f"no key {key_id!r}")
            if key.revoked_at is None:
                key.revoked_at = _now()
            audit.record(
                session,
                actor=self.actor,
                action="key.revoke",
                object_type="api_key",
                object_id=key_id,
            )

    def authenticate(self, token: str) -> Principal | None:
        """The key's principal, or None for a malformed, unknown, revoked or expired key."""
        parts = token.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        _, key_id, secret = parts
        with self.store.session() as session:
            found = session.execute(
                select(ApiKeyRow, UserRow)
                .join(UserRow, UserRow.id == ApiKeyRow.user_id)
                .where(ApiKeyRow.key_id == key_id)
            ).first()
        if found is None:
            return None
        key, user = found
        if not hmac.compare_digest(key.secret_hash, _hash(secret)):
            return None
        expires = _aware(key.expires_at)
        if key.revoked_at is not None or not user.active or (expires and expires <= _now()):
            return None
        return Principal(user.name, Role(user.role), key.key_id)

    def list(self) -> list[dict[str, Any]]:
        with self.store.session() as session:
            users = session.scalars(select(UserRow).order_by(UserRow.name)).all()
            keys = session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id)).all()
        by_user: dict[int, list[dict[str, Any]]] = {}
        for key in keys:
            by_user.setdefault(key.user_id, []).append(
                {
                    "key_id": key.key_id,
                    "created_at": _aware(key.created_at).isoformat(),  # type: ignore[union-attr]
                    "revoked": key.revoked_at is not None,
                }
            )
        return [
            {"name": u.name, "role": u.role, "active": u.active, "keys": by_user.get(u.id, [])}
            for u in users
        ]
