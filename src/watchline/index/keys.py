"""Keys under which an entity is filed for candidate retrieval.

Keys are strings with a one-letter kind prefix so that one postings table holds all of
them: `n:` a folded name token, `d:` a normalised document number. Retrieval ranks
candidates by the rarity (inverse document frequency) of the keys they share with the
query, so a common token such as "muhammad" adds little and a passport number decides.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from watchline.model import Entity
from watchline.names.normalize import tokens

DOC_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "imoNumber")
_DOC_CLEAN = re.compile(r"[^0-9A-Z]+")
#: Tokens of one letter carry no identity on their own (initials, "b." for bin).
MIN_TOKEN_CHARS = 2
#: A query with more distinct keys than this is cut: it bounds work on absurd inputs.
MAX_QUERY_KEYS = 64


def normalise_document(value: str) -> str:
    """Document numbers compare without spaces, dashes or case: "AB 12-345" == "ab12345"."""
    return _DOC_CLEAN.sub("", value.upper())


def name_keys(names: Iterable[str]) -> set[str]:
    return {f"n:{tok}" for name in names for tok in tokens(name) if len(tok) >= MIN_TOKEN_CHARS}


def document_keys(entity: Entity) -> set[str]:
    out = set()
    for prop in DOC_PROPS:
        for value in entity.get(prop):
            doc = normalise_document(value)
            if len(doc) >= 4:
                out.add(f"d:{doc}")
    return out


def entity_keys(entity: Entity) -> set[str]:
    """Every key a list entity is filed under (names, weak aliases and documents)."""
    return name_keys(entity.names + entity.weak_names) | document_keys(entity)


def query_keys(entity: Entity) -> list[str]:
    """Keys to look a query up by, bounded to `MAX_QUERY_KEYS`."""
    keys = sorted(name_keys(entity.names) | document_keys(entity))
    return keys[:MAX_QUERY_KEYS]


def key_weight(key: str, doc_freq: int, total: int) -> float:
    """IDF weight; document keys are boosted because a shared number is near-proof."""
    idf = math.log(1.0 + total / (1.0 + doc_freq))
    return idf * (3.0 if key.startswith("d:") else 1.0)


def rank_candidates(
    hits: Iterable[tuple[int, str]],
    doc_freq: Mapping[str, int],
    total: int,
    *,
    limit: int,
) -> list[tuple[int, float]]:
    """Sum key weights per candidate and keep the `limit` best, best first."""
    scores: dict[int, float] = {}
    for candidate, key in hits:
        weight = key_weight(key, doc_freq.get(key, 0), total)
        scores[candidate] = scores.get(candidate, 0.0) + weight
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:limit]
