"""Continuous vetting benchmark: a list update of 100 entries against 1M screened persons.

    python -m benchmarks.vetting                          # 1,000,000 persons, SQLite + PostgreSQL
    python -m benchmarks.vetting --persons 100000 --backends sqlite
    python -m benchmarks.vetting --persons 100000 --profile   # also a cProfile of the re-vet

Data (seeded, regenerated identically): persons are the scale generator's screened
records (benchmarks/generators/scale.py, person seed 21: names in native script or
romanised, birth dates, nationality, passports), keyed as `import_encounters` keys them
(`doc:` passport + nationality, else `enc:`). An agency list (`csv` format) of 1,000
unrelated entries (seed 22) is loaded before the persons, with the UN and OFAC lists.
The update is that list's next version with 100 entries added or changed: renderings of
stored persons in another spelling system or script (20%, should alert), entries of
stored persons whose wrong birth date is corrected (10%, should alert), namesakes of
stored persons with conflicting dates or passports (25%, should not alert), new unrelated
people (25%) and unrelated entries amended (20%).

Each phase runs in its own process, so its peak RSS is its own:
`generate` (persons, list versions, encounters; once for both stores), then per store
`setup` (lists, bulk insert of the persons with `revision` 1..N, person index build; not
part of the target), `revet` (load the new list version, `Vetter.catch_up()`: wall time,
alerts, recall of the planted persons, peak RSS) and `encounters` (`import_encounters` of
2,000 records against UN + OFAC + the agency list: records/s). PostgreSQL is a throwaway
server from scripts/postgres.sh, started and stopped here. Prints one table with both
stores side by side and writes benchmarks/results/vetting.json.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.report import RESULTS, peak_rss_mb, table, write_results

PERSON_SEED, LIST_SEED, UPDATE_SEED, ENCOUNTER_SEED = 21, 22, 23, 24
AGENCY = "agency"
TARGETS = {"revet_s": 60.0, "rss_mb": 2048.0}
#: Shares of the update's entries (the rest of the rounding goes to `unrelated`).
UPDATE_MIX = {
    "true_added": 0.2,
    "true_changed": 0.1,
    "namesake": 0.25,
    "changed_other": 0.2,
    "unrelated": 0.25,
}
TRUE_KINDS = ("true_added", "true_changed")
#: Share of imported encounters that are stored persons coming back (same passport).
RETURNING = 0.2
ROOT = Path(__file__).resolve().parents[1]
SHARED_LISTS = ROOT.parent / "shared" / "data" / "lists"
UN_XML = SHARED_LISTS / "un" / "UN_consolidated.xml"
OFAC_DIR = SHARED_LISTS / "ofac-sdn"
POSTGRES_SH = ROOT / "scripts" / "postgres.sh"
FIRST_SEEN = datetime(2020, 1, 1, tzinfo=UTC)
CHUNK = 5000
CSV_HEADER = ["id", "schema", "name", "aliases", "birth_date", "nationality",
              "document_numbers", "gender", "topics", "notes"]  # fmt: skip


def log(message: str) -> None:
    print(f"[vetting {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _size_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


# -- generated data ---------------------------------------------------------------------------

_RNG = random.Random()


def person_record(seed: int, index: int) -> tuple[dict[str, Any], Any, str]:
    """Stored person ``index``: its screened record (FtM dict), identity and name scheme."""
    from benchmarks.generators.pairs import systems
    from benchmarks.generators.scale import W_LOCALES, _query, person

    rng = _RNG
    rng.seed(seed << 40 | index)
    system = systems()[W_LOCALES.pick(rng)]
    ident = person(system, rng)
    record, scheme = _query(system, ident, index, rng, "", False)
    record["id"] = f"p-{index}"
    return record, ident, scheme


def _person_row(seed: int, index: int) -> dict[str, Any]:
    """What `upsert_person` stores for the record's first encounter (key, caption, hash)."""
    from watchline.lists.encounters import EncounterRecord
    from watchline.model import Entity
    from watchline.store.persons import person_key

    record, _, _ = person_record(seed, index)
    entity = Entity.from_ftm(record, clean=True)
    encounter = EncounterRecord(entity, "border", f"B-{index}", None, None, None, None, 0)
    return {
        "id": index + 1,
        "key": person_key(encounter),
        "schema": entity.schema,
        "caption": entity.caption,
        "properties": entity.properties,
        "hash": entity.content_hash(),
    }


def _person_chunk(job: tuple[int, int, int]) -> list[dict[str, Any]]:
    seed, start, stop = job
    return [_person_row(seed, i) for i in range(start, stop)]


def _list_entry(ident: Any, rng: random.Random, entity_id: str, *, avoid: set[str],
                dob: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A list entry of ``ident`` as the scale generator renders one, in no scheme of ``avoid``.

    Mirrors ``scale._entry``: a primary name, 0-4 aliases in other schemes, a birth date
    (full, year, alternatives or missing), nationality 88%, gender 70%, passport 30%.
    """
    from benchmarks.generators.pairs import systems
    from benchmarks.generators.records import _alternatives, passport_format
    from benchmarks.generators.scale import (
        W_ALIASES,
        W_LIST_DOB,
        W_TOPICS,
        contexts,
        one_name,
        weights,
    )

    system = systems()[ident.locale]
    parts, ctx = system.parts(ident), contexts(system, ident)
    schemes = weights(ident.locale, ident.region, "b")
    used = set(avoid)
    primary = schemes.pick_other(rng, used) or schemes.pick(rng)
    used.add(primary)
    names = [one_name(system, ident, parts, primary, "b", rng, ctx, 0.03)]
    for _ in range(int(W_ALIASES.pick(rng))):
        scheme = schemes.pick_other(rng, used)
        if scheme is None:
            break
        used.add(scheme)
        names.append(one_name(system, ident, parts, scheme, "alias", rng, ctx))
    names = list(dict.fromkeys(names))
    d, mode = ident.birth_date, dob or W_LIST_DOB.pick(rng)
    births = {"missing": [], "full": [d.isoformat()], "year": [d.isoformat()[:4]]}.get(mode)
    return {
        "id": entity_id,
        "name": names[0],
        "aliases": names[1:],
        "birth_date": births if births is not None else _alternatives(d, rng),
        "nationality": [ident.nationality] if rng.random() < 0.88 else [],
        "gender": ident.gender if rng.random() < 0.7 else "",
        "passport": [passport_format(ident.passport, rng)[0]] if rng.random() < 0.3 else [],
        "topics": W_TOPICS.pick(rng).split(),
    }


def _as_ftm(entry: dict[str, Any]) -> dict[str, Any]:
    """The list entry's properties as the agency reader stores them (for `contradicts`)."""
    return {"properties": {"birthDate": entry["birth_date"], "passportNumber": entry["passport"]}}


def _csv_row(entry: dict[str, Any]) -> list[str]:
    return [
        entry["id"],
        "Person",
        entry["name"],
        ";".join(entry["aliases"]),
        ";".join(entry["birth_date"]),
        ";".join(entry["nationality"]),
        ";".join(f"passport:{p}" for p in entry["passport"]),
        entry["gender"],
        ";".join(entry["topics"]),
        "",
    ]


def _write_csv(path: Path, entries: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for entry in entries:
            writer.writerow(_csv_row(entry))


def _mix(update: int) -> dict[str, int]:
    counts = {kind: int(update * share) for kind, share in UPDATE_MIX.items()}
    counts["unrelated"] += update - sum(counts.values())
    return counts


def _full_date(record: dict[str, Any]) -> bool:
    dates = record["properties"].get("birthDate", [])
    return len(dates) == 1 and len(dates[0]) == 10


def plan_update(n: int, list_base: int, update: int) -> dict[str, Any]:
    """The agency list's two versions and what each changed entry is (the ground truth)."""
    from benchmarks.generators.identity import shift_years
    from benchmarks.generators.negatives import namesake
    from benchmarks.generators.pairs import systems
    from benchmarks.generators.records import dates_contradict
    from benchmarks.generators.scale import (
        W_LOCALES,
        _entry,
        contexts,
        contradicts,
        one_name,
        person,
        weights,
    )

    counts = _mix(update)
    if counts["changed_other"] > list_base:
        raise SystemExit(f"--list-base {list_base} is smaller than the amended entries")
    rng = random.Random(f"watchline-vetting/plan/{UPDATE_SEED}/{n}/{list_base}/{update}")
    order = rng.sample(range(n), min(n, 3 * update + 50))
    targets: dict[str, list[int]] = {"true_added": [], "true_changed": [], "namesake": []}
    for index in order:  # dated persons for the kinds that need a date to conflict with
        record = person_record(PERSON_SEED, index)[0]
        for kind in ("true_changed", "namesake", "true_added"):
            if len(targets[kind]) < counts[kind] and (kind == "true_added" or _full_date(record)):
                targets[kind].append(index)
                break
    for kind, wanted in targets.items():
        if len(wanted) < counts[kind]:
            raise SystemExit(f"too few persons ({n}) to plant {counts[kind]} {kind} entries")

    base: list[dict[str, Any]] = []
    base_idents: list[tuple[Any, str]] = []
    for j in range(list_base):
        ftm, ident, primary = _entry(LIST_SEED, j)
        p = ftm["properties"]
        base.append({
            "id": f"AG-{j:06d}", "name": p["name"][0], "aliases": p.get("alias", []),
            "birth_date": p.get("birthDate", []), "nationality": p.get("nationality", []),
            "gender": (p.get("gender") or [""])[0], "passport": p.get("passportNumber", []),
            "topics": p["topics"],
        })  # fmt: skip
        base_idents.append((ident, primary))
    v1 = list(base)
    v2 = [dict(e) for e in base]
    truth: dict[str, dict[str, Any]] = {}

    for k, index in enumerate(targets["true_added"]):
        _, ident, scheme = person_record(PERSON_SEED, index)
        entry = _list_entry(ident, rng, f"AG-T{k:04d}", avoid={scheme})
        v2.append(entry)
        truth[entry["id"]] = {"kind": "true_added", "person_id": index + 1}
    for k, index in enumerate(targets["true_changed"]):
        record, ident, scheme = person_record(PERSON_SEED, index)
        entry = _list_entry(ident, rng, f"AG-C{k:04d}", avoid={scheme}, dob="full")
        wrong = dict(entry)
        for _ in range(100):  # a wrong date in v1 (a typo of the year, a swapped entry)
            shifted = shift_years(ident.birth_date, rng.choice([-1, 1]) * rng.randint(3, 15))
            wrong["birth_date"] = [shifted.isoformat()]
            if dates_contradict(record["properties"]["birthDate"], wrong["birth_date"]):
                break
        v1.append(wrong)
        v2.append(entry)
        truth[entry["id"]] = {"kind": "true_changed", "person_id": index + 1}
    for k, index in enumerate(targets["namesake"]):
        record, base_ident, scheme = person_record(PERSON_SEED, index)
        system = systems()[base_ident.locale]
        for _ in range(100):  # a namesake the stored record rules out (date or passport)
            other = namesake(system, base_ident, rng, [])
            entry = _list_entry(other, rng, f"AG-N{k:04d}", avoid={scheme}, dob="full")
            if contradicts(record, _as_ftm(entry)):
                break
        v2.append(entry)
        truth[entry["id"]] = {"kind": "namesake", "person_id": index + 1}
    for k in range(counts["unrelated"]):
        system = systems()[W_LOCALES.pick(rng)]
        entry = _list_entry(person(system, rng), rng, f"AG-U{k:04d}", avoid=set())
        v2.append(entry)
        truth[entry["id"]] = {"kind": "unrelated", "person_id": None}
    for j in rng.sample(range(list_base), counts["changed_other"]):
        ident, primary = base_idents[j]
        system = systems()[ident.locale]
        schemes = weights(ident.locale, ident.region, "b")
        scheme = schemes.pick_other(rng, {primary}) or primary
        alias = one_name(system, ident, system.parts(ident), scheme, "alias", rng,
                         contexts(system, ident))  # fmt: skip
        entry = v2[j]
        entry["aliases"] = list(dict.fromkeys([*entry["aliases"], alias]))
        entry["topics"] = list(dict.fromkeys([*entry["topics"], "crime"]))
        truth[entry["id"]] = {"kind": "changed_other", "person_id": None}
    return {"v1": v1, "v2": v2, "truth": truth, "counts": counts}


def encounter_records(n: int, count: int) -> Iterator[dict[str, Any]]:
    """Encounters to import: 20% stored persons coming back (new rendering, same passport),
    the rest new people (persons N, N+1, ... of the same generator)."""
    from benchmarks.generators.pairs import systems
    from benchmarks.generators.scale import _query

    rng = random.Random(f"watchline-vetting/encounters/{ENCOUNTER_SEED}/{n}")
    ports = ["JFK", "ORD", "IAD", "LAX", "MIA", "SEA", "EWR", "ATL"]
    for k in range(count):
        if rng.random() < RETURNING:
            _, ident, _ = person_record(PERSON_SEED, rng.randrange(n))
            record, _ = _query(systems()[ident.locale], ident, k, rng, "", False)
        else:
            record, _, _ = person_record(PERSON_SEED, n + k)
        record["id"] = f"enc-{k}"
        record["encounter"] = {
            "external_ref": f"E-{ENCOUNTER_SEED}-{k}",
            "occurred_at": (FIRST_SEEN + timedelta(days=2000, minutes=7 * k)).isoformat(),
            "location": rng.choice(ports),
            "agency": "CBP",
        }
        yield record


def generate(folder: Path, n: int, list_base: int, update: int, encounters: int,
             workers: int) -> dict[str, Any]:  # fmt: skip
    """Persons (rows as stored), the agency list's two versions, the encounters file."""
    params = {"persons": n, "list_base": list_base, "update": update, "encounters": encounters,
              "seeds": [PERSON_SEED, LIST_SEED, UPDATE_SEED, ENCOUNTER_SEED]}  # fmt: skip
    meta_path = folder / "generated.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("params") == params:
            log(f"reusing generated data in {folder}")
            return {**meta["result"], "reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    jobs = [(PERSON_SEED, s, min(n, s + CHUNK)) for s in range(0, n, CHUNK)]
    keys: set[str] = set()
    collisions = 0
    with open(folder / "persons.jsonl", "w", encoding="utf-8") as out:
        for rows in _map(_person_chunk, jobs, workers):
            for row in rows:
                if row["key"] in keys:  # two generated passports alike: keep both persons
                    row["key"] = f"enc:border:B-{row['id'] - 1}"
                    collisions += 1
                keys.add(row["key"])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if rows and rows[-1]["id"] % (20 * CHUNK) == 0:
                log(f"generated {rows[-1]['id']:,} persons")
    persons_s = time.perf_counter() - started
    doc_keys = sum(k.startswith("doc:") for k in keys)
    del keys
    started = time.perf_counter()
    plan = plan_update(n, list_base, update)
    _write_csv(folder / "agency_v1.csv", plan["v1"])
    _write_csv(folder / "agency_v2.csv", plan["v2"])
    (folder / "truth.json").write_text(json.dumps(plan["truth"], indent=1), encoding="utf-8")
    with open(folder / "encounters.jsonl", "w", encoding="utf-8") as out:
        for record in encounter_records(n, encounters):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = {
        "persons_s": persons_s,
        "lists_and_encounters_s": time.perf_counter() - started,
        "persons": n,
        "doc_keys": doc_keys,
        "key_collisions": collisions,
        "update_mix": plan["counts"],
        "list_base": list_base,
        "encounters": encounters,
    }
    meta_path.write_text(json.dumps({"params": params, "result": result}), encoding="utf-8")
    return result


def _map(fn: Callable[[Any], Any], jobs: list[Any], workers: int) -> Iterator[Any]:
    if workers <= 1 or len(jobs) < 2:
        yield from map(fn, jobs)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(fn, jobs)


# -- per store --------------------------------------------------------------------------------


def _dirs(folder: Path, backend: str) -> tuple[Path, Path, Path]:
    """(store folder, person index, list index) of one backend."""
    base = folder / backend
    return base, base / "persons.index", base / "lists.index"


def _backend(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def _persons(folder: Path, batch: int) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    with open(folder / "persons.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            when = FIRST_SEEN + timedelta(seconds=row["id"])
            rows.append({
                "id": row["id"], "person_key": row["key"], "schema": row["schema"],
                "caption": row["caption"], "properties": row["properties"],
                "content_hash": row["hash"], "revision": row["id"], "first_seen": when,
                "last_seen": when, "encounters": 1,
            })  # fmt: skip
            if len(rows) >= batch:
                yield rows
                rows = []
    if rows:
        yield rows


COLUMNS = ("id", "person_key", "schema", "caption", "properties", "content_hash", "revision",
           "first_seen", "last_seen", "encounters")  # fmt: skip


def insert_persons(store: Any, folder: Path) -> int:
    """Bulk insert: SQLAlchemy Core in batches on SQLite, COPY on PostgreSQL; then the
    `person_revision` counter (and on PostgreSQL the id sequence) set past the rows."""
    from sqlalchemy import func, insert, select, text, update

    from watchline.store.tables import CounterRow, PersonRow

    total = 0
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            cursor = conn.connection.dbapi_connection.cursor()
            with cursor.copy(f"COPY person ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for rows in _persons(folder, 20_000):
                    for row in rows:
                        row["properties"] = json.dumps(row["properties"])
                        copy.write_row([row[c] for c in COLUMNS])
                    total += len(rows)
            cursor.close()
        else:
            for rows in _persons(folder, 20_000):
                conn.execute(insert(PersonRow), rows)
                total += len(rows)
        top = conn.scalar(select(func.max(PersonRow.revision))) or 0
        conn.execute(
            update(CounterRow).where(CounterRow.name == "person_revision").values(value=top)
        )
        if store.dialect == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('person', 'id'), :v)"),
                         {"v": int(conn.scalar(select(func.max(PersonRow.id))) or 1)})  # fmt: skip
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE person"))
    return total


def _store_mb(store: Any) -> float:
    from sqlalchemy import text

    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            return int(conn.scalar(text("SELECT pg_database_size(current_database())"))) / 1e6
    path = Path(store.engine.url.database or "")
    return sum(_size_mb(p) for p in path.parent.glob(f"{path.name}*"))


def setup(folder: Path, url: str, lists: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Lists, then persons (bulk), then the person and list indexes. Not the target."""
    from watchline.services.lists import load_list
    from watchline.services.vetting import Vetter
    from watchline.store import open_store
    from watchline.store.index_files import IndexFiles
    from watchline.store.person_index import PersonIndexFiles

    backend = _backend(url)
    base, person_dir, list_dir = _dirs(folder, backend)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    store = open_store(url)
    started = time.perf_counter()
    for name, fmt, path in [*lists, (AGENCY, "csv", str(folder / "agency_v1.csv"))]:
        load_list(store, fmt, Path(path), name)
        log(f"{backend}: loaded list {name}")
    lists_s = time.perf_counter() - started
    # Everyone screened so far was screened against these versions: mark them vetted.
    Vetter(store, index_dir=person_dir).catch_up(trigger="load")
    started = time.perf_counter()
    inserted = insert_persons(store, folder)
    insert_s = time.perf_counter() - started
    log(f"{backend}: inserted {inserted:,} persons in {insert_s:.0f} s; building person index")
    started = time.perf_counter()
    person_index = PersonIndexFiles(store, person_dir, notify=log).open()
    person_index_s = time.perf_counter() - started
    log(f"{backend}: person index in {person_index_s:.0f} s; building list index")
    started = time.perf_counter()
    list_index = IndexFiles(store, list_dir, notify=log).open()
    list_index_s = time.perf_counter() - started
    result = {
        "lists_s": lists_s,
        "persons": inserted,
        "insert_s": insert_s,
        "insert_per_s": inserted / max(insert_s, 1e-9),
        "person_index_s": person_index_s,
        "person_index_rows": int(person_index.base.size),
        "person_index_mb": _size_mb(person_dir),
        "list_index_s": list_index_s,
        "list_index_rows": int(list_index.base.size),
        "store_mb": _store_mb(store),
    }
    store.close()
    return result


def revet(folder: Path, url: str, profile: Path | None = None) -> dict[str, Any]:
    """Load the agency list's next version, then re-vet everyone: the measured phase."""
    from sqlalchemy import select

    from watchline.services.lists import load_list
    from watchline.services.vetting import Vetter
    from watchline.store import open_store
    from watchline.store.tables import AlertRow

    backend = _backend(url)
    _, person_dir, _ = _dirs(folder, backend)
    store = open_store(url, migrate=False)
    started = time.perf_counter()
    version = load_list(store, "csv", folder / "agency_v2.csv", AGENCY)
    load_s = time.perf_counter() - started
    messages: list[str] = []
    vetter = Vetter(store, index_dir=person_dir, notify=messages.append)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    runs = vetter.catch_up()
    revet_s = time.perf_counter() - started
    if profiler is not None:
        import pstats

        profiler.disable()
        with open(profile, "w", encoding="utf-8") as out:
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    with store.session() as session:
        pairs = session.execute(
            select(AlertRow.person_id, AlertRow.entity_id).where(
                AlertRow.vet_run_id.in_([r.id for r in runs])
            )
        ).all()
    missed = planted_missed(store, folder, person_dir, set(pairs))
    store.close()
    result = {
        "list_load_s": load_s,
        "added": version.added,
        "changed": version.changed,
        "revet_s": revet_s,
        "runs": [r.to_dict() for r in runs],
        "entities": sum(r.entities for r in runs),
        "persons_compared": sum(r.persons_compared for r in runs),
        "alerts_raised": sum(r.alerts_raised for r in runs),
        "index_messages": messages,
        "planted_missed": missed,
        "missed_not_in_candidates": sum(not m["in_candidates"] for m in missed),
        "missed_matcher_would_alert": sum(m["match"] for m in missed),
    }
    return result | score_alerts(folder, [(p, e) for p, e in pairs])


def planted_missed(
    store: Any, folder: Path, person_dir: Path, alerted: set[tuple[int, str]]
) -> list[dict[str, Any]]:
    """For each planted pair the re-vet did not alert (after the timing): was the person
    among the index's candidates for the entry, and would the matcher alert on the pair?
    Tells retrieval misses from matcher misses."""
    from sqlalchemy import select

    from watchline.index.keys import query_keys
    from watchline.match import get_algorithm
    from watchline.services.vetting import CANDIDATES
    from watchline.store.lists import current_rows, row_to_entity
    from watchline.store.person_index import PersonIndexFiles
    from watchline.store.persons import person_entity
    from watchline.store.tables import ListEntityRow, PersonRow, WatchlistRow

    truth: dict[str, dict[str, Any]] = json.loads((folder / "truth.json").read_text("utf-8"))
    index = PersonIndexFiles(store, person_dir).open()
    algorithm = get_algorithm(None)
    out = []
    with store.session() as session:
        list_id = session.scalar(select(WatchlistRow.id).where(WatchlistRow.name == AGENCY))
        for entity_id, fact in truth.items():
            pair = (fact["person_id"], entity_id)
            if fact["kind"] not in TRUE_KINDS or pair in alerted:
                continue
            row = session.scalar(
                select(ListEntityRow).where(
                    ListEntityRow.list_id == list_id,
                    ListEntityRow.entity_id == entity_id,
                    current_rows(),
                )
            )
            person = session.get(PersonRow, fact["person_id"])
            assert row is not None and person is not None
            entity = row_to_entity(row, AGENCY)
            hits = index.search(query_keys(entity), limit=CANDIDATES)
            result = algorithm.compare(person_entity(person), entity)
            out.append(
                {
                    "entity_id": entity_id,
                    "entry": entity.caption,
                    "person": person.caption,
                    "in_candidates": person.id in {p for p, _ in hits},
                    "score": round(result.score, 3),
                    "match": result.match,
                }
            )
    return out


def score_alerts(folder: Path, pairs: list[tuple[int, str]]) -> dict[str, Any]:
    """Alerts per kind of changed entry; recall of the planted (person, entry) pairs."""
    truth: dict[str, dict[str, Any]] = json.loads((folder / "truth.json").read_text("utf-8"))
    found = set(pairs)
    by_kind: dict[str, dict[str, int]] = {}
    for entity_id, fact in truth.items():
        kind = by_kind.setdefault(
            fact["kind"], {"entries": 0, "entries_alerting": 0, "alerts": 0, "planted_alerted": 0}
        )
        alerts = [p for p, e in pairs if e == entity_id]
        kind["entries"] += 1
        kind["entries_alerting"] += bool(alerts)
        kind["alerts"] += len(alerts)
        if fact["person_id"] is not None:
            kind["planted_alerted"] += (fact["person_id"], entity_id) in found
    planted = sum(by_kind.get(k, {}).get("entries", 0) for k in TRUE_KINDS)
    hit = sum(by_kind.get(k, {}).get("planted_alerted", 0) for k in TRUE_KINDS)
    return {
        "by_kind": by_kind,
        "planted": planted,
        "planted_alerted": hit,
        "recall": hit / max(1, planted),
        "namesake_false_alerts": by_kind.get("namesake", {}).get("planted_alerted", 0),
        "persons_alerted": len({p for p, _ in pairs}),
    }


def encounters(folder: Path, url: str) -> dict[str, Any]:
    """Import the encounters file against every loaded list: records/s."""
    from watchline.services.encounters import import_encounters
    from watchline.services.screening import Screener
    from watchline.store import open_store

    backend = _backend(url)
    _, _, list_dir = _dirs(folder, backend)
    store = open_store(url, migrate=False)
    screener = Screener(store, index_dir=list_dir, notify=log)
    started = time.perf_counter()
    screener.finder.index  # noqa: B018 - bring the list index up to the new version first
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    report = import_encounters(store, folder / "encounters.jsonl", screener, actor="benchmark")
    import_s = time.perf_counter() - started
    store.close()
    return {
        "list_index_update_s": index_s,
        "records": report.records,
        "imported": report.imported,
        "persons_created": report.persons_created,
        "returning": report.imported - report.persons_created,
        "alerts_raised": report.alerts_raised,
        "import_s": import_s,
        "records_per_s": report.imported / max(import_s, 1e-9),
    }


# -- orchestration ----------------------------------------------------------------------------


def postgres_available() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb") or shutil.which("initdb"))


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway server (scripts/postgres.sh) with a fresh database; stopped in the end."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    folder = tempfile.mkdtemp(prefix="watchline-bench-pg.", dir="/tmp")
    try:
        out = subprocess.run(["bash", str(POSTGRES_SH), "start", folder], capture_output=True,
                             text=True, check=False)  # fmt: skip
        if out.returncode != 0:
            raise SystemExit(f"postgres.sh start failed:\n{out.stderr[-3000:]}")
        server = make_url(out.stdout.strip().splitlines()[-1])
        admin = create_engine(server.set(drivername="postgresql+psycopg"),
                              isolation_level="AUTOCOMMIT", poolclass=NullPool)  # fmt: skip
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE "watchline_vetting"')
        admin.dispose()
        yield server.set(database="watchline_vetting").render_as_string(hide_password=False)
    finally:
        subprocess.run(["bash", str(POSTGRES_SH), "stop", folder], check=False)


def run_phase(phase: str, args: argparse.Namespace, url: str = "") -> dict[str, Any]:
    """Run one phase in a fresh interpreter; it prints one JSON object last."""
    cmd = [sys.executable, "-m", "benchmarks.vetting", "--phase", phase, "--folder",
           str(args.folder), "--store", url, "--persons", str(args.persons),
           "--list-base", str(args.list_base), "--update", str(args.update),
           "--encounters", str(args.encounters), "--workers", str(args.workers)]  # fmt: skip
    cmd += ["--un", str(args.un), "--ofac", str(args.ofac)]
    if args.no_real_lists:
        cmd.append("--no-real-lists")
    if args.profile:
        cmd.append("--profile")
    log(f"phase {phase} {_backend(url) if url else ''}")
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"phase {phase} failed (exit {out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def real_lists(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    if args.no_real_lists:
        return []
    return [("un", "un-xml", str(args.un)), ("ofac", "ofac-sdn", str(args.ofac))]


def phase_main(args: argparse.Namespace) -> None:
    if args.phase == "generate":
        result = generate(args.folder, args.persons, args.list_base, args.update,
                          args.encounters, args.workers)  # fmt: skip
    elif args.phase == "setup":
        result = setup(args.folder, args.store, real_lists(args))
    elif args.phase == "revet":
        profile = None
        if args.profile:
            profile = RESULTS / f"vetting-profile-{_backend(args.store)}-{args.persons}.txt"
        result = revet(args.folder, args.store, profile)
    else:
        result = encounters(args.folder, args.store)
    result["peak_rss_mb"] = peak_rss_mb()
    result["load_avg_1m"] = os.getloadavg()[0]  # other work on the machine at the end
    print(json.dumps(result, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--update", type=int, default=100, help="entries added or changed")
    parser.add_argument("--list-base", type=int, default=1000, help="agency list version 1")
    parser.add_argument("--encounters", type=int, default=2000)
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=["sqlite", "postgresql"],
        help="default: both when PostgreSQL is installed, else sqlite",
    )
    parser.add_argument(
        "--postgres", action="store_true", help="include PostgreSQL (installed if missing)"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes generating persons")
    parser.add_argument("--un", type=Path, default=UN_XML)
    parser.add_argument("--ofac", type=Path, default=OFAC_DIR)
    parser.add_argument("--no-real-lists", action="store_true", help="skip UN and OFAC")
    parser.add_argument("--profile", action="store_true", help="cProfile the re-vet")
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--store", default="")
    parser.add_argument("--phase", choices=["generate", "setup", "revet", "encounters"])
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args()
    if args.folder is None:
        args.folder = RESULTS / "data" / f"vetting-{args.persons}"
    if args.phase:
        phase_main(args)
        return
    backends = args.backends or (
        ["sqlite", "postgresql"] if args.postgres or postgres_available() else ["sqlite"]
    )
    started = time.perf_counter()
    results: dict[str, Any] = {
        "targets": TARGETS,
        "persons": args.persons,
        "update": args.update,
        "list_base": args.list_base,
        "lists": [name for name, _, _ in real_lists(args)] + [AGENCY],
        "uncommitted": _uncommitted(),
        "generate": run_phase("generate", args),
        "backends": {},
    }
    for backend in backends:
        with postgres_server() if backend == "postgresql" else _sqlite(args.folder) as url:
            results["backends"][backend] = {
                phase: run_phase(phase, args, url) for phase in ("setup", "revet", "encounters")
            }
    results["seconds"] = time.perf_counter() - started
    show(results)
    write_results("vetting", results, args.output)


def _uncommitted() -> list[str]:
    """Files of src/ and benchmarks/ that differ from the commit the results name."""
    out = subprocess.run(
        ["git", "status", "--porcelain", "--", "src", "benchmarks"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    return out.stdout.splitlines()


@contextmanager
def _sqlite(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{_dirs(folder, 'sqlite')[0] / 'store.db'}"


def _pair(x: dict[str, Any], phase: str, a: str, b: str) -> str:
    return f"{x[phase][a]} / {x[phase][b]}"


def rows_for(results: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The table: one column per store."""
    names = list(results["backends"])
    stores = [results["backends"][n] for n in names]

    def row(label: str, get: Callable[[dict[str, Any]], Any]) -> list[Any]:
        return [label, *[get(x) for x in stores]]

    def kind(x: dict[str, Any], name: str) -> str:
        counts = x["revet"]["by_kind"].get(name, {})
        return f"{counts.get('entries_alerting', 0)} / {counts.get('alerts', 0)}"

    def recall(x: dict[str, Any]) -> str:
        r = x["revet"]
        return f"{r['planted_alerted']}/{r['planted']} ({r['recall']:.2f})"

    mix = results["generate"]["update_mix"]
    rows = [
        row("setup: lists load (s)", lambda x: x["setup"]["lists_s"]),
        row("setup: persons bulk insert (s)", lambda x: x["setup"]["insert_s"]),
        row("setup: person index build (s)", lambda x: x["setup"]["person_index_s"]),
        row("setup: person index on disk (MB)", lambda x: x["setup"]["person_index_mb"]),
        row("setup: store size (MB)", lambda x: x["setup"]["store_mb"]),
        row("setup: peak RSS (MB)", lambda x: x["setup"]["peak_rss_mb"]),
        row("update: list version load (s)", lambda x: x["revet"]["list_load_s"]),
        row("update: entries added / changed", lambda x: _pair(x, "revet", "added", "changed")),
        row("re-vet wall time (s)", lambda x: x["revet"]["revet_s"]),
        row("re-vet <= 60 s", lambda x: x["revet"]["revet_s"] <= TARGETS["revet_s"]),
        row("re-vet peak RSS (MB, with the list load)", lambda x: x["revet"]["peak_rss_mb"]),
        row("re-vet RSS <= 2 GB", lambda x: x["revet"]["peak_rss_mb"] <= TARGETS["rss_mb"]),
        row("persons compared", lambda x: x["revet"]["persons_compared"]),
        row("alerts raised", lambda x: x["revet"]["alerts_raised"]),
        row("planted persons alerted (recall)", recall),
        row(
            "  missed: not in the 30 candidates / matcher would alert",
            lambda x: _pair(x, "revet", "missed_not_in_candidates", "missed_matcher_would_alert"),
        ),
        row(
            f"namesakes ({mix['namesake']}): their person alerted",
            lambda x: x["revet"]["namesake_false_alerts"],
        ),
    ]
    for name in (*TRUE_KINDS, "namesake", "unrelated", "changed_other"):
        label = f"  {name} ({mix[name]}): entries alerting / alerts"
        rows.append(row(label, lambda x, n=name: kind(x, n)))
    rows += [
        row("encounter import (records/s)", lambda x: x["encounters"]["records_per_s"]),
        row(
            "  encounters / new persons",
            lambda x: _pair(x, "encounters", "imported", "persons_created"),
        ),
        row("  encounter alerts raised", lambda x: x["encounters"]["alerts_raised"]),
        row("  import peak RSS (MB)", lambda x: x["encounters"]["peak_rss_mb"]),
    ]
    return ["", *names], rows


def show(results: dict[str, Any]) -> None:
    columns, rows = rows_for(results)
    gen = results["generate"]
    table(
        f"vetting: {results['persons']:,} persons, update of {results['update']} entries "
        f"(lists: {', '.join(results['lists'])}; generated in {gen['persons_s']:.0f} s)",
        columns,
        rows,
    )


if __name__ == "__main__":
    main()
