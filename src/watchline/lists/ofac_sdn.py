"""Reader for OFAC's legacy SDN CSV files (`sdn.csv` plus optional `alt.csv`, `add.csv`).

The legacy format has no header and uses `-0-` (often with a trailing space) for "empty".
`sdn.csv` holds one row per listed party; `alt.csv` (aliases) and `add.csv` (addresses)
point at it by `ent_num`. They are small, so they are read into memory first and validated
completely, then `sdn.csv` is streamed: a malformed alias or address file fails before
any entity is yielded, and only the side files are ever held in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from followthemoney import registry

from watchline.errors import InputError
from watchline.lists.base import iter_csv_rows
from watchline.lists.ofac_remarks import parse_remark, split_remarks
from watchline.model import Entity

SDN_FILE, ALT_FILE, ADD_FILE = "sdn.csv", "alt.csv", "add.csv"
SDN_FIELDS, ALT_FIELDS, ADD_FIELDS = 12, 5, 6

#: SDN_Type -> FtM schema. Untyped rows (`-0-`) are entities of every kind (banks, front
#: companies, armed groups), so they become the generic Organization, not Company.
SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}

#: alt_type -> FtM name property. "fka" is a former name; "nka" (now known as) is current.
ALT_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}

#: Properties whose values are names, so individuals get them re-ordered to "First LAST".
_NAME_PROPS = frozenset({"name", "alias", "previousName", "weakAlias"})
_NUMBER_SEPARATORS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass
class _Extras:
    """What alt.csv and add.csv say about one entry, gathered before sdn.csv is streamed."""

    aliases: list[tuple[str, str]] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def value(raw: str) -> str:
    """A field's text, or "" for OFAC's `-0-` empty marker."""
    text = raw.strip()
    return "" if text == "-0-" else text


def person_name(raw: str) -> tuple[str, str, str, str]:
    """Split "LAST, First Middle[, Jr.]" into ("First Middle LAST Jr.", first, last, suffix).

    Names without a comma (mononyms, nicknames) are kept as given, with no parts.
    """
    pieces = [p.strip() for p in raw.split(",")]
    if len(pieces) < 2 or not pieces[0] or not pieces[1]:
        return raw.strip(), "", "", ""
    last, first, suffix = pieces[0], pieces[1], ", ".join(p for p in pieces[2:] if p)
    return " ".join(p for p in (first, last, suffix) if p), first, last, suffix


def resolve_paths(path: Path) -> tuple[Path, Path, Path]:
    """sdn/alt/add paths for a directory holding them or for the sdn.csv file itself."""
    sdn = path / SDN_FILE if path.is_dir() else path
    return sdn, sdn.with_name(ALT_FILE), sdn.with_name(ADD_FILE)


def _rows(path: Path, width: int) -> Iterator[tuple[int, int, list[str]]]:
    """(line, ent_num, fields) for each record, checking the field count and the id."""
    for line, row in iter_csv_rows(path):
        if len(row) != width:
            raise InputError.at(f"expected {width} fields, found {len(row)}", path=path, line=line)
        try:
            ent_num = int(row[0].strip())
        except ValueError:
            raise InputError.at(
                f"ent_num must be an integer, found {row[0].strip()!r}",
                path=path,
                line=line,
                field="ent_num",
            ) from None
        yield line, ent_num, row


def _read_extras(alt: Path, add: Path) -> tuple[dict[int, _Extras], dict[int, tuple[Path, int]]]:
    """Aliases and addresses by ent_num, plus where each ent_num was first referenced."""
    extras: dict[int, _Extras] = {}
    refs: dict[int, tuple[Path, int]] = {}
    if alt.exists():
        for line, ent_num, row in _rows(alt, ALT_FIELDS):
            refs.setdefault(ent_num, (alt, line))
            alt_type, name, remarks = value(row[2]).lower(), value(row[3]), value(row[4])
            if alt_type not in ALT_PROPS:
                raise InputError.at(
                    f"unknown alt_type {row[2].strip()!r} (expected aka, fka or nka)",
                    path=alt,
                    line=line,
                    field="alt_type",
                )
            item = extras.setdefault(ent_num, _Extras())
            if name:
                item.aliases.append((ALT_PROPS[alt_type], name))
                if remarks:
                    item.notes.append(f"{alt_type} {name}: {remarks}")
    if add.exists():
        for line, ent_num, row in _rows(add, ADD_FIELDS):
            refs.setdefault(ent_num, (add, line))
            item = extras.setdefault(ent_num, _Extras())
            parts = [value(f) for f in row[2:5]]
            address = ", ".join(p for p in parts if p)
            if parts[0] or parts[1]:  # a bare country is a `country`, not an address
                item.addresses.append(address)
            if parts[2]:
                item.countries.append(parts[2])
            if value(row[5]):
                item.notes.append(f"address {address}: {value(row[5])}")
    return extras, refs


@lru_cache(maxsize=65536)
def _clean_cached(type_name: str, text: str) -> str | None:
    """FtM's cleaner, memoised: country names repeat thousands of times and are slow."""
    return registry.get(type_name).clean(text)


def _clean(entity: Entity, prop: str, raw: str) -> str | None:
    """The cleaned value `prop` would store on this entity, or None if it would not.

    Names of individuals are re-ordered to "First LAST" first, like the main name.
    """
    ftm_prop = entity.ftm_schema.get(prop)
    text = raw.strip()
    if ftm_prop is None or not text:
        return None
    if prop in _NAME_PROPS and entity.schema == "Person":
        text = person_name(text)[0]
    return _clean_cached(ftm_prop.type.name, text)


def _put(entity: Entity, prop: str, raw: str) -> None:
    cleaned = _clean(entity, prop, raw)
    if cleaned is not None:
        entity.add(prop, cleaned, cleaned=True)


def _add_remarks(entity: Entity, remarks: str) -> None:
    """Store what each remark part says; a part the schema cannot hold is kept as a note.

    A part is stored whole or not at all (a DOB on an Organization, a nationality FtM
    cannot resolve, a phone number without country code), so no remark is half-lost.
    """
    for part in split_remarks(remarks):
        pairs = parse_remark(part) or []
        cleaned = [(prop, _clean(entity, prop, raw)) for prop, raw in pairs]
        if not cleaned or any(v is None for _, v in cleaned):
            _put(entity, "notes", part)
            continue
        for prop, clean_value in cleaned:
            entity.add(prop, clean_value, cleaned=True)


def _entity(row: list[str], ent_num: int, schema: str, extras: _Extras | None) -> Entity:
    entity = Entity(schema, f"ofac-{ent_num}", source_id=str(ent_num))
    name = value(row[1])
    if schema == "Person":
        full, first, last, suffix = person_name(name)
        for prop, raw in (("name", full), ("firstName", first), ("lastName", last)):
            entity.add(prop, raw, cleaned=True)
        _put(entity, "nameSuffix", suffix)
        _put(entity, "position", value(row[4]))
    else:
        _put(entity, "name", name)
    for program in value(row[3]).split("] ["):
        _put(entity, "program", program.strip("[] "))
    _put(entity, "topics", "sanction")
    if schema == "Vessel":
        _put(entity, "callSign", value(row[5]))
        _put(entity, "type", value(row[6]))
        _put(entity, "tonnage", _NUMBER_SEPARATORS.sub("", value(row[7])))
        _put(entity, "grossRegisteredTonnage", _NUMBER_SEPARATORS.sub("", value(row[8])))
        _put(entity, "flag", value(row[9]))
        if value(row[10]):
            _put(entity, "notes", f"Owner: {value(row[10])}")
    if extras is not None:
        for prop, alias in extras.aliases:
            _put(entity, prop, alias)
        for address in extras.addresses:
            _put(entity, "address", address)
        for country in extras.countries:
            _put(entity, "country", country)
        for note in extras.notes:
            _put(entity, "notes", note)
    _add_remarks(entity, value(row[11]))
    return entity


def read_ofac_sdn(path: Path) -> Iterator[Entity]:
    """Entities from OFAC's legacy SDN CSV; `path` is their directory or `sdn.csv` itself.

    Raises InputError naming file, line and field on the first bad record: a wrong field
    count, a non-integer or duplicate ent_num, an unknown SDN_Type, an alias or address
    pointing at an entry sdn.csv does not have, or a file that is not UTF-8. That last
    check can only run once sdn.csv has been read, so it raises after the final entity;
    loads run in one transaction, so the entities already yielded are discarded with it.
    """
    sdn, alt, add = resolve_paths(Path(path))
    if not sdn.is_file():
        raise InputError.at(f"{SDN_FILE} not found", path=sdn)
    extras, refs = _read_extras(alt, add)
    seen: set[int] = set()
    for line, ent_num, row in _rows(sdn, SDN_FIELDS):
        if ent_num in seen:
            raise InputError.at(
                f"duplicate ent_num {ent_num}", path=sdn, line=line, field="ent_num"
            )
        seen.add(ent_num)
        schema = SCHEMATA.get(value(row[2]).lower())
        if schema is None:
            raise InputError.at(
                f"unknown SDN_Type {row[2].strip()!r}", path=sdn, line=line, field="SDN_Type"
            )
        yield _entity(row, ent_num, schema, extras.get(ent_num))
    orphan = next((ent_num for ent_num in refs if ent_num not in seen), None)
    if orphan is not None:
        ref_path, ref_line = refs[orphan]
        raise InputError.at(
            f"ent_num {orphan} is not in {SDN_FILE}",
            path=ref_path,
            line=ref_line,
            field="ent_num",
        )
