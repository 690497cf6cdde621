"""Reading encounter files: every field, and a clear error for each kind of broken row."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watchline.errors import InputError
from watchline.lists.encounters import read_encounters

HEADER = "encounter_id,person_id,name,birth_date,nationality,passport,occurred_at,port,agency\n"


def write(tmp_path: Path, text: str, name: str = "enc.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "E-1,A123,Рустам Назаров,1990-04-01,tj,400123456,2024-05-06T07:08:09,JFK,CBP\n"
        + ",,Nodira Karimova,1995,uz,,2024-05-07,IAD,\n",
    )
    first, second = read_encounters(path, source="apis", file_key="f00d")
    assert first.external_ref == "E-1" and first.person_ref == "A123"
    assert first.source_system == "apis" and first.location == "JFK" and first.agency == "CBP"
    assert first.occurred_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert first.entity.get("passportNumber") == ["400123456"]
    assert first.entity.get("nationality") == ["tj"]
    # No reference of its own: named by the file and line, so a re-import finds it.
    assert second.external_ref == "f00d:3" and second.person_ref is None
    assert second.occurred_at == datetime(2024, 5, 7, tzinfo=UTC)


def test_ftm_lines_with_encounter_object(tmp_path: Path) -> None:
    record = {
        "id": "X-9",
        "schema": "Person",
        "properties": {"name": ["Giorgi Beridze"], "birthDate": ["1979"]},
        "encounter": {"location": "Tbilisi office", "source_system": "visa", "person_id": "P7"},
    }
    path = write(tmp_path, json.dumps(record) + "\n", "enc.json")
    (only,) = read_encounters(path, source="cli", file_key="k")
    assert (only.external_ref, only.source_system, only.person_ref) == ("X-9", "visa", "P7")
    assert only.location == "Tbilisi office" and only.occurred_at is None


@pytest.mark.parametrize(
    ("rows", "message", "line"),
    [
        ("E-1,,Ali Karimov,1990,uz,,2024-13-01,JFK,\n", "cannot read encounter time", 2),
        ("E-1,,Ali Karimov,1990,uz,,2024-01-01,JFK\n", "expected 9 fields, found 8", 2),
        ("E-1,,,1990,uz,,2024-01-01,JFK,\n", "no name", 2),
        ("E-1,,Ali,1990,,,,,\nE-1,,Vali,1991,,,,,\n", "already appears on line 2", 3),
        ("E-1,,Ali,19x0,uz,,,,\n", "cannot read birthDate", 2),
    ],
)
def test_broken_rows_are_named(tmp_path: Path, rows: str, message: str, line: int) -> None:
    path = write(tmp_path, HEADER + rows)
    with pytest.raises(InputError, match=message) as info:
        read_encounters(path, source="s", file_key="k")
    assert f"line {line}" in str(info.value) and str(path) in str(info.value)


def test_lenient_skips_unreadable_birth_date(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "E-1,,Ali Karimov,19x0,uz,,,,\n")
    warnings: list[str] = []
    (record,) = read_encounters(path, source="s", file_key="k", warnings=warnings)
    assert not record.entity.has("birthDate") and "19x0" in warnings[0]


def test_bad_json_line(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": "a", "schema": "Person"\n', "enc.json")
    with pytest.raises(InputError, match="invalid JSON") as info:
        read_encounters(path, source="s", file_key="k")
    assert "line 1" in str(info.value)
