"""Uzbek names: official Latin (1995) with its apostrophe variants, and Russian forms.

The official letters oʻ gʻ use U+02BB, but records show ‘ ' ` or drop it altogether; a
Russian-issued document goes through Russian Cyrillic instead (Ўткир -> Уткир -> Utkir,
Улуғбек -> Улугбек -> Ulugbek) and replaces "ўғли/қизи" with -ович/-овна.
"""

from __future__ import annotations

import random

from . import romanise_ru as ru
from .identity import Identity, NameSystem, Part
from .tables import choose, load
from .translit import Table

CYR = load("translit_cyrillic")
UZ_LATIN = Table(CYR["uz_latin"])
BGN_PCGN_UZ = Table(CYR["bgn_pcgn_uz"])
UZ_TO_RU = Table(CYR["uz_to_ru"])
FEMININE_UZ = (("ов", "ова"), ("ев", "ева"))
#: How records write the turned comma of oʻ/gʻ: official U+02BB, quotes, backtick, nothing.
APOSTROPHES = {"ʻ": 0.35, "‘": 0.25, "'": 0.25, "`": 0.05, "": 0.1}
SON, DAUGHTER = "ўғли", "қизи"


def uz_latin(text: str, apostrophe: str = "ʻ") -> str:
    """Uzbek Cyrillic -> official Uzbek Latin, with ``apostrophe`` for the ʻ of oʻ/gʻ."""
    out = UZ_LATIN(text)
    return out.replace("ʻ", apostrophe).replace("ʼ", "’" if apostrophe else "")


class Uzbek(NameSystem):
    """uz: Uzbek citizens and Uzbek-named people."""

    locale = "uz"
    data_name = "names_uz"
    patronymic_rate = 0.7

    def surname(self, base: str, gender: str) -> str:
        return ru.feminine(base, FEMININE_UZ) if gender == "female" else base

    def patronymic(self, ident: Identity) -> str:
        if not self.has_patronymic(ident.style):
            return ""
        return f"{ident.father} {DAUGHTER if ident.gender == 'female' else SON}"

    def to_russian(self, parts: list[Part], ident: Identity) -> list[Part]:
        out = []
        for p in parts:
            if p.role == "patronymic":
                text = ru.soviet_patronymic(UZ_TO_RU(ident.father), ident.gender)
            else:
                text = UZ_TO_RU(p.text)
            out.append(Part(p.role, text))
        return out

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "uz_latin": 0.35,
            "uz_passport": 0.25,
            "bgn_pcgn_uz": 0.03,
            "native": 0.12,
            "ru:icao_doc_9303": 0.1,
            "ru:mvd_782": 0.1,
            "ru:native": 0.05,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "uz_latin": 0.16,
            "uz_passport": 0.08,
            "bgn_pcgn_uz": 0.1,
            "native": 0.2,
            "ru:native": 0.12,
            "ru:bgn_pcgn": 0.1,
            "ru:icao_doc_9303": 0.08,
            "ru:wikipedia": 0.08,
            "ru:mvd_310": 0.04,
            "ru:german": 0.04,
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
        if scheme in ("uz_latin", "uz_passport"):
            spec = APOSTROPHES if scheme == "uz_latin" else {"'": 0.5, "": 0.5}
            mark = choose(rng, spec)
            if notes is not None and scheme == "uz_latin" and mark != "ʻ":
                notes.append(f"apostrophe={mark or 'none'}")
            return [Part(p.role, uz_latin(p.text, mark)) for p in parts]
        if scheme == "bgn_pcgn_uz":
            return [Part(p.role, BGN_PCGN_UZ(p.text)) for p in parts]
        russian = self.to_russian(parts, ident)
        sub = scheme.removeprefix("ru:")
        if sub == "native":
            return russian
        return [Part(p.role, ru.romanise(p.text, sub)) for p in russian]
