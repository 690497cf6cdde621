"""The non-name facts of a pair: birth dates, nationality, passport, gender.

Positives: birth date exact 50%, year only on one side 25%, day/month swapped 7%, one-off
typo 8%, missing on one side 10%. The year-only share follows real lists: 41% of the UN
list's birth dates are a year (EXACT or APPROXIMATELY with YEAR), 17% of OFAC's. Negatives
get the same per-side presence rates so that missing or partial data says nothing about
the label -- and so that a coincidental birth year, common on real lists, is seen in
training -- and namesakes are guaranteed a real contradiction (different full date or
passport number).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .identity import Identity, shift_years
from .tables import weighted

DOB_POSITIVE = {"exact": 0.50, "year_only": 0.25, "swapped": 0.07, "typo": 0.08, "missing": 0.10}


@dataclass
class Facts:
    """One side's non-name properties, as FtM property lists (named as in FtM)."""

    birthDate: list[str] = field(default_factory=list)
    nationality: list[str] = field(default_factory=list)
    passportNumber: list[str] = field(default_factory=list)
    gender: list[str] = field(default_factory=list)


def swappable(d: date) -> bool:
    return d.day <= 12 and d.day != d.month


def make_swappable(d: date, rng: random.Random) -> date:
    """Same year and month, a day <= 12 that differs from the month (so a swap is visible)."""
    day = rng.choice([x for x in range(1, 13) if x != d.month])
    return d.replace(day=day)


def passport_format(number: str, rng: random.Random) -> tuple[str, str]:
    """The same number as different systems print it (AB123456, AB 123 456, AB-123456)."""
    compact = number.replace(" ", "")
    head = len(compact) - len(compact.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    style = weighted(rng, {"as_issued": 0.4, "compact": 0.35, "grouped": 0.15, "dashed": 0.1})
    if style == "compact":
        return compact, style
    if style == "grouped" and head:
        digits = compact[head:]
        groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
        return " ".join([compact[:head], *groups]), style
    if style == "dashed" and head:
        return f"{compact[:head]}-{compact[head:]}", style
    return number, "as_issued"


def _alternatives(d: date, rng: random.Random) -> list[str]:
    """A watchlist's "DOB 1971; alt. DOB 1972" style pair that includes the true date."""
    other = shift_years(d, rng.choice([-2, -1, 1, 2]))
    pair = [d.isoformat(), other.isoformat() if rng.random() < 0.6 else str(other.year)]
    rng.shuffle(pair)
    return pair


def _presence(
    rng: random.Random, a: Facts, b: Facts, ia: Identity, ib: Identity, var: list[str]
) -> None:
    if rng.random() < 0.92:
        a.nationality = [ia.nationality]
    else:
        var.append("nationality=missing_a")
    if rng.random() < 0.72:
        b.nationality = [ib.nationality]
        if rng.random() < 0.04 and ib.nationality != "ru":
            b.nationality.append("ru")
            var.append("nationality=dual_b")
    else:
        var.append("nationality=missing_b")
    if rng.random() < 0.75:
        a.gender = [ia.gender]
    if rng.random() < 0.55:
        b.gender = [ib.gender]


def positive_facts(
    ident: Identity, rng: random.Random, category: str, var: list[str]
) -> tuple[Facts, Facts]:
    """Both sides describe ``ident``; ``category`` is the birth-date noise to apply."""
    a, b = Facts(), Facts()
    d = ident.birth_date
    full = d.isoformat()
    side = "b" if rng.random() < 0.7 else "a"
    if category == "exact":
        a.birthDate = [full]
        b.birthDate = _alternatives(d, rng) if rng.random() < 0.08 else [full]
        if len(b.birthDate) > 1:
            var.append("dob=b_alternatives")
    else:
        if category == "year_only":
            noisy = [str(d.year)]
        elif category == "swapped":
            noisy = [d.replace(month=d.day, day=d.month).isoformat()]
        elif category == "typo" and rng.random() < 0.5:
            noisy = [(d + timedelta(days=rng.choice([-1, 1]))).isoformat()]
        elif category == "typo":
            noisy = [shift_years(d, rng.choice([-1, 1])).isoformat()]
        else:
            noisy = []
        a.birthDate, b.birthDate = ([full], noisy) if side == "b" else (noisy, [full])
    var.append(f"dob={category}" + (f"_{side}" if category != "exact" else ""))
    _presence(rng, a, b, ident, ident, var)
    if rng.random() < 0.85:
        a.passportNumber = [passport_format(ident.passport, rng)[0]]
        if rng.random() < 0.25:
            if rng.random() < 0.2:
                # Lists keep the passport a person held when listed; the one shown at a
                # border years later is often a renewal with a new number.
                b.passportNumber = [passport_format(_renewed(ident.passport, rng), rng)[0]]
                var.append("passport=both_renewed")
            else:
                b.passportNumber = [passport_format(ident.passport, rng)[0]]
                same = a.passportNumber == b.passportNumber
                var.append("passport=both" if same else "passport=both_reformatted")
    return a, b


def _renewed(number: str, rng: random.Random) -> str:
    """Another number in the same national format (letters kept, digits redrawn)."""
    return "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in number)


def _negative_dates(ia: Identity, ib: Identity, rng: random.Random) -> tuple[list[str], list[str]]:
    """Dates presented with the same per-side rates as positives, never missing on both."""
    da, db = ia.birth_date, ib.birth_date
    a_mode = weighted(rng, {"full": 0.925, "year": 0.045, "missing": 0.03})
    b_mode = (
        "full" if a_mode != "full" else weighted(rng, {"full": 0.65, "year": 0.25, "missing": 0.1})
    )

    def show(d: date, mode: str) -> list[str]:
        return [d.isoformat()] if mode == "full" else [str(d.year)] if mode == "year" else []

    if b_mode == "full" and rng.random() < 0.06:
        return show(da, a_mode), _alternatives(db, rng)
    return show(da, a_mode), show(db, b_mode)


def negative_facts(
    ia: Identity, ib: Identity, rng: random.Random, kind: str, var: list[str]
) -> tuple[Facts, Facts]:
    """Facts of two different people; a namesake always gets a hard contradiction."""
    a, b = Facts(), Facts()
    a.birthDate, b.birthDate = _negative_dates(ia, ib, rng)
    _presence(rng, a, b, ia, ib, var)
    both_passports = rng.random() < (0.4 if kind == "namesake" else 0.21)
    if kind == "namesake" and not dates_contradict(a.birthDate, b.birthDate):
        both_passports = True
        var.append("namesake=passport_only")
    if both_passports or rng.random() < 0.85:
        a.passportNumber = [passport_format(ia.passport, rng)[0]]
    if both_passports:
        b.passportNumber = [passport_format(ib.passport, rng)[0]]
        var.append("passport=both_different")
    return a, b


def dates_contradict(a: list[str], b: list[str]) -> bool:
    """True when no reading of the two date lists can be the same day (year-level aware)."""
    if not a or not b:
        return False
    for x in a:
        for y in b:
            if x[: min(len(x), len(y))] == y[: min(len(x), len(y))]:
                return False
    return True


def namesake_date(d: date, rng: random.Random) -> tuple[date, str]:
    """A clearly different birth date: another year, or same year but not a typo/swap of it."""
    mode = weighted(rng, {"other_year": 0.6, "same_year": 0.25, "same_month": 0.15})
    for _ in range(100):
        if mode == "other_year":
            years = rng.choice([-1, 1]) * rng.randint(2, 15)
            cand = shift_years(d, years).replace(month=rng.randint(1, 12), day=rng.randint(1, 28))
        elif mode == "same_year":
            cand = d.replace(month=rng.randint(1, 12), day=rng.randint(1, 28))
            if abs(cand.month - d.month) < 2:
                continue
        else:
            cand = d.replace(day=rng.randint(1, 28))
            if abs(cand.day - d.day) < 3:
                continue
        if (cand.day, cand.month) == (d.month, d.day) or cand.year > 2005:
            continue
        return cand, mode
    return shift_years(d, -7), "other_year"
