"""Names written in Latin script (or pinyin) at home: English, Spanish, French, German,
Turkish and Chinese. Their variation is not transliteration but loss of diacritics, ICAO
machine-readable-zone folding (Müller -> MUELLER), dropped second surnames and middle names,
nicknames, word order (Chinese surname first) and typos.
"""

from __future__ import annotations

import itertools
import random
import re

from .identity import Identity, NameSystem, Part, Pools
from .tables import Pool, load
from .translit import strip_diacritics

SUBLOCALES = ("en", "es", "fr", "de", "tr", "zh")
#: ICAO Doc 9303 part 3 transliteration of Latin national characters in the MRZ.
ICAO = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "å": "aa",
        "æ": "ae",
        "ø": "oe",
        "Ä": "AE",
        "Ö": "OE",
        "Ü": "UE",
        "Å": "AA",
        "Æ": "AE",
        "Ø": "OE",
    }
)
TONE = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)
VOWEL = re.compile("[aeiouü]", re.IGNORECASE)


def icao_fold(text: str) -> str:
    return strip_diacritics(text.translate(ICAO))


def pinyin_syllables(word: str) -> list[str]:
    """Split tone-marked pinyin into syllables (Xiǎomíng -> Xiǎo, míng)."""
    marks = [m.start() for m in TONE.finditer(word)]
    if len(marks) < 2:
        return [word]
    cuts = []
    for a, b in itertools.pairwise(marks):
        run = [i for i in range(a + 1, b) if not VOWEL.match(word[i])]
        if not run:
            cuts.append(b)
            continue
        start = run[0]
        if len(run) == 1 or word[start : start + 2].lower() in ("zh", "ch", "sh"):
            cuts.append(start)
        elif len(run) == 2:
            cuts.append(start + 1)
        else:
            cuts.append(start + 2)
    return [word[i:j] for i, j in zip([0, *cuts], [*cuts, len(word)], strict=True)]


class General(NameSystem):
    """general: Western/other names, the namesake and typo cases."""

    locale = "general"
    data_name = "names_general"

    def __init__(self) -> None:
        self.data = load("names_general")
        exp = float(self.data.get("zipf", 0.8))
        self.alt: dict[str, str] = {}
        self._pools = {}
        for sub in SUBLOCALES:
            d = self.data[sub]
            for key in ("male", "female", "surnames"):
                for item in d[key]:
                    native, _, alt = str(item).partition("|")
                    if alt:
                        self.alt[native] = alt
            self._pools[sub] = Pools(
                *(Pool([self.native(x) for x in d[k]], exp) for k in ("male", "female", "surnames"))
            )
        self._pools[""] = self._pools["en"]
        self.nicknames: dict[str, str] = dict(self.data.get("nicknames") or {})

    def regions(self) -> dict[str, float]:
        return dict.fromkeys(SUBLOCALES, 1.0)

    def natural(self, ident: Identity) -> str:
        return "surname_first" if ident.region == "zh" else "given_first"

    def decorate(self, ident: Identity, rng: random.Random) -> Identity:
        pools = self.pools(ident.region)
        given_pool = pools.male if ident.gender == "male" else pools.female
        fields: dict[str, object] = dict(ident.__dict__)
        rate = {"en": 0.45, "de": 0.25, "fr": 0.15, "tr": 0.15}.get(ident.region, 0.0)
        if rng.random() < rate:
            fields["middle"] = given_pool.pick_other(rng, ident.given)
        if ident.region == "es" and rng.random() < 0.85:
            fields["surname2"] = pools.surnames.pick_other(rng, ident.surname_base)
        return Identity(**fields)  # type: ignore[arg-type]

    def alias_variant(
        self, parts: list[Part], ident: Identity, rng: random.Random
    ) -> tuple[str, list[Part]] | None:
        nick = self.nicknames.get(ident.given)
        if not nick:
            return None
        return "nickname", [Part("given", nick) if p.role == "given" else p for p in parts]

    def schemes_a(self, ident: Identity) -> dict[str, float]:
        if ident.region == "zh":
            return {
                "pinyin": 0.6,
                "pinyin_split": 0.12,
                "pinyin_hyphen": 0.1,
                "pinyin_tones": 0.03,
                "native": 0.15,
            }
        return {"native": 0.55, "ascii": 0.25, "icao": 0.2}

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        if ident.region == "zh":
            return {
                "pinyin": 0.35,
                "pinyin_split": 0.15,
                "pinyin_hyphen": 0.15,
                "pinyin_tones": 0.1,
                "native": 0.25,
            }
        return {"native": 0.6, "ascii": 0.3, "icao": 0.1}

    def render(
        self,
        parts: list[Part],
        ident: Identity,
        scheme: str,
        rng: random.Random,
        notes: list[str] | None = None,
    ) -> list[Part]:
        if ident.region == "zh":
            if scheme == "native":
                return parts
            out = []
            for p in parts:
                py = self.alt.get(p.text, p.text)
                syl = pinyin_syllables(py)
                if scheme == "pinyin_split" and p.role == "given":
                    py = " ".join(s.capitalize() for s in syl)
                elif scheme == "pinyin_hyphen" and p.role == "given" and len(syl) > 1:
                    py = syl[0] + "-" + "-".join(s.lower() for s in syl[1:])
                out.append(Part(p.role, py if scheme == "pinyin_tones" else strip_diacritics(py)))
            return out
        if scheme == "ascii":
            return [Part(p.role, strip_diacritics(p.text)) for p in parts]
        if scheme == "icao":
            fold = icao_fold if ident.region == "de" else strip_diacritics
            return [Part(p.role, fold(p.text)) for p in parts]
        return parts
