"""An immutable postings segment: key hashes -> sorted entity positions, as numpy arrays.

Keys are stored as 64-bit BLAKE2 hashes in sorted order (a lookup is one binary search;
no vocabulary of strings has to be loaded), postings as one CSR array. Beside them, per
position, the entity's profile (dates, gender, countries) as columns, so the ranker
weighs a thousand candidates' evidence without loading one entity. All arrays can be
memory-mapped, so opening a million-entity index costs milliseconds, not a rebuild.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from watchline.index.keys import IndexEntry

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]


def _csr(values: array[int], counts: array[int], dtype: type) -> tuple[I64, np.ndarray]:
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(counts, dtype=np.uint8), out=offsets[1:])
    return offsets, np.frombuffer(values, dtype=np.uint32).astype(dtype)


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
    """The profile columns of some candidates: `dates`/`countries` flat with their owner
    (index into the candidates), `gender` one per candidate."""

    dates: I32
    date_owner: I64
    gender: I8
    countries: U32
    country_owner: I64
    parts: I8


@dataclass(frozen=True)
class Segment:
    hashes: U64  # sorted, unique: one per key
    offsets: I64  # postings of key i are postings[offsets[i]:offsets[i + 1]]
    postings: I32  # entity positions, ascending within each key
    rows: I64  # position -> the store's row id
    date_offsets: I64  # dates of position i are dates[date_offsets[i]:date_offsets[i + 1]]
    dates: I32  # packed yyyymmdd
    gender: I8  # per position: 0 unknown, 1 male, 2 female
    country_offsets: I64
    countries: U32  # CRC-32 of country codes
    parts: I8  # per position: name parts of the shortest name, patronymics aside

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
        dates, date_counts = array("I"), array("B")
        countries, country_counts = array("I"), array("B")
        gender, parts = array("b"), array("b")
        for row_id, packed, profile in entries:
            rows.append(row_id)
            held.frombytes(packed)
            counts.append(len(packed) // 8)
            dates.extend(profile.dates)
            date_counts.append(len(profile.dates))
            countries.extend(profile.countries)
            country_counts.append(len(profile.countries))
            gender.append(profile.gender)
            parts.append(profile.parts)
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
        date_offsets, date_values = _csr(dates, date_counts, np.int32)
        country_offsets, country_values = _csr(countries, country_counts, np.uint32)
        return cls(
            hashes=ordered[starts],
            offsets=offsets,
            postings=postings,
            rows=np.frombuffer(rows, dtype=np.int64).copy() if rows else np.empty(0, np.int64),
            date_offsets=date_offsets,
            dates=date_values,
            gender=np.frombuffer(gender, dtype=np.int8).copy() if gender else np.empty(0, np.int8),
            country_offsets=country_offsets,
            countries=country_values,
            parts=np.frombuffer(parts, dtype=np.int8).copy() if parts else np.empty(0, np.int8),
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
        dates, date_owner = ragged(self.date_offsets, self.dates, positions)
        countries, country_owner = ragged(self.country_offsets, self.countries, positions)
        return Profiles(
            dates,
            date_owner,
            self.gender[positions],
            countries,
            country_owner,
            self.parts[positions],
        )

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAYS}


#: The arrays a segment is stored as (one file each).
ARRAYS = (
    "hashes",
    "offsets",
    "postings",
    "rows",
    "date_offsets",
    "dates",
    "gender",
    "country_offsets",
    "countries",
    "parts",
)
