"""Load test of the HTTP API: concurrent clients sending /match batches to a real server.

    python -m benchmarks.api_load                          # UN + OFAC, then the 1M list
    python -m benchmarks.api_load --targets unofac --seconds 30 --clients 20

A server is started with `watchline serve` on 127.0.0.1 (its own process, `--workers`
processes), an analyst key is issued, and `--clients` concurrent clients (one asyncio
task each, one HTTP/1.1 connection each) send `POST /match/default` batches of
`--batch` example entities for `--seconds`: OpenSanctions' UN benchmark people and its
synthetic negatives for UN + OFAC; the scale generator's queries for the 1M list (built
by `python -m benchmarks.screening --sizes 1000000`, reused from benchmarks/results/data).
Prints requests/s, queries/s, p50/p99 latency and errors per target; writes
benchmarks/results/api_load.json. Target (issue 8): 0 errors, p99 <= 200 ms on UN+OFAC.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.report import RESULTS, table, write_results

SHARED = Path(
    os.environ.get("WATCHLINE_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
YENTE = SHARED / "benchmarks" / "yente-candidates"
SCALE = RESULTS / "data" / "list1000000-q10000"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(home: Path, store: str, *args: str) -> str:
    env = os.environ | {"WATCHLINE_HOME": str(home), "WATCHLINE_STORE": store}
    done = subprocess.run(
        [sys.executable, "-m", "watchline", *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"watchline {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def prepare_unofac(home: Path) -> str:
    store = f"sqlite:///{home / 'watchline.db'}"
    if not (home / "watchline.db").exists():
        home.mkdir(parents=True, exist_ok=True)
        _cli(
            home,
            store,
            "lists",
            "load",
            "--format",
            "un-xml",
            str(SHARED / "lists/un/UN_consolidated.xml"),
            "--name",
            "un",
            "--no-vet",
        )
        _cli(
            home,
            store,
            "lists",
            "load",
            "--format",
            "ofac-sdn",
            str(SHARED / "lists/ofac-sdn"),
            "--name",
            "ofac",
            "--no-vet",
        )
    return store


def api_key(home: Path, store: str) -> str:
    name = f"load-{os.getpid()}-{int(time.time())}"
    _cli(home, store, "users", "add", name, "--role", "analyst")
    return str(json.loads(_cli(home, store, "keys", "issue", name, "--json"))["key"])


def yente_queries(limit: int = 3000) -> list[dict[str, Any]]:
    out = []
    for name in ("positives_un_treated.csv", "negatives_global.csv"):
        with open(YENTE / name, encoding="utf-8") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                if n >= limit // 2:
                    break
                props = {"name": [row["full_name"]]}
                if row.get("date_of_birth"):
                    props["birthDate"] = [row["date_of_birth"]]
                if row.get("nationality"):
                    props["nationality"] = [row["nationality"]]
                out.append({"schema": "Person", "properties": props})
    return out


def scale_queries(limit: int = 3000) -> list[dict[str, Any]]:
    out = []
    with open(SCALE / "queries.jsonl", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= limit:
                break
            data = json.loads(line)
            entity = data.get("query", data)
            out.append({"schema": entity["schema"], "properties": entity["properties"]})
    return out


class Server:
    def __init__(self, home: Path, store: str, workers: int) -> None:
        self.port = _free_port()
        env = os.environ | {
            "WATCHLINE_HOME": str(home),
            "WATCHLINE_STORE": store,
            "WATCHLINE_RATE_LIMIT": "0",
        }
        self.log = open(home / "server.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "watchline",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited; see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("server not ready in time")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


async def _client(
    url: str,
    key: str,
    queries: list[dict[str, Any]],
    batch: int,
    until: float,
    seed: int,
    latencies: list[float],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        while time.monotonic() < until:
            body = {"queries": {f"q{i}": rng.choice(queries) for i in range(batch)}}
            started = time.perf_counter()
            try:
                response = await client.post("/match/default", json=body, params={"limit": 5})
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}: {response.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            latencies.append(time.perf_counter() - started)


async def _load(
    url: str, key: str, queries: list[dict[str, Any]], clients: int, batch: int, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(
        *(_client(url, key, queries, batch, until, n, latencies, errors) for n in range(clients))
    )
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return (
            round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)
            if ordered
            else 0.0
        )

    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "queries_per_s": round(len(latencies) * batch / elapsed, 1),
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def run_target(
    name: str, home: Path, store: str, queries: list[dict[str, Any]], args: argparse.Namespace
) -> dict[str, Any]:
    key = api_key(home, store)
    server = Server(home, store, args.workers)
    try:
        started = time.monotonic()
        server.wait_ready()
        ready = round(time.monotonic() - started, 1)
        # Warm up: each worker opens its index and caches on first use.
        asyncio.run(_load(server.url, key, queries, 2, args.batch, 3))
        result = asyncio.run(
            _load(server.url, key, queries, args.clients, args.batch, args.seconds)
        )
    finally:
        server.stop()
    return {"target": name, "ready_s": ready, **result}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--targets", default="unofac,1m", help="unofac and/or 1m")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    results = []
    for target in args.targets.split(","):
        if target == "unofac":
            home = RESULTS / "data" / "api-unofac"
            results.append(
                run_target("UN + OFAC", home, prepare_unofac(home), yente_queries(), args)
            )
        elif target == "1m":
            if not (SCALE / "store.db").exists():
                print("skipping 1m: run `python -m benchmarks.screening --sizes 1000000` first")
                continue
            results.append(
                run_target(
                    "1M list", SCALE, f"sqlite:///{SCALE / 'store.db'}", scale_queries(), args
                )
            )
    table(
        f"API load: {args.clients} clients, /match batches of {args.batch},"
        f" {args.seconds:.0f} s, {args.workers} server workers",
        ["target", "requests/s", "queries/s", "p50 ms", "p99 ms", "errors", "ready s"],
        [
            [
                r["target"],
                r["requests_per_s"],
                r["queries_per_s"],
                r["p50_ms"],
                r["p99_ms"],
                r["errors"],
                r["ready_s"],
            ]
            for r in results
        ],
    )
    write_results("api_load", {"args": vars(args), "results": results})


if __name__ == "__main__":
    main()
