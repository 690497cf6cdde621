"""What SQLite lets pass and PostgreSQL does not: both must behave the same.

These run on SQLite and again on PostgreSQL (`scripts/test.sh`), whose throwaway server
runs in a non-UTC time zone on purpose.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from tests.conftest import UN_XML
from watchline.errors import InputError
from watchline.services.lists import load_list, update_list
from watchline.store import Store, index_files
from watchline.store.index_files import IndexFiles, default_index_dir
from watchline.store.lists import ListRepository


def write_ftm(path: Path, *entities: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    return path


def person(entity_id: str, name: str) -> dict[str, object]:
    return {"id": entity_id, "schema": "Person", "properties": {"name": [name]}}


def test_times_read_back_in_utc(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    info = ListRepository(store).get("un")
    assert info.current is not None
    assert info.current.loaded_at.utcoffset() == timedelta(0)
    assert info.to_dict()["loaded_at"].endswith("+00:00")
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            assert conn.execute(text("SHOW TimeZone")).scalar() == "UTC"


def test_list_name_longer_than_the_column_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="longer than 100"):
        load_list(store, "un-xml", UN_XML, "x" * 101)
    assert ListRepository(store).lists() == []


def test_entity_id_longer_than_the_column_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_ftm(tmp_path / "e.ftm.json", person("ok", "Ivan Petrov"), person("x" * 201, "A"))
    with pytest.raises(InputError, match="longer than 200") as err:
        load_list(store, "ftm", path, "os")
    assert str(path) in str(err.value)
    assert ListRepository(store).lists() == []


def test_nul_character_is_refused_with_its_line(store: Store, tmp_path: Path) -> None:
    path = write_ftm(tmp_path / "e.ftm.json", person("a", "Ivan Petrov"), person("b", "A\x00B"))
    with pytest.raises(InputError, match="NUL") as err:
        load_list(store, "ftm", path, "os")
    assert "line 2" in str(err.value) and "properties.name" in str(err.value)
    assert ListRepository(store).lists() == []


def test_nul_character_in_a_delta_is_refused(store: Store, tmp_path: Path) -> None:
    load_list(store, "ftm", write_ftm(tmp_path / "base.ftm.json", person("a", "Ivan")), "os")
    folder = tmp_path / "20240101000000-abc"
    folder.mkdir()
    ops = [
        {"op": "ADD", "entity": person("b", "Petr")},
        {"op": "DEL", "entity": {"id": "a\x00"}},
    ]
    delta = folder / "entities.delta.json"
    delta.write_text("".join(json.dumps(op) + "\n" for op in ops), encoding="utf-8")
    with pytest.raises(InputError, match="NUL") as err:
        update_list(store, "os", delta)
    assert "line 2" in str(err.value)
    assert ListRepository(store).get("os").current.number == 1  # type: ignore[union-attr]


def test_delta_rows_are_read_back_in_chunks(
    store: Store, store_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows an update keeps in the delta are asked for in bounded IN lists (PostgreSQL
    takes 65,535 parameters per statement), and the result is the same as a rebuild."""
    monkeypatch.setattr(index_files, "IN_CHUNK", 2)
    folder = default_index_dir(store, store_home)
    load_list(store, "un-xml", UN_XML, "un")
    IndexFiles(store, folder).open()
    original = UN_XML.read_text(encoding="utf-8")
    v2 = original.replace("<FIRST_NAME>", "<FIRST_NAME>Z", 5)
    v3 = v2.replace("<FIRST_NAME>Z", "<FIRST_NAME>Q", 1)
    messages: list[str] = []
    for number, content in ((2, v2), (3, v3)):
        path = store_home.parent / f"un-{number}.xml"
        path.write_text(content, encoding="utf-8")
        load_list(store, "un-xml", path, "un")
        index = IndexFiles(store, folder, notify=messages.append).open()
    assert messages == []  # updated in place, not rebuilt
    assert index.delta.size == 5 and int(index.deleted.sum()) == 5
    live = set(index.base.rows[~index.deleted].tolist()) | set(index.delta.rows.tolist())
    rebuilt = IndexFiles(store, store_home / "rebuilt").rebuild()
    assert live == set(rebuilt.base.rows.tolist())
    assert np.all(np.diff(index.delta.rows) > 0)  # by row id, as a segment needs
