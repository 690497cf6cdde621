from __future__ import annotations

import pytest

from watchline.names.translit import ascii_spellings, han_characters, is_abjad, romanise

CASES = [
    ("russian", "Владимир Николаевич ПЛОТНИКОВ", "vladimir nikolaevich plotnikov"),
    ("ukrainian", "Олександр Згурський", "oleksandr zgurskiy"),
    ("tajik", "Ҷамшед Раҳмонов", "jamshed rahmonov"),
    ("tajik-gh-q", "Ғафуров Қосим", "ghafurov qosim"),
    ("uzbek-cyrillic", "Ўткир Ғуломов", "utkir ghulomov"),
    ("uzbek-latin-apostrophes", "O‘tkir G‘ulomov", "utkir gulomov"),
    ("kazakh", "Нұрсұлтан Әбішұлы", "nursultan abishuly"),
    ("azerbaijani", "İlham Əliyev", "ilham aliyev"),
    ("georgian", "მიხეილ სააკაშვილი", "mikheil saakashvili"),
    ("arabic-article-split", "أبو مصعب الزرقاوي", "abw msb al zrqawy"),
    ("arabic-abd-compound", "عبدالله", "bd al lh"),
    ("persian-letters", "گل محمد", "gl mhmd"),
    ("greek", "Ωμέγα", "omega"),
    ("alа-lc-diacritics", "Muḥammad ʿAbd al-Raḥmān", "muhammad abd al rahman"),
    ("punctuation-only", "-- ,. --", ""),
]


@pytest.mark.parametrize(("case", "name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_romanise(case: str, name: str, expected: str) -> None:
    assert romanise(name) == expected


def test_abjad_detection() -> None:
    assert is_abjad("محمد") and not is_abjad("Мухаммад") and not is_abjad("Muhammad")


def test_overlong_input_is_bounded() -> None:
    assert len(romanise("a" * 100_000)) <= 500


def test_a_hushing_letters_mark_is_also_spelt_with_an_h() -> None:
    assert [romanise(s) for s in ascii_spellings("Taras Ševčenko")] == ["taras shevchenko"]
    assert [romanise(s) for s in ascii_spellings("Şavkat Mirziyoyev")] == ["shavkat mirziyoyev"]
    # With an Azerbaijani ə, each of its spellings too.
    assert "elshen" in [romanise(s) for s in ascii_spellings("Elşən")]
    assert ascii_spellings("Slobodan Milosevic") == ()
    # An initial keeps its letter: "Sh." would be no initial.
    assert ascii_spellings("Ş. KAYA") == ()


def test_chinese_characters_read_alike_in_either_form_and_order() -> None:
    simplified = han_characters("陈志强")
    assert simplified is not None
    assert han_characters("陳志強") == simplified
    assert han_characters("海燕 李") == han_characters("李, 海燕") == han_characters("李海燕")
    assert han_characters("李明") != han_characters("李明明")


def test_only_a_name_in_chinese_characters_alone_has_them() -> None:
    for name in ("Li Ming", "李 Ming", "たなか", "김정은", ""):
        assert han_characters(name) is None, name


@pytest.mark.parametrize(
    ("ethiopic", "latin"),
    [
        ("አበበች ከበደ", "abebech kebede"),  # ICU's own reading: "ababac kabada"
        ("ተስፋዬ", "tesfaye"),  # the sixth order's vowel unwritten
        ("ጌታቸው ረዳ", "getachew reda"),
        ("እሸቱ", "eshetu"),  # the glottal's sixth order, e
        ("ሀብተ", "habte"),  # the first order after h, a
        ("ፀሐይ", "tsehay"),
    ],
)
def test_ethiopic_syllables_are_romanised_as_passports_write_them(
    ethiopic: str, latin: str
) -> None:
    assert romanise(ethiopic) == latin
