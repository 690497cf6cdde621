"""Alert states and the decisions that move between them (pure rules, no storage).

    open ──escalate──> escalated
    open | escalated ──match (analyst A)──> escalated, awaiting a second analyst
    escalated, proposed by A ──match (analyst B != A)──> confirmed
    open | escalated ──false-positive──> false_positive
    open | escalated ──inconclusive──> inconclusive
    open | escalated ──(list entry removed)──> withdrawn      (automatic)

Confirmed, false positive, inconclusive and withdrawn are closed: no decision moves
them again. A closed alert is followed by a new alert (linked to it) only when the
evidence changes, which is the store's business, not a transition.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from watchline.errors import ConflictError, InputError


class AlertState(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    INCONCLUSIVE = "inconclusive"
    WITHDRAWN = "withdrawn"

    @property
    def closed(self) -> bool:
        return self not in (AlertState.OPEN, AlertState.ESCALATED)


class Action(StrEnum):
    ESCALATE = "escalate"
    MATCH = "match"
    FALSE_POSITIVE = "false-positive"
    INCONCLUSIVE = "inconclusive"
    WITHDRAW = "withdraw"  # automatic only: the list entry was removed


#: Actions an analyst may take (the CLI's and API's `--as` values).
ANALYST_ACTIONS = (Action.ESCALATE, Action.MATCH, Action.FALSE_POSITIVE, Action.INCONCLUSIVE)

_CLOSING = {
    Action.FALSE_POSITIVE: AlertState.FALSE_POSITIVE,
    Action.INCONCLUSIVE: AlertState.INCONCLUSIVE,
    Action.WITHDRAW: AlertState.WITHDRAWN,
}


@dataclass(frozen=True)
class Transition:
    action: Action
    to_state: AlertState
    #: The analyst whose "match" awaits a second approval (kept until the alert closes).
    proposed_by: str | None
    #: How the decision is recorded: "propose-match" and "approve-match" for the two halves.
    recorded_as: str


def parse_action(value: str) -> Action:
    normalised = value.strip().lower().replace("_", "-")
    aliases = {"confirm": "match", "confirmed": "match", "fp": "false-positive"}
    normalised = aliases.get(normalised, normalised)
    try:
        action = Action(normalised)
    except ValueError:
        raise InputError(
            f"unknown decision {value!r}; use one of: {', '.join(ANALYST_ACTIONS)}",
            location="--as",
        ) from None
    if action not in ANALYST_ACTIONS:
        raise InputError(f"{value!r} is applied automatically, not by analysts", location="--as")
    return action


def transition(
    state: AlertState,
    action: Action,
    *,
    user: str,
    reason: str,
    proposed_by: str | None,
    alert_id: object,
) -> Transition:
    """The move `action` by `user` makes from `state`, or the error that explains why not."""
    if not user.strip():
        raise InputError("a decision needs the deciding analyst", location="--by")
    if not reason.strip():
        raise InputError("a decision needs a reason", location="--reason")
    if state.closed:
        raise ConflictError(
            f"alert {alert_id} is closed ({state.value}); it cannot be decided again"
        )
    if action is Action.ESCALATE:
        if state is AlertState.ESCALATED:
            raise ConflictError(f"alert {alert_id} is already escalated")
        return Transition(action, AlertState.ESCALATED, proposed_by, "escalate")
    if action is Action.MATCH:
        if proposed_by is None:
            return Transition(action, AlertState.ESCALATED, user, "propose-match")
        if proposed_by == user:
            raise ConflictError(
                f"alert {alert_id}: {user} proposed this match; a second analyst must approve it"
                " (four-eyes)"
            )
        return Transition(action, AlertState.CONFIRMED, proposed_by, "approve-match")
    return Transition(action, _CLOSING[action], proposed_by, action.value)
