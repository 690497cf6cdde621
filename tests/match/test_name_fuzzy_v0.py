"""The first matcher: named cases of what must and must not match."""

from __future__ import annotations

import pytest

from watchline.match import get_algorithm
from watchline.model import Entity


def person(name: str, **props: str) -> Entity:
    values = {"name": [name]} | {k: [v] for k, v in props.items()}
    return Entity("Person", name, values)


CASES = [
    (
        "cyrillic-vs-latin",
        person("Владимир Николаевич ПЛОТНИКОВ", birthDate="1961-11-30"),
        person("Vladimir Nikolaevich PLOTNIKOV", birthDate="1961-11-30"),
        True,
    ),
    ("word-order-caps", person("SALEK, ABDULHAI"), person("Abdulhai Salek"), True),
    (
        "same-passport",
        person("A. Salek", passportNumber="OR 12345"),
        person("Abdulhai Salek", passportNumber="or12345"),
        True,
    ),
    (
        "namesake-other-birth-date",
        person("Abdulhai Salek", birthDate="1965-02-01"),
        person("Abdulhai Salek", birthDate="1983-07-19"),
        False,
    ),
    ("different-person", person("Jane Nobody"), person("Abdulhai Salek"), False),
]


@pytest.mark.parametrize(
    ("case", "query", "candidate", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_cases(case: str, query: Entity, candidate: Entity, expected: bool) -> None:
    result = get_algorithm("name-fuzzy-v0").compare(query, candidate)
    assert result.match is expected, (case, result.score, result.summary())
    assert 0.0 <= result.score <= 1.0


def test_explanation_names_both_values() -> None:
    result = get_algorithm("name-fuzzy-v0").compare(
        person("Abdulhai Salek", birthDate="1965"), person("ABDULHAI SALEK", birthDate="1965-03-01")
    )
    by_name = {f.name: f for f in result.features}
    assert by_name["name"].query_value == "Abdulhai Salek"
    assert by_name["name"].candidate_value == "ABDULHAI SALEK"
    assert by_name["birth_date"].contribution > 0
