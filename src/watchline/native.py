"""Which modules of the core are compiled by mypyc, and whether a build is current.

The matcher's name analysis and alignment and the candidate index are plain typed
Python; `setup.py` compiles them to C extensions (WATCHLINE_PURE=1: not), which run the
same code about a fifth faster a screened query (docs/benchmarks.md). An extension sits
beside its source and Python imports it first, so a source edited after the build
would silently not run: `stale` says so, the tests refuse to run on it and
scripts/bootstrap.sh rebuilds.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec
from pathlib import Path

#: Modules compiled together (mypyc compiles them as one group, calls between them
#: direct). Only the pure core: no I/O, no database, nothing pickled across processes
#: but values with their own `__reduce__` (`NameAnalysis`, `Profile`). Not `model`: mypyc
#: passed `from_proxy`'s keyword arguments as a positional one (tried, session 16).
MODULES = (
    "watchline.names.analysis",
    "watchline.names.compare",
    "watchline.names.translit",
    "watchline.names.chinese",
    "watchline.names.korean",
    "watchline.names.japanese",
    "watchline.names.readings",
    "watchline.match.evidence",
    "watchline.index.keys",
    "watchline.index.rank",
    "watchline.index.search",
    "watchline.index.segment",
)


def _builds() -> dict[str, Path]:
    """The modules that import as compiled extensions, and their extension files."""
    out = {}
    for module in MODULES:
        spec = find_spec(module)
        if spec is not None and spec.origin and spec.origin.endswith(tuple(EXTENSION_SUFFIXES)):
            out[module] = Path(spec.origin)
    return out


def compiled() -> list[str]:
    """The modules that import as compiled extensions."""
    return list(_builds())


def stale() -> list[str]:
    """Compiled modules whose source beside them, or this list, is newer than the build
    (a module taken off the list still runs compiled code until a rebuild)."""
    listed = Path(__file__).stat().st_mtime
    out = []
    for module, build in _builds().items():
        source = build.parent / (module.rsplit(".", 1)[1] + ".py")
        built = build.stat().st_mtime
        if (source.exists() and source.stat().st_mtime > built) or listed > built:
            out.append(module)
    return out
