"""Named matching algorithms. Versions are never removed, only superseded."""

from __future__ import annotations

from watchline.errors import WatchlineError
from watchline.match.name_fuzzy_v0 import NameFuzzyV0
from watchline.match.types import Algorithm
from watchline.match.watchline_v1 import WatchlineV1

_ALGORITHMS: dict[str, Algorithm] = {a.name: a for a in (NameFuzzyV0(), WatchlineV1())}
DEFAULT_ALGORITHM = "watchline-v1"


def get_algorithm(name: str | None = None) -> Algorithm:
    key = name or DEFAULT_ALGORITHM
    try:
        return _ALGORITHMS[key]
    except KeyError:
        known = ", ".join(sorted(_ALGORITHMS))
        raise WatchlineError(f"unknown algorithm {key!r} (known: {known})") from None


def algorithm_names() -> list[str]:
    return sorted(_ALGORITHMS)
