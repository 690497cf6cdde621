"""Roles and what each may do (pure rules; the API checks them on every route).

screener    screen: match, search, entities, reconcile, record encounters
analyst     screen, read everything operational, decide alerts (and propose a
            match), update cases
supervisor  what an analyst may, plus approve a proposed match (the second pair of
            eyes), designate, import networks, load and update lists
auditor     read everything, verify and export the audit log; change nothing
admin       manage users and keys; nothing about persons
"""

from __future__ import annotations

from enum import StrEnum

from watchline.errors import InputError


class Role(StrEnum):
    SCREENER = "screener"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Permission(StrEnum):
    SCREEN = "screen"
    READ = "read"
    DECIDE = "decide"
    APPROVE = "approve"
    UPDATE_CASES = "update-cases"
    DESIGNATE = "designate"
    WRITE_LISTS = "write-lists"
    AUDIT = "audit"
    USERS = "users"


P = Permission
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.SCREENER: frozenset({P.SCREEN}),
    Role.ANALYST: frozenset({P.SCREEN, P.READ, P.DECIDE, P.UPDATE_CASES}),
    Role.SUPERVISOR: frozenset(
        {P.SCREEN, P.READ, P.DECIDE, P.APPROVE, P.UPDATE_CASES, P.DESIGNATE, P.WRITE_LISTS}
    ),
    Role.AUDITOR: frozenset({P.READ, P.AUDIT}),
    Role.ADMIN: frozenset({P.USERS}),
}


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(
            f"unknown role {value!r}; use one of: {', '.join(Role)}", location="--role"
        ) from None


def allowed(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]
