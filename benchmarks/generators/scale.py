"""Seeded scale data for candidate retrieval: a large synthetic watchlist and queries against it.

The list holds ``n`` Person entities drawn from the pair generator's identities and spelling
systems, with the same Zipf-skewed name pools, so a million entries contain many namesakes
("Muhammad", "Aleksandr Ivanov"). Entry i depends only on (seed, i): queries regenerate the
entries they point at without materialising the list. Seeds 11 (list) and 12 (queries) feed
the screening benchmark.

    python -m benchmarks.generators.scale watchlist --seed 11 --n 1000000 -o wl.jsonl
    python -m benchmarks.generators.scale queries --seed 12 --n 10000 --list-seed 11 \
        --list-n 1000000 -o q.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from functools import cache
from itertools import accumulate
from typing import Any

from . import variations as v
from .identity import Identity, NameSystem, Part, new_uid, passport_number, random_date, shift_years
from .negatives import namesake, relative
from .pairs import systems
from .records import DOB_POSITIVE, _alternatives, dates_contradict, passport_format, swappable
from .render import ALIAS_COUNTS, CASES, DROP_PATRONYMIC, ORDERS, typo_rate

#: Locale shares of the list (and of the queries' strangers), roughly as on sanctions lists.
LOCALES = {"ru": 0.24, "ar": 0.22, "general": 0.14, "uk": 0.1, "uz": 0.08, "ka": 0.08,
           "tg": 0.07, "az": 0.07}  # fmt: skip
KINDS = {"listed": 0.2, "namesake": 0.18, "relative": 0.12, "other": 0.5}
LIST_DOB = {"full": 0.75, "year": 0.15, "alternatives": 0.05, "missing": 0.05}
#: Date presentation of queries: listed ones get DOB_POSITIVE noise, others the same shares.
QUERY_DOB = {"full": 0.75, "year": 0.15, "missing": 0.1}
TOPICS = {"sanction": 0.86, "sanction|crime.terror": 0.06, "sanction.linked": 0.05,
          "sanction|crime.war": 0.03}  # fmt: skip
VARIANTS = 8  # sub-choices (Arabic style, Uzbek apostrophe...) kept per (locale, scheme)
CACHE_CAP = 1_000_000


class Weights:
    """Precomputed weighted choice (``tables.weighted`` rebuilds its lists on every call)."""

    def __init__(self, weights: Mapping[str, float]):
        self.keys = list(weights)
        self.cum = list(accumulate(float(w) for w in weights.values()))

    def pick(self, rng: random.Random) -> str:
        return self.keys[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


W_LOCALES, W_KINDS, W_LIST_DOB, W_QUERY_DOB = map(Weights, (LOCALES, KINDS, LIST_DOB, QUERY_DOB))
W_DOB_POSITIVE, W_TOPICS, W_ALIASES = map(Weights, (DOB_POSITIVE, TOPICS, ALIAS_COUNTS))
W_ORDERS = {side: Weights(w) for side, w in ORDERS.items()}
W_CASES = {side: Weights(w) for side, w in CASES.items()}


def pick_scheme(rng: random.Random, weights: Mapping[str, float], avoid: set[str]) -> str | None:
    keys = [k for k in weights if k not in avoid]
    if not keys:
        return None
    x = rng.random() * sum(weights[k] for k in keys)
    for k in keys:
        x -= weights[k]
        if x < 0:
            return k
    return keys[-1]


# -- people -------------------------------------------------------------------------------


@cache
def _regions(locale: str) -> Weights:
    return Weights(systems()[locale].regions())


@cache
def _nationalities(locale: str, region: str) -> Weights:
    return Weights(systems()[locale].nationalities(region))


def person(system: NameSystem, rng: random.Random) -> Identity:
    """A fresh identity, as :func:`identity.new_identity` draws it, with cached weights."""
    region = _regions(system.locale).pick(rng)
    gender = "male" if rng.random() < 0.62 else "female"
    pools = system.pools(region)
    nationality = _nationalities(system.locale, region).pick(rng)
    ident = Identity(
        uid=new_uid(rng), locale=system.locale, region=region, gender=gender,
        given=(pools.male if gender == "male" else pools.female).pick(rng),
        surname_base=pools.surnames.pick(rng), father=pools.male.pick(rng),
        grandfather=pools.male.pick(rng), style=rng.getrandbits(32),
        birth_date=random_date(rng), nationality=nationality,
        passport=passport_number(rng, nationality),
    )  # fmt: skip
    return system.decorate(ident, rng)


# -- names: the pair generator's renderers, memoised per name part -------------------------


class _Flag(random.Random):
    """Records whether a renderer drew anything (then it has sub-choices worth varying)."""

    used = False

    def random(self) -> float:
        self.used = True
        return super().random()

    def getrandbits(self, k: int) -> int:
        self.used = True
        return super().getrandbits(k)


@cache
def variants(locale: str, scheme: str) -> int:
    system = systems()[locale]
    probe = random.Random(f"watchline-scale/probe/{locale}")
    for _ in range(12):
        ident, flag = person(system, probe), _Flag(0)
        system.render(system.parts(ident), ident, scheme, flag)
        if flag.used:
            return VARIANTS
    return 1


_RENDERED: dict[tuple[Any, ...], tuple[Part, ...]] = {}


def render_parts(system: NameSystem, ident: Identity, parts: list[Part], scheme: str,
                 k: int) -> list[Part]:  # fmt: skip
    """``system.render`` with sub-choice variant ``k``, one cached call per name part.

    Every renderer draws its sub-choices before touching a part, so parts rendered alone
    from the same seed agree. The key holds what a part's rendering reads of the identity
    (tests compare this against whole-name rendering for every locale and scheme).
    """
    loc, seed = system.locale, f"watchline-scale/render/{system.locale}/{scheme}/{k}"
    if loc == "ka" and scheme.startswith("ru:"):  # adds a patronymic from the whole identity
        return system.render(parts, ident, scheme, random.Random(seed))
    out: list[Part] = []
    for p in parts:
        ctx: tuple[Any, ...] = (ident.region, ident.gender)
        if p.role == "patronymic":
            soviet = loc == "az" and random.Random(ident.style).random() < 0.5
            ctx += (ident.father, ident.grandfather, soviet)
        elif p.role == "surname":
            ctx += (ident.surname_base,)
        key = (loc, scheme, k, p.role, p.text, ctx)
        hit = _RENDERED.get(key)
        if hit is None:
            hit = tuple(system.render([p], ident, scheme, random.Random(seed)))
            if len(_RENDERED) >= CACHE_CAP:
                _RENDERED.clear()
            _RENDERED[key] = hit
        out.extend(hit)
    return out


def structural(system: NameSystem, parts: list[Part], scheme: str, side: str,
               rng: random.Random) -> list[Part]:  # fmt: skip
    """Elements dropped as records drop them (``render.structural``'s rates)."""
    roles = {p.role for p in parts}
    native = scheme == "native" or scheme.endswith(":native")
    key = side if side != "a" else ("a_native" if native else "a_latin")
    rate = DROP_PATRONYMIC[key] * (0.5 if system.locale == "ar" else 1.0)
    if {"patronymic", "surname"} <= roles and rng.random() < rate:
        parts = [p for p in parts if p.role != "patronymic"]
    for role, rate in (("middle", 0.3 if side != "b" else 0.15), ("surname2", 0.25)):
        if role in roles and rng.random() < rate:
            parts = [p for p in parts if p.role != role]
    if rng.random() < 0.2:
        parts = system.drop_particles(parts) or parts
    return parts


def surface(parts: list[Part], scheme: str, side: str, typo: float, rng: random.Random) -> str:
    """Initials, joins, stripped diacritics, order, case and typos (``render.surface``)."""
    if rng.random() < 0.03:
        parts = (v.initials(parts, rng) or (parts, ""))[0]
    if rng.random() < 0.08:
        parts = (v.rejoin(parts, rng) or (parts, ""))[0]
    if scheme != "native" and rng.random() < 0.25:
        parts = v.strip(parts) or parts
    text = v.compose(parts, W_ORDERS[side].pick(rng), W_CASES[side].pick(rng))
    if rng.random() < typo:
        text = (v.typo(text, rng) or (text, ""))[0]
    return unicodedata.normalize("NFC", text)


def one_name(system: NameSystem, ident: Identity, parts: list[Part], scheme: str, side: str,
             rng: random.Random, typo: float = 0.0) -> str:  # fmt: skip
    parts = structural(system, parts, scheme, side, rng)
    k = rng.randrange(variants(system.locale, scheme))
    return surface(render_parts(system, ident, parts, scheme, k), scheme, side, typo, rng)


# -- the watchlist -------------------------------------------------------------------------


def _list_person(seed: int, index: int) -> tuple[NameSystem, Identity, random.Random]:
    rng = random.Random(f"watchline-scale/list/{seed}/{index}")
    system = systems()[W_LOCALES.pick(rng)]
    return system, person(system, rng), rng


def _entry(seed: int, index: int, debug: bool = False) -> tuple[dict[str, Any], Identity, str]:
    """List entry ``index``, its identity and the scheme of its primary name."""
    system, ident, rng = _list_person(seed, index)
    parts = system.parts(ident)
    schemes = system.schemes_b(ident)
    primary = pick_scheme(rng, schemes, set()) or "native"
    names = [one_name(system, ident, parts, primary, "b", rng, 0.03)]
    used = {primary}
    for _ in range(int(W_ALIASES.pick(rng))):
        scheme = pick_scheme(rng, schemes, used)
        if scheme is None:
            break
        used.add(scheme)
        names.append(one_name(system, ident, parts, scheme, "alias", rng))
    if rng.random() < 0.25:
        variant = system.alias_variant(parts, ident, rng)
        if variant:
            scheme = pick_scheme(rng, schemes, set()) or primary
            names.append(one_name(system, ident, variant[1], scheme, "alias", rng))
    props: dict[str, list[str]] = {"name": names[:1]}
    aliases = [a for a in dict.fromkeys(names[1:]) if a != names[0]]
    if aliases:
        props["alias"] = aliases
    d, dob = ident.birth_date, W_LIST_DOB.pick(rng)
    if dob != "missing":
        full = d.isoformat()
        props["birthDate"] = _alternatives(d, rng) if dob == "alternatives" else (
            [full] if dob == "full" else [full[:4]])  # fmt: skip
    if rng.random() < 0.88:
        props["nationality"] = [ident.nationality]
    if rng.random() < 0.7:
        props["gender"] = [ident.gender]
    if rng.random() < 0.3:
        props["passportNumber"] = [passport_format(ident.passport, rng)[0]]
    props["topics"] = W_TOPICS.pick(rng).split("|")
    entity: dict[str, Any] = {"id": f"wl-{index}", "schema": "Person", "properties": props}
    if debug:
        entity["debug"] = _debug(system, ident, primary)
    return entity, ident, primary


def _debug(system: NameSystem, ident: Identity, scheme: str) -> dict[str, str]:
    native = " ".join(p.text for p in system.parts(ident))
    return {"identity": ident.uid, "native": native, "family": ident.surname_base,
            "birth_date": ident.birth_date.isoformat(), "scheme": scheme}  # fmt: skip


def watchlist_entry(seed: int, index: int, debug: bool = False) -> dict[str, Any]:
    """Entry ``index`` of list ``seed``: the same dict :func:`generate_watchlist` yields."""
    return _entry(seed, index, debug)[0]


def generate_watchlist(seed: int, n: int, debug: bool = False) -> Iterator[dict[str, Any]]:
    """``n`` list entries (FtM Person dicts with ids ``wl-0`` ... ``wl-<n-1>``)."""
    for index in range(n):
        yield _entry(seed, index, debug)[0]


# -- queries -------------------------------------------------------------------------------


def _query_dates(ident: Identity, rng: random.Random, listed: bool) -> list[str]:
    d = ident.birth_date
    mode = W_DOB_POSITIVE.pick(rng) if listed else W_QUERY_DOB.pick(rng)
    if mode == "swapped" and swappable(d):
        return [d.replace(month=d.day, day=d.month).isoformat()]
    if mode in ("typo", "swapped"):  # one day or one year off
        off = d + timedelta(days=rng.choice([-1, 1])) if rng.random() < 0.5 else None
        return [(off or shift_years(d, rng.choice([-1, 1]))).isoformat()]
    return [] if mode == "missing" else [str(d.year)] if mode in ("year", "year_only") else [
        d.isoformat()]  # fmt: skip


def _query_entity(system: NameSystem, ident: Identity, index: int, rng: random.Random,
                  avoid: set[str], listed: bool) -> dict[str, Any]:  # fmt: skip
    """A screened record (passport, visa, notice) of ``ident``, as the pair generator's a."""
    parts = system.parts(ident)
    scheme = pick_scheme(rng, system.schemes_a(ident), avoid) or "native"
    typo = max(0.1, typo_rate(system))
    names = [one_name(system, ident, parts, scheme, "a", rng, typo)]
    native_ok = scheme != "native" and (system.locale != "general" or ident.region == "zh")
    if native_ok and rng.random() < 0.15:
        names.append(one_name(system, ident, parts, "native", "alias", rng))
    props: dict[str, list[str]] = {"name": list(dict.fromkeys(names))}
    dates = _query_dates(ident, rng, listed)
    if dates:
        props["birthDate"] = dates
    if rng.random() < 0.92:
        props["nationality"] = [ident.nationality]
    if rng.random() < 0.75:
        props["gender"] = [ident.gender]
    if rng.random() < 0.85:
        number = ident.passport
        if listed and rng.random() < 0.1:  # renewed since the listing: same format, new digits
            number = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in number)
        props["passportNumber"] = [passport_format(number, rng)[0]]
    return {"id": f"q-{index}", "schema": "Person", "properties": props, "scheme": scheme}


def contradicts(query: dict[str, Any], entry: dict[str, Any]) -> bool:
    """A full-date or document conflict that rules the list entry out for this query."""
    q, e = query["properties"], entry["properties"]
    if dates_contradict(q.get("birthDate", []), e.get("birthDate", [])):
        return True
    docs = [{x.replace(" ", "").replace("-", "") for x in p.get("passportNumber", [])}
            for p in (q, e)]  # fmt: skip
    return bool(docs[0] and docs[1] and not docs[0] & docs[1])


def make_query(seed: int, index: int, list_seed: int, list_n: int,
               debug: bool = False) -> dict[str, Any]:  # fmt: skip
    """Query ``index`` of run ``seed`` against list (``list_seed``, ``list_n``)."""
    rng = random.Random(f"watchline-scale/queries/{seed}/{list_seed}/{list_n}/{index}")
    kind = W_KINDS.pick(rng)
    source: dict[str, Any] | None = None
    if kind == "other":
        system = systems()[W_LOCALES.pick(rng)]
        ident = person(system, rng)
        query = _query_entity(system, ident, index, rng, set(), False)
    elif kind == "listed":
        source, ident, primary = _entry(list_seed, rng.randrange(list_n))
        system = systems()[ident.locale]
        query = _query_entity(system, ident, index, rng, {primary}, True)
    else:
        build: Callable[..., Identity] = namesake if kind == "namesake" else relative
        for _ in range(200):  # a source whose entry can be told apart from this person
            source, base, _ = _entry(list_seed, rng.randrange(list_n))
            system = systems()[base.locale]
            ident = build(system, base, rng, [])
            query = _query_entity(system, ident, index, rng, set(), False)
            if contradicts(query, source):
                break
        else:
            raise RuntimeError("no namesake/relative with a conflicting date or document")
    scheme = query.pop("scheme")
    record: dict[str, Any] = {
        "query": query,
        "expected": source["id"] if source is not None and kind == "listed" else None,
        "kind": kind,
        "locale": ident.locale,
    }
    if debug:
        record["debug"] = {**_debug(system, ident, scheme),
                           "source": source["id"] if source is not None else None}  # fmt: skip
    return record


def generate_queries(seed: int, n: int, list_seed: int, list_n: int,
                     debug: bool = False) -> Iterator[dict[str, Any]]:  # fmt: skip
    """``n`` queries (``q-0`` ...): 20% listed, 18% namesakes, 12% relatives, 50% others."""
    for index in range(n):
        yield make_query(seed, index, list_seed, list_n, debug)


# -- CLI -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    wl = sub.add_parser("watchlist", help="list entries (seed 11 for the screening benchmark)")
    qs = sub.add_parser("queries", help="queries against a list (seed 12)")
    for p, seed, n in ((wl, 11, 1_000_000), (qs, 12, 10_000)):
        p.add_argument("--seed", type=int, default=seed)
        p.add_argument("--n", type=int, default=n)
        p.add_argument("-o", "--output", help="JSON lines file (default or '-': stdout)")
        p.add_argument("--debug", action="store_true", help="add identity ids, native names")
        p.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    qs.add_argument("--list-seed", type=int, default=11)
    qs.add_argument("--list-n", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.what == "watchlist":
        records = generate_watchlist(args.seed, args.n, args.debug)
    else:
        records = generate_queries(args.seed, args.n, args.list_seed, args.list_n, args.debug)
    to_file = args.output not in (None, "-")
    out = open(args.output, "w", encoding="utf-8") if to_file else sys.stdout  # noqa: SIM115
    start, step = time.perf_counter(), max(1000, args.n // 100)
    try:
        for i, record in enumerate(records, 1):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if not args.quiet and (i % step == 0 or i == args.n):
                spent = time.perf_counter() - start
                end = "\n" if i == args.n else ""
                print(f"\r{args.what}: {i:,}/{args.n:,} in {spent:.1f} s", end=end, file=sys.stderr)
    finally:
        if to_file:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
