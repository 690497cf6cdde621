"""Korean names in Latin letters: one syllable in McCune-Reischauer, Revised
Romanization and plain spellings, and only in names that read as Korean."""

from __future__ import annotations

import pytest

from watchline.names.analysis import analyze_name
from watchline.names.compare import compare_names
from watchline.names.korean import is_korean, korean_key


@pytest.mark.parametrize(
    ("one", "other"),
    [("jo", "cho"), ("ju", "chu"), ("pu", "bu"), ("kim", "gim"), ("pak", "park"),
     ("choe", "choi"), ("ri", "lee"), ("ri", "yi"), ("ryu", "yu"), ("jeong", "jong"),
     ("oh", "o"), ("roh", "no"), ("chin", "jin"), ("u", "woo")],
)  # fmt: skip
def test_one_syllable_in_two_romanisations_has_one_key(one: str, other: str) -> None:
    assert korean_key(one) is not None
    assert korean_key(one) == korean_key(other)


@pytest.mark.parametrize(("one", "other"), [("jo", "ju"), ("jong", "jung"), ("un", "il")])
def test_different_syllables_keep_different_keys(one: str, other: str) -> None:
    assert korean_key(one) != korean_key(other)


@pytest.mark.parametrize(
    ("name", "korean"),
    [("Yong Chol JO", True), ("Kim Jong Un", True), ("Olga Pak", True),
     ("Dan Brown", False), ("Ali Hasan", False), ("Yong Chol", False),  # no surname
     ("Kenji Sato", False), ("Muhammad Ali", False)],
)  # fmt: skip
def test_a_name_reads_as_korean_only_with_a_surname_and_korean_syllables(
    name: str, korean: bool
) -> None:
    assert is_korean(name.lower().split()) is korean
    assert analyze_name(name).korean is korean


# Pairs of one person's names from the OFAC SDN and UN lists (aliases of one entry).
LISTED = [
    ("Yong Chol JO", "Yong Chol CHO"),
    ("Kyu-Chang JU", "Kyu-Ch'ang CHU"),
    ("Pu Il CHOE", "Bu-il CHOI"),
    ("Ho-Chin YUN", "Ho-Jin YUN"),
    ("Pyong So HWANG", "Pyo'ng-so' HWANG"),
    ("Jong Man KIM", "Cho'ng-man KIM"),
    ("김정은", "Kim Jong Un"),
    ("CHO IL U", "Cho Il Woo"),
]


@pytest.mark.parametrize(("one", "other"), LISTED)
def test_listed_aliases_align_every_part(one: str, other: str) -> None:
    result = compare_names(analyze_name(one), analyze_name(other))
    assert not result.unmatched_query and not result.unmatched_candidate, result.describe()
    assert all(m.similarity >= 0.9 for m in result.matches), result.describe()


def test_korean_spellings_are_not_read_into_other_names() -> None:
    # Two surnames, Jo and Ju, stay apart; so do "Kim Jong Un" and "Kim Jong Il".
    for one, other in [("Yong Chol JO", "Yong Chol JU"), ("Kim Jong Un", "Kim Jong Il")]:
        result = compare_names(analyze_name(one), analyze_name(other))
        assert len(result.matches) == 2, result.describe()
    # Not Korean (no surname): "Tarik" and "Darik" are an edit apart, not one syllable.
    result = compare_names(analyze_name("Tarik Omar"), analyze_name("Darik Omar"))
    assert all(m.how != "romanisation" for m in result.matches), result.describe()


def test_uzbek_apostrophes_are_still_uzbek_letters() -> None:
    """McCune-Reischauer "o'" is o only in a Korean name: Uzbek "O'tkir" stays Utkir."""
    assert [p.text for p in analyze_name("O'tkir G'ulomov").parts] == ["utkir", "gulomov"]
    assert [p.text for p in analyze_name("Pyo'ng-so' HWANG").parts] == ["pyong", "so", "hwang"]
