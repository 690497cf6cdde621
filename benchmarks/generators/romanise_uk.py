"""Ukrainian names: KMU 2010 (passport standard), BGN/PCGN, and Russian-mediated forms.

Agencies that work in Russian record Ukrainians under the Russian form of their name
(Олександр -> Александр -> Aleksandr), so a Ukrainian identity also yields Russian Cyrillic
and every Russian romanisation of it.
"""

from __future__ import annotations

import random

from . import romanise_ru as ru
from .identity import Identity, NameSystem, Part
from .tables import load
from .translit import Table

CYR = load("translit_cyrillic")
KMU_2010 = Table(CYR["kmu_2010"])
BGN_PCGN_UK = Table(CYR["bgn_pcgn_uk"])
UK_TO_RU = Table(CYR["uk_to_ru"])

FEMININE_UK = (
    ("ський", "ська"),
    ("цький", "цька"),
    ("зький", "зька"),
    ("ий", "а"),
    ("ов", "ова"),
    ("ьов", "ьова"),
    ("ев", "ева"),
    ("єв", "єва"),
    ("ін", "іна"),
    ("ин", "ина"),
)
RUSSIAN_SCHEMES = ("icao_doc_9303", "mvd_782", "bgn_pcgn", "wikipedia", "mvd_310")


def kmu_2010(text: str) -> str:
    """Official Ukrainian passport transliteration (Cabinet of Ministers resolution 55/2010)."""
    return KMU_2010(text)


def patronymic(father: str, gender: str, irregular: dict[str, list[str]]) -> str:
    """Ukrainian patronymic: -ович/-івна (Іван -> Іванович/Іванівна, Сергій -> Сергіївна)."""
    female = gender == "female"
    if father in irregular:
        return irregular[father][1 if female else 0]
    if father.endswith("ій"):
        return father[:-1] + ("ївна" if female else "йович")
    if father.endswith(("о", "ь")):
        stem = father[:-1]
        if father.endswith("ь") and not female:
            stem = father
        return stem + ("івна" if female else "ович")
    return father + ("івна" if female else "ович")


class Ukrainian(NameSystem):
    """uk: Ukrainian citizens, Ukrainian-language names."""

    locale = "uk"
    data_name = "names_uk"
    patronymic_rate = 0.9

    def surname(self, base: str, gender: str) -> str:
        return ru.feminine(base, FEMININE_UK) if gender == "female" else base

    def patronymic(self, ident: Identity) -> str:
        if not self.has_patronymic(ident.style):
            return ""
        return patronymic(ident.father, ident.gender, self.data.get("patronymic") or {})

    def to_russian(self, parts: list[Part], ident: Identity) -> list[Part]:
        """The name as a Russian-language record writes it."""
        out = []
        for p in parts:
            if p.role == "given":
                text = self.alt.get(p.text) or UK_TO_RU(p.text)
            elif p.role == "patronymic":
                father = self.alt.get(ident.father) or UK_TO_RU(ident.father)
                irregular = load("names_ru").get("patronymic") or {}
                text = ru.patronymic(father, ident.gender, irregular)
            elif p.role == "surname":
                text = UK_TO_RU(ident.surname_base)
                text = ru.feminine(text) if ident.gender == "female" else text
            else:
                text = UK_TO_RU(p.text)
            out.append(Part(p.role, text))
        return out

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "kmu_2010": 0.62,
            "bgn_pcgn_uk": 0.06,
            "native": 0.12,
            "ru:icao_doc_9303": 0.1,
            "ru:mvd_782": 0.05,
            "ru:native": 0.05,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "kmu_2010": 0.14,
            "bgn_pcgn_uk": 0.16,
            "native": 0.2,
            "ru:native": 0.12,
            "ru:icao_doc_9303": 0.08,
            "ru:bgn_pcgn": 0.1,
            "ru:wikipedia": 0.08,
            "ru:mvd_310": 0.04,
            "ru:german": 0.04,
            "ru:french": 0.04,
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
        if scheme == "kmu_2010":
            return [Part(p.role, KMU_2010(p.text)) for p in parts]
        if scheme == "bgn_pcgn_uk":
            return [Part(p.role, BGN_PCGN_UK(p.text)) for p in parts]
        russian = self.to_russian(parts, ident)
        sub = scheme.removeprefix("ru:")
        if sub == "native":
            return russian
        return [Part(p.role, ru.romanise(p.text, sub)) for p in russian]
