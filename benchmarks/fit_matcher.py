"""Fit the `watchline-v1` coefficients on generated training pairs and write them as JSON.

    python -m benchmarks.fit_matcher --seed 1 --n 20000

Hard conflicts. Full birth dates that differ, passports of one country that differ and
opposite genders must pull even a perfect name below the threshold (a namesake or a
relative is not the listed person).
Generated data cannot teach all of that (some conflicts are rare in it), so after fitting,
each hard-conflict weight is capped at the value that brings the best case without a
document (every name feature at 1, same birth date, same country) below the threshold
by a margin (a shared document number adds its own weight on top). Likewise a name
of which each side has a part the other lacks (two of three parts shared) must not match on a birth
year and a country alone: that
coincidence is rare in pairs but is how most false alerts on a large list look, so the
`name_partial` weight is capped the same way. The caps and the weights before them are
recorded in the model's `info`. So is `name_one_part`: one part of a richer query meeting
a one-part alias.

Training pairs come from the committed generator (benchmarks/generators/pairs.py) with
the TRAINING seed; benchmarks evaluate on another seed. The default threshold is 0.5:
the score is a probability fitted on balanced pairs, and a pair matches when it is more
likely the same person than not. The caps below are computed against it.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve

from benchmarks.generators.pairs import generate_pairs
from watchline.match.evidence import FEATURES, gather_evidence
from watchline.match.model import MODELS_DIR
from watchline.model import Entity

HARD_CONFLICTS = ("dob_conflict", "document_conflict", "gender_conflict")
BEST_CASE = (
    "name_similarity",
    "name_min_coverage",
    "name_weakest_part",
    "name_all_parts",
    "dob_exact",
    "country_match",
)
MARGIN = 1.0  # log-odds below the threshold
#: A name of which each side has a part the other lacks, two parts of three matched
#: exactly, with a matching birth year and country: must stay below the threshold.
PARTIAL_CASE = {
    "name_similarity": 0.67,
    "name_min_coverage": 0.67,
    "name_weakest_part": 1.0,
    "dob_year": 1.0,
    "country_match": 1.0,
}


#: The default threshold: the logistic score is a probability fitted on balanced pairs,
#: and a pair is a match when it is more likely the same person than not.
THRESHOLD = 0.5


def best_f1(y: np.ndarray, scores: np.ndarray) -> float:
    precision, recall, _ = precision_recall_curve(y, scores)
    return float((2 * precision * recall / np.maximum(precision + recall, 1e-9)).max())


def cap_conflicts(weights: dict[str, float], intercept: float, threshold: float) -> float:
    """Cap hard-conflict weights in place; returns the cap (log-odds)."""
    best = intercept + sum(max(weights[f], 0.0) for f in BEST_CASE)
    cap = math.log(threshold / (1 - threshold)) - best - MARGIN
    for feature in HARD_CONFLICTS:
        weights[feature] = min(weights[feature], cap)
    return cap


#: One part of a richer query aligned with a one-part alias, with a matching birth year
#: and country: must stay below the threshold too.
ONE_PART_CASE = {
    "name_similarity": 0.75,
    "name_min_coverage": 0.5,
    "name_weakest_part": 1.0,
    "dob_year": 1.0,
    "country_match": 1.0,
}


def cap_partial(weights: dict[str, float], intercept: float, threshold: float) -> float:
    """Cap the partial-name weights so a half-matched name needs more than a year and a
    country (on large lists, that coincidence is how most false alerts look)."""
    logit = math.log(threshold / (1 - threshold))
    caps = []
    for feature, case in (("name_partial", PARTIAL_CASE), ("name_one_part", ONE_PART_CASE)):
        value = intercept + sum(weights[f] * v for f, v in case.items())
        caps.append(logit - value - MARGIN)
        weights[feature] = min(weights[feature], caps[-1])
    return min(caps)


def featurise(pairs: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for pair in pairs:
        a = Entity.from_ftm(pair["a"])
        b = Entity.from_ftm(pair["b"])
        values = gather_evidence(a, b).values
        rows.append([values[f] for f in FEATURES])
        labels.append(1 if pair["label"] else 0)
    return np.array(rows, dtype=float), np.array(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("-o", "--output", type=Path, default=MODELS_DIR / "watchline-v1.json")
    args = parser.parse_args()

    started = time.time()
    pairs = list(generate_pairs(args.seed, args.n))
    x, y = featurise(pairs)
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit(x, y)
    fitted = {f: float(w) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights = dict(fitted)
    intercept = float(model.intercept_[0])
    threshold = THRESHOLD
    cap = cap_conflicts(weights, intercept, threshold)
    partial_cap = cap_partial(weights, intercept, threshold)
    w = np.array([weights[f] for f in FEATURES])
    scores = 1 / (1 + np.exp(-(x @ w + intercept)))
    data = {
        "name": "watchline-v1",
        "intercept": round(intercept, 6),
        "coefficients": {f: round(weights[f], 6) for f in FEATURES},
        "threshold": threshold,
        "info": {
            "fitted_by": "benchmarks/fit_matcher.py",
            "fitted_at": datetime.now(UTC).strftime("%Y-%m-%d"),
            "training_seed": args.seed,
            "training_pairs": len(pairs),
            "positives": int(y.sum()),
            "regularisation_C": args.C,
            "train_average_precision": round(float(average_precision_score(y, scores)), 4),
            "train_best_f1": round(best_f1(y, scores), 4),
            "hard_conflict_cap": round(cap, 4),
            "partial_name_cap": round(partial_cap, 4),
            "fitted_before_cap": {
                f: round(fitted[f], 6) for f in (*HARD_CONFLICTS, "name_partial", "name_one_part")
            },
        },
    }
    args.output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2))
    print(f"fitted in {time.time() - started:.1f}s -> {args.output}")


if __name__ == "__main__":
    main()
