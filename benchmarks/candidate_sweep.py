"""Candidate recall as a function of how many candidates retrieval keeps.

    python -m benchmarks.candidate_sweep benchmarks/results/data/list20000-q1000

Reads a folder prepared by `benchmarks.screening` (store.db, list, queries.jsonl) and
prints, for each candidate limit, the share of listed queries whose entry is retrieved.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from watchline.model import Entity
from watchline.store import open_store
from watchline.store.candidates import CandidateFinder


def main() -> None:
    folder = Path(sys.argv[1])
    finder = CandidateFinder(open_store(f"sqlite:///{folder / 'store.db'}"))
    with open(folder / "queries.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    listed = [(Entity.from_ftm(r["query"]), r["expected"]) for r in records if r["expected"]]
    for limit in (5, 10, 25, 50, 100):
        found = sum(exp in {e.id for e, _ in finder.find(q, limit=limit)} for q, exp in listed)
        print(f"limit {limit:>3}: candidate recall {found / len(listed):.4f}")


if __name__ == "__main__":
    main()
