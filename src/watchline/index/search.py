"""Candidate search over a base segment, a delta segment and deletions.

A list update does not rebuild the index: changed and removed entities are marked
deleted in the base, and new versions of entities go to a small delta segment, searched
alongside.

Two stages: generation gathers the holders of the query's rare keys (and of its rare
birth date, and of its two rarest common parts together); ranking scores them all in
numpy, the name as the rarity-weighted share of the query's parts held (`keys.py`), the
dates, gender and countries as the matcher weighs them (`rank.py`).

Work per query is bounded: keys held by more than `max_generate` entities do not
generate candidates (they only rank those found), and at most `max_pool` candidates are
ranked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from watchline.index.keys import QueryKeys, hash_keys, key_weight, one_edit
from watchline.index.rank import RankWeights, default_weights, evidence
from watchline.index.segment import I32, I64, PARTS, Profiles, Segment
from watchline.names.compare import INITIAL_SIMILARITY, NICKNAME_SIMILARITY, PATRONYMIC_WEIGHT
from watchline.names.readings import reading_keys

#: Key kinds that stand for a whole part (folded, family, skeleton), not for its first
#: or last letters, an initial or a particle.
WHOLE_KINDS = "nfs"
Mask = npt.NDArray[np.bool_]
F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]


def _unique(values: I64) -> I64:
    """Sorted distinct values of concatenated ascending runs (postings lists).

    A stable sort is a merge sort, which merges the runs instead of sorting afresh:
    twenty times faster than numpy's default quicksort (and `np.unique`) on the ten
    thousand positions a common name gathers."""
    ordered = np.sort(values, kind="stable")
    if ordered.shape[0] < 2:
        return ordered
    fresh = np.empty(ordered.shape[0], dtype=bool)
    fresh[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    return ordered[fresh]


def _best(scores: F64, count: int) -> I64:
    """Indices of the `count` highest scores (all when there are no more). Ties at the
    cut go to the lowest indices: the arrays ranked here follow ascending positions,
    which follow store rows (the base is built in row order, a delta holds later rows),
    so of a crowd of equal namesakes the earliest listed are kept. `argpartition` kept
    whichever its pivots met, and a change that put more entries in the pool (a new
    key, another list) swapped members of a tie in and out."""
    size = scores.shape[0]
    if size <= count:
        return np.arange(size)
    if count <= 0:  # as `argpartition`'s slice gave: nothing, not a ValueError
        return np.empty(0, dtype=np.int64)
    cut = np.partition(scores, size - count)[size - count]  # the count-th highest
    above = np.flatnonzero(scores > cut)
    tied = np.flatnonzero(scores == cut)[: count - above.shape[0]]
    return np.concatenate((above, tied))


def _unique_inverse(values: I64) -> tuple[I64, I64]:
    """`_unique`, and where in it each value is (`np.unique`'s inverse)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    fresh = np.ones(ordered.shape[0], dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    inverse = np.empty(values.shape[0], dtype=np.int64)
    inverse[order] = np.cumsum(fresh) - 1
    return ordered[fresh], inverse


def _members(postings: I64 | I32, candidates: I64) -> Mask:
    """Which candidates appear in an ascending postings array."""
    size = candidates.shape[0]
    if postings.shape[0] == 0 or size == 0:
        return np.zeros(size, dtype=bool)
    # In the postings' own type: numpy would otherwise copy them to the candidates'.
    where = np.searchsorted(postings, candidates.astype(postings.dtype, copy=False))
    np.minimum(where, postings.shape[0] - 1, out=where)
    return np.asarray(postings[where] == candidates)


class _Bitmaps:
    """Bit-packed holders of the commonest keys, built on first use and kept (least
    recently used out): whether a candidate holds "Aleksandr" (50,000 holders) is then
    one byte read, where a binary search of a thousand candidates in its postings costs
    more than the rest of their ranking. An index is immutable, so are its bitmaps. The
    API searches from several threads: the bookkeeping is locked, the reads are not."""

    def __init__(self, positions: int, capacity: int) -> None:
        self.positions = positions
        self.capacity = capacity
        self.held: OrderedDict[int, npt.NDArray[np.uint8]] = OrderedDict()
        self.lock = threading.Lock()

    def members(self, key: int, postings: I32 | I64, candidates: I64) -> Mask:
        """Which of the ascending `candidates` hold the base's key `key`."""
        bits = self.held.get(key)
        if bits is None:
            marks = np.zeros(self.positions, dtype=bool)
            marks[postings] = True
            bits = np.packbits(marks, bitorder="little")
            with self.lock:
                self.held[key] = bits
                while len(self.held) > self.capacity:
                    self.held.popitem(last=False)
        else:
            with self.lock:
                if key in self.held:
                    self.held.move_to_end(key)
        # The delta's positions come after the base's (the pool is ascending): a key of
        # the base alone is held by none of them.
        inside = candidates[: np.searchsorted(candidates, self.positions)]
        out = np.zeros(candidates.shape[0], dtype=bool)
        out[: inside.shape[0]] = (bits[inside >> 3] >> (inside & 7).astype(np.uint8)) & 1
        return out


class _Lookup:
    """The query's keys resolved in both segments: rarity weight and postings per key."""

    def __init__(self, index: CandidateIndex, keys: list[str]) -> None:
        self.index = index
        self.total = max(index.live, 1)
        self.where: dict[str, tuple[int, int]] = {}
        self.df: dict[str, int] = {}
        self.weight: dict[str, float] = {}
        for key, found, df in self.resolve(keys):
            self.add(key, found, df)

    def resolve(self, keys: list[str]) -> list[tuple[str, tuple[int, int], int]]:
        """(key, where in the base and delta, entries holding it) of the keys held."""
        hashes = hash_keys(keys)
        base, delta = self.index.base, self.index.delta
        out = []
        for key, b, d in zip(
            keys, base.lookup(hashes).tolist(), delta.lookup(hashes).tolist(), strict=True
        ):
            df = base.doc_freq(b) + delta.doc_freq(d)
            if df:
                out.append((key, (b, d), df))
        return out

    def add(self, key: str, where: tuple[int, int], df: int, factor: float = 1.0) -> None:
        self.where[key] = where
        self.df[key] = df
        self.weight[key] = factor * key_weight(key, df, self.total)

    def postings(self, key: str) -> I32 | I64:
        """Global positions: the base's, then the delta's numbered after them.

        Without a delta part this is the stored array itself, not a copy: a common
        key's postings run to a hundred thousand positions, and the search asks for
        each key's several times."""
        b, d = self.where[key]
        base = self.index.base.postings_of(b)
        if d < 0:
            return base
        delta = self.index.delta.postings_of(d).astype(np.int64) + self.index.base.size
        return np.concatenate([base, delta])


def _cap_spellings(query: QueryKeys, lookup: _Lookup) -> None:
    """Weigh the keys of a part's other spellings at most as its own best whole key
    held (folded, skeleton, family): a first or last four letters held by others
    ("-evic" of Djordjevic for Milošević) is no sign that the part is listed as written."""
    for group in query.groups:
        own = [
            lookup.weight[k]
            for k in group
            if k in lookup.where and k not in query.spellings and k[0] in WHOLE_KINDS
        ]
        if not own:
            continue  # only another spelling is listed ("HACILI"): it stands for the part
        cap = max(own)
        for key in group:
            if key in query.spellings and key in lookup.weight:
                lookup.weight[key] = min(lookup.weight[key], cap)


def _profiles(index: CandidateIndex, pool: I64) -> Profiles:
    """Profiles of global positions (the base's, then the delta's)."""
    offset = index.base.size
    in_base = pool < offset
    if in_base.all():
        return index.base.profiles(pool)
    where_base, where_delta = np.flatnonzero(in_base), np.flatnonzero(~in_base)
    return Profiles.interleave(
        [
            (index.base.profiles(pool[where_base]), where_base),
            (index.delta.profiles(pool[where_delta] - offset), where_delta),
        ],
        pool.shape[0],
    )


def _parts(index: CandidateIndex, pool: I64) -> I32:
    """The part count of each global position's shortest name."""
    offset = index.base.size
    if pool.shape[0] == 0 or pool[-1] < offset:  # ascending: all in the base
        return np.asarray(index.base.profile[pool, PARTS])
    in_base = pool < offset
    return np.concatenate(
        [
            index.base.profile[pool[in_base], PARTS],
            index.delta.profile[pool[~in_base] - offset, PARTS],
        ]
    )


@dataclass
class CandidateIndex:
    base: Segment
    delta: Segment = field(default_factory=Segment.empty)
    #: Base positions whose entity was changed or removed since the base was built
    #: (set when the index is made; an update makes a new index).
    deleted: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))
    max_generate: int = 5000
    max_pool: int = 2000
    #: Candidates ranked under what this share of the best possible name is worth are
    #: dropped: a query's common first name alone does not make a candidate worth
    #: scoring (with the same birth date or a shared document number it may).
    min_share: float = 0.35
    weights: RankWeights = field(default_factory=default_weights)
    #: A name part held by at most this many entries is checked for a typo
    #: (`_respelt`); at most `max_respellings` spellings stand in for it.
    respell_below: int = 3
    max_respellings: int = 3
    #: What a respelt key weighs against a key of the same rarity written as queried
    #: (about what the matcher gives one edit in a part).
    respelt_factor: float = 0.85
    #: A part's reading by another convention (`_respelt`) stands in for a part that
    #: entries hold when this many times as many entries hold the reading.
    reading_commoner: int = 4
    #: Keys held by at least this many entities (those that generate no candidates)
    #: are tested by bitmap (`_Bitmaps`), kept within `bitmap_bytes`: a bitmap is an
    #: eighth of a byte per entity, 125 KB at 1M, and 10,000 queries at 1M used 449.
    bitmap_above: int = 5_000
    bitmap_bytes: int = 64 * 2**20
    #: Entities searched: the base's not deleted, and the delta's.
    live: int = field(init=False, default=0)
    _bitmaps: _Bitmaps = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.deleted.shape[0] != self.base.size:
            self.deleted = np.zeros(self.base.size, dtype=bool)
        each = max(1, (self.base.size + 7) // 8)
        self._bitmaps = _Bitmaps(self.base.size, max(1, self.bitmap_bytes // each))
        # Counted once: an update builds a new index rather than marking this one.
        self.live = int(self.base.size - np.count_nonzero(self.deleted) + self.delta.size)

    def search(self, query: QueryKeys, *, limit: int = 30) -> list[tuple[int, float]]:
        """(store row id, ranking score) of the best `limit` candidates, best first.

        The score is the name keys' share of the best possible (rarity-weighted) times
        what a full name is worth, plus the log-odds of a shared document and of the
        dates, gender and countries compared (`rank.evidence`).
        """
        if not query:
            return []
        keys = sorted({k for group in query.groups for k in group} | set(query.dates))
        lookup = _Lookup(self, keys)
        if query.spellings:
            _cap_spellings(query, lookup)
            for key in query.nicknames:
                if key in lookup.weight:
                    lookup.weight[key] *= NICKNAME_SIMILARITY
        query = self._respelt(query, lookup)
        pool, weighed = self._generate(query, lookup)
        if pool.shape[0] == 0:
            return []
        if weighed is None:
            found = _profiles(self, pool)
            parts = found.parts
            weighed = evidence(query.profile, found, self.weights)
        else:
            parts = _parts(self, pool)
        scores, penalties = self._names(query, lookup, pool, parts)
        # A weak name is kept when the rest of the evidence makes up for it (the same
        # birth date, a shared document); a common first name alone is not. Conflicts
        # and missing parts only order those kept: a part's keys miss what the
        # matcher's fuzzier alignment may still meet ("Yilrnaz" / "Yilmaz"), and the
        # one namesake born in another year is still worth showing, explained.
        alive = scores + np.maximum(weighed, 0.0) >= self.weights.name * self.min_share
        alive &= scores > 0  # a birth date alone is no reason to look at anyone
        scores += weighed + penalties
        in_base = pool < self.base.size
        alive[in_base] &= ~self.deleted[pool[in_base]]
        pool, scores = pool[alive], scores[alive]
        if pool.shape[0] > limit:
            top = _best(scores, limit)
            pool, scores = pool[top], scores[top]
        order = np.lexsort((pool, -scores))
        return [(self._row(int(pool[i])), float(scores[i])) for i in order]

    def _respelt(self, query: QueryKeys, lookup: _Lookup) -> QueryKeys:
        """The query with the likely correct spellings of its misspelt or foreign-spelt
        parts added, each at `respelt_factor` of its own weight.

        A part whose folded key almost no entry holds ("Sergcy", "Noviko") is most
        likely a typo; its one-edit neighbours that most entries hold ("Sergey",
        "Novikov") join its group. Otherwise a typo in one part leaves only the other,
        common part ("Popov") to find anyone. A neighbour held by a single entry counts
        too (session 13): a famous name is one entry, and a partner's spelling of it one
        letter off (Czech "Luzkov" / Luzhkov) had nothing else to meet; the commoner
        neighbours still come first.

        A part may also be another language's spelling, two letters or more from the
        list's (German "Jelzin", "Chruschtschow"; Czech without marks "Sevcenko"): its
        readings by other conventions (`names.readings`) join its group where they are
        held, when the part is that rare, or when a reading is held by
        `reading_commoner` times as many entries as the part as written (a list that
        writes "Chruschtschow" for some writes "Khrushchev" for more).
        """
        extra: dict[int, tuple[str, ...]] = {}
        for number in range(query.parts):
            own = query.groups[number][0]
            # Parts of 4 to 20 letters: shorter ones have too many neighbours to mean
            # anything, longer ones are not names (and would cost thousands of lookups).
            if not own.startswith("n:") or not 6 <= len(own) <= 22:
                continue
            held = lookup.df.get(own, 0)
            misspelt = held <= self.respell_below
            text = query.texts[number] if number < len(query.texts) else ""
            commoner = 1 if misspelt else self.reading_commoner * held
            chosen = self._stand_ins(lookup, reading_keys(text), commoner)
            if misspelt:
                chosen += self._stand_ins(lookup, one_edit(own[2:]), 1)
            if chosen:
                extra[number] = tuple(chosen)
        if not extra:
            return query
        groups = tuple(g + extra.get(i, ()) for i, g in enumerate(query.groups))
        return replace(query, groups=groups)

    def _stand_ins(self, lookup: _Lookup, words: Iterable[str], held_by: int) -> list[str]:
        """The `max_respellings` commonest of `words`' keys held by at least `held_by`
        entries, added to the lookup."""
        found = [
            (df, key, where)
            for key, where, df in lookup.resolve([f"n:{word}" for word in sorted(words)])
            if df >= held_by and key not in lookup.where
        ]
        found.sort(key=lambda item: (-item[0], item[1]))
        chosen = found[: self.max_respellings]
        for df, key, where in chosen:
            lookup.add(key, where, df, self.respelt_factor)
        return [key for _, key, _ in chosen]

    def _names(self, query: QueryKeys, lookup: _Lookup, pool: I64, parts: I32) -> tuple[F64, F64]:
        """Log-odds of the name (and shared documents) for each candidate, after the
        matcher's name features: the rarity-weighted share of the query's parts the
        candidate holds (an unmatched patronymic weighs little); penalties for the
        share of the candidate's shortest name the query lacks, for parts on both sides
        the other lacks, and for a single part being all they share.

        Each of the query's names is weighed on its own and the best counts, as the
        matcher compares name with name: "Mikhailov Aleksei" / "Алексей Михайлов" are
        two spellings of one surname, not two parts that a Nikita Mikhailov holds.
        """
        size = pool.shape[0]
        documents = np.zeros(size, dtype=bool)
        held_by: dict[int, F64] = {}  # per group: the weight of its best key held
        top: dict[int, float] = {}
        joined = query.parts + len(query.joins)
        initials = joined + len(query.initials)
        for number, group in enumerate(query.groups):
            present = [k for k in group if k in lookup.where]
            if not present:
                continue  # a part no list entry has: it tells candidates nothing apart
            if number >= initials:
                documents |= _members(lookup.postings(group[0]), pool)
                continue
            score = np.zeros(size)
            for key in present:
                hit = self._holders(lookup, key, pool)
                np.maximum(score, lookup.weight[key] * hit, out=score)
            held_by[number] = score
            top[number] = max(lookup.weight[k] for k in present)
        w = self.weights
        best_out = np.full(size, -np.inf)
        best_penalties = np.zeros(size)
        for name in query.names or (tuple(range(query.parts)),):
            out, penalties = self._name(query, name, held_by, top, parts)
            better = out + penalties > best_out + best_penalties
            best_out[better], best_penalties[better] = out[better], penalties[better]
        np.maximum(best_out, 0.0, out=best_out)  # no name: -inf
        return best_out + w.document * documents, best_penalties

    def _name(
        self,
        query: QueryKeys,
        name: tuple[int, ...],
        held_by: dict[int, F64],
        top: dict[int, float],
        parts: I32,
    ) -> tuple[F64, F64]:
        """`_names` for one of the query's names (its part groups)."""
        size = parts.shape[0]
        held = np.zeros(size)  # rarity of the parts held
        wanted = np.zeros(size)  # rarity of the parts held, or missed at their weight
        matched = np.zeros(size, dtype=np.int64)
        missing = np.zeros(size, dtype=np.int64)  # parts (patronymics aside) not held
        hits: dict[int, Mask] = {}
        missed: dict[int, float] = {}  # what a part not held counts in `wanted`
        for number in name:
            if number not in held_by:
                continue
            factor = PATRONYMIC_WEIGHT if query.patronymic[number] else 1.0
            hit = hits[number] = held_by[number] > 0
            missed[number] = factor * top[number]
            held += held_by[number]
            wanted += np.where(hit, top[number], missed[number])
            matched += hit
            if not query.patronymic[number]:
                missing += ~hit
        for offset, (left, right) in enumerate(query.joins):
            # Two parts written as one ("Xiuying"): held by a candidate that has
            # neither part apart, it stands for both.
            number = query.parts + offset
            if number not in held_by or left not in hits or right not in hits:
                continue
            instead = (held_by[number] > 0) & ~hits[left] & ~hits[right]
            full = top[left] + top[right]
            held += instead * full
            wanted += instead * (full - missed[left] - missed[right])
            matched += 2 * instead
            missing -= ((not query.patronymic[left]) + (not query.patronymic[right])) * instead
        for offset, (one, other) in enumerate(query.initials):
            # The initial of one part with another part whole ("O. Vasileva" / "Olga
            # Vasileva"): held by a candidate that lacks the part, it stands for it at
            # what the matcher gives an initial.
            number = query.parts + len(query.joins) + offset
            if number not in held_by or one not in hits or other not in hits:
                continue
            instead = (held_by[number] > 0) & ~hits[one] & hits[other]
            held += instead * (INITIAL_SIMILARITY * top[one])
            wanted += instead * (top[one] - missed[one])
            matched += instead
            missing -= (not query.patronymic[one]) * instead
        share = np.divide(held, wanted, out=np.zeros(size), where=wanted > 0)
        w = self.weights
        out = w.name * np.minimum(share, 1.0)
        # Parts on both sides that the other lacks (the candidate's count is of its
        # shortest name; 0: unknown), or a single part all they share. Keys miss the
        # fuzzy alignments the matcher finds ("Bohdan" / "Bogdan"), so both penalties
        # would count one undercount twice: the larger applies.
        partial = w.name_partial * ((missing > 0) & (matched < parts))
        one_part = w.name_one_part * ((matched == 1) & (len(name) > 1))
        penalties = np.minimum(partial, one_part)
        # Parts the candidate has beyond those held: "Zhasur Karimov" is likelier
        # "Zhasur Karimov" than "Otabek Zhasur Karimov", as the matcher will say.
        covered = np.divide(matched, parts, out=np.ones(size), where=parts > 0)
        penalties -= w.name_extra * np.maximum(share - np.minimum(covered, 1.0), 0.0)
        return out, penalties

    def _holders(self, lookup: _Lookup, key: str, pool: I64) -> Mask:
        """Which of the pool hold a key: a common key of the base alone by its bitmap."""
        b, d = lookup.where[key]
        if d < 0 and lookup.df[key] >= self.bitmap_above:
            return self._bitmaps.members(b, self.base.postings_of(b), pool)
        return _members(lookup.postings(key), pool)

    def _row(self, position: int) -> int:
        if position < self.base.size:
            return int(self.base.rows[position])
        return int(self.delta.rows[position - self.base.size])

    def _generate(self, query: QueryKeys, lookup: _Lookup) -> tuple[I64, F64 | None]:
        """Positions worth ranking: holders of the query's rare keys, holders of its rare
        birth date sharing a name key, and the holders of two parts of one of its names
        together ("Aleksandr Ivanov": neither part finds anyone alone; "Aleksandre
        Kapanadze", listed as "Aleksandr": the rare spelling finds only its own holders).

        Ascending positions, and their `rank.evidence` where trimming had to weigh it.
        """
        parts: list[I64 | I32] = []
        weights: list[npt.NDArray[np.float64]] = []
        for group in query.groups:
            for key in group:
                if key in lookup.where and lookup.df[key] <= self.max_generate:
                    found = lookup.postings(key)
                    parts.append(found)
                    weights.append(np.full(found.shape[0], lookup.weight[key]))
        dated = self._dated(query, lookup)
        together, strength = self._together(query, lookup)
        pool = np.concatenate([*parts, dated, together]).astype(np.int64, copy=False)
        if pool.shape[0] <= self.max_pool:
            return _unique(pool), None
        uniq, inverse = _unique_inverse(pool)
        if uniq.shape[0] <= self.max_pool:
            return uniq, None
        # Too many to rank in full: keep those with the most generating weight (the
        # dated and fallback ones count as the best-named, or as their share of the
        # query's parts when the fallback had to be narrowed), plus the dates, gender
        # and countries compared: among a thousand namesakes the listed one's date
        # decides.
        generated = sum(p.shape[0] for p in parts)
        totals: npt.NDArray[np.float64] = np.bincount(
            inverse[:generated],
            weights=np.concatenate(weights) if weights else None,
            minlength=uniq.shape[0],
        ).astype(np.float64)
        top = max(float(totals.max()), 1e-9)
        totals[inverse[generated : generated + dated.shape[0]]] = top
        fallback = inverse[generated + dated.shape[0] :]  # distinct: `together` is unique
        totals[fallback] = np.maximum(totals[fallback], top * strength)
        totals *= self.weights.name / top
        weighed = evidence(query.profile, _profiles(self, uniq), self.weights)
        totals += weighed
        keep = np.sort(_best(totals, self.max_pool))
        return uniq[keep], weighed[keep]

    def _dated(self, query: QueryKeys, lookup: _Lookup) -> I64:
        """Holders of the query's full birth date (when it is rare) who also hold one of
        its name keys, however common: "Ali Hassan, 1979-03-02" among 27,000 Alis."""
        found: list[I64] = []
        for key in query.dates:
            if key not in lookup.where or lookup.df[key] > self.max_generate:
                continue
            holders = lookup.postings(key).astype(np.int64)  # rare: a few positions
            named = np.zeros(holders.shape[0], dtype=bool)
            for group in query.groups:
                for name_key in group:
                    if name_key in lookup.where and name_key[0] != "d":
                        named |= _members(lookup.postings(name_key), holders)
            found.append(holders[named])
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def _together(self, query: QueryKeys, lookup: _Lookup) -> tuple[I64, F64]:
        """For each of the query's names, the holders of both of its two rarest common
        parts (patronymics and initials aside), each part as the union of its keys: the
        listed spelling may share only the skeleton or the family with the queried one
        ("Aleksandre" is rare, the "Aleksandr" it is listed as is not). A name of one
        part, or of one common part beside misspelt ones, with a birth date: its
        holders. A part whose every spelling is rare is generated already.

        Ascending positions, and each one's share of its name's other parts where
        thousands had to be narrowed by them (`_narrowed`; 1.0 elsewhere)."""
        found: list[I64] = []
        strengths: list[F64] = []
        narrowed = False
        for numbers in query.names:
            groups = []
            unknown = 0  # parts as written no entry holds: misspelt, most likely
            for number in numbers:
                if query.patronymic[number] or query.initial[number]:
                    continue
                group = query.groups[number]
                present = [k for k in group if k in lookup.where]
                whole = [k for k in present if k[0] in WHOLE_KINDS]
                if lookup.df.get(group[0], 0) <= self.respell_below:
                    unknown += 1
                if whole and all(lookup.df[k] <= self.max_generate for k in whole):
                    continue  # its holders, however spelt, are generated already
                if present:
                    # How rare the part is, as written: another spelling's rarity
                    # ("Eli" for Əli) is not the part's.
                    own = [k for k in present if k not in query.spellings] or present
                    groups.append((min(lookup.df[k] for k in own), number, present))
            # A name of one part, or of one common part and others misspelt beyond
            # what respelling finds ("EL-SHAMI Fatiua, 1964" for Fatima, "al-Masrec
            # Mustafa, 1953"): the common part's holders, and the dates choose (with
            # a country alone, ten thousand Alekseevas are one crowd).
            if len(groups) == 1 and (len(numbers) == 1 or (unknown and query.profile.dates)):
                one = np.concatenate([lookup.postings(key) for key in groups[0][2]])
                found.append(one)
                strengths.append(np.ones(one.shape[0]))
            if len(groups) < 2:
                continue
            groups.sort()
            # Boolean marks over all positions: the union of postings of tens of
            # thousands costs a scatter, and only the second part's holders that are
            # marked are sorted.
            held = np.zeros(self.base.size + self.delta.size, dtype=bool)
            held[np.concatenate([lookup.postings(key) for key in groups[0][2]])] = True
            second = np.concatenate([lookup.postings(key) for key in groups[1][2]])
            both = second[held[second]]
            others = [
                n for n in numbers if n not in (groups[0][1], groups[1][1]) and not query.initial[n]
            ]
            if both.shape[0] > self.max_pool and others:
                both, share = self._narrowed(query, lookup, _unique(both), [others])
                narrowed = True
            else:
                share = np.ones(both.shape[0])
            found.append(both)
            strengths.append(share)
        if not found:
            return np.empty(0, dtype=np.int64), np.empty(0)
        every = np.concatenate(found).astype(np.int64, copy=False)
        if narrowed:
            pool, inverse = _unique_inverse(every)
            strength = np.zeros(pool.shape[0])
            np.maximum.at(strength, inverse, np.concatenate(strengths))
        else:
            pool = _unique(every)
            strength = np.ones(pool.shape[0])
        if pool.shape[0] <= self.max_pool:
            return pool, strength
        if narrowed and len(found) > 1:
            # Narrowed names beside others: a name of two parts ("Aleksandrov
            # Aleksandr") holds its crowd whole, and only the parts of all names
            # together say who also holds the third ("Aleksandr Maksimovich").
            return self._narrowed(query, lookup, pool, [list(n) for n in query.names])
        # Thousands of "Muhammad Ali": the dates, gender and countries choose.
        scores = self.weights.name * strength
        scores += evidence(query.profile, _profiles(self, pool), self.weights)
        keep = np.sort(_best(scores, self.max_pool))
        return pool[keep], strength[keep]

    def _narrowed(
        self, query: QueryKeys, lookup: _Lookup, pool: I64, names: list[list[int]]
    ) -> tuple[I64, F64]:
        """Of thousands holding a name's two rarest common parts, the `max_pool` who
        hold most of the parts in `names` (the rarity held of the best name), then by
        the dates, gender and countries: of 7,000 "Petrov Aleksei" the few who are also
        "Aleksandrovich" (a patronymic counts at its full rarity here: it is what tells
        a crowd apart).

        The kept positions, ascending, and each one's share of the best of them."""
        held_by: dict[int, F64] = {}  # per part: the weight of its best whole key held
        named = np.zeros(pool.shape[0])
        for numbers in names:
            score = np.zeros(pool.shape[0])
            for number in numbers:
                if query.initial[number]:
                    continue
                if number not in held_by:
                    held_by[number] = part = np.zeros(pool.shape[0])
                    for key in query.groups[number]:
                        if key in lookup.where and key[0] in WHOLE_KINDS:
                            hit = self._holders(lookup, key, pool)
                            np.maximum(part, lookup.weight[key] * hit, out=part)
                score += held_by[number]
            np.maximum(named, score, out=named)
        share = named / max(float(named.max()), 1e-9) if named.any() else np.ones(pool.shape[0])
        scores = self.weights.name * share
        scores += evidence(query.profile, _profiles(self, pool), self.weights)
        keep = np.sort(_best(scores, self.max_pool))
        return pool[keep], share[keep]
