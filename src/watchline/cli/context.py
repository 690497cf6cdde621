"""The store a command works on, opened lazily from the settings built at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer

from watchline.settings import Settings
from watchline.store.db import Store, open_store


@dataclass
class AppContext:
    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.store_url)
        return self._store


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj
