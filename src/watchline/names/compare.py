"""Compare two analysed names: align their parts and say how each pair matched.

Alignment is order-free (word order differs between systems) and greedy on the best
part pairs, which is exact for the two-to-five part names of people. Adjacent parts are
also tried joined, so "Abu Bakr" meets "Abubakr" and "Abd al-Rahman" meets
"Abdulrahman" whatever the spacing.

Edit distances count a swap of two adjacent letters as one edit (optimal string
alignment), as the index's one-edit respellings do: a swap is the commonest typing
error ("Clakr" / "Clark", "Wagn" / "Wang"), and plain Levenshtein counts it as two,
which in a short part is a different name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from rapidfuzz.distance import OSA, Levenshtein

from watchline.names.analysis import (
    ABD,
    NameAnalysis,
    NamePart,
    arabic_letters_key,
    arabic_vowel_key,
    consonants,
    family_of,
    fold_key,
    skeleton,
    slavic_surname,
    turkic_key,
    undoubled,
)
from watchline.names.chinese import chinese_keys
from watchline.names.data import name_data
from watchline.names.japanese import japanese_key
from watchline.names.korean import korean_key
from watchline.names.nicknames import are_nicknames, is_diminutive

#: What an initial is worth against the part it begins ("O." / "Olga").
INITIAL_SIMILARITY = 0.7

#: One Korean or Chinese word in two romanisations ("Jo" / "Cho", "Tse-tung" / "Zedong"),
#: as a spelling family.
ROMANISATION_SIMILARITY = 0.93
#: Whose romanisations two names' parts are compared in (`_reading`): both names read
#: as Korean, both as Chinese, both as Japanese, or none of these.
Reading = Literal["", "korean", "chinese", "japanese"]

#: Two romanisations of one name written in a script without short vowels (Arabic,
#: Persian, Urdu, Pashto) that differ only in the vowels each romaniser supplied:
#: "Ghubaysh" / "Ghabish", "Mushakhas" / "Mishkhis", "Muhajer" / "Mohajir".
VOWEL_SIMILARITY = 0.8
#: ... with at least this many consonants: fewer leave too many names alike
#: ("Saad" / "Said", "Nur" / "Nora").
VOWEL_CONSONANTS = 3
_VOWEL_LETTERS = frozenset("aeiouy")

#: A given name and its nickname ("William" / "Bill", `names.nicknames`): below a
#: spelling of one name (a nickname shortens several), as an initial is.
NICKNAME_SIMILARITY = 0.75

#: Two surnames made of one father's name with the two formants Tajik and Azerbaijani
#: surnames take, the Russian -ov/-ev and the Persian -zoda/-zade ("Saidov" /
#: "Saidzoda"), as the stems compare (`_formants`): below a spelling of one name.
FORMANT_SIMILARITY = 0.85
#: The Persian formant as keys fold it (zoda, zodah, zade, zadeh, zada: "zade"), a
#: shortened one, and the Russian.
_FORMANTS = ("zade", "zod", "ov", "ev")
#: How alike the stems before the formants must be.
FORMANT_STEMS = 0.8

#: Part similarity below this is not an alignment at all.
MIN_PART_SIMILARITY = 0.6
#: Unmatched patronymics weigh this much of an ordinary part (often dropped on passports).
PATRONYMIC_WEIGHT = 0.35


@dataclass(frozen=True, slots=True)
class PartMatch:
    query: str
    candidate: str
    similarity: float
    #: exact | romanisation | variant | skeleton | edit | vowels | nickname | initial | particle
    how: str


@dataclass(frozen=True, slots=True)
class NameComparison:
    query_coverage: float
    candidate_coverage: float
    matches: tuple[PartMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_candidate: tuple[str, ...]
    #: Unmatched parts that are not patronymics, per side: parts the other side lacks.
    missing_query: int = 0
    missing_candidate: int = 0
    #: Parts of the query as aligned: two written as one on the other side count once.
    query_parts: int = 0

    @property
    def similarity(self) -> float:
        return (self.query_coverage + self.candidate_coverage) / 2.0

    def describe(self) -> str:
        aligned = ", ".join(
            f"{m.query}~{m.candidate}" + ("" if m.how == "exact" else f" ({m.how})")
            for m in self.matches
        )
        out = aligned or "no parts aligned"
        missing = self.unmatched_query + self.unmatched_candidate
        if missing:
            out += "; unmatched: " + " ".join(missing)
        return out


#: A patronymic's ending, as folded keys write it in any language (-ovich, -evna,
#: -ivna, -ovic, Belarusian -auna, Russian -inichna); what is left is the father's name.
_PATRONYMIC_ENDING = re.compile(r"(?:[aeioy]?v(?:ich|ic|na)|inichna|ichna|ich|auna|euna)$")
#: How alike the fathers' names two patronymics stand for must be to be one name.
FATHER_SIMILARITY = 0.5


def father_of(part: NamePart) -> str:
    """The father's name a patronymic stands for, folded: "vasil" of Vasilevich, "abror"
    of Abror o'g'li (keyed as Abrorovich)."""
    stem = _PATRONYMIC_ENDING.sub("", part.key)
    return stem if len(stem) >= 2 else part.key


def same_father(a: NamePart, b: NamePart) -> bool:
    """Whether two patronymics may name one father. Not by the whole parts' alignment:
    the ending they share lifts it (Vasilevich / Maksimovich 0.64, Abror o'g'li /
    Jasurovich 0.6). On the aliases of the 100k benchmark list's first 60,000 entities
    this keeps apart 16 of 9,911 pairs of one entity's patronymics (Oleksiyovich /
    Alekhevich; 36 by the alignment's 0.6) and puts together 89 of 4,935 random pairs
    of other fathers' names (257)."""
    x, y = father_of(a), father_of(b)
    return x == y or Levenshtein.normalized_similarity(x, y) >= FATHER_SIMILARITY


#: The endings a name's masculine and feminine forms differ by, as romanised: the
#: adjectival ones of Slavic surnames and of given names from Greek and Latin
#: (Orlovskiy / Orlovskaya, Tolstoy / Tolstaya, Yevgeniy / Yevgeniya, Evgeny / Evgenia).
_MASCULINE_ENDING = re.compile(r"(?:oy|yy|iy|ii|yi|ij|yj|y|i)$")
_FEMININE_ENDING = re.compile(r"(?:aya|aja|aia|iya|ija|ia|ya)$")
#: A stem shorter than this is too short to say two words are one name's two forms
#: (Ali / Ala).
GENDERED_STEM = 3


def gendered_forms(a: NamePart, b: NamePart) -> int:
    """1 when `b` is the feminine form of the name `a` is the masculine form of, -1 the
    other way round, else 0: a feminine a added to a consonant (Aleksandr / Aleksandra,
    Ivanov / Ivanova, Nodir / Nodira), an adjectival ending changed (Orlovskiy /
    Orlovskaya, Yevgeniy / Yevgeniya), a patronymic's -ovich against -ovna of the same
    father. Folding keys many of these alike on purpose (a document may write a woman's
    surname in its masculine form: OFAC lists "KALASHOV, Marina" a.k.a. "KALASHOVA"),
    so this reads the words as written, and says nothing of one pair alone."""
    if a.text == b.text:
        return 0
    if a.patronymic and b.patronymic:
        if not same_father(a, b):
            return 0
        if a.key.endswith(("ich", "ic")) and b.key.endswith("na"):
            return 1
        if b.key.endswith(("ich", "ic")) and a.key.endswith("na"):
            return -1
        return 0
    if a.patronymic or b.patronymic:
        return 0
    if _feminine_of(a.text, b.text):
        return 1
    if _feminine_of(b.text, a.text):
        return -1
    return 0


def _feminine_of(masculine: str, feminine: str) -> bool:
    if len(masculine) < GENDERED_STEM:
        return False
    if feminine == masculine + "a" and masculine[-1] not in _VOWEL_LETTERS:
        return True
    stem = _MASCULINE_ENDING.sub("", masculine)
    if len(stem) < GENDERED_STEM or stem == masculine:
        return False
    # Yevgeniy / Yevgeniya, Orlovskiy / Orlovskaya; Polish Kowalski / Kowalska.
    return _FEMININE_ENDING.sub("", feminine) == stem or feminine == stem + "a"


@lru_cache(maxsize=1_000_000)
def part_similarity(a: NamePart, b: NamePart) -> tuple[float, str]:
    """Similarity of two name parts and which rule produced it."""
    if a.text == b.text:
        return 1.0, "exact"
    if a.key == b.key:
        return 0.97, "romanisation"
    if a.patronymic != b.patronymic:
        return 0.0, ""  # Veniamin is not Veniaminovich: a patronymic names the father
    if a.initial or b.initial:
        longer = b if a.initial else a
        shorter = a if a.initial else b
        met = not longer.bound and (
            longer.text.startswith(shorter.text)
            or (
                longer.family is not None
                and shorter.text in "aeiou"
                and longer.text[0] in "aeiou"
                and shorter.text in _family_initials(longer.family)
            )
        )
        return (INITIAL_SIMILARITY, "initial") if met else (0.0, "")
    if a.family is not None and a.family == b.family:
        return 0.93, "variant"
    if a.syllabic or b.syllabic:
        # A romanised character reading meets only its own spelling: "Jiang" (姜) is
        # not "Jang" (張), nor "Lin" (林) "Jin". Edits between syllables pair
        # different characters, and on a large list every Chinese name finds some.
        return 0.0, ""
    glued = max(_glued_particle(a, b), _glued_particle(b, a))
    if glued:
        return glued, "particle"
    best, how = 0.0, ""
    if a.abjad != b.abjad:
        # The Arabic-script side may have two: its Arabic and its Persianate reading.
        for mine in a.skeletons:
            for theirs in b.skeletons:
                if mine == theirs:
                    # One-consonant skeletons (Abu / abw, Ali / ly) are weaker evidence.
                    return (0.9 if len(mine) > 1 else 0.85), "skeleton"
                best = max(best, OSA.normalized_similarity(mine, theirs) * 0.85)
        how = "skeleton"
    edit = _edit_similarity(a.key, b.key)
    if not (a.abjad or b.abjad):
        # Either may be Azerbaijani or Turkish, where c is j ("Nicat" / "Nidzhat").
        if "c" in a.text:
            edit = max(edit, _edit_similarity(turkic_key(a.text), b.key))
        if "c" in b.text:
            edit = max(edit, _edit_similarity(a.key, turkic_key(b.text)))
    if ABD in (a.key, b.key):
        # "Abdul" apart is keyed "abd": its typo "Adbul" is nearer the text than the key.
        edit = max(edit, OSA.normalized_similarity(a.text, b.text))
    if _one_edit(a.key, b.key) or (
        not (a.abjad or b.abjad)
        and (a.text != a.key or b.text != b.key)  # else the keys' test, already asked
        and _one_edit(undoubled(a.text), undoubled(b.text))
    ):
        # One typed letter, in the folded keys or in the words as written: folding reads
        # a typo as written by other conventions' rules ("Guesva" for Guseva folds to
        # gesva, the French gue of Gueorgui, two letters more from gusev). Doubled
        # letters once: a double letter makes no short name long (*Inna* / *Nina*).
        edit = max(edit, 0.88)
    if edit > best:
        best, how = edit, "edit"
    if best < VOWEL_SIMILARITY and (_vowels_apart(a, b) or _arabic_vowels(a, b)):
        best, how = VOWEL_SIMILARITY, "vowels"
    if best < FORMANT_SIMILARITY and not (a.abjad or b.abjad):
        formants = _formants(a, b)
        if formants > best:
            best, how = formants, "formant"
    if (
        best < NICKNAME_SIMILARITY
        and not (a.abjad or b.abjad)
        and (are_nicknames(a.text, b.text) or is_diminutive(a, b) or is_diminutive(b, a))
    ):
        best, how = NICKNAME_SIMILARITY, "nickname"
    return best, how


def _formants(a: NamePart, b: NamePart) -> float:
    """Two surnames of one father's name, one with the Russian formant (-ov, -ev, -ova),
    the other with the Persian (-zoda, -zade, -zod): Tajikistan's surname reform made
    Saidov Saidzoda and Ibragimov Ibrohimzoda, and a passport issued since gives the one
    where a list or an older record gives the other (Azerbaijani surnames are
    written with either formant too: Rasulzade). A formant on one side only
    ("Rahmon" / "Rakhmonov") is the edits' case, as before."""
    one, other = formant_stem(a), formant_stem(b)
    if one is None or other is None:
        return 0.0
    if (a.key[len(one)] == "z") == (b.key[len(other)] == "z"):
        return 0.0  # one kind of formant: the edits compare them
    similar = part_similarity(_plain_part(one, False, False), _plain_part(other, False, False))[0]
    return FORMANT_SIMILARITY * similar if similar >= FORMANT_STEMS else 0.0


def formant_stem(part: NamePart) -> str | None:
    """The name a surname is made of with a formant (`_FORMANTS`), folded: "karim" of
    Karimov, "said" of Saidzoda; None for a part without one (or too short to have
    one: Lev)."""
    key = part.key
    for formant in _FORMANTS:
        if key.endswith(formant):
            stem = key[: -len(formant)]
            return stem if len(stem) >= 3 else None
    return None


def _one_edit(x: str, y: str) -> bool:
    """Two words of four letters or more one edit apart (a swap of two letters is one)."""
    return len(x) >= 4 and len(y) >= 4 and OSA.distance(x, y) <= 1


def _arabic_vowels(a: NamePart, b: NamePart) -> bool:
    """Two romanised parts of four letters or more that differ only in the vowels
    romanisations of Arabic script differ in (`arabic_vowel_key`), and not two known
    names (Hasan and Husayn keep apart by their families; two spellings of one family
    are a variant before this is asked). Narrower than
    `_vowels_apart`, so it holds for the short names with two consonants or fewer that
    rule leaves out; a one-letter difference between short names is already an edit."""
    return (
        not (a.abjad or b.abjad)
        and len(a.text) >= 4
        and len(b.text) >= 4
        and (a.family is None or b.family is None)  # one family: a variant already
        and len(key := arabic_vowel_key(a.key)) >= 3
        and key == arabic_vowel_key(b.key)
    )


@cache
def _family_initials(family: int) -> frozenset[str]:
    """The initials a known name is written with in any of its spellings: "U." stands
    for Omar, as Umar (Arabic script writes no vowel to begin it). Vowels only: the "I"
    of the ICAO spelling Iusuf (Юсуф) does not make "I. Masri" a Yusuf."""
    return frozenset(spelling[0] for spelling in name_data().families[family] if spelling)


#: How far the edit similarity of two surnames with a shared ending moves from that of
#: the whole words toward that of what precedes the ending (`_edit_similarity`).
STEM_SHARE = 1 / 3
#: Endings of this many letters or more (-enko, -chuk, -shvili, -zade) are all the way
#: the stems' similarity: they say nothing of which family.
LONG_ENDING = 4


def _edit_similarity(x: str, y: str) -> float:
    """Edit similarity of two keys, moved toward that of what precedes a surname ending
    both share (`surname_suffixes`): over the whole words "Shevchenko" / "Marchenko"
    are 0.6 alike and "Saakashvili" / "Ivanishvili" 0.64, the ending that thousands of
    families share counted as evidence. An ending of `LONG_ENDING` letters or more
    (-enko, -shvili) counts for nothing, the stems alone compare. A short one (-ov, -ev,
    -in) moves it a third of the way, so that a typo in a short stem still aligns
    ("Ailyev" / "Aliev": 0.67 whole, 0.5 the stems, 0.61). Session 10 moved every ending
    a third (at 1M 163 fewer non-matching queries alerted; all the way lost three typos
    of the generated pairs, and "Ailyev"); a third left "Kravchenko" / "Shevchenko" 0.63
    alike and "Margvelashvili" / "Gelashvili" 0.64, aligned, and the long endings all
    the way took 27 more false alerts off at 1M in session 13, with none of the
    generated pairs' or the lists' aliases' decisions moved."""
    whole = OSA.normalized_similarity(x, y)
    if x[-1] != y[-1]:
        return whole  # most pairs: no ending in common
    shared = 0  # letters at the end both have
    while shared < min(len(x), len(y)) - 2 and x[-1 - shared] == y[-1 - shared]:
        shared += 1
    for cut in range(shared, 0, -1):
        if x[-cut:] in name_data().surname_suffixes:
            if _two_names(x[:-cut], y[:-cut]):
                return 0.0
            stems = OSA.normalized_similarity(x[:-cut], y[:-cut])
            share = 1.0 if cut >= LONG_ENDING else STEM_SHARE
            return whole - (whole - stems) * share
    return whole


def _two_names(x: str, y: str) -> bool:
    """Two stems before a shared surname ending that are known given names of two
    variant families: *Karimov* / *Rahimov*, *Salimova* / *Karimova*, *Fedorov* /
    *Egorov* are the families of two fathers' names, not one name misspelt, though
    0.68 alike by edits. (Two known given names apart are left to the edits: lists
    alias *Husayn* as *Hasan*, session 15.) A one-letter slip still aligns: the
    caller's one-edit rule gives it 0.88."""
    one, other = family_of(x), family_of(y)
    return one is not None and other is not None and one != other


def _vowels_apart(a: NamePart, b: NamePart) -> bool:
    """Two romanised parts with the same consonants in the same order (as folded, or
    as romanisations of Arabic script write them: Cherif / Sharif), beginning and
    ending alike (both with a consonant, or both with a vowel: Timur is no Tamara),
    neither of them a known name nor a Slavic surname. A known name's spellings are
    its family, and two known names with the same consonants are two names (Hasan and
    Husayn, Muhammad and the Mahmoudi of another)."""
    x, y = a.key, b.key
    return (
        not (a.abjad or b.abjad)
        and a.family is None
        and b.family is None
        and (x[0] in _VOWEL_LETTERS) == (y[0] in _VOWEL_LETTERS)
        and (x[-1] in _VOWEL_LETTERS) == (y[-1] in _VOWEL_LETTERS)
        and not (slavic_surname(x) or slavic_surname(y))  # Korolev is no Krylov
        and not _consonants(a).isdisjoint(_consonants(b))
    )


@lru_cache(maxsize=200_000)
def _consonants(part: NamePart) -> frozenset[str]:
    """The part's consonants, as folded and as romanisations of Arabic script write
    them (Muhajer / Mohajir); those of fewer than `VOWEL_CONSONANTS` left out."""
    found = {consonants(part.key), consonants(arabic_letters_key(part.text) or part.key)}
    return frozenset(c for c in found if len(c) >= VOWEL_CONSONANTS)


#: Particles often written joined to the next word: "Bensaid" is "ben Said".
GLUED_PARTICLES = ("ben", "bin", "ibn", "al", "el", "ould", "ul", "ad", "as", "ash", "ar", "az")
#: The article assimilated to the word's first consonant is written only before it:
#: "ASHSHAMI" is ash-Shami and "ARRASHID" ar-Rashid, but "Ashraf", "Arman" and "Aslan"
#: are names, not ash + raf, ar + man and as + lan.
ASSIMILATED = {"ad": "d", "as": "s", "ash": "sh", "ar": "r", "az": "z"}


def _glued_particle(a: NamePart, b: NamePart) -> float:
    """0.9 when `a` is a particle glued to a word that folds to `b` ("bensaid" / "said"),
    0.8 when that word differs from `b` by one vowel and has four letters or more
    ("alkurd" / "kird": how romanisations of one Arabic name differ) or aligns with it
    by vowels ("alsayed" / "sayyid"); else 0. Only where `b` was written after a
    particle of that kind (`NamePart.after`): "Elmira" is no "el" glued to "Mira", nor
    "Arman" "ar" and "Man", nor "Benjamin" "ben" and "Jamin". Also 0.9 when `a` ends in
    an article glued after its stem and the stem is `b` ("matiur" / "mati"), 0.8 a
    vowel apart ("fazlur" / "fazal")."""
    best = 0.0
    if b.after == "article" and not a.abjad and _MAGHREBI_ARTICLE.match(a.text):
        # The word after the l compared as a part: its spellings vary as any part's
        # do (Lazher / al-Azhar: the vowels apart, the zh read as two letters).
        after_l = part_similarity(_plain_part(a.text[1:], False, a.syllabic), b)[0]
        if after_l >= VOWEL_SIMILARITY:
            best = min(after_l, 0.9)
    stem = article_before(a.text, a.abjad)
    if stem:
        if stem == b.key:
            return 0.9
        if (
            a.text.endswith(VOWELS_APART_ARTICLES)
            and len(stem) >= 4
            and skeleton(stem) == b.skeleton
            and OSA.distance(stem, b.key) <= 1
        ):
            best = 0.8  # the vowel Urdu writes in Fazal and not in Fazlur
    for kind, after in _glued(a.text):
        if kind != b.after:
            continue
        rest = fold_key(after, a.abjad)
        if rest == b.key or (a.abjad != b.abjad and skeleton(rest) == b.skeleton):
            return 0.9
        if len(rest) >= 4 and _one_vowel_apart(rest, b.key):
            best = 0.8
        elif len(rest) >= 4 and not a.abjad:
            # The word after the particle compared as a part, as the Maghrebi article's
            # is: the vowels of a romanisation of Arabic script (ALSAYED / al-Sayyid,
            # ALBAKER / al-Bakr), at most what one vowel apart gets.
            similar = part_similarity(_plain_part(after, False, a.syllabic), b)[0]
            if similar >= VOWEL_SIMILARITY:
                best = max(best, 0.8)
    return best


#: The article as Maghrebi spellings glue it, its vowel dropped, before a vowel:
#: "Lazhar" is al-Azhar, "Lakhdar" al-Akhdar, "Larbi" al-Arabi. Only the matcher reads
#: it, and only against a part written after an article: "Lisa" is no Isa, and the
#: index files no key for every name that begins with an l.
_MAGHREBI_ARTICLE = re.compile(r"l[aeiou][a-z]{3}")


@lru_cache(maxsize=200_000)
def glued_words(text: str, abjad: bool) -> tuple[tuple[str, str], ...]:
    """The kind of particle `text` may begin with and the folded word after it."""
    return tuple((kind, fold_key(rest, abjad)) for kind, rest in _glued(text))


@lru_cache(maxsize=200_000)
def _glued(text: str) -> tuple[tuple[str, str], ...]:
    """The kind of particle `text` may begin with and the word after it, as written
    (once per part, not per pair: most parts begin with none)."""
    return tuple(
        (name_data().particle_kinds[particle], text[len(particle) :])
        for particle in GLUED_PARTICLES
        if text.startswith(particle)
        and len(text) - len(particle) >= 3
        and text.startswith(ASSIMILATED.get(particle, ""), len(particle))
    )


#: A word that ends in the article glued to it, as South Asian names write the first
#: half of "X-ur-Rahman", "X-ul-Haq", "X-uz-Zaman": Matiur / Mati ur, Ziaul / Zia-ul,
#: Lutfor / Lutf ur. Its stem meets the word written apart ("Mati UR-REHMAN" / "Matiur
#: REHMAN", as OFAC aliases one man); a name that only looks so (Mansur, Arthur, Rasul)
#: meets nothing by it but a part spelt as its stem.
_ARTICLE_AFTER = re.compile(r"^([a-z]{3,}?)[uo](?:r|l|d|s|z|sh)$")
#: The glued articles (al-, ar-) after which the stem may also differ by a vowel
#: (Fazlur / Fazal ur); not after the others: "Farhod" is no farh + ud (Farrukh).
VOWELS_APART_ARTICLES = ("r", "l")


@lru_cache(maxsize=200_000)
def article_before(text: str, abjad: bool) -> str:
    """The folded stem of a word that may end in a glued article (`_ARTICLE_AFTER`),
    else ""."""
    found = None if abjad else _ARTICLE_AFTER.match(text)
    return fold_key(found.group(1)) if found else ""


def _one_vowel_apart(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    apart = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(apart) == 1 and apart[0][0] in "aeiou" and apart[0][1] in "aeiou"


def _joined(a: NamePart, b: NamePart) -> NamePart:
    return _plain_part(a.text + b.text, a.abjad, a.syllabic)


@lru_cache(maxsize=200_000)
def _plain_part(text: str, abjad: bool, syllabic: bool) -> NamePart:
    """A part made in the comparison (two parts joined, a word after a glued article),
    with no patronymic, particle or second reading of its own."""
    key = fold_key(text, abjad)
    return NamePart(text, key, skeleton(key), family_of(key), abjad, False, syllabic)


def _weight(part: NamePart) -> float:
    return PATRONYMIC_WEIGHT if part.patronymic else 1.0


def _align(
    query: tuple[NamePart, ...], candidate: tuple[NamePart, ...], reading: Reading = ""
) -> tuple[float, float, list[PartMatch], list[NamePart], list[NamePart]]:
    """`reading`: both names are Korean or both Chinese (`_reading`), so parts that are
    one syllable (or a few) in two romanisations align ("Jo" / "Cho", "Tse-tung" /
    "Zedong"), which the name-blind, cached `part_similarity` cannot know."""
    pairs = []
    for i, qp in enumerate(query):
        for j, cp in enumerate(candidate):
            sim, how = part_similarity(qp, cp)
            if reading and sim < ROMANISATION_SIMILARITY:
                sim, how = _romanised_similarity(reading, qp.text, cp.text, sim, how)
            if sim >= MIN_PART_SIMILARITY:
                pairs.append((sim, i, j, how))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    matches: list[PartMatch] = []
    q_score = c_score = 0.0
    for sim, i, j, how in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        matches.append(PartMatch(query[i].text, candidate[j].text, sim, how))
        # A matched patronymic counts fully: it is evidence, not noise.
        q_score += sim
        c_score += sim
    rest_q = [p for i, p in enumerate(query) if i not in used_q]
    rest_c = [p for j, p in enumerate(candidate) if j not in used_c]
    q_total = len(used_q) + sum((_weight(p) for p in rest_q), 0.0)
    c_total = len(used_c) + sum((_weight(p) for p in rest_c), 0.0)
    q_cov = q_score / q_total if q_total else 0.0
    c_cov = c_score / c_total if c_total else 0.0
    return q_cov, c_cov, matches, rest_q, rest_c


def _variants(
    parts: tuple[NamePart, ...], other: tuple[NamePart, ...], reading: Reading = ""
) -> list[tuple[NamePart, ...]]:
    """Each adjacent pair of `parts` joined, where the join meets a part of `other`
    (in a Chinese name, also as its syllables: Wade-Giles "Tse-tung" is "Zedong")."""
    out = []
    for i in range(len(parts) - 1):
        if parts[i].initial or parts[i + 1].initial:
            continue  # "VYSHNEVSKA O." is no "Vyshnevskao"
        length = len(parts[i].text) + len(parts[i + 1].text)
        if reading != "chinese" and all(len(o.text) < length - 3 for o in other):
            continue  # no part nearly as long as the join (the filter below), unmade
        joined = _joined(parts[i], parts[i + 1])
        if reading == "chinese" and any(
            not chinese_keys(joined.text).isdisjoint(chinese_keys(o.text)) for o in other
        ):
            out.append((*parts[:i], joined, *parts[i + 2 :]))
            continue
        bones = joined.skeleton
        if not any(
            (o.skeleton[:1] == bones[:1] or o.skeleton[1:3] == bones[1:3])
            and len(o.text) >= len(joined.text) - 3
            for o in other
        ):
            # Cheap filter: a join can only meet a part of similar length that begins
            # alike, or differs in its first letter only (Qolam Reza / Gholamreza).
            continue
        if any(_joins_to(joined, o, parts[i], parts[i + 1]) for o in other):
            out.append((*parts[:i], joined, *parts[i + 2 :]))
    return out[:3]


def _joins_to(joined: NamePart, other: NamePart, left: NamePart, right: NamePart) -> bool:
    """A join worth trying: nearly the other's spelling, or its consonants in the same
    order ("MALEKOUTI POUR" / "MALAKOTIPOUR": two vowels apart, 0.82 by edits), and
    nearer it than either half alone. A half that meets it as well is the part it
    stands for, and the other half is a part of its own: *Allahverdiyev Vali* is no
    *Allakhverdiyeva* with a long typo, but a surname and a given name."""
    similarity = part_similarity(joined, other)[0]
    if similarity <= max(part_similarity(left, other)[0], part_similarity(right, other)[0]):
        return False
    # (The vowels rule gives at least VOWEL_SIMILARITY: no need to ask it below.)
    return similarity >= 0.85 or (similarity >= VOWEL_SIMILARITY and _vowels_apart(joined, other))


def _romanised_similarity(
    reading: Reading, a: str, b: str, sim: float, how: str
) -> tuple[float, str]:
    """The better of `sim` and the two parts as one Korean, Chinese or Japanese word's
    spellings."""
    if reading == "korean":
        key, other = korean_key(a), korean_key(b)
        same = key is not None and key == other
    elif reading == "japanese":
        key, other = japanese_key(a), japanese_key(b)
        same = key is not None and key == other
    else:
        same = not chinese_keys(a).isdisjoint(chinese_keys(b))
    return (ROMANISATION_SIMILARITY, "romanisation") if same else (sim, how)


def _reading(query: NameAnalysis, candidate: NameAnalysis) -> Reading:
    """Whose romanisations the two names' parts are compared in: "korean", "chinese"
    (both names read so) or ""."""
    if query.korean and candidate.korean:
        return "korean"
    if query.chinese and candidate.chinese:
        return "chinese"
    if query.japanese and candidate.japanese:
        return "japanese"
    return ""


def _comparison(
    q_parts: tuple[NamePart, ...], c_parts: tuple[NamePart, ...], reading: Reading = ""
) -> NameComparison:
    q_cov, c_cov, matches, rest_q, rest_c = _align(q_parts, c_parts, reading)
    return NameComparison(
        q_cov,
        c_cov,
        tuple(matches),
        tuple(p.text for p in rest_q),
        tuple(p.text for p in rest_c),
        sum(not p.patronymic for p in rest_q),
        sum(not p.patronymic for p in rest_c),
        len(q_parts),
    )


def _may_join(unmatched: tuple[str, ...], other_unmatched: tuple[str, ...], taken: bool) -> bool:
    """Whether joining two adjacent parts of a side could align more: two of its parts
    are unmatched and the other side has a part left to meet them, or one is unmatched
    and one of its parts was aligned to a much longer part (`taken`: the greedy
    alignment gave the joined form on the other side to one of the two)."""
    if len(unmatched) >= 2:
        return bool(other_unmatched)
    return bool(unmatched) and taken


def _taken(matches: tuple[PartMatch, ...], *, by_query: bool) -> bool:
    """Whether a part of one side aligned to a part at least two letters longer."""
    for m in matches:
        own, other = (m.query, m.candidate) if by_query else (m.candidate, m.query)
        if len(other) >= len(own) + 2:
            return True
    return False


def compare_names(query: NameAnalysis, candidate: NameAnalysis) -> NameComparison:
    reading = _reading(query, candidate)
    best = _comparison(query.parts, candidate.parts, reading)
    if not best.unmatched_query and not best.unmatched_candidate:
        return best  # every part aligned: joining parts cannot do better
    # Joining two parts of one side can help when that side has more parts and some are
    # left unmatched: the greedy alignment may have given the joined form on the other
    # side to one of them ("Xu Ying" / "Xuying": ying~xuying by edit distance). Each
    # side may need its own join ("Hamid Reza YAHYAZADEH" / "Hamidreza YAHYA ZADEH"),
    # so the joins of one side are tried with those of the other too.
    # A side may need two joins ("Seyed Mehdi Mojtahed NAJAFI" / "Seyedmehdi ...
    # MOJTAHEDNAJAFI"): the best join found is joined further, once.
    parts = (query.parts, candidate.parts)
    for _ in range(JOIN_ROUNDS):
        joined = _best_join(parts, best, reading)
        if joined is None:
            break
        parts, best = joined
        if not best.unmatched_query and not best.unmatched_candidate:
            break
    return best


#: How many joins of two parts (on either side) one comparison may make in turn.
JOIN_ROUNDS = 2
#: The parts of the query's name and of the candidate's, as compared.
Sides = tuple[tuple[NamePart, ...], tuple[NamePart, ...]]


def _best_join(
    parts: Sides, best: NameComparison, reading: Reading
) -> tuple[Sides, NameComparison] | None:
    """The parts with one join on either side or both, and their comparison, where
    that aligns better than `best` (the comparison of `parts`); else None."""
    q_now, c_now = parts
    q_options, c_options = [q_now], [c_now]
    matches = best.matches
    if _may_join(best.unmatched_query, best.unmatched_candidate, _taken(matches, by_query=True)):
        q_options += _variants(q_now, c_now, reading)
    if _may_join(best.unmatched_candidate, best.unmatched_query, _taken(matches, by_query=False)):
        c_options += _variants(c_now, q_now, reading)
    found = None
    for q_parts in q_options:
        for c_parts in c_options:
            if q_parts is q_now and c_parts is c_now:
                continue
            result = _comparison(q_parts, c_parts, reading)
            if result.similarity > best.similarity:
                best, found = result, ((q_parts, c_parts), result)
    return found
