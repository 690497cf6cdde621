"""FtM JSON-lines reader: the OpenSanctions zala export and damaged copies of it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from watchline.errors import InputError
from watchline.lists.ftm import read_ftm

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "lists"
ZALA = DATA / "opensanctions-ftm" / "zala" / "entities.ftm.json"

PERSON = {
    "id": "NK-test1",
    "schema": "Person",
    "properties": {"name": ["Ivan Petrov"], "birthDate": ["1970-01-02"]},
}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_zala_counts_by_schema() -> None:
    entities = list(read_ftm(ZALA))
    assert len(entities) == 91
    assert Counter(e.schema for e in entities) == {
        "Sanction": 41,
        "Ownership": 14,
        "Company": 11,
        "Address": 11,
        "Person": 6,
        "Family": 4,
        "Directorship": 3,
        "Passport": 1,
    }
    assert len({e.id for e in entities}) == 91
    assert all(e.source_id == e.id for e in entities)


def test_zala_person_fields() -> None:
    people = {e.id: e for e in read_ftm(ZALA) if e.schema == "Person"}
    osetrova = people["NK-2Tbri3s6GgNtAwsSXh4qpL"]
    assert osetrova.get("birthDate") == ["1988-01-07"]
    assert osetrova.get("nationality") == ["ru"]
    assert "Мария Александровна Осетрова" in osetrova.get("name")
    assert "Mariya ZAKHAROVA" in osetrova.names
    assert osetrova.get("fatherName") == ["АЛЕКСАНДРОВНА"]
    assert set(osetrova.get("topics")) == {"debarment", "corp.disqual", "sanction"}
    lavrentii = people["NK-hUAjuiA3vTKXF6v2X6MYnS"]
    assert lavrentii.get("passportNumber") == ["089132114"]
    assert lavrentii.get("birthDate") == ["1999-02-26"]


def test_zala_keeps_non_matchable_schemata() -> None:
    by_id = {e.id: e for e in read_ftm(ZALA)}
    passport = by_id["gb-fcdo-217caa5aa607244044b49706d04d8d6c5ec992bd"]
    assert passport.schema == "Passport"
    assert passport.get("holder") == ["NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert passport.get("holder")[0] in by_id


def test_blank_lines_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "e.ftm.json"
    other = dict(PERSON, id="NK-test2")
    path.write_text(f"\n{json.dumps(PERSON)}\n   \n{json.dumps(other)}", encoding="utf-8")
    assert [e.id for e in read_ftm(path)] == ["NK-test1", "NK-test2"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert list(read_ftm(path)) == []


def damaged_copy(tmp_path: Path, line_no: int, replacement: str) -> Path:
    """The zala file with one line replaced."""
    lines = ZALA.read_text(encoding="utf-8").splitlines()
    lines[line_no - 1] = replacement
    return write_lines(tmp_path / "entities.ftm.json", lines)


def assert_located(exc: pytest.ExceptionInfo[InputError], path: Path, line: int) -> None:
    message = str(exc.value)
    assert str(path) in message
    assert f"line {line}" in message


def test_broken_json_line(tmp_path: Path) -> None:
    original = ZALA.read_text(encoding="utf-8").splitlines()[29]
    path = damaged_copy(tmp_path, 30, original[: len(original) // 2])
    with pytest.raises(InputError, match="invalid JSON") as exc:
        list(read_ftm(path))
    assert_located(exc, path, 30)


def test_non_object_line(tmp_path: Path) -> None:
    path = damaged_copy(tmp_path, 5, '["not", "an", "entity"]')
    with pytest.raises(InputError, match="expected a JSON object") as exc:
        list(read_ftm(path))
    assert_located(exc, path, 5)


@pytest.mark.parametrize(
    ("change", "field", "pattern"),
    [
        ({"schema": "Persn"}, "schema", "unknown FollowTheMoney schema 'Persn'"),
        ({"schema": "Thing"}, "schema", "abstract"),
        ({"id": None}, "id", "has no 'id'"),
        ({"id": ""}, "id", "has no 'id'"),
        ({"properties": {"birthdate": ["1970"]}}, "properties.birthdate", "no property"),
        ({"properties": {"name": [5]}}, "properties.name", "holds a number"),
        ({"properties": {"name": {"a": "b"}}}, "properties.name", "list of strings"),
        ({"properties": []}, "properties", "must be an object"),
    ],
)
def test_invalid_entity(
    tmp_path: Path, change: dict[str, object], field: str, pattern: str
) -> None:
    bad = {**PERSON, **change}
    path = write_lines(
        tmp_path / "e.ftm.json", [json.dumps(dict(PERSON, id="ok")), json.dumps(bad)]
    )
    with pytest.raises(InputError, match=pattern) as exc:
        list(read_ftm(path))
    assert_located(exc, path, 2)
    assert f"field {field!r}" in str(exc.value)


def test_duplicate_id(tmp_path: Path) -> None:
    lines = ZALA.read_text(encoding="utf-8").splitlines()
    path = write_lines(tmp_path / "entities.ftm.json", [*lines[:10], lines[3]])
    with pytest.raises(InputError, match="first seen on line 4") as exc:
        list(read_ftm(path))
    assert_located(exc, path, 11)


def test_non_utf8_line(tmp_path: Path) -> None:
    # Line 7 holds Cyrillic names; saved as Windows-1251 they are not valid UTF-8.
    lines = ZALA.read_bytes().splitlines()
    lines[6] = lines[6].decode("utf-8").encode("cp1251", errors="replace")
    path = tmp_path / "entities.ftm.json"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError, match="not valid UTF-8") as exc:
        list(read_ftm(path))
    assert_located(exc, path, 7)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(InputError, match="file not found") as exc:
        list(read_ftm(path))
    assert str(path) in str(exc.value)
