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

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from watchline.index.keys import Profile
from watchline.index.segment import EMPTY, Profiles
from watchline.match.dates import day_number
from watchline.match.model import LinearModel, load_model

F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]
I64 = npt.NDArray[np.int64]

DEFAULT_MODEL = "watchline-v1"
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


def _one_digit_apart(a: I64, b: I64, width: int) -> npt.NDArray[np.bool_]:
    """One digit typed wrong, or two adjacent digits swapped (13/31), over `width` digits."""
    scale = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    da = (a[:, None] // scale) % 10
    db = (b[:, None] // scale) % 10
    diff = da != db
    count = diff.sum(axis=1)
    swapped = (
        diff[:, :-1] & diff[:, 1:] & (da[:, :-1] == db[:, 1:]) & (da[:, 1:] == db[:, :-1])
    ).any(axis=1)
    return np.asarray((count == 1) | ((count == 2) & swapped))


def date_outcomes(query: int, dates: npt.NDArray[np.int32]) -> I8:
    """Outcome rank of one packed query date against many packed dates.

    Only dates within a year of the query's (a day apart across new year is), or on its
    month and day (a typo in the year), can be anything but a conflict: the rules run
    on those few, not on the thousands of a common name's holders.
    """
    # As ranges of packed values: int64 division would cost five times as much.
    low, high = (query // 10_000 - 1) * 10_000, (query // 10_000 + 2) * 10_000
    near = ((dates >= low) & (dates < high)) | (dates % 10_000 == query % 10_000)
    out = np.full(dates.shape[0], CONFLICT, dtype=np.int8)
    if near.any():
        out[near] = _outcomes(query, dates[near].astype(np.int64))
    return out


def _outcomes(query: int, values: I64) -> I8:
    qy, qm, qd = query // 10_000, query // 100 % 100, query % 100
    cy, cm, cd = values // 10_000, values // 100 % 100, values % 100
    out = np.full(values.shape[0], CONFLICT, dtype=np.int8)
    same_y, same_m, same_d = cy == qy, cm == qm, cd == qd
    year_apart = np.abs(cy - qy) == 1
    no_month = (cm == 0) | (qm == 0)
    out[no_month & year_apart] = CLOSE
    out[no_month & same_y] = YEAR
    no_day = ~no_month & ((cd == 0) | (qd == 0))
    out[no_day & (same_y | (same_m & year_apart))] = CLOSE
    out[no_day & same_y & same_m] = YEAR
    full = ~no_month & ~no_day
    close = same_y & (cm == qd) & (cd == qm)
    if qm and qd:
        close |= np.abs(day_number(cy, cm, cd) - day_number(qy, qm, qd)) <= 1
    two_same = (same_y.astype(np.int8) + same_m + same_d) == 2
    if two_same.any():
        group_a = np.where(~same_y, cy, np.where(~same_m, cm, cd))
        group_b = np.where(~same_y, qy, np.where(~same_m, qm, qd))
        typo = np.zeros(values.shape[0], dtype=bool)
        years = two_same & ~same_y
        typo[years] = _one_digit_apart(group_a[years], group_b[years], 4)
        other = two_same & same_y
        typo[other] = _one_digit_apart(group_a[other], group_b[other], 2)
        close |= two_same & (year_apart | typo)
    out[full & close] = CLOSE
    out[full & same_y & same_m & same_d] = EXACT
    return out


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
