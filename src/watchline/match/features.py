"""Feature functions: each compares one kind of evidence between a query and a candidate."""

from __future__ import annotations

from rapidfuzz import fuzz

from watchline.model import Entity
from watchline.names.normalize import fold
from watchline.values import COUNTRY_PROPS, DOC_PROPS, normalise_document


def best_name_pair(query: Entity, candidate: Entity) -> tuple[float, str | None, str | None]:
    """Highest token-sort similarity over all name pairs (folded to ASCII)."""
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    cand_names = candidate.names or candidate.weak_names
    for qname in query.names:
        qfold = fold(qname)
        if not qfold:
            continue
        for cname in cand_names:
            cfold = fold(cname)
            if not cfold:
                continue
            sim = fuzz.token_sort_ratio(qfold, cfold) / 100.0
            if sim > best[0]:
                best = (sim, qname, cname)
    return best


def _date_parts(value: str) -> tuple[int | None, int | None, int | None]:
    parts = value.split("-")
    try:
        year = int(parts[0]) if parts and parts[0] else None
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return None, None, None
    return year, month, day


def date_similarity(a: str, b: str) -> float:
    """1.0 same (at the shared precision), 0.8 day/month swapped or ±1 day/year, else 0."""
    ya, ma, da = _date_parts(a)
    yb, mb, db = _date_parts(b)
    if ya is None or yb is None:
        return 0.0
    if ma is None or mb is None:
        return 1.0 if ya == yb else (0.7 if abs(ya - yb) == 1 else 0.0)
    if ya == yb and ma == mb and (da is None or db is None or da == db):
        return 1.0
    if ya == yb and da is not None and db is not None:
        if ma == db and da == mb:
            return 0.8
        if ma == mb and abs(da - db) == 1:
            return 0.8
    if abs(ya - yb) == 1 and ma == mb and da == db:
        return 0.7
    return 0.0


def best_date_pair(query: Entity, candidate: Entity) -> tuple[float | None, str | None, str | None]:
    qdates, cdates = query.get("birthDate"), candidate.get("birthDate")
    if not qdates or not cdates:
        return None, None, None
    best: tuple[float | None, str | None, str | None] = (0.0, qdates[0], cdates[0])
    for qd in qdates:
        for cd in cdates:
            sim = date_similarity(qd, cd)
            if best[0] is None or sim > best[0]:
                best = (sim, qd, cd)
    return best


def countries(entity: Entity) -> set[str]:
    return {v for p in COUNTRY_PROPS for v in entity.get(p)}


def documents(entity: Entity) -> set[str]:
    return {normalise_document(v) for p in DOC_PROPS for v in entity.get(p)} - {""}
