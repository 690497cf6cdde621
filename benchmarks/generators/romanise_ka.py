"""Georgian names: the national system, BGN/PCGN 2009 and 1981, ISO 9984, Russian forms.

Georgian has no letter case and no gendered surnames; Soviet and Russian records add a
patronymic built on the father's Georgian name (Михаил Николозович Саакашвили) and use
Russian equivalents of some first names (გიორგი -> Георгий).
"""

from __future__ import annotations

import random

from . import romanise_ru as ru
from .identity import Identity, NameSystem, Part
from .tables import load
from .translit import Table, capitalise

KA = load("translit_georgian")
SYSTEMS = {
    name: Table(KA[name]) for name in ("national", "bgn_pcgn_2009", "bgn_pcgn_1981", "iso_9984")
}
TO_RUSSIAN = Table(KA["to_russian"])


def romanise(text: str, scheme: str = "national") -> str:
    """Georgian -> Latin, lower case as the standards print it (სააკაშვილი -> saakashvili)."""
    return SYSTEMS[scheme](text)


class Georgian(NameSystem):
    """ka: Georgian citizens and Georgian-named people."""

    locale = "ka"
    data_name = "names_ka"
    #: Share of identities whose Russian-language records carry a patronymic.
    russian_patronymic_rate = 0.4

    def russian_given(self, name: str) -> str:
        return self.alt.get(name) or TO_RUSSIAN(name).capitalize()

    def to_russian(self, parts: list[Part], ident: Identity) -> list[Part]:
        out = [Part(p.role, self.alt.get(p.text) or capitalise(TO_RUSSIAN(p.text))) for p in parts]
        if random.Random(ident.style).random() < self.russian_patronymic_rate:
            if ident.father in self.alt:  # Russian-equivalent name: Russian derivation
                irregular = load("names_ru").get("patronymic") or {}
                pat = ru.patronymic(self.alt[ident.father], ident.gender, irregular)
            else:  # Soviet practice: Georgian name + -ович (Николозович)
                father = capitalise(TO_RUSSIAN(ident.father))
                pat = ru.soviet_patronymic(father, ident.gender)
            out.insert(1, Part("patronymic", pat))
        return out

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        return {
            "national": 0.62,
            "bgn_pcgn_2009": 0.05,
            "iso_9984": 0.02,
            "native": 0.12,
            "ru:icao_doc_9303": 0.08,
            "ru:mvd_782": 0.04,
            "ru:native": 0.07,
        }

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        return {
            "national": 0.15,
            "bgn_pcgn_2009": 0.12,
            "bgn_pcgn_1981": 0.08,
            "iso_9984": 0.05,
            "native": 0.2,
            "ru:native": 0.12,
            "ru:bgn_pcgn": 0.1,
            "ru:wikipedia": 0.08,
            "ru:icao_doc_9303": 0.06,
            "ru:german": 0.02,
            "ru:french": 0.02,
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
        if scheme in SYSTEMS:
            return [Part(p.role, capitalise(romanise(p.text, scheme))) for p in parts]
        russian = self.to_russian(parts, ident)
        sub = scheme.removeprefix("ru:")
        if sub == "native":
            return russian
        return [Part(p.role, ru.romanise(p.text, sub)) for p in russian]
