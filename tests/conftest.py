"""Shared fixtures: the real lists in ../shared/data and stores in temporary folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from watchline.services.lists import load_list
from watchline.store import Store, open_store

SHARED = Path(
    os.environ.get("WATCHLINE_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
LISTS = SHARED / "lists"
UN_XML = LISTS / "un" / "UN_consolidated.xml"
OFAC_DIR = LISTS / "ofac-sdn"
DELTA_DIR = LISTS / "opensanctions-ftm" / "delta-t2"
ZALA = LISTS / "opensanctions-ftm" / "zala" / "entities.ftm.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_report_header() -> str:
    return f"shared data: {SHARED} ({'found' if SHARED.exists() else 'MISSING'})"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _screening_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """UN + OFAC loaded once per session; tests get a private copy of the file."""
    path = tmp_path_factory.mktemp("screening") / "store.db"
    opened = open_store(f"sqlite:///{path}")
    load_list(opened, "un-xml", UN_XML, "un")
    load_list(opened, "ofac-sdn", OFAC_DIR, "ofac")
    with opened.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.close()
    return path


@pytest.fixture
def screening_store(_screening_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A store holding the real UN and OFAC lists, safe to modify."""
    copy = tmp_path / "screening.db"
    shutil.copy(_screening_db, copy)
    opened = open_store(f"sqlite:///{copy}")
    yield opened
    opened.close()
