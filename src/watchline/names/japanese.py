"""Japanese names in Latin letters: Hepburn, Kunrei-shiki and the long vowels.

Passports write Hepburn with long vowels as *oh* or not at all ("OHNO", "ONO"); kana
read syllable by syllable give the vowel twice ("Oono", "Yuuko"); Kunrei-shiki, taught
in schools and used in older records, writes "si", "ti", "tu", "hu", "zi" and "sya"
where Hepburn writes "shi", "chi", "tsu", "fu", "ji" and "sha" ("Tutiya Sinzi" is
"Tsuchiya Shinji"). Edit distance calls these different names.

`japanese_key` reads a word as Japanese morae in either system and writes them in
Hepburn, a long vowel once, a doubled consonant once and a syllabic *m* before *b*,
*p*, *m* as *n* ("Homma" / "Honma"). Like `korean.py`, it is used only between two
names that both read as Japanese: every part such a word and one a common Japanese
surname, or a name written in kana.
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchline.names.data import name_data

#: One mora: a palatalised or special syllable first, then consonant and vowel, a
#: vowel alone, or the syllabic n (not before a vowel or y, where it begins a mora).
_MORA = (
    r"(?:(?:ky|gy|sh|sy|ch|ty|cy|zy|jy|dy|ny|hy|by|py|my|ry)[auo]|sh[ie]|ch[ie]|ts[u]"
    r"|j[aiueo]|f[u]|[kgsztdnhbpmrwy]?[aiueo]|n(?![aiueoy])|m(?=[bpm]))"
)
#: A doubled consonant before a mora (a geminate: Hattori, Nissan), or t before ch.
_GEMINATE = r"(?:([kgsztdhbpfjc])(?=\1)|t(?=ch))?"
_WORD = re.compile(f"(?:{_GEMINATE}{_MORA})+")
_MORAE = re.compile(_MORA)
#: Kunrei-shiki and Nihon-shiki morae in Hepburn.
_HEPBURN = {
    "si": "shi",
    "ti": "chi",
    "tu": "tsu",
    "hu": "fu",
    "zi": "ji",
    "di": "ji",
    "du": "zu",
    "sya": "sha",
    "syu": "shu",
    "syo": "sho",
    "tya": "cha",
    "tyu": "chu",
    "tyo": "cho",
    "cya": "cha",
    "cyu": "chu",
    "cyo": "cho",
    "zya": "ja",
    "zyu": "ju",
    "zyo": "jo",
    "jya": "ja",
    "jyu": "ju",
    "jyo": "jo",
    "dya": "ja",
    "dyu": "ju",
    "dyo": "jo",
    "m": "n",
}
#: Passports' long o ("Ohno", "Satoh"): an h after o that begins no mora.
_LONG_OH = re.compile(r"oh(?![aiueoy])")
#: A vowel mora and the vowels it lengthens before it (o-u, u-u, o-o, a-a, i-i, e-e).
_LENGTHENS = {"u": "ou", "o": "o", "a": "a", "i": "i", "e": "e"}


@lru_cache(maxsize=100_000)
def japanese_key(text: str) -> str | None:
    """The spelling-independent form of a romanised Japanese word; None if `text`
    (lower-case ASCII) is not Japanese morae."""
    word = _LONG_OH.sub("oo", text)
    if not word or not _WORD.fullmatch(word):
        return None
    out: list[str] = []
    for mora in _MORAE.findall(word):
        mora = _HEPBURN.get(mora, mora)
        if out and mora in _LENGTHENS and out[-1][-1] in _LENGTHENS[mora]:
            continue  # a long vowel, written once
        out.append(mora)
    # A doubled consonant is not a mora of its own: "Hattori" and "Hatori" are one key,
    # as a long vowel and a short one are.
    return "".join(out)


@lru_cache(maxsize=1)
def _surname_keys() -> frozenset[str]:
    return frozenset(k for s in name_data().japanese_surnames if (k := japanese_key(s)))


def is_japanese(words: list[str]) -> bool:
    """Two to four words, each Japanese morae, one of them a common Japanese surname:
    the name may be Japanese."""
    if not 2 <= len(words) <= 4:
        return False
    keys = [japanese_key(w) for w in words]
    return None not in keys and any(k in _surname_keys() for k in keys)
