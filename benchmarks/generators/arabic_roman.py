"""Rule-based romanisation of vocalised Arabic names under one convention.

A :class:`Style` fixes, for one rendered name, the choices a convention leaves open (kh or
x, Abdul or Abdur, al- or as-), drawn from ``data/arabic_conventions.yml``; vowels are drawn
per word. Consonant and vowel values, article assimilation before sun letters, compound
linking vowels (Abdur-, Nureddine, Nuriddin), theophoric -ullah, French -ss-/-ane and
Turkish final devoicing are all applied by rule -- there is no list of whole spellings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .arabic_script import CONSONANTS, LONG, PARTICLES, SHORT, SUN, tokenize
from .tables import choose, load

CONVENTIONS: dict[str, dict[str, Any]] = load("arabic_conventions")
VOWELS = SHORT | LONG
APOSTROPHES = frozenset("ʻʼʿʾ'’‘`")


def _compounds() -> frozenset[str]:
    """Two-word names that are one compound (nūr al-dīn), as opposed to name + family name."""
    data = load("names_ar")
    items = [str(x) for key, vals in data.items() if isinstance(vals, list) for x in vals]
    return frozenset(x for x in items if len(x.split()) == 2 and x.split()[0] not in PARTICLES)


COMPOUNDS = _compounds()
#: Compound templates that only suit ʿabd (Abdul X); other first words link with -u{S}-.
NON_ABD = {
    "{W}ul {X}": "{W} u{S}-{X}",
    "{W}ul-{X}": "{W}-u{S}-{X}",
    "{W}ul{x}": "{W}u{S}{x}",
    "{W}el {X}": "{W} El {X}",
    "{W}ül{x}": "{W}e{S}{x}",
    "{W}ул{x}": "{W}у{S}{x}",
}


@dataclass
class Style:
    """The choices of one rendering, so that all parts of a name agree."""

    name: str
    conv: dict[str, Any]
    cons: dict[str, str]
    seed: int
    double: bool
    devoice: bool
    taa: str
    article: str
    compound: str
    compound_abd: str
    allah: str
    particles: dict[str, str]
    family_join: bool
    drop_glide: bool

    def vowel(self, vowel: str, word: str) -> str:
        table = self.conv["short"] if vowel in SHORT else self.conv["long"]
        spec = table.get(vowel, vowel)
        return choose(random.Random(f"{self.seed}:{word}:{vowel}"), spec)


def make_style(name: str, rng: random.Random) -> Style:
    conv = CONVENTIONS[name]
    compound = choose(rng, conv["compound"])
    return Style(
        name=name,
        conv=conv,
        cons={k: choose(rng, v) for k, v in conv["cons"].items()},
        seed=rng.getrandbits(32),
        double=rng.random() < float(conv["double"]),
        devoice=bool(conv.get("devoice")) and rng.random() < 0.6,
        taa=choose(rng, conv["taa"]),
        article=choose(rng, conv["article"]),
        compound=compound,
        compound_abd=choose(rng, conv["compound_abd"]) if "compound_abd" in conv else compound,
        allah=choose(rng, conv["allah"]),
        particles={k: choose(rng, v) for k, v in conv["particles"].items()},
        family_join=rng.random() < 0.5,
        drop_glide=rng.random() < float(conv.get("glide_drop", 0.0)),
    )


def cap(word: str, style: Style) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha() and ch not in APOSTROPHES:
            up = "İ" if ch == "i" and style.conv.get("turkish_i") else ch.upper()
            return word[:i] + up + word[i + 1 :]
    return word


def _cons(tok: str, style: Style) -> str:
    return style.cons.get(tok, tok)


def roman_word(word: str, style: Style, final: bool = True) -> str:
    """One vocalised word (no article) in lower case under ``style``.

    ``final`` is false for the first element of a compound (ʿabd in ʿabd al-raḥmān), which
    takes neither final devoicing nor the final-syllable a -> e shift.
    """
    conv, cyr = style.conv, bool(style.conv.get("cyrillic"))
    toks = tokenize(word)
    n = len(toks)
    vowels = [i for i, t in enumerate(toks) if t in VOWELS]
    polysyllabic = len(vowels) >= 2
    last_a = vowels[-1] if vowels and toks[vowels[-1]] == "a" and polysyllabic else -1
    e_final = final and random.Random(f"{style.seed}:{word}:e").random() < float(conv["final_a_e"])
    out: list[str] = []
    i = 0
    while i < n:
        tok, prev = toks[i], toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < n else ""
        after = toks[i + 2] if i + 2 < n else ""
        if tok in CONSONANTS:
            edge = i == 0 or (i == n - 1 and tok == "ʾ")
            if edge and tok in "ʿʾ" and not conv.get("keep_initial_ain"):
                i += 1
                continue
            if cyr and tok == "y" and nxt == "y" and after in VOWELS:
                out.append("й" if style.double else "")  # Рукайя / Рукая
                i += 1
                continue
            if cyr and tok == "y" and nxt in VOWELS:
                iot = {"a": "я", "ā": "я", "á": "я", "u": "ю", "ū": "ю"}.get(
                    nxt, "и" if prev == "y" else "йи"
                )
                soft = prev in CONSONANTS and prev != "y"
                out.append(("ь" if soft else "") + iot)
                i += 2
                continue
            if tok == "y" and prev == "i" and nxt in VOWELS and style.drop_glide:
                i += 1  # Ziyād -> Ziad, Ḍiyāʾ -> Zia
                continue
            rep = _cons(tok, style)
            if style.devoice and final and i == n - 1 and tok in "db":
                rep = {"d": "t", "b": "p"}[tok]
            if nxt == tok:
                out.append(rep + (rep if style.double and len(rep) == 1 else ""))
                i += 2
                continue
            if conv.get("fr_ss") and tok == "s" and prev in VOWELS and nxt in VOWELS:
                rep = "ss"
            if conv.get("nasal_e") and polysyllabic and tok == "n" and i == n - 1 and prev in LONG:
                rep += "e"
            out.append(rep)
        elif tok in SHORT:
            if tok == "a" and nxt in ("y", "w") and after not in VOWELS and after != nxt:
                out.append(choose(random.Random(f"{style.seed}:{word}:d"), conv["diph"][tok + nxt]))
                if conv.get("nasal_e") and polysyllabic and after == "n" and i + 3 == n:
                    out.append(_cons("n", style) + "e")
                    i += 1
                i += 2
                continue
            if tok == "a" and nxt == "ẗ":
                out.append(style.taa if not cyr else "а")
                i += 2
                continue
            rep = style.vowel(tok, word)
            if tok == "a" and i == last_a and e_final and i < n - 1:
                rep = "е" if cyr else "e"
            out.append(rep)
        elif tok in LONG:
            out.append(style.vowel(tok, word))
        i += 1
    return "".join(out)


def _assimilated(second: str, style: Style, key: str) -> str:
    toks = tokenize(second)
    if toks and toks[0] in SUN and toks[0] != "l":
        return _cons(toks[0], style)
    return str(style.conv.get(key, "l"))


def fill(template: str, first: str, second: str, style: Style, key: str) -> str:
    """Expand a compound/article template for ``first`` (may be "") + al- + ``second``."""
    x = roman_word(second, style)
    s = _assimilated(second, style, "article_l" if "{S}-" in template else key)
    if not style.double and "{S}{x}" in template and x.startswith(s):
        s = ""
    text = template.replace("{S}", s).replace("{x}", x).replace("{X}", cap(x, style))
    return text.replace("{W}", cap(roman_word(first, style, False), style) if first else "")


def roman_part(text: str, style: Style, role: str = "") -> str:
    """A whole name part: particles, compounds (ʿabd al-X, X allāh), article, plain words."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in PARTICLES:
            part = style.particles.get(w, w)
            if role == "surname" and w in ("bin", "bū") and nxt and style.family_join:
                joined = part + roman_word(nxt.removeprefix("al-"), style)
                out.append(cap(joined.lower(), style))
                i += 2
                continue
            out.append(part)
        elif nxt == "allāh":
            out.append(style.allah.replace("{W}", cap(roman_word(w, style, False), style)))
            i += 1
        elif nxt.startswith("al-") and (w == "ʿabd" or f"{w} {nxt}" in COMPOUNDS):
            template = style.compound_abd if w == "ʿabd" else style.compound
            if w != "ʿabd":
                template = NON_ABD.get(template, template)
            out.append(fill(template, w, nxt[3:], style, "compound_l"))
            i += 1
        elif w.startswith("al-"):
            out.append(fill(style.article, "", w[3:], style, "article_l"))
        else:
            out.append(cap(roman_word(w, style), style))
        i += 1
    return " ".join(out)


def romanise(text: str, convention: str, seed: int = 0) -> str:
    """Convenience: render ``text`` under ``convention`` with choices drawn from ``seed``."""
    return roman_part(text, make_style(convention, random.Random(seed)))
