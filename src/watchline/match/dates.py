"""Birth-date evidence: exact, year-only, day/month swapped, one-off typos, ranges.

List entries give dates at mixed precision ("1965", "1965-06", "1965-06-15") and give
ranges or "circa" as several year values; a query may be as vague. Comparison is done
at the precision both sides share, and only a difference that cannot be a typo or a
convention counts as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from watchline.values import Date, parse_date

#: One date's numbers, or arrays of many dates' numbers (`index.rank`).
Days = TypeVar("Days", int, npt.NDArray[np.int64])

EXACT, YEAR, CLOSE, CONFLICT = "exact", "year", "close", "conflict"


def compare_dates(a: Date, b: Date) -> str:
    ya, ma, da = a
    yb, mb, db = b
    if ma is None or mb is None:
        if ya == yb:
            return YEAR
        return CLOSE if abs(ya - yb) == 1 else CONFLICT
    if da is None or db is None:
        if ya == yb and ma == mb:
            return YEAR
        return CLOSE if ya == yb or (ma == mb and abs(ya - yb) == 1) else CONFLICT
    if a == b:
        return EXACT
    if ya == yb and ma == db and da == mb:
        return CLOSE  # day and month swapped (US vs European order)
    if abs(day_number(ya, ma, da) - day_number(yb, mb, db)) <= 1:
        # Off by one day (time zones, midnight births, a calendar converted from the
        # Hijri or Persian one), also across a month's or a year's end.
        return CLOSE
    same = (ya == yb) + (ma == mb) + (da == db)
    if same == 2:
        # Exactly one group differs: close only if that group differs by one typed digit
        # (19/18, 07/01, 1965/1985) or two swapped digits (13/31), never by a whole value.
        if ya != yb:
            typo = yb in digit_typos(ya, 4)
        elif ma != mb:
            typo = mb in digit_typos(ma, 2)
        else:
            typo = db in digit_typos(da, 2)
        if abs(ya - yb) == 1 or typo:
            return CLOSE
    return CONFLICT


def day_number(year: Days, month: Days, day: Days) -> Days:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
    days-from-civil), defined for every day 1-31 of every month, so that a listed
    "1965-02-30" compares as the day after 1965-02-29 instead of failing. Written
    without branches, so that the ranker applies it to numpy arrays of dates as well."""
    year = year - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + 9 - 12 * (month > 2)) + 2) // 5 + day - 1
    days: Days = era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468
    return days


@lru_cache(maxsize=8192)
def digit_typos(value: int, width: int) -> frozenset[int]:
    """The values one typed digit away from `value` written with `width` digits, or with
    two adjacent digits swapped (19/18, 07/01, 1965/1985, 13/31). The matcher asks
    whether a date is among them for every candidate pair, the ranker enumerates the
    dates near a query's from them (`index.rank`): built once per value."""
    out: list[int] = []
    for at in range(width):
        power = 10**at
        digit = value // power % 10
        out += [value + (other - digit) * power for other in range(10) if other != digit]
        if at + 1 < width:
            left = value // (power * 10) % 10
            if left != digit:
                out.append(value + (left - digit) * power + (digit - left) * power * 10)
    return frozenset(out)


_RANK = {EXACT: 3, YEAR: 2, CLOSE: 1, CONFLICT: 0}


@dataclass(frozen=True, slots=True)
class DateEvidence:
    outcome: str | None  # None when either side has no usable date
    query_value: str | None
    candidate_value: str | None
    both_full: bool


def date_evidence(query: list[str], candidate: list[str]) -> DateEvidence:
    qd = [(v, d) for v in query if (d := parse_date(v)) is not None]
    cd = [(v, d) for v in candidate if (d := parse_date(v)) is not None]
    if not qd or not cd:
        return DateEvidence(None, None, None, False)
    best: tuple[int, str, str, str] | None = None
    for qv, qdate in qd:
        for cv, cdate in cd:
            outcome = compare_dates(qdate, cdate)
            if best is None or _RANK[outcome] > best[0]:
                best = (_RANK[outcome], outcome, qv, cv)
    assert best is not None
    both_full = all(d[2] is not None for _, d in qd) and all(d[2] is not None for _, d in cd)
    return DateEvidence(best[1], best[2], best[3], both_full)
