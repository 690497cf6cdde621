"""Versioned list storage on the real files, and atomicity when a file is bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DELTA_DIR, OFAC_DIR, UN_XML
from watchline.errors import ConflictError, InputError, NotFoundError
from watchline.services.lists import load_list, update_list
from watchline.services.screening import Screener
from watchline.store import Store
from watchline.store.index_files import default_index_dir
from watchline.store.lists import ListRepository


def test_load_un_creates_version_with_counts(store: Store) -> None:
    version = load_list(store, "un-xml", UN_XML, "un")
    assert version.number == 1
    assert version.counts == {"Person": 730, "Organization": 273}
    assert version.added == 1003 and version.changed == 0 and version.removed == 0
    assert version.label == "2026-02-27T00:00:09.554Z"
    info = ListRepository(store).get("un")
    assert info.format == "un-xml" and info.current is not None
    assert info.current.number == 1


def test_reloading_same_file_records_a_version_without_changes(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    again = load_list(store, "un-xml", UN_XML, "un")
    assert again.number == 2
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    assert sum(again.counts.values()) == 1003


def test_changed_file_keeps_previous_version_queryable(store: Store, tmp_path: Path) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    text = UN_XML.read_text(encoding="utf-8")
    # Rename one person and drop another: one change, one removal.
    edited = text.replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ERICK</FIRST_NAME>", 1)
    start = edited.index("<DATAID>6908011</DATAID>")
    block_start = edited.rindex("<INDIVIDUAL>", 0, start)
    block_end = edited.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    edited = edited[:block_start] + edited[block_end:]
    path = tmp_path / "un.xml"
    path.write_text(edited, encoding="utf-8")
    v2 = load_list(store, "un-xml", path, "un")
    assert (v2.added, v2.changed, v2.removed) == (0, 1, 1)
    repo = ListRepository(store)
    v1_ids = {e.id for e in repo.entities("un", 1)}
    v2_ids = {e.id for e in repo.entities("un", 2)}
    assert v1_ids - v2_ids == {"un-6908011"}
    old = next(e for e in repo.entities("un", 1) if e.id == "un-6907993")
    new = next(e for e in repo.entities("un", 2) if e.id == "un-6907993")
    assert old.first("firstName") == "ERIC" and new.first("firstName") == "ERICK"
    with pytest.raises(NotFoundError):
        list(repo.entities("un", 3))


def test_truncated_file_leaves_loaded_list_intact_and_searchable(
    screening_store: Store, tmp_path: Path, store_home: Path
) -> None:
    data = UN_XML.read_bytes()
    broken = tmp_path / "un.xml"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as err:
        load_list(screening_store, "un-xml", broken, "un")
    assert str(broken) in str(err.value)
    info = ListRepository(screening_store).get("un")
    assert info.current is not None and info.current.number == 1
    assert sum(info.current.counts.values()) == 1003
    assert len(info.versions) == 1
    from watchline.model import Entity

    query = Entity("Person", "q", {"name": ["ERIC BADEGE"]})
    index_dir = default_index_dir(screening_store, store_home)
    top = Screener(screening_store, lists=["un"], index_dir=index_dir).screen(query, limit=1)
    assert top and top[0].entity.id == "un-6907993"


def test_bad_ofac_row_leaves_list_intact(screening_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ofac"
    shutil.copytree(OFAC_DIR, folder, copy_function=shutil.copyfile)
    lines = (folder / "sdn.csv").read_bytes().split(b"\r\n")
    lines[100] = lines[100].rsplit(b",", 1)[0]  # drop the last field of line 101
    (folder / "sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as err:
        load_list(screening_store, "ofac-sdn", folder, "ofac")
    assert "line 101" in str(err.value) and "sdn.csv" in str(err.value)
    info = ListRepository(screening_store).get("ofac")
    assert info.current is not None and sum(info.current.counts.values()) == 8976


def test_new_list_that_fails_is_not_created(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "entities.ftm.json"
    bad.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{oops\n')
    with pytest.raises(InputError, match="line 2"):
        load_list(store, "ftm", bad, "fresh")
    assert ListRepository(store).lists() == []


def test_format_mismatch_refused(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    with pytest.raises(ConflictError):
        load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "un")


def _load_base(store: Store) -> None:
    load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "os")


def test_delta_series_applies_in_order(store: Store) -> None:
    _load_base(store)
    versions = update_list(store, "os", DELTA_DIR)
    assert [v.label for v in versions] == [
        "delta:20240527134702-zbn",
        "delta:20240527194702-wnk",
        "delta:20240528014702-pfh",
        "delta:20240528074703-npf",
        "delta:20240528134729-3iv",
    ]
    empty = versions[0]
    assert (empty.added, empty.changed, empty.removed) == (0, 0, 0)
    repo = ListRepository(store)
    ids = {e.id for e in repo.entities("os")}
    assert "Q4365364" in ids and "NK-2T3S8Hu29ktYnKSTgQp2wL" in ids
    assert "NK-500Poltergeist" not in ids
    in_v4 = {e.id for e in repo.entities("os", 4)}
    assert "NK-500Poltergeist" in in_v4
    # Nothing newer: a second update is a no-op.
    assert update_list(store, "os", DELTA_DIR) == []


def test_delta_older_than_applied_is_refused(store: Store) -> None:
    _load_base(store)
    update_list(store, "os", DELTA_DIR)
    older = DELTA_DIR / "20240528014702-pfh" / "entities.delta.json"
    with pytest.raises(ConflictError, match="older"):
        update_list(store, "os", older)


def test_broken_delta_version_applies_nothing(store: Store, tmp_path: Path) -> None:
    _load_base(store)
    series = tmp_path / "delta"
    shutil.copytree(DELTA_DIR, series, copy_function=shutil.copyfile)
    last = series / "20240528134729-3iv" / "entities.delta.json"
    last.write_text('{"op": "UPSERT", "entity": {"id": "x"}}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        update_list(store, "os", series)
    assert "line 1" in str(err.value) and "20240528134729-3iv" in str(err.value)
    info = ListRepository(store).get("os")
    assert info.current is not None and info.current.number == 1


def test_wrong_encoding_leaves_list_intact(screening_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ofac"
    shutil.copytree(OFAC_DIR, folder, copy_function=shutil.copyfile)
    text = (folder / "alt.csv").read_text(encoding="utf-8")
    (folder / "alt.csv").write_bytes(text.encode("utf-16"))
    with pytest.raises(InputError) as err:
        load_list(screening_store, "ofac-sdn", folder, "ofac")
    assert "alt.csv" in str(err.value) and "UTF-8" in str(err.value)
    assert "line 1" in str(err.value)
    info = ListRepository(screening_store).get("ofac")
    assert info.current is not None and len(info.versions) == 1


def test_single_delta_file_needs_its_version_folder(store: Store, tmp_path: Path) -> None:
    load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "os")
    loose = tmp_path / "downloads" / "entities.delta.json"
    loose.parent.mkdir()
    shutil.copy(DELTA_DIR / "20240527134702-zbn" / "entities.delta.json", loose)
    with pytest.raises(InputError, match="folder named by its version") as info:
        update_list(store, "os", loose)
    assert str(loose) in str(info.value)
    assert ListRepository(store).get("os").current.number == 1  # type: ignore[union-attr]
    (applied,) = update_list(store, "os", DELTA_DIR / "20240527134702-zbn" / "entities.delta.json")
    assert applied.label == "delta:20240527134702-zbn"
