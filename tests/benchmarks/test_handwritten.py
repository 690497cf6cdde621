"""The hand-written pairs (`benchmarks.handwritten`) are a well-formed test set."""

from __future__ import annotations

import json

from benchmarks.handwritten import PAIRS

from watchline.model import Entity


def test_every_pair_is_two_person_records_with_a_label() -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len({p["id"] for p in pairs}) == len(pairs) == 244
    for pair in pairs:
        assert isinstance(pair["label"], bool), pair["id"]
        for side in ("a", "b"):
            entity = Entity.from_ftm({"id": side, "schema": "Person", "properties": pair[side]})
            assert entity.names, pair["id"]
