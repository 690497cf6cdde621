"""Keys under which an entity is filed for candidate retrieval.

Keys come from the matcher's own name analysis, so retrieval finds what the matcher
would match: `n:` a folded name part (kh/h, dzh/j, -ova/-ov already folded), `f:` a name
variant family (Magomed/Muhammad), `s:` a consonant skeleton (meets unvocalised Arabic
script and vowel typos), `a:` the one-consonant skeleton of a short part (for Arabic
script only), `p:`/`e:` the first/last four letters of a long part (meets a
consonant typo at the other end), `g:` a particle's kind with the word glued to it or
written after it ("BENSAID" / "ibn Said"), `d:` a normalised document number, `b:` a full birth
date: too common to find anyone by alone, but a rare one gathers the candidates that
share any name key with it. Beside the keys, each entity gets a
`Profile` (dates, gender, countries, part count) that the ranker compares.

A query's keys are grouped by the name part they come from; a candidate scores the best
key of each group, weighted by rarity, so a part counts once however many of its keys
hit, and "Muhammad" adds little while a rare surname or a passport number decides.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from watchline.model import Entity
from watchline.names.analysis import NameAnalysis, NamePart, analyze_name, fold_key, skeleton
from watchline.names.chinese import chinese_keys
from watchline.names.compare import VOWELS_APART_ARTICLES, article_before, glued_words
from watchline.names.data import name_data
from watchline.names.japanese import japanese_key
from watchline.names.korean import korean_key
from watchline.names.nicknames import diminutive_keys, nickname_keys
from watchline.names.translit import ascii_spellings
from watchline.values import (
    COUNTRY_PROPS,
    DATE_PROPS,
    DOC_PROPS,
    Date,
    normalise_document,
    parse_date,
)

U64 = npt.NDArray[np.uint64]

#: Bump whenever the keys an entity gets change: stored indexes of another version are
#: rebuilt, never searched with keys they were not built with. (6: unvocalised بن and
#: بنت, "bn" and "bnt", are particles and file no keys; 7: "Abdel" and "-uddin"
#: compounds are split as Arabic script writes them; 8: more Slavic name families; 9:
#: Arabic-script "zh" is two letters, one-consonant skeletons of short parts; 10:
#: "-ullah" compounds split, Russian "-eev" kept, initial keys; 11: skeletons with g
#: for h; 12: glides and final й folded, French intervocalic ou, Azerbaijani c, Nikola
#: no "-ullah" compound; 13: Azerbaijani names also under their ə-as-e and c-as-c
#: spellings; 14: organisation names without "Company", "Co.", "of", "the"; 15: Hangul
#: names a part per syllable, McCune-Reischauer "o'" read as o in Korean names; 16: Korean
#: names also under each part's Korean key; 17: Arabic-script parts also under the
#: skeleton of their Persianate reading; 18: Russian, Tajik, Uzbek and West African
#: spellings of "-ullah" compounds split: Абдуллах, Насрулло, Abdulloh, Abdullahi; 19:
#: no initial keys for a compound's second half; 20: `g:` keys for glued particles; 21:
#: an assimilated article is glued only before its consonant, as in ash-Shami; 22: French
#: "-eddine" compounds split, Arabic-script "ts" two letters, romanised parts also under
#: the skeleton with their j a consonant, zh two letters and ch a sh; 23: families for
#: common Arabic names with a consonant twin, Hisham, Hashim, Mubarak, Mabruk ...; 24:
#: no such second skeleton for patronymics and Slavic surnames; 25: "hajj" a title,
#: kept as a family name after an article at the end; -ich a patronymic only as
#: Russian ones end, not Heinrich or Darwich; 26: a birth date's day without its month
#: is dropped from the profile; 27: Somali "-illahi" and Sudanese "-eldin" compounds
#: split, Korean "Woo" the syllable U; 28: a patronymic known by its folded key too
#: (Janukowytsch, Iwanowicz); 29: the stem of a word ending in a glued article
#: (Matiur: mati), "-urrahman", "-uzzaman", "-ulhaq" compounds split; 30: Persian
#: "Abol-" compounds split as Abu al- (Abolfazl); 31: a stem's skeleton only before
#: ar- and al- (Farhod is no farh + ud); 32: names with a hushing letter's mark (š, č,
#: ž, ş, ç) also under its spelling with an h (Ševčenko: Shevchenko); 33: a title after
#: "son of" kept as a name (Ould Cheikh); 34: Chinese names also under their parts'
#: syllables in Pinyin and Wade-Giles (`k:`), and two adjacent parts' as one (Tse-tung /
#: Zedong); 35: names in North Indian scripts without the inherent vowels Latin
#: spellings drop (मनमोहन: manmohan); 36: an initial keeps its marked letter (Ş.); 37:
#: a Turkic patronymic's father keyed as its Russian form (Baxtiyor o'g'li:
#: Bakhtiyorovich); 38: not after a compound's second half (Abdulla o'g'li); 39: a
#: father's name is not split as a compound (Abdullaevich, Abdulla o'g'li); 40: Japanese
#: names' Hepburn keys (`k:`, names.japanese).
#: Changes to the data files in names/data need no bump: the index keeps their digest.)
KEYS_VERSION = 40
#: Weight of each key kind relative to an exact folded part.
KIND_WEIGHTS = {
    "n": 1.0,
    "f": 0.95,
    "k": 0.95,
    "s": 0.75,
    "a": 0.6,
    "p": 0.6,
    "e": 0.6,
    "d": 3.0,
    "b": 1.0,
    "g": 0.9,
}
#: Parts of at most this many letters are filed under their skeleton even when it is a
#: single consonant (`a:`, searched by queries in Arabic script only).
SHORT_PART = 5
#: A query with more groups than this is cut: it bounds work on absurd inputs.
MAX_QUERY_GROUPS = 16
#: Names of one query weighed apart (and their parts looked for together); more are cut,
#: as each costs an intersection and a pass over the candidates.
MAX_QUERY_NAMES = 8


@lru_cache(maxsize=500_000)
def part_keys(part: NamePart) -> tuple[str, ...]:
    if part.abjad:
        # Unvocalised script: its spelling meets other scripts only through the skeleton,
        # so the skeleton is the part's key (and sets what a full match weighs), with
        # the skeleton of its Persianate reading where that differs (Ramadan / Ramzan).
        bones_keys = [f"{'s' if len(bones) >= 2 else 'a'}:{bones}" for bones in part.skeletons]
        return (*bones_keys, *_particle_keys(part))
    keys = [f"n:{part.key}"]
    if part.family is not None:
        keys.append(f"f:{part.family}")
    if len(part.skeleton) >= 2:
        keys.append(f"s:{part.skeleton}")
        # Ukrainian writes h where Russian writes g (Bohdan / Bogdan, Havrylyuk /
        # Gavrilyuk), and Russian g where Arabic and Turkic names have h (Gasan,
        # Gusein): the skeleton with g for h is a key too.
        as_g = _H_AS_G.sub("g", part.skeleton)
        if as_g != part.skeleton:
            keys.append(f"s:{as_g}")
    elif len(part.key) <= SHORT_PART:
        # One consonant is how Arabic script writes "Ali" (علي) or "Alawi" (علوي): a key
        # for queries in that script only (`query_keys`); between romanised names it
        # would pair "Guo" with "Agha" ("Ivanov", a long part, has one consonant too).
        keys.append(f"a:{part.skeleton}")
    if len(part.alt_skeleton) >= 2:
        # Read as romanisations of Arabic script write it: Najafi, نجفي (`alt_skeleton`).
        keys.append(f"s:{part.alt_skeleton}")
    if len(part.key) >= 6:
        keys.append(f"p:{part.key[:4]}")
        keys.append(f"e:{part.key[-4:]}")
    return (*keys, *_particle_keys(part))


def _particle_keys(part: NamePart) -> list[str]:
    """`g:` keys: a particle glued to a word ("BENSAID", "ALHASHIMI") and the word
    written after a particle of that kind ("ibn Said", "al-Hashimi", "الهاشمي") share
    one, as the matcher aligns them (`compare.glued_words`); "Elmira" and "Mira", with
    no particle before it, share none. Arabic script meets the glued word's skeleton."""
    keys = []
    if part.after:
        written = f"~{part.skeleton}" if part.abjad else part.key
        keys.append(f"g:{part.after}:{written}")
    for kind, rest in glued_words(part.text, part.abjad):
        keys.append(f"g:{kind}:{rest}")
        if not part.abjad:
            keys.append(f"g:{kind}:~{skeleton(rest)}")
    stem = article_before(part.text, part.abjad)
    if stem:
        # "Matiur" is "Mati ur": the stem is a part of its own on the other side
        # (`compare.article_before`), with its skeleton where the vowels differ (Fazlur
        # / Fazal ur); a skeleton of two consonants would gather thousands.
        keys.append(f"n:{stem}")
        if len(skeleton(stem)) >= 3 and part.text.endswith(VOWELS_APART_ARTICLES):
            keys.append(f"s:{skeleton(stem)}")
    return keys


#: An h that is not the second letter of sh or ch.
_H_AS_G = re.compile(r"(?<![sc])h")


def _organisation(entity: Entity) -> bool:
    return not entity.is_a("Person")


Pairs = dict[str, tuple[str, str]]
#: Per part text, the keys of the same part in the name's other plain-letter spellings
#: (`ascii_spellings`), and its Korean key in a Korean name.
Respelt = dict[str, set[str]]


class NameParts(NamedTuple):
    parts: list[NamePart]
    joined: Pairs
    initials: Pairs
    #: Parts (patronymics aside) of the shortest strong name; 0 when it has none.
    fewest: int
    respelt: Respelt


def _respellings(analysis: NameAnalysis, name: str, org: bool, out: Respelt) -> None:
    """The keys of each part in the name's other plain-letter spellings
    (`ascii_spellings`), matched part by part."""
    for spelling in ascii_spellings(name):
        other = analyze_name(spelling, organisation=org)
        if len(other.parts) != len(analysis.parts):
            continue
        for mine, theirs in zip(analysis.parts, other.parts, strict=True):
            if theirs.key != mine.key:
                out.setdefault(mine.text, set()).update(part_keys(theirs))


def _name_parts(entity: Entity, *, weak: bool) -> NameParts:
    """Distinct parts of the entity's names, the keys of adjacent parts joined and the
    initial keys (each with the texts of its two parts), and the parts (patronymics
    aside) of its shortest strong name: what a candidate has that the query may lack
    (0 when it has no name).

    Joined keys meet a name written as one word on the other side ("Xiu Ying" /
    "Xiuying", "Abu Bakr" / "Abubakr"). Initial keys, the first letter of a name's
    first or last part with the other end's key, meet an initial on either side ("O.
    Vasileva" / "Olga Vasileva", "Rakhimova, G." / "Gulnora Rahimova"): the common
    surname alone would find thousands. A query looks an initial up among the parts
    spelt out and a part spelt out among the initials, never a first letter among
    first letters ("Pavel Popov" is not "Petr Popov"). Names of particles only ("al
    bin") add nothing. `respelt`: per part, the keys of its other plain-letter
    spellings (`_respellings`).
    """
    strong = entity.names
    names = strong + (entity.weak_names if weak else [])
    org = _organisation(entity)
    seen: dict[str, NamePart] = {}
    respelt: Respelt = {}
    joined: Pairs = {}
    initials: Pairs = {}
    fewest: int | None = None
    for number, name in enumerate(names):
        analysis = analyze_name(name, organisation=org)
        if analysis.only_particles:
            continue
        if number < len(strong):
            count = len(analysis.parts) - sum(1 for p in analysis.parts if p.patronymic)
            fewest = count if fewest is None else min(fewest, count)
        for part in analysis.parts:
            seen.setdefault(part.text, part)
        _respellings(analysis, name, org, respelt)
        if analysis.korean:
            # One syllable in another romanisation ("Jo" / "Cho"), as the matcher
            # aligns it: another spelling of the part, weighed as one.
            for part in analysis.parts:
                syllable = korean_key(part.text)
                if syllable is not None:
                    respelt.setdefault(part.text, set()).add(f"k:{syllable}")
        if analysis.japanese:
            # Hepburn, Kunrei-shiki and kana's long vowels ("Ohno" / "Oono", "Tutiya" /
            # "Tsuchiya"), as the matcher reads them: another spelling of the part.
            for part in analysis.parts:
                morae = japanese_key(part.text)
                if morae is not None:
                    respelt.setdefault(part.text, set()).add(f"k:{morae}")
        if analysis.chinese:
            # Each part's syllables in either romanisation ("Chou" / "Zhou"), and two
            # adjacent parts' as one: Wade-Giles writes a given name's syllables apart
            # ("Tse-tung" / "Zedong"). Not a key two parts share ("Chao Zhao": both
            # jao): a query would count one part of a candidate's ("Zhao Ming") twice.
            syllables = [chinese_keys(part.text) for part in analysis.parts]
            for number, part in enumerate(analysis.parts):
                shared = set().union(*(k for n, k in enumerate(syllables) if n != number))
                respelt.setdefault(part.text, set()).update(
                    f"k:{key}" for key in syllables[number] - shared
                )
            for left, right in zip(analysis.parts, analysis.parts[1:], strict=False):
                for key in chinese_keys(left.text + right.text):
                    joined.setdefault(f"k:{key}", (left.text, right.text))
        # A compound's second half (Nurullo: nur + allah) has no initial of its own.
        ends = [p for p in analysis.parts if not (p.patronymic or p.bound)]
        if len(ends) >= 2 and not analysis.abjad:  # Arabic script writes no initials
            for one, other in ((ends[0], ends[-1]), (ends[-1], ends[0])):
                if other.initial:
                    continue
                # `i:` an initial written as one, `j:` the first letter of a part spelt
                # out (as written and as folded: "Dzhamshed" is "D." or "J.").
                kind = "i" if one.initial else "j"
                for letter in {one.text[0], one.key[0]}:
                    pair = (one.text, other.text)
                    initials.setdefault(f"{kind}:{letter}.{other.key}", pair)
        for left, right in zip(analysis.parts, analysis.parts[1:], strict=False):
            joined.setdefault(
                f"n:{fold_key(left.text + right.text, left.abjad)}", (left.text, right.text)
            )
    return NameParts(list(seen.values()), joined, initials, min(fewest or 0, 127), respelt)


def document_keys(entity: Entity) -> set[str]:
    out = set()
    for prop in DOC_PROPS:
        for value in entity.get(prop):
            doc = normalise_document(value)
            if len(doc) >= 5:
                out.add(f"d:{doc}")
    return out


def date_keys(entity: Entity) -> set[str]:
    """Full birth dates: a rare one gathers the namesakes born that day (the ranker
    compares dates of every precision itself, from the profile)."""
    keys = set()
    for value in entity.get("birthDate"):
        parsed = parse_date(value)
        if parsed is not None and parsed[2] is not None:
            keys.add(f"b:{parsed[0]}-{parsed[1]:02d}-{parsed[2]:02d}")
    return keys


def entity_keys(entity: Entity) -> set[str]:
    """Every key a list entity is filed under (names incl. weak aliases, documents, years)."""
    return _entity_keys(entity)[0]


def _entity_keys(entity: Entity) -> tuple[set[str], int]:
    parts, joined, initials, fewest, respelt = _name_parts(entity, weak=True)
    keys = {key for part in parts for key in part_keys(part)}
    keys.update(key for other in respelt.values() for key in other)
    names = keys | set(joined) | set(initials)
    return names | document_keys(entity) | date_keys(entity), fewest


#: Dates and countries kept per entity for ranking; more are cut (bounded work per row).
MAX_PROFILE_VALUES = 8
GENDERS = {"male": 1, "female": 2}


@dataclass(frozen=True, slots=True)
class Profile:
    """The non-name evidence the ranker weighs, packed as numbers so that a thousand
    candidates compare in a few numpy operations.

    `dates` are `yyyymmdd` with 00 for an unknown month or day; `gender` is 0 (unknown),
    1 (male) or 2 (female); `countries` are `country_code`s; `parts` the
    name parts of the shortest name, patronymics aside.
    """

    dates: tuple[int, ...] = ()
    gender: int = 0
    countries: tuple[int, ...] = ()
    parts: int = 0

    def __reduce__(self) -> tuple[type[Profile], tuple[object, ...]]:
        # Index keys come back from the build's worker processes; compiled
        # (watchline.native), a frozen dataclass unpickles only by its constructor.
        return Profile, (self.dates, self.gender, self.countries, self.parts)


def pack_date(date: Date) -> int:
    """yyyymmdd, 0 for what is not known; a day without a month ("1965--12") is dropped,
    as the matcher compares such a date by its year."""
    year, month, day = date
    return year * 10_000 + (month * 100 + (day or 0) if month else 0)


def country_code(value: str) -> int:
    """31 bits of CRC-32, never 0: positive, as the index's int32 profile rows hold it,
    where 0 marks an empty slot."""
    return zlib.crc32(value.strip().lower().encode("utf-8")) & 0x7FFF_FFFF or 1


def entity_profile(entity: Entity, parts: int | None = None) -> Profile:
    """`parts`, when the caller has analysed the names already."""
    dates = []
    for prop in DATE_PROPS:
        for value in entity.get(prop):
            parsed = parse_date(value)
            if parsed is not None:
                dates.append(pack_date(parsed))
    genders = {GENDERS.get(g.strip().lower(), 3) for g in entity.get("gender")}
    countries = {country_code(v) for prop in COUNTRY_PROPS for v in entity.get(prop)}
    return Profile(
        dates=tuple(sorted(set(dates)))[:MAX_PROFILE_VALUES],
        # Both, or a value other than male/female: nothing to conflict with.
        gender=genders.pop() if len(genders) == 1 and genders <= {1, 2} else 0,
        countries=tuple(sorted(countries))[:MAX_PROFILE_VALUES],
        parts=_name_parts(entity, weak=False).fewest if parts is None else parts,
    )


#: What the index files per entity: store row id, the hashes of its keys (`hash_keys`,
#: as bytes: cheap to send from a key-building process, and appended in one call),
#: profile.
IndexEntry = tuple[int, bytes, Profile]


def index_entry(row_id: int, entity: Entity) -> IndexEntry:
    keys, parts = _entity_keys(entity)
    return row_id, hash_keys(keys).tobytes(), entity_profile(entity, parts)


@lru_cache(maxsize=200_000)
def key_hash(key: str) -> int:
    """64 bits of BLAKE2: stable across processes and runs (the files keep them)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def hash_keys(keys: Iterable[str]) -> U64:
    return np.fromiter((key_hash(k) for k in keys), dtype=np.uint64)


@dataclass(frozen=True)
class QueryKeys:
    #: One group per name part, then per two adjacent parts written as one, then per
    #: document: a candidate scores the best key of a group.
    groups: tuple[tuple[str, ...], ...]
    #: Full birth-date keys: a rare one also gathers the candidates that share a name key
    #: with it (dates are compared by the ranker, from `profile`).
    dates: tuple[str, ...]
    #: Dates, gender and countries, weighed against each candidate's by the ranker.
    profile: Profile = Profile()
    #: How many of the first groups are name parts.
    parts: int = 0
    #: Per name part group: is it a patronymic (missing, it costs little)?
    patronymic: tuple[bool, ...] = ()
    #: Per name part group: is it an initial ("S.")?
    initial: tuple[bool, ...] = ()
    #: Per joined group (after the parts): the two part groups it joins.
    joins: tuple[tuple[int, int], ...] = ()
    #: Per initial group (after the joined ones): the part group whose initial it has,
    #: and the part group it has whole.
    initials: tuple[tuple[int, int], ...] = ()
    #: Per name of the query, the part groups it has: parts that go together are
    #: looked for together ("Sergey Vasilyev" and "S. Vasilyev" are two names, and
    #: "Vasilyev" with "Vasilev" is no pair).
    names: tuple[tuple[int, ...], ...] = ()
    #: Keys of a part's other plain-letter spellings (`ascii_spellings`): the search
    #: weighs them at most as the part's own best key, so that a rare spelling ("Eli"
    #: for Əli) does not rank its holders over those of the part as written.
    spellings: frozenset[str] = frozenset()
    #: Per name part group: the part as written (romanised), for its readings by other
    #: conventions (`names.readings`, tried by the search's `_respelt`).
    texts: tuple[str, ...] = ()
    #: Keys of the names a part is a nickname of, or of its nicknames (among
    #: `spellings`): weighed lower still, as the matcher weighs a nickname.
    nicknames: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.groups)


def query_keys(entity: Entity) -> QueryKeys:
    """The entity's keys as a query, kept on it (`Entity.derived`): screening asks for
    them twice, to refuse a query without any and to search."""
    return entity.derived("query_keys", _query_keys)


def _query_keys(entity: Entity) -> QueryKeys:
    parts, joined, initial_pairs, fewest, respelt = _name_parts(entity, weak=False)
    parts = parts[:MAX_QUERY_GROUPS]
    groups = [
        part_keys(part) if part.abjad else tuple(k for k in part_keys(part) if k[0] != "a")
        for part in parts
    ]
    # A part's other plain-letter spellings are more keys of its group, not more parts.
    spellings: set[str] = set()
    nicknames: set[str] = set()
    written = {k for group in groups for k in group}
    for i, part in enumerate(parts):
        # Never abjad, so no `a:` keys, as for the part's own.
        alike = set(respelt.get(part.text, ()))
        if not (part.abjad or part.patronymic or part.initial or part.bound):
            # The names a nickname shortens, and a name's nicknames ("Bill" / William):
            # looked up by the query only, so the stored keys stay as written.
            shortened = {f"n:{key}" for key in nickname_keys(part.text)}
            shortened = (shortened | diminutive_keys(part)) - alike
            nicknames.update(shortened)
            alike |= shortened
        if part.family is not None and not part.abjad:
            # Arabic script files a name by its skeleton alone: the skeletons of the
            # part's other spellings meet it where the part's own does not (Egyptian
            # *Gamal* for جمال, *jml*).
            alike |= _family_skeletons(part.family)
        extra = sorted(k for k in alike if k not in groups[i] and k[0] != "a")
        spellings.update(extra)
        groups[i] += tuple(extra)
    number = {part.text: i for i, part in enumerate(parts)}
    own = {k for g in groups for k in g}
    # One group per pair of parts: its joined spelling and Chinese syllables are one
    # part's keys, and a candidate holding both counts the pair once.
    pair_keys: dict[tuple[int, int], list[str]] = {}
    for key, (left, right) in sorted(joined.items()):
        if key not in own and left in number and right in number:
            keys = pair_keys.setdefault((number[left], number[right]), [])
            keys.append(key)
            bones = skeleton(key[2:]) if key.startswith("n:") else ""
            if parts[number[right]].bound and len(bones) >= 3 and f"s:{bones}" not in own:
                # A compound the analysis split (*Gulbuddin* as gulb + din) is one word
                # in Arabic script (گلبدین), filed by its skeleton alone: the join's
                # skeleton. Not for two words: "Andrey Urevic" joined is the skeleton
                # of every *Andric*.
                keys.append(f"s:{bones}")
    joins = [(tuple(keys), pair) for pair, keys in pair_keys.items()]
    looked_up: dict[tuple[int, int], list[str]] = {}
    for key, (one, other) in sorted(initial_pairs.items()):
        if one in number and other in number:
            opposite = "j" if key[0] == "i" else "i"
            looked_up.setdefault((number[one], number[other]), []).append(opposite + key[1:])
    initials = [(tuple(keys), pair) for pair, keys in looked_up.items()]
    documents = sorted(document_keys(entity))[: MAX_QUERY_GROUPS - len(groups)]
    joins = joins[: MAX_QUERY_GROUPS - len(groups) - len(documents)]
    initials = initials[: MAX_QUERY_GROUPS - len(groups) - len(documents) - len(joins)]
    groups += [keys for keys, _ in joins]
    groups += [keys for keys, _ in initials]
    groups += [(key,) for key in documents]
    names: list[tuple[int, ...]] = []
    for name in entity.names:
        analysis = analyze_name(name, organisation=_organisation(entity))
        own_parts = sorted({number[p.text] for p in analysis.parts if p.text in number})
        if own_parts and tuple(own_parts) not in names and len(names) < MAX_QUERY_NAMES:
            names.append(tuple(own_parts))
    return QueryKeys(
        tuple(groups),
        tuple(sorted(date_keys(entity))),
        entity_profile(entity, fewest),
        len(parts),
        tuple(part.patronymic for part in parts),
        tuple(part.initial for part in parts),
        tuple(pair for _, pair in joins),
        tuple(pair for _, pair in initials),
        tuple(names),
        frozenset(spellings),
        tuple(part.text for part in parts),
        frozenset(nicknames - written),
    )


@cache
def _family_skeletons(family: int) -> frozenset[str]:
    """The skeleton keys of a variant family's spellings of three consonants or more
    ("md", of *Md.*, says little)."""
    bones = {skeleton(fold_key(spelling)) for spelling in name_data().families[family]}
    return frozenset(f"s:{b}" for b in bones if len(b) >= 3)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every word one deletion, adjacent swap, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out


def key_weight(key: str, doc_freq: int, total: int) -> float:
    """Rarity (inverse document frequency) times the weight of the key's kind."""
    idf = math.log(1.0 + total / (1.0 + doc_freq))
    return idf * KIND_WEIGHTS.get(key[0], 1.0)
