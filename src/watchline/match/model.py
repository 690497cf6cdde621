"""A logistic model over evidence features, with its coefficients stored as JSON.

Weights live in `models/<name>.json`, written by `benchmarks/fit_matcher.py` from
generated training pairs; nothing is pickled, so any version can be read back by any
later watchline and an old alert can be re-explained with the weights that raised it.
Each feature's contribution is its weight times its value in log-odds, so the
explanation adds up to the score.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).with_name("models")


@dataclass(frozen=True)
class LinearModel:
    name: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    info: dict[str, Any]

    def contributions(self, values: dict[str, float]) -> list[tuple[str, float]]:
        return [
            (f, w * values.get(f, 0.0)) for f, w in zip(self.features, self.weights, strict=True)
        ]

    def probability(self, logit: float) -> float:
        if logit < -35:
            return 0.0
        return 1.0 / (1.0 + math.exp(-logit))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        coefficients: dict[str, float] = data["coefficients"]
        return cls(
            name=data["name"],
            features=tuple(coefficients),
            weights=tuple(float(w) for w in coefficients.values()),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )


@cache
def load_model(name: str) -> LinearModel:
    path = MODELS_DIR / f"{name}.json"
    with open(path, encoding="utf-8") as handle:
        return LinearModel.from_dict(json.load(handle))
