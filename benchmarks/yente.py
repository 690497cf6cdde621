"""OpenSanctions' candidate-generation benchmark (../shared/data/benchmarks/yente-candidates).

The positives files hold UN-listed people without list ids: the untreated file gives a
name as the UN writes it, and row i of the treated file is the same person with typos,
reshuffles or date noise. The truth for row i is the UN entry whose name or alias is
that untreated name (3 rows name two entries and count a hit on either; 3 rows name
none and are skipped, reported as `unresolved`).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.peers import PeerScorer
from benchmarks.report import console, table
from watchline.lists.queries import read_query_csv
from watchline.match import get_algorithm
from watchline.model import Entity
from watchline.names.translit import romanise
from watchline.services.lists import load_list
from watchline.store import Store, open_store
from watchline.store.candidates import CandidateFinder
from watchline.store.lists import ListRepository

#: As the tests find it: WATCHLINE_SHARED_DATA, else ../shared/data beside the checkout.
SHARED = Path(
    os.environ.get("WATCHLINE_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
YENTE = SHARED / "benchmarks" / "yente-candidates"
CANDIDATES = 30

_worker: dict[str, Any] = {}


def _init(url: str, lists: list[str]) -> None:
    _worker["store"] = open_store(url)
    _worker["finder"] = CandidateFinder(_worker["store"], lists=lists)


def candidates(query: Entity) -> list[Entity]:
    finder: CandidateFinder = _worker["finder"]
    found = [e for e, _ in finder.find(query, limit=CANDIDATES)]
    return [e for e in found if query.ftm_schema.can_match(e.ftm_schema)]


def _screen(query: Entity) -> tuple[str, list[tuple[str, dict[str, Any], float]]]:
    algo = get_algorithm()
    return query.id, [(c.id, c.to_ftm(), algo.compare(query, c).score) for c in candidates(query)]


def screen_all(url: str, lists: list[str], queries: list[Entity], workers: int) -> dict[str, Any]:
    with multiprocessing.get_context("fork").Pool(workers, _init, (url, lists)) as pool:
        return dict(pool.imap(_screen, queries, chunksize=64))


def load_queries(name: str, limit: int = 0) -> list[Entity]:
    warnings: list[str] = []
    queries = list(read_query_csv(YENTE / name, warnings=warnings))
    for query in queries:
        query.id = f"{name.removesuffix('.csv')}:{query.id}"  # unique across files
    return queries[:limit] if limit else queries


def truth(store: Store) -> dict[str, set[str]]:
    by_name: dict[str, set[str]] = defaultdict(set)
    for entity in ListRepository(store).entities("un"):
        for name in entity.names + entity.weak_names:
            by_name[romanise(name)].add(entity.id)
    return by_name


def yente_benchmark(
    peers: list[PeerScorer], *, negatives: int, peer_negatives: int, workers: int
) -> dict[str, Any]:
    algo = get_algorithm()
    ours = f"watchline {algo.name}"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.db'}"
        store = open_store(url)
        load_list(store, "un-xml", SHARED / "lists" / "un" / "UN_consolidated.xml", "un")
        load_list(store, "ofac-sdn", SHARED / "lists" / "ofac-sdn", "ofac")
        names = truth(store)
        CandidateFinder(store).refresh()  # build the index once, before the workers start
        store.close()
        untreated = load_queries("positives_un_untreated.csv")
        treated = load_queries("positives_un_treated.csv")
        expected = [names.get(romanise(q.first("name") or ""), set()) for q in untreated]
        started = time.perf_counter()
        pos = {
            "untreated": screen_all(url, ["un"], untreated, workers),
            "treated": screen_all(url, ["un"], treated, workers),
        }
        neg_queries = load_queries("negatives_global.csv", negatives // 2) + load_queries(
            "negatives_us.csv", negatives // 2
        )
        neg = screen_all(url, ["un", "ofac"], neg_queries, workers)
        elapsed = time.perf_counter() - started
    scorers: dict[str, dict[str, Any]] = {}

    def evaluate(name: str, threshold: float, score_of: Any, neg_ids: list[str]) -> None:
        result: dict[str, Any] = {"threshold": threshold}
        for kind, queries in (("untreated", untreated), ("treated", treated)):
            hits = resolved = 0
            for query, truth_ids in zip(queries, expected, strict=True):
                if not truth_ids:
                    continue
                resolved += 1
                found = pos[kind][query.id]
                hits += any(
                    cid in truth_ids and score_of(query, data, s) >= threshold
                    for cid, data, s in found
                )
            result[f"{kind}_matched"] = hits / resolved
        alerts = sum(
            any(score_of(q, data, s) >= threshold for _, data, s in neg[q.id])
            for q in neg_queries
            if q.id in neg_ids
        )
        result["negatives"] = len(neg_ids)
        result["false_alerts_per_1000"] = 1000 * alerts / max(1, len(neg_ids))
        scorers[name] = result

    all_neg = {q.id for q in neg_queries}
    evaluate(ours, algo.threshold, lambda q, d, s: s, list(all_neg))
    sample = [q.id for q in neg_queries[: peer_negatives // 2]] + [
        q.id
        for q in neg_queries[len(neg_queries) // 2 : len(neg_queries) // 2 + peer_negatives // 2]
    ]
    for peer in peers:
        evaluate(peer.name, peer.threshold, lambda q, d, s, p=peer: p.score(q.to_ftm(), d), sample)
    unresolved = sum(1 for t in expected if not t)
    table(
        f"B. yente candidates: UN positives vs UN list ({len(untreated)} each, {unresolved} "
        f"unresolved), negatives vs UN + OFAC (watchline: {len(neg_queries)}; peers: "
        f"{len(sample)} sampled); all scorers on watchline's top-{CANDIDATES} candidates",
        [
            "scorer",
            "threshold",
            "untreated matched",
            "treated matched",
            "negatives",
            "false alerts / 1000",
        ],
        [
            [
                n,
                r["threshold"],
                r["untreated_matched"],
                r["treated_matched"],
                r["negatives"],
                r["false_alerts_per_1000"],
            ]
            for n, r in scorers.items()
        ],
    )
    console.print(f"screening time (watchline, {workers} workers): {elapsed:.1f}s")
    return {"unresolved": unresolved, "screening_seconds": elapsed, "scorers": scorers}
