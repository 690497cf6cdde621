"""Second-stage ranking: candidates' non-name evidence weighed in numpy, by the matcher's
own weights.

Name keys find candidates, but among a thousand namesakes ("Aleksandr Ivanov" is one
list entry in two hundred in some lists) they cannot say which one is the screened
person: the birth date, gender and nationality can. The ranker compares the query's
profile with every candidate's at once (profile rows stored beside the postings)
and adds the matcher's fitted log-odds for each outcome, so the candidates it keeps are
the ones the matcher would score highest. Date outcomes follow
`watchline.match.dates.compare_dates` exactly (a test holds them to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

from watchline.index.keys import Profile
from watchline.index.segment import EMPTY, Profiles
from watchline.match.dates import day_number, digit_typos
from watchline.match.model import LinearModel, load_model

F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]
I64 = npt.NDArray[np.int64]

DEFAULT_MODEL = "watchline-v1"
#: `day_number` counts from 1970-01-01, `date.toordinal` from 0001-01-01.
_ORDINAL_1970 = date(1970, 1, 1).toordinal()
#: Date outcome ranks, as in `match.dates` (higher is better); NONE: no date to compare.
NONE, CONFLICT, CLOSE, YEAR, EXACT = -1, 0, 1, 2, 3


@dataclass(frozen=True)
class RankWeights:
    """Log-odds added for each outcome: the matcher's coefficients. `name` is what a
    full name is worth against none (the matcher's similarity, coverage and weakest-part
    weights together); `name_extra` what each share of the candidate's name that the
    query lacks costs below that (similarity averages both sides' coverage, and the
    smaller coverage counts again)."""

    name: float
    name_extra: float
    name_partial: float
    name_one_part: float
    document: float
    dob_exact: float
    dob_year: float
    dob_close: float
    dob_conflict: float
    country_match: float
    country_conflict: float
    gender_conflict: float

    @classmethod
    def from_model(cls, model: LinearModel) -> RankWeights:
        w = dict(zip(model.features, model.weights, strict=True))
        name = w["name_similarity"] + w["name_min_coverage"] + w["name_weakest_part"]
        return cls(
            name=name,
            name_extra=w["name_similarity"] / 2 + w["name_min_coverage"],
            name_partial=w["name_partial"],
            name_one_part=w["name_one_part"],
            document=w["document_match"],
            dob_exact=w["dob_exact"],
            dob_year=w["dob_year"],
            dob_close=w["dob_close"],
            dob_conflict=w["dob_conflict"],
            country_match=w["country_match"],
            country_conflict=w["country_conflict"],
            gender_conflict=w["gender_conflict"],
        )

    def date_table(self) -> F64:
        """Indexed by outcome rank + 1."""
        return np.array(
            [0.0, self.dob_conflict, self.dob_close, self.dob_year, self.dob_exact],
            dtype=np.float64,
        )


@cache
def default_weights() -> RankWeights:
    """The weights of the default matcher, whose candidates the index serves."""
    return RankWeights.from_model(load_model(DEFAULT_MODEL))


@dataclass(frozen=True)
class _DateTable:
    """The outcome rank of every date near a query date, at the query's precision.

    A stored date divided by `divisor` (1: the query has a day; 100: a month; 10,000:
    only a year), less `low`, indexes `ranks`; past its end is a conflict. A full
    date's year typos (1965 / 1985) lie beyond: `typo_years`, on its day and month.
    A direct lookup, not a binary search: its mispredicted branches cost four times as
    much on the thousands of a common name's holders, and the rules it replaces thirty
    array operations each costing its call more than its work."""

    divisor: int
    low: int
    ranks: I8  # its last entry, CONFLICT, stands for everything out of range
    day_month: int = 0
    typo_years: frozenset[int] = frozenset()

    def outcomes(self, dates: npt.NDArray[np.int32]) -> I8:
        values = dates if self.divisor == 1 else dates // self.divisor
        offset = (values - self.low).astype(np.int32, copy=False)
        # Below `low` wraps round to a large unsigned number: one bound checks both.
        unsigned = offset.view(np.uint32)
        np.minimum(unsigned, self.ranks.shape[0] - 1, out=unsigned)
        found = self.ranks.take(offset)
        if self.typo_years:
            for at in np.flatnonzero(dates % 10_000 == self.day_month).tolist():
                if int(dates[at]) // 10_000 in self.typo_years:
                    found[at] = max(found[at], CLOSE)
        return found


@lru_cache(maxsize=1024)
def _date_table(query: int) -> _DateTable:
    """The dates that are no conflict with a query date, enumerated from the rules of
    `match.dates` (a test compares the two on every date near the query's)."""
    y, m, d = query // 10_000, query // 100 % 100, query % 100
    found: dict[int, int] = {}

    def put(key: int, rank: int) -> None:
        found[key] = max(rank, found.get(key, CONFLICT))

    if not m:  # a year: the years compare
        divisor, low, size = 10_000, y - 1, 3
        put(y, YEAR)
        put(y - 1, CLOSE)
        put(y + 1, CLOSE)
    elif not d:  # a year and month: the same year, or the month a year apart
        divisor, low, size = 100, (y - 1) * 100, 300
        for year in (y - 1, y, y + 1):  # a candidate's year alone
            put(year * 100, YEAR if year == y else CLOSE)
        for month in range(1, 13):
            put(y * 100 + month, YEAR if month == m else CLOSE)
        put((y - 1) * 100 + m, CLOSE)
        put((y + 1) * 100 + m, CLOSE)
    else:
        divisor, low, size = 1, (y - 1) * 10_000, 30_000
        _full_neighbours(y, m, d, put)
    ranks = np.full(size + 1, CONFLICT, dtype=np.int8)
    typos = set()
    for key, rank in found.items():
        if 0 <= key - low < size:
            ranks[key - low] = rank
        else:  # only a full date's year typos lie beyond its year and the next
            typos.add(key // 10_000)
    return _DateTable(divisor, low, ranks, query % 10_000, frozenset(typos))


def _full_neighbours(y: int, m: int, d: int, put: Callable[[int, int], None]) -> None:
    """`_date_table`'s dates near a full one, packed."""

    def date_key(year: int, month: int, day: int) -> int:
        return year * 10_000 + month * 100 + day

    for year in (y - 1, y, y + 1):  # a candidate's year alone
        put(date_key(year, 0, 0), YEAR if year == y else CLOSE)
    for month in range(1, 13):  # its year and month: the same year at least
        put(date_key(y, month, 0), YEAR if month == m else CLOSE)
    put(date_key(y - 1, m, 0), CLOSE)
    put(date_key(y + 1, m, 0), CLOSE)
    put(date_key(y, m, d), EXACT)
    put(date_key(y, d, m), CLOSE)  # day and month swapped
    # One group differs by a year, a typed digit or two swapped ones (months and
    # days as `parse_date` keeps them: none other is stored).
    for year in (y - 1, y + 1, *digit_typos(y, 4)):
        put(date_key(year, m, d), CLOSE)
    for month in digit_typos(m, 2):
        if 1 <= month <= 12:
            put(date_key(y, month, d), CLOSE)
    for day in digit_typos(d, 2):
        if 1 <= day <= 31:
            put(date_key(y, m, day), CLOSE)
    # A day apart, as `day_number` counts days, also past a month's end: the day
    # before 1965-03-02 is 03-01, and also 02-29 (a date a list may give).
    number = day_number(y, m, d) + _ORDINAL_1970
    for near in (date.fromordinal(number + offset) for offset in (-1, 0, 1)):
        put(date_key(near.year, near.month, near.day), CLOSE)
        if near.day <= 3 and near.month > 1:
            before = near.replace(day=1) - timedelta(days=1)  # the month before's last
            if before.day + near.day <= 31:
                put(date_key(before.year, before.month, before.day + near.day), CLOSE)


def date_outcomes(query: int, dates: npt.NDArray[np.int32]) -> I8:
    """Outcome rank of one packed query date against many packed dates."""
    return _date_table(query).outcomes(dates)


def _best_outcomes(query: tuple[int, ...], dates: npt.NDArray[np.int32]) -> I8:
    """The best outcome rank of each date against any of the query's."""
    best = np.full(dates.shape[0], NONE, dtype=np.int8)
    for value in query:
        np.maximum(best, date_outcomes(value, dates), out=best)
    return best


def _slot_outcomes(query: tuple[int, ...], slots: npt.NDArray[np.int32]) -> I8:
    """The best outcome rank of each row of date slots: the rules run once over the
    dates held (most slots are empty: most people have one date)."""
    flat = slots.reshape(-1)
    held = np.flatnonzero(flat > 0)  # neither empty nor `MORE`
    outcome = np.full(flat.shape[0], NONE, dtype=np.int8)
    outcome[held] = _best_outcomes(query, flat[held])
    by_slot = outcome.reshape(slots.shape)
    # Column by column: numpy's max over a short last axis costs ten times as much.
    best = by_slot[:, 0].copy()
    for number in range(1, slots.shape[1]):
        np.maximum(best, by_slot[:, number], out=best)
    return best


def evidence(query: Profile, found: Profiles, weights: RankWeights) -> F64:
    """Log-odds of each candidate's dates, gender and countries against the query's."""
    score = np.zeros(found.size, dtype=np.float64)
    if query.dates:
        per_candidate = _slot_outcomes(query.dates, found.dates)
        if found.more_dates.shape[0]:
            more = _best_outcomes(query.dates, found.more_dates)
            np.maximum.at(per_candidate, found.more_date_owner, more)
        score += weights.date_table()[per_candidate.astype(np.int64) + 1]
    if query.gender:
        conflict = (found.gender != 0) & (found.gender != query.gender)
        score += weights.gender_conflict * conflict
    if query.countries:
        held = found.countries[:, 0] != EMPTY  # slots fill from the first
        matched = np.zeros(found.size, dtype=bool)
        for number in range(found.countries.shape[1]):
            column = found.countries[:, number]
            for country in query.countries:  # one to three: cheaper than np.isin's sort
                matched |= column == country
        if found.more_countries.shape[0]:
            shared = np.isin(found.more_countries, query.countries)
            matched[found.more_country_owner[shared]] = True
        score += weights.country_match * matched
        score += weights.country_conflict * (held & ~matched)
    return score
