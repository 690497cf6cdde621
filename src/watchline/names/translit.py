"""Script detection and romanisation of a name to lower-case ASCII.

Letters agencies romanise by fixed conventions (Cyrillic incl. Tajik/Kazakh/Uzbek
letters, Georgian, Arabic script) go through the tables in data/transliteration.yml;
everything else (Greek, Armenian, Hebrew, CJK, Latin with diacritics) through ICU's
`Any-Latin; Latin-ASCII`. The Arabic article is split off before mapping because in
Arabic script it is always written joined to the next word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import icu
from rigour.text.scripts import text_scripts

from watchline.names.data import name_data
from watchline.names.indic import INDIC_SCRIPTS, indic_latin

#: Scripts that do not write short vowels: comparing them with a romanised name needs a
#: consonant skeleton, not the spelling.
ABJAD_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})
MAX_NAME_CHARS = 500
#: Scripts whose characters are read as whole syllables (`NamePart.syllabic`).
SYLLABIC_SCRIPTS = frozenset({"Han", "Hangul", "Hiragana", "Katakana"})
KANA_SCRIPTS = frozenset({"Hiragana", "Katakana"})

_HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06ff])ال(?=[\u0600-\u06ff]{2})")
_ABD = re.compile(r"(?<![\u0600-\u06ff])عبد(?=ال)")
_UZBEK_APOSTROPHE = re.compile(r"([og])[ʻ‘’'`ʼ]")
_HANGUL_PAIR = re.compile("([\uac00-\ud7a3])(?=[\uac00-\ud7a3])")
_MARKS = re.compile(r"[ʻ‘’'`ʼʿʾ\u02b9-\u02bf\u0300-\u036f]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: A name with ə is Azerbaijani Latin, where c is the sound of j and ç of ch: Cəlil is
#: Джалил, Dzhalil; Cəfər Jafar. (Turkish shares the letters but not ə, and its names
#: are mostly met ASCII-folded, "Agca" for Ağca, so they keep the c.)
_AZERBAIJANI = str.maketrans({"c": "j", "ç": "ch"})
_PERSIANATE = str.maketrans({"ض": "ز", "ذ": "ز", "ظ": "ز", "ث": "س"})
#: The letters read otherwise in Persian, Urdu and the Turkic languages (`romanise`).
PERSIANATE_LETTERS = frozenset("ضذظث")


@cache
def _icu() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


@cache
def _table() -> dict[int, str]:
    return {ord(k): v for k, v in name_data().char_map.items()}


@lru_cache(maxsize=100_000)
def scripts_of(text: str) -> frozenset[str]:
    return frozenset(text_scripts(text))


def is_abjad(text: str) -> bool:
    # ASCII is Latin (or digits): most list names, answered without a script lookup.
    return not text.isascii() and bool(scripts_of(text) & ABJAD_SCRIPTS)


def is_syllabic(text: str) -> bool:
    return not text.isascii() and bool(scripts_of(text) & SYLLABIC_SCRIPTS)


def is_kana(text: str) -> bool:
    """Written in Japanese kana (with or without kanji)."""
    return not text.isascii() and bool(scripts_of(text) & KANA_SCRIPTS)


@cache
def _simplified() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Traditional-Simplified")


@lru_cache(maxsize=100_000)
def han_characters(name: str) -> str | None:
    """A name written in Chinese characters alone, as its simplified characters in one
    order (陳志強 and 陈志强 are one name, and so are 李海燕, "海燕 李" and "李, 海燕", as
    lists and generated records order it); None for any other name.

    The characters say more than any romanisation of them: 李明 and 李明明, 陈红 and
    陈宏伟 read "Li Ming" and "Chen Hong" in part, and are other people's names."""
    if name.isascii():
        return None
    text = "".join(c for c in unicodedata.normalize("NFC", name[:MAX_NAME_CHARS]) if c.isalpha())
    if not text or scripts_of(text) != {"Han"}:
        return None
    return "".join(sorted(str(_simplified().transliterate(text))))


def ascii_spellings(name: str) -> tuple[str, ...]:
    """Other ways a name is written in plain letters that folding cannot reach from its
    romanisation: an Azerbaijani *ə* written *e* ("Memmedov", "Eliyev": Turkish style
    and common in Azerbaijani ASCII), and written *a* with *c* kept ("HACILI" for
    Hacılı, as machine-readable zones print it, where `romanise` gives "hajili").
    A letter with a caron, cedilla or acute for a hushing sound (*š*, *č*, *ž*, *ş*,
    *ç*, *ć*, *ś*, *ż*) written with an *h* ("Ševčenko" is the Shevchenko an English
    text writes; `romanise` drops the mark, as passports' zones and the press do for
    "Milošević"). The index files their keys beside the name's own."""
    if name.isascii():
        return ()  # most names: the matcher asks for every candidate's names
    lower = unicodedata.normalize("NFC", name).lower()
    out = [lower.replace("ə", "e"), lower.replace("ə", "a")] if "ə" in lower else []
    if not _HUSHING_MARKED.isdisjoint(lower):
        # Not an initial: "Ş." stands for Şerife or Serife alike, and "Sh." is no initial.
        out += [_WORDS.sub(_with_h, spelt) for spelt in (lower, *out)]
    return tuple(s for s in dict.fromkeys(out) if s != lower)


def _with_h(word: re.Match[str]) -> str:
    return word.group().translate(_HUSHING_WITH_H)


#: Latin letters whose mark makes a hushing sound, and its spelling with an h.
_HUSHING_WITH_H = str.maketrans(
    {"š": "sh", "ş": "sh", "ś": "sh", "č": "ch", "ç": "ch", "ć": "ch", "ž": "zh", "ż": "zh"}
)
_HUSHING_MARKED = frozenset("šşśčçćžż")
#: Words of two letters or more (an initial keeps its letter).
_WORDS = re.compile(r"\w{2,}")


@lru_cache(maxsize=200_000)
def romanise(text: str, *, uzbek: bool = True, persianate: bool = False) -> str:
    """Lower-case ASCII words separated by single spaces (empty if nothing is left).

    `uzbek`: read "o'" and "g'" as Uzbek Latin's letters (u, g). McCune-Reischauer
    Korean writes its ŏ as "o'" too ("Pyo'ng-so'" is Pyong So); `names.analysis`
    romanises again without the rule when the name reads as Korean.

    `persianate`: read Arabic script's ض ذ ظ as z and ث as s, as Persian, Urdu, Pashto
    and the Turkic languages do (Ramzan, Fazl, Zakir, Usman), where the letter tables
    give the Arabic reading (Ramadan, Fadl, Dhakir, Uthman)."""
    text = unicodedata.normalize("NFC", text[:MAX_NAME_CHARS]).lower()
    if persianate:
        text = text.translate(_PERSIANATE)
    if not uzbek:
        text = _UZBEK_APOSTROPHE.sub(lambda m: m.group(1), text)
    if not text.isascii():
        if is_abjad(text):
            text = _HARAKAT.sub("", text)
            text = _ABD.sub("عبد ", text)
            text = _ARABIC_ARTICLE.sub("ال ", text)
        if "ə" in text:
            text = text.translate(_AZERBAIJANI)
        text = text.translate(_table())
        text = _UZBEK_APOSTROPHE.sub(lambda m: "u" if m.group(1) == "o" else "g", text)
        text = _MARKS.sub("", text)
        if not text.isascii():
            # A Korean name is written without spaces ("김정은"), and its syllables are
            # the parts Latin spellings separate ("Kim Jong Un", "Kim Jong-un").
            text = _HANGUL_PAIR.sub(r"\1 ", text)
            if scripts_of(text) & INDIC_SCRIPTS:
                text = indic_latin(text)
            text = _icu().transliterate(text).lower()
    else:
        text = _UZBEK_APOSTROPHE.sub(lambda m: "u" if m.group(1) == "o" else "g", text)
    text = _MARKS.sub("", text)
    return _NON_WORD.sub(" ", text).strip()
