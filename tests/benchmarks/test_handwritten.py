"""The hand-written pairs (`benchmarks.handwritten`) are well-formed test sets."""

from __future__ import annotations

import pytest
from benchmarks.handwritten import PAIR_SETS, read_pairs

from watchline.model import Entity


def test_every_set_is_found() -> None:
    assert [p.name for p in PAIR_SETS] == [
        "handwritten_pairs.jsonl",
        "handwritten_pairs_2.jsonl",
        "handwritten_pairs_3.jsonl",
    ]


@pytest.mark.parametrize("path", PAIR_SETS, ids=[p.name for p in PAIR_SETS])
def test_every_pair_is_two_person_records_with_a_label(path) -> None:  # type: ignore[no-untyped-def]
    pairs = read_pairs(path)
    assert len({p["id"] for p in pairs}) == len(pairs) > 200
    for pair in pairs:
        assert isinstance(pair["label"], bool), pair["id"]
        for side in ("a", "b"):
            entity = Entity.from_ftm({"id": side, "schema": "Person", "properties": pair[side]})
            assert entity.names, pair["id"]
