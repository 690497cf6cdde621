"""Candidate recall as a function of how many candidates retrieval keeps, and why the
listed entity is missed at the screener's 10.

    python -m benchmarks.candidate_sweep benchmarks/results/data/list1000000-q10000

Reads a folder prepared by `benchmarks.screening` (store.db, list, queries.jsonl) and
prints, for each candidate limit, the share of listed queries whose entry is retrieved;
then sorts the misses at 10: not among the 2,000 ranked at all; in a *crowd* (at least
ten other entries rank as high as the listed one on all the query gives: same name
evidence, no date or an equally good one -- no ranking can single it out); or
outranked by fewer than that (a ranking error).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from watchline.model import Entity
from watchline.store import open_store
from watchline.store.candidates import CandidateFinder

LIMITS = (5, 10, 25, 50, 100)
SCREENED = 10


def main() -> None:
    folder = Path(sys.argv[1])
    finder = CandidateFinder(open_store(f"sqlite:///{folder / 'store.db'}"))
    with open(folder / "queries.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    listed = [(Entity.from_ftm(r["query"]), r["expected"]) for r in records if r["expected"]]
    found = Counter[int]()
    misses = Counter[str]()
    for query, expected in listed:
        ranked = finder.find(query, limit=2000)
        position = next((i for i, (e, _) in enumerate(ranked) if e.id == expected), None)
        for limit in LIMITS:
            found[limit] += position is not None and position < limit
        if position is None:
            misses["not ranked"] += 1
        elif position >= SCREENED:
            score = ranked[position][1]
            as_high = sum(1 for e, s in ranked if s >= score - 1e-9 and e.id != expected)
            misses["crowd" if as_high >= SCREENED else "outranked"] += 1
    for limit in LIMITS:
        print(f"limit {limit:>3}: candidate recall {found[limit] / len(listed):.4f}")
    print(f"misses at {SCREENED} of {len(listed)} listed queries: {dict(misses)}")


if __name__ == "__main__":
    main()
