"""Seeded generator of labelled person pairs for training and benchmarking the matcher.

Each record pairs a screened record ("a": passport, visa, partner notice) with a watchlist
entry ("b"), both FollowTheMoney Person entities, labelled true when both describe the same
identity. Positives render one native-script identity through two different real spelling
systems; negatives are namesakes, relatives, near-miss names and strangers of the same
locale. Record i depends only on (seed, i), so any prefix of a run is stable.

    python -m benchmarks.generators.pairs --seed 1 --n 6000 -o pairs.jsonl

The spelling tables live in ``data/``; the matcher must never import this package.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from .identity import Identity, NameSystem, new_identity
from .negatives import BUILDERS
from .records import DOB_POSITIVE, Facts, make_swappable, negative_facts, positive_facts, swappable
from .render import screened_names, watchlist_names
from .romanise_ar import Arabic
from .romanise_az import Azerbaijani
from .romanise_general import General
from .romanise_ka import Georgian
from .romanise_ru import Russian
from .romanise_tg import Tajik
from .romanise_uk import Ukrainian
from .romanise_uz import Uzbek

LOCALES = ("ru", "uk", "tg", "uz", "az", "ka", "ar", "general")
KINDS = {"match": 0.5, "namesake": 0.15, "relative": 0.15, "similar": 0.12, "random": 0.08}


@cache
def systems() -> dict[str, NameSystem]:
    classes = (Russian, Ukrainian, Tajik, Uzbek, Azerbaijani, Georgian, Arabic, General)
    return {cls.locale: cls() for cls in classes}


def entity(prefix: str, names: list[str], aliases: list[str], facts: Facts,
           rng: random.Random) -> dict[str, Any]:  # fmt: skip
    """A FollowTheMoney Person; the id is random so it cannot leak the identity.

    Names are NFC-normalised, as FtM stores them, so a round trip leaves them unchanged.
    """
    props: dict[str, list[str]] = {"name": _nfc(names)}
    if aliases:
        props["alias"] = [a for a in _nfc(aliases) if a not in props["name"]]
    for key in ("birthDate", "nationality", "passportNumber", "gender"):
        values = getattr(facts, key)
        if values:
            props[key] = list(values)
    return {"id": f"{prefix}-{rng.getrandbits(48):012x}", "schema": "Person", "properties": props}


def _nfc(values: list[str]) -> list[str]:
    return list(dict.fromkeys(unicodedata.normalize("NFC", v) for v in values))


def debug_fields(system: NameSystem, ident: Identity) -> dict[str, str]:
    """What the generator knows about one side (never part of the default output)."""
    return {
        "identity": ident.uid,
        "native": " ".join(p.text for p in system.parts(ident)),
        "given": ident.given,
        "family": ident.surname_base,
        "father": ident.father,
        "birth_date": ident.birth_date.isoformat(),
    }


def make_pair(seed: int, index: int, debug: bool = False) -> dict[str, Any]:
    """Record ``index`` of run ``seed``."""
    rng = random.Random(f"watchline-pairs/{seed}/{index}")
    locale = rng.choice(LOCALES)
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    system = systems()[locale]
    var: list[str] = []
    base = new_identity(system, rng)
    if kind == "match":
        category = rng.choices(list(DOB_POSITIVE), weights=list(DOB_POSITIVE.values()))[0]
        if category == "swapped" and not swappable(base.birth_date):
            base = replace(base, birth_date=make_swappable(base.birth_date, rng))
        other = base
        facts_a, facts_b = positive_facts(base, rng, category, var)
    else:
        other = BUILDERS[kind](system, base, rng, var)
        facts_a, facts_b = negative_facts(base, other, rng, kind, var)
    scheme_a = rng.choices(*zip(*system.schemes_a(base).items(), strict=True))[0]
    a_names = screened_names(system, base, scheme_a, rng, var)
    b_names, b_aliases = watchlist_names(system, other, scheme_a, rng, var)
    record: dict[str, Any] = {
        "a": entity("rec", a_names, [], facts_a, rng),
        "b": entity("wl", b_names, b_aliases, facts_b, rng),
        "label": kind == "match",
        "locale": locale,
        "kind": kind,
        "variations": var,
    }
    if debug:
        record["debug"] = {
            "region": base.region,
            **{f"a_{k}": v for k, v in debug_fields(system, base).items()},
            **{f"b_{k}": v for k, v in debug_fields(system, other).items()},
        }
    return record


def generate_pairs(seed: int, n: int, debug: bool = False) -> Iterator[dict[str, Any]]:
    """``n`` labelled pairs for ``seed`` (train: seed 1, test: seed 2)."""
    for index in range(n):
        yield make_pair(seed, index, debug)


def summary(records: list[dict[str, Any]]) -> str:
    counts = Counter((r["locale"], r["kind"]) for r in records)
    kinds = list(KINDS)
    lines = ["locale    " + "".join(f"{k:>10}" for k in kinds) + "     total"]
    for loc in LOCALES:
        row = [counts[(loc, k)] for k in kinds]
        lines.append(f"{loc:<10}" + "".join(f"{c:>10}" for c in row) + f"{sum(row):>10}")
    totals = [sum(counts[(loc, k)] for loc in LOCALES) for k in kinds]
    lines.append("total     " + "".join(f"{c:>10}" for c in totals) + f"{sum(totals):>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="1 = training set, 2 = test set")
    parser.add_argument("--n", type=int, default=6000, help="number of pairs")
    parser.add_argument("-o", "--output", help="JSON lines file (default or '-': stdout)")
    parser.add_argument("--debug", action="store_true", help="add identity ids and native names")
    parser.add_argument("--summary", action="store_true", help="print locale x kind counts")
    args = parser.parse_args(argv)
    records = list(generate_pairs(args.seed, args.n, args.debug))
    to_file = args.output not in (None, "-")
    out = open(args.output, "w", encoding="utf-8") if to_file else sys.stdout  # noqa: SIM115
    try:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if to_file:
            out.close()
    if args.summary:
        print(summary(records), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
