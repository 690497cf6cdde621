"""The list formats watchline reads, and how to name a loaded file's version.

One table maps a format name (as typed on the command line) to its reader, so the CLI,
the API and `lists fetch` load files the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchline.errors import InputError
from watchline.model import Entity

Reader = Callable[[Path], Iterator[Entity]]


@dataclass(frozen=True)
class ListFormat:
    name: str
    description: str
    reader: Reader
    #: Files a download must fetch, relative to the configured URL (empty: the URL itself).
    files: tuple[str, ...] = ()
    default_url: str | None = None


def _ofac(path: Path) -> Iterator[Entity]:
    from watchline.lists.ofac_sdn import read_ofac_sdn

    return read_ofac_sdn(path)


def _un(path: Path) -> Iterator[Entity]:
    from watchline.lists.un_xml import read_un_xml

    return read_un_xml(path)


def _ftm(path: Path) -> Iterator[Entity]:
    from watchline.lists.ftm import read_ftm

    return read_ftm(path)


def _csv(path: Path) -> Iterator[Entity]:
    from watchline.lists.agency_csv import read_agency_csv

    return read_agency_csv(path)


FORMATS: dict[str, ListFormat] = {
    f.name: f
    for f in (
        ListFormat(
            "ofac-sdn",
            "OFAC SDN legacy CSV (sdn.csv + alt.csv + add.csv in one folder)",
            _ofac,
            files=("sdn.csv", "alt.csv", "add.csv"),
            default_url="https://www.treasury.gov/ofac/downloads/",
        ),
        ListFormat(
            "un-xml",
            "UN Security Council consolidated list XML",
            _un,
            default_url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        ),
        ListFormat(
            "ftm",
            "FollowTheMoney JSON lines (OpenSanctions entities.ftm.json; delta.json for updates)",
            _ftm,
            default_url="https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json",
        ),
        ListFormat("csv", "agency list CSV (see docs/agency-list-format.md)", _csv),
    )
}


def get_format(name: str) -> ListFormat:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise InputError(
            f"unknown list format {name!r} (known: {known})", location="--format"
        ) from None


def digest(path: Path) -> str:
    """SHA-256 over a file, or over a folder's files in name order (OFAC's three CSVs)."""
    sha = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
    return sha.hexdigest()


def version_label(fmt: str, path: Path, sha256: str) -> str:
    """Upstream's own version id where the file carries one, else the digest prefix."""
    if fmt == "un-xml":
        from watchline.lists.un_xml import un_generated_at

        generated = un_generated_at(path)
        if generated:
            return generated
    return f"sha256:{sha256[:16]}"
