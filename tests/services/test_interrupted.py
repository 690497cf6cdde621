"""A process killed (SIGKILL) in the middle of an import or a re-vetting run leaves the
store consistent, and running the same command again finishes the work without
duplicates. The processes are real: `python -m watchline` and a vetting script."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from watchline.services.encounters import CHUNK, import_encounters
from watchline.services.lists import load_list
from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store import Store, audit
from watchline.store.tables import AlertRow, EncounterRow, PersonRow, VetRunRow

GIVEN = ["Rustam", "Farrukh", "Dilnoza", "Bakhtiyor", "Giorgi", "Nino", "Ivan", "Olga", "Zarina"]
FAMILY = ["Nazarov", "Karimova", "Beridze", "Sokolov", "Rahimov", "Tursunov", "Kapanadze"]


def people(count: int, seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    return [
        (
            f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}ovich {rng.choice(FAMILY)}",
            f"19{rng.randint(55, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(["tj", "uz", "ge", "ru", "kg"]),
        )
        for _ in range(count)
    ]


def encounter_file(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["encounter_id,name,birth_date,nationality,port"]
    lines += [f"E{n},{name},{dob},{cc},JFK" for n, (name, dob, cc) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count(store: Store, table: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 120
    while not ready():
        if process.poll() is not None:
            raise AssertionError(f"{what} ended (code {process.returncode}) before it was killed")
        assert time.monotonic() < deadline, f"{what} made no progress"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def env_for(store: Store, home: Path) -> dict[str, str]:
    return os.environ | {
        "WATCHLINE_STORE": store.engine.url.render_as_string(hide_password=False),
        "WATCHLINE_HOME": str(home),
    }


def test_killed_import_resumes_without_duplicates(
    screening_store: Store,
    screener_for: Callable[[Store], Screener],
    store_home: Path,
    tmp_path: Path,
) -> None:
    screener = screener_for(screening_store)  # the list index is in place for the child
    total = 4 * CHUNK
    path = encounter_file(tmp_path / "encounters.csv", people(total, seed=5))
    child = subprocess.Popen(
        [sys.executable, "-m", "watchline", "encounters", "import", str(path), "--json"],
        env=env_for(screening_store, store_home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    kill_when(child, lambda: count(screening_store, EncounterRow) >= CHUNK, "the import")
    stored = count(screening_store, EncounterRow)
    assert 0 < stored < total and stored % CHUNK == 0  # whole chunks only
    assert count(screening_store, PersonRow) == stored
    assert audit.verify(screening_store).ok

    report = import_encounters(screening_store, path, screener, actor="rerun")
    assert (report.skipped, report.imported) == (stored, total - stored)
    assert count(screening_store, EncounterRow) == total == count(screening_store, PersonRow)
    assert audit.verify(screening_store).ok


VET_SCRIPT = """
import sys
from pathlib import Path
from watchline.services import vetting
from watchline.store import open_store
vetting.BATCH = 3  # small batches, so the run is killed between two of them
store = open_store(sys.argv[1])
vetting.Vetter(store, index_dir=Path(sys.argv[2])).catch_up()
"""


def test_killed_vetting_run_resumes_without_duplicates(
    screening_store: Store,
    screener_for: Callable[[Store], Screener],
    vetter_for: Callable[..., Vetter],
    tmp_path: Path,
) -> None:
    rows = people(60, seed=9)
    import_encounters(
        screening_store,
        encounter_file(tmp_path / "e.csv", rows),
        screener_for(screening_store),
        actor="officer",
    )
    vetter = vetter_for(screening_store)
    vetter.files.open()  # build the person index now, so the child only vets
    # A partner notice: 40 of the people, romanised the same way, plus 40 unrelated.
    notice = ["id,schema,name,birth_date,nationality"]
    notice += [f"N{n},Person,{name},{dob},{cc}" for n, (name, dob, cc) in enumerate(rows[:40])]
    notice += [f"X{n},Person,{name},{dob},{cc}" for n, (name, dob, cc) in enumerate(people(40, 77))]
    (tmp_path / "notice.csv").write_text("\n".join(notice) + "\n", encoding="utf-8")
    load_list(screening_store, "csv", tmp_path / "notice.csv", "notice")

    def progressed() -> bool:
        with screening_store.session() as session:
            return bool(session.scalar(select(func.max(VetRunRow.cursor))))

    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            VET_SCRIPT,
            screening_store.engine.url.render_as_string(hide_password=False),
            str(vetter.files.directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    kill_when(child, progressed, "the vetting run")
    with screening_store.session() as session:
        run = session.scalar(select(VetRunRow).where(VetRunRow.state == "running"))
        assert run is not None and 0 < run.entities_done < 80
    assert audit.verify(screening_store).ok

    (resumed,) = vetter.catch_up()
    assert resumed.resumed and resumed.state == "done"
    with screening_store.session() as session:
        raised = session.execute(
            select(AlertRow.person_id, AlertRow.entity_id).where(AlertRow.cause == "vetting")
        ).all()
        assert session.scalar(select(func.count()).select_from(VetRunRow)) == 1
    assert len(raised) == len(set(raised))  # nothing raised twice
    assert {entity for _, entity in raised} >= {f"N{n}" for n in range(40)}
    assert audit.verify(screening_store).ok
