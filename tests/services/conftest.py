"""Vetting fixtures: a screener and a vetter whose index files live with the test's store
(the list index is a copy of `_screening_index`, see tests/conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from watchline.services.screening import Screener
from watchline.services.vetting import Vetter
from watchline.store import Store
from watchline.store.index_files import default_index_dir
from watchline.store.person_index import default_person_index_dir


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
