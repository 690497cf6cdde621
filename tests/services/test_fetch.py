"""`lists fetch` against a real HTTP server on 127.0.0.1 serving the shared files.

The server implements ETag / If-None-Match and Last-Modified / If-Modified-Since the way
the official list hosts do, and records each request so the tests can check that the
second fetch really was conditional.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from email.utils import formatdate
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import DELTA_DIR, OFAC_DIR, UN_XML
from watchline.errors import FetchError
from watchline.services.fetch import Fetcher
from watchline.services.lists import load_list
from watchline.store import Store
from watchline.store.lists import ListRepository


class ListHost(SimpleHTTPRequestHandler):
    log: list[tuple[str, int, dict[str, str]]]

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            self.server.log.append((self.path, 404, dict(self.headers)))  # type: ignore[attr-defined]
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            self.server.log.append((self.path, 304, dict(self.headers)))  # type: ignore[attr-defined]
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.log.append((self.path, 200, dict(self.headers)))  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host(tmp_path: Path) -> Iterator[tuple[str, Path, list[tuple[str, int, dict[str, str]]]]]:
    root = tmp_path / "www"
    (root / "un").mkdir(parents=True)
    shutil.copyfile(UN_XML, root / "un" / "consolidated.xml")
    shutil.copytree(OFAC_DIR, root / "ofac", copy_function=shutil.copyfile)
    shutil.copytree(DELTA_DIR, root / "os", copy_function=shutil.copyfile)
    # Upstream's delta.json names absolute opensanctions.org URLs; the mirror rewrites them
    # to relative ones, which the fetcher resolves against the index URL.
    index = json.loads((root / "os" / "delta.json").read_text())
    index["versions"] = {v: f"{v}/entities.delta.json" for v in index["versions"]}
    (root / "os" / "delta.json").write_text(json.dumps(index))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(ListHost, directory=str(root)))
    server.log = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", root, server.log  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def test_fetch_un_then_not_modified(store: Store, host: tuple[str, Path, list]) -> None:
    base, root, log = host
    url = f"{base}/un/consolidated.xml"
    first = Fetcher(store).fetch("un", url=url, fmt="un-xml")
    assert first.status == "updated"
    assert first.versions[0].counts == {"Person": 730, "Organization": 273}
    second = Fetcher(store).fetch("un")  # URL remembered from the first fetch
    assert second.status == "not-modified"
    assert log[-1][1] == 304 and "If-None-Match" in log[-1][2]
    assert len(ListRepository(store).get("un").versions) == 1
    # The host publishes a new file: the next fetch loads it as version 2.
    xml = (root / "un" / "consolidated.xml").read_text(encoding="utf-8")
    (root / "un" / "consolidated.xml").write_text(
        xml.replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ERICK</FIRST_NAME>", 1),
        encoding="utf-8",
    )
    third = Fetcher(store).fetch("un")
    assert third.status == "updated" and third.versions[0].changed == 1


def test_fetch_ofac_folder(store: Store, host: tuple[str, Path, list]) -> None:
    base, _root, log = host
    result = Fetcher(store).fetch("ofac", url=f"{base}/ofac/", fmt="ofac-sdn")
    assert result.status == "updated"
    assert sum(result.versions[0].counts.values()) == 8976
    assert {p for p, _, _ in log} == {"/ofac/sdn.csv", "/ofac/alt.csv", "/ofac/add.csv"}
    assert Fetcher(store).fetch("ofac").status == "not-modified"


def test_fetch_same_bytes_without_etag_support_adds_no_version(
    store: Store, host: tuple[str, Path, list]
) -> None:
    base, _root, _log = host
    load_list(store, "un-xml", UN_XML, "un")
    result = Fetcher(store).fetch("un", url=f"{base}/un/consolidated.xml")
    assert result.status == "not-modified"
    assert len(ListRepository(store).get("un").versions) == 1


def test_fetch_delta_series(store: Store, host: tuple[str, Path, list]) -> None:
    base, _root, _log = host
    load_list(store, "ftm", DELTA_DIR / "base-t1.entities.ftm.json", "os")
    result = Fetcher(store).fetch("os", url=f"{base}/os/delta.json")
    assert result.status == "updated" and len(result.versions) == 5
    ids = {e.id for e in ListRepository(store).entities("os")}
    assert "Q4365364" in ids and "NK-500Poltergeist" not in ids
    assert Fetcher(store).fetch("os", url=f"{base}/os/delta.json").status == "not-modified"


def test_fetch_missing_file_is_a_clear_error(store: Store, host: tuple[str, Path, list]) -> None:
    base, _root, _log = host
    load_list(store, "un-xml", UN_XML, "un")
    with pytest.raises(FetchError, match="HTTP 404") as err:
        Fetcher(store).fetch("un", url=f"{base}/un/missing.xml")
    assert "/un/missing.xml" in str(err.value)
    assert ListRepository(store).get("un").current.number == 1  # type: ignore[union-attr]


def test_fetch_unreachable_host(store: Store) -> None:
    load_list(store, "un-xml", UN_XML, "un")
    with pytest.raises(FetchError, match="download failed"):
        Fetcher(store).fetch("un", url="http://127.0.0.1:9/nothing.xml")
