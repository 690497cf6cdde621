"""Agency CSV reader: the fixture list and every rejected mistake, located."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from watchline.errors import InputError
from watchline.lists.agency_csv import COLUMNS, read_agency_csv

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "agency_list.csv"
HEADER = ",".join(COLUMNS)


def test_fixture_entities() -> None:
    entities = list(read_agency_csv(FIXTURE))
    counts = Counter(e.schema for e in entities)
    assert counts == {"Person": 11, "Organization": 1}
    rows = [e for e in entities if e.schema in ("Person", "Organization")]
    assert [e.id for e in rows] == [f"AG-{n:03d}" for n in range(1, 13)]
    assert all(e.source_id == e.id for e in entities)


def test_fixture_fields() -> None:
    by_id = {e.id: e for e in read_agency_csv(FIXTURE)}
    sokolov = by_id["AG-001"]
    assert sokolov.get("name") == ["Ivan Petrovich SOKOLOV"]
    assert "Иван Петрович Соколов" in sokolov.get("alias")
    assert sokolov.get("birthDate") == ["1971-03-14"]
    assert sokolov.get("nationality") == ["ru"]
    assert sokolov.get("passportNumber") == ["7512345678"]
    assert sokolov.get("taxNumber") == ["771234567890"]
    assert sokolov.get("gender") == ["male"]
    assert sokolov.get("topics") == ["sanction"]

    kapanadze = by_id["AG-002"]
    assert "გიორგი კაპანაძე" in kapanadze.names
    assert kapanadze.get("birthDate") == ["1983-07"]
    assert kapanadze.get("idNumber") == ["01024056789"]

    hashimi = by_id["AG-003"]
    assert hashimi.schema == "Person"  # empty schema cell -> default
    assert hashimi.get("birthDate") == ["1965", "1966"]
    assert hashimi.get("nationality") == ["sy", "iq"]
    assert "خالد محمود الهاشمي" in hashimi.get("alias")
    assert hashimi.get("topics") == ["crime.terror", "sanction"]
    assert hashimi.get("notes") == [
        'Also known as "Abu Omar"; two birth years reported',
        "passport N0123456 issued by sy",
    ]

    assert by_id["AG-004"].get("idNumber") == ["2847561390"]  # bare number

    org = by_id["AG-007"]
    assert org.schema == "Organization"
    assert org.get("incorporationDate") == ["2011-05-17"]
    assert org.get("country") == ["ru"]
    assert org.get("notes")[0] == "Registered in Moscow,\nalso trades through a branch in Minsk"

    volkov = by_id["AG-008"]
    assert volkov.get("passportNumber") == ["530012345", "K00123456"]
    assert volkov.get("nationality") == ["ru", "cy"]
    assert [(d.kind, d.number, d.country) for d in volkov.documents()] == [
        ("passport", "530012345", "ru"),
        ("passport", "K00123456", "cy"),
    ]
    assert [(d.kind, d.number, d.country) for d in org.documents()] == [("tax", "7701234567", "ru")]


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "agency.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        list(read_agency_csv(path))
    return str(exc.value)


def row(**values: str) -> str:
    fields = {"id": "X-1", "name": "Test Person", **values}
    return ",".join(fields.get(col, "") for col in COLUMNS)


def test_minimal_columns_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "min.csv"
    path.write_text("\ufeffName,ID\nAnna Kovac,K-1\n\nBoris Kovac,K-2\n", encoding="utf-8")
    entities = list(read_agency_csv(path))
    assert [(e.id, e.schema, e.caption) for e in entities] == [
        ("K-1", "Person", "Anna Kovac"),
        ("K-2", "Person", "Boris Kovac"),
    ]


def test_unknown_column_names_it(tmp_path: Path) -> None:
    path = write(tmp_path, "X-1,Test,1970", header="id,name,birthdate")
    message = error_for(path)
    assert str(path) in message and "line 1" in message
    assert "'birthdate'" in message and "did you mean 'birth_date'" in message


def test_missing_required_column(tmp_path: Path) -> None:
    message = error_for(write(tmp_path, "X-1,1970", header="id,birth_date"))
    assert "missing required column 'name'" in message and "line 1" in message


def test_wrong_field_count(tmp_path: Path) -> None:
    path = write(tmp_path, row(), row(id="X-2")[:-1] + ",extra,field", row(id="X-3"))
    message = error_for(path)
    assert str(path) in message and "line 3" in message and "found 11" in message


@pytest.mark.parametrize(
    ("values", "field", "snippet"),
    [
        ({"id": ""}, "id", "missing id"),
        ({"name": " "}, "name", "has no name"),
        ({"birth_date": "1965-13-45"}, "birth_date", "'1965-13-45'"),
        ({"birth_date": "circa 70s"}, "birth_date", "'circa 70s'"),
        ({"birth_date": "1970-02-29"}, "birth_date", "'1970-02-29'"),
        ({"nationality": "Narnia"}, "nationality", "'Narnia'"),
        ({"schema": "Cat"}, "schema", "'Cat'"),
        ({"gender": "x"}, "gender", "unknown gender"),
        ({"schema": "Company", "gender": "male"}, "gender", "Person rows only"),
        ({"topics": "sanctions"}, "topics", "'sanctions'"),
        ({"document_numbers": "visa:123"}, "document_numbers", "'visa:123'"),
        ({"document_numbers": "passport:123:Atlantis"}, "document_numbers", "'Atlantis'"),
        ({"schema": "Company", "document_numbers": "passport:1"}, "document_numbers", "passport"),
    ],
)
def test_bad_values_are_located(
    tmp_path: Path, values: dict[str, str], field: str, snippet: str
) -> None:
    path = write(tmp_path, row(id="X-0"), row(**values))
    message = error_for(path)
    assert str(path) in message
    assert "line 3" in message
    assert f"field {field!r}" in message
    assert snippet in message


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, row(id="X-1"), row(id="X-2"), row(id="X-1"))
    message = error_for(path)
    assert "line 4" in message and "duplicate id 'X-1'" in message and "line 2" in message


def test_line_numbers_follow_multiline_fields(tmp_path: Path) -> None:
    path = write(tmp_path, row(id="X-1", notes='"two\nlines"'), row(id="X-2", gender="?"))
    assert "line 4" in error_for(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "agency.csv"
    text = HEADER + "\n" + row(id="X-1") + "\n" + row(id="X-2", name="Дмитрий Волков") + "\n"
    path.write_bytes(text.encode("cp1251"))
    message = error_for(path)
    assert str(path) in message and "not valid UTF-8" in message and "line 3" in message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "agency.csv"
    path.write_bytes(b"")
    assert "empty file" in error_for(path)
