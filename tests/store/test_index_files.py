"""The index on disk: reused after a restart, updated incrementally, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DELTA_DIR, UN_XML
from watchline.model import Entity
from watchline.services.lists import load_list, update_list
from watchline.store import Store
from watchline.store.candidates import CandidateFinder
from watchline.store.index_files import IndexFiles, default_index_dir


@pytest.fixture
def index_dir(store: Store, store_home: Path) -> Path:
    """The store's index folder: beside an SQLite file, under the home for a server."""
    return default_index_dir(store, store_home)


def find(store: Store, index_dir: Path, name: str, messages: list[str] | None = None) -> list[str]:
    finder = CandidateFinder(
        store, index_dir=index_dir, notify=(messages.append if messages is not None else None)
    )
    return [e.id for e, _ in finder.find(Entity("Person", "q", {"name": [name]}), limit=5)]


def index_mtimes(folder: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_restart_reuses_the_index(store: Store, index_dir: Path) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    messages: list[str] = []
    assert find(store, index_dir, "Eric Badege", messages)[0] == "un-6907993"
    before = index_mtimes(index_dir)
    # a new finder: a restart
    assert find(store, index_dir, "Badege Eric", messages)[0] == "un-6907993"
    assert index_mtimes(index_dir) == before and messages == []


def test_corrupted_file_is_detected_and_rebuilt(store: Store, index_dir: Path) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, index_dir, "Eric Badege")
    postings = index_dir / "base_postings.npy"
    data = bytearray(postings.read_bytes())
    data[-8:] = b"\xff" * 8
    postings.write_bytes(bytes(data))
    messages: list[str] = []
    assert find(store, index_dir, "Eric Badege", messages)[0] == "un-6907993"
    assert any("corrupted" in m and "base_postings.npy" in m for m in messages)


def test_unreadable_meta_is_rebuilt(store: Store, index_dir: Path) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, index_dir, "Eric Badege")
    (index_dir / "meta.json").write_text("{not json")
    messages: list[str] = []
    assert find(store, index_dir, "Eric Badege", messages)[0] == "un-6907993"
    assert any("rebuilding" in m for m in messages)


def test_new_list_version_is_applied_incrementally(
    store: Store, tmp_path: Path, index_dir: Path
) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, index_dir, "Eric Badege")
    text = UN_XML.read_text(encoding="utf-8")
    edited = text.replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ZEBEDEE</FIRST_NAME>", 1)
    path = tmp_path / "un.xml"
    path.write_text(edited, encoding="utf-8")
    load_list(store, "un-xml", path, "un")
    messages: list[str] = []
    assert find(store, index_dir, "Zebedee Badege", messages)[0] == "un-6907993"
    assert messages == []  # no rebuild: one row deleted in the base, one in the delta
    index = IndexFiles(store, index_dir).open()
    assert index.delta.size == 1 and int(index.deleted.sum()) == 1
    assert index.live == 1003


def test_delta_series_updates_the_index(store: Store, index_dir: Path) -> None:
    load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "os")
    assert "Q4365364" not in find(store, index_dir, "Vladimir Plotnikov")
    update_list(store, "os", DELTA_DIR)
    assert find(store, index_dir, "Владимир Плотников")[0] == "Q4365364"


def test_index_of_other_name_data_is_rebuilt(store: Store, index_dir: Path) -> None:
    import json

    load_list(store, "un-xml", UN_XML, "un")
    find(store, index_dir, "Eric Badege")
    meta_path = index_dir / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["name_data"] = "0" * 32  # built before a variant family was added
    meta_path.write_text(json.dumps(meta))
    messages: list[str] = []
    assert find(store, index_dir, "Eric Badege", messages)[0] == "un-6907993"
    assert any("name data" in m for m in messages)
    assert json.loads(meta_path.read_text())["name_data"] != "0" * 32


def test_index_of_other_key_version_is_rebuilt(store: Store, index_dir: Path) -> None:
    import json

    load_list(store, "un-xml", UN_XML, "un")
    find(store, index_dir, "Eric Badege")
    meta_path = index_dir / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["keys"] = -1
    meta_path.write_text(json.dumps(meta))
    messages: list[str] = []
    assert find(store, index_dir, "Eric Badege", messages)[0] == "un-6907993"
    assert any("upgraded" in m for m in messages)
