"""OpenSanctions delta series: index, change files, ordering and applying ops."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from watchline.errors import ConflictError, InputError
from watchline.lists.ftm import read_ftm
from watchline.lists.ftm_delta import (
    DeltaOp,
    DeltaVersion,
    apply_delta,
    check_order,
    read_delta,
    read_delta_index,
    versions_after,
)
from watchline.model import Entity

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "lists"
SERIES = DATA / "opensanctions-ftm" / "delta-t2"
BASE = SERIES / "base-t1.entities.ftm.json"
VERSIONS = [
    "20240527134702-zbn",
    "20240527194702-wnk",
    "20240528014702-pfh",
    "20240528074703-npf",
    "20240528134729-3iv",
]
BASE_IDS = {
    "NK-2GdmHtZTeNXjNVrBGEXZNj",
    "NK-2Ka3UvopqbpZmVDFjWd4LA",
    "NK-2KeUB68qUJtykm3BuAcazG",
    "NK-2MQE6AmhAk4tqhENJAMUG9",
    "NK-2Mht2rqBeravCTdyQAWc4o",
    "NK-2Myxbs6wX9xFKGoQn3sLaY",
    "NK-2PacmNpiLUmoz4XD2mSt7A",
}


def test_index_sorted_with_local_paths() -> None:
    versions = read_delta_index(SERIES / "delta.json")
    assert [v.version for v in versions] == VERSIONS
    for v in versions:
        assert v.path == SERIES / v.version / "entities.delta.json"
        assert v.url == (
            f"https://data.opensanctions.org/artifacts/sanctions/{v.version}/entities.delta.json"
        )
    assert read_delta_index(SERIES) == versions


def test_index_without_local_files(tmp_path: Path) -> None:
    shutil.copy(SERIES / "delta.json", tmp_path / "delta.json")
    versions = read_delta_index(tmp_path)
    assert [v.version for v in versions] == VERSIONS
    assert all(v.path is None and v.url for v in versions)


def test_read_each_version() -> None:
    ops = {v: list(read_delta(SERIES / v / "entities.delta.json")) for v in VERSIONS}
    assert ops[VERSIONS[0]] == []  # the 0-byte file is a valid "nothing changed"
    summary = {v: [(o.op, o.entity_id, o.line) for o in found] for v, found in ops.items()}
    assert summary[VERSIONS[1]] == [
        ("ADD", "NK-2T3S8Hu29ktYnKSTgQp2wL", 1),
        ("ADD", "NK-2sJaJRaPJcWUfMbHjTtWcL", 2),
    ]
    assert summary[VERSIONS[2]] == [
        ("ADD", "NK-500Poltergeist", 1),
        ("MOD", "NK-2T3S8Hu29ktYnKSTgQp2wL", 2),
    ]
    assert summary[VERSIONS[3]] == [("DEL", "NK-500Poltergeist", 1)]
    assert summary[VERSIONS[4]] == [("ADD", "Q4365364", 1)]
    (deleted,) = ops[VERSIONS[3]]
    assert deleted.entity is None
    janan = ops[VERSIONS[1]][1].entity
    assert janan is not None and janan.schema == "Person"
    assert "جانان آغا" in janan.names


def test_apply_all_versions_over_base() -> None:
    base = {e.id: e for e in read_ftm(BASE)}
    assert set(base) == BASE_IDS
    current = base
    for version in read_delta_index(SERIES):
        assert version.path is not None
        current = apply_delta(current, read_delta(version.path))
    assert set(current) == BASE_IDS | {
        "NK-2T3S8Hu29ktYnKSTgQp2wL",
        "NK-2sJaJRaPJcWUfMbHjTtWcL",
        "Q4365364",
    }
    assert "NK-500Poltergeist" not in current
    modified = current["NK-2T3S8Hu29ktYnKSTgQp2wL"]
    assert modified.caption == "Foobar Foobargroup"  # the MOD body replaced the ADD body
    plotnikov = current["Q4365364"]
    assert "Владимир Николаевич ПЛОТНИКОВ" in plotnikov.names
    assert plotnikov.get("birthDate") == ["1961-11-30"]
    assert set(base) == BASE_IDS  # the input dict is not mutated


def person(entity_id: str, name: str) -> Entity:
    return Entity("Person", entity_id, {"name": [name]})


def test_apply_semantics() -> None:
    old = {"a": person("a", "Old A"), "b": person("b", "B")}
    ops = [
        DeltaOp("ADD", "a", person("a", "New A"), 1),  # ADD of an existing id replaces
        DeltaOp("MOD", "c", person("c", "C"), 2),  # MOD of a missing id inserts
        DeltaOp("DEL", "zzz", None, 3),  # DEL of a missing id is a no-op
        DeltaOp("DEL", "b", None, 4),
    ]
    new = apply_delta(old, ops)
    assert sorted(new) == ["a", "c"]
    assert new["a"].caption == "New A"
    assert old["a"].caption == "Old A" and sorted(old) == ["a", "b"]


def test_versions_after_and_check_order() -> None:
    versions = [DeltaVersion(v, None, None) for v in reversed(VERSIONS)]
    assert [v.version for v in versions_after(versions, None)] == VERSIONS
    assert [v.version for v in versions_after(versions, VERSIONS[2])] == VERSIONS[3:]
    assert versions_after(versions, VERSIONS[-1]) == []
    check_order(VERSIONS[3], VERSIONS[2])
    check_order(VERSIONS[0], None)
    with pytest.raises(ConflictError, match="older than \\(or equal to\\)") as exc:
        check_order(VERSIONS[1], VERSIONS[2])
    assert VERSIONS[1] in str(exc.value) and VERSIONS[2] in str(exc.value)
    with pytest.raises(ConflictError):
        check_order(VERSIONS[2], VERSIONS[2])


def copy_version(tmp_path: Path, version: str) -> Path:
    path = tmp_path / "entities.delta.json"
    shutil.copy(SERIES / version / "entities.delta.json", path)
    path.chmod(0o644)
    return path


def assert_located(exc: pytest.ExceptionInfo[InputError], path: Path, line: int) -> None:
    assert str(path) in str(exc.value)
    assert f"line {line}" in str(exc.value)


def test_broken_json_line(tmp_path: Path) -> None:
    path = copy_version(tmp_path, VERSIONS[2])
    first, second = path.read_text(encoding="utf-8").splitlines()
    path.write_text(first + "\n" + second[:-40], encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON") as exc:
        list(read_delta(path))
    assert_located(exc, path, 2)


def test_unknown_op(tmp_path: Path) -> None:
    path = copy_version(tmp_path, VERSIONS[1])
    lines = path.read_text(encoding="utf-8").splitlines()
    line = json.loads(lines[1])
    line["op"] = "UPSERT"
    path.write_text(lines[0] + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown op 'UPSERT'") as exc:
        list(read_delta(path))
    assert_located(exc, path, 2)
    assert "field 'op'" in str(exc.value)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"op": "ADD"}, "entity"),
        ({"op": "MOD", "entity": {"id": "x"}}, "entity.schema"),
        (
            {"op": "ADD", "entity": {"id": "x", "schema": "Person", "properties": {"nam": ["A"]}}},
            "entity.properties.nam",
        ),
        ({"op": "DEL", "entity": {}}, "entity.id"),
    ],
)
def test_invalid_entity(tmp_path: Path, line: dict[str, object], field: str) -> None:
    path = tmp_path / "entities.delta.json"
    good = {"op": "DEL", "entity": {"id": "gone"}}
    path.write_text(f"{json.dumps(good)}\n\n{json.dumps(line)}", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_delta(path))
    assert_located(exc, path, 3)
    assert f"field {field!r}" in str(exc.value)


def test_non_utf8_delta(tmp_path: Path) -> None:
    path = copy_version(tmp_path, VERSIONS[4])
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b'{"op":"DEL","entity":{"id":"a"}}\n' + text.encode("cp1251", "replace"))
    with pytest.raises(InputError, match="not valid UTF-8") as exc:
        list(read_delta(path))
    assert_located(exc, path, 2)


def test_index_without_versions(tmp_path: Path) -> None:
    path = tmp_path / "delta.json"
    path.write_text('{\n  "updated_at": "2024-05-28T14:47:29Z"\n}\n', encoding="utf-8")
    with pytest.raises(InputError, match="missing 'versions'") as exc:
        read_delta_index(path)
    assert str(path) in str(exc.value) and "field 'versions'" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"versions": {\n  "20240527134702-zbn": "u",\n}}', "line 3"),
        ('{"versions": ["20240527134702-zbn"]}', "field 'versions'"),
        ('{"versions": {"../../etc": "u"}}', "field 'versions.../../etc'"),
        ('{"versions": {"20240527134702-zbn": 5}}', "field 'versions.20240527134702-zbn'"),
        ("[]", "expected a JSON object"),
    ],
)
def test_invalid_index(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "delta.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_delta_index(path)
    assert str(path) in str(exc.value) and expected in str(exc.value)
