"""Other conventions' readings of a Latin-written name part.

A partner country's notice writes a Russian, Ukrainian or Arabic name in its own
language's letters: German *Kusnezow* (s for з, z for ц, w for в), *Chruschtschow* (ch
for х, and o for the ё English writes e), Polish *Chruszczow*, Czech and ISO 9 without
their marks *Sevcenko* (s for š, c for č), *Zukov* (z for ž), Spanish *Jrushchov* (j
for х). Folding (`data/folding.yml`) reads each letter one way for every name, because
a second reading of *j* or *z* everywhere would give every Spanish *Juan* and Chinese
*Zhang* a second spelling. These readings are therefore not keys of the list: the
candidate search tries them only for a part that almost no entry holds as written
(`index.search`), where a foreign spelling (or a typo) is the likeliest reason.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from watchline.names.analysis import fold_key

#: Letters (or letter groups) that another convention reads another way, and the
#: English-style spellings they may stand for. Digraphs that are read alike by every
#: convention (sh, zh, sch, ss) are matched first so that their letters are not sites.
_SITES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"tsch|sch|szcz|sh|zh|ss|kh|ts|cz|sz", ()),  # folded alike already: not sites
    (r"ch", ("kh",)),  # German, Polish, Czech х: Chruschtschow, Michail, Chalid
    (r"j(?=[aeiou])", ("y", "kh")),  # German, Polish, Czech й/я/ю/е; Spanish х: Jelzin, Jalid
    (r"j", ("kh",)),  # Spanish х before a consonant: Jrushchov
    (r"c", ("ch",)),  # Czech, ISO 9 č without its mark: Sevcenko, Klicko
    (r"s", ("z", "sh")),  # German з; Czech, ISO 9 š: Kusnezow, Cernysova
    (r"z", ("ts", "zh")),  # German ц; Czech, ISO 9 ž: Jelzin, Zukov
    (r"(?<=[chjz])o(?=[wv]$)", ("e",)),  # ё after a hushing letter, English e: -tschow
)
_SITE = re.compile("|".join(f"({pattern})" for pattern, _ in _SITES))
#: At most this many letters of one part are read another way (3**4 readings at most).
MAX_SITES = 4


@lru_cache(maxsize=50_000)
def reading_keys(text: str) -> frozenset[str]:
    """The folded keys of `text` (a romanised part) read by the other conventions,
    without its own key."""
    pieces: list[tuple[str, ...]] = []
    at = 0
    sites = 0
    for found in _SITE.finditer(text):
        group = found.lastindex or 0
        others = _SITES[group - 1][1]
        if not others or sites >= MAX_SITES:
            continue
        pieces.append((text[at : found.start()],))
        pieces.append((found.group(), *others))
        at = found.end()
        sites += 1
    if not sites:
        return frozenset()
    pieces.append((text[at:],))
    own = fold_key(text)
    return frozenset(key for spelt in product(*pieces) if (key := fold_key("".join(spelt))) != own)
