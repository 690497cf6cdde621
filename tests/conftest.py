"""Shared fixtures: the real lists in ../shared/data and stores in fresh databases.

Stores are SQLite files in temporary folders by default. With `WATCHLINE_STORE` set to a
PostgreSQL URL (`postgresql://user@host:port/postgres`; the user needs CREATEDB), every
test gets its own new database on that server instead, dropped afterwards: the URL names
the server, not the database the tests use. `scripts/test.sh` runs the tests marked
`store` a second time that way, against a throwaway server from `scripts/postgres.sh`.
Every test that uses a database fixture (`store`, `screening_store`, `store_url`, or
anything built on `databases`) is marked `store` automatically.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from watchline.native import MODULES, compiled, stale
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

#: The server the `store` tests run against, or None for SQLite files.
SERVER_URL: str | None = os.environ.get("WATCHLINE_STORE") or None
BACKEND = make_url(SERVER_URL).get_backend_name() if SERVER_URL else "sqlite"
if BACKEND not in ("sqlite", "postgresql"):
    raise pytest.UsageError(f"WATCHLINE_STORE: tests run on sqlite or postgresql, not {BACKEND}")
if BACKEND == "sqlite":
    SERVER_URL = None  # an SQLite URL names one file: the tests make their own files

#: For tests that only make sense on SQLite (the store as one file on disk).
sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite-specific: a file store")


def pytest_report_header() -> list[str]:
    server = make_url(SERVER_URL).render_as_string() if SERVER_URL else "SQLite files in tmp"
    return [
        f"shared data: {SHARED} ({'found' if SHARED.exists() else 'MISSING'})",
        f"store backend: {BACKEND} ({server})",
        f"compiled core: {len(compiled())} of {len(MODULES)} modules (watchline.native)",
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a database, however indirectly, with `store`."""
    for item in items:
        if "databases" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.store)


class Databases:
    """Fresh, empty databases: SQLite files, or new databases on a PostgreSQL server."""

    def __init__(self, server_url: str | None) -> None:
        self.backend = BACKEND
        self._server: URL | None = None
        self._admin: Engine | None = None
        if server_url is not None:
            server = make_url(server_url)
            if server.drivername == "postgresql":
                server = server.set(drivername="postgresql+psycopg")
            self._server = server
            # CREATE/DROP DATABASE cannot run in a transaction; no pooling so that no
            # admin connection lingers on a database that is about to be dropped.
            self._admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def create(self, folder: Path, *, name: str = "store.db", template: str | None = None) -> str:
        """A new database's URL; with `template` (a URL from here) a copy of that one."""
        if self._server is None:
            path = folder / name
            if template is not None:
                shutil.copy(make_url(template).database or "", path)
            return f"sqlite:///{path}"
        assert self._admin is not None
        database = f"watchline_test_{uuid.uuid4().hex[:16]}"
        sql = f'CREATE DATABASE "{database}"'
        if template is not None:
            sql += f' TEMPLATE "{make_url(template).database}"'
        with self._admin.connect() as conn:
            conn.exec_driver_sql(sql)
        return self._server.set(database=database).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        """Drop a database made by `create` (SQLite files go with their tmp folder)."""
        if self._admin is None:
            return
        database = make_url(url).database
        with self._admin.connect() as conn:
            # FORCE: a test that left a connection open must not leak its database.
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()


@pytest.fixture(scope="session")
def databases() -> Iterator[Databases]:
    made = Databases(SERVER_URL)
    yield made
    made.close()


@pytest.fixture
def store_url(databases: Databases, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database (not yet migrated) for this test only."""
    url = databases.create(tmp_path)
    yield url
    databases.drop(url)


@pytest.fixture
def store_home(tmp_path: Path) -> Path:
    """A WATCHLINE_HOME for this test: where a server store keeps its index files.

    Pass it on: `default_index_dir(store, store_home)` is the folder beside an SQLite
    file, and `store_home/index/...` for a PostgreSQL store.
    """
    return tmp_path / "home"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store at the newest migration (the database of `store_url`)."""
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _screening_db(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """UN + OFAC loaded once per session (per xdist worker), as a template to copy."""
    url = databases.create(tmp_path_factory.mktemp("screening"))
    opened = open_store(url)
    load_list(opened, "un-xml", UN_XML, "un")
    load_list(opened, "ofac-sdn", OFAC_DIR, "ofac")
    if opened.dialect == "sqlite":  # everything into the main file, which is what is copied
        with opened.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.close()  # a PostgreSQL template must have no connections when it is copied
    yield url
    databases.drop(url)


@pytest.fixture
def screening_store(_screening_db: str, databases: Databases, tmp_path: Path) -> Iterator[Store]:
    """A store holding the real UN and OFAC lists, safe to modify (a private copy)."""
    url = databases.create(tmp_path, name="screening.db", template=_screening_db)
    opened = open_store(url)
    yield opened
    opened.close()
    databases.drop(url)


@pytest.fixture(scope="session")
def _screening_index(_screening_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The UN + OFAC list index, built once per session for the template store.

    Copied beside each test's copy of that store: a copied store has the same lists,
    versions and creation times, so the copied index is current for it (and is checked
    as such when opened).
    """
    from watchline.store.index_files import IndexFiles

    store = open_store(_screening_db, migrate=False)
    folder = tmp_path_factory.mktemp("screening-index") / "index"
    try:
        IndexFiles(store, folder).open()
    finally:
        store.close()
    return folder


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test a compiled core older than its sources: Python imports the build,
    and the edit under test would not run (watchline.native)."""
    old = stale()
    if old:
        pytest.exit(
            f"compiled modules older than their sources: {', '.join(old)}; rebuild with "
            "`bash scripts/bootstrap.sh` (or run pure: WATCHLINE_PURE=1 bash scripts/bootstrap.sh)",
            returncode=2,
        )
