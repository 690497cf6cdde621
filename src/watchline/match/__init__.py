"""Matching: compare a query entity with a list entity and explain the score."""

from watchline.match.registry import DEFAULT_ALGORITHM, get_algorithm
from watchline.match.types import FeatureResult, MatchResult

__all__ = ["DEFAULT_ALGORITHM", "FeatureResult", "MatchResult", "get_algorithm"]
