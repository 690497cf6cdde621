"""Curated name data, loaded once from the commented YAML files in `data/`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).with_name("data")


#: Data files that make no key of a list entry, only of a query (`names.nicknames`):
#: editing them leaves every built index as it is.
QUERY_ONLY = frozenset({"diminutives.yml"})


@cache
def data_digest() -> str:
    """A digest of every data file: what name keys are made from besides the code, so
    an index built from other data (an edited variant family renumbers the families'
    keys) is known stale."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(DATA_DIR.glob("*.yml")):
        if path.name in QUERY_ONLY:
            continue
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


FoldRule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _fold_rule(rule: Any) -> tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], bool]:
    """[regex, replacement] or [regex, replacement, latin]; anything else is an error
    naming the rule (a misspelt flag would otherwise apply a Latin rule to Arabic script)."""
    if not isinstance(rule, list) or len(rule) not in (2, 3) or rule[2:] not in ([], ["latin"]):
        raise ValueError(f"folding.yml: rule {rule!r}: expected [regex, replacement(, latin)]")
    return re.compile(rule[0]), _replacement(rule[1]), len(rule) == 3


@dataclass(frozen=True)
class NameData:
    char_map: dict[str, str]
    fold_rules: tuple[FoldRule, ...]
    #: The rules for romanised Arabic script (without those marked `latin`).
    abjad_fold_rules: tuple[FoldRule, ...]
    particles: frozenset[str]
    patronymic_suffixes: tuple[str, ...]
    surname_suffixes: frozenset[str]
    titles: frozenset[str]
    families: tuple[tuple[str, ...], ...]
    #: Words an organisation's name drops: generic designations and function words.
    org_noise: frozenset[str] = frozenset()
    #: Common Korean surnames, one spelling each (`names/korean.py`).
    korean_surnames: tuple[str, ...] = ()
    #: Common Chinese surnames of one syllable, in Pinyin (`names/chinese.py`).
    chinese_surnames: tuple[str, ...] = ()
    #: Common Japanese surnames in Hepburn (`names/japanese.py`).
    japanese_surnames: tuple[str, ...] = ()
    #: Arabic particles' kind ("article" or "son"), by particle.
    particle_kinds: dict[str, str] = field(default_factory=dict)
    #: Turkic words after a father's name ("son" or "daughter"), by word.
    patronymic_markers: dict[str, str] = field(default_factory=dict)


def _replacement(repl: str) -> str | Callable[[re.Match[str]], str]:
    """Group references as a function: `re` expands "\\1" templates slowly on every match."""
    group = re.fullmatch(r"\\(\d)", repl)
    if group:
        number = int(group.group(1))
        return lambda match: match.group(number)
    return repl


@cache
def name_data() -> NameData:
    translit = _load("transliteration.yml")
    char_map: dict[str, str] = {}
    for table in translit.values():
        for source, target in table.items():
            char_map[str(source)] = "" if target is None else str(target)
    folding = _load("folding.yml")
    rules = [_fold_rule(rule) for rule in folding["rules"]]
    particles = _load("particles.yml")
    variants = _load("name_variants.yml")
    korean = _load("korean.yml")
    chinese = _load("chinese.yml")
    japanese = _load("japanese.yml")
    return NameData(
        char_map=char_map,
        fold_rules=tuple((pattern, repl) for pattern, repl, _ in rules),
        abjad_fold_rules=tuple((pattern, repl) for pattern, repl, latin in rules if not latin),
        particles=frozenset(particles["particles"])
        | frozenset(w for words in particles["patronymic_markers"].values() for w in words),
        patronymic_suffixes=tuple(particles["patronymic_suffixes"]),
        surname_suffixes=frozenset(particles["surname_suffixes"]),
        titles=frozenset(particles["titles"]),
        families=tuple(tuple(str(v) for v in family) for family in variants["families"]),
        org_noise=frozenset(particles["org_designations"])
        | frozenset(particles["org_function_words"]),
        korean_surnames=tuple(str(s) for s in korean["surnames"]),
        chinese_surnames=tuple(str(s) for s in chinese["surnames"]),
        japanese_surnames=tuple(str(s) for s in japanese["surnames"]),
        particle_kinds={
            str(word): str(kind)
            for kind, words in particles["particle_kinds"].items()
            for word in words
        },
        patronymic_markers={
            str(word): str(kind)
            for kind, words in particles["patronymic_markers"].items()
            for word in words
        },
    )
