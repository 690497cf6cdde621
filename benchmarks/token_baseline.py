"""What a typical user writes: an ASCII-token inverted index plus rapidfuzz.

Names are ASCII-folded with `normality.ascii_text`, lower-cased and split into tokens;
a query's candidates are the entities sharing any token (the 50 with most shared
tokens), scored with `fuzz.token_sort_ratio` over the best name pair; a match is a
score of 85 or more. Built to measure against, not to use.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from normality import ascii_text
from rapidfuzz import fuzz

THRESHOLD = 0.85
CANDIDATES = 50


def tokens(name: str) -> list[str]:
    text = (ascii_text(name) or "").lower()
    return [t for t in "".join(c if c.isalnum() else " " for c in text).split() if len(t) > 1]


def names(entity: dict[str, Any]) -> list[str]:
    props = entity.get("properties", {})
    return [n for p in ("name", "alias", "weakAlias") for n in props.get(p, [])]


class TokenIndex:
    def __init__(self, entities: Iterable[dict[str, Any]]) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.names: list[list[str]] = []
        self.ids: list[str] = []
        for position, entity in enumerate(entities):
            folded = [" ".join(tokens(n)) for n in names(entity)]
            self.names.append(folded)
            self.ids.append(entity["id"])
            for token in {t for n in folded for t in n.split()}:
                self.postings[token].append(position)

    def candidates(self, query: dict[str, Any]) -> list[int]:
        shared: Counter[int] = Counter()
        for token in {t for n in names(query) for t in tokens(n)}:
            shared.update(self.postings.get(token, ()))
        return [position for position, _ in shared.most_common(CANDIDATES)]

    def score(self, query: dict[str, Any], position: int) -> float:
        folded = [" ".join(tokens(n)) for n in names(query)]
        return max(
            (fuzz.token_sort_ratio(q, c) / 100.0 for q in folded for c in self.names[position]),
            default=0.0,
        )
