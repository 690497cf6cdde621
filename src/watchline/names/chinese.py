"""Chinese names in Latin letters: Hanyu Pinyin and Wade-Giles.

Mainland names are listed in Pinyin ("Mao Zedong", "Xi Jinping", "Zhou Enlai"); older
lists, Taiwanese passports and press archives write Wade-Giles ("Mao Tse-tung", "Hsi
Chin-p'ing", "Chou En-lai"), whose apostrophe for aspiration ("p'ing") is mostly dropped.
One syllable is then "zhou" and "chou", "dong" and "tung", "xi" and "hsi": edit
distance calls them different names.

`chinese_keys` reads a word as one to three syllables of either system and folds each
syllable's initial to a class that both write (b/p, d/t, g/k, j/q/zh/ch, z/c/ts/tz,
x/hs, ...) and its final to Pinyin's spelling. Folding the aspirated and unaspirated
initials together is what reading Wade-Giles without its apostrophes costs: "Zhang"
and "Chang" get one key, as they do in Wade-Giles. Wade-Giles *j* is Pinyin *r*, so a
word with *j* gets both readings. Like `korean.py`, it is used only between two names
that both read as Chinese (every part such a word, one a common Chinese surname).
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchline.names.data import name_data

_INITIAL = r"(?:zh|ch|sh|hs|ts|tz|ss|sz|b|p|m|f|d|t|n|l|g|k|h|j|q|x|r|z|c|s|y|w)?"
_FINAL = (
    r"(?:iang|iong|uang|ueng|iung|ang|eng|ong|ung|ing|ian|ien|iao|uai|uan|uei|ieh|ueh"
    r"|erh|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|eh|ih|er|a|o|e|i|u|v)"
)
_SYLLABLE = re.compile(f"({_INITIAL})({_FINAL})")
MAX_SYLLABLES = 3
#: Letters of the longest syllable of either system ("chuang", "shuang").
LONGEST_SYLLABLE = 6
#: A word of one to three such syllables: the quick test before reading it every way.
_WORD = re.compile(f"(?:{_INITIAL}{_FINAL}){{1,{MAX_SYLLABLES}}}")
#: Initials both systems write, by class (Wade-Giles j is handled apart).
_INITIAL_CLASS = {
    "p": "b",
    "t": "d",
    "k": "g",
    "q": "j",
    "zh": "j",
    "ch": "j",
    "c": "z",
    "ts": "z",
    "tz": "z",
    "hs": "x",
    "ss": "s",
    "sz": "s",
    "y": "",
    "w": "",
}
#: Wade-Giles finals in Pinyin's spelling.
_FINAL_PINYIN = {
    "ung": "ong",
    "iung": "iong",
    "ieh": "ie",
    "ueh": "ue",
    "ien": "ian",
    "uei": "ui",
    "uen": "un",
    "iou": "iu",
    "erh": "er",
    "ih": "i",
    "eh": "e",
    "v": "u",
}


def _syllable_keys(initial: str, final: str) -> list[str]:
    if initial == "y" and not final.startswith("i"):
        final = "i" + final if final not in ("u", "un", "uan", "ue") else final
    elif initial == "w" and not final.startswith("u"):
        final = "u" + final
    final = _FINAL_PINYIN.get(final, final)
    if final == "o" and initial in ("k", "g", "h"):
        final = "e"  # Wade-Giles "ko", "ho": Pinyin ge, he
    elif final == "u" and initial in ("tz", "ss", "sz"):
        final = "i"  # Wade-Giles "tzu", "ssu": Pinyin zi, si
    if initial == "j":
        return [f"j{final}", f"r{final}"]  # Pinyin j; Wade-Giles j is Pinyin r
    return [_INITIAL_CLASS.get(initial, initial) + final]


@lru_cache(maxsize=100_000)
def chinese_keys(text: str) -> frozenset[str]:
    """The spelling-independent forms of a romanised word read as one to three Chinese
    syllables (syllables joined by "."); empty if it cannot be read so."""
    if not _WORD.fullmatch(text):
        return frozenset()  # the quick test: most words are no syllables at all
    return frozenset(_readings(text, MAX_SYLLABLES))


def _readings(text: str, syllables: int) -> list[str]:
    if not text:
        return [""]
    if syllables == 0:
        return []
    out: list[str] = []
    for end in range(min(len(text), LONGEST_SYLLABLE), 0, -1):
        found = _SYLLABLE.fullmatch(text[:end])
        if found is None:
            continue
        rest = _readings(text[end:], syllables - 1)
        for head in _syllable_keys(found.group(1), found.group(2)):
            out += [f"{head}.{tail}" if tail else head for tail in rest]
    return out


@lru_cache(maxsize=1)
def _surname_keys() -> frozenset[str]:
    """Keys of the common surnames in `data/chinese.yml` (one spelling each there; the
    keys find the others)."""
    return frozenset(k for s in name_data().chinese_surnames for k in chinese_keys(s))


def is_chinese(words: list[str]) -> bool:
    """Two to four words, each one to three Chinese syllables, one a single-syllable
    common Chinese surname: the name may be Chinese."""
    if not 2 <= len(words) <= 4 or not all(_WORD.fullmatch(w) for w in words):
        return False
    return any(chinese_keys(w) & _surname_keys() for w in words)
