"""Peer matchers behind one interface, to benchmark side by side with watchline's matcher.

Every peer is a :class:`PeerScorer`: ``score(query, candidate)`` takes two FtM entity dicts
(``{"id": ..., "schema": "Person", "properties": {"name": [...], ...}}``) and returns a score
in [0, 1]; a pair counts as a match when ``score >= threshold``.

Peers:

* ``nomenklatura <algo>`` for every algorithm the installed nomenklatura registers in
  ``nomenklatura.matching.ALGORITHMS`` (4.17: logic-v1, logic-v2, name-based, name-qualified,
  ofac, regression-v1, er-unstable), called as ``algo.compare(query, candidate,
  algo.default_config()).score``.  nomenklatura carries no match threshold of its own; the
  documented default is yente's ``SCORE_THRESHOLD = 0.70`` (yente/settings.py, applied to
  whichever algorithm a /match request uses, ``match = score >= threshold``), so every
  nomenklatura peer gets 0.70.  Query dicts are turned into entities the way yente's
  ``Entity.from_example`` does (fuzzy value cleaning, names from name parts, country hints);
  candidate dicts are re-validated with ``model.get_proxy(data, cleaned=False)``.
* ``rapidfuzz token_sort_ratio``: best ``fuzz.token_sort_ratio`` over all pairs of names,
  lower-cased and ASCII-folded with ``normality.ascii_text`` -- "what a typical user writes".
  It has no documented threshold; we use 0.85 (a common choice for hand-rolled matching).

Robustness: an exception while scoring one pair makes that pair score 0.0 and is counted
in the module-level :data:`ERRORS` counter, keyed by scorer name (the first error of each
scorer is also printed to stderr).  Call ``ERRORS.clear()`` between runs.

logic-v2 loads rigour's name data on its first call (several seconds): warm up before
timing.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from itertools import product
from typing import Any

from followthemoney import EntityProxy, model, registry
from followthemoney.helpers import combine_names

FtMDict = dict[str, Any]

#: yente's default /match threshold (yente/settings.py ``SCORE_THRESHOLD``), used for all
#: nomenklatura algorithms because nomenklatura itself defines none.
NOMENKLATURA_THRESHOLD = 0.70
#: Our choice for the rapidfuzz baseline; rapidfuzz documents no match threshold.
RAPIDFUZZ_THRESHOLD = 0.85

#: Pairs whose scoring raised, per scorer name (each such pair scored 0.0).
ERRORS: Counter[str] = Counter()


@dataclass(frozen=True)
class PeerScorer:
    name: str  # e.g. "nomenklatura logic-v2"
    threshold: float  # the peer's own default match threshold: match when score >= threshold
    score: Callable[[FtMDict, FtMDict], float]  # (query dict, candidate dict) -> [0, 1]
    version: str = ""  # version of the package providing the peer


def query_entity(data: FtMDict) -> EntityProxy:
    """Build a query entity the way yente's ``Entity.from_example`` does."""
    schema = model.get(data.get("schema") or "Person")
    if schema is None:
        raise ValueError(f"unknown schema: {data.get('schema')!r}")
    entity = EntityProxy(schema, {"id": data.get("id") or "query"})
    for prop_name, values in (data.get("properties") or {}).items():
        prop = schema.get(prop_name)
        if prop is None:
            continue
        for value in [values] if isinstance(values, str) else values:
            entity.unsafe_add(prop, value, cleaned=False, fuzzy=True)
    if not entity.get_type_values(registry.name, matchable=True):
        combine_names(entity)
    countries = entity.get_type_values(registry.country)
    for prop, value in list(entity.itervalues()):
        hint = prop.type.country_hint(value)
        if hint is not None and hint not in countries:
            entity.add("country", hint, cleaned=True)
    return entity


def candidate_entity(data: FtMDict) -> EntityProxy:
    """Build a candidate entity, re-validating its values."""
    return model.get_proxy(data, cleaned=False)


Score = Callable[[FtMDict, FtMDict], float]


def _guarded(name: str, func: Score) -> Score:
    def score(query: FtMDict, candidate: FtMDict) -> float:
        try:
            return min(1.0, max(0.0, float(func(query, candidate))))
        except Exception as exc:
            if not ERRORS[name]:
                print(f"peers: {name} failed on a pair: {exc!r}", file=sys.stderr)
            ERRORS[name] += 1
            return 0.0

    return score


def _nomenklatura_scorers() -> list[PeerScorer]:
    from nomenklatura.matching import ALGORITHMS, ScoringAlgorithm

    def make(algo: type[ScoringAlgorithm]) -> PeerScorer:
        config = algo.default_config()

        def compare(query: FtMDict, candidate: FtMDict) -> float:
            q, c = query_entity(query), candidate_entity(candidate)
            return algo.compare(q, c, config).score

        name = f"nomenklatura {algo.NAME}"
        return PeerScorer(
            name, NOMENKLATURA_THRESHOLD, _guarded(name, compare), version("nomenklatura")
        )

    return [make(algo) for algo in ALGORITHMS]


def _fold_names(data: FtMDict) -> list[str]:
    from normality import ascii_text

    names = query_entity(data).get_type_values(registry.name, matchable=True)
    folded = (" ".join((ascii_text(n) or "").lower().split()) for n in names)
    return [n for n in folded if n]


def _rapidfuzz_scorers() -> list[PeerScorer]:
    from rapidfuzz import fuzz

    def compare(query: FtMDict, candidate: FtMDict) -> float:
        pairs = product(_fold_names(query), _fold_names(candidate))
        return max((fuzz.token_sort_ratio(a, b) for a, b in pairs), default=0.0) / 100.0

    name = "rapidfuzz token_sort_ratio"
    return [PeerScorer(name, RAPIDFUZZ_THRESHOLD, _guarded(name, compare), version("rapidfuzz"))]


def peer_scorers() -> list[PeerScorer]:
    """All peers whose packages import; the others are skipped with a warning on stderr."""
    scorers: list[PeerScorer] = []
    for label, factory in (
        ("nomenklatura", _nomenklatura_scorers),
        ("rapidfuzz", _rapidfuzz_scorers),
    ):
        try:
            scorers.extend(factory())
        except Exception as exc:  # ImportError, or a version clash failing at import
            print(f"peers: skipping {label}: {exc}", file=sys.stderr)
    return scorers
