"""UN consolidated list reader: the real file, hand-made edge cases and damaged copies."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from watchline.errors import InputError
from watchline.lists.un_xml import bare_number, read_un_xml, un_generated_at
from watchline.model import Entity

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "lists"
UN_FILE = DATA / "un" / "UN_consolidated.xml"

requires_data = pytest.mark.skipif(not UN_FILE.exists(), reason=f"{UN_FILE} not present")


@pytest.fixture(scope="module")
def un_entities() -> dict[str, Entity]:
    if not UN_FILE.exists():
        pytest.skip(f"{UN_FILE} not present")
    return {entity.id: entity for entity in read_un_xml(UN_FILE)}


def _write(tmp_path: Path, body: str, name: str = "un.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">{body}</CONSOLIDATED_LIST>',
        encoding="utf-8",
    )
    return path


def _individual(inner: str, dataid: str = "1", ref: str = "XXi.001") -> str:
    return (
        f"<INDIVIDUALS><INDIVIDUAL><DATAID>{dataid}</DATAID><FIRST_NAME>JOHN</FIRST_NAME>"
        f"<SECOND_NAME>DOE</SECOND_NAME><REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>"
        f"{inner}</INDIVIDUAL></INDIVIDUALS>"
    )


def _one(tmp_path: Path, inner: str) -> Entity:
    (entity,) = read_un_xml(_write(tmp_path, _individual(inner)))
    return entity


# --- the real file -----------------------------------------------------------------------


def test_counts_and_provenance(un_entities: dict[str, Entity]) -> None:
    assert Counter(e.schema for e in un_entities.values()) == {"Person": 730, "Organization": 273}
    assert all(e.id.startswith("un-") and e.list_name is None for e in un_entities.values())
    refs = [e.source_id for e in un_entities.values()]
    assert None not in refs and len(set(refs)) == len(refs)
    assert all(e.get("topics") == ["sanction"] for e in un_entities.values())


@requires_data
def test_generated_at() -> None:
    assert un_generated_at(UN_FILE) == "2026-02-27T00:00:09.554Z"


def test_eric_badege(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-6907993"]
    assert (e.schema, e.source_id, e.caption) == ("Person", "CDi.001", "ERIC BADEGE")
    assert e.get("firstName") == ["ERIC"] and e.get("secondName") == ["BADEGE"]
    assert e.get("nationality") == ["cd"]
    assert e.get("birthDate") == ["1971"]
    assert e.get("gender") == ["male"]
    assert e.get("program") == ["DRC"]
    assert e.get("createdAt") == ["2012-12-31"]
    assert e.get("country") == ["rw"]
    assert not e.has("address")  # a country alone is not an address
    assert "Address (Rwanda): as of early 2016" in e.get("notes")
    assert not e.has("alias")  # the empty INDIVIDUAL_ALIAS is skipped


def test_original_script_name(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-6908048"]
    assert e.source_id == "IQi.001"
    assert e.get("name") == ["SADDAM HUSSEIN AL-TIKRITI", "صدام حسين التكريتي"]
    assert e.get("middleName") == ["AL-TIKRITI"]
    assert e.get("birthDate") == ["1937-04-28"]
    assert e.get("birthPlace") == ["al-Awja, near Tikrit, Iraq"]
    assert e.get("weakAlias") == ["Abu Ali"]
    # The XML wraps this Arabic name over two lines; the name must read as one line.
    assert "أمیر محمد سعید عبد الرحمن السلبي" in un_entities["un-6908841"].get("name")


def test_between_range_gives_every_year(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-3012888"]
    assert e.source_id == "QDi.314"
    assert e.get("birthDate") == [str(year) for year in range(1977, 1983)]


def test_approximately_stays_a_year(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-6908834"]
    assert e.source_id == "CDi.036"
    assert e.get("birthDate") == ["1977"]
    assert e.get("weakAlias") == ["Mzee Kajaju", "Musa", "Lumu", "Lumonde"]
    assert e.get("position") == ["Overall leader of the Allied Democratic Forces (ADF) (CDe.001)."]


def test_good_and_low_aliases(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-6907995"]
    assert e.source_id == "CDi.003"
    assert e.get("weakAlias") == ["Rumuli"]
    assert e.get("alias") == ["Byiringiro Victor Rumuli", "Victor Rumuri", "Michel Byiringiro"]
    assert "Rumuli" not in e.names  # weak aliases stay out of the strong names


def test_documents(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-112030"]
    assert e.source_id == "QDi.080"
    assert e.get("passportNumber") == ["28642163", "954242"]
    assert e.get("idNumber") == ["1336597587"]
    assert e.get("nationality") == ["de", "ma"]
    notes = e.get("notes")
    assert "passport 28642163 listed as: Provisional passport No.: 28642163" in notes
    assert "passport 28642163 issued by de" in notes
    assert "passport 954242 issued by ma" in notes
    assert "passport 954242: expired" in notes
    # "Numéro de passeport " is a passport too; COUNTRY_OF_ISSUE also names the issuer.
    kim = un_entities["un-690745"]
    assert kim.get("passportNumber") == ["PS381420397"]
    assert "passport PS381420397 issued by kp" in kim.get("notes")
    # A type split over two lines ("National Identification\n   Number") is an id number.
    assert un_entities["un-6908841"].get("idNumber") == ["00278640"]


def test_date_notes_are_kept(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-2962519"]
    assert set(e.get("birthDate")) == {"1982-04-18", "1982-04-19"}
    assert "Date of birth: 24/06/1402 (Hijri Calendar)" in e.get("notes")
    assert "Date of birth: Nov. 1973" in un_entities["un-6907996"].get("notes")


def test_organization(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un-6908402"]
    assert (e.schema, e.source_id, e.caption) == ("Organization", "CDe.001", "ADF")
    assert e.get("alias") == ["Allied Democratic Forces"]
    assert "ADF/NALU" in e.get("previousName")  # quality "f.k.a."
    assert e.get("address") == ["North Kivu, Democratic Republic of the Congo"]
    assert e.get("country") == ["cd"]


# --- hand-made records -----------------------------------------------------------------


def test_long_between_range_keeps_endpoints(tmp_path: Path) -> None:
    e = _one(
        tmp_path,
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
        "<FROM_YEAR>1950</FROM_YEAR><TO_YEAR>1970</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>",
    )
    assert e.get("birthDate") == ["1950", "1970"]


def test_unclean_values_go_to_notes(tmp_path: Path) -> None:
    e = _one(
        tmp_path,
        "<NATIONALITY><VALUE>Atlantis</VALUE><VALUE>Iran (Islamic Republic of)</VALUE>"
        "</NATIONALITY>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>"
        "<DATE>1960-13-45</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
        "<FROM_YEAR>late 50s</FROM_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/><NOTE>30-35 years old</NOTE>"
        "</INDIVIDUAL_DATE_OF_BIRTH>",
    )
    assert e.get("nationality") == ["ir"]
    assert not e.has("birthDate")
    assert e.get("notes") == [
        "Nationality: Atlantis",
        "Date of birth: 1960-13-45",
        "Date of birth: between late 50s and ?",
        "Date of birth: 30-35 years old",
    ]


def test_names_aliases_and_alias_birth_data(tmp_path: Path) -> None:
    e = _one(
        tmp_path,
        "<THIRD_NAME>AL</THIRD_NAME><FOURTH_NAME>SMITH</FOURTH_NAME>"
        "<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME>JD</ALIAS_NAME>"
        "<DATE_OF_BIRTH>1955</DATE_OF_BIRTH><CITY_OF_BIRTH>Sanaa</CITY_OF_BIRTH>"
        "<COUNTRY_OF_BIRTH>Yemen</COUNTRY_OF_BIRTH><NOTE>used in 2001</NOTE>"
        "</INDIVIDUAL_ALIAS>"
        "<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME/></INDIVIDUAL_ALIAS>",
    )
    assert e.get("name") == ["JOHN DOE AL SMITH"]
    assert e.get("middleName") == ["AL SMITH"]
    assert e.get("alias") == ["JD"] and not e.has("weakAlias")
    assert e.get("birthDate") == ["1955"]
    assert e.get("birthPlace") == ["Sanaa, Yemen"]
    assert "Alias JD: used in 2001" in e.get("notes")


def test_document_types(tmp_path: Path) -> None:
    e = _one(
        tmp_path,
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Numéro de\n  passeport </TYPE_OF_DOCUMENT>"
        "<NUMBER> A123 </NUMBER><ISSUING_COUNTRY>Libya</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>"
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT/><NUMBER>77-1</NUMBER></INDIVIDUAL_DOCUMENT>"
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number"
        "</TYPE_OF_DOCUMENT><TYPE_OF_DOCUMENT2>national passport</TYPE_OF_DOCUMENT2>"
        "<NUMBER>9103314932</NUMBER></INDIVIDUAL_DOCUMENT>",
    )
    assert e.get("passportNumber") == ["A123", "9103314932"]
    assert e.get("idNumber") == ["77-1"]
    assert "passport A123 issued by ly" in e.get("notes")


@pytest.mark.parametrize(
    ("listed", "number"),
    [
        ("Libyan Passport No. 96/184442", "96/184442"),
        ("CAR diplomatic passport no. D00000898", "D00000898"),
        ("Diplomatic Passport: Z30321794", "Z30321794"),
        ("381110042 (Expired 25 Jan. 2016)", "381110042"),
        ("R00012098, South Sudan", "R00012098"),
        ("Libya B/002210", "B/002210"),
        ("German travel document (“Reiseausweis”) A 0139243", "A 0139243"),
        ("OB 0243318", "OB 0243318"),
        ("TR-P 614 166", "TR-P 614 166"),
        ("No34409/129", "No34409/129"),
        ("unknown", "unknown"),
    ],
)
def test_bare_number(listed: str, number: str) -> None:
    assert bare_number(listed) == number


# --- damaged input ---------------------------------------------------------------------


@requires_data
def test_truncated_file(tmp_path: Path) -> None:
    data = UN_FILE.read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    last_line = data[: len(data) // 2].count(b"\n") + 1
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert str(path) in str(info.value)
    assert f"line {last_line}" in str(info.value)


@requires_data
def test_latin1_file_declared_utf8(tmp_path: Path) -> None:
    text = UN_FILE.read_text(encoding="utf-8")
    path = tmp_path / "latin1.xml"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    first_bad = next(
        n for n, line in enumerate(text.splitlines(), 1) if re.search("[\x80-\xff]", line)
    )
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert str(path) in str(info.value) and f"line {first_bad}" in str(info.value)
    assert "encoding" in str(info.value)


@requires_data
def test_missing_dataid(tmp_path: Path) -> None:
    path = tmp_path / "no_dataid.xml"
    text = UN_FILE.read_text(encoding="utf-8").replace("<DATAID>6907994</DATAID>", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    message = str(info.value)
    assert str(path) in message and "INDIVIDUAL #2 (CDi.002)" in message and "DATAID" in message


def test_missing_name_and_duplicate_id(tmp_path: Path) -> None:
    body = "<ENTITIES><ENTITY><DATAID>5</DATAID><REFERENCE_NUMBER>XXe.1</REFERENCE_NUMBER>"
    path = _write(tmp_path, body + "</ENTITY></ENTITIES>")
    with pytest.raises(InputError, match=r"ENTITY #1 \(XXe.1\) \(DATAID 5\) has no name"):
        list(read_un_xml(path))
    twice = _individual("", dataid="7") + _individual("", dataid="7", ref="XXi.002")
    with pytest.raises(InputError, match="DATAID 7 occurs twice") as info:
        list(read_un_xml(_write(tmp_path, twice, "twice.xml")))
    assert "twice.xml" in str(info.value)


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text('<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>', encoding="utf-8")
    for read in (lambda p: list(read_un_xml(p)), un_generated_at):
        with pytest.raises(InputError) as info:
            read(path)
        assert str(path) in str(info.value) and "<sdnList>" in str(info.value)


def test_not_xml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("name,country\nJohn,US\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert f"{path}, line 1" in str(info.value)
    with pytest.raises(InputError, match="file not found"):
        list(read_un_xml(tmp_path / "absent.xml"))
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=re.escape(str(empty))):
        un_generated_at(empty)


def test_unknown_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "enc.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="klingon"?>\n<CONSOLIDATED_LIST/>')
    with pytest.raises(InputError, match=re.escape(str(path))):
        list(read_un_xml(path))
