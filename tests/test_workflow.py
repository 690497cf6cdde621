"""The alert state rules: who may move an alert where, and the four-eyes confirmation."""

from __future__ import annotations

import pytest

from watchline.errors import ConflictError, InputError
from watchline.workflow import Action, AlertState, parse_action, transition


def move(state: AlertState, action: Action, user: str = "ana", proposed: str | None = None):
    return transition(state, action, user=user, reason="checked", proposed_by=proposed, alert_id=7)


def test_confirmation_needs_two_different_analysts() -> None:
    first = move(AlertState.OPEN, Action.MATCH, "ana")
    assert (first.to_state, first.proposed_by, first.recorded_as) == (
        AlertState.ESCALATED,
        "ana",
        "propose-match",
    )
    with pytest.raises(ConflictError, match="second analyst"):
        move(first.to_state, Action.MATCH, "ana", proposed=first.proposed_by)
    second = move(first.to_state, Action.MATCH, "ben", proposed=first.proposed_by)
    assert (second.to_state, second.recorded_as) == (AlertState.CONFIRMED, "approve-match")


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (Action.FALSE_POSITIVE, AlertState.FALSE_POSITIVE),
        (Action.INCONCLUSIVE, AlertState.INCONCLUSIVE),
        (Action.ESCALATE, AlertState.ESCALATED),
    ],
)
def test_one_analyst_closes_or_escalates(action: Action, state: AlertState) -> None:
    assert move(AlertState.OPEN, action).to_state is state


def test_a_proposed_match_can_still_be_closed_as_false_positive() -> None:
    assert (
        move(AlertState.ESCALATED, Action.FALSE_POSITIVE, "ben", proposed="ana").to_state
        is AlertState.FALSE_POSITIVE
    )


@pytest.mark.parametrize(
    "closed",
    [
        AlertState.CONFIRMED,
        AlertState.FALSE_POSITIVE,
        AlertState.INCONCLUSIVE,
        AlertState.WITHDRAWN,
    ],
)
def test_closed_alerts_take_no_decision(closed: AlertState) -> None:
    with pytest.raises(ConflictError, match="closed"):
        move(closed, Action.ESCALATE)


def test_escalating_twice_is_refused() -> None:
    with pytest.raises(ConflictError, match="already escalated"):
        move(AlertState.ESCALATED, Action.ESCALATE)


@pytest.mark.parametrize(("user", "reason", "where"), [("", "x", "--by"), ("ana", " ", "--reason")])
def test_decisions_need_analyst_and_reason(user: str, reason: str, where: str) -> None:
    with pytest.raises(InputError) as info:
        transition(
            AlertState.OPEN, Action.ESCALATE, user=user, reason=reason, proposed_by=None, alert_id=1
        )
    assert info.value.location == where


def test_parse_action_accepts_spellings_and_refuses_automatic_ones() -> None:
    assert parse_action("FALSE_POSITIVE") is Action.FALSE_POSITIVE
    assert parse_action("confirm") is Action.MATCH
    with pytest.raises(InputError, match="automatically"):
        parse_action("withdraw")
    with pytest.raises(InputError, match="unknown decision 'approve'"):
        parse_action("approve")
