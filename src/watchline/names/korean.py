"""Korean names in Latin letters: McCune-Reischauer, Revised Romanization and the rest.

Lists give North Korean names in McCune-Reischauer ("Ch'ŏl-sŏng", "Pak", "Ri") and
aliases in Revised Romanization or plain spellings ("Cheol Seong", "Park", "Lee"):
one syllable is "Jo" and "Cho", "Ju" and "Chu", "Bu" and "Pu", "Gim" and "Kim". Each
pair differs by the one consonant the two systems write apart (unaspirated ch/j, k/g,
p/b, t/d), so edit distance calls short syllables different names ("jo" / "cho": one
edit in three letters).

`korean_key` folds those spellings together, for a word that is one or two Korean
syllables. It is used only between two names that read as Korean: every part such a
word, one of them a common Korean surname (the matcher asks both). So "Dan Brown" is
never read as Korean, and "Tom" never meets "Dom" in an English name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchline.names.data import name_data

_INITIAL = "(?:kk|tt|pp|ss|jj|ch|sh|ts|rh|k|g|n|d|t|r|l|m|b|p|s|j|h)?"
_VOWEL = "(?:yae|yeo|wae|ae|eo|eu|ui|oe|oi|wa|wo|we|wi|ya|ye|yi|yo|yu|ee|oo|a|e|i|o|u)h?"
_FINAL = "(?:ng|rk|k|n|t|l|m|p)?"
_SYLLABLE = f"{_INITIAL}{_VOWEL}{_FINAL}"
_WORD = re.compile(f"(?:{_SYLLABLE}){{1,2}}")

#: Applied in order: digraphs first, then the consonants the systems write apart, then
#: the vowels written two ways ("eo"/"o", "ee"/"i": Lee, "oo"/"u": Yoo).
_FOLDS = (
    ("rh", "r"),
    ("rk", "k"),  # "Park" is the syllable Pak
    ("sh", "s"),
    ("ch", "j"),
    ("ts", "j"),
    ("k", "g"),
    ("p", "b"),
    ("t", "d"),
    ("l", "r"),
    ("eo", "o"),
    ("eu", "u"),
    ("oi", "oe"),
    ("ee", "i"),
    ("oo", "u"),
    ("wu", "u"),  # "Woo" is the syllable U (우): Cho Il U / Cho Il Woo
)
#: A silent h after a vowel ("Oh", "Ahn", "Sohn").
_SILENT_H = re.compile(r"(?<=[aeiouwy])h(?![aeiouwy])")
#: An initial r is dropped before i or y in the South (Ri / Yi / Lee, Ryu / Yu) and
#: written n before other vowels (Ro / No).
_INITIAL_R = re.compile(r"^r(?=[iy])")
_INITIAL_R_VOWEL = re.compile(r"^r(?=[aeouw])")
_YI = re.compile(r"^yi")


@lru_cache(maxsize=100_000)
def korean_key(text: str) -> str | None:
    """The spelling-independent form of a romanised Korean word; None if `text` (lower
    case ASCII) is not one or two Korean syllables."""
    if not _WORD.fullmatch(text):
        return None
    key = _SILENT_H.sub("", text)
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = _INITIAL_R.sub("", key)
    key = _INITIAL_R_VOWEL.sub("n", key)
    return _YI.sub("i", key)


@lru_cache(maxsize=1)
def _surname_keys() -> frozenset[str]:
    """Keys of the common surnames in `data/korean.yml` (one spelling each there; the
    key finds the others)."""
    surnames = name_data().korean_surnames
    return frozenset(k for s in surnames if (k := korean_key(s)) is not None)


def is_korean(words: list[str]) -> bool:
    """Two to four words, each one or two Korean syllables, one of them a Korean
    surname: the name may be Korean."""
    if not 2 <= len(words) <= 4:
        return False
    keys = [korean_key(w) for w in words]
    return None not in keys and any(k in _surname_keys() for k in keys)
