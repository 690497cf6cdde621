"""Fit the `watchline-v1` coefficients on generated training pairs and write them as JSON.

    python -m benchmarks.fit_matcher --seed 1 --n 20000

Training pairs come from the committed generator (benchmarks/generators/pairs.py) with
the TRAINING seed; benchmarks evaluate on another seed. The threshold written with the
model is the score that maximises F1 on the training pairs, rounded to two decimals.
"""

from __future__ import annotations

import argparse
import json
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
    scores = model.predict_proba(x)[:, 1]
    precision, recall, thresholds = precision_recall_curve(y, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
    best = int(np.argmax(f1[:-1]))
    threshold = round(float(thresholds[best]), 2)
    data = {
        "name": "watchline-v1",
        "intercept": round(float(model.intercept_[0]), 6),
        "coefficients": {
            f: round(float(w), 6) for f, w in zip(FEATURES, model.coef_[0], strict=True)
        },
        "threshold": threshold,
        "info": {
            "fitted_by": "benchmarks/fit_matcher.py",
            "fitted_at": datetime.now(UTC).strftime("%Y-%m-%d"),
            "training_seed": args.seed,
            "training_pairs": len(pairs),
            "positives": int(y.sum()),
            "regularisation_C": args.C,
            "train_average_precision": round(float(average_precision_score(y, scores)), 4),
            "train_best_f1": round(float(f1[best]), 4),
        },
    }
    args.output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2))
    print(f"fitted in {time.time() - started:.1f}s -> {args.output}")


if __name__ == "__main__":
    main()
