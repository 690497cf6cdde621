"""The phases of benchmarks/screening.py, each run in its own process."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.generators.scale import generate_queries, generate_watchlist
from benchmarks.token_baseline import THRESHOLD as BASELINE_THRESHOLD
from benchmarks.token_baseline import TokenIndex

LIST_SEED, QUERY_SEED = 11, 12
UPDATED = 1000


def _store_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'store.db'}"


def _queries(folder: Path) -> list[dict[str, Any]]:
    with open(folder / "queries.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def prepare(folder: Path, size: int, queries: int, workers: int) -> dict[str, Any]:
    """Generate the list and queries, load the list into a fresh SQLite store."""
    from watchline.services.lists import load_list
    from watchline.store import open_store

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    with open(folder / "list.ftm.json", "w", encoding="utf-8") as out:
        for entity in generate_watchlist(LIST_SEED, size):
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
    with open(folder / "queries.jsonl", "w", encoding="utf-8") as out:
        for query in generate_queries(QUERY_SEED, queries, LIST_SEED, size):
            out.write(json.dumps(query, ensure_ascii=False) + "\n")
    generated = time.perf_counter() - started
    store = open_store(_store_url(folder))
    started = time.perf_counter()
    load_list(store, "ftm", folder / "list.ftm.json", "synthetic")
    load_s = time.perf_counter() - started
    store.close()
    return {"generate_s": generated, "load_s": load_s, "store_mb": _size_mb(folder / "store.db")}


def _labels(records: list[dict[str, Any]]) -> tuple[list[int], list[int]]:
    listed = [i for i, r in enumerate(records) if r["expected"]]
    other = [i for i, r in enumerate(records) if not r["expected"]]
    return listed, other


def watchline(folder: Path, size: int, queries: int, workers: int) -> dict[str, Any]:
    from watchline.model import Entity
    from watchline.services.lists import update_list
    from watchline.services.screening import Screener, relax_collector, screen_batch
    from watchline.store import open_store
    from watchline.store.index_files import IndexFiles, default_index_dir

    relax_collector()  # as `watchline screen --input`, encounter imports and the API do
    store = open_store(_store_url(folder))
    index_dir = default_index_dir(store)
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.perf_counter()
    IndexFiles(store, index_dir).rebuild()
    build_s = time.perf_counter() - started

    records = _queries(folder)
    entities = [Entity.from_ftm(r["query"]) for r in records]
    listed, other = _labels(records)
    screener = Screener(store)
    found_candidates = 0
    for i in listed:
        ids = {e.id for e, _ in screener.finder.find(entities[i], limit=screener.candidates)}
        found_candidates += records[i]["expected"] in ids
    latencies, results = [], []
    for entity in entities:
        started = time.perf_counter()
        results.append(screener.screen(entity, limit=5))
        latencies.append((time.perf_counter() - started) * 1000)
    final = sum(
        any(m.entity.id == records[i]["expected"] and m.result.match for m in results[i])
        for i in listed
    )
    alerts = sum(any(m.result.match for m in results[i]) for i in other)
    throughput = {}
    for n in (1, workers):
        fresh = Screener(store)
        started = time.perf_counter()
        for _ in screen_batch(fresh, entities, workers=n, limit=5):
            pass
        throughput[n] = len(entities) / (time.perf_counter() - started)
    update_s, store_update_s = _update(folder, store, index_dir, update_list)
    return {
        "build_s": build_s,
        "candidate_recall": found_candidates / max(1, len(listed)),
        "final_recall": final / max(1, len(listed)),
        "false_alerts_per_1000": 1000 * alerts / max(1, len(other)),
        "p50_ms": float(np.percentile(latencies, 50)),
        "p99_ms": float(np.percentile(latencies, 99)),
        "batch_qps_1": throughput[1],
        "batch_qps_n": throughput[workers],
        "workers": workers,
        "update_s": update_s,
        "store_update_s": store_update_s,
        "index_mb": _size_mb(index_dir),
        "listed": len(listed),
        "non_matching": len(other),
    }


def _update(folder: Path, store: Any, index_dir: Path, update_list: Any) -> tuple[float, float]:
    """1,000 entities change (a new alias each) in one delta version; time store and index.

    The update is applied to a copy of the store and its index, so the prepared store
    stays as generated and the phase can be run again on it (`--rerun watchline`)."""
    from watchline.store import open_store
    from watchline.store.index_files import IndexFiles, default_index_dir

    IndexFiles(store, index_dir).open()
    store.close()
    copy = folder / "updated"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    shutil.copy(folder / "store.db", copy / "store.db")
    updated = open_store(_store_url(copy))
    shutil.copytree(index_dir, default_index_dir(updated))
    delta_dir = folder / "delta" / "20990101000000-upd"
    delta_dir.mkdir(parents=True, exist_ok=True)
    with (
        open(folder / "list.ftm.json", encoding="utf-8") as source,
        open(delta_dir / "entities.delta.json", "w", encoding="utf-8") as out,
    ):
        for number, line in enumerate(source):
            if number >= UPDATED:
                break
            entity = json.loads(line)
            entity["properties"].setdefault("alias", []).append(f"Updated Alias {number}")
            out.write(json.dumps({"op": "MOD", "entity": entity}) + "\n")
    started = time.perf_counter()
    update_list(updated, "synthetic", delta_dir / "entities.delta.json")
    store_s = time.perf_counter() - started
    started = time.perf_counter()
    index = IndexFiles(updated, default_index_dir(updated)).open()
    index_s = time.perf_counter() - started
    assert index.delta.size == UPDATED, index.delta.size
    updated.close()
    shutil.rmtree(copy, ignore_errors=True)
    return index_s, store_s


def baseline(folder: Path, size: int, queries: int, workers: int) -> dict[str, Any]:
    from benchmarks.peers import peer_scorers

    started = time.perf_counter()
    with open(folder / "list.ftm.json", encoding="utf-8") as handle:
        index = TokenIndex(json.loads(line) for line in handle)
    build_s = time.perf_counter() - started
    records = _queries(folder)
    listed, other = _labels(records)
    latencies, candidates, best = [], [], []
    for record in records:
        started = time.perf_counter()
        found = index.candidates(record["query"])
        scores = [(index.score(record["query"], p), p) for p in found]
        latencies.append((time.perf_counter() - started) * 1000)
        candidates.append(found)
        best.append(scores)
    ids = index.ids

    def matched(i: int) -> bool:
        return any(ids[p] == records[i]["expected"] and s >= BASELINE_THRESHOLD for s, p in best[i])

    result: dict[str, Any] = {
        "build_s": build_s,
        "candidate_recall": sum(
            records[i]["expected"] in {ids[p] for p in candidates[i]} for i in listed
        )
        / max(1, len(listed)),
        "final_recall": sum(matched(i) for i in listed) / max(1, len(listed)),
        "false_alerts_per_1000": 1000
        * sum(any(s >= BASELINE_THRESHOLD for s, _ in best[i]) for i in other)
        / max(1, len(other)),
        "p50_ms": float(np.percentile(latencies, 50)),
        "p99_ms": float(np.percentile(latencies, 99)),
    }
    logic = next((p for p in peer_scorers() if p.name == "nomenklatura logic-v2"), None)
    if logic is not None:
        result |= _logic_v2(logic, records, candidates, folder, ids, listed, other)
    return result


def _logic_v2(
    logic: Any,
    records: list[dict[str, Any]],
    candidates: list[list[int]],
    folder: Path,
    ids: list[str],
    listed: list[int],
    other: list[int],
) -> dict[str, Any]:
    """nomenklatura logic-v2 on the token index's candidates, for every 10th query."""
    sample = list(range(0, len(records), 10))
    needed = {p for i in sample for p in candidates[i]}
    entities: dict[int, dict[str, Any]] = {}
    with open(folder / "list.ftm.json", encoding="utf-8") as handle:
        for position, line in enumerate(handle):
            if position in needed:
                entities[position] = json.loads(line)
    logic.score(records[0]["query"], records[0]["query"])  # warm-up: loads name data
    latencies, hits, alerts = [], 0, 0
    for i in sample:
        started = time.perf_counter()
        scores = [(logic.score(records[i]["query"], entities[p]), p) for p in candidates[i]]
        latencies.append((time.perf_counter() - started) * 1000)
        if records[i]["expected"]:
            hits += any(
                ids[p] == records[i]["expected"] and s >= logic.threshold for s, p in scores
            )
        else:
            alerts += any(s >= logic.threshold for s, _ in scores)
    n_listed = sum(1 for i in sample if records[i]["expected"])
    return {
        "logic_v2_final_recall": hits / max(1, n_listed),
        "logic_v2_false_alerts_per_1000": 1000 * alerts / max(1, len(sample) - n_listed),
        "logic_v2_p50_ms": float(np.percentile(latencies, 50)),
        "logic_v2_p99_ms": float(np.percentile(latencies, 99)),
        "logic_v2_sample": len(sample),
    }
