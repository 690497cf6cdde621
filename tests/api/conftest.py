"""API fixtures: an app on a store holding the real UN and OFAC lists, and one API key
per role (plus a revoked one), as the authorisation tests need them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from watchline.access import Role
from watchline.api.app import create_app
from watchline.settings import Settings
from watchline.store import Store
from watchline.store.index_files import default_index_dir
from watchline.store.users import UserRepository


@dataclass
class Api:
    app: FastAPI
    client: TestClient
    store: Store
    #: role name (and "revoked") -> the key's Authorization header
    headers: dict[str, dict[str, str]]

    def as_role(self, role: str) -> dict[str, str]:
        return self.headers[role]


@pytest.fixture
def api(screening_store: Store, _screening_index: Path, store_home: Path) -> Iterator[Api]:
    folder = default_index_dir(screening_store, store_home)
    if not folder.exists():
        shutil.copytree(_screening_index, folder)
    settings = Settings(
        home=store_home,
        store_url=screening_store.engine.url.render_as_string(hide_password=False),
        user="api-test",
    )
    app = create_app(settings, store=screening_store, rate_per_minute=0)
    users = UserRepository(screening_store, actor="admin")
    headers = {}
    for role in Role:
        users.add(f"{role.value}-user", role)
        headers[role.value] = {"Authorization": f"Bearer {users.issue(f'{role.value}-user')}"}
    users.add("gone-user", Role.SUPERVISOR)
    revoked = users.issue("gone-user")
    users.revoke(revoked)
    headers["revoked"] = {"Authorization": f"Bearer {revoked}"}
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(app, client, screening_store, headers)
