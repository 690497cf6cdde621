from __future__ import annotations

import pytest

from watchline.names.analysis import analyze_name
from watchline.names.readings import MAX_SITES, reading_keys


def key(name: str) -> str:
    return analyze_name(name).parts[0].key


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("kusnezow", "Kuznetsov"),  # German s for з, z for ц
        ("jelzin", "Yeltsin"),  # German j for е
        ("gorbatschow", "Gorbachev"),  # German tsch, o for ё
        ("chruschtschow", "Khrushchev"),  # German ch for х
        ("chruszczow", "Khrushchev"),  # Polish
        ("chruscov", "Khrushchev"),  # ISO 9 without marks: šč
        ("sevcenko", "Shevchenko"),  # Czech without marks: š, č
        ("cernysova", "Chernyshova"),
        ("zukov", "Zhukov"),  # ž
        ("klicko", "Klitschko"),
        ("jrushchov", "Khrushchev"),  # Spanish j for х
        ("chalid", "Khalid"),  # German ch for خ
        ("jewgeni", "Yevgeny"),
    ],
)
def test_another_conventions_spelling_reads_as_the_english_one(written: str, listed: str) -> None:
    assert key(listed) in reading_keys(written)


def test_the_part_as_written_is_not_among_its_readings() -> None:
    assert key("Kuznetsov") not in reading_keys("kuznetsov")
    assert reading_keys("kuznetsov")  # its s and z are still read another way


@pytest.mark.parametrize("written", ["wang", "zhang", "shah", "ibrahim"])
def test_a_word_with_no_letter_read_otherwise_has_no_readings(written: str) -> None:
    assert reading_keys(written) == frozenset()


def test_the_readings_of_a_long_word_are_bounded() -> None:
    """Each of the first MAX_SITES letters read another way at most triples the count."""
    word = "szczescizazuzecs" * 4
    assert 0 < len(reading_keys(word)) < 3**MAX_SITES
