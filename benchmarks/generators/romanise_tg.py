"""Tajik names: Tajik national Latin, BGN/PCGN 1994, and Russian-passport spellings.

Russian-issued and Soviet-era documents write Tajik names through Russian Cyrillic
(Ҷамшед -> Джамшед -> Dzhamshed), while Tajik passports use the national Latin
(Jamshed). Surnames also changed form after 2007 (Раҳимов -> Раҳимзода), so one person
can be listed under both.
"""

from __future__ import annotations

import random

from . import romanise_ru as ru
from .identity import Identity, NameSystem, Part
from .tables import load
from .translit import Table

CYR = load("translit_cyrillic")
TJ_NATIONAL = Table(CYR["tj_national"])
BGN_PCGN_TG = Table(CYR["bgn_pcgn_tg"])
TG_TO_RU = Table(CYR["tg_to_ru"])
FEMININE_TG = (("ов", "ова"), ("ев", "ева"))


def tj_national(text: str) -> str:
    """Tajik Cyrillic -> the Latin spelling of Tajik passports."""
    return TJ_NATIONAL(text)


def russian_style(text: str) -> str:
    """Tajik Cyrillic -> Russian Cyrillic -> ICAO Latin (Ҷамшед -> Dzhamshed)."""
    return ru.romanise(TG_TO_RU(text), "icao_doc_9303")


def alternate_surname(surname: str) -> str | None:
    """The other surname form the same family uses: Soviet -ов/-ев <-> Tajik -зода."""
    if surname.endswith("зода"):
        return surname[:-4] + ("ев" if surname[-5] in "оиӣ" else "ов")
    for end in ("ов", "ев"):
        if surname.endswith(end) and len(surname) > 4:
            return surname[: -len(end)] + "зода"
    return None


class Tajik(NameSystem):
    """tg: Tajik citizens and Tajik-named people."""

    locale = "tg"
    data_name = "names_tg"
    patronymic_rate = 0.6

    def surname(self, base: str, gender: str) -> str:
        return ru.feminine(base, FEMININE_TG) if gender == "female" else base

    def patronymic(self, ident: Identity) -> str:
        if not self.has_patronymic(ident.style):
            return ""
        father = ident.father
        if father.endswith("ӣ"):
            father = father[:-1] + "и"
        return ru.soviet_patronymic(father, ident.gender)

    def alias_variant(
        self, parts: list[Part], ident: Identity, rng: random.Random
    ) -> tuple[str, list[Part]] | None:
        alt = alternate_surname(ident.surname_base)
        if not alt:
            return None
        sur = self.surname(alt, ident.gender)
        return "surname_form", [Part(p.role, sur) if p.role == "surname" else p for p in parts]

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "tj_national": 0.55,
            "bgn_pcgn_tg": 0.03,
            "native": 0.12,
            "ru:icao_doc_9303": 0.15,
            "ru:mvd_782": 0.05,
            "ru:native": 0.1,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "tj_national": 0.16,
            "bgn_pcgn_tg": 0.12,
            "native": 0.2,
            "ru:native": 0.12,
            "ru:icao_doc_9303": 0.1,
            "ru:bgn_pcgn": 0.12,
            "ru:wikipedia": 0.08,
            "ru:mvd_310": 0.05,
            "ru:german": 0.03,
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
        if scheme == "tj_national":
            return [Part(p.role, TJ_NATIONAL(p.text)) for p in parts]
        if scheme == "bgn_pcgn_tg":
            return [Part(p.role, BGN_PCGN_TG(p.text)) for p in parts]
        zade = rng.random() < 0.2
        if zade and notes is not None and any(p.text.endswith("зода") for p in parts):
            notes.append("zoda=zade")
        out = []
        for p in parts:
            text = TG_TO_RU(p.text)
            if zade and text.endswith("зода"):
                text = text[:-4] + "заде"
            out.append(Part(p.role, text))
        sub = scheme.removeprefix("ru:")
        if sub == "native":
            return out
        return [Part(p.role, ru.romanise(p.text, sub)) for p in out]
