"""benchmarks/vetting.py at a tiny size (300 persons, SQLite, no UN/OFAC), so it cannot rot.

Runs the benchmark's phases in-process on its own SQLite file (not the `store` fixtures:
the benchmark manages its stores itself) and checks what they measure is real: the bulk
insert is what the person index and the revision counter expect, the planted persons
are alerted by the re-vet and their namesakes are not, encounters are imported.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from benchmarks import vetting
from watchline.store import open_store
from watchline.store.counters import peek_value
from watchline.store.tables import AlertRow, PersonRow

PERSONS, LIST_BASE, UPDATE, ENCOUNTERS = 300, 40, 20, 60


def test_vetting_benchmark_phases_at_tiny_size(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    generated = vetting.generate(folder, PERSONS, LIST_BASE, UPDATE, ENCOUNTERS, workers=1)
    assert generated["update_mix"] == {
        "true_added": 4,
        "true_changed": 2,
        "namesake": 5,
        "changed_other": 4,
        "unrelated": 5,
    }
    truth = json.loads((folder / "truth.json").read_text("utf-8"))
    assert len(truth) == UPDATE
    # Generated once, reused for the other store.
    assert vetting.generate(folder, PERSONS, LIST_BASE, UPDATE, ENCOUNTERS, 1)["reused"]

    url = f"sqlite:///{tmp_path / 'store.db'}"
    setup = vetting.setup(folder, url, [])
    assert setup["persons"] == PERSONS
    assert setup["person_index_rows"] == PERSONS  # every bulk-inserted person is indexed
    store = open_store(url, migrate=False)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(PersonRow)) == PERSONS
        assert peek_value(session, "person_revision") == PERSONS
        assert session.scalar(select(func.max(PersonRow.revision))) == PERSONS
    store.close()

    revet = vetting.revet(folder, url)
    assert (revet["added"], revet["changed"]) == (14, 6)  # 4 + 5 + 5 added; 2 + 4 changed
    assert revet["entities"] == UPDATE
    assert revet["index_messages"] == []  # the index built in setup was used as it was
    planted = {(f["person_id"], e) for e, f in truth.items() if f["kind"] in vetting.TRUE_KINDS}
    store = open_store(url, migrate=False)
    with store.session() as session:
        alerts = session.execute(
            select(AlertRow.person_id, AlertRow.entity_id, AlertRow.cause)
        ).all()
    store.close()
    assert {c for _, _, c in alerts} == {"vetting"}
    assert revet["alerts_raised"] == len(alerts) > 0
    found = {(p, e) for p, e, _ in alerts}
    assert revet["planted"] == len(planted) == 6
    assert len(planted & found) == revet["planted_alerted"] >= 5
    # Every planted pair not alerted is explained: retrieval or matcher.
    assert {m["entity_id"] for m in revet["planted_missed"]} == {e for _, e in planted - found}
    assert all(not m["in_candidates"] or not m["match"] for m in revet["planted_missed"])
    namesakes = {(f["person_id"], e) for e, f in truth.items() if f["kind"] == "namesake"}
    assert revet["namesake_false_alerts"] == len(namesakes & found) <= 1

    imported = vetting.encounters(folder, url)
    assert imported["imported"] == ENCOUNTERS and imported["records_per_s"] > 0
    assert imported["persons_created"] < ENCOUNTERS  # some stored persons came back

    rss = {"peak_rss_mb": vetting.peak_rss_mb()}  # what each phase's process adds
    results = {
        "persons": PERSONS,
        "update": UPDATE,
        "lists": [vetting.AGENCY],
        "generate": generated,
        "backends": {
            "sqlite": {
                "setup": setup | rss,
                "revet": revet | rss,
                "encounters": imported | rss,
            }
        },
    }
    columns, rows = vetting.rows_for(results)
    assert columns == ["", "sqlite"] and all(len(r) == 2 for r in rows)
    vetting.show(results)
