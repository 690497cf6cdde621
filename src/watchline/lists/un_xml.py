"""Reader for the UN Security Council Consolidated List (XML).

The UN publishes one XML file with `INDIVIDUALS/INDIVIDUAL` (-> FtM `Person`) and
`ENTITIES/ENTITY` (-> `Organization`). It is read with `iterparse` so that memory stays
flat however large the list grows: each record is mapped when its end tag arrives and
then dropped from the tree.

Mapping choices that the XML itself does not decide:

* Names: the UN does not say which part is the family name, so `FIRST_NAME` ->
  `firstName`, `SECOND_NAME` -> `secondName`, `THIRD_NAME` + `FOURTH_NAME` -> one
  `middleName`, and all parts joined -> `name`. `NAME_ORIGINAL_SCRIPT` is another `name`.
  For an ENTITY, `FIRST_NAME` is the whole name.
* Alias quality: "Good", "a.k.a." or none -> `alias`; "Low" -> `weakAlias` (the UN marks
  short or vague names this way, and matching should weigh them less); "f.k.a." ->
  `previousName`.
* Dates of birth: exact dates and years as given; APPROXIMATELY stays year-only; BETWEEN
  yields every year of the range if it spans at most `MAX_YEAR_RANGE` years, else its two
  endpoints. Anything FtM cannot clean (and every NOTE) goes to `notes`, so nothing in the
  source is dropped silently.
* Documents: only the bare number goes into `passportNumber`/`idNumber` (the UN often
  writes "Libyan passport No. 96/184442"); the text as listed, the issuing country
  ("passport X issued by ly", the convention shared with the OFAC reader), issue date,
  place and NOTE go to `notes`.
* An address is added only when it says more than the country, which goes to `country`.

Every failure (truncated file, wrong encoding, foreign XML, a record without DATAID or
name) is raised as `InputError` naming the file and the line or record.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Generator, Iterator
from pathlib import Path

from watchline.errors import InputError
from watchline.lists.base import open_binary
from watchline.model import Entity, document_note

ROOT_TAG = "CONSOLIDATED_LIST"
SCHEMATA = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
MAX_YEAR_RANGE = 10
ALIAS_PROPS = {"low": "weakAlias", "f.k.a.": "previousName"}  # anything else -> alias
PASSPORT_TYPES = ("passport", "pasaporte", "passeport", "laissez-passer")
_NUMBER_MARKER = re.compile(r"(?i)\b(?:number|no\.?)\s*:?\s+|:\s+")
_YEAR = re.compile(r"[0-9]{1,4}")
_EXPAT_INVALID_TOKEN = 4
_EXPAT_ENDS_EARLY = {3, 5, 6}  # no element found, unclosed token, partial character
_POSITION_SUFFIX = re.compile(r":? line \d+, column \d+$")


def _events(path: Path) -> Generator[tuple[str, ET.Element], None, None]:
    """`iterparse` events, with every parser failure turned into an InputError."""
    with open_binary(path) as handle:
        try:
            yield from ET.iterparse(handle, events=("start", "end"))
        except ET.ParseError as exc:
            line, column = exc.position
            hint = ""
            if exc.code == _EXPAT_INVALID_TOKEN:
                hint = " (wrong encoding? the bytes must match the XML declaration, e.g. UTF-8)"
            elif line == 1 and column == 0:
                hint = " (is this a UN consolidated list XML file?)"
            elif exc.code in _EXPAT_ENDS_EARLY:
                hint = " (the file ends early; truncated download?)"
            reason = _POSITION_SUFFIX.sub("", str(exc))
            raise InputError.at(f"malformed XML: {reason}{hint}", path=path, line=line) from exc
        except (LookupError, UnicodeError) as exc:  # e.g. an unknown declared encoding
            raise InputError.at(f"cannot decode XML: {exc}", path=path) from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_root(path: Path, elem: ET.Element) -> None:
    if _local(elem.tag) != ROOT_TAG:
        raise InputError.at(
            f"root element is <{_local(elem.tag)}>, expected <{ROOT_TAG}>; "
            "not a UN consolidated list",
            path=path,
        )


def un_generated_at(path: Path) -> str | None:
    """The root's `dateGenerated` (the UN's own version label), reading only the root tag."""
    events = _events(path)
    try:
        for _event, elem in events:
            _check_root(path, elem)
            return elem.get("dateGenerated") or None
    finally:
        events.close()  # closes the file now rather than when the generator is collected
    return None


def read_un_xml(path: Path) -> Iterator[Entity]:
    """Stream the list's entries as entities `un-<DATAID>` with `source_id` = reference."""
    stack: list[ET.Element] = []
    counts = dict.fromkeys(SCHEMATA, 0)
    seen: set[str] = set()
    for event, elem in _events(path):
        if event == "start":
            if not stack:
                _check_root(path, elem)
            stack.append(elem)
            continue
        stack.pop()
        tag = _local(elem.tag)
        # Records sit at depth 2 (root/section/record); deeper tags are their fields.
        if tag in SCHEMATA and len(stack) == 2:
            counts[tag] += 1
            entity = _record(path, elem, tag, counts[tag])
            if entity.id in seen:  # two records under one id would overwrite each other
                raise InputError.at(
                    f"{tag} #{counts[tag]}: DATAID {entity.id[3:]} occurs twice",
                    path=path,
                    field="DATAID",
                )
            seen.add(entity.id)
            yield entity
            stack[-1].remove(elem)
            elem.clear()


def _text(elem: ET.Element, child: str | None = None) -> str:
    """Stripped text with whitespace runs collapsed (the XML wraps long values)."""
    node = elem if child is None else elem.find(child)
    if node is None or node.text is None:
        return ""
    return " ".join(node.text.split())


def _texts(elem: ET.Element, path: str) -> list[str]:
    return [t for t in (_text(node) for node in elem.iterfind(path)) if t]


def _join(elem: ET.Element, parts: tuple[str, ...]) -> str:
    return ", ".join(t for t in (_text(elem, p) for p in parts) if t)


def _add_or_note(entity: Entity, prop: str, value: str, label: str) -> None:
    """Add a cleaned value; a value FtM's cleaner rejects is kept as a note instead."""
    ftm_prop = entity.ftm_schema.get(prop)
    if not value or ftm_prop is None:
        return
    cleaned = ftm_prop.type.clean(value)
    if cleaned is None:
        entity.add("notes", f"{label}: {value}")
    else:
        entity.add(prop, cleaned, cleaned=True)


def _country_code(entity: Entity, value: str) -> str:
    return entity.ftm_schema.properties["country"].type.clean(value) or value


def _record(path: Path, elem: ET.Element, tag: str, index: int) -> Entity:
    ref = _text(elem, "REFERENCE_NUMBER")
    where = f"{tag} #{index}" + (f" ({ref})" if ref else "")
    data_id = _text(elem, "DATAID")
    if not data_id:
        raise InputError.at(f"{where} has no DATAID", path=path, field="DATAID")
    first = _text(elem, "FIRST_NAME")
    if not first:
        raise InputError.at(
            f"{where} (DATAID {data_id}) has no name", path=path, field="FIRST_NAME"
        )
    entity = Entity(SCHEMATA[tag], f"un-{data_id}", source_id=ref or None)
    if tag == "INDIVIDUAL":
        _names(entity, elem, first)
    else:
        entity.add("name", first)
    for original in _texts(elem, "NAME_ORIGINAL_SCRIPT"):
        entity.add("name", original)
    entity.add("topics", "sanction")
    entity.add("program", _text(elem, "UN_LIST_TYPE"))
    _add_or_note(entity, "createdAt", _text(elem, "LISTED_ON"), "Listed on")
    updated = sorted(_texts(elem, "LAST_DAY_UPDATED/VALUE"))
    if updated:
        _add_or_note(entity, "modifiedAt", updated[-1], "Last updated")
    entity.add("notes", (elem.findtext("COMMENTS1") or "").strip())
    entity.add("gender", _text(elem, "GENDER"), quiet=True)
    for nationality in _texts(elem, "NATIONALITY/VALUE"):
        _add_or_note(entity, "nationality", nationality, "Nationality")
    for title in _texts(elem, "TITLE/VALUE"):
        entity.add("title", title, quiet=True)
    for position in _texts(elem, "DESIGNATION/VALUE"):
        entity.add("position", position, quiet=True)
    for alias in elem.iterfind(f"{tag}_ALIAS"):
        _alias(entity, alias)
    for address in elem.iterfind(f"{tag}_ADDRESS"):
        _address(entity, address)
    for birth in elem.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(entity, birth)
    for place in elem.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        entity.add("birthPlace", _join(place, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")))
        entity.add("notes", _note("Place of birth", _text(place, "NOTE")))
    for document in elem.iterfind("INDIVIDUAL_DOCUMENT"):
        _document(entity, document)
    return entity


def _note(label: str, text: str) -> str | None:
    return f"{label}: {text}" if text else None


def _names(entity: Entity, elem: ET.Element, first: str) -> None:
    parts = [_text(elem, p) for p in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    entity.add("name", " ".join(p for p in parts if p))
    entity.add("firstName", first)
    entity.add("secondName", parts[1])
    entity.add("middleName", " ".join(p for p in parts[2:] if p))


def _alias(entity: Entity, elem: ET.Element) -> None:
    name = _text(elem, "ALIAS_NAME")
    if not name:
        return
    prop = ALIAS_PROPS.get(_text(elem, "QUALITY").lower(), "alias")
    entity.add(prop, name)
    entity.add("notes", _note(f"Alias {name}", _text(elem, "NOTE")))
    if entity.is_a("Person"):
        _add_or_note(entity, "birthDate", _text(elem, "DATE_OF_BIRTH"), "Date of birth")
        entity.add("birthPlace", _join(elem, ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH")))


def _address(entity: Entity, elem: ET.Element) -> None:
    country = _text(elem, "COUNTRY")
    _add_or_note(entity, "country", country, "Country")
    full = _join(elem, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"))
    if full and full != country:
        entity.add("address", full)
    entity.add("notes", _note(f"Address ({full})" if full else "Address", _text(elem, "NOTE")))


def _birth_date(entity: Entity, elem: ET.Element) -> None:
    kind = _text(elem, "TYPE_OF_DATE").upper()
    date, year = _text(elem, "DATE"), _text(elem, "YEAR")
    start, end = _text(elem, "FROM_YEAR"), _text(elem, "TO_YEAR")
    if date:
        _add_or_note(entity, "birthDate", date, "Date of birth")
    if year:
        _add_or_note(entity, "birthDate", year, "Year of birth")
    if kind == "BETWEEN" or start or end:
        if _YEAR.fullmatch(start) and _YEAR.fullmatch(end) and int(start) <= int(end):
            first, last = int(start), int(end)
            span = range(first, last + 1) if last - first < MAX_YEAR_RANGE else (first, last)
            for value in span:
                entity.add("birthDate", str(value))
        else:
            entity.add("notes", f"Date of birth: between {start or '?'} and {end or '?'}")
    entity.add("notes", _note("Date of birth", _text(elem, "NOTE")))


def _document(entity: Entity, elem: ET.Element) -> None:
    """Number into passportNumber/idNumber; type details, issuer and NOTE into notes."""
    kind, kind2 = _text(elem, "TYPE_OF_DOCUMENT"), _text(elem, "TYPE_OF_DOCUMENT2")
    listed = _text(elem, "NUMBER")
    subject = kind or kind2 or "Document"
    if listed:
        is_passport = any(word in f"{kind} {kind2}".lower() for word in PASSPORT_TYPES)
        prop, label = ("passportNumber", "passport") if is_passport else ("idNumber", "id")
        number = bare_number(listed)
        entity.add(prop, number, quiet=True)
        subject = f"{label} {number}"
        if number != listed:
            entity.add("notes", f"{subject} listed as: {listed}")
    if kind2 and kind2 != subject:
        entity.add("notes", f"{subject}: {kind2}")
    countries = _texts(elem, "ISSUING_COUNTRY") + _texts(elem, "COUNTRY_OF_ISSUE")
    for code in dict.fromkeys(_country_code(entity, c) for c in countries):
        if listed:
            entity.add("notes", document_note(label, number, code), cleaned=True)
        else:
            entity.add("notes", f"{subject} issued by {code}")
    place, date = ", ".join(_texts(elem, "CITY_OF_ISSUE")), _text(elem, "DATE_OF_ISSUE")
    if place or date:
        where = f" in {place}" if place else ""
        entity.add("notes", f"{subject} issued{where}" + (f" on {date}" if date else ""))
    entity.add("notes", _note(subject, _text(elem, "NOTE")))


def bare_number(listed: str) -> str:
    """The document number alone, from values like "Libyan passport No. 96/184442".

    Text after the first "number"/"no."/":" marker is kept; parenthesised remarks,
    a trailing ", Country" and words without digits that are not all capitals ("Libya",
    "Diplomatic"; capitals such as "OB 0243318" are series prefixes) are dropped. Falls
    back to the listed value when nothing with a digit would remain.
    """
    text = " ".join(listed.split())
    text = re.sub(r"\([^)]*\)", " ", text)
    marker = _NUMBER_MARKER.search(text)
    if marker and any(ch.isdigit() for ch in text[marker.end() :]):
        text = text[marker.end() :]
    text = text.split(",")[0]
    tokens = [t for t in text.split() if any(ch.isdigit() for ch in t) or t.isupper()]
    result = " ".join(tokens)
    return result if any(ch.isdigit() for ch in result) else " ".join(listed.split())
