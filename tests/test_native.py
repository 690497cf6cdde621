"""The compiled core (watchline.native): whole, current, picklable, and scoring exactly
as the pure-Python sources do."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import watchline
from watchline.index.keys import Profile, index_entry, query_keys
from watchline.match import get_algorithm
from watchline.model import Entity
from watchline.names.analysis import analyze_name
from watchline.native import MODULES, compiled, stale

PAIRS = [
    ("Aleksandr Petrovich Ivanov", "Иванов Александр Петрович"),
    ("Abu Musab al-Zarqawi", "أبو مصعب الزرقاوي"),
    ("Hamid Reza YAHYAZADEH", "Hamidreza YAHYA ZADEH"),
    ("Kim Jong Un", "김정은"),
    ("Mao Tse-tung", "Mao Zedong"),
    ("ABDULLAYEV ALISHER BAXTIYOR O'G'LI", "Abdullaev, Alisher Bakhtiyorovich"),
    ("Aleksandra Ivanova", "Aleksandr Ivanov"),
    ("Mati UR-REHMAN", "Matiur REHMAN"),
    ("Jane Nobody", "Abdulhai Salek"),
]

MAIN = "\nimport sys\nprint(json.dumps(score(json.load(sys.stdin))))\n"
#: Scores the pairs; run here (compiled) and in a subprocess on the sources alone.
SCORE = """
import json
from watchline.match import get_algorithm
from watchline.model import Entity


def score(pairs):
    algo = get_algorithm(None)
    out = []
    for a, b in pairs:
        q = Entity("Person", "q", {"name": [a], "birthDate": ["1970"]})
        c = Entity("Person", "c", {"name": [b], "birthDate": ["1970-01-02"]})
        out.append(algo.compare(q, c).score)
    return out
"""


def test_the_core_is_compiled_whole_or_not_at_all() -> None:
    assert len(compiled()) in (0, len(MODULES))
    assert stale() == []


def test_compiled_values_pickle() -> None:
    analysis = analyze_name("Иванов Александр Петрович")
    assert pickle.loads(pickle.dumps(analysis)) == analysis
    assert pickle.loads(pickle.dumps(analysis.parts)) == analysis.parts
    profile = Profile(dates=(19700102,), gender=1, countries=(3,), parts=2)
    assert pickle.loads(pickle.dumps(profile)) == profile
    entity = Entity("Person", "e", {"name": ["Ivan Petrov"], "birthDate": ["1970"]})
    entry = index_entry(7, entity)
    assert pickle.loads(pickle.dumps(entry)) == entry


def test_an_entity_pickles_without_what_was_derived_from_it() -> None:
    entity = Entity("Person", "e", {"name": ["Ivan Petrov"], "birthDate": ["1970"]})
    keys = query_keys(entity)
    get_algorithm(None).compare(entity, entity)
    back = pickle.loads(pickle.dumps(entity))
    assert (back.id, back.schema, back.properties) == (entity.id, entity.schema, entity.properties)
    assert back._derived == {}
    assert query_keys(back) == keys


@pytest.mark.skipif(not compiled(), reason="the core is not compiled (WATCHLINE_PURE=1)")
def test_compiled_and_pure_score_alike(tmp_path: Path) -> None:
    """The same pairs scored by this process (compiled) and by the sources alone, in a
    copy of the package without its extensions."""
    package = Path(watchline.__file__).parent
    shutil.copytree(package, tmp_path / "watchline", ignore=shutil.ignore_patterns("*.so"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    check = "import watchline.native as n, watchline; print(n.compiled(), watchline.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert where.startswith("[] ") and str(tmp_path) in where
    pure = subprocess.run(
        [
            sys.executable,
            "-c",
            SCORE + "\nimport sys\nprint(json.dumps(score(json.load(sys.stdin))))",
        ],
        input=json.dumps(PAIRS),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    namespace: dict[str, Any] = {}
    exec(SCORE, namespace)
    here = namespace["score"](PAIRS)
    assert json.loads(pure.stdout) == here
    threshold = get_algorithm(None).threshold
    assert any(s >= threshold for s in here) and any(s < threshold for s in here)
