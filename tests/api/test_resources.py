"""The resource endpoints on the real lists: encounters, persons, alerts (four-eyes,
If-Match), cases, networks, designations, reports, list uploads with re-vetting, the
audit log, users and keys; and bad input answered with a 4xx JSON body, never a 500."""

from __future__ import annotations

import json
from typing import Any

from httpx import Response

from tests.api.conftest import Api
from tests.conftest import DELTA_DIR, FIXTURES

SAEED = {
    "schema": "Person",
    "properties": {"name": ["Hafiz Muhammad Saeed"], "birthDate": ["1950-06-05"]},
    "external_ref": "LAX-1",
    "source_system": "border",
    "occurred_at": "2024-05-27T14:05:00Z",
    "location": "LAX",
    "agency": "CBP",
}


def encounter(ref: str, name: str, birth_date: str, **extra: Any) -> dict[str, Any]:
    properties = {"name": [name], "birthDate": [birth_date]} | extra
    return {"schema": "Person", "properties": properties, "external_ref": ref}


def problem(r: Response, status: int) -> dict[str, Any]:
    """The JSON error body of a refused request (and never a stack trace)."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    assert "Traceback" not in r.text
    body: dict[str, Any] = r.json()
    assert set(body) == {"detail", "error", "location"} and body["detail"]
    return body


def audit_records(api: Api) -> list[dict[str, Any]]:
    r = api.client.get("/audit/export", headers=api.as_role("auditor"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in r.text.splitlines()]


def test_encounter_alerts_and_four_eyes(api: Api) -> None:
    screener, analyst = api.as_role("screener"), api.as_role("analyst")
    supervisor = api.as_role("supervisor")
    r = api.client.post("/encounters", json=SAEED, headers=screener)
    assert r.status_code == 201, r.text
    stored = r.json()
    assert stored["person_created"] and stored["unscreenable"] is None
    assert stored["encounter"]["alerts_raised"] == 2
    assert stored["encounter"]["list_versions"] == {"un": 1, "ofac": 1}
    assert {(a["list"], a["entity_id"], a["state"]) for a in stored["alerts"]} == {
        ("un", "un-2833107", "open"),
        ("ofac", "ofac-10689", "open"),
    }
    person_id = stored["person_id"]
    again = api.client.post("/encounters", json=SAEED, headers=screener)
    assert "already stored" in problem(again, 409)["detail"]

    encounters = api.client.get("/encounters", headers=analyst).json()
    assert (encounters["total"], encounters["limit"], encounters["offset"]) == (1, 100, 0)
    assert encounters["results"][0]["external_ref"] == "LAX-1"
    person = api.client.get(f"/persons/{person_id}", headers=analyst).json()
    assert person["caption"] == "Hafiz Muhammad Saeed" and len(person["encounters"]) == 1
    found = api.client.get(
        "/persons/search",
        params={"name": "حافظ محمد سعيد", "birth_date": "1950-06-05"},
        headers=analyst,
    ).json()
    assert found["results"][0]["person_id"] == person_id

    alerts = api.client.get("/alerts", params={"state": "open"}, headers=analyst).json()
    assert alerts["total"] == 2
    only_un = api.client.get("/alerts", params={"list": "un", "person": person_id}, headers=analyst)
    (un_alert,) = only_un.json()["results"]
    un_id = un_alert["id"]
    (ofac_id,) = [a["id"] for a in alerts["results"] if a["id"] != un_id]
    shown = api.client.get(f"/alerts/{un_id}", headers=analyst)
    assert shown.headers["etag"] == '"1"' and shown.json()["decisions"] == []
    assert shown.json()["entity"]["caption"] == "HAFIZ MUHAMMAD SAEED"

    # Four-eyes: the analyst proposes, may not approve; a supervisor approves.
    url = f"/alerts/{un_id}/decisions"
    proposed = api.client.post(
        url,
        json={"decision": "match", "reason": "photo matches"},
        headers=analyst | {"If-Match": '"1"'},
    )
    assert proposed.status_code == 200, proposed.text
    assert proposed.json()["state"] == "escalated" and proposed.headers["etag"] == '"2"'
    assert proposed.json()["proposed_by"] == "analyst-user"
    same = api.client.post(
        url, json={"decision": "match", "reason": "sure"}, headers=analyst | {"If-Match": '"2"'}
    )
    assert "approve" in problem(same, 403)["detail"]
    stale = api.client.post(
        url, json={"decision": "match", "reason": "ok"}, headers=supervisor | {"If-Match": "1"}
    )
    assert "version 2, not 1" in problem(stale, 409)["detail"]
    approved = api.client.post(
        url, json={"decision": "confirm", "reason": "agree"}, headers=supervisor | {"If-Match": "2"}
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "confirmed" and approved.headers["etag"] == '"3"'
    assert [(d["action"], d["by"]) for d in approved.json()["decisions"]] == [
        ("propose-match", "analyst-user"),
        ("approve-match", "supervisor-user"),
    ]
    closed = api.client.post(url, json={"decision": "escalate", "reason": "x"}, headers=supervisor)
    assert "closed" in problem(closed, 409)["detail"]
    # A confirmed match makes the person a subject of concern with a case.
    cases = api.client.get("/cases", headers=analyst).json()
    assert cases["total"] == 1 and cases["results"][0]["person_id"] == person_id

    # A supervisor's own proposal still needs someone else.
    url = f"/alerts/{ofac_id}/decisions"
    assert (
        api.client.post(url, json={"decision": "match", "reason": "a"}, headers=supervisor)
    ).status_code == 200
    own = api.client.post(url, json={"decision": "match", "reason": "b"}, headers=supervisor)
    assert "four-eyes" in problem(own, 409)["detail"]
    unknown = api.client.post(url, json={"decision": "maybe", "reason": "b"}, headers=analyst)
    assert problem(unknown, 400)["location"] == "decision"
    blank = api.client.post(url, json={"decision": "escalate", "reason": "  "}, headers=analyst)
    assert "reason" in problem(blank, 422)["detail"]

    actors = {(r["action"], r["actor"]) for r in audit_records(api)}
    assert {
        ("encounter.screen", "screener-user"),
        ("alert.raise", "screener-user"),
        ("alert.decide", "analyst-user"),
        ("alert.decide", "supervisor-user"),
    } <= actors


def test_network_designation_cases_and_report(api: Api) -> None:
    supervisor, analyst = api.as_role("supervisor"), api.as_role("analyst")
    network = (FIXTURES / "network.csv").read_bytes()
    r = api.client.post(
        "/networks/karvon",
        params={"format": "csv"},
        content=network,
        headers=supervisor | {"content-type": "text/csv"},
    )
    assert r.status_code == 201, r.text
    assert (r.json()["number"], r.json()["added"], r.json()["removed"]) == (1, 16, 0)
    body = {"network": "karvon", "from": "f1", "hops": 2}
    first = api.client.post("/designations", json=body, headers=supervisor)
    assert first.status_code == 200, first.text
    assert (first.json()["reached"], first.json()["designated"]) == (5, 5)
    again = api.client.post("/designations", json=body, headers=supervisor).json()
    assert (again["designated"], again["kept"]) == (0, 5)
    nobody = api.client.post("/designations", json=body | {"from": "nobody"}, headers=supervisor)
    assert "no entity 'nobody'" in problem(nobody, 404)["detail"]
    other = api.client.post("/designations", json=body | {"network": "x"}, headers=supervisor)
    problem(other, 404)
    broken = api.client.post(
        "/networks/bad",
        params={"format": "csv"},
        content=network.splitlines(keepends=True)[0] + b"a,Person,A,,,Friendship,,b,Person,B,,\n",
        headers=supervisor,
    )
    error = problem(broken, 400)
    assert "Friendship" in error["detail"] and "/tmp" not in broken.text
    assert (error["location"] or "").startswith("body")

    cases = api.client.get("/cases", headers=analyst).json()
    assert cases["total"] == 5 and len(cases["results"]) == 5
    case_id = next(c["id"] for c in cases["results"] if c["name"] == "Иван Петров")
    shown = api.client.get(f"/cases/{case_id}", headers=analyst)
    assert shown.json()["status"] == "whereabouts_unknown"
    version = shown.headers["etag"]
    moved = api.client.patch(
        f"/cases/{case_id}",
        json={"status": "located", "location": "Houston, TX", "source": "tip", "at": "2024-05-01"},
        headers=analyst | {"If-Match": version},
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["state"]) == ("located", "TX")
    assert moved.headers["etag"] != version
    history = moved.json()["history"]  # ordered by when things happened, not recorded
    assert [(e["by"], e["at"][:10]) for e in history if e["source"] == "tip"] == [
        ("analyst-user", "2024-05-01")
    ]
    stale = api.client.patch(
        f"/cases/{case_id}", json={"note": "x"}, headers=analyst | {"If-Match": version}
    )
    problem(stale, 409)
    impossible = api.client.patch(f"/cases/{case_id}", json={"status": "removed"}, headers=analyst)
    assert "cannot go from located to removed" in problem(impossible, 409)["detail"]
    where = api.client.patch(f"/cases/{case_id}", json={"location": "X, Atlantis"}, headers=analyst)
    assert problem(where, 400)["location"] == "location"
    assert problem(api.client.patch(f"/cases/{case_id}", json={}, headers=analyst), 400)
    status = api.client.get("/cases", params={"status": "on holiday"}, headers=analyst)
    assert problem(status, 400)["location"] == "status"
    located = api.client.get("/cases", params={"status": "located"}, headers=analyst).json()
    assert located["total"] == 1

    report = api.client.get("/reports", headers=analyst)
    assert report.headers["content-type"].startswith("application/json")
    assert report.json()["designated"] == 5 and report.json()["by_state"] == {"TX": 1}
    text = api.client.get("/reports", params={"format": "text"}, headers=analyst)
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text.startswith("Subjects of concern")
    csv = api.client.get("/reports", params={"format": "csv"}, headers=analyst)
    assert csv.headers["content-type"].startswith("text/csv")
    page = api.client.get("/reports", params={"format": "html"}, headers=analyst)
    assert page.headers["content-type"].startswith("text/html") and "<svg" in page.text
    assert api.client.get("/reports", params={"format": "pdf"}, headers=analyst).status_code == 422
    assert api.client.get("/audit/verify", headers=api.as_role("auditor")).json()["ok"] is True


def test_list_uploads_revet_screened_persons(api: Api) -> None:
    screener, supervisor = api.as_role("screener"), api.as_role("supervisor")
    for ref, name, born in (
        ("E1", "Ivan SOKOLOV", "1971-03-14"),
        ("E2", "Vladimir PLOTNIKOV", "1961-11-30"),
    ):
        r = api.client.post("/encounters", json=encounter(ref, name, born), headers=screener)
        assert r.status_code == 201 and r.json()["alerts"] == [], r.text
    agency = (FIXTURES / "agency_list.csv").read_bytes()
    loaded = api.client.post(
        "/lists/agency", params={"format": "csv"}, content=agency, headers=supervisor
    )
    assert loaded.status_code == 201, loaded.text
    assert (loaded.json()["number"], loaded.json()["total"]) == (1, 12)
    (run,) = loaded.json()["vetting"]
    assert (run["list_name"], run["alerts_raised"]) == ("agency", 1)
    alerts = api.client.get("/alerts", params={"list": "agency"}, headers=supervisor).json()
    (alert,) = alerts["results"]
    assert (alert["person"], alert["entity_id"], alert["cause"]) == (
        "Ivan SOKOLOV",
        "AG-001",
        "vetting",
    )

    base = (DELTA_DIR / "base-t1.entities.ftm.json").read_bytes()
    r = api.client.post("/lists/t2", params={"format": "ftm"}, content=base, headers=supervisor)
    assert r.status_code == 201, r.text
    delta = (DELTA_DIR / "20240528134729-3iv" / "entities.delta.json").read_bytes()
    url, version = "/lists/t2/updates", {"version": "20240528134729-3iv"}
    updated = api.client.post(url, params=version, content=delta, headers=supervisor)
    assert updated.status_code == 200, updated.text
    assert [v["label"] for v in updated.json()["versions"]] == ["delta:20240528134729-3iv"]
    assert updated.json()["vetting"][0]["alerts_raised"] == 1
    revetted = api.client.get("/alerts", params={"list": "t2"}, headers=supervisor).json()
    assert revetted["results"][0]["person"] == "Vladimir PLOTNIKOV"
    older = {"version": "20240527134702-zbn"}
    out_of_order = api.client.post(url, params=older, content=b"", headers=supervisor)
    assert "older than" in problem(out_of_order, 409)["detail"]
    bad_id = api.client.post(url, params={"version": "../../x"}, content=delta, headers=supervisor)
    assert problem(bad_id, 400)["location"] == "version"
    not_ftm = api.client.post(
        "/lists/un/updates", params=version, content=delta, headers=supervisor
    )
    problem(not_ftm, 409)
    unknown = api.client.post(
        "/lists/no/updates", params=version, content=delta, headers=supervisor
    )
    problem(unknown, 404)

    listed = api.client.get("/lists", headers=supervisor).json()
    assert [x["name"] for x in listed["results"]] == ["agency", "ofac", "t2", "un"]
    t2 = api.client.get("/lists/t2", headers=supervisor).json()
    assert [v["number"] for v in t2["versions"]] == [1, 2]
    problem(api.client.get("/lists/nope", headers=supervisor), 404)
    reserved = api.client.post(
        "/lists/default", params={"format": "csv"}, content=agency, headers=supervisor
    )
    assert problem(reserved, 400)["location"] == "name"
    ofac = api.client.post(
        "/lists/x", params={"format": "ofac-sdn"}, content=b"x", headers=supervisor
    )
    problem(ofac, 422)
    empty = api.client.post("/lists/x", params={"format": "ftm"}, content=b"", headers=supervisor)
    problem(empty, 400)
    broken = api.client.post(
        "/lists/x", params={"format": "ftm"}, content=b'{"id": "a"\n', headers=supervisor
    )
    assert "/tmp" not in problem(broken, 400)["detail"]
    clash = api.client.post("/networks/un", content=b"x", headers=supervisor)
    problem(clash, 400)  # not a network file: nothing stored
    assert api.client.get("/audit/verify", headers=api.as_role("auditor")).json() == {
        "ok": True,
        "records": len(audit_records(api)),
        "head": audit_records(api)[-1]["hash"],
        "problems": [],
    }


def test_users_and_keys(api: Api) -> None:
    admin = api.as_role("admin")
    r = api.client.post("/users", json={"name": "dana", "role": "analyst"}, headers=admin)
    assert r.status_code == 201 and r.json() == {"name": "dana", "role": "analyst"}
    problem(api.client.post("/users", json={"name": "dana", "role": "analyst"}, headers=admin), 409)
    problem(api.client.post("/users", json={"name": "x", "role": "boss"}, headers=admin), 422)
    issued = api.client.post("/users/dana/keys", headers=admin)
    assert issued.status_code == 201, issued.text
    key, key_id = issued.json()["key"], issued.json()["key_id"]
    dana = {"Authorization": f"Bearer {key}"}
    assert api.client.get("/alerts", headers=dana).status_code == 200
    assert api.client.get("/users", headers=dana).status_code == 403
    users = api.client.get("/users", headers=admin).json()
    entry = next(u for u in users["results"] if u["name"] == "dana")
    assert [(k["key_id"], k["revoked"]) for k in entry["keys"]] == [(key_id, False)]
    assert key not in json.dumps(users)
    assert api.client.delete(f"/keys/{key_id}", headers=admin).status_code == 204
    assert api.client.get("/alerts", headers=dana).status_code == 401
    second = api.client.post("/users/dana/keys", json={}, headers=admin).json()["key"]
    assert api.client.delete("/users/dana", headers=admin).status_code == 204
    assert api.client.get("/alerts", headers={"X-API-Key": second}).status_code == 401
    problem(api.client.delete("/users/dana", headers=admin), 404)
    problem(api.client.delete("/users/admin-user", headers=admin), 409)
    problem(api.client.delete("/keys/nokey", headers=admin), 404)
    problem(api.client.post("/users/nobody/keys", headers=admin), 404)
    past = {"expires_at": "2001-01-01T00:00:00Z"}
    problem(api.client.post("/users/admin-user/keys", json=past, headers=admin), 400)
    actors = {(r["action"], r["object_id"], r["actor"]) for r in audit_records(api)}
    assert {
        ("user.add", "dana", "admin-user"),
        ("key.revoke", key_id, "admin-user"),
        ("user.remove", "dana", "admin-user"),
    } <= actors


def test_bad_input_is_a_4xx_json_body(api: Api) -> None:
    screener, analyst = api.as_role("screener"), api.as_role("analyst")
    json_type = {"content-type": "application/json"}
    broken = api.client.post("/encounters", content=b'{"schema": ', headers=screener | json_type)
    assert "JSON" in problem(broken, 422)["detail"]
    bad_bodies: list[tuple[dict[str, Any], int, str | None]] = [
        (SAEED | {"schema": "Animal"}, 400, None),
        (SAEED | {"properties": {"name": ["X"], "colour": ["red"]}}, 400, None),
        (SAEED | {"properties": {"birthDate": ["1950"]}}, 400, "properties.name"),
        (SAEED | {"properties": {"name": ["x" * 501]}}, 400, "properties.name"),
        (SAEED | {"occurred_at": "yesterday"}, 400, "occurred_at"),
        (SAEED | {"external_ref": "  "}, 400, "body"),
        ({k: v for k, v in SAEED.items() if k != "external_ref"}, 422, None),
        (SAEED | {"properties": ["Hafiz"]}, 422, None),
        (SAEED | {"properties": {"name": [1]}}, 422, None),
    ]
    for body, status, location in bad_bodies:
        error = problem(api.client.post("/encounters", json=body, headers=screener), status)
        assert location is None or error["location"] == location, (body, error)
    assert api.client.get("/encounters", headers=analyst).json()["total"] == 0

    for path, status in [
        ("/alerts/999", 404),
        ("/alerts/abc", 422),
        ("/alerts?state=bogus", 422),
        ("/alerts?limit=501", 422),
        ("/alerts?offset=-1", 422),
        ("/persons/999", 404),
        ("/persons/search", 422),
        ("/persons/search?name=---", 400),
        ("/persons/search?name=Ivan&birth_date=soon", 400),
        ("/cases/999", 404),
        ("/cases?state=XX", 400),
        ("/lists/nope", 404),
    ]:
        problem(api.client.get(path, headers=analyst), status)
    # Odd values that must not reach the database as they are (ids beyond its integers,
    # NUL characters PostgreSQL cannot store): a 4xx, never a 500.
    supervisor, admin = api.as_role("supervisor"), api.as_role("admin")
    odd: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "/alerts/99999999999999999999", {}),
        ("GET", "/persons/2147483648", {}),
        ("GET", "/alerts?person=99999999999999999999", {}),
        ("GET", "/encounters?person=99999999999999999999", {}),
        ("GET", "/alerts?list=a%00b", {}),
        ("GET", "/encounters?source=a%00b", {}),
        ("GET", "/cases?nationality=a%00b", {}),
        ("GET", "/lists/a%00b", {}),
        ("POST", "/encounters", {"json": SAEED | {"external_ref": "a\x00b"}}),
        ("POST", "/encounters", {"json": SAEED | {"location": "a\x00b"}}),
        ("PATCH", "/cases/1", {"json": {"note": "a\x00b"}}),
        ("POST", "/designations", {"json": {"network": "a\x00b", "from": "x"}}),
        ("POST", "/lists/a%00b?format=ftm", {"content": b"{}"}),
        ("POST", "/networks/a%00b", {"content": b"{}"}),
        ("POST", "/lists/a%00b/updates?version=20240101000000", {"content": b""}),
        ("POST", "/users", {"json": {"name": "a\x00b", "role": "analyst"}}),
        ("DELETE", "/users/a%00b", {}),
        ("POST", "/users/a%00b/keys", {}),
        ("DELETE", "/keys/a%00b", {}),
    ]
    for method, url, kwargs in odd:
        headers = admin if "/users" in url or "/keys" in url else supervisor
        r = api.client.request(method, url, headers=headers, **kwargs)
        assert 400 <= r.status_code < 500, (method, url, r.status_code, r.text)
        problem(r, r.status_code)

    decide = {"decision": "escalate", "reason": "r"}
    problem(api.client.post("/alerts/999/decisions", json=decide, headers=analyst), 404)
    problem(api.client.patch("/cases/999", json={"note": "n"}, headers=analyst), 404)
    stored = api.client.post("/encounters", json=SAEED, headers=screener).json()
    alert_id = stored["alerts"][0]["id"]
    garbage = api.client.post(
        f"/alerts/{alert_id}/decisions", json=decide, headers=analyst | {"If-Match": "abc"}
    )
    assert problem(garbage, 400)["location"] == "If-Match"
    problem(api.client.post(f"/alerts/{alert_id}/decisions", json={}, headers=analyst), 422)

    assert api.client.get("/openapi.json").status_code == 200
    assert api.client.get("/docs").status_code == 200
    schema = api.client.get("/openapi.json").json()
    assert schema["components"]["schemas"]["EncounterIn"]["examples"][0]["external_ref"]
    assert {"/encounters", "/alerts/{alert_id}/decisions", "/users/{name}/keys"} <= set(
        schema["paths"]
    )
