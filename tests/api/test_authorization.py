"""Who may call what: every route of the app x every role, no key and a revoked key.

`ROUTES` is the one table: (method, path, permission or None for a public route, the
success status, a valid minimal request). The app's routes are enumerated, so a route
added without an entry here fails the test. A role holding the permission gets the
success status, one without gets 403, no key or a revoked key 401; public routes answer
everyone.

Also here: the access log names nothing about a person.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

from tests.api.conftest import Api
from tests.conftest import FIXTURES
from watchline.access import Permission, Role, allowed

SAEED = {
    "schema": "Person",
    "properties": {"name": ["Hafiz Muhammad Saeed"], "birthDate": ["1950-06-05"]},
}
TINY_LIST = b'{"id": "t-1", "schema": "Person", "properties": {"name": ["Matrix Testperson"]}}\n'
RECON_QUERY = json.dumps({"q0": {"query": "Hafiz Muhammad Saeed", "type": "Person"}})


@dataclass
class Setup:
    """What the success requests act on, made before the matrix runs."""

    alert_for: dict[str, int]  # role -> an open alert that role may decide
    case_id: int
    person_id: int
    key_id: str


Request = Callable[[Setup, str], dict[str, Any]]


def get(url: str, **params: Any) -> Request:
    return lambda s, role: {"url": url, "params": params}


def body(url: str, **kwargs: Any) -> Request:
    return lambda s, role: {"url": url} | kwargs


P = Permission
PUBLIC = None
ROUTES: list[tuple[str, str, Permission | None, int, Request]] = [
    # documentation and health: no key
    ("GET", "/openapi.json", PUBLIC, 200, get("/openapi.json")),
    ("GET", "/docs", PUBLIC, 200, get("/docs")),
    ("GET", "/docs/oauth2-redirect", PUBLIC, 200, get("/docs/oauth2-redirect")),
    ("GET", "/redoc", PUBLIC, 200, get("/redoc")),
    ("GET", "/healthz", PUBLIC, 200, get("/healthz")),
    ("GET", "/readyz", PUBLIC, 200, get("/readyz")),
    # matching (yente)
    ("POST", "/match/{dataset}", P.SCREEN, 200,
     body("/match/default", json={"queries": {"q": SAEED}})),
    ("GET", "/search/{dataset}", P.SCREEN, 200, get("/search/default", q="Saeed")),
    ("GET", "/entities/{entity_id}", P.SCREEN, 200, get("/entities/un-2833107")),
    ("GET", "/catalog", P.SCREEN, 200, get("/catalog")),
    ("GET", "/algorithms", P.SCREEN, 200, get("/algorithms")),
    # reconciliation (OpenRefine)
    ("GET", "/reconcile/{dataset}", P.SCREEN, 200, get("/reconcile/default")),
    ("POST", "/reconcile/{dataset}", P.SCREEN, 200,
     body("/reconcile/default", data={"queries": RECON_QUERY})),
    ("GET", "/reconcile/{dataset}/suggest/entity", P.SCREEN, 200,
     get("/reconcile/default/suggest/entity", prefix="Saeed")),
    ("GET", "/reconcile/{dataset}/suggest/type", P.SCREEN, 200,
     get("/reconcile/default/suggest/type", prefix="Per")),
    ("GET", "/reconcile/{dataset}/suggest/property", P.SCREEN, 200,
     get("/reconcile/default/suggest/property", prefix="birth")),
    ("GET", "/reconcile/{dataset}/preview", P.SCREEN, 200,
     get("/reconcile/default/preview", id="un-2833107")),
    # encounters, persons, alerts
    ("POST", "/encounters", P.SCREEN, 201,
     lambda s, role: {"url": "/encounters", "json": {
         "schema": "Person", "properties": {"name": ["Matrix Traveller"]},
         "external_ref": f"matrix-{role}"}}),
    ("GET", "/encounters", P.READ, 200, get("/encounters")),
    ("GET", "/persons/search", P.READ, 200, get("/persons/search", name="Hafiz Saeed")),
    ("GET", "/persons/{person_id}", P.READ, 200,
     lambda s, role: {"url": f"/persons/{s.person_id}"}),
    ("GET", "/alerts", P.READ, 200, get("/alerts", state="open")),
    ("GET", "/alerts/{alert_id}", P.READ, 200,
     lambda s, role: {"url": f"/alerts/{s.alert_for['analyst']}"}),
    ("POST", "/alerts/{alert_id}/decisions", P.DECIDE, 200,
     lambda s, role: {"url": f"/alerts/{s.alert_for.get(role, 1)}/decisions",
                      "json": {"decision": "escalate", "reason": "matrix"}}),
    # subjects
    ("GET", "/cases", P.READ, 200, get("/cases")),
    ("GET", "/cases/{case_id}", P.READ, 200, lambda s, role: {"url": f"/cases/{s.case_id}"}),
    ("PATCH", "/cases/{case_id}", P.UPDATE_CASES, 200,
     lambda s, role: {"url": f"/cases/{s.case_id}", "json": {"note": f"seen by {role}"}}),
    ("POST", "/networks/{name}", P.DESIGNATE, 201,
     body("/networks/matrix", params={"format": "csv"},
          content=(FIXTURES / "network.csv").read_bytes())),
    ("POST", "/designations", P.DESIGNATE, 200,
     body("/designations", json={"network": "karvon", "from": "f2", "hops": 1})),
    ("GET", "/reports", P.READ, 200, get("/reports")),
    # lists
    ("GET", "/lists", P.READ, 200, get("/lists")),
    ("GET", "/lists/{name}", P.READ, 200, get("/lists/un")),
    ("POST", "/lists/{name}", P.WRITE_LISTS, 201,
     body("/lists/tiny", params={"format": "ftm"}, content=TINY_LIST)),
    ("POST", "/lists/{name}/updates", P.WRITE_LISTS, 200,
     body("/lists/tiny/updates", params={"version": "20240101000000-x"}, content=b"")),
    # audit
    ("GET", "/audit/verify", P.AUDIT, 200, get("/audit/verify")),
    ("GET", "/audit/export", P.AUDIT, 200, get("/audit/export")),
    # users and keys
    ("GET", "/users", P.USERS, 200, get("/users")),
    ("POST", "/users", P.USERS, 201,
     body("/users", json={"name": "matrix-new", "role": "screener"})),
    ("DELETE", "/users/{name}", P.USERS, 204, body("/users/doomed")),
    ("POST", "/users/{name}/keys", P.USERS, 201, body("/users/analyst-user/keys")),
    ("DELETE", "/keys/{key_id}", P.USERS, 204, lambda s, role: {"url": f"/keys/{s.key_id}"}),
]  # fmt: skip
PRINCIPALS = [*(r.value for r in Role), "none", "revoked"]


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route, included routers' routes too (HEAD aside)."""
    found: set[tuple[str, str]] = set()

    def walk(routes: Iterable[Any], prefix: str) -> None:
        for route in routes:
            original = getattr(route, "original_router", None)
            if original is not None:  # FastAPI keeps an included router as one node
                walk(original.routes, prefix + route.include_context.prefix)
                continue
            found.update(
                (method, prefix + route.path) for method in route.methods if method != "HEAD"
            )

    walk(app.routes, "")
    return found


def expected(permission: Permission | None, ok: int, principal: str) -> int:
    if permission is None:
        return ok
    if principal in ("none", "revoked"):
        return 401
    return ok if allowed(Role(principal), permission) else 403


def prepare(api: Api) -> Setup:
    supervisor = api.as_role("supervisor")
    stored = api.client.post(
        "/encounters", json=SAEED | {"external_ref": "setup-1"}, headers=api.as_role("screener")
    ).json()
    by_list = {a["list"]: a["id"] for a in stored["alerts"]}
    network = api.client.post(
        "/networks/karvon",
        params={"format": "csv"},
        content=(FIXTURES / "network.csv").read_bytes(),
        headers=supervisor,
    )
    assert network.status_code == 201, network.text
    designated = api.client.post(
        "/designations", json={"network": "karvon", "from": "f1", "hops": 1}, headers=supervisor
    )
    assert designated.status_code == 200, designated.text
    cases = api.client.get("/cases", headers=supervisor).json()["results"]
    admin = api.as_role("admin")
    for name in ("doomed", "keyholder"):
        api.client.post("/users", json={"name": name, "role": "screener"}, headers=admin)
    key_id = api.client.post("/users/keyholder/keys", headers=admin).json()["key_id"]
    return Setup(
        alert_for={"analyst": by_list["un"], "supervisor": by_list["ofac"]},
        case_id=cases[0]["id"],
        person_id=stored["person_id"],
        key_id=key_id,
    )


def test_every_route_is_in_the_table(api: Api) -> None:
    table = {(method, path) for method, path, *_ in ROUTES}
    missing = sorted(app_routes(api.app) - table)
    assert not missing, f"routes without an authorisation entry in ROUTES: {missing}"
    assert len(table) == len(ROUTES), "a route appears twice in ROUTES"


def test_authorisation_matrix(api: Api) -> None:
    setup = prepare(api)
    present = app_routes(api.app)
    wrong = []
    for method, path, permission, ok, request in ROUTES:
        if (method, path) not in present:
            continue  # an entry for a route this app does not have (yet)
        for principal in PRINCIPALS:
            spec = request(setup, principal)
            headers = {} if principal == "none" else api.as_role(principal)
            r = api.client.request(method, headers=headers, **spec)
            want = expected(permission, ok, principal)
            if r.status_code != want:
                wrong.append(
                    f"{method} {path} as {principal}: {r.status_code} != {want} {r.text[:200]}"
                )
            elif want in (401, 403):
                assert r.json()["detail"], (method, path, principal)
    assert not wrong, "\n".join(wrong)


# -- the access log ------------------------------------------------------------------------
class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def person_requests(api: Api) -> list[tuple[str, str, dict[str, Any]]]:
    screener, analyst = api.as_role("screener"), api.as_role("analyst")
    return [
        ("POST", "/match/default", {"json": {"queries": {"q": SAEED}}, "headers": screener}),
        ("GET", "/search/default", {"params": {"q": "Hafiz Muhammad Saeed"}, "headers": screener}),
        (
            "POST",
            "/encounters",
            {"json": SAEED | {"external_ref": "log-1"}, "headers": screener},
        ),
        (
            "GET",
            "/persons/search",
            {
                "params": {"name": "Hafiz Muhammad Saeed", "birth_date": "1950-06-05"},
                "headers": analyst,
            },
        ),
        ("GET", "/persons/1", {"headers": analyst}),
        ("GET", "/entities/un-2833107", {"headers": screener}),
    ]


def captured_access_log(api: Api) -> list[str]:
    logger = logging.getLogger("watchline.access")
    handler = Captured()
    logger.addHandler(handler)
    try:
        for method, url, kwargs in person_requests(api):
            r = api.client.request(method, url, **kwargs)
            assert r.status_code < 300, (url, r.text)
    finally:
        logger.removeHandler(handler)
    return handler.lines


def test_access_log_names_no_person(api: Api) -> None:
    lines = captured_access_log(api)
    assert len(lines) == len(person_requests(api))
    text = re.sub(r"\d+\.\dms", "", "\n".join(lines)).lower()  # durations aside
    for needle in ("hafiz", "saeed", "سعيد", "1950", "06-05", "un-2833107", "q=", "%20", "/1 "):
        assert needle not in text, (needle, lines)
    assert all(re.search(r"key=[0-9a-f]{12}$", line) for line in lines), lines


def test_access_log_names_the_route_template(api: Api) -> None:
    lines = captured_access_log(api)
    assert [line.split(" ")[:3] for line in lines] == [
        ["POST", "/match/{dataset}", "200"],
        ["GET", "/search/{dataset}", "200"],
        ["POST", "/encounters", "201"],
        ["GET", "/persons/search", "200"],
        ["GET", "/persons/{person_id}", "200"],
        ["GET", "/entities/{entity_id}", "200"],
    ]
