"""Screening benchmark at 100k and 1M list entities, side by side with a typical setup.

    python -m benchmarks.screening                       # 100k and 1M (about 30 min)
    python -m benchmarks.screening --sizes 100000 --queries 2000
    python -m benchmarks.screening --rerun prepare watchline   # after a change to
                                          # watchline: peers' figures from the last run

Data: the committed scale generator (benchmarks/generators/scale.py; list seed 11,
query seed 12): 20% listed people rendered differently, 30% namesakes and relatives,
50% others. Each phase runs in its own process so peak RSS is its own:
`prepare` (generate, load the SQLite store), `watchline` (index build, recall, false
alerts, latency, batch throughput, incremental update of 1,000 entities, disk size) and
`baseline` (ASCII-token index + rapidfuzz; nomenklatura logic-v2 on 10% of the same
candidates). Prints tables and writes benchmarks/results/screening.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.report import RESULTS, peak_rss_mb, table, write_results

LIST_SEED, QUERY_SEED = 11, 12
TARGETS = {
    "candidate_recall": 0.995,
    "p50_ms": 5.0,
    "p99_ms": 50.0,
    "batch_qps": 1000.0,
    "build_s": 120.0,
    "update_s": 5.0,
    "rss_mb": 2048.0,
}


def data_dir(size: int, queries: int) -> Path:
    return RESULTS / "data" / f"list{size}-q{queries}"


def run_phase(phase: str, size: int, queries: int, workers: int) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; it prints one JSON object last."""
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.screening",
        "--phase",
        phase,
        "--sizes",
        str(size),
        "--queries",
        str(queries),
        "--workers",
        str(workers),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--phase", choices=["prepare", "watchline", "baseline"])
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument(
        "--rerun",
        choices=["prepare", "watchline", "baseline"],
        nargs="+",
        help="run only these phases on the data prepared by the last run, and take the "
        "others from its results file",
    )
    args = parser.parse_args()
    if args.phase:
        from benchmarks import screening_phases

        phase = getattr(screening_phases, args.phase)
        result = phase(
            data_dir(args.sizes[0], args.queries), args.sizes[0], args.queries, args.workers
        )
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return
    results: dict[str, Any] = {"targets": TARGETS, "sizes": {}}
    earlier: dict[str, Any] = {}
    if args.rerun:
        path = args.output or RESULTS / "screening.json"
        earlier = json.loads(path.read_text(encoding="utf-8"))["sizes"]
        results["rerun"] = args.rerun
    for size in args.sizes:
        started = time.perf_counter()
        entry = dict(earlier.get(str(size), {}))
        for phase in ("prepare", "watchline", "baseline"):
            if not args.rerun or phase in args.rerun:
                entry[phase] = run_phase(phase, size, args.queries, args.workers)
            elif phase not in entry:
                raise SystemExit(f"--rerun: no earlier {phase} results for {size:,}")
        entry["seconds"] = time.perf_counter() - started
        results["sizes"][str(size)] = entry
        show(size, entry)
    write_results("screening", results, args.output)


def show(size: int, entry: dict[str, Any]) -> None:
    w, b = entry["watchline"], entry["baseline"]
    rows = [
        ["candidate recall (listed)", w["candidate_recall"], b["candidate_recall"], "-"],
        [
            "final recall at threshold",
            w["final_recall"],
            b["final_recall"],
            b.get("logic_v2_final_recall", "-"),
        ],
        [
            "false alerts / 1,000 non-matching",
            w["false_alerts_per_1000"],
            b["false_alerts_per_1000"],
            b.get("logic_v2_false_alerts_per_1000", "-"),
        ],
        ["p50 latency (ms)", w["p50_ms"], b["p50_ms"], b.get("logic_v2_p50_ms", "-")],
        ["p99 latency (ms)", w["p99_ms"], b["p99_ms"], b.get("logic_v2_p99_ms", "-")],
        ["batch queries/s, 1 worker", w["batch_qps_1"], "-", "-"],
        [f"batch queries/s, {w['workers']} workers", w["batch_qps_n"], "-", "-"],
        ["index build (s)", w["build_s"], b["build_s"], "-"],
        ["incremental update of 1,000 (s)", w["update_s"], "-", "-"],
        ["peak RSS (MB)", w["peak_rss_mb"], b["peak_rss_mb"], "-"],
        ["index on disk (MB)", w["index_mb"], "-", "-"],
    ]
    table(
        f"screening, list of {size:,} (store load {entry['prepare']['load_s']:.0f} s, "
        f"store {entry['prepare']['store_mb']:.0f} MB; nomenklatura on a 10% sample)",
        ["", "watchline", "ASCII tokens + rapidfuzz", "logic-v2 on those candidates"],
        rows,
    )


if __name__ == "__main__":
    main()
