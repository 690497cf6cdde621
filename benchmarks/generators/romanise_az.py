"""Azerbaijani names: official Latin, ASCII folds, Soviet Cyrillic and Russian forms.

Soviet and Russian records spell Azerbaijani names the Russian way (Məmmədov -> Мамедов,
Həsənov -> Гасанов, Cəfərov -> Джафаров), which then gets romanised like any Russian name
(Mamedov, Gasanov, Dzhafarov); Azerbaijani passports print the Latin original, and their
machine-readable zones an ASCII fold of it (MAMMADOV).
"""

from __future__ import annotations

import random

from . import romanise_ru as ru
from .identity import Identity, NameSystem, Part
from .tables import load
from .translit import Table

AZ = load("translit_azerbaijani")
AZ_CYRILLIC = Table(AZ["cyrillic"])
MRZ = Table(AZ["mrz"])
TURKISH = Table(AZ["turkish"])
#: English-practice folds: per letter the usual choice first; one is drawn per rendering.
ENGLISH = {
    "ə": ("a", "e"),
    "ş": ("sh", "s"),
    "ç": ("ch", "c"),
    "x": ("kh", "x", "h"),
    "c": ("j", "dzh", "c"),
    "q": ("g", "q", "k"),
    "ğ": ("gh", "g"),
    "ı": ("i",),
    "ö": ("o", "oe"),
    "ü": ("u", "ue"),
}
FEMININE_AZ = (("ov", "ova"), ("ev", "eva"))
VOW = set("aeəıioöuü")
FRONT = set("eəiöü")
PARTICLES_RU = {"oğlu": "оглы", "qızı": "кызы"}
SIMPLE = dict(zip("abçdfğjmnoprsştvz", "абчдфгжмнопрсштвз", strict=True))


def _lower(word: str) -> str:
    return word.replace("İ", "i").replace("I", "ı").lower()


def _russian_letter(c: str, prev: str, nxt: str, after: str) -> str:
    """One letter in context (previous, next and the one after next)."""
    if c == "ə":
        if not prev:
            return "а"
        if not nxt:
            return "я" if prev in VOW else "а"
        if nxt in ("d", "t") and after in ("", "o", "l"):
            return "е"
        return "е" if prev in "kgyv" else "а"
    if c == "e":
        return "э" if not prev or prev in VOW else "е"
    if c == "h":
        if not prev:
            return "г"
        if nxt and nxt in VOW and prev in VOW:
            return "г" if prev == "ə" else "х"
        return "х"
    if c == "q":
        return "г" if prev and prev in VOW and nxt and nxt in VOW else "к"
    if c == "ü":
        return "ю" if prev and prev in "gkvl" else "у"
    if c == "ö":
        return "ё" if prev and prev in "gk" else "о"
    if c == "ı":
        return "и" if prev and prev in "cğ" else "ы"
    if c == "l":
        return "ль" if prev in FRONT and (not nxt or nxt not in VOW) else "л"
    if c in SIMPLE:
        return SIMPLE[c]
    return {
        "c": "дж",
        "x": "х",
        "i": "и",
        "u": "у",
        "y": "й",
        "a": "а",
        "g": "г",
        "k": "к",
        "e": "е",
    }.get(c, c)


def _russian_word(word: str) -> str:
    """One Azerbaijani word -> Russian Cyrillic by the conventions of Soviet records."""
    w = _lower(word)
    if w.endswith("zadə"):
        return _russian_word(word[:-4]) + "заде"
    out: list[str] = []
    i = 0
    while i < len(w):
        c, prev = w[i], w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if c == "y" and nxt in ("a", "ə", "u", "e", "ı"):
            out.append({"a": "я", "ə": "я", "u": "ю", "e": "е", "ı": "и"}[nxt])
            i += 2
            continue
        if c == "m" and nxt == "m":
            i += 1
            continue
        if c == "o" and nxt == "v" and prev in "cçşj" and prev:
            out.append("е")
            i += 1
            continue
        r = _russian_letter(c, prev, nxt, w[i + 2 : i + 3])
        out.append(r)
        i += 1
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


class Azerbaijani(NameSystem):
    """az: Azerbaijani citizens and Azerbaijani-named people."""

    locale = "az"
    data_name = "names_az"
    patronymic_rate = 0.65

    def surname(self, base: str, gender: str) -> str:
        return ru.feminine(base, FEMININE_AZ) if gender == "female" else base

    def patronymic(self, ident: Identity) -> str:
        if not self.has_patronymic(ident.style):
            return ""
        return f"{ident.father} {'qızı' if ident.gender == 'female' else 'oğlu'}"

    def russian(self, text: str) -> str:
        """Azerbaijani name (one or more words) -> Russian Cyrillic as Russian records write it."""
        words = []
        for word in text.split():
            if word in PARTICLES_RU:
                words.append(PARTICLES_RU[word])
            elif word in self.alt:
                words.append(self.alt[word])
            elif word.endswith(("ova", "eva")) and word[:-1] in self.alt:
                words.append(self.alt[word[:-1]] + "а")
            else:
                words.append(_russian_word(word))
        return " ".join(words)

    def to_russian(self, parts: list[Part], ident: Identity) -> list[Part]:
        out = []
        for p in parts:
            text = self.russian(p.text)
            if p.role == "patronymic" and random.Random(ident.style).random() < 0.5:
                text = ru.soviet_patronymic(self.russian(ident.father), ident.gender)
            out.append(Part(p.role, text))
        return out

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "native": 0.3,
            "mrz": 0.25,
            "english": 0.1,
            "ru:icao_doc_9303": 0.12,
            "ru:mvd_782": 0.08,
            "ru:native": 0.1,
            "turkish": 0.05,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "native": 0.16,
            "english": 0.15,
            "mrz": 0.06,
            "turkish": 0.06,
            "az_cyrillic": 0.05,
            "ru:native": 0.12,
            "ru:bgn_pcgn": 0.1,
            "ru:icao_doc_9303": 0.08,
            "ru:wikipedia": 0.1,
            "ru:mvd_310": 0.05,
            "ru:german": 0.04,
            "ru:french": 0.03,
        }

    def render(
        self,
        parts: list[Part],
        ident: Identity,
        scheme: str,
        rng: random.Random,
        notes: list[str] | None = None,
    ) -> list[Part]:
        if scheme == "native":
            return parts
        if scheme == "mrz":
            return [Part(p.role, MRZ(_fold_i(p.text))) for p in parts]
        if scheme == "turkish":
            return [Part(p.role, TURKISH(p.text)) for p in parts]
        if scheme == "az_cyrillic":
            return [Part(p.role, AZ_CYRILLIC(_fold_i(p.text))) for p in parts]
        if scheme == "english":
            table = Table({"map": {k: rng.choice(v[:1] * 3 + v) for k, v in ENGLISH.items()}})
            return [Part(p.role, table(_fold_i(p.text))) for p in parts]
        russian = self.to_russian(parts, ident)
        sub = scheme.removeprefix("ru:")
        if sub == "native":
            return russian
        return [Part(p.role, ru.romanise(p.text, sub)) for p in russian]


def _fold_i(text: str) -> str:
    """Dotted capital İ is just I outside Turkic orthography."""
    return text.replace("İ", "I")


def russian_mediated(text: str, scheme: str = "icao_doc_9303") -> str:
    """Azerbaijani Latin -> Russian Cyrillic -> Russian romanisation (Məmmədov -> Mamedov)."""
    return ru.romanise(_SYSTEM.russian(text), scheme)


_SYSTEM = Azerbaijani()
