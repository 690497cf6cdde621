"""Table-driven letter transliteration with the context rules national standards use.

Most romanisation standards are a letter table plus a few positional rules (a different
value word-initially, after a vowel, or at the end of the word) and some multi-letter
sequences (Ukrainian "зг" -> "zgh"). One small engine covers them all so that each table in
``data/`` stays a plain transcription of its published standard.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

VOWELS = frozenset("аеёиоуыэюяіїєӣӯўaeiouəıöüāīū")
_SPLIT = re.compile(r"([\s\-‐,]+)")


def _strings(mapping: Mapping[Any, Any], where: str) -> dict[str, str]:
    """A table's letters, refused when YAML read one as something else: unquoted, the
    French ending "off" is the boolean false, and rendered "IvanFalse"."""
    for key, value in mapping.items():
        if not (isinstance(key, str) and isinstance(value, str)):
            raise ValueError(f"{where}: {key!r}: {value!r} is not text (quote it in the YAML)")
    return dict(mapping)


class Table:
    """One transliteration system: ``map`` plus optional initial/after_vowel/final forms."""

    def __init__(self, spec: Mapping[str, Any]):
        self.map = _strings(spec["map"], "map")
        self.initial = _strings(spec.get("initial", {}), "initial")
        self.after_vowel = _strings(spec.get("after_vowel", {}), "after_vowel")
        self.final = _strings(spec.get("final", {}), "final")
        keys = [*self.map, *self.initial, *self.after_vowel, *self.final]
        self.maxlen = max(len(k) for k in keys)

    def __call__(self, text: str) -> str:
        return "".join(
            part if _SPLIT.fullmatch(part) else self.word(part) for part in _SPLIT.split(text)
        )

    def _lookup(self, low: str, i: int, prev: str) -> tuple[str, int] | None:
        for size in range(min(self.maxlen, len(low) - i), 0, -1):
            key = low[i : i + size]
            if i + size == len(low) and key in self.final:
                return self.final[key], size
            if i == 0 and key in self.initial:
                return self.initial[key], size
            if prev in VOWELS and key in self.after_vowel:
                return self.after_vowel[key], size
            if key in self.map:
                return self.map[key], size
        return None

    def word(self, word: str) -> str:
        # Lower-case letter by letter: "İ".lower() is two characters and would misalign.
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
        caps = len(word) > 1 and word.isupper()
        out: list[str] = []
        i, prev = 0, ""
        while i < len(low):
            hit = self._lookup(low, i, prev)
            rep, size = hit if hit else (word[i], 1)
            src = word[i : i + size]
            if caps:
                rep = rep.upper()
            elif src[:1].isupper() and src[:1] != src[:1].lower():
                rep = rep[:1].upper() + rep[1:]
            out.append(rep)
            prev = low[i + size - 1]
            i += size
        return "".join(out)


def capitalise(text: str) -> str:
    """Upper-case the first letter of each word, skipping leading apostrophes (ʻAlī)."""

    def cap(word: str) -> str:
        for i, ch in enumerate(word):
            if ch.isalpha() and ch not in "ʻʼʿʾ":
                return word[:i] + ch.upper() + word[i + 1 :]
        return word

    return "".join(part if _SPLIT.fullmatch(part) else cap(part) for part in _SPLIT.split(text))


#: Letters without a Unicode decomposition that a diacritic-stripping system still folds.
SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ß": "ss",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ə": "e",
        "Ə": "E",
        "ʻ": "",
        "ʼ": "",
        "ʿ": "",
        "ʾ": "",
    }
)


def strip_diacritics(text: str) -> str:
    """Drop combining marks from Latin letters only (Cyrillic й/ё must stay intact)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text.translate(SPECIAL)):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
