"""Turning an identity into the name strings of a record, with recorded variation.

Side "a" is the screened record (passport, visa, partner notice): one name, often capitals
and surname first, patronymic usually absent from Latin passport lines. Side "b" is the
watchlist entry: a primary name plus aliases in several spellings, sometimes the native
script, sometimes a kunya, nickname or former surname.
"""

from __future__ import annotations

import random

from . import variations as v
from .identity import Identity, NameSystem, Part
from .tables import weighted

ORDERS = {
    "a": {"given_first": 0.4, "surname_first": 0.45, "comma": 0.15},
    "b": {"given_first": 0.55, "surname_first": 0.2, "comma": 0.25},
    "alias": {"given_first": 0.7, "surname_first": 0.15, "comma": 0.15},
}
CASES = {
    "a": {"upper": 0.55, "as_is": 0.35, "surname_upper": 0.1},
    "b": {"as_is": 0.55, "upper": 0.2, "surname_upper": 0.25},
    "alias": {"as_is": 0.75, "upper": 0.15, "surname_upper": 0.1},
}
#: Chance that a side drops the patronymic/nasab; Latin passport lines rarely print it.
DROP_PATRONYMIC = {"a_latin": 0.65, "a_native": 0.15, "b": 0.12, "alias": 0.25}
ALIAS_COUNTS = {"0": 0.2, "1": 0.3, "2": 0.25, "3": 0.15, "4": 0.1}


def typo_rate(system: NameSystem) -> float:
    """Per side; general names have nothing but typos to vary, so they get more."""
    return 0.22 if system.locale == "general" else 0.045


def structural(
    system: NameSystem, ident: Identity, scheme: str, side: str, rng: random.Random,
    var: list[str], tag: str,
) -> list[Part]:  # fmt: skip
    """Native parts with elements dropped the way records drop them."""
    parts = system.parts(ident)
    roles = {p.role for p in parts}
    native = scheme == "native" or scheme.endswith(":native")
    key = side if side != "a" else ("a_native" if native else "a_latin")
    rate = DROP_PATRONYMIC[key] * (0.5 if system.locale == "ar" else 1.0)
    if {"patronymic", "surname"} <= roles and rng.random() < rate:
        parts = [p for p in parts if p.role != "patronymic"]
        var.append(f"{tag}:drop={'nasab' if system.locale == 'ar' else 'patronymic'}")
    for role, rate in (("middle", 0.3 if side != "b" else 0.15), ("surname2", 0.25)):
        if role in roles and rng.random() < rate:
            parts = [p for p in parts if p.role != role]
            var.append(f"{tag}:drop={role}")
    if rng.random() < 0.2:
        dropped = system.drop_particles(parts)
        if dropped:
            parts = dropped
            var.append(f"{tag}:drop=particle")
    return parts


def surface(
    system: NameSystem, ident: Identity, parts: list[Part], scheme: str, side: str,
    rng: random.Random, var: list[str], tag: str,
) -> str:  # fmt: skip
    """Rendered parts -> one string with initials, joins, stripping, order, case, typos."""
    if rng.random() < 0.03:
        hit = v.initials(parts, rng)
        if hit:
            parts = hit[0]
            var.append(f"{tag}:initial={hit[1]}")
    if rng.random() < 0.08:
        joined = v.rejoin(parts, rng)
        if joined:
            parts = joined[0]
            var.append(f"{tag}:join={joined[1]}")
    if scheme != "native" and rng.random() < 0.25:
        stripped = v.strip(parts)
        if stripped:
            parts = stripped
            var.append(f"{tag}:strip_diacritics")
    order = weighted(rng, ORDERS[side])
    case = weighted(rng, CASES[side])
    text = v.compose(parts, order, case)
    if order != system.natural(ident):
        var.append(f"{tag}:order={order}")
    if case != "as_is" and not v.UNCASED.search(text):
        var.append(f"{tag}:case={case}")
    if side != "alias" and rng.random() < typo_rate(system):
        slip = v.typo(text, rng)
        if slip:
            text = slip[0]
            var.append(f"{tag}:typo={slip[1]}")
    return text


def one_name(
    system: NameSystem, ident: Identity, scheme: str, side: str, rng: random.Random,
    var: list[str], tag: str, parts: list[Part] | None = None,
) -> str:  # fmt: skip
    notes: list[str] = []
    if parts is None:
        parts = structural(system, ident, scheme, side, rng, var, tag)
    rendered = system.render(parts, ident, scheme, rng, notes)
    var.extend(f"{tag}:{n}" for n in notes)
    return surface(system, ident, rendered, scheme, side, rng, var, tag)


def screened_names(
    system: NameSystem, ident: Identity, scheme: str, rng: random.Random, var: list[str]
) -> list[str]:
    var.append(f"a:scheme={scheme}")
    names = [one_name(system, ident, scheme, "a", rng, var, "a")]
    native_ok = scheme != "native" and (system.locale != "general" or ident.region == "zh")
    if native_ok and rng.random() < 0.15:
        names.append(one_name(system, ident, "native", "alias", rng, var, "a.native"))
        var.append("a:native_name")
    return list(dict.fromkeys(names))


def watchlist_names(
    system: NameSystem, ident: Identity, scheme_a: str, rng: random.Random, var: list[str]
) -> tuple[list[str], list[str]]:
    weights = system.schemes_b(ident)
    primary_pool = {k: w for k, w in weights.items() if k != scheme_a}
    primary = weighted(rng, primary_pool)
    var.append(f"b:scheme={primary}")
    names = [one_name(system, ident, primary, "b", rng, var, "b")]
    pool = {k: w for k, w in weights.items() if k != primary}
    if rng.random() < 0.7:
        pool.pop(scheme_a, None)
    aliases: list[str] = []
    for i in range(int(weighted(rng, ALIAS_COUNTS))):
        if not pool:
            break
        scheme = weighted(rng, pool)
        pool.pop(scheme)
        var.append(f"b:alias={scheme}")
        aliases.append(one_name(system, ident, scheme, "alias", rng, var, f"b.alias{i + 1}"))
    if rng.random() < 0.25:
        variant = system.alias_variant(system.parts(ident), ident, rng)
        if variant:
            label, parts = variant
            scheme = weighted(rng, weights)
            var.append(f"b:alias_variant={label}")
            aliases.append(
                one_name(system, ident, scheme, "alias", rng, var, f"b.{label}", parts=parts)
            )
    aliases = [a for a in dict.fromkeys(aliases) if a not in names]
    return names, aliases
