"""The second-stage ranker: vectorised date outcomes agree with the matcher's, and the
evidence orders namesakes the way the matcher would."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from watchline.index.keys import entity_profile, index_entry, pack_date, query_keys
from watchline.index.rank import (
    CLOSE,
    CONFLICT,
    EXACT,
    YEAR,
    date_outcomes,
    default_weights,
    evidence,
)
from watchline.index.search import CandidateIndex
from watchline.index.segment import Segment
from watchline.match.dates import compare_dates
from watchline.match.model import load_model
from watchline.model import Entity
from watchline.values import Date

RANK = {"exact": EXACT, "year": YEAR, "close": CLOSE, "conflict": CONFLICT}


def _random_date(rng: random.Random) -> Date:
    year = rng.choice([1965, 1966, 1956, 1985, rng.randrange(1930, 2010)])
    precision = rng.random()
    if precision < 0.2:
        return year, None, None
    month = rng.choice([1, 2, 7, 10, 11, 12, rng.randrange(1, 13)])
    if precision < 0.35:
        return year, month, None
    return year, month, rng.choice([1, 2, 7, 10, 11, 12, 13, 21, 31, rng.randrange(1, 29)])


def test_date_outcomes_agree_with_the_matcher_on_random_and_near_dates() -> None:
    rng = random.Random(5)
    for _ in range(300):
        query = _random_date(rng)
        others = [_random_date(rng) for _ in range(40)]
        y, m, d = query
        if m is not None and d is not None:  # the near misses that matter
            # (Days as `parse_date` keeps them, 1 to 31: none other is stored.)
            others += [(y, d, m), (y + 1, m, d), (y, m, min(d + 1, 31)), (y, m, d), (y + 10, m, d)]
            if d <= 28:  # a day apart across a month's or a year's end
                for near in (date(y, m, d) - timedelta(days=d), date(y, m, 28) + timedelta(4)):
                    others.append((near.year, near.month, near.day))
            mirrored = int(f"{d:02d}"[::-1])  # 13 -> 31: two digits swapped
            others.append((y, m, mirrored) if 1 <= mirrored <= 31 else (y, m, d))
        got = date_outcomes(pack_date(query), np.array([pack_date(o) for o in others], np.int32))
        expected = [RANK[compare_dates(query, o)] for o in others]
        assert got.tolist() == expected, (query, others)


def test_weights_are_the_matchers() -> None:
    weights = default_weights()
    model = dict(zip(*(lambda m: (m.features, m.weights))(load_model("watchline-v1")), strict=True))
    assert weights.dob_conflict == model["dob_conflict"] < 0 < weights.dob_exact
    assert weights.gender_conflict == model["gender_conflict"]
    assert weights.name > 0


def person(row: int, name: str, **props: str) -> tuple[int, Entity]:
    return row, Entity("Person", f"e{row}", {"name": [name], **{k: [v] for k, v in props.items()}})


def _index(entries: list[tuple[int, Entity]], **options: int) -> CandidateIndex:
    return CandidateIndex(Segment.build(index_entry(r, e) for r, e in entries), **options)


def _ranked(index: CandidateIndex, name: str, limit: int = 5, **props: str) -> list[int]:
    query = Entity("Person", "q", {"name": [name], **{k: [v] for k, v in props.items()}})
    return [row for row, _ in index.search(query_keys(query), limit=limit)]


# 400 exact namesakes born on different days: the name keys cannot tell them apart.
NAMESAKES = [
    person(i, "Aleksandr Ivanov", birthDate=f"{1950 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}")
    for i in range(400)
]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("1971-10-22", "exact"),
        ("1971-10-23", "a day off"),
        ("1917-10-22", "two year digits swapped"),
        ("1971", "year only (ten namesakes share it)"),
    ],
)
def test_a_namesake_crowd_is_ranked_by_the_birth_date(written: str, why: str) -> None:
    target, entity = NAMESAKES[21]
    assert entity.get("birthDate") == ["1971-10-22"]
    index = _index(NAMESAKES)
    ranked = _ranked(index, "ALEKSANDR IVANOV", limit=10, birthDate=written)
    assert target in ranked, why


def test_swapped_day_and_month_rank_first() -> None:
    crowd = [*NAMESAKES, person(999, "Aleksandr Ivanov", birthDate="1971-03-08")]
    assert _ranked(_index(crowd), "Aleksandr Ivanov", birthDate="1971-08-03")[0] == 999


def test_a_conflicting_gender_or_date_ranks_below_an_unknown_one() -> None:
    index = _index(
        [
            person(1, "Nodira Karimova", gender="male", birthDate="1990-01-01"),
            person(2, "Nodira Karimova", birthDate="1990-01-01"),
            person(3, "Nodira Karimova", gender="female", birthDate="1970-05-05"),
            person(4, "Nodira Karimova"),
        ]
    )
    ranked = _ranked(index, "Nodira Karimova", gender="female", birthDate="1990-01-01")
    assert ranked[:2] == [2, 4] and set(ranked[2:]) == {1, 3}
    assert _ranked(index, "Nodira Karimova") == [1, 2, 3, 4]


def test_a_pool_trimmed_among_namesakes_keeps_the_one_born_that_day() -> None:
    index = _index(NAMESAKES, max_pool=20, max_generate=10_000)
    assert _ranked(index, "Alexander Ivanov", birthDate="1971-10-22")[0] == 21


def test_delta_profiles_count() -> None:
    newcomer = Entity("Person", "n", {"name": ["Aleksandr Ivanov"], "birthDate": ["2001-02-03"]})
    index = CandidateIndex(_index(NAMESAKES).base, Segment.build([index_entry(5000, newcomer)]))
    assert _ranked(index, "Aleksandr Ivanov", birthDate="2001-02-03")[0] == 5000


def test_two_common_parts_together_find_the_listed_order() -> None:
    """Neither part is rare, and the query's third part finds someone else: the holders
    of both common parts are still gathered (word order and the joined form aside)."""
    crowd = [person(i, "Aleksandr Petrov") for i in range(30)]
    crowd += [person(100 + i, "Sergei Ivanov") for i in range(30)]
    crowd += [person(999, "IVANOV, Aleksandr"), person(500, "Zyxwar Qolt")]
    index = _index(crowd, max_generate=10)
    assert _ranked(index, "Aleksandr Ivanov Zyxwar")[0] == 999


def test_two_parts_written_together_do_not_outweigh_the_parts() -> None:
    """A candidate holding "Ruslan" and "Ivanov" apart lacks nothing against one that
    also has them adjacent (the joined key "ruslanivanov")."""
    index = _index(
        [person(1, "Ruslan Olegovich Ivanov"), person(2, "Ruslan Ivanov"), person(3, "Ivanov")]
    )
    hits = dict(index.search(query_keys(Entity("Person", "q", {"name": ["Ruslan Ivanov"]}))))
    assert hits[1] == pytest.approx(hits[2]) and hits[3] < hits[1]


def test_parts_the_query_lacks_rank_a_candidate_lower() -> None:
    """ "Zhasur Karimov" is likelier the listed "Zhasur KARIMOV" than "Otabek Zhasur
    Karimov"; a patronymic the query lacks costs nothing here."""
    index = _index(
        [
            person(1, "Otabek Zhasur Karimov", birthDate="1989-12-09"),
            person(2, "Zhasur Alisher Karimov", birthDate="1989-10-27"),
            person(3, "KARIMOV Zhasur", birthDate="1989-10-02"),
            person(4, "Zhasur Olegovich Karimov", birthDate="1989-01-05"),
        ]
    )
    hits = dict(index.search(query_keys(Entity("Person", "q", {"name": ["Zhasur Karimov"]}))))
    assert hits[3] == pytest.approx(hits[4]) and hits[3] > hits[1] == pytest.approx(hits[2])


def test_dates_and_countries_beyond_a_profile_rows_slots_count() -> None:
    """Six listed birth dates and five nationalities do not fit a profile row: the one
    that agrees with the query is read from the ragged columns, and weighs the same."""
    dates = [f"19{year}-01-01" for year in range(40, 45)] + ["1971-10-23"]
    many = Entity(
        "Person",
        "m",
        {"name": ["Aleksandr Ivanov"], "birthDate": dates, "nationality": COUNTRIES},
    )
    index = _index([*NAMESAKES, (900, many)], max_generate=10_000)
    assert _ranked(index, "Aleksandr Ivanov", birthDate="1971-10-23")[0] == 900

    weights = default_weights()
    found = index.base.profiles(np.array([400], dtype=np.int64))
    for country in COUNTRIES:
        query = entity_profile(Entity("Person", "q", {"nationality": [country]}))
        assert evidence(query, found, weights).tolist() == [weights.country_match]
    stranger = entity_profile(Entity("Person", "q", {"nationality": ["jp"]}))
    assert evidence(stranger, found, weights).tolist() == [weights.country_conflict]


COUNTRIES = ["de", "fr", "ru", "tj", "uz"]


@pytest.mark.parametrize(
    "query",
    [
        (1965, 6, 15),
        (1965, 2, 28),
        (1964, 2, 29),
        (1965, 3, 1),
        (1999, 12, 31),
        (2000, 1, 1),
        (1970, 7, 7),
        (1981, 11, 30),
        (1985, 10, 13),
        (1990, 4, 1),
        (1965, 2, 30),
        (1965, 6, None),
        (1965, 12, None),
        (1965, None, None),
        # The first and last years a date may have (`parse_date`).
        (1000, 1, 1),
        (2999, 12, 31),
        (1000, None, None),
        (2999, 12, None),
    ],
)
def test_date_outcomes_agree_with_the_matcher_on_every_date_near_the_query(
    query: tuple[int, int | None, int | None],
) -> None:
    # Every precision and every day number (also those past a month's end) within two
    # years, and the same day and month in every year a typo can reach.
    y, m, d = query
    others: list[tuple[int, int | None, int | None]] = [
        (year, month or None, day or None)
        for year in range(y - 2, y + 3)
        for month in range(13)
        for day in range(32)
    ]
    others += [(year, m, d) for year in range(1000, 3000)]
    got = date_outcomes(pack_date(query), np.array([pack_date(o) for o in others], np.int32))
    expected = [RANK[compare_dates(query, o)] for o in others]
    wrong = [(o, g, e) for o, g, e in zip(others, got.tolist(), expected, strict=True) if g != e]
    assert not wrong, wrong[:10]


def test_a_common_part_beside_a_misspelt_one_finds_its_holders_by_the_birth_date() -> None:
    """ "al-Masrec" is two edits from "Masri" (respelling tries one): "Mustafa", common,
    is the one part left, and among its holders the birth year finds the listed one."""
    crowd = [
        person(i, f"Mustafa {surname}", birthDate=f"{1940 + i % 40}")
        for i, surname in enumerate(["Karimi", "Haddad", "Nasser", "Saleh"] * 10)
    ]
    crowd += [person(999, "AL-MASRI, Mustafa", birthDate="1953-09-05")]
    index = _index(crowd, max_generate=10)
    assert 999 in _ranked(index, "al-Masrec Mustafa", birthDate="1953")
    # Without a date, the crowd of Mustafas is not searched: nothing tells them apart.
    assert 999 not in _ranked(index, "al-Masrec Mustafa")
