"""The index on disk: reused after a restart, updated incrementally, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DELTA_DIR, UN_XML
from watchline.model import Entity
from watchline.services.lists import load_list, update_list
from watchline.store import Store
from watchline.store.candidates import CandidateFinder
from watchline.store.index_files import IndexFiles, default_index_dir


def find(store: Store, name: str, messages: list[str] | None = None) -> list[str]:
    finder = CandidateFinder(store, notify=(messages.append if messages is not None else None))
    return [e.id for e, _ in finder.find(Entity("Person", "q", {"name": [name]}), limit=5)]


def index_mtimes(store: Store) -> dict[str, float]:
    folder = default_index_dir(store)
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_restart_reuses_the_index(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    messages: list[str] = []
    assert find(store, "Eric Badege", messages)[0] == "un-6907993"
    before = index_mtimes(store)
    assert find(store, "Badege Eric", messages)[0] == "un-6907993"  # a new finder: a restart
    assert index_mtimes(store) == before and messages == []


def test_corrupted_file_is_detected_and_rebuilt(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, "Eric Badege")
    postings = default_index_dir(store) / "base_postings.npy"
    data = bytearray(postings.read_bytes())
    data[-8:] = b"\xff" * 8
    postings.write_bytes(bytes(data))
    messages: list[str] = []
    assert find(store, "Eric Badege", messages)[0] == "un-6907993"
    assert any("corrupted" in m and "base_postings.npy" in m for m in messages)


def test_unreadable_meta_is_rebuilt(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, "Eric Badege")
    (default_index_dir(store) / "meta.json").write_text("{not json")
    messages: list[str] = []
    assert find(store, "Eric Badege", messages)[0] == "un-6907993"
    assert any("rebuilding" in m for m in messages)


def test_new_list_version_is_applied_incrementally(store: Store, tmp_path: Path) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    find(store, "Eric Badege")
    text = UN_XML.read_text(encoding="utf-8")
    edited = text.replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ZEBEDEE</FIRST_NAME>", 1)
    path = tmp_path / "un.xml"
    path.write_text(edited, encoding="utf-8")
    load_list(store, "un-xml", path, "un")
    messages: list[str] = []
    assert find(store, "Zebedee Badege", messages)[0] == "un-6907993"
    assert messages == []  # no rebuild: one row deleted in the base, one in the delta
    index = IndexFiles(store, default_index_dir(store)).open()
    assert index.delta.size == 1 and int(index.deleted.sum()) == 1
    assert index.live == 1003


def test_delta_series_updates_the_index(store: Store) -> None:
    load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "os")
    assert "Q4365364" not in find(store, "Vladimir Plotnikov")
    update_list(store, "os", DELTA_DIR)
    assert find(store, "Владимир Плотников")[0] == "Q4365364"


def test_index_of_other_key_version_is_rebuilt(store: Store) -> None:
    import json

    load_list(store, "un-xml", UN_XML, "un")
    find(store, "Eric Badege")
    meta_path = default_index_dir(store) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["keys"] = -1
    meta_path.write_text(json.dumps(meta))
    messages: list[str] = []
    assert find(store, "Eric Badege", messages)[0] == "un-6907993"
    assert any("upgraded" in m for m in messages)
