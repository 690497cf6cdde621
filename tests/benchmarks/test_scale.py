"""The scale generator: determinism, random access, FtM validity, shares and query labels."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generators import scale
from benchmarks.generators.pairs import systems
from benchmarks.generators.records import dates_contradict
from benchmarks.generators.scale import (
    KINDS,
    LOCALES,
    contradicts,
    generate_queries,
    generate_watchlist,
    main,
    watchlist_entry,
)
from followthemoney import model

LIST_SEED, LIST_N, N_LIST, N_QUERIES = 5, 50_000, 1500, 1500


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return list(generate_watchlist(LIST_SEED, N_LIST, debug=True))


@pytest.fixture(scope="module")
def queries() -> list[dict[str, Any]]:
    return list(generate_queries(6, N_QUERIES, LIST_SEED, LIST_N, debug=True))


def _source(query: dict[str, Any]) -> dict[str, Any]:
    return watchlist_entry(LIST_SEED, int(query["debug"]["source"].removeprefix("wl-")), True)


def _assert_valid_ftm(entity: dict[str, Any]) -> None:
    assert entity["schema"] == "Person" and entity["properties"]["name"]
    cleaned = model.get_proxy(entity, cleaned=False).to_dict()["properties"]
    for prop, values in entity["properties"].items():
        assert sorted(cleaned.get(prop, [])) == sorted(values), (prop, values)


# -- determinism and random access ----------------------------------------------------------


def test_same_seed_gives_identical_output() -> None:
    assert list(generate_watchlist(3, 150)) == list(generate_watchlist(3, 150))
    assert list(generate_watchlist(3, 150)) != list(generate_watchlist(4, 150))
    assert list(generate_queries(3, 100, 3, 1000)) == list(generate_queries(3, 100, 3, 1000))


def test_entry_is_reproducible_alone(entries: list[dict[str, Any]]) -> None:
    scale._RENDERED.clear()  # the cache must not change what is rendered
    for i in (0, 1, 17, 600, N_LIST - 1):
        assert watchlist_entry(LIST_SEED, i, debug=True) == entries[i]
    assert [e["id"] for e in entries[:3]] == ["wl-0", "wl-1", "wl-2"]


def test_cached_rendering_equals_whole_name_rendering() -> None:
    for locale, system in systems().items():
        rng = random.Random(locale)
        for _ in range(25):
            ident = scale.person(system, rng)
            ctx, parts = scale.contexts(system, ident), system.parts(ident)
            for names in (parts, scale.structural(system, parts, "x", "alias", rng)):
                for scheme in {*system.schemes_a(ident), *system.schemes_b(ident)}:
                    drawn, adds = scale.traits(locale, scheme)
                    for k in (0, 5) if drawn else (0,):
                        seed = f"watchline-scale/render/{locale}/{scheme}/{k}"
                        want = system.render(names, ident, scheme, random.Random(seed))
                        got = scale.render_parts(system, ident, names, scheme, k, ctx, adds)
                        assert got == want, (locale, scheme, names)


def test_scheme_weights_depend_on_the_region_only() -> None:
    for locale, system in systems().items():
        rng = random.Random(locale)
        for _ in range(10):
            ident = scale.person(system, rng)
            cached = scale.weights(locale, ident.region, "a")
            assert cached.keys == list(system.schemes_a(ident))


# -- the watchlist --------------------------------------------------------------------------


def test_every_entity_is_valid_ftm(
    entries: list[dict[str, Any]], queries: list[dict[str, Any]]
) -> None:
    for entity in entries[:400]:
        _assert_valid_ftm({k: v for k, v in entity.items() if k != "debug"})
    for record in queries[:400]:
        _assert_valid_ftm(record["query"])
        assert record["query"]["id"].startswith("q-")


def test_list_shares(entries: list[dict[str, Any]]) -> None:
    locales = Counter(e["debug"]["locale"] for e in entries)
    for locale, share in LOCALES.items():
        assert abs(locales[locale] / N_LIST - share) < 0.035, locale
    props = [e["properties"] for e in entries]
    assert all(len(p.get("alias", [])) <= 4 for p in props)
    assert 0.7 < sum("alias" in p for p in props) / N_LIST < 0.9
    dates = Counter(len(p.get("birthDate", [])) for p in props)
    assert abs(dates[0] / N_LIST - 0.05) < 0.025 and abs(dates[2] / N_LIST - 0.05) < 0.025
    year_only = sum(p.get("birthDate", ["x" * 10])[0].isdigit() for p in props)
    assert abs(year_only / N_LIST - 0.15) < 0.03
    assert abs(sum("passportNumber" in p for p in props) / N_LIST - 0.3) < 0.04
    assert all(p["topics"] and "sanction" in p["topics"][0] for p in props)


def test_popular_names_give_namesakes_on_the_list(entries: list[dict[str, Any]]) -> None:
    natives = Counter((e["debug"]["given"], e["debug"]["family"]) for e in entries)
    assert natives.most_common(1)[0][1] >= 3
    assert sum(c for c in natives.values() if c > 1) > N_LIST * 0.05


def test_native_scripts_on_about_forty_percent(entries: list[dict[str, Any]]) -> None:
    def non_latin(name: str) -> bool:
        return any(c.isalpha() and ord(c) >= 0x400 and not 0x1E00 <= ord(c) < 0x1F00 for c in name)

    native = sum(
        any(non_latin(n) for n in [*e["properties"]["name"], *e["properties"].get("alias", [])])
        for e in entries
    )
    assert 0.3 < native / N_LIST < 0.5


# -- queries --------------------------------------------------------------------------------


def test_query_kind_shares(queries: list[dict[str, Any]]) -> None:
    kinds = Counter(q["kind"] for q in queries)
    for kind, share in KINDS.items():
        assert abs(kinds[kind] / N_QUERIES - share) < 0.035, kind
    assert [q["query"]["id"] for q in queries[:2]] == ["q-0", "q-1"]
    assert all((q["expected"] is None) == (q["kind"] != "listed") for q in queries)


def test_listed_queries_are_another_rendering_of_the_entry(queries: list[dict[str, Any]]) -> None:
    listed = [q for q in queries if q["kind"] == "listed"]
    for q in listed[:150]:
        assert q["expected"] == q["debug"]["source"]
        assert int(q["expected"].removeprefix("wl-")) < LIST_N
        entry = _source(q)
        assert entry["debug"]["identity"] == q["debug"]["identity"]
        assert entry["debug"]["scheme"] != q["debug"]["scheme"]
        assert q["locale"] == entry["debug"]["locale"]
        year = int(q["debug"]["birth_date"][:4])
        for value in entry["properties"].get("birthDate", [])[:1]:
            assert abs(int(value[:4]) - year) <= 2
        for value in q["query"]["properties"].get("birthDate", []):
            assert abs(int(value[:4]) - year) <= 1
    alike = sum(
        q["query"]["properties"]["name"][0]
        in [*_source(q)["properties"]["name"], *_source(q)["properties"].get("alias", [])]
        for q in listed[:100]
    )
    assert alike < 15  # rendered differently, as a rule


def test_namesakes_and_relatives_conflict_with_their_source(
    queries: list[dict[str, Any]],
) -> None:
    for q in [q for q in queries if q["kind"] in ("namesake", "relative")][:200]:
        entry = _source(q)
        assert contradicts(q["query"], entry)
        assert entry["debug"]["identity"] != q["debug"]["identity"]
        assert entry["debug"]["family"] == q["debug"]["family"]
        if q["kind"] == "namesake":
            assert entry["debug"]["given"] == q["debug"]["given"]
            a, b = q["query"]["properties"], entry["properties"]
            docs = "passportNumber" in a and "passportNumber" in b
            assert docs or dates_contradict(a.get("birthDate", []), b.get("birthDate", []))


def test_cli_writes_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wl, qs = tmp_path / "wl.jsonl", tmp_path / "q.jsonl"
    assert main(["watchlist", "--seed", "2", "--n", "30", "-o", str(wl)]) == 0
    args = ["queries", "--seed", "3", "--n", "20", "--list-seed", "2", "--list-n", "30"]
    assert main([*args, "-o", str(qs)]) == 0
    assert len(wl.read_text(encoding="utf-8").splitlines()) == 30
    lines = qs.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20 and '"kind": ' in lines[0]
    assert "watchlist: 30/30" in capsys.readouterr().err
