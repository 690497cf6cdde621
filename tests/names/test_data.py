"""The curated name data files: documented, well-formed, free of contradictions."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

import watchline.names.data as data_module
from watchline.names.analysis import fold_key
from watchline.names.compare import GLUED_PARTICLES
from watchline.names.data import DATA_DIR, _fold_rule, data_digest, name_data


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_data_file_opens_with_a_comment_header(path) -> None:  # type: ignore[no-untyped-def]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), f"{path.name} must say what it holds and its sources"


def test_no_spelling_belongs_to_two_families() -> None:
    owners: dict[str, set[int]] = defaultdict(set)
    for number, family in enumerate(name_data().families):
        for spelling in family:
            owners[fold_key("".join(spelling.split()))].add(number)
    assert {key: found for key, found in owners.items() if len(found) > 1} == {}


def test_transliteration_keys_are_single_characters() -> None:
    assert all(len(char) == 1 for char in name_data().char_map)


def test_particle_kinds_are_particles_and_cover_the_glued_ones() -> None:
    data = name_data()
    assert set(data.particle_kinds) <= data.particles
    assert set(GLUED_PARTICLES) <= set(data.particle_kinds)


def test_particles_and_titles_do_not_overlap() -> None:
    data = name_data()
    assert not (data.particles & data.titles)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sergeev", "sergeyev"),  # Russian e-e is not the English ee of "Khadeeja"
        ("alekseeva", "alekseyeva"),
        ("khadeeja", "khadija"),
        ("zhukov", "jukov"),
        # Iotated vowels after a consonant: ICAO 9303 (passports), BGN, German, others.
        ("beliaev", "belyaev"),
        ("belyayev", "beliaev"),
        ("ilia", "ilya"),
        ("mariia", "mariya"),
        ("marija", "maria"),
        ("tatiana", "tatyana"),
        # The final й.
        ("andrei", "andrey"),
        ("andrej", "andrey"),
        ("sergej", "sergei"),
        ("nikolai", "nikolay"),
        ("yurii", "yuriy"),
        ("iurii", "yury"),
        ("yurij", "yuriy"),
        ("dmitrij", "dmitry"),
        ("arsenii", "arseny"),
        # Ukrainian и written y or i.
        ("tymoshenko", "timoshenko"),
        ("sydorenko", "sidorenko"),
        # French ou for the w-glide.
        ("alaoui", "alawi"),
        ("ouahid", "wahid"),
        ("gueorgui", "georgi"),
        ("evgueni", "evgeniy"),
        ("ziad", "ziyad"),
        ("natalia", "natalya"),
    ],
)
def test_folding_meets_spellings_of_one_name(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("faraj", "faray"),  # Arabic ج ends the name: not a й
        ("oussama", "ouassama"),  # ou before a consonant is u
        # Deliberately not folded: a glide before e is left to edit distance, as Georgian
        # ძე is written "je" (Lomije / Lomidze would lose a letter to the fold).
        ("vasilev", "vasilyev"),
        ("raj", "ray"),
    ],
)
def test_folding_keeps_apart_what_it_should_not_merge(a: str, b: str) -> None:
    assert fold_key(a) != fold_key(b)


def test_arabic_script_z_then_h_is_not_the_zh_of_cyrillic() -> None:
    # زهراني romanises to "zhrany": z, h; Cyrillic Ж romanises to the digraph "zh".
    assert fold_key("zhrany", abjad=True).startswith("zh")
    assert fold_key("zhrany").startswith("jr")


@pytest.mark.parametrize("rule", [["a", "b", "latn"], ["a"], "a -> b"])
def test_a_malformed_folding_rule_is_an_error_naming_it(rule: object) -> None:
    with pytest.raises(ValueError, match=r"folding\.yml: rule"):
        _fold_rule(rule)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the data files, read in their place."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setattr(data_module, "DATA_DIR", copy)
    return copy


def test_data_digest_changes_with_any_data_file(data_copy: Path) -> None:
    # The index is rebuilt when the digest differs: an edited family renumbers keys.
    copy = data_copy
    before = data_digest.__wrapped__()
    assert before == data_digest()  # the copy is the same data
    variants = copy / "name_variants.yml"
    variants.write_text(
        variants.read_text(encoding="utf-8") + "  - [zyx, zyxx]\n", encoding="utf-8"
    )
    assert data_digest.__wrapped__() != before


def test_data_digest_leaves_out_the_query_only_diminutives(data_copy: Path) -> None:
    # The diminutives make keys of queries only: editing them rebuilds no index.
    before = data_digest.__wrapped__()
    diminutives = data_copy / "diminutives.yml"
    diminutives.write_text(
        diminutives.read_text(encoding="utf-8") + "борислав: [боря]\n", encoding="utf-8"
    )
    assert data_digest.__wrapped__() == before


def test_a_malformed_diminutive_is_an_error_naming_the_file_and_name(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchline.names.nicknames as nicknames

    monkeypatch.setattr(nicknames, "DATA_DIR", data_copy)
    (data_copy / "diminutives.yml").write_text("# header\nиван: [ваня, 7]\n", encoding="utf-8")
    nicknames._diminutives.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"diminutives.yml: 'иван'"):
            nicknames._diminutives()
    finally:
        nicknames._diminutives.cache_clear()
