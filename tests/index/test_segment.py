"""Profile rows: what the ranker reads of a candidate is the whole profile it was built
with, whether it fits the row's slots or overflows into the ragged columns."""

from __future__ import annotations

import random

import numpy as np

from watchline.index.keys import Profile, country_code
from watchline.index.segment import COUNTRY_SLOTS, DATE_SLOTS, Profiles, Segment


def _profiles(rng: random.Random, count: int) -> list[Profile]:
    out = []
    for _ in range(count):
        dates = sorted(
            {
                rng.randrange(1930, 2010) * 10_000 + rng.randrange(0, 1232)
                for _ in range(rng.randrange(0, 9))
            }
        )
        countries = sorted(
            {
                country_code(rng.choice(["ru", "tj", "uz", "sy", "ge", "af", "iq", "ir", "de"]))
                for _ in range(rng.randrange(0, 5))
            }
        )
        out.append(
            Profile(tuple(dates), rng.randrange(0, 3), tuple(countries), rng.randrange(0, 5))
        )
    return out


def _values(slots: np.ndarray, more: np.ndarray, owner: np.ndarray, candidate: int) -> set[int]:
    held = {int(v) for v in slots[candidate] if v > 0}
    return held | {int(v) for v in more[owner == candidate]}


def _check(found: Profiles, expected: list[Profile]) -> None:
    assert found.size == len(expected)
    for i, profile in enumerate(expected):
        assert _values(found.dates, found.more_dates, found.more_date_owner, i) == set(
            profile.dates
        )
        countries = _values(found.countries, found.more_countries, found.more_country_owner, i)
        assert countries == set(profile.countries)
        assert (int(found.gender[i]), int(found.parts[i])) == (profile.gender, profile.parts)


def test_profiles_read_back_whole_in_any_order_and_across_segments() -> None:
    rng = random.Random(11)
    built = _profiles(rng, 300)
    assert any(len(p.dates) > DATE_SLOTS for p in built)
    assert any(len(p.countries) > COUNTRY_SLOTS for p in built)
    segment = Segment.build((row, b"", p) for row, p in enumerate(built))
    positions = np.array(rng.sample(range(300), 120), dtype=np.int64)
    _check(segment.profiles(positions), [built[i] for i in positions])

    other = _profiles(rng, 40)
    delta = Segment.build((1000 + row, b"", p) for row, p in enumerate(other))
    where_base = np.array([0, 2, 3, 7], dtype=np.int64)
    where_delta = np.array([1, 4, 5, 6], dtype=np.int64)
    mixed = Profiles.interleave(
        [
            (segment.profiles(np.array([5, 17, 9, 200], dtype=np.int64)), where_base),
            (delta.profiles(np.array([3, 0, 39, 12], dtype=np.int64)), where_delta),
        ],
        8,
    )
    expected = [built[5], other[3], built[17], built[9], other[0], other[39], other[12], built[200]]
    _check(mixed, expected)


def test_country_codes_never_mark_an_empty_slot() -> None:
    codes = [country_code(f"{chr(a)}{chr(b)}") for a in range(97, 123) for b in range(97, 123)]
    assert all(0 < code < 2**31 for code in codes)
