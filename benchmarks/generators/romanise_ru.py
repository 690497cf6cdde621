"""Russian names: native Cyrillic rendered through the real romanisation systems.

Most renderings come from the ``iuliia`` package, which implements the published systems
(ICAO Doc 9303 as used in Russian passports since 2013, MVD 782/310 of earlier passports,
BGN/PCGN, ALA-LC, GOST 7.79 = ISO 9, Wikipedia/English practice, French MVD 310, ...).
German and traditional French transcriptions, which iuliia lacks, are small tables in
``data/translit_cyrillic.yml``.
"""

from __future__ import annotations

import random

import iuliia

from .identity import Identity, NameSystem, Part
from .tables import load
from .translit import Table

IULIIA = {
    "icao_doc_9303": iuliia.ICAO_DOC_9303,
    "gost_52535": iuliia.GOST_52535,
    "mvd_782": iuliia.MVD_782,
    "mvd_310": iuliia.MVD_310,
    "mvd_310_fr": iuliia.MVD_310_FR,
    "bgn_pcgn": iuliia.BGN_PCGN,
    "bs_2979": iuliia.BS_2979_ALT,
    "wikipedia": iuliia.WIKIPEDIA,
    "ala_lc": iuliia.ALA_LC,
    "ala_lc_alt": iuliia.ALA_LC_ALT,
    "gost_779": iuliia.GOST_779,
    "scientific": iuliia.SCIENTIFIC,
    "telegram": iuliia.TELEGRAM,
}
CYR = load("translit_cyrillic")
TABLES = {name: Table(CYR[name]) for name in ("german", "french")}
VOWELS_RU = set("аеёиоуыэюя")

#: (masculine ending, feminine ending); first match wins, so longer endings come first.
FEMININE_RU = (
    ("ский", "ская"),
    ("цкий", "цкая"),
    ("ой", "ая"),
    ("ый", "ая"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ёв", "ёва"),
    ("ин", "ина"),
    ("ын", "ына"),
)


def romanise(text: str, scheme: str) -> str:
    """Russian Cyrillic -> Latin in ``scheme`` (an iuliia schema or german/french)."""
    if scheme in TABLES:
        return TABLES[scheme](text)
    out: str = IULIIA[scheme].translate(text)
    # iuliia leaves ё untouched in a few schemas (BGN/PCGN, BS 2979): they mean ë.
    return out.replace("ё", "ë").replace("Ё", "Ë")


def feminine(surname: str, table: tuple[tuple[str, str], ...] = FEMININE_RU) -> str:
    """Feminine form of a surname; surnames outside the table are invariant (Черных)."""
    for masc, fem in table:
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    return surname


def patronymic(father: str, gender: str, irregular: dict[str, list[str]]) -> str:
    """Russian patronymic by the standard derivation rules (Сергей -> Сергеевич/Сергеевна)."""
    female = gender == "female"
    if father in irregular:
        return irregular[father][1 if female else 0]
    if father.endswith("ий"):
        stem = father[:-2].lower()
        clustered = len(stem) >= 2 and stem[-1] not in VOWELS_RU and stem[-2] not in VOWELS_RU
        base = father[:-2] + ("иев" if clustered else "ьев")
    elif father.endswith(("ей", "ай")) or father.endswith("ь"):
        base = father[:-1] + "ев"
    elif father[-1] in "жшчщц":
        base = father + "ев"
    elif father[-1] in "ая":
        return father[:-1] + ("ична" if female else "ич")
    else:
        base = father + "ов"
    return base + ("на" if female else "ич")


class Russian(NameSystem):
    """ru: Russian citizens and other Russian-named people."""

    locale = "ru"
    data_name = "names_ru"
    patronymic_rate = 0.92

    def surname(self, base: str, gender: str) -> str:
        return feminine(base) if gender == "female" else base

    def patronymic(self, ident: Identity) -> str:
        if not self.has_patronymic(ident.style):
            return ""
        return patronymic(ident.father, ident.gender, self.data.get("patronymic") or {})

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "icao_doc_9303": 0.42,
            "mvd_782": 0.14,
            "mvd_310": 0.08,
            "gost_52535": 0.04,
            "bgn_pcgn": 0.1,
            "wikipedia": 0.06,
            "telegram": 0.04,
            "native": 0.12,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "bgn_pcgn": 0.18,
            "wikipedia": 0.12,
            "icao_doc_9303": 0.08,
            "mvd_782": 0.04,
            "ala_lc_alt": 0.05,
            "ala_lc": 0.02,
            "gost_779": 0.03,
            "scientific": 0.02,
            "bs_2979": 0.03,
            "mvd_310_fr": 0.06,
            "french": 0.06,
            "german": 0.08,
            "native": 0.23,
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
        return [Part(p.role, romanise(p.text, scheme)) for p in parts]


def soviet_patronymic(father_ru: str, gender: str) -> str:
    """-ович/-евич patronymic that Soviet/Russian records attach to non-Slavic names.

    Vowel-final names take -евич (Абдулла -> Абдуллаевич, Мирзо -> Мирзоевич), consonant-
    final ones -ович (Шариф -> Шарифович), as in Central Asian and Caucasian documents.
    """
    female = gender == "female"
    if father_ru[-1] in "йь":
        return father_ru[:-1] + ("евна" if female else "евич")
    if father_ru[-1] in VOWELS_RU:
        return father_ru + ("евна" if female else "евич")
    return father_ru + ("овна" if female else "ович")
