"""Different people who look alike: namesakes, relatives, near-miss names, strangers.

Each is built from the screened person's identity so that the overlap is the realistic one:
a namesake shares the whole native name (often the nationality too) but not the birth date or
passport; a relative shares the family name and, through the father's name, the patronymic
or nasab; a "similar" person shares the first name or has a surname a letter or two away.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from rapidfuzz.distance import Levenshtein

from .identity import Identity, NameSystem, new_identity, new_uid, passport_number, shift_years
from .records import namesake_date
from .tables import weighted

LAST = date(2005, 12, 31)
VOWELS = frozenset("aeiouāīūáəıöüаеёиоуыэюяіїєӣӯўაეიოუ")


def namesake(system: NameSystem, base: Identity, rng: random.Random, var: list[str]) -> Identity:
    d, mode = namesake_date(base.birth_date, rng)
    var.append(f"namesake={mode}")
    nat = base.nationality
    if rng.random() < 0.25:
        nat = weighted(rng, system.nationalities(base.region))
    other = replace(
        base, uid=new_uid(rng), birth_date=d, nationality=nat, passport=passport_number(rng, nat)
    )
    has_family = any(p.role == "surname" for p in system.parts(base))
    if has_family and rng.random() < 0.4:  # same name and surname, another father
        male = system.pools(base.region).male
        other = replace(other, father=male.pick_other(rng, base.father), grandfather=male.pick(rng))
        var.append("namesake=other_father")
    return other


def relative(system: NameSystem, base: Identity, rng: random.Random, var: list[str]) -> Identity:
    rel = weighted(rng, {"parent": 0.4, "child": 0.25, "sibling": 0.35})
    if rel == "child" and base.birth_date.year > 1983:
        rel = "sibling"
    pools = system.pools(base.region)
    gender = "male" if rng.random() < 0.6 else "female"
    given_pool = pools.male if gender == "male" else pools.female
    away = rng.randint(0, 300)
    if rel == "parent":
        given = base.father if gender == "male" else given_pool.pick(rng)
        father = base.grandfather if gender == "male" else pools.male.pick(rng)
        dob = shift_years(base.birth_date, -rng.randint(20, 34)) - timedelta(days=away)
    elif rel == "child":
        given = given_pool.pick_other(rng, base.given)
        father = base.given if base.gender == "male" else pools.male.pick(rng)
        dob = shift_years(base.birth_date, rng.randint(20, 34)) + timedelta(days=away)
    else:
        given = given_pool.pick_other(rng, base.given)
        father = base.father
        sign = rng.choice([-1, 1])
        dob = shift_years(base.birth_date, sign * rng.randint(1, 9)) + sign * timedelta(days=away)
    dob = min(dob, LAST)
    grandfather = {
        "parent": pools.male.pick(rng),
        "child": base.father if base.gender == "male" else pools.male.pick(rng),
        "sibling": base.grandfather,
    }[rel]
    nat = (
        base.nationality if rng.random() < 0.9 else weighted(rng, system.nationalities(base.region))
    )
    other = replace(
        base,
        uid=new_uid(rng),
        gender=gender,
        given=given,
        father=father,
        grandfather=grandfather,
        birth_date=dob,
        nationality=nat,
        passport=passport_number(rng, nat),
        middle="",
        surname2="",
        kunya="",
    )
    other = system.decorate(other, rng)
    if rel == "sibling" and base.surname2:
        other = replace(other, surname2=base.surname2)
    var.append(f"relative={rel}")
    return other


def similar_surname(system: NameSystem, base: Identity, rng: random.Random) -> str:
    """A real surname of the pool one or two edits away, else a one-letter mutation."""
    items = system.pools(base.region).surnames.items
    near = [
        s
        for s in items
        if s != base.surname_base
        and Levenshtein.distance(s, base.surname_base, score_cutoff=2) <= 2
    ]
    if near:
        return rng.choice(near)
    return mutate(base.surname_base, items, rng)


def mutate(word: str, pool: list[str], rng: random.Random) -> str:
    """Change one letter for another of the same kind (vowel for vowel, consonant for
    consonant) taken from the pool's alphabet, keeping articles and particles intact."""
    letters = sorted({c for s in pool for c in s if c.isalpha()})
    vowels = [c for c in letters if c in VOWELS]
    consonants = [c for c in letters if c.lower() not in VOWELS and c.islower()]
    start = word.rfind(" ") + 1
    if word[start:].startswith("al-"):
        start += 3
    for _ in range(50):
        pos = rng.randrange(start + 1, max(start + 2, len(word) - 1))
        if pos >= len(word) or not word[pos].isalpha():
            continue
        same = vowels if word[pos].lower() in VOWELS else consonants
        new = word[:pos] + rng.choice(same) + word[pos + 1 :]
        if new != word:
            return new
    return word + (consonants or letters)[0]


def _names(system: NameSystem, ident: Identity) -> list[str]:
    return [p.text for p in system.parts(ident)]


def similar(system: NameSystem, base: Identity, rng: random.Random, var: list[str]) -> Identity:
    mode = "given" if rng.random() < 0.5 else "surname"
    other = new_identity(system, rng, region=base.region, gender=base.gender)
    if mode == "given":
        surname = other.surname_base
        if surname == base.surname_base:
            surname = system.pools(base.region).surnames.pick_other(rng, surname)
        other = replace(other, given=base.given, surname_base=surname)
    else:
        given = base.given if rng.random() < 0.4 else other.given
        other = replace(other, given=given, surname_base=similar_surname(system, base, rng))
    var.append(f"similar={mode}")
    return other


def stranger(system: NameSystem, base: Identity, rng: random.Random, var: list[str]) -> Identity:
    for _ in range(20):
        region = base.region if rng.random() < 0.5 else None
        other = new_identity(system, rng, region=region)
        if _names(system, other) != _names(system, base):
            return other
    return other


BUILDERS = {"namesake": namesake, "relative": relative, "similar": similar, "random": stranger}
