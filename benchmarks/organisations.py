"""Organisation names on real lists: two names of one entity, and two entities sharing a word.

    python -m benchmarks.organisations            # about 2 minutes on 2 cores

The generated pairs of `benchmarks.matching` are people only. Here the pairs come from the
OFAC SDN and UN lists in ../shared/data (loaded into a throwaway store):

* *same*: for each organisation with two or more names, two of them drawn at random
  (a primary name and an alias, or two aliases). Many aliases are translations,
  acronyms or former names that no name matcher can meet, so no scorer gets near 1.0;
  the figure compares scorers, it is not a recall target.
* *different*: for a sample of organisations, another organisation whose primary name
  shares a word with its own, where the word is held by 3 to 199 primary names (not
  "company", not a one-off). These should not match.

Every scorer sees the names only (no addresses, registration numbers or countries), at
its own default threshold, on the same pairs.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.peers import ERRORS, peer_scorers
from benchmarks.report import table, write_results
from benchmarks.yente import SHARED
from watchline.match import get_algorithm
from watchline.model import Entity
from watchline.services.lists import load_list
from watchline.store import open_store
from watchline.store.lists import ListRepository

#: A shared word held by fewer primary names than this is rare enough to pair on.
MAX_WORD_HOLDERS = 200
MIN_WORD_HOLDERS = 3

Pair = tuple[str, str]


def organisations(lists_dir: Path) -> list[Entity]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
        load_list(store, "un-xml", lists_dir / "un" / "UN_consolidated.xml", "un")
        load_list(store, "ofac-sdn", lists_dir / "ofac-sdn", "ofac")
        repo = ListRepository(store)
        found = [e for name in ("ofac", "un") for e in repo.entities(name)]
        store.close()
    return [e for e in found if e.is_a("Organization") and e.names]


def make_pairs(orgs: list[Entity], seed: int, different: int) -> tuple[list[Pair], list[Pair]]:
    rng = random.Random(seed)
    same = [tuple(rng.sample(e.names, 2)) for e in orgs if len(e.names) >= 2]
    holders: dict[str, list[Entity]] = {}
    for entity in orgs:
        for word in set(entity.names[0].lower().split()):
            holders.setdefault(word, []).append(entity)
    other: list[Pair] = []
    for entity in rng.sample(orgs, min(different, len(orgs))):
        words = [
            w
            for w in entity.names[0].lower().split()
            if MIN_WORD_HOLDERS <= len(holders.get(w, ())) < MAX_WORD_HOLDERS
        ]
        if not words:
            continue
        partner = rng.choice([o for o in holders[rng.choice(words)] if o.id != entity.id])
        other.append((entity.names[0], partner.names[0]))
    return [(a, b) for a, b in same], other


def _ftm(name: str, key: str) -> dict[str, Any]:
    return {"id": key, "schema": "Organization", "properties": {"name": [name]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=SHARED / "lists")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--different", type=int, default=3000, help="organisations sampled")
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args()
    orgs = organisations(args.lists)
    same, different = make_pairs(orgs, args.seed, args.different)
    ours = get_algorithm()
    scorers: list[tuple[str, float, Any]] = [
        (
            f"watchline {ours.name}",
            ours.threshold,
            lambda a, b: ours.compare(Entity.from_ftm(a), Entity.from_ftm(b)).score,
        )
    ]
    scorers += [(p.name, p.threshold, p.score) for p in peer_scorers()]
    ERRORS.clear()
    results: dict[str, Any] = {}
    rows = []
    for name, threshold, score in scorers:
        started = time.perf_counter()
        # Ids unique per pair: nomenklatura caches what it derives from an entity by id.
        matched = {
            kind: sum(
                score(_ftm(a, f"{kind}-{i}-q"), _ftm(b, f"{kind}-{i}-c")) >= threshold
                for i, (a, b) in enumerate(pairs)
            )
            / max(1, len(pairs))
            for kind, pairs in (("same", same), ("different", different))
        }
        seconds = time.perf_counter() - started
        results[name] = {"threshold": threshold, **matched, "seconds": seconds}
        rows.append([name, threshold, matched["same"], matched["different"], seconds])
    table(
        f"Organisations of OFAC + UN ({len(orgs)}): {len(same)} pairs of one entity's names, "
        f"{len(different)} pairs of entities sharing a word (seed {args.seed})",
        ["scorer", "threshold", "same matched", "different matched", "seconds"],
        rows,
    )
    write_results(
        "organisations",
        {
            "organisations": len(orgs),
            "same_pairs": len(same),
            "different_pairs": len(different),
            "seed": args.seed,
            "scorers": results,
            "errors": dict(ERRORS),
        },
        args.output,
    )


if __name__ == "__main__":
    main()
