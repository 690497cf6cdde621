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
"""

from __future__ import annotations

from functools import cache

from watchline.names.analysis import fold_key


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
