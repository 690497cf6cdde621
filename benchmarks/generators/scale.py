"""Seeded scale data for candidate retrieval: a large synthetic watchlist and queries against it.

List entries are the pair generator's identities (same Zipf-skewed name pools, so a million
entries hold many namesakes: "Muhammad", "Aleksandr Ivanov") rendered by its spelling systems.
Entry i depends only on (seed, i), so queries regenerate the entries they point at without
materialising the list. Seeds 11 (list) and 12 (queries) feed the screening benchmark.

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
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import timedelta
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from . import variations as v
from .identity import Identity, NameSystem, Part, new_uid, random_date, shift_years
from .negatives import namesake, relative
from .pairs import systems
from .records import DOB_POSITIVE, _alternatives, dates_contradict, passport_format, swappable
from .render import ALIAS_COUNTS, CASES, DROP_PATRONYMIC, ORDERS, typo_rate
from .tables import load
from .translit import strip_diacritics

#: Locale shares of the list and of the queries' strangers, roughly as on sanctions lists.
LOCALES = {"ru": 0.24, "ar": 0.22, "general": 0.14, "uk": 0.1, "uz": 0.08, "ka": 0.08,
           "tg": 0.07, "az": 0.07}  # fmt: skip
KINDS = {"listed": 0.2, "namesake": 0.18, "relative": 0.12, "other": 0.5}
LIST_DOB = {"full": 0.75, "year": 0.15, "alternatives": 0.05, "missing": 0.05}
#: Other queries' dates, shown as often as listed ones' (DOB_POSITIVE, noise aside).
QUERY_DOB = {"year_only": DOB_POSITIVE["year_only"], "missing": DOB_POSITIVE["missing"]}
QUERY_DOB["full"] = 1.0 - sum(QUERY_DOB.values())
TOPICS = {"sanction": 0.86, "sanction crime.terror": 0.06, "sanction.linked": 0.05,
          "sanction crime.war": 0.03}  # fmt: skip
LIST_NATIVE = 0.6  # weight factor of native-script schemes: one on ~40% of entries
CACHE_CAP = 1_000_000


class Weights:
    """Precomputed weighted choice (``tables.weighted`` rebuilds its lists on every call)."""

    def __init__(self, weights: Mapping[str, float]):
        self.keys = list(weights)
        self.cum = list(accumulate(float(w) for w in weights.values()))

    def pick(self, rng: random.Random) -> str:
        return self.keys[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]

    def pick_other(self, rng: random.Random, avoid: set[str]) -> str | None:
        """A draw conditioned on not being in ``avoid``."""
        for _ in range(8):
            if (key := self.pick(rng)) not in avoid:
                return key
        rest = {k: c - p for k, c, p in zip(self.keys, self.cum, [0, *self.cum], strict=False)}
        rest = {k: w for k, w in rest.items() if k not in avoid}
        return Weights(rest).pick(rng) if rest else None


W_LOCALES, W_KINDS, W_LIST_DOB, W_QUERY_DOB, W_DOB_POSITIVE, W_TOPICS, W_ALIASES = map(
    Weights, (LOCALES, KINDS, LIST_DOB, QUERY_DOB, DOB_POSITIVE, TOPICS, ALIAS_COUNTS)
)
#: Word order and case of a name together, one draw (as ``render.surface`` draws both).
W_STYLES = {side: Weights({f"{o} {c}": wo * wc for o, wo in ORDERS[side].items()
                           for c, wc in CASES[side].items()}) for side in ORDERS}  # fmt: skip
#: Sub-choice sets (an Arabic convention's options, Uzbek apostrophes...) per (locale,
#: scheme), Zipf-weighted: each convention has a dominant spelling and a tail.
VARIANTS = Weights({str(k): 1 / (k + 1) for k in range(4)})


@cache
def weights(locale: str, region: str, what: str) -> Weights:
    """Cached ``regions``, ``nationalities`` or scheme weights (side "a"/"b") of a locale.

    Scheme weights depend on the identity's region only; list entries ("b") use native
    scripts less than the pair generator does.
    """
    system = systems()[locale]
    if what == "regions":
        return Weights(system.regions())
    if what == "nationalities":
        return Weights(system.nationalities(region))
    probe = replace(person(system, random.Random(0)), region=region)
    if what == "a":
        return Weights(system.schemes_a(probe))
    return Weights({k: w * (LIST_NATIVE if k.endswith("native") else 1.0)
                    for k, w in system.schemes_b(probe).items()})  # fmt: skip


@cache
def _passport_shape(country: str) -> tuple[str, int, int]:
    """The number's shape as a format string, with its digit and letter counts."""
    shape, out, digits, letters = load("countries")["passport"].get(country, "L#######"), "", 0, 0
    for c in str(shape):
        out += f"{{d[{digits}]}}" if c == "#" else f"{{l[{letters}]}}" if c == "L" else c
        digits, letters = digits + (c == "#"), letters + (c == "L")
    return out, digits, letters


def person(system: NameSystem, rng: random.Random) -> Identity:
    """A fresh identity, drawn as :func:`identity.new_identity` does but with cached tables."""
    region = weights(system.locale, "", "regions").pick(rng)
    gender = "male" if rng.random() < 0.62 else "female"
    pools = system.pools(region)
    nationality = weights(system.locale, region, "nationalities").pick(rng)
    shape, n, m = _passport_shape(nationality)
    letters = [chr(65 + int(rng.random() * 26)) for _ in range(m)]
    number = shape.format(d=f"{rng.randrange(10**n):0{n}d}", l=letters)
    ident = Identity(
        uid=new_uid(rng), locale=system.locale, region=region, gender=gender,
        given=(pools.male if gender == "male" else pools.female).pick(rng),
        surname_base=pools.surnames.pick(rng), father=pools.male.pick(rng),
        grandfather=pools.male.pick(rng), style=rng.getrandbits(32),
        birth_date=random_date(rng), nationality=nationality, passport=number,
    )  # fmt: skip
    return system.decorate(ident, rng)


# -- names: the pair generator's renderers, memoised per name part --------------------------


@cache
def traits(locale: str, scheme: str) -> tuple[bool, bool]:
    """Whether ``scheme`` draws sub-choices (worth varying), and whether it adds parts."""
    system, probe = systems()[locale], random.Random(f"watchline-scale/probe/{locale}")
    drawn = adds = False
    for _ in range(40):
        ident, rng = person(system, probe), random.Random(0)
        parts, state = system.parts(ident), rng.getstate()
        adds |= len(system.render(parts, ident, scheme, rng)) != len(parts)
        drawn |= rng.getstate() != state
    return drawn, adds


def contexts(system: NameSystem, ident: Identity) -> dict[str, tuple[Any, ...]]:
    """Per role, what rendering a part reads of the identity besides its text (tested).

    Russian-mediated patronymics and feminine surnames are rebuilt from the father's name,
    the gender and the surname's base form; Azerbaijani ones take a Soviet form for half
    of the name styles; Georgian Russian forms add a patronymic to some names ("+").
    """
    draw = random.Random(ident.style).random() if system.locale in ("az", "ka") else 1.0
    rate = float(getattr(system, "russian_patronymic_rate", 0.0))
    return {
        "patronymic": (ident.gender, ident.father, draw < 0.5),
        "surname": (ident.gender, ident.surname_base),
        "+": (ident.gender, ident.father) if draw < rate else (),
    }


_RENDERED: dict[tuple[Any, ...], tuple[Part, ...]] = {}


def _cached(system: NameSystem, ident: Identity, parts: list[Part], scheme: str, k: int,
            key: tuple[Any, ...]) -> tuple[Part, ...]:  # fmt: skip
    hit = _RENDERED.get(key)
    if hit is None:
        rng = random.Random(f"watchline-scale/render/{system.locale}/{scheme}/{k}")
        hit = tuple(system.render(parts, ident, scheme, rng))
        if len(_RENDERED) >= CACHE_CAP:
            _RENDERED.clear()
        _RENDERED[key] = hit
    return hit


def links(text: str, father: str) -> list[str] | None:
    """A nasab chain cut after the father's name ("bin X" | "bin Y"), or None."""
    words, head = text.split(" "), father.split(" ")
    for i in range(len(words) - len(head)):
        if words[i : i + len(head)] == head:
            return [" ".join(words[: i + len(head)]), " ".join(words[i + len(head) :])]
    return None


def render_parts(system: NameSystem, ident: Identity, parts: list[Part], scheme: str, k: int,
                 ctx: dict[str, tuple[Any, ...]], adds: bool = False) -> list[Part]:  # fmt: skip
    """``system.render`` with sub-choice set ``k``, from cached renderings of each part.

    Renderers draw their sub-choices before touching a part, so parts rendered alone from
    the same seed agree. Arabic script and Chinese names depend on the region; an Arabic
    nasab chain is rendered link by link. Parts a renderer adds (a Georgian's Russian
    patronymic) are what it returns for an empty name; they follow the given name.
    """
    loc = system.locale
    region = ident.region if scheme == "native" or loc == "general" else ""
    out: list[Part] = []
    for p in parts:
        chain = links(p.text, ident.father) if loc == "ar" and p.role == "patronymic" else None
        if chain:
            keys = [(loc, scheme, k, region, p.role, t) for t in chain]
            texts = [_cached(system, ident, [Part(p.role, key[-1])], scheme, k, key)[0].text
                     for key in keys]  # fmt: skip
            out.append(Part(p.role, " ".join(texts)))
            continue
        key = (loc, scheme, k, region, p.role, p.text, ctx.get(p.role))
        hit = _RENDERED.get(key) or _cached(system, ident, [p], scheme, k, key)
        out.extend([x for x in hit if x.role == p.role] if adds else hit)
    if adds:
        out[1:1] = _cached(system, ident, [], scheme, k, (loc, scheme, k, region, ctx["+"]))
    return out


def structural(system: NameSystem, parts: list[Part], scheme: str, side: str,
               rng: random.Random) -> list[Part]:  # fmt: skip
    """Elements dropped as records drop them (rates of ``render.structural``)."""
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


_strip = lru_cache(maxsize=1 << 16)(strip_diacritics)


def surface(parts: list[Part], scheme: str, side: str, typo: float, rng: random.Random) -> str:
    """Initials, joins, stripped diacritics, order, case and typos (``render.surface``)."""
    if rng.random() < 0.03:
        parts = (v.initials(parts, rng) or (parts, ""))[0]
    if rng.random() < 0.08:
        parts = (v.rejoin(parts, rng) or (parts, ""))[0]
    if scheme != "native" and rng.random() < 0.25:
        parts = [Part(p.role, _strip(p.text)) for p in parts]
    text = v.compose(parts, *W_STYLES[side].pick(rng).split())
    if rng.random() < typo:
        text = (v.typo(text, rng) or (text, ""))[0]
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def one_name(system: NameSystem, ident: Identity, parts: list[Part], scheme: str, side: str,
             rng: random.Random, ctx: dict[str, Any], typo: float = 0.0) -> str:  # fmt: skip
    parts = structural(system, parts, scheme, side, rng)
    drawn, adds = traits(system.locale, scheme)
    k = int(VARIANTS.pick(rng)) if drawn else 0
    rendered = render_parts(system, ident, parts, scheme, k, ctx, adds)
    return surface(rendered, scheme, side, typo, rng)


# -- the watchlist and the queries ----------------------------------------------------------


_LIST_RNG = random.Random()


def _entry(seed: int, index: int, debug: bool = False) -> tuple[dict[str, Any], Identity, str]:
    """List entry ``index``, its identity and the scheme of its primary name."""
    rng = _LIST_RNG
    rng.seed(seed << 40 | index)  # an int seeds faster than a string
    system = systems()[W_LOCALES.pick(rng)]
    ident = person(system, rng)
    parts, ctx = system.parts(ident), contexts(system, ident)
    schemes = weights(ident.locale, ident.region, "b")
    primary = schemes.pick(rng)
    names, used = [one_name(system, ident, parts, primary, "b", rng, ctx, 0.03)], {primary}
    for _ in range(int(W_ALIASES.pick(rng))):
        scheme = schemes.pick_other(rng, used) or primary
        used.add(scheme)
        names.append(one_name(system, ident, parts, scheme, "alias", rng, ctx))
    variant = system.alias_variant(parts, ident, rng) if rng.random() < 0.25 else None
    if variant and len(names) < 5:  # kunya, nickname, other surname form
        names.append(one_name(system, ident, variant[1], schemes.pick(rng), "alias", rng, ctx))
    props: dict[str, list[str]] = {"name": names[:1]}
    if aliases := [a for a in dict.fromkeys(names[1:]) if a != names[0]]:
        props["alias"] = aliases
    d, dob = ident.birth_date, W_LIST_DOB.pick(rng)
    if dob != "missing":
        full = d.isoformat()
        props["birthDate"] = _alternatives(d, rng) if dob == "alternatives" else [
            full if dob == "full" else full[:4]]  # fmt: skip
    if rng.random() < 0.88:
        props["nationality"] = [ident.nationality]
    if rng.random() < 0.7:
        props["gender"] = [ident.gender]
    if rng.random() < 0.3:
        props["passportNumber"] = [passport_format(ident.passport, rng)[0]]
    props["topics"] = W_TOPICS.pick(rng).split()
    entity: dict[str, Any] = {"id": f"wl-{index}", "schema": "Person", "properties": props}
    if debug:
        entity["debug"] = _debug(system, ident, primary)
    return entity, ident, primary


def _debug(system: NameSystem, ident: Identity, scheme: str) -> dict[str, str]:
    native = " ".join(p.text for p in system.parts(ident))
    return {"identity": ident.uid, "locale": ident.locale, "native": native, "given": ident.given,
            "family": ident.surname_base, "birth_date": ident.birth_date.isoformat(),
            "scheme": scheme}  # fmt: skip


def watchlist_entry(seed: int, index: int, debug: bool = False) -> dict[str, Any]:
    """Entry ``index`` of list ``seed``, equal to the one :func:`generate_watchlist` yields."""
    return _entry(seed, index, debug)[0]


def generate_watchlist(seed: int, n: int, debug: bool = False) -> Iterator[dict[str, Any]]:
    """``n`` list entries: FtM Person dicts ``wl-0`` ... ``wl-<n-1>``."""
    for index in range(n):
        yield _entry(seed, index, debug)[0]


def _query(system: NameSystem, ident: Identity, index: int, rng: random.Random,
           avoid: str, listed: bool) -> tuple[dict[str, Any], str]:  # fmt: skip
    """A screened record (passport, visa, notice) of ``ident``, like the pairs' side a."""
    parts, ctx = system.parts(ident), contexts(system, ident)
    scheme = weights(ident.locale, ident.region, "a").pick_other(rng, {avoid}) or "native"
    names = [one_name(system, ident, parts, scheme, "a", rng, ctx, max(0.1, typo_rate(system)))]
    native_ok = scheme != "native" and (system.locale != "general" or ident.region == "zh")
    if native_ok and rng.random() < 0.15:
        names.append(one_name(system, ident, parts, "native", "alias", rng, ctx))
    props: dict[str, list[str]] = {"name": list(dict.fromkeys(names))}
    d, mode = ident.birth_date, (W_DOB_POSITIVE if listed else W_QUERY_DOB).pick(rng)
    if mode == "swapped" and swappable(d):
        props["birthDate"] = [d.replace(month=d.day, day=d.month).isoformat()]
    elif mode in ("typo", "swapped"):  # a day or a year off
        off = d + timedelta(days=rng.choice([-1, 1])) if rng.random() < 0.5 else None
        props["birthDate"] = [(off or shift_years(d, rng.choice([-1, 1]))).isoformat()]
    elif mode != "missing":
        props["birthDate"] = [d.isoformat()[: 4 if mode == "year_only" else 10]]
    if rng.random() < 0.92:
        props["nationality"] = [ident.nationality]
    if rng.random() < 0.75:
        props["gender"] = [ident.gender]
    if rng.random() < 0.85:
        number = ident.passport
        if listed and rng.random() < 0.1:  # renewed since the listing: new digits
            number = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in number)
        props["passportNumber"] = [passport_format(number, rng)[0]]
    return {"id": f"q-{index}", "schema": "Person", "properties": props}, scheme


def contradicts(query: dict[str, Any], entry: dict[str, Any]) -> bool:
    """A full-date or document conflict that rules the list entry out for the query."""
    q, e = query["properties"], entry["properties"]
    if dates_contradict(q.get("birthDate", []), e.get("birthDate", [])):
        return True
    docs = [{x.replace(" ", "").replace("-", "") for x in p.get("passportNumber", [])}
            for p in (q, e)]  # fmt: skip
    return bool(docs[0] and docs[1] and not docs[0] & docs[1])


def make_query(seed: int, index: int, list_seed: int, list_n: int,
               debug: bool = False) -> dict[str, Any]:  # fmt: skip
    """Query ``index`` of run ``seed`` against the list (``list_seed``, ``list_n``)."""
    rng = random.Random(f"watchline-scale/queries/{seed}/{list_seed}/{list_n}/{index}")
    kind, source = W_KINDS.pick(rng), None
    if kind == "listed":  # rendered in another scheme than the entry's primary name
        source, ident, primary = _entry(list_seed, rng.randrange(list_n))
        system = systems()[ident.locale]
        query, scheme = _query(system, ident, index, rng, primary, True)
    elif kind != "other":
        for _ in range(100):  # a source entry this person can be told apart from
            source, base, _ = _entry(list_seed, rng.randrange(list_n))
            system = systems()[base.locale]
            ident = (namesake if kind == "namesake" else relative)(system, base, rng, [])
            query, scheme = _query(system, ident, index, rng, "", False)
            if contradicts(query, source):
                break
        else:  # a tiny list without dates or documents to tell anyone apart
            kind, source = "other", None
    if kind == "other":
        system = systems()[W_LOCALES.pick(rng)]
        ident = person(system, rng)
        query, scheme = _query(system, ident, index, rng, "", False)
    src = source["id"] if source else None
    expected = src if kind == "listed" else None
    record = {"query": query, "expected": expected, "kind": kind, "locale": ident.locale}
    if debug:
        record["debug"] = {**_debug(system, ident, scheme), "source": src}
    return record


def generate_queries(seed: int, n: int, list_seed: int, list_n: int,
                     debug: bool = False) -> Iterator[dict[str, Any]]:  # fmt: skip
    """``n`` queries ``q-0`` ...: 20% listed, 18% namesakes, 12% relatives, 50% others."""
    for index in range(n):
        yield make_query(seed, index, list_seed, list_n, debug)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    wl = sub.add_parser("watchlist", help="list entries (seed 11 for the screening benchmark)")
    qs = sub.add_parser("queries", help="queries against a list (seed 12)")
    for p, seed, n in ((wl, 11, 1_000_000), (qs, 12, 10_000)):
        p.add_argument("--seed", type=int, default=seed)
        p.add_argument("--n", type=int, default=n)
        p.add_argument("-o", "--output", help="JSON lines file (default or '-': stdout)")
        p.add_argument("--debug", action="store_true", help="add identities, native names")
        p.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    qs.add_argument("--list-seed", type=int, default=11)
    qs.add_argument("--list-n", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.what == "watchlist":
        records = generate_watchlist(args.seed, args.n, args.debug)
    else:
        records = generate_queries(args.seed, args.n, args.list_seed, args.list_n, args.debug)
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    to_file = args.output not in (None, "-")
    out = open(args.output, "w", encoding="utf-8") if to_file else sys.stdout  # noqa: SIM115
    start, step = time.perf_counter(), max(1000, args.n // 100)
    try:
        for i, record in enumerate(records, 1):
            out.write(encode(record) + "\n")
            if not args.quiet and (i % step == 0 or i == args.n):
                spent, end = time.perf_counter() - start, "\n" if i == args.n else ""
                print(f"\r{args.what}: {i:,}/{args.n:,}, {spent:.1f} s", end=end, file=sys.stderr)
    finally:
        if to_file:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
