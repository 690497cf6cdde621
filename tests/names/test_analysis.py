"""Name analysis: parts as the matcher's cache keys."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from watchline.names.analysis import analyze_name, fold_key
from watchline.names.compare import part_similarity


def test_a_part_pickled_in_another_process_hashes_as_built_here() -> None:
    """Parts cache their hash; string hashes differ between processes (hash seeds), so
    a part sent to a worker must hash there as that worker's own parts do."""
    script = (
        "import pickle, sys\n"
        "from watchline.names.analysis import analyze_name\n"
        "sys.stdout.buffer.write(pickle.dumps(analyze_name('Ivan Petrov').parts))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    sent = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, check=True
    ).stdout
    received = pickle.loads(sent)
    here = analyze_name("Ivan Petrov").parts
    assert received == here
    assert {part: True for part in here}[received[0]]


@pytest.mark.parametrize(
    ("spelling", "same_key_as"),
    [("naumau", "naumov"), ("zubkou", "zubkov"), ("karaeu", "karaev"), ("zimousky", "zimovsky")],
)
def test_belarusian_u_for_v_folds_as_v(spelling: str, same_key_as: str) -> None:
    assert fold_key(spelling) == fold_key(same_key_as)


@pytest.mark.parametrize("name", ["amadou", "mamadou", "kheirou", "lau", "chau", "zhou"])
def test_west_african_and_chinese_final_u_is_not_belarusian(name: str) -> None:
    assert not fold_key(name).endswith("ov")


def test_the_h_of_saleh_is_no_ta_marbuta() -> None:
    assert fold_key("saleh") != fold_key("salya")
    assert fold_key("haniyeh") == fold_key("haniya") == fold_key("hanieh")


@pytest.mark.parametrize(
    ("word", "patronymic"),
    [
        ("Janukowytsch", True),  # German: the folded key ends in -ovich
        ("Iwanowicz", True),  # Polish
        ("Sergejewna", True),
        ("Gatweach", False),  # folds to gatvich: -vich alone is no patronymic ending
        ("Harwich", False),
        ("Heinrich", False),
    ],
)
def test_a_patronymic_is_known_in_any_spelling_of_its_ending(word: str, patronymic: bool) -> None:
    assert analyze_name(word).parts[0].patronymic is patronymic


@pytest.mark.parametrize(
    ("name", "russian"),
    [
        ("Alisher Baxtiyor o'g'li Abdullayev", "Alisher Bakhtiyorovich Abdullaev"),
        ("Анвар Фарҳод ўғли Абдуллаев", "Anvar Farkhodovich Abdullaev"),
        ("Məmmədov Hüseyn Əli oğlu", "Mammadov Huseyn Aliyevich"),
        ("Leyla Tofiq qızı Abbasova", "Leyla Tofikovna Abbasova"),
        ("Bakyt Asan uulu", "Bakyt Asanovich"),
    ],
)
def test_a_turkic_patronymic_is_the_fathers_name_keyed_as_the_russian_form(
    name: str, russian: str
) -> None:
    turkic = [p for p in analyze_name(name).parts if p.patronymic]
    slavic = [p for p in analyze_name(russian).parts if p.patronymic]
    assert len(turkic) == len(slavic) == 1
    assert part_similarity(turkic[0], slavic[0])[0] >= 0.9


def test_a_turkic_marker_without_a_name_before_it_marks_nothing() -> None:
    assert not any(p.patronymic for p in analyze_name("oglu Rustam").parts)
    assert not any(p.patronymic for p in analyze_name("Karimov Rustam").parts)
    company = analyze_name("Rustam Ogli Trading", organisation=True)
    assert not any(p.patronymic for p in company.parts)
    # A father's name stays whole though a compound (abd + allah): in both forms.
    turkic = [p for p in analyze_name("Jasur Abdulla o'g'li").parts if p.patronymic]
    slavic = [p for p in analyze_name("Jasur Abdullaevich").parts if p.patronymic]
    assert [p.text for p in turkic] == ["abdulla"] and turkic[0].key == slavic[0].key
    assert [p.text for p in analyze_name("Abdurrahman Karimov").parts][:2] == ["abd", "rahman"]
    assert not analyze_name("").only_particles and analyze_name("al bin").only_particles
