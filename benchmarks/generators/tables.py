"""Loading of the YAML tables under ``data/`` and rank-weighted sampling.

The tables are kept as data (not code) so that each one can say where it comes from, and so
that the matcher's authors can be told precisely which files they must not read.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

#: A choice spec in the tables: one value, a list of equally likely values, or a mapping of
#: value -> weight.
Spec = str | Sequence[str] | Mapping[str, float]


@cache
def load(name: str) -> dict[str, Any]:
    """Parse ``data/<name>.yml`` once per process."""
    with (DATA_DIR / f"{name}.yml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{name}.yml must hold a mapping")
    return data


class Pool:
    """A rank-ordered name list sampled with Zipf-like weights.

    Real registers are dominated by a handful of names (Muhammad, Aleksandr, Ivanov); that
    skew is what produces realistic namesakes, so uniform sampling would understate them.
    """

    def __init__(self, items: Sequence[str], exponent: float = 0.85, offset: float = 1.5):
        if not items:
            raise ValueError("empty name pool")
        self.items = list(items)
        weights = [1.0 / (rank + offset) ** exponent for rank in range(len(self.items))]
        self._cum = list(accumulate(weights))

    def pick(self, rng: random.Random) -> str:
        x = rng.random() * self._cum[-1]
        return self.items[bisect.bisect_right(self._cum, x)]

    def pick_other(self, rng: random.Random, avoid: str) -> str:
        """Draw until the result differs from ``avoid`` (pools have dozens of entries)."""
        for _ in range(50):
            item = self.pick(rng)
            if item != avoid:
                return item
        return next(i for i in self.items if i != avoid)

    def __contains__(self, item: object) -> bool:
        return item in self.items


def choose(rng: random.Random, spec: Spec) -> str:
    """Draw one value from a table choice spec (see :data:`Spec`)."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, Mapping):
        keys = list(spec)
        return rng.choices(keys, weights=[float(spec[k]) for k in keys])[0]
    return rng.choice(list(spec))


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    """Draw a key of ``weights`` proportionally to its value."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def interleave(head: Sequence[str], extra: Sequence[str], keep: int = 4) -> list[str]:
    """Region pool: the first ``keep`` shared names, then shared and regional alternating.

    This keeps pan-Arab favourites (Muhammad, Ahmad) on top while giving regional names a
    realistic mid-table rank instead of burying them after the whole shared list.
    """
    out = list(head[:keep])
    rest = [n for n in head[keep:] if n not in extra]
    extra = [n for n in extra if n not in out]
    while rest or extra:
        if extra:
            out.append(extra.pop(0))
        if rest:
            out.append(rest.pop(0))
    return out
