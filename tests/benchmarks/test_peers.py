"""The peer matchers of benchmarks/peers.py: sanity on obvious pairs, plus a rough speed print."""

from __future__ import annotations

import time
from typing import Any

import pytest

pytest.importorskip(
    "nomenklatura", reason="nomenklatura is not installed (pip install -e '.[bench]')"
)

from benchmarks.peers import ERRORS, PeerScorer, peer_scorers

SCORERS = peer_scorers()


def person(id_: str, name: str, birth_date: str, **props: str) -> dict[str, Any]:
    properties = {"name": [name], "birthDate": [birth_date]}
    properties.update({key: [value] for key, value in props.items()})
    return {"id": id_, "schema": "Person", "properties": properties}


QUERY = person("q", "Viktor Anatolyevich Bout", "1967-01-13")
SAME = person("c-same", "Viktor Anatolyevich Bout", "1967-01-13", nationality="ru")
OTHER = person("c-other", "Maria Gonzalez Herrera", "1981-06-30", nationality="mx")


def test_all_peers_available() -> None:
    names = {scorer.name for scorer in SCORERS}
    for expected in ("logic-v1", "logic-v2", "regression-v1"):
        assert f"nomenklatura {expected}" in names
    assert "rapidfuzz token_sort_ratio" in names


@pytest.mark.parametrize("scorer", SCORERS, ids=lambda s: s.name)
def test_obvious_pairs(scorer: PeerScorer) -> None:
    before = ERRORS[scorer.name]
    same, other = scorer.score(QUERY, SAME), scorer.score(QUERY, OTHER)
    assert ERRORS[scorer.name] == before, "scoring raised (see stderr)"
    assert 0.0 <= other < scorer.threshold <= same <= 1.0, (same, other)


def test_errors_score_zero_and_are_counted() -> None:
    scorer = next(s for s in SCORERS if s.name == "nomenklatura logic-v1")
    before = ERRORS[scorer.name]
    assert scorer.score({"schema": "NoSuchSchema", "properties": {}}, SAME) == 0.0
    assert ERRORS[scorer.name] == before + 1


FIRST = ["John", "Maria", "Ahmed", "Olga", "Wei", "Fatima", "Pierre", "Aisha", "Ivan", "Elena"]
LAST = ["Smith", "Garcia", "Hassan", "Petrova", "Zhang", "Khan", "Dubois", "Okafor", "Ivanov"]


def simple_pairs(n: int = 500) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        dob = f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}"
        query = person(f"q{i}", f"{first} {last}", dob)
        other_last = LAST[(i + 1 + i % 3) % len(LAST)] if i % 2 else last
        pairs.append((query, person(f"c{i}", f"{first.upper()} {other_last}", dob)))
    return pairs


def test_peer_speed(capsys: pytest.CaptureFixture[str]) -> None:
    pairs = simple_pairs()
    lines = []
    for scorer in SCORERS:
        scorer.score(*pairs[0])  # warm-up: logic-v2 loads its name data on first use
        started = time.perf_counter()
        for query, candidate in pairs:
            scorer.score(query, candidate)
        rate = len(pairs) / (time.perf_counter() - started)
        lines.append(f"  {scorer.name:<34} {rate:>9.0f} pairs/s")
    with capsys.disabled():
        print(f"\npeer speed on {len(pairs)} simple Person pairs:", *lines, sep="\n")
