"""Arabic-origin names (Arab world, Afghanistan, Pakistan) as one locale.

An identity is ism + nasab (bin/bint + father, sometimes grandfather) + family name or nisba,
optionally a kunya (Abu X) used as an alias. Structure differs by region: Gulf names chain
with "bin", Levantine and Egyptian ones drop it (Mohamed Ahmed Hassan), Maghreb family names
often start with Ben/Bou, Afghan and Pakistani names rarely carry a nasab. Spellings come
from arabic_roman (conventions) and arabic_script (native script).
"""

from __future__ import annotations

import random
from dataclasses import replace

from . import romanise_ru as ru
from .arabic_roman import make_style, roman_part
from .arabic_script import to_script
from .identity import Identity, NameSystem, Part, Pools
from .tables import Pool, interleave

#: Per region: chance of a family name, of a nasab, of a grandfather in it, "bin" or bare.
STRUCTURE = {
    "gulf": (0.9, 0.85, 0.4, True),
    "levant": (0.85, 0.6, 0.2, False),
    "egypt": (0.5, 0.9, 0.5, False),
    "maghreb": (0.97, 0.2, 0.0, True),
    "afpk": (0.65, 0.15, 0.0, True),
}
OWN = {
    "gulf": "english",
    "levant": "english",
    "egypt": "egyptian",
    "maghreb": "french",
    "afpk": "persian",
}
LATIN_B = {
    "english": 0.18,
    "alalc": 0.1,
    "french": 0.07,
    "persian": 0.07,
    "egyptian": 0.05,
    "central_asian": 0.08,
    "turkish": 0.07,
    "russian": 0.07,
    "ru:icao_doc_9303": 0.05,
    "ru:bgn_pcgn": 0.06,
    "native": 0.2,
}


class Arabic(NameSystem):
    """ar: Arabic-origin names rendered from Arabic script conventions."""

    locale = "ar"
    data_name = "names_ar"

    def __init__(self) -> None:
        super().__init__()
        d, exp = self.data, float(self.data.get("zipf", 1.0))
        for region in STRUCTURE:
            extra = region if region in ("maghreb", "afpk") else ""

            def pool(key: str, region_key: str = extra) -> Pool:
                items = [str(x) for x in d[key]]
                if region_key:
                    items = interleave(items, [str(x) for x in d[f"{key}_{region_key}"]])
                return Pool(items, exp)

            surnames = (
                Pool([str(x) for x in d[f"surnames_{extra}"]], 0.8)
                if extra
                else Pool([str(x) for x in d["surnames"]], 0.8)
            )
            self._pools[region] = Pools(pool("male"), pool("female"), surnames)

    def regions(self) -> dict[str, float]:
        return {"gulf": 0.22, "levant": 0.2, "egypt": 0.14, "maghreb": 0.2, "afpk": 0.24}

    def _structure(self, ident: Identity) -> tuple[bool, bool, bool, bool]:
        fam, nasab, grand, with_bin = STRUCTURE[ident.region]
        r = random.Random(ident.style)
        has_family = r.random() < fam
        has_nasab = r.random() < nasab or not has_family
        return has_family, has_nasab, has_nasab and r.random() < grand, with_bin

    def patronymic(self, ident: Identity) -> str:
        _, has_nasab, grand, with_bin = self._structure(ident)
        if not has_nasab:
            return ""
        first = "bint" if ident.gender == "female" else "bin"
        chain = f"{first} {ident.father}" if with_bin else ident.father
        if grand:
            chain += f" bin {ident.grandfather}" if with_bin else f" {ident.grandfather}"
        return chain

    def parts(self, ident: Identity) -> list[Part]:
        parts = [Part("given", ident.given)]
        pat = self.patronymic(ident)
        if pat:
            parts.append(Part("patronymic", pat))
        if self._structure(ident)[0]:
            parts.append(Part("surname", ident.surname_base))
        return parts

    def decorate(self, ident: Identity, rng: random.Random) -> Identity:
        if ident.gender == "male" and rng.random() < 0.15:
            son = self.pools(ident.region).male.pick(rng)
            return replace(ident, kunya=f"abū {son}")
        return ident

    def drop_particles(self, parts: list[Part]) -> list[Part] | None:
        """Without "bin"/"bint" and without the article of the family name."""
        out = []
        for p in parts:
            words = p.text.split()
            if p.role == "patronymic":
                words = [w for w in words if w not in ("bin", "bint")]
            elif p.role == "surname" and words[0].startswith("al-"):
                words[0] = words[0][3:]
            out.append(Part(p.role, " ".join(words)))
        return out if out != parts else None

    def alias_variant(
        self, parts: list[Part], ident: Identity, rng: random.Random
    ) -> tuple[str, list[Part]] | None:
        if not ident.kunya:
            return None
        fam = [p for p in parts if p.role == "surname"]
        return "kunya", [Part("given", ident.kunya), *fam[: rng.random() < 0.5]]

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        own = OWN[ident.region]
        weights = {own: 0.7, "english": 0.12, "alalc": 0.03, "native": 0.13}
        if own == "english":
            weights.update({"egyptian": 0.05, "french": 0.04, "english": 0.72})
        return weights

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        weights = dict(LATIN_B)
        weights[OWN[ident.region]] += 0.12
        return weights

    def render(
        self,
        parts: list[Part],
        ident: Identity,
        scheme: str,
        rng: random.Random,
        notes: list[str] | None = None,
    ) -> list[Part]:
        if scheme == "native":
            return [Part(p.role, to_script(p.text, ident.region == "afpk")) for p in parts]
        convention = "russian" if scheme.startswith("ru:") else scheme
        style = make_style(convention, rng)
        out = [Part(p.role, roman_part(p.text, style, p.role)) for p in parts]
        if scheme.startswith("ru:"):
            out = [Part(p.role, ru.romanise(p.text, scheme[3:])) for p in out]
        return out
