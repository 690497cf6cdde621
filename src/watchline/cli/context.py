"""The store a command works on, opened lazily from the settings built at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from watchline.settings import Settings

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads only for commands that use it
    from watchline.store.db import Store


@dataclass
class AppContext:
    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            from watchline.store.db import open_store

            self._store = open_store(self.settings.store_url)
        return self._store

    def index_dir(self) -> Path:
        """The list index files: beside an SQLite store, else under WATCHLINE_HOME."""
        from watchline.store.index_files import default_index_dir

        return default_index_dir(self.store(), self.settings.home)

    def person_index_dir(self) -> Path:
        from watchline.store.person_index import default_person_index_dir

        return default_person_index_dir(self.store(), self.settings.home)


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj
