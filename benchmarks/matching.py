"""Matching benchmark: watchline's matcher side by side with its peers, in one run.

    python -m benchmarks.matching                     # full run (about 15 minutes on 2 cores)
    python -m benchmarks.matching --negatives 5000    # quicker, negatives sampled

Part A scores labelled pairs from the committed generator (test seed 2; the matcher was
fitted on seed 1) with watchline (end to end through `watchline score-pairs`, one
process) and with nomenklatura logic-v1, logic-v2, regression-v1 and rapidfuzz
token_sort_ratio. Part B runs OpenSanctions' candidate-generation benchmark: UN
positives (untreated and treated) screened against the UN list must find their entry;
synthetic negatives screened against UN + OFAC must not alert. Every scorer scores the
same candidates (from watchline's index); peers see a sample of the negatives (they are
5-20x slower), labelled as such. Prints tables and writes benchmarks/results/matching.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.generators.pairs import generate_pairs
from benchmarks.peers import ERRORS, PeerScorer, peer_scorers
from benchmarks.report import classification, console, table, write_results
from benchmarks.yente import yente_benchmark
from watchline.match import get_algorithm

PEERS = (
    "nomenklatura logic-v1",
    "nomenklatura logic-v2",
    "nomenklatura regression-v1",
    "rapidfuzz token_sort_ratio",
)
TARGETS = {
    "average_precision": 0.98,
    "f1": 0.95,
    "locale_recall": 0.95,
    "namesake_fpr": 0.03,
    "pairs_per_second": 20_000,
    "un_positives": 0.99,
    "false_alerts_per_1000": 2.0,
}


def _score_with_cli(path: Path, workdir: Path) -> tuple[list[float], float]:
    out = workdir / "scores.jsonl"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "watchline", "score-pairs", str(path), "-o", str(out)], check=True
    )
    elapsed = time.perf_counter() - started
    scores = [json.loads(line)["score"] for line in out.read_text().splitlines()]
    return scores, elapsed


def pair_metrics(
    pairs: list[dict[str, Any]], scores: list[float], threshold: float
) -> dict[str, Any]:
    labels = [bool(p["label"]) for p in pairs]
    out: dict[str, Any] = classification(labels, scores, threshold)
    by_locale: dict[str, list[bool]] = defaultdict(list)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for pair, score in zip(pairs, scores, strict=True):
        hit = score >= threshold
        if pair["label"]:
            by_locale[pair["locale"]].append(hit)
        else:
            by_kind[pair["kind"]].append(hit)
    out["recall_by_locale"] = {k: sum(v) / len(v) for k, v in sorted(by_locale.items())}
    out["fpr_by_kind"] = {k: sum(v) / len(v) for k, v in sorted(by_kind.items())}
    return out


def part_pairs(seed: int, n: int, speed_lines: int, peers: list[PeerScorer]) -> dict[str, Any]:
    pairs = list(generate_pairs(seed, n))
    ours = get_algorithm()
    results: dict[str, Any] = {"seed": seed, "pairs": len(pairs), "scorers": {}}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "pairs.jsonl"
        lines = [json.dumps({"a": p["a"], "b": p["b"]}, ensure_ascii=False) for p in pairs]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        scores, _ = _score_with_cli(path, workdir)
        # Speed on distinct pairs (another seed): repeated lines would be served from the
        # name-analysis caches and flatter the figure.
        speed = workdir / "speed.jsonl"
        speed_pairs = generate_pairs(seed + 1000, speed_lines)
        speed.write_text(
            "".join(json.dumps({"a": p["a"], "b": p["b"]}) + "\n" for p in speed_pairs),
            encoding="utf-8",
        )
        _, elapsed = _score_with_cli(speed, workdir)
        metrics = pair_metrics(pairs, scores, ours.threshold)
        metrics["pairs_per_second"] = speed_lines / elapsed
        metrics["speed_pairs"] = speed_lines
        metrics["threshold"] = ours.threshold
        results["scorers"][f"watchline {ours.name}"] = metrics
    for peer in peers:
        peer.score(pairs[0]["a"], pairs[0]["b"])  # warm-up: logic-v2 loads data on first call
        started = time.perf_counter()
        peer_scores = [peer.score(p["a"], p["b"]) for p in pairs]
        elapsed = time.perf_counter() - started
        metrics = pair_metrics(pairs, peer_scores, peer.threshold)
        metrics["pairs_per_second"] = len(pairs) / elapsed
        metrics["threshold"] = peer.threshold
        metrics["errors"] = ERRORS[peer.name]
        results["scorers"][peer.name] = metrics
    return results


def show_pairs(results: dict[str, Any]) -> None:
    rows = []
    locales: list[str] = []
    for name, m in results["scorers"].items():
        locales = list(m["recall_by_locale"])
        rows.append(
            [
                name,
                m["average_precision"],
                m["best_f1"],
                m["precision"],
                m["recall"],
                m["f1"],
                *[m["recall_by_locale"][loc] for loc in locales],
                m["fpr_by_kind"].get("namesake", 0.0),
                m["fpr_by_kind"].get("relative", 0.0),
                m["pairs_per_second"],
            ]
        )
    table(
        f"A. generated pairs (seed {results['seed']}, {results['pairs']} pairs; each scorer at "
        "its own default threshold)",
        [
            "scorer",
            "AP",
            "best F1",
            "P@thr",
            "R@thr",
            "F1@thr",
            *[f"R {loc}" for loc in locales],
            "FPR namesake",
            "FPR relative",
            "pairs/s",
        ],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=2, help="generator seed (test set)")
    parser.add_argument("--pairs", type=int, default=6000)
    parser.add_argument("--speed-lines", type=int, default=30000)
    parser.add_argument("--negatives", type=int, default=0, help="0 = all 100,000")
    parser.add_argument("--peer-negatives", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-yente", action="store_true")
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args()

    peers = [p for p in peer_scorers() if p.name in PEERS]
    console.print(f"peers: {', '.join(p.name for p in peers)}")
    results: dict[str, Any] = {"targets": TARGETS}
    results["pairs"] = part_pairs(args.seed, args.pairs, args.speed_lines, peers)
    show_pairs(results["pairs"])
    if not args.skip_yente:
        results["yente"] = yente_benchmark(
            peers,
            negatives=args.negatives,
            peer_negatives=args.peer_negatives,
            workers=args.workers,
        )
    ours = results["pairs"]["scorers"][f"watchline {get_algorithm().name}"]
    checks = {
        "average_precision": ours["average_precision"] >= TARGETS["average_precision"],
        "f1_at_threshold": ours["f1"] >= TARGETS["f1"],
        "recall_every_locale": min(ours["recall_by_locale"].values()) >= TARGETS["locale_recall"],
        "namesake_fpr": ours["fpr_by_kind"].get("namesake", 0.0) <= TARGETS["namesake_fpr"],
        "pairs_per_second": ours["pairs_per_second"] >= TARGETS["pairs_per_second"],
    }
    if "yente" in results:
        y = results["yente"]["scorers"][f"watchline {get_algorithm().name}"]
        checks["un_positives"] = (
            min(y["untreated_matched"], y["treated_matched"]) >= TARGETS["un_positives"]
        )
        checks["false_alerts_per_1000"] = (
            y["false_alerts_per_1000"] <= TARGETS["false_alerts_per_1000"]
        )
    results["checks"] = checks
    table("targets (watchline)", ["target", "result"], [[k, v] for k, v in checks.items()])
    write_results("matching", results, args.output)


if __name__ == "__main__":
    main()
