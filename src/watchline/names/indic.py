"""Names in the scripts of North Indian languages (Devanagari, Bengali, Gurmukhi,
Gujarati, Oriya), read as their Latin spellings write them.

ICU romanises these scripts letter by letter (ISO 15919): every consonant keeps the
vowel it carries unless a sign replaces it, so मनमोहन is "manamōhana" and রহমান
"rahamāna", where passports, lists and the press write *Manmohan* and *Rahman*: Hindi,
Bengali and Punjabi do not pronounce that inherent vowel at the end of a word or between
a vowel-consonant and a consonant-vowel (schwa deletion). ISO's *c* is the *ch* of
English spellings (*Bachchan*), *ś* and *ṣ* are *sh* (*Shah*, *Krishna*), *r̥* is *ri*.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import icu

#: Scripts whose names `indic_latin` reads (Indo-Aryan languages; Dravidian names
#: pronounce their final vowels and are left to ICU).
INDIC_SCRIPTS = frozenset({"Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya"})
_VOWELS = frozenset("aāiīuūeēoōëö")
_NASALS = frozenset("nmṅñṇṁṃ")
#: Consonants that an h after them makes aspirated (one sound: kh, bh, ch ...).
_ASPIRABLE = frozenset("kgcjṭḍtdpbṛ")
#: Gurmukhi tippi, which ICU drops, as its bindi, which it reads (ਸਿੰਘ: Singh).
_TIPPI = str.maketrans({"\u0a70": "\u0a02"})
_LETTERS = (("r̥", "ri"), ("ch", "chh"), ("c", "ch"), ("ś", "sh"), ("ṣ", "sh"))


@cache
def _icu() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin")


def indic_latin(text: str) -> str:
    """`text` romanised with the inherent vowels English spellings drop, with ISO
    15919's marks still on (the caller folds them)."""
    latin = unicodedata.normalize("NFC", _icu().transliterate(text.translate(_TIPPI)))
    words = [_without_schwas(word) for word in latin.split()]
    out = " ".join(words)
    for iso, english in _LETTERS:
        out = out.replace(iso, english)
    return out


def _units(word: str) -> list[str]:
    """Letters as sounds: an aspirated consonant (bh) is one."""
    units: list[str] = []
    for char in word:
        if (char == "h" and units and units[-1] in _ASPIRABLE) or (
            unicodedata.combining(char) and units
        ):
            units[-1] += char
        else:
            units.append(char)
    return units


def _vowel(unit: str) -> bool:
    return unit[:1] in _VOWELS


def _without_schwas(word: str) -> str:
    """The word without the inherent *a* that is not pronounced: at the end after one
    consonant that follows a vowel (rāma: Ram, amitābha: Amitabh), and
    between a vowel-consonant and a consonant-vowel, right to left (manamōhan: Manmohan,
    rahamān: Rahman). A word's first letter is never one."""
    units = _units(word)
    kept = [True] * len(units)
    last = len(units) - 1
    if last >= 2 and units[last] == "a" and not _vowel(units[last - 1]):
        before = units[last - 2]
        # After one consonant, or after a nasal and a consonant (siṅgha: Singh, ānaṃda:
        # Anand); not after other clusters (narēndra, kr̥ṣṇa: Narendra, Krishna).
        if _vowel(before) or (before[:1] in _NASALS and last >= 3 and _vowel(units[last - 3])):
            kept[last] = False
    for i in range(last - 2, 1, -1):
        if units[i] != "a" or not kept[i + 2]:
            continue
        before, after = units[i - 1], units[i + 1]
        if (
            not _vowel(before)
            and not _vowel(after)
            and _vowel(units[i - 2])
            and _vowel(units[i + 2])
        ):
            kept[i] = False
    return "".join(unit for unit, keep in zip(units, kept, strict=True) if keep)
