"""Result types shared by every matching algorithm.

A feature carries the two values it compared and a human-readable detail, so alert views
and the API explanation come straight from the scorer, never reconstructed later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from watchline.model import Entity


@dataclass(frozen=True, slots=True)
class FeatureResult:
    name: str
    #: Similarity in [0, 1], or None when either side lacks the attribute.
    similarity: float | None
    #: Signed effect on the final score (before clipping to [0, 1]).
    contribution: float
    detail: str
    query_value: str | None = None
    candidate_value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Hand-written: dataclasses.asdict deep-copies and costs more than the scoring.
        return {
            "name": self.name,
            "similarity": self.similarity,
            "contribution": self.contribution,
            "detail": self.detail,
            "query_value": self.query_value,
            "candidate_value": self.candidate_value,
        }


@dataclass(frozen=True, slots=True)
class MatchResult:
    score: float
    match: bool
    algorithm: str
    features: list[FeatureResult] = field(default_factory=list)

    def summary(self) -> str:
        """One line: the features that moved the score, strongest first."""
        moved = sorted(
            (f for f in self.features if f.contribution != 0.0),
            key=lambda f: -abs(f.contribution),
        )
        return "; ".join(f.detail for f in moved) or "no evidence"

    def explanation(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.features]


class Algorithm(Protocol):
    """A named, versioned matcher. Old versions stay registered so old alerts re-explain."""

    @property
    def name(self) -> str: ...

    @property
    def threshold(self) -> float: ...

    def compare(self, query: Entity, candidate: Entity) -> MatchResult: ...
