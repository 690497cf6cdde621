"""Case rules: allowed transitions, locations with US state codes, priority."""

from __future__ import annotations

import pytest

from watchline.cases import (
    TRANSITIONS,
    CaseStatus,
    Location,
    PriorityFacts,
    check_transition,
    parse_location,
    parse_status,
    priority,
)
from watchline.errors import ConflictError, InputError

S = CaseStatus


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.WHEREABOUTS_UNKNOWN, S.APPREHENDED),
        (S.APPREHENDED, S.IN_CUSTODY),
        (S.IN_CUSTODY, S.REMOVED),
        (S.RELEASED_ON_BOND, S.WHEREABOUTS_UNKNOWN),
        (S.REMOVED, S.APPREHENDED),
        (S.LOCATED, S.CHARGED_CRIMINAL),
    ],
)
def test_allowed(old: CaseStatus, new: CaseStatus) -> None:
    check_transition(old, new, case_id=1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.WHEREABOUTS_UNKNOWN, S.RELEASED_ON_BOND),
        (S.WHEREABOUTS_UNKNOWN, S.REMOVED),
        (S.IN_CUSTODY, S.LOCATED),
        (S.DEPARTED, S.IN_CUSTODY),
    ],
)
def test_impossible_transitions_name_the_allowed_ones(old: CaseStatus, new: CaseStatus) -> None:
    with pytest.raises(ConflictError, match=f"cannot go from {old.label} to {new.label}"):
        check_transition(old, new, case_id=7)


def test_every_status_has_a_way_on() -> None:
    assert set(TRANSITIONS) == set(CaseStatus)
    assert all(TRANSITIONS[s] for s in CaseStatus)


def test_parse_status() -> None:
    assert parse_status("Released on bond") is S.RELEASED_ON_BOND
    assert parse_status("deported") is S.REMOVED
    with pytest.raises(InputError, match="unknown case status 'gone'"):
        parse_status("gone")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Houston, TX", Location("us", "TX", "Houston")),
        ("Brooklyn, New York City, NY, US", Location("us", "NY", "Brooklyn, New York City")),
        ("Dushanbe, Tajikistan", Location("tj", None, "Dushanbe")),
        ("Tbilisi, GE", Location("ge", None, "Tbilisi")),
        ("UZ", Location("uz", None, None)),
    ],
)
def test_locations(text: str, expected: Location) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Houston, XX", "unknown US state or country code 'XX'"),
        ("Austin, QQ, US", "'QQ'"),
        ("Springfield, Narnia", "unknown country 'Narnia'"),
        (" , ", "empty location"),
    ],
)
def test_bad_locations(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_location(text)


def test_priority_reasons() -> None:
    score, reasons = priority(
        PriorityFacts(S.WHEREABOUTS_UNKNOWN, watchlist_match=True, prior_removal=False, hops=1)
    )
    assert score == 40 + 25 + 15
    assert reasons == [
        "watchlist match (+40)",
        "whereabouts unknown (+25)",
        "link distance 1 (+15)",
    ]
    low, _ = priority(PriorityFacts(S.IN_CUSTODY, False, False, hops=5))
    assert low == 0
