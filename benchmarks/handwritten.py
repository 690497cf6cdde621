"""Hand-written person pairs, written apart from the matcher: its one test set that no
generator of ours made.

    python -m benchmarks.handwritten            # a few seconds; every peer too

`benchmarks/data/handwritten_pairs.jsonl` holds 244 pairs of FtM person records (135 of
one person, 109 of two), written in session 18 by a helper that had not read
watchline's code or generators, from how names are written across scripts and by
agencies: Russian, Ukrainian, Belarusian, Tajik, Uzbek, Kazakh, Azerbaijani, Georgian,
Armenian, Chechen, Arabic, Persian, Pashto, Chinese, Korean, Vietnamese, Somali and
Hispanic names in their scripts and romanisations; negatives of namesakes with other
dates or passports, relatives (siblings, parents and children, spouses), names a
letter apart that are other names, and Chinese names sharing a syllable. Each line:
`{"id", "category", "label", "a", "b", "note"}`. The dates of public figures are from
the helper's memory: the same on both sides of a pair, so they cannot flip a label.

Every scorer sees the same pairs at its own default threshold. Once the matcher has
been changed after reading these pairs (session 18: four rules), they are no longer
unseen data; new failures are what they are for.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.peers import ERRORS, peer_scorers
from benchmarks.report import table, write_results
from watchline.match import get_algorithm
from watchline.model import Entity

PAIRS = Path(__file__).with_name("data") / "handwritten_pairs.jsonl"


def _ftm(properties: dict[str, list[str]], entity_id: str) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Person", "properties": properties}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", "-o", type=Path, default=None)
    parser.add_argument("--failures", action="store_true", help="list watchline's failures")
    args = parser.parse_args()
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
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
        positives = sum(1 for p in pairs if p["label"])
        recall = right[True] / positives
        specificity = right[False] / (len(pairs) - positives)
        results[name] = {
            "threshold": threshold,
            "recall": recall,
            "negatives_kept_apart": specificity,
            "wrong": wrong,
            "seconds": seconds,
        }
        rows.append([name, threshold, recall, specificity, len(wrong), seconds])
    table(
        f"Hand-written pairs ({len(pairs)}: {positives} of one person, "
        f"{len(pairs) - positives} of two)",
        ["scorer", "threshold", "recall", "negatives apart", "wrong", "seconds"],
        rows,
    )
    if args.failures:
        by_id = {p["id"]: p for p in pairs}
        for pair_id in results[scorers[0][0]]["wrong"]:
            pair = by_id[pair_id]
            print(pair_id, pair["category"], pair["label"], pair["a"]["name"], pair["b"]["name"])
    write_results("handwritten", {"pairs": len(pairs), "scorers": results}, args.output)


if __name__ == "__main__":
    main()
