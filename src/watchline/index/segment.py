"""An immutable postings segment: key hashes -> sorted entity positions, as numpy arrays.

Keys are stored as 64-bit BLAKE2 hashes in sorted order (a lookup is one binary search;
no vocabulary of strings has to be loaded), postings as one CSR array. All arrays can
be memory-mapped, so opening a million-entity index costs milliseconds, not a rebuild.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def hash_keys(keys: Iterable[str]) -> U64:
    return np.fromiter((key_hash(k) for k in keys), dtype=np.uint64)


@dataclass(frozen=True)
class Segment:
    hashes: U64  # sorted, unique: one per key
    offsets: I64  # postings of key i are postings[offsets[i]:offsets[i + 1]]
    postings: I32  # entity positions, ascending within each key
    rows: I64  # position -> the store's row id

    @property
    def size(self) -> int:
        return int(self.rows.shape[0])

    @classmethod
    def build(cls, entries: Iterable[tuple[int, Iterable[str]]]) -> Segment:
        """Build from (store row id, keys) pairs; rows become positions in given order."""
        vocab: dict[str, int] = {}
        key_ids = array("I")
        positions = array("I")
        rows = array("q")
        for position, (row_id, keys) in enumerate(entries):
            rows.append(row_id)
            for key in set(keys):
                key_ids.append(vocab.setdefault(key, len(vocab)))
                positions.append(position)
        hashes = hash_keys(vocab)  # dict order = key id order
        order = np.argsort(hashes, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.shape[0])
        sorted_ids = (
            rank[np.frombuffer(key_ids, dtype=np.uint32)] if key_ids else np.empty(0, np.int64)
        )
        by_key = np.argsort(sorted_ids, kind="stable")
        postings = np.frombuffer(positions, dtype=np.uint32)[by_key].astype(np.int32)
        counts = np.bincount(sorted_ids, minlength=order.shape[0])
        offsets = np.zeros(order.shape[0] + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return cls(
            hashes=hashes[order],
            offsets=offsets,
            postings=postings,
            rows=np.frombuffer(rows, dtype=np.int64).copy(),
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

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "hashes": self.hashes,
            "offsets": self.offsets,
            "postings": self.postings,
            "rows": self.rows,
        }
