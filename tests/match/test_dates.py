from __future__ import annotations

from datetime import date

import pytest

from watchline.match.dates import (
    CLOSE,
    CONFLICT,
    EXACT,
    YEAR,
    compare_dates,
    date_evidence,
    day_number,
    parse_date,
)

CASES = [
    ("exact", "1968-06-15", "1968-06-15", EXACT),
    ("year-only", "1968", "1968-06-15", YEAR),
    ("month-precision", "1968-06", "1968-06-15", YEAR),
    ("year-apart-year-only", "1968", "1969", CLOSE),
    ("day-month-swapped", "1968-06-05", "1968-05-06", CLOSE),
    ("day-off-by-one", "1968-06-15", "1968-06-16", CLOSE),
    ("year-off-by-one", "1968-06-15", "1969-06-15", CLOSE),
    ("day-off-by-one-across-months", "1958-12-01", "1958-11-30", CLOSE),
    ("day-off-by-one-across-years", "1958-12-31", "1959-01-01", CLOSE),
    ("day-off-by-one-after-leap-day", "2000-02-29", "2000-03-01", CLOSE),
    ("two-days-across-months", "1958-12-01", "1958-11-29", CONFLICT),
    ("day-one-digit-typo", "1968-06-19", "1968-06-18", CLOSE),
    ("day-digits-swapped", "1968-06-13", "1968-06-31", CLOSE),
    ("year-digit-typo", "1965-06-15", "1985-06-15", CLOSE),
    ("namesake-same-month", "1978-02-19", "1978-02-24", CONFLICT),
    ("different-dates", "1965-02-01", "1983-07-19", CONFLICT),
    ("years-apart", "1965", "1975", CONFLICT),
]


@pytest.mark.parametrize(("case", "a", "b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_compare_dates(case: str, a: str, b: str, expected: str) -> None:
    da, db = parse_date(a), parse_date(b)
    assert da is not None and db is not None
    assert compare_dates(da, db) == expected
    assert compare_dates(db, da) == expected


@pytest.mark.parametrize("value", ["1965-13-45", "circa 70s", "", "65", "1965-00"])
def test_unreadable_dates(value: str) -> None:
    assert parse_date(value) is None


def test_day_number_counts_calendar_days() -> None:
    for value in ("1970-01-01", "1958-12-01", "2000-02-29", "1900-03-01", "1600-01-01"):
        parsed = parse_date(value)
        assert parsed is not None
        y, m, d = parsed
        assert m is not None and d is not None
        assert day_number(y, m, d) == (date(y, m, d) - date(1970, 1, 1)).days


def test_range_as_years_matches_any() -> None:
    found = date_evidence(["1966"], ["1965", "1966", "1967"])
    assert found.outcome == YEAR and found.candidate_value == "1966"
    assert date_evidence([], ["1966"]).outcome is None
