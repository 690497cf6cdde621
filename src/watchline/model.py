"""The one record type that flows from list readers to alerts.

An `Entity` is FollowTheMoney-compatible (schema, id, properties with FtM property names)
plus provenance: which list it came from, the id it has there, and the list version that
holds it. Values are cleaned with FtM's own property types when they are added, so every
reader gets the same country codes, ISO date prefixes and genders without its own tables.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from followthemoney import model as ftm_model
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema

from watchline.errors import InputError

#: Properties whose values are names of the entity, strongest first. `weakAlias` is kept
#: apart because lists use it for short or low-quality aliases (UN "Low" quality).
NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
WEAK_NAME_PROPS = ("weakAlias",)
PERSON_NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")


T = TypeVar("T")

#: Document kinds and the FtM property that holds their number.
DOCUMENT_PROPS = {"passport": "passportNumber", "id": "idNumber", "tax": "taxNumber"}
_DOC_NOTE = re.compile(r"^(passport|id|tax) (.+) issued by ([a-z]{2}(?:-[a-z]+)?)$")


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # passport | id | tax
    number: str
    country: str | None


def document_note(kind: str, number: str, country: str | None) -> str:
    """The note that records who issued a document number.

    FtM's Person keeps passport and id numbers as bare identifiers, with no issuing
    country; OpenSanctions models the country on separate Passport entities. watchline
    keeps one record per person, so readers write the country into a note of this exact
    form and `documents()` reads it back. It survives any FtM round trip unchanged.
    """
    if country is None:
        return f"{kind} {number}"
    return f"{kind} {number} issued by {country}"


def get_schema(name: str) -> Schema:
    schema = ftm_model.get(name)
    if schema is None:
        raise InputError(f"unknown FollowTheMoney schema {name!r}", location="schema")
    return schema


class Entity:
    """A list entry or a query: FtM schema, id and properties, plus provenance.

    Properties are stored as ordered, de-duplicated lists of cleaned strings. Use `add`
    for raw values from a source (cleaned and validated) and the constructor for values
    that are already clean (read back from the store or an FtM file).
    """

    __slots__ = (
        "_derived",
        "_schema",
        "id",
        "list_name",
        "properties",
        "schema",
        "source_id",
        "version",
    )

    def __init__(
        self,
        schema: str,
        id: str,
        properties: Mapping[str, Iterable[str]] | None = None,
        *,
        list_name: str | None = None,
        source_id: str | None = None,
        version: int | None = None,
    ) -> None:
        self._schema = get_schema(schema)
        self.schema = self._schema.name
        self._derived: dict[str, Any] = {}
        self.id = id
        self.properties: dict[str, list[str]] = {}
        self.list_name = list_name
        self.source_id = source_id
        self.version = version
        if properties:
            schema_obj = self._schema
            for prop, values in properties.items():
                ftm_prop = schema_obj.get(prop)
                raw = [values] if isinstance(values, str) else list(values)
                if ftm_prop is None or not all(isinstance(v, str) for v in raw):
                    for value in raw:
                        self.add(prop, value, cleaned=True)  # raises the precise error
                    continue
                # Trusted, already-clean values (store rows, FtM files): no re-cleaning.
                kept = [v.strip() for v in raw if v.strip()]
                if kept:
                    self.properties[ftm_prop.name] = list(dict.fromkeys(kept))

    def __reduce__(self) -> tuple[Callable[..., Entity], tuple[object, ...]]:
        # Without what was derived from it: that is recomputed at need, and it holds
        # compiled classes (watchline.native) that batch workers need not get.
        provenance = (self.list_name, self.source_id, self.version)
        return _unpickle, (self.schema, self.id, self.properties, *provenance)

    @property
    def ftm_schema(self) -> Schema:
        return self._schema

    def is_a(self, schema: str) -> bool:
        return self.ftm_schema.is_a(schema)

    def derived(self, key: str, compute: Callable[[Entity], T]) -> T:
        """A value computed from this entity once (name analyses, document sets).

        The matcher compares one list entity with many queries; what it derives from the
        entity is kept here and dropped whenever a value is added.
        """
        if key not in self._derived:
            self._derived[key] = compute(self)
        return cast(T, self._derived[key])

    def add(self, prop: str, value: Any, *, cleaned: bool = False, quiet: bool = False) -> None:
        """Add a value; raw values go through FtM's cleaner for the property's type.

        Unknown properties raise, unless `quiet` (used for optional extras a reader tries
        on schemata that may not have them, e.g. `gender` on an Organization).
        """
        if value is None:
            return
        ftm_prop = self.ftm_schema.get(prop)
        if ftm_prop is None:
            if quiet:
                return
            raise InputError(
                f"schema {self.schema} has no property {prop!r}", location=f"entity {self.id}"
            )
        if not cleaned:
            text = str(value).strip()
            if not text:
                return
            value = ftm_prop.type.clean(text)
            if value is None:
                return
        elif not isinstance(value, str):
            raise InputError(
                f"property {prop!r} holds a {type(value).__name__}, expected a string",
                location=f"entity {self.id}",
            )
        value = value.strip()
        if not value:
            return
        self._derived.clear()
        values = self.properties.setdefault(ftm_prop.name, [])
        if value not in values:
            values.append(value)

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    def first(self, prop: str) -> str | None:
        values = self.properties.get(prop)
        return values[0] if values else None

    def has(self, prop: str) -> bool:
        return bool(self.properties.get(prop))

    @property
    def names(self) -> list[str]:
        """Strong names (name, alias, previous name, abbreviation), in that order."""
        out: list[str] = []
        for prop in NAME_PROPS:
            for value in self.properties.get(prop, []):
                if value not in out:
                    out.append(value)
        return out

    @property
    def weak_names(self) -> list[str]:
        return [v for p in WEAK_NAME_PROPS for v in self.properties.get(p, [])]

    @property
    def caption(self) -> str:
        for prop in self.ftm_schema.caption:
            value = self.first(prop)
            if value:
                return value
        return self.first("name") or self.id

    def iter_values(self) -> Iterator[tuple[str, str]]:
        for prop, values in self.properties.items():
            for value in values:
                yield prop, value

    def documents(self) -> list[Document]:
        """Document numbers with their issuing country where a reader recorded one."""
        issued: dict[tuple[str, str], str] = {}
        for note in self.properties.get("notes", []):
            found = _DOC_NOTE.match(note)
            if found:
                issued[(found.group(1), found.group(2))] = found.group(3)
        out = []
        for kind, prop in DOCUMENT_PROPS.items():
            for number in self.properties.get(prop, []):
                out.append(Document(kind, number, issued.get((kind, number))))
        return out

    def to_ftm(self) -> dict[str, Any]:
        """The FtM JSON form (as in OpenSanctions exports), provenance under `datasets`."""
        data: dict[str, Any] = {
            "id": self.id,
            "schema": self.schema,
            "caption": self.caption,
            "properties": {p: list(v) for p, v in self.properties.items()},
        }
        if self.list_name:
            data["datasets"] = [self.list_name]
        return data

    def to_dict(self) -> dict[str, Any]:
        """FtM form plus watchline provenance, for storage and JSON output."""
        data = self.to_ftm()
        data["list"] = self.list_name
        data["source_id"] = self.source_id
        data["version"] = self.version
        return data

    @classmethod
    def from_ftm(
        cls,
        data: Mapping[str, Any],
        *,
        list_name: str | None = None,
        version: int | None = None,
        clean: bool = False,
    ) -> Entity:
        """Read FtM JSON. `clean` re-cleans values (for files not produced by FtM tooling)."""
        if not isinstance(data, Mapping):
            raise InputError("an entity must be a JSON object")
        entity_id = data.get("id")
        schema = data.get("schema")
        if not isinstance(entity_id, str) or not entity_id:
            raise InputError("entity has no 'id'", location="id")
        if not isinstance(schema, str):
            raise InputError(f"entity {entity_id} has no 'schema'", location="schema")
        props = data.get("properties") or {}
        if not isinstance(props, Mapping):
            raise InputError(f"entity {entity_id}: 'properties' must be an object")
        entity = cls(
            schema,
            entity_id,
            list_name=list_name,
            source_id=data.get("source_id") or entity_id,
            version=version,
        )
        for prop, values in props.items():
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list):
                raise InputError(
                    f"entity {entity_id}: property {prop!r} must be a list of strings",
                    location=f"properties.{prop}",
                )
            for value in values:
                entity.add(prop, value, cleaned=not clean and isinstance(value, str))
        return entity

    def to_proxy(self) -> EntityProxy:
        return ftm_model.get_proxy(self.to_ftm(), cleaned=True)

    @classmethod
    def from_proxy(cls, proxy: EntityProxy, **provenance: Any) -> Entity:
        return cls.from_ftm(proxy.to_dict(), **provenance)

    def content_hash(self) -> str:
        """Stable digest of schema and properties: what decides "changed" between versions."""
        canonical = json.dumps(
            [self.schema, sorted((p, sorted(v)) for p, v in self.properties.items())],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha1(canonical.encode("utf-8")).hexdigest()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return NotImplemented
        return (
            self.id == other.id
            and self.schema == other.schema
            and self.content_hash() == other.content_hash()
        )

    def __hash__(self) -> int:
        return hash((self.schema, self.id))

    def __repr__(self) -> str:
        return f"<Entity {self.schema}:{self.id} {self.caption!r}>"


def _unpickle(
    schema: str,
    id: str,
    properties: dict[str, list[str]],
    list_name: str | None,
    source_id: str | None,
    version: int | None,
) -> Entity:
    entity = Entity(schema, id, list_name=list_name, source_id=source_id, version=version)
    entity.properties = properties
    return entity
