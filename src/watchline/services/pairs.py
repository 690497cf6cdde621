"""Score entity pairs from JSON lines: the matcher's batch interface and benchmark path.

Input lines are `{"a": <FtM entity>, "b": <FtM entity>, ...}` (extra keys ignored).
Each output line is `{"score", "match", "explanation"}`, in input order. A line that
cannot be scored (empty, invalid JSON, no entities, unknown schema) yields
`{"line": N, "error": "..."}` in its place, so output stays aligned with input.
Neutral treatments, documented in the explanation rather than hidden:
* an entity with no name scores 0.0 (nothing to compare) with a `name` feature saying so,
  unless both share a document number;
* an unreadable date (e.g. "1965-13-45", "circa 70s") is ignored as if absent and listed
  in an `input` feature, so the score never rests on a guessed date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from watchline.errors import InputError
from watchline.match.types import Algorithm, FeatureResult
from watchline.model import Entity
from watchline.values import parse_date

DATE_PROPS = ("birthDate", "incorporationDate", "buildDate", "deathDate")


def _entity(data: Any, side: str) -> tuple[Entity, list[str]]:
    if not isinstance(data, dict):
        raise InputError(f"'{side}' must be an FtM entity object", location=side)
    try:
        entity = Entity.from_ftm(data)
    except InputError as exc:
        raise InputError(f"'{side}': {exc.message}") from exc
    ignored = []
    for prop in DATE_PROPS:
        values = entity.properties.get(prop)
        if not values:
            continue
        good = [v for v in values if parse_date(v) is not None]
        ignored += [f"{side}.{prop} {v!r}" for v in values if parse_date(v) is None]
        if good:
            entity.properties[prop] = good
        else:
            del entity.properties[prop]
    return entity, ignored


def score_line(algorithm: Algorithm, text: str) -> dict[str, Any]:
    if not text.strip():
        raise InputError("empty line")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict) or "a" not in record or "b" not in record:
        raise InputError("expected an object with entities under 'a' and 'b'")
    a, ignored_a = _entity(record["a"], "a")
    b, ignored_b = _entity(record["b"], "b")
    result = algorithm.compare(a, b)
    explanation = result.explanation()
    ignored = ignored_a + ignored_b
    if ignored:
        note = FeatureResult("input", None, 0.0, "ignored unreadable " + "; ".join(ignored))
        explanation.append(note.to_dict())
    return {"score": result.score, "match": result.match, "explanation": explanation}


def score_pairs(algorithm: Algorithm, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, text in enumerate(lines, 1):
        try:
            yield score_line(algorithm, text)
        except InputError as exc:
            yield {"line": number, "error": str(exc)}
