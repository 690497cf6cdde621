"""Vocalised phonemic Arabic names -> unvocalised Arabic script (and Perso-Arabic).

Names are stored vocalised (muḥammad, ʿabd al-raḥmān) because every romanisation needs the
vowels and the doubled letters that Arabic script leaves out; the script form is then the
consonant skeleton with long vowels, hamza seats, taa marbuta and alif maqsura, as written
in passports and lists. A handful of words have historical spellings (الله, الرحمن, عمرو,
إله) that no letter rule produces.
"""

from __future__ import annotations

CONSONANTS = frozenset("ʾbtṯǧḥḫdḏrzsšṣḍṭẓʿġfqklmnhwygpčv")
SHORT = frozenset("aiu")
LONG = frozenset("āīūá")
SUN = frozenset("tṯdḏrzsšṣḍṭẓln")
PARTICLES = frozenset({"bin", "ibn", "bint", "abū", "bū", "walad"})

LETTERS = {
    "ʾ": "أ", "b": "ب", "t": "ت", "ṯ": "ث", "ǧ": "ج", "ḥ": "ح", "ḫ": "خ", "d": "د",
    "ḏ": "ذ", "r": "ر", "z": "ز", "s": "س", "š": "ش", "ṣ": "ص", "ḍ": "ض", "ṭ": "ط",
    "ẓ": "ظ", "ʿ": "ع", "ġ": "غ", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م",
    "n": "ن", "h": "ه", "w": "و", "y": "ي", "g": "گ", "p": "پ", "č": "چ", "v": "و",
}  # fmt: skip
SPECIAL = {
    "allāh": "الله", "raḥmān": "رحمن", "ʿamr": "عمرو", "ilāh": "إله", "dāwūd": "داود",
    "bin": "بن", "ibn": "بن", "bint": "بنت", "abū": "أبو", "bū": "بو", "walad": "ولد",
}  # fmt: skip
#: Dari/Pashto/Urdu letter shapes used in Afghan and Pakistani documents.
PERSO = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})


def tokenize(word: str) -> list[str]:
    """Split a vocalised word into letters; ``ẗ`` (taa marbuta) is its own token."""
    return [ch for ch in word if ch in CONSONANTS or ch in SHORT or ch in LONG or ch == "ẗ"]


def _hamza(prev: str, nxt: str, last: bool) -> str:
    if last and prev in ("ā", "a"):
        return "ء"
    if nxt in ("i", "ī"):
        return "ئ"
    if nxt in ("u", "ū"):
        return "ؤ"
    return "أ"


def word_to_script(word: str) -> str:
    """One vocalised word (optionally with the al- article) -> Arabic script."""
    article = word.startswith("al-")
    if article:
        word = word[3:]
    if word in SPECIAL:
        body = SPECIAL[word]
        return ("ال" + body) if article and word != "allāh" else body
    toks = tokenize(word)
    out: list[str] = []
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in CONSONANTS:
            if tok == prev:  # shadda is not written in unvocalised text
                continue
            out.append(_hamza(prev, nxt, i == len(toks) - 1) if tok == "ʾ" and i else LETTERS[tok])
        elif tok in SHORT:
            if i == 0:
                out.append("إ" if tok == "i" else "أ")
        elif tok == "ā":
            out.append("آ" if i == 0 else "ا")
        elif tok == "ī":
            out.append("إي" if i == 0 else "ي")
        elif tok == "ū":
            out.append("أو" if i == 0 else "و")
        elif tok == "á":
            out.append("ى")
        elif tok == "ẗ":
            out.append("ة")
    body = "".join(out)
    return ("ال" + body) if article else body


def to_script(text: str, perso: bool = False) -> str:
    """A vocalised name part (several words) -> Arabic script, Perso-Arabic if asked."""
    out = " ".join(word_to_script(w) for w in text.split())
    return out.translate(PERSO) if perso else out
