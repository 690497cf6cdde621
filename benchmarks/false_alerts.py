"""What the alerts on non-matching queries rest on.

    python -m benchmarks.false_alerts benchmarks/results/data/list1000000-q10000 --queries 3000

Reads a folder prepared by `benchmarks.screening`, screens its non-matching queries
(namesakes, relatives, others) and sorts those that alert by the evidence besides the
name of their best alert: which kinds of pairs the false alerts are.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

from watchline.match.types import FeatureResult
from watchline.model import Entity
from watchline.services.screening import Screener
from watchline.store import open_store


def _label(feature: FeatureResult) -> str:
    """ "birth_date close", "country match": the evidence and its outcome."""
    if feature.name == "birth_date":
        return "birth date " + feature.detail.split(": ")[-1].split(" (")[0]
    if feature.name == "country":
        return "country " + ("conflict" if feature.contribution < 0 else "match")
    return feature.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--queries", type=int, default=3000, help="the first N queries")
    args = parser.parse_args()
    screener = Screener(open_store(f"sqlite:///{args.folder / 'store.db'}"))
    with open(args.folder / "queries.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in itertools.islice(handle, args.queries)]
    screened, alerting, evidence = Counter[str](), Counter[str](), Counter[str]()
    for record in records:
        if record["expected"]:
            continue
        screened[record["kind"]] += 1
        matches = [m for m in screener.screen(Entity.from_ftm(record["query"])) if m.result.match]
        if not matches:
            continue
        alerting[record["kind"]] += 1
        top = matches[0].result
        besides = sorted({_label(f) for f in top.features if f.name != "name" and f.contribution})
        evidence[" + ".join(["name", *besides]) if besides else "name only"] += 1
    print(f"non-matching queries screened: {dict(screened)}; alerting: {dict(alerting)}")
    for what, count in evidence.most_common():
        print(f"{count:>6}  {what}")


if __name__ == "__main__":
    main()
