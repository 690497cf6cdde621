"""Hand-written person pairs, written apart from the matcher: its test sets that no
generator of ours made.

    python -m benchmarks.handwritten            # a few seconds; every peer too

Three sets in `benchmarks/data/`, each line `{"id", "category", "label", "a", "b",
"note"}` with FtM person properties on both sides, written in session 18 by helpers that
had read neither watchline's code nor its generators:

* `handwritten_pairs.jsonl`: 244 pairs (135 of one person, 109 of two). Russian,
  Ukrainian, Belarusian, Tajik, Uzbek, Kazakh, Azerbaijani, Georgian, Armenian,
  Chechen, Arabic, Persian, Pashto, Chinese, Korean, Vietnamese, Somali and Hispanic
  names across scripts and romanisations; namesakes with other dates or passports,
  relatives (siblings, parents and children, spouses), names a letter apart, Chinese
  names sharing a syllable.
* `handwritten_pairs_2.jsonl`: 232 pairs (132 and 100). Serbian, Macedonian,
  Bulgarian, Mongolian, Kazakh, Kyrgyz, Turkmen, Uyghur, Tatar, Greek, Hebrew, Kurdish,
  Ethiopic, Hausa, Malay, Japanese and Thai names; aliases in several scripts, passport
  numbers written otherwise, partial and swapped dates, dual nationality, maiden and
  married names, kunyas; twins, nasab fathers and sons, gender conflicts.
* `handwritten_pairs_3.jsonl`: 202 pairs (111 and 91). Tajik, Uzbek, Kazakh, Kyrgyz,
  Turkmen, Azerbaijani, North Caucasian, Georgian and Armenian names in their scripts,
  Russian-mediated forms and passports' Latin; Arabic nasabs, tribal names, Egyptian,
  Levantine and Maghrebi spellings, Persian, Dari and Pashto; brothers, fathers and
  sons, cousins in a nasab, spouses, namesakes, unisex names of the other gender.

The dates of public figures are from the helpers' memory: the same on both sides of a
pair, so they cannot flip a label. Every scorer sees the same pairs at its own default
threshold. Rules made after reading a set's failures (session 18: four from the first,
two from the second, none from the third) make it seen data; new failures are what
they are for.

`--retrieval FOLDER` also asks the candidate index: the list side of every pair of one
person is filed among the persons of a folder prepared by `benchmarks.screening` (its
`store.db`), and each traveller's ten candidates must hold it.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.peers import ERRORS, peer_scorers
from benchmarks.report import table, write_results
from watchline.index.keys import index_entry, query_keys
from watchline.index.search import CandidateIndex
from watchline.index.segment import Segment
from watchline.match import get_algorithm
from watchline.model import Entity

PAIR_SETS = sorted(Path(__file__).with_name("data").glob("handwritten_pairs*.jsonl"))


def read_pairs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _ftm(properties: dict[str, list[str]], entity_id: str) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Person", "properties": properties}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", "-o", type=Path, default=None)
    parser.add_argument("--failures", action="store_true", help="list watchline's failures")
    parser.add_argument("--retrieval", type=Path, default=None, help="a prepared list folder")
    args = parser.parse_args()
    if args.retrieval is not None:
        _retrieval([p for path in PAIR_SETS for p in read_pairs(path)], args.retrieval)
    ours = get_algorithm(None)
    scorers: list[tuple[str, float, Any]] = [
        (
            f"watchline {ours.name}",
            ours.threshold,
            lambda a, b: ours.compare(Entity.from_ftm(a), Entity.from_ftm(b)).score,
        )
    ]
    scorers += [(p.name, p.threshold, p.score) for p in peer_scorers()]
    results: dict[str, Any] = {}
    for path in PAIR_SETS:
        pairs = read_pairs(path)
        results[path.name] = _score_set(path.name, pairs, scorers)
        if args.failures:
            by_id = {p["id"]: p for p in pairs}
            for pair_id in results[path.name][scorers[0][0]]["wrong"]:
                pair = by_id[pair_id]
                print(
                    pair_id, pair["category"], pair["label"], pair["a"]["name"], pair["b"]["name"]
                )
    write_results("handwritten", {"sets": results}, args.output)


def _retrieval(pairs: list[dict[str, Any]], folder: Path) -> None:
    """The pairs' list sides among a prepared list's persons: is each one among its
    traveller's ten candidates?"""
    listed = [(row, p) for row, p in enumerate(pairs, start=1) if p["label"]]
    entries = [(row, Entity.from_ftm(_ftm(p["b"], f"b{row}"))) for row, p in listed]
    with sqlite3.connect(folder / "store.db") as db:
        stored = db.execute("select entity_id, properties from list_entity").fetchall()
    offset = len(pairs) + 1
    entries += [
        (offset + number, Entity.from_ftm(_ftm(json.loads(props), entity_id)))
        for number, (entity_id, props) in enumerate(stored)
    ]
    started = time.perf_counter()
    index = CandidateIndex(Segment.build(index_entry(row, e) for row, e in entries))
    found = 0
    for row, pair in listed:
        query = Entity.from_ftm(_ftm(pair["a"], "a"))
        if row in [r for r, _ in index.search(query_keys(query), limit=10)]:
            found += 1
        else:
            print("not among ten:", pair["id"], pair["a"]["name"], "|", pair["b"]["name"])
    seconds = time.perf_counter() - started
    table(
        f"retrieval: {len(listed)} list sides among {len(stored):,} persons",
        ["among ten candidates", "of", "seconds"],
        [[found, len(listed), seconds]],
    )


def _score_set(
    label: str, pairs: list[dict[str, Any]], scorers: list[tuple[str, float, Any]]
) -> dict[str, Any]:
    positives = sum(1 for p in pairs if p["label"])
    results: dict[str, Any] = {}
    rows = []
    for name, threshold, score in scorers:
        started = time.perf_counter()
        right: Counter[bool] = Counter()
        wrong: list[str] = []
        for pair in pairs:
            try:
                matched = score(_ftm(pair["a"], "a"), _ftm(pair["b"], "b")) >= threshold
            except ERRORS:
                matched = False
            if matched == pair["label"]:
                right[pair["label"]] += 1
            else:
                wrong.append(pair["id"])
        seconds = time.perf_counter() - started
        recall = right[True] / positives
        apart = right[False] / (len(pairs) - positives)
        results[name] = {
            "threshold": threshold,
            "recall": recall,
            "negatives_kept_apart": apart,
            "wrong": wrong,
            "seconds": seconds,
        }
        rows.append([name, threshold, recall, apart, len(wrong), seconds])
    table(
        f"{label}: {len(pairs)} pairs, {positives} of one person, {len(pairs) - positives} of two",
        ["scorer", "threshold", "recall", "negatives apart", "wrong", "seconds"],
        rows,
    )
    return results


if __name__ == "__main__":
    main()
