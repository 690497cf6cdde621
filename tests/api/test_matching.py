"""The matching endpoints answer like yente, on the real lists."""

from __future__ import annotations

from tests.api.conftest import Api

SAEED = {
    "schema": "Person",
    "properties": {"name": ["Hafiz Muhammad Saeed"], "birthDate": ["1950-06-05"]},
}


def test_match_finds_listed_person(api: Api) -> None:
    r = api.client.post(
        "/match/default", json={"queries": {"q1": SAEED}}, headers=api.as_role("screener")
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert r.headers["x-batch-size"] == "1" and body["limit"] == 5
    results = body["responses"]["q1"]["results"]
    assert {res["id"] for res in results if res["match"]} == {"un-2833107", "ofac-10689"}
    top = results[0]
    assert top["score"] >= 0.9 and top["features"]["birth_date"] == 1.0
    assert "same" in top["explanations"]["birth_date"]["detail"]
    assert set(body["matcher"]) >= {"name", "birth_date"}


def test_match_one_list_and_errors(api: Api) -> None:
    h = api.as_role("screener")
    only_un = api.client.post("/match/un", json={"queries": {"q": SAEED}}, headers=h).json()
    assert {r["datasets"][0] for r in only_un["responses"]["q"]["results"]} == {"un"}
    unknown = api.client.post("/match/nope", json={"queries": {"q": SAEED}}, headers=h)
    assert unknown.status_code == 404 and "unknown dataset 'nope'" in unknown.json()["detail"]
    bad_schema = {"queries": {"q": {"schema": "Animal", "properties": {"name": ["X"]}}}}
    assert api.client.post("/match/default", json=bad_schema, headers=h).status_code == 400
    too_many = {"queries": {f"q{n}": SAEED for n in range(101)}}
    assert api.client.post("/match/default", json=too_many, headers=h).status_code == 400
    long_name = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 10_000]}}}}
    r = api.client.post("/match/default", json=long_name, headers=h)
    assert r.status_code == 400 and "longer than" in r.json()["detail"]
    broken = api.client.post(
        "/match/default", content=b'{"queries": ', headers=h | {"content-type": "application/json"}
    )
    assert broken.status_code == 422 and "JSON" in broken.json()["detail"]
    assert "Traceback" not in broken.text


def test_keys_and_roles(api: Api) -> None:
    body = {"queries": {"q": SAEED}}
    assert api.client.post("/match/default", json=body).status_code == 401
    assert (
        api.client.post("/match/default", json=body, headers=api.as_role("revoked")).status_code
        == 401
    )
    assert (
        api.client.post("/match/default", json=body, headers=api.as_role("auditor")).status_code
        == 403
    )
    from datetime import UTC, datetime, timedelta

    from watchline.access import Role
    from watchline.store.users import UserRepository

    users = UserRepository(api.store)
    users.add("late-user", Role.SCREENER)
    expired = users.issue("late-user", expires_at=datetime.now(UTC) - timedelta(seconds=1))
    gone = api.client.post(
        "/match/default", json=body, headers={"Authorization": f"ApiKey {expired}"}
    )
    assert gone.status_code == 401 and "expired" in gone.json()["detail"]
    assert gone.headers["www-authenticate"] == "Bearer"
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").status_code == 200


def test_search_entities_catalog_algorithms(api: Api) -> None:
    h = api.as_role("analyst")
    found = api.client.get("/search/default", params={"q": "Saeed Hafiz"}, headers=h).json()
    assert "un-2833107" in [r["id"] for r in found["results"]]
    entity = api.client.get("/entities/un-2833107", headers=h).json()
    assert entity["caption"] == "HAFIZ MUHAMMAD SAEED" and entity["datasets"] == ["un"]
    assert api.client.get("/entities/nope", headers=h).status_code == 404
    catalog = api.client.get("/catalog", headers=h).json()
    assert {d["name"] for d in catalog["datasets"]} == {"un", "ofac", "default"}
    algorithms = api.client.get("/algorithms", headers=h).json()
    assert algorithms["default"] == "watchline-v1"
