"""The labelled-pair generator: determinism, FtM validity, shares, and real spellings."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generators import (
    arabic_roman,
    arabic_script,
    romanise_az,
    romanise_ka,
    romanise_ru,
    romanise_tg,
    romanise_uk,
    romanise_uz,
)
from benchmarks.generators.pairs import KINDS, LOCALES, generate_pairs, main, systems
from benchmarks.generators.records import dates_contradict, namesake_date
from benchmarks.generators.romanise_general import icao_fold, pinyin_syllables
from benchmarks.generators.tables import DATA_DIR
from benchmarks.generators.translit import Table
from followthemoney import model

N = 2000


@pytest.fixture(scope="module")
def sample() -> list[dict[str, Any]]:
    return list(generate_pairs(7, N, debug=True))


def _names(entity: dict[str, Any]) -> list[str]:
    props = entity["properties"]
    return [*props["name"], *props.get("alias", [])]


# -- determinism ----------------------------------------------------------------------------


def test_same_seed_gives_identical_output() -> None:
    assert list(generate_pairs(3, 300)) == list(generate_pairs(3, 300))


def test_prefix_of_a_run_is_stable() -> None:
    assert list(generate_pairs(3, 40)) == list(generate_pairs(3, 300))[:40]


def test_train_and_test_seeds_differ() -> None:
    train = list(generate_pairs(1, 1000))
    test = list(generate_pairs(2, 1000))
    assert train != test
    key = lambda r: (r["a"]["properties"]["name"][0], r["b"]["properties"]["name"][0])  # noqa: E731
    shared = {key(r) for r in train} & {key(r) for r in test}
    assert len(shared) < 20


def test_debug_fields_are_opt_in() -> None:
    record = next(generate_pairs(1, 1))
    assert set(record) == {"a", "b", "label", "locale", "kind", "variations"}


def test_cli_writes_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "pairs.jsonl"
    assert main(["--seed", "2", "--n", "25", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    assert '"schema": "Person"' in lines[0]


# -- structure ------------------------------------------------------------------------------


def test_every_record_is_a_valid_ftm_person(sample: list[dict[str, Any]]) -> None:
    for record in sample:
        for side in ("a", "b"):
            entity = record[side]
            assert entity["schema"] == "Person"
            assert entity["properties"]["name"]
            proxy = model.get_proxy(entity, cleaned=False)  # cleans and validates each value
            cleaned = proxy.to_dict()["properties"]
            for prop, values in entity["properties"].items():
                assert sorted(cleaned.get(prop, [])) == sorted(values), (prop, values)
        assert record["a"]["id"] != record["b"]["id"]


def test_locale_and_kind_shares(sample: list[dict[str, Any]]) -> None:
    locales = Counter(r["locale"] for r in sample)
    assert set(locales) == set(LOCALES)
    for count in locales.values():
        assert abs(count / N - 1 / len(LOCALES)) < 0.03
    kinds = Counter(r["kind"] for r in sample)
    for kind, share in KINDS.items():
        assert abs(kinds[kind] / N - share) < 0.035, kind
    assert all(r["label"] == (r["kind"] == "match") for r in sample)


def test_positives_are_two_renderings_of_one_identity(sample: list[dict[str, Any]]) -> None:
    for r in sample:
        d = r["debug"]
        assert r["label"] == (d["a_identity"] == d["b_identity"])
        if r["label"]:
            assert d["a_native"] == d["b_native"]
            scheme_a = next(v for v in r["variations"] if v.startswith("a:scheme="))
            scheme_b = next(v for v in r["variations"] if v.startswith("b:scheme="))
            assert scheme_a.split("=")[1] != scheme_b.split("=")[1]


def test_namesakes_share_the_name_but_not_the_person(sample: list[dict[str, Any]]) -> None:
    namesakes = [r for r in sample if r["kind"] == "namesake"]
    assert namesakes
    for r in namesakes:
        d = r["debug"]
        assert (d["a_given"], d["a_family"]) == (d["b_given"], d["b_family"])
        assert d["a_birth_date"] != d["b_birth_date"]
        a, b = r["a"]["properties"], r["b"]["properties"]
        passports = "passportNumber" in a and "passportNumber" in b
        assert passports or dates_contradict(a.get("birthDate", []), b.get("birthDate", []))


def test_relatives_share_the_family_and_the_father_links(sample: list[dict[str, Any]]) -> None:
    relatives = [r for r in sample if r["kind"] == "relative"]
    assert relatives
    for r in relatives:
        d = r["debug"]
        assert d["a_family"] == d["b_family"]
        assert d["a_given"] != d["b_given"] or "relative=parent" in r["variations"]
        gap = abs(date.fromisoformat(d["a_birth_date"]) - date.fromisoformat(d["b_birth_date"]))
        if "relative=sibling" in r["variations"]:
            assert d["a_father"] == d["b_father"]
            assert 365 <= gap.days <= 11 * 365
        else:
            assert 20 * 365 - 10 <= gap.days <= 36 * 365


def test_noise_rates_on_positives(sample: list[dict[str, Any]]) -> None:
    positives = [r for r in sample if r["label"]]
    typos = sum(any(":typo=" in v for v in r["variations"]) for r in positives)
    assert 0.08 < typos / len(positives) < 0.18
    exact = sum("dob=exact" in r["variations"] for r in positives)
    assert 0.43 < exact / len(positives) < 0.57


def test_no_name_holds_a_word_yaml_made_of_a_table_entry(sample: list[dict[str, Any]]) -> None:
    # Unquoted in a table, French "off" (for -ов) was YAML's false: "IvanFalse".
    words = {w for r in sample for e in (r["a"], r["b"]) for n in _names(e) for w in n.split()}
    assert not [w for w in words if any(b in w for b in ("False", "True", "None"))]


def test_a_table_refuses_letters_that_are_not_text() -> None:
    with pytest.raises(ValueError, match="final: 'ов': False"):
        Table({"map": {"а": "a"}, "final": {"ов": False}})


def test_watchlist_entries_carry_several_spellings(sample: list[dict[str, Any]]) -> None:
    with_aliases = sum(bool(r["b"]["properties"].get("alias")) for r in sample)
    assert with_aliases / N > 0.6
    scripts = Counter(
        "arabic" if any("\u0600" <= c <= "\u06ff" for n in _names(r["b"]) for c in n) else "-"
        for r in sample
        if r["locale"] == "ar"
    )
    assert scripts["arabic"] > 0


def test_namesake_dates_are_never_typo_or_swap_of_the_original() -> None:
    import random

    rng = random.Random(0)
    for _ in range(500):
        d = date(1970 + rng.randrange(30), rng.randint(1, 12), rng.randint(1, 28))
        other, _mode = namesake_date(d, rng)
        assert other != d
        assert abs((other - d).days) > 2
        assert (other.day, other.month) != (d.month, d.day)


# -- real spellings -------------------------------------------------------------------------

CASES = [
    (romanise_ru.romanise("Щербаков", "icao_doc_9303"), "Shcherbakov"),
    (romanise_ru.romanise("Юрий Гагарин", "bgn_pcgn"), "Yuriy Gagarin"),
    (romanise_ru.romanise("Александр Хрущёв", "german"), "Alexander Chruschtschow"),
    (romanise_ru.romanise("Михаил Горбачёв", "french"), "Mikhail Gorbatchev"),
    (romanise_ru.romanise("Сергей Иванов", "french"), "Sergueï Ivanoff"),
    (romanise_uk.kmu_2010("Олександр"), "Oleksandr"),
    (romanise_uk.kmu_2010("Згурський"), "Zghurskyi"),
    (romanise_uk.kmu_2010("Юрій Ярошенко"), "Yurii Yaroshenko"),
    (romanise_uk.kmu_2010("Олексій Сергійович"), "Oleksii Serhiiovych"),
    (romanise_tg.tj_national("Ҷамшед"), "Jamshed"),
    (romanise_tg.russian_style("Ҷамшед"), "Dzhamshed"),
    (romanise_tg.tj_national("Раҳимзода"), "Rahimzoda"),
    (romanise_uz.uz_latin("Ўткир", "‘"), "O‘tkir"),
    (romanise_uz.uz_latin("Ўткир"), "Oʻtkir"),
    (romanise_uz.uz_latin("Хўжаев", "'"), "Xo'jayev"),
    (romanise_ka.romanise("სააკაშვილი"), "saakashvili"),
    (romanise_ka.romanise("სააკაშვილი", "bgn_pcgn_2009"), "saak'ashvili"),
    (romanise_ka.romanise("შევარდნაძე"), "shevardnadze"),
    (romanise_az.russian_mediated("Məmmədov"), "Mamedov"),
    (romanise_az.russian_mediated("Həsənov"), "Gasanov"),
    (romanise_az.russian_mediated("Cəfərov"), "Dzhafarov"),
    (romanise_az.russian_mediated("Hüseynov", "bgn_pcgn"), "Guseynov"),
    (arabic_script.to_script("muḥammad"), "محمد"),
    (arabic_script.to_script("ʿabd al-raḥmān"), "عبد الرحمن"),
    (arabic_script.to_script("fāṭimaẗ bint yūsuf"), "فاطمة بنت يوسف"),
    (arabic_script.to_script("ʿāʾišaẗ", perso=True), "عائشه"),
    (arabic_roman.romanise("ʿabd al-raḥmān", "alalc"), "ʻAbd al-Raḥmān"),
    (arabic_roman.romanise("muṣṭafá", "alalc"), "Muṣṭafá"),
    (icao_fold("Müller"), "Mueller"),
]


@pytest.mark.parametrize(("got", "expected"), CASES)
def test_known_real_spellings(got: str, expected: str) -> None:
    assert got == expected


ARABIC_REACHABLE = [
    ("ʿuṯmān", "french", "Othmane"),
    ("ʿabd al-raḥmān", "french", "Abderrahmane"),
    ("ʿabd al-qādir", "french", "Abdelkader"),
    ("muḥammad", "french", "Mohamed"),
    ("ʿabd al-raḥmān", "english", "Abdulrahman"),
    ("ʿabd al-raḥmān", "english", "Abd al-Rahman"),
    ("muḥammad", "english", "Mohammed"),
    ("ʿabd al-raḥmān", "persian", "Abdul Rahman"),
    ("ḥafīẓ allāh", "persian", "Hafizullah"),
    ("ḍiyāʾ al-ḥaqq", "persian", "Zia ul-Haq"),
    ("ʿabd al-raḥmān", "turkish", "Abdurrahman"),
    ("aḥmad", "turkish", "Ahmet"),
    ("ʿabd al-raḥmān", "central_asian", "Abdurahmon"),
    ("nūr al-dīn", "central_asian", "Nuriddin"),
    ("ǧamāl", "egyptian", "Gamal"),
    ("muḥammad", "russian", "Мухаммад"),
    ("al-šāmī", "english", "ash-Shami"),
]


@pytest.mark.parametrize(("vocalised", "convention", "expected"), ARABIC_REACHABLE)
def test_arabic_conventions_reach_real_spellings(
    vocalised: str, convention: str, expected: str
) -> None:
    """Each convention's rules, over their random choices, produce the attested spelling."""
    spellings = {arabic_roman.romanise(vocalised, convention, seed) for seed in range(300)}
    assert expected in spellings, sorted(spellings)


def test_arabic_russian_mediated_latin() -> None:
    spellings = {
        romanise_ru.romanise(arabic_roman.romanise("ʿabd al-raḥmān", "russian", s), "icao_doc_9303")
        for s in range(100)
    }
    assert "Abdurakhman" in spellings


@pytest.mark.parametrize(
    ("father", "gender", "expected"),
    [
        ("Сергей", "male", "Сергеевич"),
        ("Сергей", "female", "Сергеевна"),
        ("Юрий", "male", "Юрьевич"),
        ("Дмитрий", "female", "Дмитриевна"),
        ("Илья", "male", "Ильич"),
        ("Никита", "female", "Никитична"),
        ("Игорь", "male", "Игоревич"),
        ("Иван", "female", "Ивановна"),
    ],
)
def test_russian_patronymics(father: str, gender: str, expected: str) -> None:
    irregular = systems()["ru"].data["patronymic"]
    assert romanise_ru.patronymic(father, gender, irregular) == expected


def test_ukrainian_patronymics_and_feminine_surnames() -> None:
    irregular = systems()["uk"].data["patronymic"]
    assert romanise_uk.patronymic("Сергій", "male", irregular) == "Сергійович"
    assert romanise_uk.patronymic("Сергій", "female", irregular) == "Сергіївна"
    assert romanise_uk.patronymic("Микола", "female", irregular) == "Миколаївна"
    assert romanise_uk.patronymic("Павло", "male", irregular) == "Павлович"
    assert systems()["uk"].surname("Зеленський", "female") == "Зеленська"
    assert systems()["uk"].surname("Шевченко", "female") == "Шевченко"
    assert romanise_ru.feminine("Покровский") == "Покровская"
    assert romanise_ru.feminine("Черных") == "Черных"


def test_central_asian_surname_forms() -> None:
    assert romanise_tg.alternate_surname("Раҳимзода") == "Раҳимов"
    assert romanise_tg.alternate_surname("Мирзоев") == "Мирзозода"
    assert romanise_ru.soviet_patronymic("Абдулла", "male") == "Абдуллаевич"
    assert romanise_ru.soviet_patronymic("Шариф", "female") == "Шарифовна"


def test_pinyin_syllables() -> None:
    assert pinyin_syllables("Xiǎomíng") == ["Xiǎo", "míng"]
    assert pinyin_syllables("Jiànguó") == ["Jiàn", "guó"]
    assert pinyin_syllables("Tíngtíng") == ["Tíng", "tíng"]


# -- data files -----------------------------------------------------------------------------


def test_data_files_say_what_they_hold_and_where_from() -> None:
    files = sorted(DATA_DIR.glob("*.yml"))
    assert len(files) >= 10
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert all(line.startswith("#") for line in head), path.name


@pytest.mark.parametrize("locale", LOCALES)
def test_name_pools_are_large_enough(locale: str) -> None:
    system = systems()[locale]
    pools = [system.pools(region) for region in system.regions()]
    firsts = {n for p in pools for n in (*p.male.items, *p.female.items)}
    surnames = {n for p in pools for n in p.surnames.items}
    assert len(firsts) >= 60
    assert len(surnames) >= 60
