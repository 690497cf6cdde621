"""Chinese names in Latin letters: one syllable in Pinyin and Wade-Giles, and only in
names that read as Chinese."""

from __future__ import annotations

import pytest

from watchline.names.analysis import analyze_name
from watchline.names.chinese import chinese_keys, is_chinese
from watchline.names.compare import compare_names


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"),
    [("zhou", "chou"), ("xi", "hsi"), ("zedong", "tsetung"), ("jinping", "chinping"),
     ("xiaobo", "hsiaopo"), ("cai", "tsai"), ("yingwen", "ingwen"), ("zi", "tzu"),
     ("ren", "jen"), ("xue", "hsueh"), ("shi", "shih"), ("ge", "ko"), ("wei", "wei")],
)  # fmt: skip
def test_one_syllable_in_two_romanisations_shares_a_key(pinyin: str, wade_giles: str) -> None:
    assert chinese_keys(pinyin) & chinese_keys(wade_giles)


@pytest.mark.parametrize(("one", "other"), [("wei", "hui"), ("na", "ning"), ("jie", "jia")])
def test_different_syllables_keep_different_keys(one: str, other: str) -> None:
    assert not chinese_keys(one) & chinese_keys(other)


def test_a_word_that_is_no_chinese_syllables_has_no_key() -> None:
    assert chinese_keys("ahmed") == frozenset()
    assert chinese_keys("kim") == frozenset()  # Korean, not Mandarin
    assert chinese_keys("ouyangzhenhua") == frozenset()  # more than three syllables


@pytest.mark.parametrize(
    ("name", "chinese"),
    [(["mao", "zedong"], True), (["mao", "tse", "tung"], True), (["kim", "jong", "un"], False),
     (["maria", "lopez"], False), (["dan"], False), (["ali", "hassan"], False)],
)  # fmt: skip
def test_a_name_reads_as_chinese_with_a_surname_and_syllables_only(
    name: list[str], chinese: bool
) -> None:
    assert is_chinese(name) is chinese


@pytest.mark.parametrize(
    ("one", "other"),
    [("Mao Zedong", "Mao Tse-tung"), ("Zhou Enlai", "Chou En-lai"), ("Zhao WEI", "Chao WEI"),
     ("Xuekang WEI", "Hsueh Kang WEI"), ("Liu Xiaobo", "Liu Hsiao-po")],
)  # fmt: skip
def test_pinyin_and_wade_giles_spellings_of_one_name_align(one: str, other: str) -> None:
    result = compare_names(analyze_name(one), analyze_name(other))
    assert not result.unmatched_query and not result.unmatched_candidate
    assert result.similarity >= 0.9


def test_only_two_chinese_names_are_compared_so() -> None:
    """ "Tina" and "Dina" are one key in a Chinese name (t and d are Wade-Giles's
    aspirated and plain d); between an English and a Chinese name they are not."""
    chinese = compare_names(analyze_name("Dina Wang"), analyze_name("Tina Wang"))
    english = compare_names(analyze_name("Dina Wang"), analyze_name("Tina Wangford"))
    assert all(m.how != "romanisation" for m in english.matches)
    assert any(m.how == "romanisation" for m in chinese.matches)


def test_names_differing_in_a_syllable_do_not_align_so() -> None:
    result = compare_names(analyze_name("Wang Wei"), analyze_name("Wang Hui"))
    assert result.unmatched_query == ("wei",)
