"""OpenRefine's reconciliation client, step by step, against /reconcile on the real lists.

OpenRefine adds a service by URL (here with `?api_key=`, since it cannot send headers),
reads the manifest, then follows the URLs the manifest gives it: batches of queries as a
form-encoded `queries` POST, suggest services as it autocompletes, the preview per
candidate. These tests do the same, field by field.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from fastapi.testclient import TestClient

from tests.api.conftest import Api
from watchline.api.routes.reconcile import preview_html
from watchline.model import Entity

SAEED_UN = "un-2833107"
SAEED_OFAC = "ofac-10689"  # the same man on the OFAC list


def key_of(api: Api, role: str = "screener") -> str:
    return api.as_role(role)["Authorization"].split(" ", 1)[1]


def follow(client: TestClient, url: str, **params: str) -> Any:
    """GET a URL from the manifest, adding parameters as jQuery does (keeping its own)."""
    joiner = "&" if "?" in url else "?"
    return client.get(url + (joiner + urlencode(params) if params else ""))


def check_type(data: Any) -> None:
    assert isinstance(data, dict) and set(data) >= {"id", "name"}, data
    assert isinstance(data["id"], str) and data["id"] and isinstance(data["name"], str)


def check_candidate(data: Any) -> None:
    assert isinstance(data, dict)
    assert set(data) >= {"id", "name", "score", "match", "type"}, data
    assert isinstance(data["id"], str) and data["id"]
    assert isinstance(data["name"], str) and data["name"]
    assert isinstance(data["score"], float) and 0.0 <= data["score"] <= 1.0
    assert isinstance(data["match"], bool)
    assert isinstance(data["type"], list) and data["type"]
    for kind in data["type"]:
        check_type(kind)
    assert isinstance(data["description"], str)
    for feature in data["features"]:
        assert set(feature) == {"id", "value"} and isinstance(feature["value"], float)


def check_results(body: Any, keys: set[str]) -> None:
    assert isinstance(body, dict) and set(body) == keys, body
    for answer in body.values():
        assert set(answer) == {"result"} and isinstance(answer["result"], list)
        for found in answer["result"]:
            check_candidate(found)
        scores = [found["score"] for found in answer["result"]]
        assert scores == sorted(scores, reverse=True)


def manifest(api: Api) -> dict[str, Any]:
    r = api.client.get("/reconcile/default", params={"api_key": key_of(api)})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_manifest_as_openrefine_reads_it(api: Api) -> None:
    key = key_of(api)
    r = api.client.get(f"/reconcile/default?api_key={key}")  # no Authorization header
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    body = r.json()
    assert set(body) >= {
        "versions",
        "name",
        "identifierSpace",
        "schemaSpace",
        "view",
        "preview",
        "suggest",
        "defaultTypes",
    }
    assert "0.2" in body["versions"]
    assert isinstance(body["name"], str) and "watchline" in body["name"]
    for space in ("identifierSpace", "schemaSpace"):
        assert body[space].startswith("https://")
    assert isinstance(body["batchSize"], int) and body["batchSize"] >= 1
    # view and preview are URL templates on {{id}}, carrying the key for OpenRefine
    assert "{{id}}" in body["view"]["url"] and f"api_key={key}" in body["view"]["url"]
    preview = body["preview"]
    assert "{{id}}" in preview["url"] and f"api_key={key}" in preview["url"]
    assert isinstance(preview["width"], int) and isinstance(preview["height"], int)
    assert set(body["suggest"]) == {"entity", "type", "property"}
    for kind, service in body["suggest"].items():
        assert service["service_url"] == "http://testserver/reconcile/default"
        assert service["service_path"] == f"/suggest/{kind}?api_key={key}"
    for kind in body["defaultTypes"]:
        check_type(kind)
    assert body["defaultTypes"][0]["id"] == "Person"
    assert {"Person", "Organization"} <= {t["id"] for t in body["defaultTypes"]}

    # a key sent as a header is not copied into the manifest's URLs
    r = api.client.get("/reconcile/default", headers=api.as_role("screener"))
    assert r.status_code == 200 and "api_key" not in r.text
    # one list as the dataset
    assert api.client.get(f"/reconcile/un?api_key={key}").json()["name"] == "watchline: un"


def test_keys_in_the_url_only_on_reconcile_routes(api: Api) -> None:
    key = key_of(api)
    no_key = api.client.get("/reconcile/default")
    assert no_key.status_code == 401 and no_key.json()["detail"].startswith("no API key")
    assert api.client.get("/reconcile/default?api_key=wl_nope_nope").status_code == 401
    revoked = api.as_role("revoked")["Authorization"].split(" ", 1)[1]
    assert api.client.get(f"/reconcile/default?api_key={revoked}").status_code == 401
    auditor = api.client.get(f"/reconcile/default?api_key={key_of(api, 'auditor')}")
    assert auditor.status_code == 403 and "may not screen" in auditor.json()["detail"]
    # elsewhere a key in the URL is not a key
    assert api.client.get(f"/catalog?api_key={key}").status_code == 401
    # a header, when sent, is the key that counts
    bad_header = {"Authorization": "Bearer wl_nope_nope"}
    assert (
        api.client.get(f"/reconcile/default?api_key={key}", headers=bad_header).status_code == 401
    )


def test_batch_of_queries_as_openrefine_posts_it(api: Api) -> None:
    body = manifest(api)
    service = body["suggest"]["entity"]["service_url"] + f"?api_key={key_of(api)}"
    # the property id OpenRefine offers comes from the property suggest service
    suggested = follow(
        api.client,
        body["suggest"]["property"]["service_url"] + body["suggest"]["property"]["service_path"],
        prefix="birth",
    ).json()
    assert "Person:birthDate" in [p["id"] for p in suggested["result"]]
    queries = {
        "q0": {"query": "Hafiz Muhammad Saeed"},  # no type, no properties
        "q1": {
            "query": "Hafiz Muhammad Saeed",
            "type": "Person",
            "limit": 5,
            "properties": [{"pid": "birthDate", "v": "1950"}],
        },
        # a namesake: same name, a birth date 35 years apart
        "q2": {
            "query": "Hafiz Muhammad Saeed",
            "type": ["Person"],
            "properties": [
                {"pid": "Person:birthDate", "v": "1985-03-02"},
                {"pid": "nationality", "v": "Pakistan"},
                {"pid": "favouriteColour", "v": "blue"},  # unknown: ignored, as by yente
            ],
        },
        "q3": {"query": "--", "type": "Person"},  # no usable name: no candidates
        "q4": {"query": "Hafiz Muhammad Saeed", "type": "Person", "limit": 2},
        "": {"query": "Hafiz Muhammad Saeed", "type": "Person", "limit": 1},  # any key
    }
    r = api.client.post(service, data={"queries": json.dumps(queries)})
    assert r.status_code == 200, r.text
    assert r.request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert r.headers["x-batch-size"] == "6" and r.headers["access-control-allow-origin"] == "*"
    results = r.json()
    check_results(results, set(queries))

    q0, q1, q2 = (results[k]["result"] for k in ("q0", "q1", "q2"))
    # the listed man and his OFAC entry, tied at the top, both confident matches
    assert {c["id"] for c in q1[:2]} == {SAEED_UN, SAEED_OFAC}
    assert all(c["match"] for c in q1[:2]) and q1[0]["score"] >= 0.9
    assert q1[0]["type"][0] == {
        "id": "Person",
        "name": "People",
        "description": q1[0]["type"][0]["description"],
    }
    assert q1[0]["description"] in ("Person · un", "Person · ofac")
    features = {f["id"]: f["value"] for f in q1[0]["features"]}
    assert features["name"] > 0 and features["birth_date"] > 0
    # without a birth date the name alone still finds him, with less certainty
    assert {c["id"] for c in q0[:2]} == {SAEED_UN, SAEED_OFAC}
    assert q0[0]["score"] < q1[0]["score"]
    # the namesake born in 1985 is not the listed man
    namesake = next(c for c in q2 if c["id"] == SAEED_UN)
    assert namesake["match"] is False and namesake["score"] < 0.1
    assert {f["id"]: f["value"] for f in namesake["features"]}["birth_date"] < 0
    assert not any(c["match"] for c in q2)
    assert results["q3"] == {"result": []}
    assert len(results["q4"]["result"]) == 2 and len(results[""]["result"]) == 1

    # on the UN list alone, the UN entry comes first
    r = api.client.post(
        f"/reconcile/un?api_key={key_of(api)}", data={"queries": json.dumps({"a": queries["q1"]})}
    )
    top = r.json()["a"]["result"][0]
    assert top["id"] == SAEED_UN and top["match"] is True and top["name"] == "HAFIZ MUHAMMAD SAEED"


def test_queries_as_a_get_parameter(api: Api) -> None:
    queries = json.dumps(
        {"q0": {"query": "HAFIZ MUHAMMAD SAEED", "type": "Person", "limit": 3}},
        separators=(",", ":"),
    )
    by_get = api.client.get(
        "/reconcile/un", params={"queries": queries}, headers=api.as_role("screener")
    )
    assert by_get.status_code == 200, by_get.text
    check_results(by_get.json(), {"q0"})
    assert by_get.json()["q0"]["result"][0]["id"] == SAEED_UN
    # the same batch as a POST query parameter, and as a form field: the same answer
    by_param = api.client.post(
        "/reconcile/un", params={"queries": queries}, headers=api.as_role("screener")
    )
    by_form = api.client.post(
        "/reconcile/un", data={"queries": queries}, headers=api.as_role("screener")
    )
    assert by_get.json() == by_param.json() == by_form.json()
    # yente's algorithm names are accepted here too
    best = api.client.get(
        "/reconcile/un",
        params={"queries": queries, "algorithm": "best"},
        headers=api.as_role("screener"),
    )
    assert best.json() == by_get.json()


def test_bad_queries_are_400_json(api: Api) -> None:
    h = api.as_role("screener")

    def post(raw: str, dataset: str = "default") -> Any:
        return api.client.post(f"/reconcile/{dataset}", data={"queries": raw}, headers=h)

    broken = post('{"q0": {"query": "Hafiz"')
    assert broken.status_code == 400, broken.text
    error = broken.json()
    assert set(error) == {"detail", "error", "location"}
    assert "not valid JSON" in error["detail"] and error["location"] == "queries"
    assert "Traceback" not in broken.text
    by_get = api.client.get("/reconcile/default", params={"queries": "{nope"}, headers=h)
    assert by_get.status_code == 400 and "not valid JSON" in by_get.json()["detail"]
    assert post("[1, 2]").status_code == 400
    wrong = post(json.dumps({"q0": {"query": "Saeed", "limit": "many"}}))
    assert wrong.status_code == 400 and "q0.limit" in wrong.json()["detail"]
    banana = post(json.dumps({"q0": {"query": "Saeed", "type": "Banana"}}))
    assert banana.status_code == 400 and "Banana" in banana.json()["detail"]
    event = post(json.dumps({"q0": {"query": "Main Street", "type": "Event"}}))
    assert event.status_code == 400 and "cannot be matched" in event.json()["detail"]
    too_many = post(json.dumps({f"q{n}": {"query": "Saeed"} for n in range(101)}))
    assert too_many.status_code == 400 and "too many" in too_many.json()["detail"]
    too_long = post(json.dumps({"q0": {"query": "x" * 10_000}}))
    assert too_long.status_code == 400
    assert post(json.dumps({"q0": {"query": "Saeed"}}), dataset="nope").status_code == 404
    empty = api.client.post("/reconcile/default", data={}, headers=h)
    assert empty.status_code == 400 and empty.json()["detail"] == "no queries provided"
    as_json = api.client.post("/reconcile/default", json={"q0": {"query": "Saeed"}}, headers=h)
    assert as_json.status_code == 400 and "form-encoded" in as_json.json()["detail"]
    huge = api.client.post("/reconcile/default", data={"queries": "x" * 2_100_000}, headers=h)
    assert huge.status_code == 413 and "larger than" in huge.json()["detail"]
    extend = api.client.post(
        "/reconcile/default", data={"extend": json.dumps({"ids": [SAEED_UN]})}, headers=h
    )
    assert extend.status_code == 400 and "not supported" in extend.json()["detail"]


def test_suggest_services(api: Api) -> None:
    suggest = manifest(api)["suggest"]

    def ask(kind: str, prefix: str) -> Any:
        r = follow(
            api.client,
            suggest[kind]["service_url"] + suggest[kind]["service_path"],
            prefix=prefix,
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["prefix"] == prefix and isinstance(body["result"], list)
        return body["result"]

    entities = ask("entity", "Hafiz Muhammad Saeed")
    assert SAEED_UN in [e["id"] for e in entities]
    for found in entities:
        assert set(found) >= {"id", "name", "description", "type", "notable"}
        for kind in [*found["type"], *found["notable"]]:
            check_type(kind)
    assert ask("entity", "") == []
    assert ask("entity", "--") == []

    assert [t["id"] for t in ask("type", "pers")] == ["Person"]
    assert [t["id"] for t in ask("type", "Organ")] == ["Organization"]
    assert ask("type", "banana") == [] and ask("type", "") == []

    properties = ask("property", "nation")
    assert "Person:nationality" in [p["id"] for p in properties]
    for prop in properties:
        assert isinstance(prop["id"], str) and isinstance(prop["name"], str)
    assert "Person:birthDate" in [p["id"] for p in ask("property", "Birth d")]
    assert ask("property", "banana") == [] and ask("property", "") == []


def test_preview(api: Api) -> None:
    template = manifest(api)["preview"]["url"]
    r = api.client.get(template.replace("{{id}}", quote(SAEED_UN)))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["access-control-allow-origin"] == "*"
    assert "<h1>HAFIZ MUHAMMAD SAEED</h1>" in r.text
    assert "1950-06-05" in r.text and "Birth date" in r.text
    # an apostrophe in a listed name comes out escaped
    hakim = api.client.get(template.replace("{{id}}", "ofac-21971")).text
    assert "Sa&#x27;id" in hakim and "Sa'id" not in hakim
    missing = api.client.get(template.replace("{{id}}", "nope"))
    assert missing.status_code == 404 and "detail" in missing.json()
    # an OFAC entity is not in the UN dataset
    other = api.client.get(
        f"/reconcile/un/preview?id={SAEED_OFAC}", headers=api.as_role("screener")
    )
    assert other.status_code == 404


def test_preview_escapes_everything() -> None:
    hostile = Entity(
        "Person",
        'x"><script>alert(1)</script>',
        {
            "name": ["<img src=x onerror=alert(1)>"],
            "notes": ["a & b </td></tr></table><iframe>"],
        },
        list_name="<b>list</b>",
    )
    page = preview_html(hostile)
    for raw in ("<script", "<img", "<iframe", "<b>list"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "a &amp; b &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;iframe&gt;" in page
    assert page.count("</table>") == 1
    assert "&lt;script&gt;" in page and "&quot;" in page
