"""Fold names from any script to lower-case ASCII tokens.

ICU's `Any-Latin; Latin-ASCII` chain does the transliteration: it knows Cyrillic, Greek,
Georgian, Armenian and Arabic script and is what agencies' own systems use underneath,
so the folding here stays close to what other systems produce. Results are cached
because list names are folded once per load but query names repeat a lot in batches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_TRANSLIT = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Longer names exist (Arabic nasab chains, Spanish compound surnames) but 500 characters
#: is far past any real one; it bounds the work a hostile or broken input can cause.
MAX_NAME_CHARS = 500


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Transliterate to ASCII, lower-case, and turn punctuation into single spaces."""
    text = unicodedata.normalize("NFC", text[:MAX_NAME_CHARS])
    latin = _TRANSLIT.transliterate(text).lower()
    # Apostrophes inside words are romanisation marks (O'tkir, saak'ashvili): drop them
    # rather than split the word in two.
    latin = latin.replace("'", "").replace("`", "")
    return _NON_WORD.sub(" ", latin).strip()


def tokens(text: str) -> list[str]:
    """Folded name tokens in their original order."""
    folded = fold(text)
    return folded.split() if folded else []
