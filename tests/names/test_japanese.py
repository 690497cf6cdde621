"""Japanese names in Latin letters: Hepburn, Kunrei-shiki and long vowels written three
ways, and only in names that read as Japanese."""

from __future__ import annotations

import pytest

from watchline.names.analysis import analyze_name
from watchline.names.compare import compare_names
from watchline.names.japanese import is_japanese, japanese_key


@pytest.mark.parametrize(
    ("one", "other"),
    [("ohno", "ono"), ("oono", "ono"), ("yuuko", "yuko"), ("satou", "satoh"),
     ("tutiya", "tsuchiya"), ("sinzi", "shinji"), ("syoko", "shoko"), ("hukuda", "fukuda"),
     ("homma", "honma"), ("ichirou", "ichiro"), ("hattori", "hatori")],
)  # fmt: skip
def test_one_word_in_two_romanisations_has_one_key(one: str, other: str) -> None:
    assert japanese_key(one) is not None
    assert japanese_key(one) == japanese_key(other)


@pytest.mark.parametrize(("one", "other"), [("yuko", "yuka"), ("kenji", "kenta"), ("kei", "ke")])
def test_other_words_keep_other_keys(one: str, other: str) -> None:
    assert japanese_key(one) != japanese_key(other)


@pytest.mark.parametrize("word", ["ivanov", "fatima", "karim", "olga", ""])
def test_words_that_are_no_japanese_morae_have_no_key(word: str) -> None:
    assert japanese_key(word) is None


@pytest.mark.parametrize(
    ("name", "japanese"),
    [("Yuko OHNO", True), ("Tutiya Sinzi", True), ("オオノ ユウコ", True),
     ("Maria Anna", False), ("Sato", False), ("Ivan Sato", False)],
)  # fmt: skip
def test_a_name_reads_as_japanese_with_a_surname_or_in_kana(name: str, japanese: bool) -> None:
    assert analyze_name(name).japanese is japanese


def test_the_reading_is_asked_only_between_two_japanese_names() -> None:
    assert is_japanese(["tutiya", "sinzi"])
    # Kunrei-shiki against Hepburn, kana's long vowels against a passport's.
    hepburn = compare_names(analyze_name("TSUCHIYA SHINJI"), analyze_name("Tutiya Sinzi"))
    assert {m.how for m in hepburn.matches} == {"romanisation"}
    kana = compare_names(analyze_name("Yuko OHNO"), analyze_name("オオノ ユウコ"))
    assert len(kana.matches) == 2
    # Not between names of which one does not read as Japanese.
    other = compare_names(analyze_name("Sinzi Mohammed"), analyze_name("Shinji Mohammed"))
    assert "romanisation" not in {m.how for m in other.matches}
