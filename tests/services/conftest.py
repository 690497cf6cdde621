"""Vetting fixtures: a screener and a vetter whose index files live with the test's store.

The UN + OFAC list index is built once per session for the template store and copied
beside each test's copy of that store: a copied store has the same lists, versions and
creation times, so the copied index is current for it (and is checked as such on open).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store import Store, open_store
from watchline.store.index_files import IndexFiles, default_index_dir
from watchline.store.person_index import default_person_index_dir


@pytest.fixture(scope="session")
def _screening_index(_screening_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = open_store(_screening_db, migrate=False)
    folder = tmp_path_factory.mktemp("screening-index") / "index"
    try:
        IndexFiles(store, folder).open()
    finally:
        store.close()
    return folder


@pytest.fixture
def screener_for(_screening_index: Path, store_home: Path) -> Callable[[Store], Screener]:
    def make(store: Store) -> Screener:
        folder = default_index_dir(store, store_home)
        if not folder.exists():
            shutil.copytree(_screening_index, folder)
        return Screener(store, index_dir=folder)

    return make


@pytest.fixture
def vetter_for(store_home: Path) -> Callable[..., Vetter]:
    def make(store: Store, **options: object) -> Vetter:
        folder = default_person_index_dir(store, store_home)
        return Vetter(store, index_dir=folder, **options)  # type: ignore[arg-type]

    return make
