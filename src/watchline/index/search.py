"""Candidate search over a base segment, a delta segment and deletions.

A list update does not rebuild the index: changed and removed entities are marked
deleted in the base, and new versions of entities go to a small delta segment, searched
alongside. Scores follow `keys.py`: per query group the best key a candidate holds,
weighted by rarity, summed over groups, plus birth-year re-ranking.

Work per query is bounded: keys held by more than `max_generate` entities do not
generate candidates (they only re-rank), at most `max_pool` candidates are fully scored,
and a query whose every key is common falls back to the intersection of its two rarest
groups' postings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from watchline.index.keys import QueryKeys, key_weight
from watchline.index.rank import RankWeights, default_weights, evidence
from watchline.index.segment import I32, I64, Profiles, Segment, hash_keys

Mask = npt.NDArray[np.bool_]


def _members(postings: I64 | I32, candidates: I64) -> Mask:
    """Which candidates appear in an ascending postings array."""
    if postings.shape[0] == 0 or candidates.shape[0] == 0:
        return np.zeros(candidates.shape[0], dtype=bool)
    where = np.searchsorted(postings, candidates)
    where = np.minimum(where, postings.shape[0] - 1)
    return np.asarray(postings[where] == candidates)


class _Lookup:
    """The query's keys resolved in both segments: rarity weight and postings per key."""

    def __init__(self, index: CandidateIndex, keys: list[str]) -> None:
        self.index = index
        hashes = hash_keys(keys)
        base_idx = index.base.lookup(hashes)
        delta_idx = index.delta.lookup(hashes)
        total = max(index.live, 1)
        self.where: dict[str, tuple[int, int]] = {}
        self.df: dict[str, int] = {}
        self.weight: dict[str, float] = {}
        for key, b, d in zip(keys, base_idx.tolist(), delta_idx.tolist(), strict=True):
            df = index.base.doc_freq(b) + index.delta.doc_freq(d)
            if df:
                self.where[key] = (b, d)
                self.df[key] = df
                self.weight[key] = key_weight(key, df, total)

    def postings(self, key: str) -> I64:
        """Global positions: the base's, then the delta's numbered after them."""
        b, d = self.where[key]
        base = self.index.base.postings_of(b).astype(np.int64)
        if d < 0:
            return base
        delta = self.index.delta.postings_of(d).astype(np.int64) + self.index.base.size
        return np.concatenate([base, delta])


def _profiles(index: CandidateIndex, pool: I64) -> Profiles:
    """Profile columns of global positions (the base's, then the delta's)."""
    offset = index.base.size
    in_base = pool < offset
    if in_base.all():
        return index.base.profiles(pool)
    base = index.base.profiles(pool[in_base])
    delta = index.delta.profiles(pool[~in_base] - offset)
    where_base = np.flatnonzero(in_base)
    where_delta = np.flatnonzero(~in_base)
    gender = np.zeros(pool.shape[0], dtype=np.int8)
    gender[where_base], gender[where_delta] = base.gender, delta.gender
    return Profiles(
        dates=np.concatenate([base.dates, delta.dates]),
        date_owner=np.concatenate([where_base[base.date_owner], where_delta[delta.date_owner]]),
        gender=gender,
        countries=np.concatenate([base.countries, delta.countries]),
        country_owner=np.concatenate(
            [where_base[base.country_owner], where_delta[delta.country_owner]]
        ),
    )


@dataclass
class CandidateIndex:
    base: Segment
    delta: Segment = field(default_factory=Segment.empty)
    deleted: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))
    max_generate: int = 5000
    max_pool: int = 2000
    #: Candidates ranked under what this share of the best possible name is worth are
    #: dropped: a query's common first name alone does not make a candidate worth
    #: scoring (with the same birth date or a shared document number it may).
    min_share: float = 0.35
    weights: RankWeights = field(default_factory=default_weights)

    def __post_init__(self) -> None:
        if self.deleted.shape[0] != self.base.size:
            self.deleted = np.zeros(self.base.size, dtype=bool)

    @property
    def live(self) -> int:
        return int(self.base.size - self.deleted.sum() + self.delta.size)

    def search(self, query: QueryKeys, *, limit: int = 30) -> list[tuple[int, float]]:
        """(store row id, ranking score) of the best `limit` candidates, best first.

        The score is the name keys' share of the best possible (rarity-weighted) times
        what a full name is worth, plus the log-odds of a shared document and of the
        dates, gender and countries compared (`rank.evidence`).
        """
        if not query:
            return []
        keys = sorted({k for group in query.groups for k in group} | set(query.rerank))
        lookup = _Lookup(self, keys)
        pool = self._generate(query, lookup)
        if pool.shape[0] == 0:
            return []
        names = np.zeros(pool.shape[0])
        documents = np.zeros(pool.shape[0], dtype=bool)
        best_possible = 0.0
        for group in query.groups:
            present = [k for k in group if k in lookup.where]
            if not present:
                continue
            if group[0][0] == "d":
                documents |= _members(lookup.postings(group[0]), pool)
                continue
            best = np.zeros(pool.shape[0])
            for key in present:
                hit = _members(lookup.postings(key), pool)
                np.maximum(best, lookup.weight[key] * hit, out=best)
            names += best
            best_possible += max(lookup.weight[k] for k in present)
        share = names / best_possible if best_possible else names
        scores = self.weights.name * share + self.weights.document * documents
        scores += evidence(query.profile, _profiles(self, pool), self.weights)
        # A weak name is kept when the rest of the evidence makes up for it (the same
        # birth date, a shared document); a common first name alone is not.
        alive = scores >= self.weights.name * self.min_share
        in_base = pool < self.base.size
        alive[in_base] &= ~self.deleted[pool[in_base]]
        pool, scores = pool[alive], scores[alive]
        if pool.shape[0] > limit:
            top = np.argpartition(-scores, limit - 1)[:limit]
            pool, scores = pool[top], scores[top]
        order = np.lexsort((pool, -scores))
        return [(self._row(int(pool[i])), float(scores[i])) for i in order]

    def _row(self, position: int) -> int:
        if position < self.base.size:
            return int(self.base.rows[position])
        return int(self.delta.rows[position - self.base.size])

    def _generate(self, query: QueryKeys, lookup: _Lookup) -> I64:
        parts: list[I64] = []
        weights: list[npt.NDArray[np.float64]] = []
        for group in query.groups:
            for key in group:
                if key in lookup.where and lookup.df[key] <= self.max_generate:
                    found = lookup.postings(key)
                    parts.append(found)
                    weights.append(np.full(found.shape[0], lookup.weight[key]))
        dated = self._dated(query, lookup)
        if not parts and dated.shape[0] == 0:
            return self._fallback(query, lookup)
        pool = np.concatenate([*parts, dated])
        if pool.shape[0] <= self.max_pool:
            return np.unique(pool)
        # Too many: keep the candidates with the most generating weight, a shared birth
        # date counting too (among a thousand namesakes, the listed one's date decides).
        uniq, inverse = np.unique(pool, return_inverse=True)
        if uniq.shape[0] <= self.max_pool:
            return uniq
        totals: npt.NDArray[np.float64] = np.bincount(
            inverse[: pool.shape[0] - dated.shape[0]],
            weights=np.concatenate(weights) if weights else None,
            minlength=uniq.shape[0],
        ).astype(np.float64)
        # The same scale as the final ranking: the generating keys' share (summed, so a
        # rough one) plus the dates, gender and countries compared.
        totals *= self.weights.name / max(float(totals.max()), 1e-9)
        totals += evidence(query.profile, _profiles(self, uniq), self.weights)
        keep = np.argpartition(-totals, self.max_pool - 1)[: self.max_pool]
        return np.sort(uniq[keep])

    def _dated(self, query: QueryKeys, lookup: _Lookup) -> I64:
        """Holders of the query's full birth date (when it is rare) who also hold one of
        its name keys, however common: "Ali Hassan, 1979-03-02" among 27,000 Alis."""
        found: list[I64] = []
        for key in query.rerank:
            if key[0] != "b" or key not in lookup.where or lookup.df[key] > self.max_generate:
                continue
            holders = lookup.postings(key)
            named = np.zeros(holders.shape[0], dtype=bool)
            for group in query.groups:
                for name_key in group:
                    if name_key in lookup.where and name_key[0] != "d":
                        named |= _members(lookup.postings(name_key), holders)
            found.append(holders[named])
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def _fallback(self, query: QueryKeys, lookup: _Lookup) -> I64:
        """Every key is common ("Muhammad Ali"): intersect the two rarest groups."""
        rarest = []
        for group in query.groups:
            present = [k for k in group if k in lookup.where and k[0] == "n"]
            if present:
                rarest.append(min(present, key=lookup.df.__getitem__))
        rarest.sort(key=lookup.df.__getitem__)
        if not rarest:
            return np.empty(0, dtype=np.int64)
        pool = lookup.postings(rarest[0])
        if len(rarest) > 1:
            pool = np.intersect1d(pool, lookup.postings(rarest[1]), assume_unique=True)
        if pool.shape[0] <= self.max_pool:
            return pool
        # Thousands of "Muhammad Ali": the dates, gender and countries choose.
        scores = evidence(query.profile, _profiles(self, pool), self.weights)
        keep = np.argpartition(-scores, self.max_pool - 1)[: self.max_pool]
        return np.sort(pool[keep])
