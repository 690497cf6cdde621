"""`lists fetch`: download the official current file and load it if it changed.

Each URL is asked with a conditional GET (If-None-Match / If-Modified-Since from the last
successful fetch). Nothing is loaded when the server says 304 or the bytes are the same
as the version already stored, so a scheduled fetch does not pile up empty versions.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from sqlalchemy import select

from watchline.errors import FetchError, InputError
from watchline.lists.formats import digest, get_format
from watchline.lists.ftm_delta import DeltaOp, DeltaVersion, read_delta, read_delta_index
from watchline.services.lists import applied_delta, apply_batches, load_list
from watchline.store.db import Store
from watchline.store.lists import ListRepository, VersionInfo
from watchline.store.tables import FetchStateRow, WatchlistRow

TIMEOUT = (10, 120)
USER_AGENT = "watchline (+https://github.com/watchline)"


@dataclass
class FetchResult:
    list_name: str
    status: str  # "updated" | "not-modified"
    urls: list[str] = field(default_factory=list)
    versions: list[VersionInfo] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_name,
            "status": self.status,
            "urls": self.urls,
            "versions": [v.to_dict() for v in self.versions],
        }


@dataclass
class _Download:
    url: str
    path: Path | None  # None when the server answered 304
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    def __init__(
        self, store: Store, *, http: requests.Session | None = None, actor: str = "watchline"
    ) -> None:
        self.store = store
        self.actor = actor
        self.http = http or requests.Session()
        self.http.headers.setdefault("User-Agent", USER_AGENT)

    def fetch(self, name: str, *, url: str | None = None, fmt: str | None = None) -> FetchResult:
        repo = ListRepository(self.store)
        existing = {i.name: i for i in repo.lists()}.get(name)
        if existing is None and fmt is None:
            raise InputError(f"no list named {name!r}; give --format to create it by fetching")
        list_format = get_format(fmt or existing.format)  # type: ignore[union-attr]
        source = url or (existing.source_url if existing else None) or list_format.default_url
        if not source:
            raise InputError(f"list {name!r} has no URL to fetch from; pass --url")
        with tempfile.TemporaryDirectory(prefix="watchline-fetch-") as tmp:
            workdir = Path(tmp)
            if list_format.name == "ftm" and source.endswith("delta.json") and existing:
                return self._fetch_deltas(name, source, workdir)
            targets = [urljoin(source, f) for f in list_format.files] or [source]
            downloads = [self._get(name, t, workdir, conditional=True) for t in targets]
            if all(d.path is None for d in downloads):
                return FetchResult(name, "not-modified", targets)
            downloads = [
                d if d.path else self._get(name, d.url, workdir, conditional=False)
                for d in downloads
            ]
            local = workdir if list_format.files else downloads[0].path
            assert local is not None
            if existing and existing.current and existing.current.sha256 == digest(local):
                self._remember(name, downloads, digest(local))
                return FetchResult(name, "not-modified", targets)
            version = load_list(
                self.store,
                list_format.name,
                local,
                name,
                source_url=source,
                kind="fetch",
                actor=self.actor,
            )
            self._remember(name, downloads, version.sha256)
            return FetchResult(name, "updated", targets, [version])

    def _fetch_deltas(self, name: str, index_url: str, workdir: Path) -> FetchResult:
        index = self._get(name, index_url, workdir, conditional=True)
        if index.path is None:
            return FetchResult(name, "not-modified", [index_url])
        applied = applied_delta(ListRepository(self.store), name)
        versions = [
            v for v in read_delta_index(index.path) if applied is None or v.version > applied
        ]
        batches: list[tuple[DeltaVersion, list[DeltaOp]]] = []
        for version in versions:
            if not version.url:
                raise InputError(f"delta version {version.version} has no URL", location=index_url)
            target = urljoin(index_url, version.url)
            folder = workdir / version.version
            folder.mkdir()
            got = self._get(name, target, folder, conditional=False)
            assert got.path is not None
            batches.append(
                (DeltaVersion(version.version, got.path, target), list(read_delta(got.path)))
            )
        results = apply_batches(self.store, name, batches, actor=self.actor) if batches else []
        self._remember(name, [index], None)
        status = "updated" if results else "not-modified"
        return FetchResult(name, status, [index_url], results)

    def _state(self, name: str, url: str) -> FetchStateRow | None:
        with self.store.session() as session:
            return session.scalar(
                select(FetchStateRow)
                .join(WatchlistRow, WatchlistRow.id == FetchStateRow.list_id)
                .where(WatchlistRow.name == name, FetchStateRow.url == url)
            )

    def _get(self, name: str, url: str, workdir: Path, *, conditional: bool) -> _Download:
        headers = {}
        state = self._state(name, url) if conditional else None
        if state is not None:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        try:
            response = self.http.get(url, headers=headers, stream=True, timeout=TIMEOUT)
        except requests.RequestException as exc:
            raise FetchError(f"download failed: {exc}", location=url) from exc
        with response:
            if response.status_code == 304:
                return _Download(url, None, state.etag if state else None)
            if response.status_code != 200:
                raise FetchError(f"server answered HTTP {response.status_code}", location=url)
            target = workdir / (Path(url.rstrip("/").split("?")[0]).name or "download")
            with open(target, "wb") as handle:
                for chunk in response.iter_content(1 << 20):
                    handle.write(chunk)
            return _Download(
                url, target, response.headers.get("ETag"), response.headers.get("Last-Modified")
            )

    def _remember(self, name: str, downloads: list[_Download], sha: str | None) -> None:
        now = datetime.now(UTC)
        with self.store.transaction() as session:
            wl = session.scalar(select(WatchlistRow).where(WatchlistRow.name == name))
            if wl is None:
                return
            for d in downloads:
                row = session.get(FetchStateRow, (wl.id, d.url))
                if row is None:
                    row = FetchStateRow(list_id=wl.id, url=d.url, fetched_at=now)
                    session.add(row)
                if d.path is not None:
                    row.etag, row.last_modified = d.etag, d.last_modified
                row.sha256, row.fetched_at = sha, now
