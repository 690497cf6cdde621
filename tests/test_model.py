"""The entity record round-trips through FollowTheMoney for every reader's output."""

from __future__ import annotations

from itertools import islice

import pytest

from tests.conftest import DELTA_DIR, FIXTURES, OFAC_DIR, UN_XML, ZALA
from watchline.errors import InputError
from watchline.lists.agency_csv import read_agency_csv
from watchline.lists.ftm import read_ftm
from watchline.lists.ofac_sdn import read_ofac_sdn
from watchline.lists.un_xml import read_un_xml
from watchline.model import Entity, document_note

READERS = {
    "un": lambda: read_un_xml(UN_XML),
    "ofac": lambda: read_ofac_sdn(OFAC_DIR),
    "zala": lambda: read_ftm(ZALA),
    "delta-base": lambda: read_ftm(DELTA_DIR / "base-t1.entities.ftm.json"),
    "agency": lambda: read_agency_csv(FIXTURES / "agency_list.csv"),
}


@pytest.mark.parametrize("source", sorted(READERS))
def test_round_trip_through_ftm_proxy(source: str) -> None:
    for entity in islice(READERS[source](), 300):
        proxy = entity.to_proxy()
        assert proxy.schema.name == entity.schema and proxy.id == entity.id
        back = Entity.from_proxy(proxy)
        assert back == entity, entity.id
        assert back.properties == entity.properties


def test_add_cleans_with_ftm_types() -> None:
    entity = Entity("Person", "p")
    entity.add("nationality", "Democratic Republic of the Congo")
    entity.add("birthDate", "1968-06-15")
    entity.add("gender", "Male")
    entity.add("birthDate", "not a date")
    assert entity.properties == {
        "nationality": ["cd"],
        "birthDate": ["1968-06-15"],
        "gender": ["male"],
    }


def test_unknown_schema_and_property_are_errors() -> None:
    with pytest.raises(InputError, match="unknown FollowTheMoney schema"):
        Entity("Persn", "p")
    with pytest.raises(InputError, match="no property 'passportNumber'"):
        Entity("Vessel", "v").add("passportNumber", "X1")


def test_documents_read_back_issuing_country() -> None:
    entity = Entity("Person", "p", {"passportNumber": ["D9004869", "X1"], "idNumber": ["77"]})
    entity.add("notes", document_note("passport", "D9004869", "ir"), cleaned=True)
    docs = {(d.kind, d.number, d.country) for d in entity.documents()}
    assert docs == {("passport", "D9004869", "ir"), ("passport", "X1", None), ("id", "77", None)}


def test_content_hash_ignores_value_order() -> None:
    a = Entity("Person", "p", {"name": ["A", "B"]})
    b = Entity("Person", "p", {"name": ["B", "A"]})
    c = Entity("Person", "p", {"name": ["A"]})
    assert a.content_hash() == b.content_hash() != c.content_hash()
