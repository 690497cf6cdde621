"""Given names and the nicknames they go by: *Robert* / *Bob*, *William* / *Bill*,
*Elizabeth* / *Liz*, *Aleksandr* / *Alex*.

A bank's customer file and a watchlist often name one person by the two: "Bill
Clinton" opens an account, a list writes "William Jefferson Clinton". The pairs are
not spellings of one word, so neither the edits nor the spelling families meet them.
They come from the `nicknames` package (a hand-curated table of about 2,700 English
name-nickname pairs, kept by Carlton Northern and Nick Crews), looked up by the
words as written. A nickname is weaker evidence than a spelling of the name: the table pairs each
nickname with every name it shortens (*Lena* with Helen, Catherine and Madeline), so
it stands for one of several names.

Russian, Ukrainian and Belarusian diminutives (*Sasha* / Aleksandr, *Volodya* /
Vladimir), which the English table lacks, come from `data/diminutives.yml`, written in
Cyrillic and looked up by folded key, and by spelling family where the full name has one
(*Sasha* meets Aleksandr, Alexander and Oleksandr alike).
"""

from __future__ import annotations

from functools import cache

import yaml

from watchline.names.analysis import NamePart, family_of, fold_key
from watchline.names.data import DATA_DIR
from watchline.names.translit import romanise


@cache
def _related() -> dict[str, frozenset[str]]:
    """A name as written (lower case) to the names it is a nickname of or has as a
    nickname (the table's direction is not kept: either may be the one written).

    As written, not folded: folding writes double letters once, and *Anna* folded is
    the *Ana* the table gives as Anastasia's nickname, a Russian Anna is no Anastasiya.
    """
    from nicknames import NickNamer  # at first use: 40 ms of imports (importlib.metadata)

    out: dict[str, set[str]] = {}
    for name, nicknames in NickNamer().nickname_lookup.items():
        for nickname in nicknames:
            if name.isalpha() and nickname.isalpha() and nickname != name:
                out.setdefault(name, set()).add(nickname)
                out.setdefault(nickname, set()).add(name)
    return {text: frozenset(texts) for text, texts in out.items()}


def are_nicknames(one: str, other: str) -> bool:
    """Is one name as written (a part's text) a nickname of the other? Not two
    nicknames of one name: *Liz* and *Beth* both shorten Elizabeth, but a Liz is not a
    Beth (unless the table pairs them too, as it pairs *Bill* and *Will*)."""
    return other in _related().get(one, frozenset())


def nickname_keys(text: str) -> frozenset[str]:
    """Folded keys of the names a part's text is a nickname of, and of its nicknames:
    what the index files them under."""
    names = _related().get(text)
    return _folded(names) if names else frozenset()


@cache  # bounded: its arguments are the table's own sets, not the texts asked for
def _folded(names: frozenset[str]) -> frozenset[str]:
    return frozenset(fold_key(name) for name in names)


@cache
def _diminutives() -> dict[str, tuple[frozenset[str], frozenset[int]]]:
    """A diminutive's folded key to the folded keys of the names it shortens and their
    spelling families."""
    with open(DATA_DIR / "diminutives.yml", encoding="utf-8") as handle:
        table = yaml.safe_load(handle)
    shortens: dict[str, set[str]] = {}
    for name, diminutives in table.items():
        if (
            not isinstance(name, str)
            or not isinstance(diminutives, list)
            or not all(isinstance(d, str) for d in diminutives)
        ):
            raise ValueError(f"diminutives.yml: {name!r}: expected a name and a list of names")
        for diminutive in diminutives:
            shortens.setdefault(fold_key(romanise(diminutive)), set()).add(fold_key(romanise(name)))
    return {
        short: (
            frozenset(names),
            frozenset(f for f in (family_of(name) for name in names) if f is not None),
        )
        for short, names in shortens.items()
    }


def is_diminutive(short: NamePart, full: NamePart) -> bool:
    """Is `short` a diminutive of the name `full` is a spelling of? Not two diminutives
    of one name (*Volodya* and *Vova* are Vladimir's, and a Volodya is no Vova)."""
    names = _diminutives().get(short.key)
    if names is None:
        return False
    return full.key in names[0] or (full.family is not None and full.family in names[1])


def diminutive_keys(part: NamePart) -> frozenset[str]:
    """What the index files the names a diminutive shortens under (folded keys and
    family keys), and a name's diminutives (folded keys)."""
    return _diminutive_index().get(part.key, frozenset()) | (
        _diminutive_index().get(f"f:{part.family}", frozenset())
        if part.family is not None
        else frozenset()
    )


@cache
def _diminutive_index() -> dict[str, frozenset[str]]:
    """Folded key (or "f:" family) to the index keys it is related to by the table."""
    out: dict[str, set[str]] = {}
    for short, (names, families) in _diminutives().items():
        related = {f"n:{name}" for name in names} | {f"f:{family}" for family in families}
        out.setdefault(short, set()).update(related)
        for name in names:
            out.setdefault(name, set()).add(f"n:{short}")
        for family in families:
            out.setdefault(f"f:{family}", set()).add(f"n:{short}")
    return {key: frozenset(keys) for key, keys in out.items()}
