"""Names in North Indian scripts read as their Latin spellings write them."""

from __future__ import annotations

import pytest

from watchline.names.analysis import analyze_name
from watchline.names.compare import compare_names
from watchline.names.translit import romanise


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("मनमोहन", "manmohan"),  # inherent a dropped at the end and between VC_CV
        ("रहमान", "rahman"),
        ("রহমান", "rahman"),  # Bengali
        ("ਮਨਮੋਹਨ ਸਿੰਘ", "manmohan singh"),  # Gurmukhi, with its tippi
        ("अमिताभ बच्चन", "amitabh bachchan"),  # ISO c is ch; an aspirate is one sound
        ("नरेंद्र", "narendra"),  # kept after a cluster
        ("कृष्ण", "krishna"),  # r̥ is ri, ṣ is sh
        ("आनंद", "anand"),  # dropped after a nasal and a consonant
        ("हासिना", "hasina"),  # a written long vowel stays
        ("અમિત શાહ", "amit shah"),  # Gujarati
        ("अमर", "amar"),  # a word's first letter is never an inherent vowel
    ],
)
def test_inherent_vowels_latin_spellings_drop_are_dropped(written: str, latin: str) -> None:
    assert romanise(written) == latin


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("ਮਨਮੋਹਨ ਸਿੰਘ", "Manmohan Singh"),
        ("शेख मुजीबुर रहमान", "Sheikh Mujibur Rahman"),
        ("अमिताभ बच्चन", "Amitabh Bachchan"),
        ("মুহাম্মদ ইউনূস", "Muhammad Yunus"),
    ],
)
def test_a_name_in_an_indic_script_aligns_with_its_latin_spelling(
    written: str, listed: str
) -> None:
    result = compare_names(analyze_name(written), analyze_name(listed))
    assert not result.unmatched_query and not result.unmatched_candidate
    assert result.similarity >= 0.85
