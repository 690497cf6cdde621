"""An immutable postings segment: key hashes -> sorted entity positions, as numpy arrays.

Keys are stored as 64-bit BLAKE2 hashes in sorted order (a lookup is one binary search;
no vocabulary of strings has to be loaded), postings as one CSR array. Beside them, per
position, the entity's profile (dates, gender, countries) as one fixed-width row, so the
ranker weighs a thousand candidates' evidence without loading one entity. All arrays can
be memory-mapped, so opening a million-entity index costs milliseconds, not a rebuild.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from watchline.index.keys import IndexEntry, Profile

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]

#: A profile row: `DATE_SLOTS` packed dates, `COUNTRY_SLOTS` country codes, the gender
#: and the part count, as int32. A candidate's row is one random read (32 bytes, within
#: one cache line), where separate columns cost one read each and the offsets of ragged
#: ones two more: on the 1M list, gathering the profiles of the few thousand holders of
#: a query's keys cost more than ranking them.
DATE_SLOTS, COUNTRY_SLOTS = 4, 2
COUNTRIES = DATE_SLOTS
GENDER = COUNTRIES + COUNTRY_SLOTS
PARTS = GENDER + 1
PROFILE_WIDTH = PARTS + 1
#: An empty slot (no packed date or country code is 0).
EMPTY = 0
#: In a group's last slot: the entity has more values than slots, and its full lists
#: are in the ragged (CSR) overflow columns, which hold only such entities. Rare (most
#: people have a birth date or two), and the ranker then reads those few rows there.
MORE = -1


def _slots(values: Sequence[int], width: int) -> list[int]:
    if len(values) <= width:
        return [*values, *[EMPTY] * (width - len(values))]
    return [*values[: width - 1], MORE]


def profile_row(profile: Profile) -> list[int]:
    return [
        *_slots(profile.dates, DATE_SLOTS),
        *_slots(profile.countries, COUNTRY_SLOTS),
        profile.gender,
        profile.parts,
    ]


def _csr(values: array[int], counts: array[int]) -> tuple[I64, I32]:
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(counts, dtype=np.uint8), out=offsets[1:])
    return offsets, np.frombuffer(values, dtype=np.int32).copy()


def ragged(offsets: I64, values: np.ndarray, positions: I64) -> tuple[np.ndarray, I64]:
    """The values of `positions` in a CSR column, flat, with the index into `positions`
    each belongs to."""
    starts, ends = offsets[positions], offsets[positions + 1]
    counts = ends - starts
    total = int(counts.sum())
    owner = np.repeat(np.arange(positions.shape[0], dtype=np.int64), counts)
    if total == 0:
        return values[:0], owner
    # Position of each flat item inside its own run, added to the run's start.
    run_start = np.repeat(np.cumsum(counts) - counts, counts)
    index = np.repeat(starts, counts) + (np.arange(total, dtype=np.int64) - run_start)
    return values[index], owner


@dataclass(frozen=True)
class Profiles:
    """The profiles of some candidates: `dates`/`countries` one row of slots per
    candidate (`EMPTY` or `MORE` where there is no value), and the full values of those
    with more than their slots hold, flat with their owner (index into the candidates)."""

    dates: I32
    countries: I32
    gender: I32
    parts: I32
    more_dates: I32
    more_date_owner: I64
    more_countries: I32
    more_country_owner: I64

    @property
    def size(self) -> int:
        return int(self.gender.shape[0])

    @classmethod
    def interleave(cls, parts: Sequence[tuple[Profiles, I64]], size: int) -> Profiles:
        """One set from several, each with where its candidates go among `size`."""

        def rows(name: str) -> np.ndarray:
            first = getattr(parts[0][0], name)
            out = np.zeros((size, *first.shape[1:]), dtype=first.dtype)
            for found, where in parts:
                out[where] = getattr(found, name)
            return out

        def flat(name: str) -> np.ndarray:
            return np.concatenate([getattr(found, name) for found, _ in parts])

        def owners(name: str) -> I64:
            return np.concatenate([where[getattr(found, name)] for found, where in parts])

        return cls(
            rows("dates"),
            rows("countries"),
            rows("gender"),
            rows("parts"),
            flat("more_dates"),
            owners("more_date_owner"),
            flat("more_countries"),
            owners("more_country_owner"),
        )


@dataclass(frozen=True)
class Segment:
    hashes: U64  # sorted, unique: one per key
    offsets: I64  # postings of key i are postings[offsets[i]:offsets[i + 1]]
    postings: I32  # entity positions, ascending within each key
    rows: I64  # position -> the store's row id
    profile: I32  # per position a `profile_row`: (size, PROFILE_WIDTH)
    more_rows: I64  # ascending: the positions whose dates or countries overflow a row
    # Their i-th's dates are more_dates[more_date_offsets[i]:more_date_offsets[i + 1]]
    # (packed yyyymmdd), its countries likewise (`keys.country_code`).
    more_date_offsets: I64
    more_dates: I32
    more_country_offsets: I64
    more_countries: I32

    @property
    def size(self) -> int:
        return int(self.rows.shape[0])

    @classmethod
    def build(cls, entries: Iterable[IndexEntry]) -> Segment:
        """Build from (store row id, key hashes, profile); rows become positions in given
        order. Per entity only its hashes are appended: the postings are one stable
        sort of all of them, so a million entities cost no per-key Python work."""
        held = array("Q")  # every entity's key hashes, entity after entity
        counts = array("I")
        rows = array("q")
        profile = array("i")
        more_rows = array("q")
        dates, date_counts = array("i"), array("B")
        countries, country_counts = array("i"), array("B")
        for row_id, packed, found in entries:
            if len(found.dates) > DATE_SLOTS or len(found.countries) > COUNTRY_SLOTS:
                more_rows.append(len(rows))
                dates.extend(found.dates)
                date_counts.append(len(found.dates))
                countries.extend(found.countries)
                country_counts.append(len(found.countries))
            rows.append(row_id)
            held.frombytes(packed)
            counts.append(len(packed) // 8)
            profile.extend(profile_row(found))
        every = np.frombuffer(held, dtype=np.uint64) if held else np.empty(0, np.uint64)
        # Stable: within a key, positions stay ascending.
        order = np.argsort(every, kind="stable")
        positions = np.repeat(
            np.arange(len(counts), dtype=np.int32),
            np.frombuffer(counts, dtype=np.uint32) if counts else np.empty(0, np.uint32),
        )
        postings = positions[order]
        del positions
        ordered = every[order]
        del order, every, held
        fresh = np.ones(ordered.shape[0], dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
        starts = np.flatnonzero(fresh)
        offsets = np.append(starts, ordered.shape[0]).astype(np.int64)
        date_offsets, date_values = _csr(dates, date_counts)
        country_offsets, country_values = _csr(countries, country_counts)
        return cls(
            hashes=ordered[starts],
            offsets=offsets,
            postings=postings,
            rows=np.frombuffer(rows, dtype=np.int64).copy() if rows else np.empty(0, np.int64),
            profile=np.frombuffer(profile, dtype=np.int32).reshape(-1, PROFILE_WIDTH).copy(),
            more_rows=np.frombuffer(more_rows, dtype=np.int64).copy()
            if more_rows
            else np.empty(0, np.int64),
            more_date_offsets=date_offsets,
            more_dates=date_values,
            more_country_offsets=country_offsets,
            more_countries=country_values,
        )

    @classmethod
    def empty(cls) -> Segment:
        return cls.build([])

    def lookup(self, hashes: U64) -> I64:
        """Index of each hash in this segment's vocabulary, or -1 where absent."""
        if self.hashes.shape[0] == 0:
            return np.full(hashes.shape[0], -1, dtype=np.int64)
        where = np.searchsorted(self.hashes, hashes)
        where = np.minimum(where, self.hashes.shape[0] - 1)
        found = self.hashes[where] == hashes
        return np.where(found, where, -1).astype(np.int64)

    def doc_freq(self, index: int) -> int:
        return 0 if index < 0 else int(self.offsets[index + 1] - self.offsets[index])

    def postings_of(self, index: int) -> I32:
        if index < 0:
            return np.empty(0, dtype=np.int32)
        return self.postings[self.offsets[index] : self.offsets[index + 1]]

    def profiles(self, positions: I64) -> Profiles:
        # `take`, not `profile[positions]`: numpy's fancy indexing of a 2-D array's rows
        # costs five times as much (0.3 against 0.06 ms for 5,000 rows).
        rows = np.take(self.profile, positions, axis=0)
        dates = rows[:, :DATE_SLOTS]
        countries = rows[:, COUNTRIES:GENDER]
        more_dates, more_date_owner = self._more(
            dates, positions, self.more_date_offsets, self.more_dates
        )
        more_countries, more_country_owner = self._more(
            countries, positions, self.more_country_offsets, self.more_countries
        )
        return Profiles(
            dates,
            countries,
            rows[:, GENDER],
            rows[:, PARTS],
            more_dates,
            more_date_owner,
            more_countries,
            more_country_owner,
        )

    def _more(self, slots: I32, positions: I64, offsets: I64, values: I32) -> tuple[I32, I64]:
        """The full values of the rows whose slots are marked `MORE`, with their owner."""
        over = np.flatnonzero(slots[:, -1] == MORE)
        if over.shape[0] == 0:
            return values[:0], np.empty(0, dtype=np.int64)
        # Every marked row is among `more_rows`: its place there indexes the CSR.
        found, owner = ragged(offsets, values, np.searchsorted(self.more_rows, positions[over]))
        return found, over[owner]

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAYS}


#: The arrays a segment is stored as (one file each).
ARRAYS = (
    "hashes",
    "offsets",
    "postings",
    "rows",
    "profile",
    "more_rows",
    "more_date_offsets",
    "more_dates",
    "more_country_offsets",
    "more_countries",
)
