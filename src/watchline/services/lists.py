"""Load, update and inspect lists: readers in, store versions out."""

from __future__ import annotations

from pathlib import Path

from watchline.errors import ConflictError, InputError
from watchline.lists.formats import digest, get_format, version_label
from watchline.lists.ftm_delta import (
    VERSION_RE,
    DeltaOp,
    DeltaVersion,
    check_order,
    read_delta,
    read_delta_index,
    versions_after,
)
from watchline.store.db import Store
from watchline.store.lists import ListRepository, Progress, VersionInfo


def load_list(
    store: Store,
    fmt: str,
    path: Path,
    name: str,
    *,
    source_url: str | None = None,
    kind: str = "load",
    progress: Progress | None = None,
    actor: str = "watchline",
) -> VersionInfo:
    """Read a whole list file and store it as the list's next version (one transaction)."""
    list_format = get_format(fmt)
    if not path.exists():
        raise InputError.at("file not found", path=path)
    sha = digest(path)
    return ListRepository(store, actor=actor).load(
        name,
        list_format.name,
        list_format.reader(path),
        label=version_label(fmt, path, sha),
        source=str(path),
        sha256=sha,
        kind=kind,
        source_url=source_url,
        progress=progress,
    )


def _delta_source(path: Path) -> tuple[list[DeltaVersion], bool]:
    """A delta index (delta.json or its folder) or one `<version>/entities.delta.json`."""
    if path.is_dir() or path.name == "delta.json":
        return read_delta_index(path), True
    if not path.exists():
        raise InputError.at("file not found", path=path)
    version = path.parent.name
    if not VERSION_RE.match(version):
        raise InputError.at(
            f"a single delta file must sit in a folder named by its version (such as"
            f" 20250101000000-abc), not {version!r}; or give the delta.json index",
            path=path,
        )
    return [DeltaVersion(version=version, path=path, url=None)], False


def update_list(
    store: Store, name: str, path: Path, *, actor: str = "watchline"
) -> list[VersionInfo]:
    """Apply FtM delta versions newer than the list's applied one, all in one transaction.

    Every delta file is parsed before anything is written, so a broken fifth version
    leaves the list exactly as it was, not at the fourth.
    """
    repo = ListRepository(store)
    info = repo.get(name)
    if info.format != "ftm":
        raise ConflictError(f"list {name!r} is {info.format}; delta updates apply to ftm lists")
    applied = applied_delta(repo, name)
    versions, is_index = _delta_source(path)
    if is_index:
        versions = versions_after(versions, applied)
    else:
        check_order(versions[0].version, applied)
    batches: list[tuple[DeltaVersion, list[DeltaOp]]] = []
    for version in versions:
        if version.path is None:
            raise InputError(
                f"delta version {version.version} has no local file; use `lists fetch`",
                location=str(path),
            )
        batches.append((version, list(read_delta(version.path))))
    return apply_batches(store, name, batches, actor=actor)


def apply_batches(
    store: Store,
    name: str,
    batches: list[tuple[DeltaVersion, list[DeltaOp]]],
    *,
    actor: str = "watchline",
) -> list[VersionInfo]:
    repo = ListRepository(store, actor=actor)
    out: list[VersionInfo] = []
    with store.transaction() as session:
        for version, ops in batches:
            source = str(version.path or version.url)
            out.append(
                repo.apply_delta(
                    name,
                    f"delta:{version.version}",
                    ops,
                    source=source,
                    sha256=digest(version.path) if version.path else None,
                    session=session,
                )
            )
    return out


def applied_delta(repo: ListRepository, name: str) -> str | None:
    """The newest delta version applied to the list (None when only a base was loaded)."""
    for version in reversed(repo.get(name).versions):
        if version.label.startswith("delta:"):
            return version.label.removeprefix("delta:")
        if version.kind != "update":
            return None
    return None
