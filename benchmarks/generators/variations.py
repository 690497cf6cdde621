"""Surface variation of a rendered name: word order, case, initials, joins, typos.

These are the differences that records of the same spelling system still show (a passport
prints SURNAME GIVEN in capitals, a list writes "Surname, Given"; clerks mistype). They are
applied to positives and negatives at the same rates, so that none of them betrays the label.
"""

from __future__ import annotations

import random
import re

from .identity import Part
from .tables import weighted
from .translit import strip_diacritics

GIVEN_SIDE = ("given", "middle", "patronymic")
SURNAME_SIDE = ("surname", "surname2")
UNCASED = re.compile("[\u0600-\u06ff\u10a0-\u10ff\u4e00-\u9fff]")
WORD = re.compile(r"[^\W\d_]{3,}")
LATIN_OR_CYRILLIC = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff]+$")
ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
OCR = (
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("li", "h"),
    ("e", "c"),
    ("c", "e"),
    ("u", "v"),
    ("i", "l"),
    ("l", "i"),
    ("n", "h"),
    ("h", "n"),
    ("ш", "щ"),
    ("и", "п"),
)
PARTICLE_START = re.compile(r"^(bin|ibn|bint|ben|bent|ould|walad|ибн|бин|бинт)\b", re.I)


def _neighbours() -> dict[str, str]:
    table: dict[str, str] = {}
    for r, row in enumerate(ROWS):
        block = ROWS[r - r % 3 : r - r % 3 + 3]
        for i, ch in enumerate(row):
            near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            near += [other[i] for other in block if other is not row and i < len(other)]
            table[ch] = "".join(near)
    return table


NEIGHBOURS = _neighbours()


def upper(text: str) -> str:
    """All caps, leaving uncased scripts (Arabic, Georgian, Han) alone."""
    return text if UNCASED.search(text) else text.upper()


def compose(parts: list[Part], order: str, case: str = "as_is") -> str:
    """Join parts in ``order`` (given_first, surname_first, comma) and ``case``."""
    given = [p.text for p in parts if p.role in GIVEN_SIDE]
    sur = [p.text for p in parts if p.role in SURNAME_SIDE]
    if case == "surname_upper":
        sur = [upper(s) for s in sur]
    if not given or not sur:
        text = " ".join(given + sur)
    elif order == "surname_first":
        text = " ".join(sur + given)
    elif order == "comma":
        text = f"{' '.join(sur)}, {' '.join(given)}"
    else:
        text = " ".join(given + sur)
    return upper(text) if case == "upper" else text


def _match_case(new: str, old: str) -> str:
    return new.upper() if old.isupper() else new


def typo(text: str, rng: random.Random) -> tuple[str, str] | None:
    """One keyboard/OCR slip in one word: substitute, delete, insert, transpose or OCR."""
    spans = [m.span() for m in WORD.finditer(text) if LATIN_OR_CYRILLIC.match(m.group())]
    if not spans:
        return None
    start, end = rng.choice(spans)
    word = text[start:end]
    op = weighted(
        rng, {"substitute": 0.35, "delete": 0.2, "insert": 0.15, "transpose": 0.2, "ocr": 0.1}
    )
    pos = rng.randrange(1, len(word))
    ch = word[pos]
    if op == "ocr":
        hits = [(i, a, b) for a, b in OCR for i in [word.lower().find(a)] if i > 0]
        if hits:
            i, a, b = rng.choice(hits)
            new = word[:i] + _match_case(b, word[i : i + len(a)]) + word[i + len(a) :]
            return text[:start] + new + text[end:], op
        op = "substitute"
    if op == "substitute":
        near = NEIGHBOURS.get(ch.lower(), "")
        if not near:
            return None
        new = word[:pos] + _match_case(rng.choice(near), ch) + word[pos + 1 :]
    elif op == "delete":
        new = word[:pos] + word[pos + 1 :]
    elif op == "insert":
        new = word[:pos] + ch + word[pos:]
    else:
        pos = min(max(pos, 1), len(word) - 2)
        new = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    if new == word:
        return None
    return text[:start] + new + text[end:], op


def initials(parts: list[Part], rng: random.Random) -> tuple[list[Part], str] | None:
    """Reduce the first name, or the middle name/patronymic, to an initial."""
    roles = [p.role for p in parts if p.role in ("middle", "patronymic")]
    role = rng.choice(roles) if roles and rng.random() < 0.6 else "given"
    out = []
    for p in parts:
        if p.role == role:
            letter = next((c for c in p.text if c.isalpha() and c not in "ʻʼʿʾ"), "")
            if not letter or UNCASED.search(letter):
                return None
            out.append(Part(p.role, letter.upper() + "."))
        else:
            out.append(p)
    return out, role


def rejoin(parts: list[Part], rng: random.Random) -> tuple[list[Part], str] | None:
    """Change how a compound part is joined: spaces, hyphens or written solid."""
    candidates = [
        i for i, p in enumerate(parts)
        if p.role in ("given", "surname", "surname2") and re.search(r"[ \-]", p.text)
        and not PARTICLE_START.match(p.text)
    ]  # fmt: skip
    if not candidates:
        return None
    i = rng.choice(candidates)
    text = parts[i].text
    how = rng.choice(["space" if "-" in text else "hyphen", "solid"])
    if how == "solid":
        new = re.sub(r"[ \-](\w)", lambda m: m.group(1).lower(), text)
    elif how == "space":
        new = text.replace("-", " ")
    else:
        new = text.replace(" ", "-")
    if new == text:
        return None
    return [*parts[:i], Part(parts[i].role, new), *parts[i + 1 :]], how


def strip(parts: list[Part]) -> list[Part] | None:
    out = [Part(p.role, strip_diacritics(p.text)) for p in parts]
    return out if out != parts else None
