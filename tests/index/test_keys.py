from __future__ import annotations

from watchline.index.keys import (
    MAX_QUERY_KEYS,
    entity_keys,
    normalise_document,
    query_keys,
    rank_candidates,
)
from watchline.model import Entity


def test_keys_fold_scripts_and_documents() -> None:
    entity = Entity(
        "Person",
        "p",
        {
            "name": ["Владимир ПЛОТНИКОВ"],
            "weakAlias": ["Volodya"],
            "passportNumber": ["45 092-006"],
        },
    )
    assert entity_keys(entity) == {"n:vladimir", "n:plotnikov", "n:volodya", "d:45092006"}


def test_document_normalisation() -> None:
    assert normalise_document("ab 12-345") == normalise_document("AB12345") == "AB12345"


def test_query_keys_are_bounded() -> None:
    long_name = " ".join(f"w{i:04d}" for i in range(2000))
    assert len(query_keys(Entity("Person", "q", {"name": [long_name]}))) == MAX_QUERY_KEYS


def test_rare_keys_outrank_common_ones() -> None:
    hits = [(1, "n:muhammad"), (2, "n:muhammad"), (2, "n:zarqawi"), (3, "n:muhammad")]
    ranked = rank_candidates(hits, {"n:muhammad": 5000, "n:zarqawi": 2}, 10000, limit=2)
    assert [c for c, _ in ranked] == [2, 1]
