"""OFAC legacy SDN CSV reader: real files, remark parsing tables, and damaged copies.

The real OFAC files are read, never copied into the repository; damaged variants are
made from them in `tmp_path` so each error test starts from data OFAC actually ships.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest

from watchline.errors import InputError
from watchline.lists.ofac_remarks import parse_date, parse_remarks, split_remarks
from watchline.lists.ofac_sdn import person_name, read_ofac_sdn
from watchline.model import Entity

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "lists"
OFAC = DATA / "ofac-sdn"
FILES = ("sdn.csv", "alt.csv", "add.csv")

needs_data = pytest.mark.skipif(not (OFAC / "sdn.csv").is_file(), reason=f"no OFAC data at {OFAC}")


def copy_ofac(target: Path) -> Path:
    """Writable copies of the three real files (the originals are read-only)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(OFAC / name, target / name)
    return target


def small_copy(target: Path, rows: int) -> Path:
    """The first `rows` entries of sdn.csv plus their aliases and addresses, still CRLF."""
    target.mkdir(parents=True, exist_ok=True)
    lines = (OFAC / "sdn.csv").read_bytes().split(b"\r\n")[:rows]
    (target / "sdn.csv").write_bytes(b"\r\n".join(lines) + b"\r\n")
    keep = {line.split(b",", 1)[0] for line in lines}
    for name in FILES[1:]:
        related = [
            line
            for line in (OFAC / name).read_bytes().split(b"\r\n")
            if line.split(b",", 1)[0] in keep
        ]
        (target / name).write_bytes(b"\r\n".join(related) + b"\r\n")
    return target


def replace_line(path: Path, number: int, new: bytes) -> None:
    """Replace physical line `number` (1-based) of a CRLF file."""
    lines = path.read_bytes().split(b"\r\n")
    lines[number - 1] = new
    path.write_bytes(b"\r\n".join(lines))


def line_of(path: Path, number: int) -> bytes:
    return path.read_bytes().split(b"\r\n")[number - 1]


def read_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        list(read_ofac_sdn(path))
    return info.value


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    if not (OFAC / "sdn.csv").is_file():
        pytest.skip(f"no OFAC data at {OFAC}")
    return {entity.id: entity for entity in read_ofac_sdn(OFAC)}


# --- The real files ---------------------------------------------------------------------


@needs_data
def test_counts_by_schema(entities: dict[str, Entity]) -> None:
    assert len(entities) == 8976
    assert Counter(e.schema for e in entities.values()) == {
        "Person": 4620,
        "Organization": 3673,
        "Vessel": 406,
        "Airplane": 277,
    }


@needs_data
def test_provenance_and_topics(entities: dict[str, Entity]) -> None:
    for entity in entities.values():
        assert entity.id == f"ofac-{entity.source_id}"
        assert entity.list_name is None
        assert entity.get("topics") == ["sanction"]
        assert entity.get("program")
        assert entity.get("name")


@needs_data
def test_individual_tuchkov(entities: dict[str, Entity]) -> None:
    person = entities["ofac-26667"]
    assert person.schema == "Person"
    assert person.get("name") == ["Ivan Dmitriyevich TUCHKOV"]
    assert person.get("firstName") == ["Ivan Dmitriyevich"]
    assert person.get("lastName") == ["TUCHKOV"]
    assert person.get("birthDate") == ["1986-11-27"]
    assert person.get("birthPlace") == ["Moscow, Russia"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["45092006504", "753931329"]
    assert person.get("idNumber") == ["525867504"]  # VisaNumberID 525867504 (France)
    assert person.get("program") == ["CYBER2"]
    assert person.get("country") == ["ru"]  # from add.csv
    assert person.get("address") == []  # add.csv only names the country
    notes = person.get("notes")
    assert "passport 45092006504 issued by ru" in notes
    assert "passport 753931329 issued by ru" in notes
    assert "Linked To: EVIL CORP." in notes
    documents = {(d.kind, d.number, d.country) for d in person.documents()}
    assert documents == {
        ("passport", "45092006504", "ru"),
        ("passport", "753931329", "ru"),
        ("id", "525867504", "fr"),
    }


@needs_data
def test_individual_duplan(entities: dict[str, Entity]) -> None:
    person = entities["ofac-30583"]
    assert person.get("name") == ["Joseph Pierre Richard DUPLAN"]
    assert person.get("lastName") == ["DUPLAN"]
    assert person.get("birthDate") == ["1970-04-03"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["545829751"]  # "expires 28 Apr 2026" dropped
    assert person.get("notes") == ["passport 545829751 issued by us"]
    assert person.get("country") == ["ht"]
    assert person.get("program") == ["GLOMAG"]


@needs_data
def test_organization_with_aliases_and_addresses(entities: dict[str, Entity]) -> None:
    bank = entities["ofac-306"]
    assert bank.schema == "Organization"
    assert bank.get("name") == ["BANCO NACIONAL DE CUBA"]
    assert bank.get("alias") == ["NATIONAL BANK OF CUBA"]  # alt.csv
    assert bank.get("weakAlias") == ["BNC"]  # "a.k.a. 'BNC'." in remarks
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bank.get("address")
    assert len(bank.get("address")) == 4
    assert bank.get("country") == ["ch", "es", "jp", "pa"]
    assert not bank.has("birthDate")


@needs_data
@pytest.mark.parametrize(
    ("ent_num", "remark", "dates"),
    [
        ("9330", "DOB circa 1970", ["1970"]),
        ("16479", "DOB 1970 to 1972", ["1970", "1971", "1972"]),
        ("18007", "DOB 1957 to 1962", ["1957", "1958", "1959", "1960", "1961", "1962"]),
        ("11748", "DOB circa 1979-1982; alt. DOB 1982", ["1979", "1980", "1981", "1982"]),
        ("16455", "DOB 1964; alt. DOB 1963 to 1965", ["1964", "1963", "1965"]),
        ("16540", "DOB 01 Jan 1977 to 31 Dec 1985", ["1977-01-01", "1985-12-31"]),
    ],
)
def test_real_birth_date_variants(
    entities: dict[str, Entity], ent_num: str, remark: str, dates: list[str]
) -> None:
    assert remark in line_of(OFAC / "sdn.csv", _line_number(ent_num)).decode()
    assert entities[f"ofac-{ent_num}"].get("birthDate") == dates


def _line_number(ent_num: str) -> int:
    with (OFAC / "sdn.csv").open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if row and row[0] == ent_num:
                return number
    raise AssertionError(ent_num)


@needs_data
def test_circa_entry_keeps_passport_number_only(entities: dict[str, Entity]) -> None:
    person = entities["ofac-9330"]
    assert person.get("name") == ["Omar Sabawi Ibrahim Hasan AL-TIKRITI"]
    assert person.get("nationality") == ["iq"]
    assert person.get("passportNumber") == ["2863795S"]
    assert person.get("birthPlace") == ["Baghdad, Iraq"]


@needs_data
def test_vessel(entities: dict[str, Entity]) -> None:
    vessel = entities["ofac-15036"]
    assert vessel.schema == "Vessel"
    assert vessel.get("name") == ["ARTAVIL"]
    assert vessel.get("imoNumber") == ["9187629"]
    assert vessel.get("mmsi") == ["572469210"]
    assert vessel.get("callSign") == ["T2EU4"]
    assert vessel.get("type") == ["Crude/Oil Products Tanker"]
    assert vessel.get("tonnage") == ["99144"]
    assert vessel.get("grossRegisteredTonnage") == ["56068"]
    assert vessel.get("flag") == ["ir"]
    assert vessel.get("pastFlags") == ["mt", "tv", "tz"]
    assert vessel.get("previousName") == ["ABADAN", "SHONA", "ALPHA"]  # alt.csv + f.k.a.
    assert "alt. Former Vessel Flag None Identified" in vessel.get("notes")
    assert "Linked To: NATIONAL IRANIAN TANKER COMPANY" in vessel.get("notes")


@needs_data
def test_vessel_owner_goes_to_notes(entities: dict[str, Entity]) -> None:
    vessel = entities["ofac-4234"]
    assert vessel.get("name") == ["HERMANN"]
    assert vessel.get("notes") == ["Owner: Compania Navegacion Golfo S.A."]
    assert not vessel.has("owner")


@needs_data
def test_aircraft(entities: dict[str, Entity]) -> None:
    plane = entities["ofac-15431"]
    assert plane.schema == "Airplane"
    assert plane.get("name") == ["EP-GOM"]
    assert plane.get("model") == ["IL76-TD"]
    assert plane.get("serialNumber") == ["1023409321"]
    assert plane.get("buildDate") == ["1992"]
    assert "Aircraft Operator YAS AIR" in plane.get("notes")


@needs_data
def test_multi_program_and_swift(entities: dict[str, Entity]) -> None:
    bank = entities["ofac-906"]
    assert bank.get("swiftBic") == ["HAVIGB2L"]
    assert bank.get("registrationNumber") == ["01074897"]
    assert bank.get("website") == ["http://www.havanaintbank.co.uk/", "http://www.hib.uk.com/"]
    naqdi = entities["ofac-12057"]
    assert naqdi.get("program") == ["SDGT", "NPWMD", "IRGC", "IFSR", "IRAN-HR", "IRAN-EO13876"]


@needs_data
def test_schema_specific_remarks_fall_back_to_notes(entities: dict[str, Entity]) -> None:
    organizations = [e for e in entities.values() if e.schema == "Organization"]
    assert not any(e.has("birthDate") or e.has("gender") for e in organizations)
    assert sum(e.has("incorporationDate") for e in organizations) > 100


@needs_data
def test_sdn_file_path_and_optional_side_files(tmp_path: Path) -> None:
    folder = small_copy(tmp_path / "ofac", 40)
    by_dir = {e.id: e for e in read_ofac_sdn(folder)}
    by_file = {e.id: e for e in read_ofac_sdn(folder / "sdn.csv")}
    assert len(by_dir) == 40
    assert by_dir == by_file
    assert by_dir["ofac-306"].get("alias") == ["NATIONAL BANK OF CUBA"]
    (folder / "alt.csv").unlink()
    (folder / "add.csv").unlink()
    bare = {e.id: e for e in read_ofac_sdn(folder)}
    assert len(bare) == 40
    assert not bare["ofac-306"].has("alias")
    assert not bare["ofac-306"].has("address")


# --- Damaged copies ---------------------------------------------------------------------


@needs_data
def test_missing_field_names_file_and_line(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    sdn = folder / "sdn.csv"
    replace_line(sdn, 3, line_of(sdn, 3).rsplit(b",", 1)[0])  # drop Remarks
    error = read_error(folder)
    assert "expected 12 fields, found 11" in error.message
    assert error.location == f"{sdn}, line 3"


@needs_data
def test_latin1_bytes_name_file_and_line(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    sdn = folder / "sdn.csv"
    replace_line(sdn, 5000, line_of(sdn, 5000).replace(b'"', b'"CAF\xc9 ', 1))
    error = read_error(folder)
    assert "not valid UTF-8" in error.message
    assert error.location == f"{sdn}, line 5000"


@needs_data
def test_utf16_file_is_rejected(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    add = folder / "add.csv"
    add.write_bytes(add.read_bytes().decode("utf-8").encode("utf-16"))
    error = read_error(folder)
    assert "not valid UTF-8" in error.message
    assert error.location == f"{add}, line 1"


@needs_data
def test_alt_row_with_unknown_ent_num(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    alt = folder / "alt.csv"
    replace_line(alt, 2, b'999999999,57,"aka","NOBODY",-0- ')
    error = read_error(folder)
    assert "ent_num 999999999 is not in sdn.csv" in error.message
    assert error.location == f"{alt}, line 2, field 'ent_num'"


@needs_data
def test_non_numeric_ent_num(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    sdn = folder / "sdn.csv"
    replace_line(sdn, 4, b"X" + line_of(sdn, 4))
    error = read_error(folder)
    assert "ent_num must be an integer, found 'X424'" in error.message
    assert error.location == f"{sdn}, line 4, field 'ent_num'"


@needs_data
def test_duplicate_ent_num(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    sdn = folder / "sdn.csv"
    replace_line(sdn, 6, line_of(sdn, 2))
    error = read_error(folder)
    assert "duplicate ent_num 173" in error.message
    assert error.location == f"{sdn}, line 6, field 'ent_num'"


@needs_data
def test_add_row_with_extra_field(tmp_path: Path) -> None:
    folder = copy_ofac(tmp_path / "ofac")
    add = folder / "add.csv"
    replace_line(add, 10, line_of(add, 10) + b',"extra"')
    error = read_error(folder)
    assert "expected 6 fields, found 7" in error.message
    assert error.location == f"{add}, line 10"


@needs_data
def test_missing_sdn_file(tmp_path: Path) -> None:
    error = read_error(tmp_path)
    assert "sdn.csv not found" in error.message


# --- Remarks, unit by unit --------------------------------------------------------------

ID = "idNumber"


@pytest.mark.parametrize(
    ("remarks", "expected"),
    [
        ("DOB 15 Jun 1968", [("birthDate", "1968-06-15")]),
        ("DOB Jun 1968", [("birthDate", "1968-06")]),
        ("DOB 1968.", [("birthDate", "1968")]),
        ("DOB circa 1970", [("birthDate", "1970")]),
        ("DOB circa 07 Jul 1966", [("birthDate", "1966")]),
        ("DOB 1965 to 1967", [("birthDate", y) for y in ("1965", "1966", "1967")]),
        ("DOB circa 1979-1982", [("birthDate", str(y)) for y in range(1979, 1983)]),
        ("DOB 1940 to 1970", [("birthDate", "1940"), ("birthDate", "1970")]),
        (
            "DOB 01 Jan 1960 to 31 Dec 1962",
            [("birthDate", "1960-01-01"), ("birthDate", "1962-12-31")],
        ),
        ("DOB Mar 1962 to Feb 1963", [("birthDate", "1962-03"), ("birthDate", "1963-02")]),
        ("alt. DOB 02 Feb 1950", [("birthDate", "1950-02-02")]),
        ("DOB 31 Feb 1960", [("notes", "DOB 31 Feb 1960")]),
        ("Organization Established Date 17 Dec 2016", [("incorporationDate", "2016-12-17")]),
        ("Aircraft Manufacture Date Sep 1992", [("buildDate", "1992-09")]),
        ("POB Tehran, Iran", [("birthPlace", "Tehran, Iran")]),
        ("alt. POB Yemen", [("birthPlace", "Yemen")]),
        ("nationality Syria", [("nationality", "Syria")]),
        ("citizen Mexico", [("citizenship", "Mexico")]),
        ("Gender Female", [("gender", "Female")]),
        (
            "Passport D9004869 (Iran)",
            [("passportNumber", "D9004869"), ("notes", "passport D9004869 issued by ir")],
        ),
        (
            "alt. Passport 545829751 (United States) issued 01 Jan 2016 expires 28 Apr 2026",
            [("passportNumber", "545829751"), ("notes", "passport 545829751 issued by us")],
        ),
        ("alt. Passport RL 3203273 expires 20 May 2020", [("passportNumber", "RL 3203273")]),
        (
            "Diplomatic Passport 008827 (Iran) issued 1999",
            [("passportNumber", "008827"), ("notes", "passport 008827 issued by ir")],
        ),
        ("National ID No. 123 (Syria)", [(ID, "123"), ("notes", "id 123 issued by sy")]),
        (
            "Cedula No. 16247821 (Colombia)",
            [(ID, "16247821"), ("notes", "id 16247821 issued by co")],
        ),
        ("D.N.I. 12345678", [(ID, "12345678")]),
        ("alt. C.U.R.P. CAIM680202MCHRLR08", [(ID, "CAIM680202MCHRLR08")]),
        ("SSN 123-45-6789", [(ID, "123-45-6789")]),
        ("Identification Number AO 2879097", [(ID, "AO 2879097")]),
        ("NIT # 800146749-7", [("taxNumber", "800146749-7")]),
        (
            "RUC # 20108363101 (Peru)",
            [("taxNumber", "20108363101"), ("notes", "tax 20108363101 issued by pe")],
        ),
        (
            "Registration Number 02696754 (United Kingdom)",
            [("registrationNumber", "02696754"), ("notes", "registration 02696754 issued by gb")],
        ),
        ("R.F.C. GAHJ-521206", [("taxNumber", "GAHJ-521206")]),
        ("Tax ID No. AABA 670850 Y", [("taxNumber", "AABA 670850 Y")]),
        ("Registration Number 02696754", [("registrationNumber", "02696754")]),
        ("Commercial Registry Number 1404087", [("registrationNumber", "1404087")]),
        ("Company Number 01074897", [("registrationNumber", "01074897")]),
        ("Vessel Registration Identification IMO 9187629", [("imoNumber", "9187629")]),
        ("Company Number IMO 1234567.", [("imoNumber", "1234567")]),
        ("MMSI 572469210", [("mmsi", "572469210")]),
        ("SWIFT/BIC HAVIGB2L", [("swiftBic", "HAVIGB2L")]),
        ("Website www.hib.uk.com", [("website", "www.hib.uk.com")]),
        ("alt. Email Address a@b.sy", [("email", "a@b.sy")]),
        ("Aircraft Model IL76-TD", [("model", "IL76-TD")]),
        ("a.k.a. 'BNC'.", [("weakAlias", "BNC")]),
        ("a.k.a. ''FOOPIE''", [("weakAlias", "FOOPIE")]),
        ("a.k.a. 'ABU 'ABD AL-'AZIZ'", [("weakAlias", "ABU 'ABD AL-'AZIZ")]),
        ("f.k.a. 'ALPHA'", [("previousName", "ALPHA")]),
        ("Linked To: HIZBALLAH.", [("notes", "Linked To: HIZBALLAH")]),
        ("Linked To: ACME CO., LTD.", [("notes", "Linked To: ACME CO., LTD.")]),
        ("Minister of Interior", [("notes", "Minister of Interior")]),
        (
            "National ID No. D489833(9) (Hong Kong)",
            [(ID, "D489833(9)"), ("notes", "id D489833(9) issued by hk")],
        ),
        (
            "Folio Mercantil No. 22839 (Jalisco) (Mexico)",
            [
                ("registrationNumber", "22839"),
                ("notes", "registration 22839 issued by mx"),
                ("notes", "Folio Mercantil No. 22839 (Jalisco) (Mexico)"),
            ],
        ),
        (
            "Passport 4117921 issued under the name Dilawar Khan",
            [
                ("passportNumber", "4117921"),
                ("notes", "Passport 4117921 issued under the name Dilawar Khan"),
            ],
        ),
        (
            "Passport and National ID were issued in Ulm, Germany",
            [("notes", "Passport and National ID were issued in Ulm, Germany")],
        ),
        ("NIT # Provisional (Colombia)", [("notes", "NIT # Provisional (Colombia)")]),
        ("Aircraft Tail Number EP-MMH", [("registrationNumber", "EP-MMH")]),
        ("", []),
    ],
)
def test_parse_remarks(remarks: str, expected: list[tuple[str, str]]) -> None:
    assert parse_remarks(remarks) == expected


@pytest.mark.parametrize(
    ("remarks", "parts"),
    [
        ("DOB 1970; POB Libya.", ["DOB 1970", "POB Libya"]),
        ("a.k.a. 'A; B'; POB X", ["a.k.a. 'A; B'", "POB X"]),
        (
            "Aircraft Manufacturer's Serial Number (MSN) 1; Linked To: POUYA AIR.",
            ["Aircraft Manufacturer's Serial Number (MSN) 1", "Linked To: POUYA AIR"],
        ),
        (
            "Individual's height is 5 feet.; a.k.a. 'X'.",
            ["Individual's height is 5 feet", "a.k.a. 'X'"],
        ),
        ("a.k.a. 'UNCLOSED; POB Y", ["a.k.a. 'UNCLOSED", "POB Y"]),
        (
            "POB Tall 'Afar, Iraq; nationality Iraq; a.k.a. 'ABDELNASSER, Hajji'.",
            ["POB Tall 'Afar, Iraq", "nationality Iraq", "a.k.a. 'ABDELNASSER, Hajji'"],
        ),
        ("a.k.a. 'X'; a.k.a. 'Y; Z'", ["a.k.a. 'X'", "a.k.a. 'Y; Z'"]),
        (" ;  ; ", []),
    ],
)
def test_split_remarks(remarks: str, parts: list[str]) -> None:
    assert split_remarks(remarks) == parts


def test_wide_year_range_keeps_endpoints() -> None:
    assert parse_date("1950 to 1959") == [str(y) for y in range(1950, 1960)]
    assert parse_date("1950 to 1960") == ["1950", "1960"]
    assert parse_date("not a date") == []


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        (
            "TUCHKOV, Ivan Dmitriyevich",
            ("Ivan Dmitriyevich TUCHKOV", "Ivan Dmitriyevich", "TUCHKOV", ""),
        ),
        (
            "DELOS REYES, Feliciano Semborio, Jr.",
            ("Feliciano Semborio DELOS REYES Jr.", "Feliciano Semborio", "DELOS REYES", "Jr."),
        ),
        ("ZULKARNAEN", ("ZULKARNAEN", "", "", "")),
    ],
)
def test_person_name(raw: str, parts: tuple[str, str, str, str]) -> None:
    assert person_name(raw) == parts


def test_unknown_nationality_is_kept_as_note(tmp_path: Path) -> None:
    sdn = tmp_path / "sdn.csv"
    row = [
        "1", "DOE, John", "individual", "SDGT", *(["-0- "] * 7),
        "nationality possibly Palestinian; nationality Syria; DOB 1960.",
    ]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    sdn.write_text(buffer.getvalue() + "\x1a", encoding="utf-8")
    (person,) = read_ofac_sdn(sdn)
    assert person.get("nationality") == ["sy"]
    assert person.get("notes") == ["nationality possibly Palestinian"]
    assert person.get("birthDate") == ["1960"]
