"""Requests as yente documents them, responses checked against yente's response models.

The bodies are the ones yente's docs and the `/match` docstring give (the Person +
Company `queries`, `weights`, `config`) and its query parameters. Each response is
checked field by field, required keys and types, against yente's models
(`yente/data/common.py`, `yente/data/dataset.py`, nomenklatura's `FeatureResult`,
`FeatureDoc` and `AlgorithmDocs`): fields current yente requires, plus the ones older
yente clients read (`features`, `matcher`), which watchline still sends.
"""

from __future__ import annotations

from typing import Any

import pytest
from followthemoney import model as ftm_model
from followthemoney.dataset.dataset import DatasetModel as FtmDatasetModel

from tests.api.conftest import Api

# The example from yente's /match docstring, verbatim in content.
YENTE_QUERIES = {
    "entity1": {
        "schema": "Person",
        "properties": {
            "name": ["John Doe"],
            "birthDate": ["1975-04-21"],
            "nationality": ["us"],
        },
    },
    "entity2": {
        "schema": "Company",
        "properties": {
            "name": ["Brilliant Amazing Limited"],
            "jurisdiction": ["hk"],
            "registrationNumber": ["84BA99810"],
        },
    },
}
# A listed person, as a yente client would send him (a bare string value is allowed).
SAEED = {
    "schema": "Person",
    "properties": {"name": "Hafiz Muhammad Saeed", "birthDate": ["1950"], "country": "Pakistan"},
}
NUMBER = (int, float)
OPT_STR = (str, type(None))


def fields(
    data: Any, where: str, required: dict[str, Any], optional: dict[str, Any] | None = None
) -> None:
    """`data` is an object with every `required` key; each present key has its type."""
    assert isinstance(data, dict), f"{where}: {type(data).__name__}, not an object"
    missing = set(required) - set(data)
    assert not missing, f"{where}: missing {sorted(missing)}"
    for key, kind in {**required, **(optional or {})}.items():
        if key in data:
            value = data[key]
            assert not (isinstance(value, bool) and kind in (NUMBER, int)), f"{where}.{key}"
            assert isinstance(value, kind), f"{where}.{key}: {type(value).__name__}"


def check_str_list(data: Any, where: str) -> None:
    assert isinstance(data, list) and all(isinstance(v, str) for v in data), where


def check_entity(data: Any, where: str) -> None:
    """EntityResponse; yente's own tests pin all ten keys as always present."""
    fields(
        data,
        where,
        {
            "id": str,
            "caption": str,
            "schema": str,
            "properties": dict,
            "datasets": list,
            "referents": list,
            "target": bool,
            "first_seen": OPT_STR,
            "last_seen": OPT_STR,
            "last_change": OPT_STR,
        },
    )
    assert data["id"] and data["caption"] and data["schema"] in ftm_model.schemata
    for prop, values in data["properties"].items():
        assert ftm_model.get(data["schema"]).get(prop) is not None, f"{where}: {prop}"
        assert isinstance(values, list), f"{where}.properties.{prop}"
        for value in values:
            if isinstance(value, dict):
                check_entity(value, f"{where}.properties.{prop}")
            else:
                assert isinstance(value, str), f"{where}.properties.{prop}"
    check_str_list(data["datasets"], f"{where}.datasets")
    check_str_list(data["referents"], f"{where}.referents")


def check_feature_doc(data: Any, where: str) -> None:
    fields(data, where, {"description": OPT_STR, "coefficient": NUMBER, "url": str})


def check_scored(data: Any, where: str) -> None:
    """ScoredEntityResponse: score, match, explanations (nomenklatura FeatureResult)."""
    check_entity(data, where)
    fields(
        data,
        where,
        {"score": NUMBER, "match": bool, "explanations": dict},
        {"features": dict},  # yente < 5.2.1 required it; still sent
    )
    assert 0.0 <= data["score"] <= 1.0
    for name, result in data["explanations"].items():
        fields(
            result,
            f"{where}.explanations.{name}",
            {"detail": OPT_STR, "score": NUMBER},
            {"query": OPT_STR, "candidate": OPT_STR},
        )
    for name, value in data["features"].items():
        assert isinstance(value, NUMBER) and not isinstance(value, bool), f"features.{name}"


def check_total(data: Any, where: str) -> None:
    fields(data, where, {"value": int, "relation": str})
    assert data["value"] >= 0 and data["relation"] in ("eq", "gte")


def check_example(data: Any, where: str) -> None:
    fields(data, where, {"schema": str, "properties": dict}, {"id": OPT_STR})
    for prop, values in data["properties"].items():
        assert isinstance(values, (str, list)), f"{where}.properties.{prop}"


def check_match_response(body: Any, names: set[str]) -> None:
    """EntityMatchResponse > EntityMatches > ScoredEntityResponse."""
    fields(body, "response", {"responses": dict, "limit": int}, {"matcher": dict})
    assert set(body["responses"]) == names
    for name, matches in body["responses"].items():
        where = f"responses.{name}"
        fields(
            matches,
            where,
            {"results": list, "total": dict, "query": dict},
            {"status": int},
        )
        check_total(matches["total"], f"{where}.total")
        check_example(matches["query"], f"{where}.query")
        for n, result in enumerate(matches["results"]):
            check_scored(result, f"{where}.results[{n}]")
        assert len(matches["results"]) <= body["limit"]
    for feature, doc in body["matcher"].items():  # yente < 5.2.1
        check_feature_doc(doc, f"matcher.{feature}")


def test_match_yente_example_batch(api: Api) -> None:
    body = {
        "weights": {"name_literal": 0.8},  # EntityMatchQuery's example
        "config": {},
        "queries": {**YENTE_QUERIES, "saeed": SAEED},
    }
    r = api.client.post("/match/default", json=body, headers=api.as_role("screener"))
    assert r.status_code == 200, r.text
    assert r.headers["x-batch-size"] == "3"
    data = r.json()
    check_match_response(data, {"entity1", "entity2", "saeed"})
    assert data["limit"] == 5  # yente's MATCH_PAGE
    responses = data["responses"]
    # the query comes back as parsed: schema, every property a list of cleaned values
    saeed_query = responses["saeed"]["query"]
    assert saeed_query["schema"] == "Person" and saeed_query["id"] is None
    assert saeed_query["properties"]["name"] == ["Hafiz Muhammad Saeed"]
    assert saeed_query["properties"]["country"] == ["pk"]
    assert responses["entity2"]["query"]["properties"]["jurisdiction"] == ["hk"]
    top = responses["saeed"]["results"][0]
    assert top["id"] in ("un-2833107", "ofac-10689") and top["match"] is True
    assert top["explanations"]["birth_date"]["score"] == 1.0
    assert top["explanations"]["name"]["query"] == "Hafiz Muhammad Saeed"
    # nobody on the lists is John Doe born 1975
    assert not any(res["match"] for res in responses["entity1"]["results"])
    assert all(res["schema"] != "Person" for res in responses["entity2"]["results"])


def test_match_query_parameters(api: Api) -> None:
    h = api.as_role("screener")

    def match(**params: Any) -> Any:
        r = api.client.post(
            "/match/default", json={"queries": {"q": SAEED}}, params=params, headers=h
        )
        assert r.status_code == 200, r.text
        check_match_response(r.json(), {"q"})
        return r.json()

    one = match(limit=1)
    assert one["limit"] == 1 and len(one["responses"]["q"]["results"]) == 1
    strict = match(threshold=0.999)["responses"]["q"]["results"]
    assert strict and not any(res["match"] for res in strict)
    for algorithm in ("best", "logic-v1", "logic-v2", "regression-v1", "name-based"):
        assert match(algorithm=algorithm)["responses"]["q"]["results"][0]["match"] is True
    ids = [res["id"] for res in match()["responses"]["q"]["results"]]
    no_un = match(exclude_entity_ids=["un-2833107", "nope"])["responses"]["q"]["results"]
    assert "un-2833107" in ids and "un-2833107" not in [res["id"] for res in no_un]
    no_people = match(exclude_schema=["Person"])["responses"]["q"]["results"]
    assert all(res["schema"] != "Person" for res in no_people)
    lists = {tuple(res["datasets"]) for res in match()["responses"]["q"]["results"]}
    assert lists == {("un",), ("ofac",)}  # Saeed is on both lists
    only_ofac = match(include_dataset=["ofac"])["responses"]["q"]["results"]
    assert only_ofac and all(res["datasets"] == ["ofac"] for res in only_ofac)
    no_un = match(exclude_dataset=["un"])["responses"]["q"]["results"]
    assert no_un and all(res["datasets"] != ["un"] for res in no_un)
    assert match(include_dataset=["un"], exclude_dataset=["un"])["responses"]["q"]["results"] == []
    # cutoff (deprecated in yente) still accepted
    match(cutoff=0.5)

    unknown = api.client.post(
        "/match/default",
        json={"queries": {"q": SAEED}},
        params={"algorithm": "neural-net"},
        headers=h,
    )
    assert unknown.status_code == 400
    fields(unknown.json(), "ErrorResponse", {"detail": str})
    no_list = api.client.post(
        "/match/default",
        json={"queries": {"q": SAEED}},
        params={"include_dataset": ["eu"]},
        headers=h,
    )
    assert no_list.status_code == 400 and "include_dataset" in no_list.text
    no_schema = {"queries": {"fail": {"properties": {"name": "Banana"}}}}
    assert api.client.post("/match/default", json=no_schema, headers=h).status_code == 422
    bad_schema = {"queries": {"fail": {"schema": "xxx", "properties": {"name": "Banana"}}}}
    r = api.client.post("/match/default", json=bad_schema, headers=h)
    assert r.status_code == 400 and isinstance(r.json()["detail"], str)
    with_id = {"queries": {"no1": {**SAEED, "id": "saeed"}}}
    echoed = api.client.post("/match/default", json=with_id, headers=h).json()
    assert echoed["responses"]["no1"]["query"]["id"] == "saeed"


def test_search_and_entities(api: Api) -> None:
    h = api.as_role("screener")
    r = api.client.get(
        "/search/default",
        params={"q": "Hafiz Muhammad Saeed", "schema": "Person", "limit": 5, "offset": 0},
        headers=h,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    fields(
        body,
        "SearchResponse",
        {"limit": int, "offset": int, "total": dict, "results": list, "facets": dict},
    )
    assert body["limit"] == 5 and body["offset"] == 0
    check_total(body["total"], "total")
    for n, result in enumerate(body["results"]):
        check_entity(result, f"results[{n}]")
    assert "un-2833107" in [res["id"] for res in body["results"]]
    for name, facet in body["facets"].items():
        fields(facet, f"facets.{name}", {"label": str, "values": list})
        for item in facet["values"]:
            fields(item, f"facets.{name}.values", {"name": str, "label": str, "count": int})
    assert api.client.get("/search/banana?q=x", headers=h).status_code == 404

    entity = api.client.get("/entities/un-2833107", headers=h)
    assert entity.status_code == 200
    check_entity(entity.json(), "EntityResponse")
    assert entity.json()["datasets"] == ["un"] and entity.json()["target"] is True


def test_catalog(api: Api) -> None:
    r = api.client.get("/catalog", headers=api.as_role("screener"))
    assert r.status_code == 200, r.text
    body = r.json()
    fields(
        body,
        "DataCatalogModel",
        {"datasets": list, "current": list, "outdated": list},
        {"index_stale": bool},
    )
    check_str_list(body["current"], "current")
    check_str_list(body["outdated"], "outdated")
    names = []
    for n, dataset in enumerate(body["datasets"]):
        where = f"datasets[{n}]"
        # YenteDatasetModel: followthemoney's DatasetModel plus yente's index fields
        fields(
            dataset,
            where,
            {"name": str, "title": str},
            {
                "summary": OPT_STR,
                "url": OPT_STR,
                "version": OPT_STR,
                "load": (bool, type(None)),
                "entities_url": OPT_STR,
                "index_version": OPT_STR,
                "index_current": bool,
                "children": list,
            },
        )
        check_str_list(dataset.get("children", []), f"{where}.children")
        FtmDatasetModel.model_validate(dataset)  # the model yente's extends, validating names
        names.append(dataset["name"])
    assert {"un", "ofac", "default"} <= set(names)
    assert set(body["current"]) <= set(names)
    default = next(d for d in body["datasets"] if d["name"] == "default")
    assert set(default["children"]) == {"un", "ofac"}


def test_algorithms(api: Api) -> None:
    r = api.client.get("/algorithms", headers=api.as_role("screener"))
    assert r.status_code == 200, r.text
    body = r.json()
    fields(body, "AlgorithmResponse", {"algorithms": list, "default": str, "best": str})
    names = []
    for n, algorithm in enumerate(body["algorithms"]):
        where = f"algorithms[{n}]"
        fields(
            algorithm,
            where,
            {"name": str, "features": dict, "docs": dict},
            {"description": OPT_STR},
        )
        for feature, doc in algorithm["features"].items():
            check_feature_doc(doc, f"{where}.features.{feature}")
        docs = algorithm["docs"]
        fields(
            docs,
            f"{where}.docs",
            {"name": str, "config": dict, "features": dict},
            {"description": OPT_STR},
        )
        assert docs["name"] == algorithm["name"]
        for feature, doc in docs["features"].items():
            check_feature_doc(doc, f"{where}.docs.features.{feature}")
        # a sentence about the matcher, not a dataclass signature
        assert algorithm["description"] and "=" not in algorithm["description"]
        names.append(algorithm["name"])
    assert body["default"] in names and body["best"] in names


def test_responses_validate_with_nomenklatura_models(api: Api) -> None:
    """Where nomenklatura is installed (`pip install -e .[bench]`), its own pydantic
    models, which yente's responses embed, accept ours."""
    types = pytest.importorskip("nomenklatura.matching.types")
    h = api.as_role("screener")
    matched = api.client.post("/match/default", json={"queries": {"q": SAEED}}, headers=h).json()
    for result in matched["responses"]["q"]["results"]:
        for explanation in result["explanations"].values():
            types.FeatureResult.model_validate(explanation)
    for doc in matched["matcher"].values():
        types.FeatureDoc.model_validate(doc)
    for algorithm in api.client.get("/algorithms", headers=h).json()["algorithms"]:
        types.AlgorithmDocs.model_validate(algorithm["docs"])
