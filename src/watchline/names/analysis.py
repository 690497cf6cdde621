"""Analyse a name once into comparable parts: romanised token, folded key, skeleton.

A name part carries three forms, from strict to loose:
* `text`: the romanised token as written (after transliteration);
* `key`: `text` with romanisation conventions folded (kh/h/x, dzh/dj/j, -ova/-ov, ...);
* `skeleton`: `key` without vowels or w/v/y, for names from scripts that do not write
  short vowels (Arabic): "محمد" and "Mohammed" share the skeleton "mhmd".
Particles (al-, bin, ogly, van) and titles are dropped; patronymics are kept but marked,
so that a patronymic missing on one side costs little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from rigour.names import remove_org_types

from watchline.names.chinese import is_chinese
from watchline.names.data import name_data
from watchline.names.japanese import is_japanese, japanese_key
from watchline.names.korean import is_korean
from watchline.names.translit import (
    PERSIANATE_LETTERS,
    is_abjad,
    is_kana,
    is_syllabic,
    romanise,
)

_VOWELS = re.compile(r"[aeiouy]")
#: McCune-Reischauer's ŏ and ŭ in plain letters, as Uzbek Latin writes its o‘.
_KOREAN_APOSTROPHE = re.compile(r"[ou][ʻ‘’'`ʼ]", re.IGNORECASE)
_THEOPHORIC = re.compile(r"^abd(?=[a-z]{3,})")
#: "Abdel", "Abdul", "Abdou" written apart from the name they bind ("Abdel Rahman"):
#: keyed `ABD`, as the split compound's first part is.
_ABD_ALONE = re.compile(r"^abd[aeiou]{0,2}[lr]?$")
ABD = "abd"
#: "... ad-Din" compounds written as one word: Sirajuddin, Sirojiddin, Salahuddin, and
#: in French spelling Tajeddine, Noureddine, Nourredine (a single d after e or u only:
#: Claudine is none); with the article's l as Sudanese and Egyptian names write it,
#: Salaheldin, Nureldine, Ezzeldin (after e only: Geraldine is none).
_AL_DIN = re.compile(r"^([a-z]{3,}?)(?:[aeiou]dd[iy]ne?|ed[iy]ne?|ud[iy]n|eld[iy]ne?)$")
#: "... Allah" compounds written as one word: Hafizullah, Fazlollah, Nasrallah, Abdulla;
#: Russian Абдуллах (kh for the h), Tajik Абдуллоҳ / Насрулло and Uzbek Abdulloh /
#: Hikmatullo (o for the a), West African Abdullahi and Abdoulaye, Somali Abdillahi and
#: Abdilahi, Malay Abdillah. One l needs an h ("Sanaulah"): Nikola, Mykola, Ursula and
#: Fabiola are not compounds; after an i, the h and a final i, or Abd before it
#: (Padilla, Camilla, Jamilah and the Malay Fadillah are none).
_ALLAH = re.compile(
    r"^([a-z]{3,}?)(?:[uo]ll(?:a|o)(?:k?h)?i?|[uo]l[ao]k?hi?|all?ak?hi?|oulaye?|ill?ahi|(?<=abd)illah)$"
)
#: South Asian and Afghan compounds of a name, the article and one of a few nouns, written
#: as one word: Shamsurrahman, Habiburrehman (ar-Rahman), Asaduzzaman (az-Zaman),
#: Ziaulhaq, Inamulhaque (al-Haqq). Written apart, the first half keeps the article's
#: vowel and letter ("Shamsur Rahman", "Ziaul Haq"): `compare.article_before` meets it.
_ARTICLE_COMPOUND = re.compile(
    r"^([a-z]{3,}?)[uo](?:r?(r[ae]h?man)|z?(zaman)|l(haq(?:ue)?|islam))$"
)
#: Abu al- before a name, as Persian and Bengali names write it: Abolfazl, Abolghasem,
#: Abulhassan, Abul Kalam, Abu'l-Qasim (before a consonant: Abuladze and Abolins are
#: no compounds).
_ABU_AL = re.compile(r"^ab[ou]l(?:(?=[^aeiou][a-z]{2,})|$)")
_ARTICLE_REST = re.compile(r"^[aeiou]?(?:l(?=[a-z]{3,}))?")
_DOUBLE = re.compile(r"([a-z])\1+")
MAX_PARTS = 12


@dataclass(frozen=True, slots=True)
class NamePart:
    text: str
    key: str
    skeleton: str
    family: int | None
    abjad: bool
    patronymic: bool
    #: Romanised from a syllabic script (Chinese, Japanese, Korean): each part is a
    #: whole syllable or character reading, so a letter's difference is another
    #: character ("Jiang" / "Jang", "Lin" / "Jin"), not a typo.
    syllabic: bool = False
    #: A second skeleton, when it differs from `skeleton`; else "". Of a part in Arabic
    #: script: that of its Persian, Urdu and Turkic reading, where ض ذ ظ are z and ث is
    #: s (رمضان: Ramadan, and Ramzan; عثمان: Uthman, and Usman). Of a romanised part:
    #: that with its j a consonant, its zh two letters and its ch a sh, as
    #: romanisations of Arabic script write them (Najafi: njf, Mazhar: mzhr, Rachid:
    #: rshd), where folding read them as Cyrillic romanisations do (Marija, Zhanna,
    #: Chernov).
    alt_skeleton: str = ""
    #: The second half of a compound written as one word (Nurullo: nur + *allah*;
    #: Abdurrahman: abd + *rahman*): no initial stands for it, the first half's does
    #: ("Давлатов А." is no Nurullo Davlatov).
    bound: bool = False
    #: The kind of Arabic particle written apart before the part, "article" or "son"
    #: (`particle_kinds` in data/particles.yml), else "".
    after: str = ""
    #: Parts are the keys of the matcher's similarity cache, hashed twice per lookup:
    #: hashing all the fields each time cost more than the lookup.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self._fields()))

    def _fields(self) -> tuple[str, str, str, int | None, bool, bool, bool, str, bool, str]:
        flags = (self.abjad, self.patronymic, self.syllabic)
        return (
            self.text,
            self.key,
            self.skeleton,
            self.family,
            *flags,
            self.alt_skeleton,
            self.bound,
            self.after,
        )

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[NamePart], tuple[object, ...]]:
        # String hashes differ between processes: a pickled part is built anew.
        return NamePart, self._fields()

    @property
    def skeletons(self) -> tuple[str, ...]:
        return (self.skeleton, self.alt_skeleton) if self.alt_skeleton else (self.skeleton,)

    @property
    def initial(self) -> bool:
        return len(self.text) == 1


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    original: str
    parts: tuple[NamePart, ...]
    abjad: bool
    #: Every word was a particle or title ("al bin"): kept as parts, but not a name.
    only_particles: bool = False
    #: Every part is a romanised Korean syllable or two, one a surname (`korean.py`).
    korean: bool = False
    #: Every part is one to three Chinese syllables, one a surname (`chinese.py`).
    chinese: bool = False
    #: Every part is Japanese morae, one a surname or the name written in kana
    #: (`japanese.py`).
    japanese: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.parts)

    def __reduce__(self) -> tuple[type[NameAnalysis], tuple[object, ...]]:
        # Compiled (watchline.native), a frozen dataclass unpickles only by its
        # constructor.
        flags = (self.only_particles, self.korean, self.chinese, self.japanese)
        return NameAnalysis, (self.original, self.parts, self.abjad, *flags)


@lru_cache(maxsize=500_000)
def fold_key(token: str, abjad: bool = False) -> str:
    """Fold one romanised token by the rules in data/folding.yml (`abjad`: the token
    was written in Arabic script, where some Latin digraphs are two letters)."""
    key = token
    data = name_data()
    for pattern, repl in data.abjad_fold_rules if abjad else data.fold_rules:
        key = pattern.sub(repl, key)
    return key or token


@lru_cache(maxsize=500_000)
def skeleton(key: str) -> str:
    """Consonants only (w/v and y count as vowel carriers): what Arabic script writes.

    A final h is dropped too: it is optional in romanisation (Abdullah / Abdulla,
    Fatimah / Fatima) and silent in the scripts that write it.
    """
    return consonants(key.replace("v", "")) or key[:1]


#: Folded endings of surnames from Cyrillic and Latin Slavic spellings, which write
#: their vowels and are no romanisation of Arabic script: Korolev, Shevchenko.
_SLAVIC_ENDING = re.compile(r"(?:ov|ev|in|yn|sky|enko|uk|ich)$")


def slavic_surname(key: str) -> bool:
    return _SLAVIC_ENDING.search(key) is not None


@lru_cache(maxsize=200_000)
def undoubled(text: str) -> str:
    """The word with each doubled letter written once (*Inna*: ina)."""
    return _DOUBLE.sub(r"\1", text)


def consonants(key: str) -> str:
    """The consonants of a romanised key in order, doubled letters once and a final h
    dropped after another consonant. `skeleton` is this without v (the w of Arabic
    script is a vowel carrier); the vowels rule of `compare.py` keeps it (Dilovar is no
    Daler)."""
    bare = _DOUBLE.sub(r"\1", _VOWELS.sub("", key))
    return bare[:-1] if len(bare) > 1 and bare.endswith("h") else bare


@cache
def _families() -> dict[str, int]:
    out: dict[str, int] = {}
    for number, family in enumerate(name_data().families):
        for spelling in family:
            joined = "".join(spelling.split())
            out.setdefault(fold_key(joined), number)
    return out


def family_of(key: str) -> int | None:
    return _families().get(key)


def _split_theophoric(token: str) -> list[str]:
    """ "abdurrahman" -> ["abd", "rahman"], "sirajuddin" -> ["siraj", "din"],
    "hafizullah" -> ["hafiz", "allah"]: Arabic
    script writes these compounds as two words with an article, which romanisations
    join, split or assimilate in every way; their parts are what stays."""
    compound = _AL_DIN.match(token)
    if compound:
        return [compound.group(1), "din"]
    compound = _ALLAH.match(token)
    if compound:
        return [compound.group(1), "allah"]
    if _ABU_AL.match(token):
        return ["abu", token[4:]] if len(token) > 4 else ["abu"]
    if _THEOPHORIC.match(token):
        rest = _DOUBLE.sub(r"\1", token[3:])
        rest = _ARTICLE_REST.sub("", rest, count=1)
        return [ABD, rest] if len(rest) >= 2 else [token]
    compound = _ARTICLE_COMPOUND.match(token)
    if compound:  # its second half is whichever of the nouns matched
        return [compound.group(1), next(half for half in compound.groups()[1:] if half)]
    return [token]


#: Patronymic endings as folded keys end, whatever the spelling: German and Polish
#: write them their way (Janukowytsch, Iwanowicz), and a name flagged in one spelling
#: and not in another never aligns. Only the full endings: the keys of Gatweach and
#: Harwich end in -vich too.
_FOLDED_PATRONYMIC = ("ovich", "evich", "avich", "ovna", "evna", "ivna")


def _is_patronymic(token: str, key: str) -> bool:
    """By the word as written (the data's endings), or by its folded key."""
    return (len(token) > 5 and token.endswith(name_data().patronymic_suffixes)) or (
        len(key) > 5 and key.endswith(_FOLDED_PATRONYMIC)
    )


class _Content(NamedTuple):
    """The words of a romanised name that are parts, with what `NamePart` records of
    each: whether it is a compound's second half, and the particle written before it."""

    words: list[str]
    bound: list[bool]
    after: list[str]
    #: Every word was a particle or title ("al bin").
    only_particles: bool
    #: "son" or "daughter" where a Turkic patronymic's marker follows the word (Baxtiyor
    #: o'g'li), else "".
    fathers: list[str]


def _father(tokens: list[str], place: int) -> str:
    """ "son" or "daughter" when a Turkic patronymic's marker follows the token at
    `place` (Baxtiyor o'g'li), else ""."""
    following = tokens[place + 1] if place + 1 < len(tokens) else ""
    return name_data().patronymic_markers.get(following, "") if len(tokens[place]) > 1 else ""


@lru_cache(maxsize=200_000)
def _pieces(token: str, father: str) -> tuple[str, ...]:
    """A token's parts: a compound split as Arabic script writes it, but not a father's
    name (a patronymic, or a name before a Turkic marker), which stays whole:
    Abdullaevich and Abdulla o'g'li both name Abdulla, and split as abd + "aevich" and
    abd + *allah* the father's name is in neither half, while the *abd* aligns with a
    given name's."""
    if father or _is_patronymic(token, fold_key(token)):
        return (token,)
    return tuple(_split_theophoric(token))


def _content(text: str, abjad: bool, organisation: bool) -> _Content:
    """The parts of a romanised name: titles, particles and legal forms dropped."""
    if organisation and text:
        text = remove_org_types(text).strip() or text
    data = name_data()
    tokens = text.split()
    if organisation:
        tokens = [t for t in tokens if t not in data.org_noise] or tokens
    # Titles are Latin-script words of people's names; in a consonant skeleton "mr" is
    # Umar, not Mister, and in "General Petroleum Corporation" "general" is the name.
    kept = tokens if abjad or organisation else _without_titles(tokens) or tokens
    pieces = [
        (piece, number > 0, father)
        for place, token in enumerate(kept)
        for father in ["" if organisation else _father(kept, place)]
        for number, piece in enumerate((token,) if organisation else _pieces(token, father))
    ]
    named: list[tuple[str, bool, str]] = []
    fathers: list[str] = []
    after = ""
    for piece, bound, father in pieces:
        if piece in data.particles:
            after = data.particle_kinds.get(piece, "")
            continue
        named.append((piece, bound, after))
        fathers.append(father)
        after = ""
    if not named:  # only particles: kept as parts, but not a name
        return _Content(
            [piece for piece, _, _ in pieces],
            [bound for _, bound, _ in pieces],
            [""] * len(pieces),
            bool(tokens),
            [""] * len(pieces),
        )
    return _Content(
        [t for t, _, _ in named],
        [bound for _, bound, _ in named],
        [kind for _, _, kind in named],
        False,
        fathers,
    )


_TURKIC_C = re.compile(r"c(?!h)")


@lru_cache(maxsize=200_000)
def turkic_key(token: str) -> str:
    """The folded key of a romanised part read as Azerbaijani and Turkish Latin write
    it, where c is j (Nicat / Ниджат Nidzhat, Sevinc / Sevindzh, Hacı / Haji); the part
    itself when it has no c. Folding reads c as k or ts, as most alphabets do."""
    if "c" not in token:
        return fold_key(token)
    return fold_key(_TURKIC_C.sub("j", token))


@lru_cache(maxsize=200_000)
def arabic_letters_key(token: str) -> str:
    """The folded key of a romanised part read as romanisations of Arabic script write
    it: j a consonant (ج: Najafi, Rajab), zh two letters (ظ or ز, then ه: Mazhar,
    Azhar), where folding reads them as Cyrillic romanisations do (the glide of Marija,
    the ж of Zhanna); ch as French spellings write ش (Rachid, Cherif, Achour). The
    folding rules are written for lower-case letters: upper-case letters pass them all
    as consonants. "" when the part has none of these letters."""
    arabic = token.replace("j", "J").replace("zh", "ZH").replace("ch", "sh")
    return "" if arabic == token else fold_key(arabic).lower()


_DIPHTHONG = re.compile(r"(?:ay|ai|ey|ei)(?![aeiou])")
_GLIDE = re.compile(r"(?<=[aiu])y(?=[aiu])")
_FINAL_H = re.compile(r"(?<=[aiu])h$")


@lru_cache(maxsize=200_000)
def arabic_vowel_key(key: str) -> str:
    """A folded key with its vowels as romanisations of Arabic script vary them: e as
    i, o as u (the three short vowels, written or not), the diphthong as ai (ay, ei,
    ey), no glide between vowels, no final h: Ubaydah / Obeida, Ayed / Ayid, Mohsen /
    Muhsin."""
    out = _DIPHTHONG.sub("ai", key).replace("o", "u").replace("e", "i")
    return _DOUBLE.sub(r"\1", _FINAL_H.sub("", _GLIDE.sub("", out)))


def _without_titles(tokens: list[str]) -> list[str]:
    """The tokens without titles, but for a title that ends the name after an article,
    a family name there: "Yahya al-Hajj", "Elshafee El Sheikh" (an honorific stands
    before the name: "Hajj Sultan", "Al Hajj Alie Ibrahim"); nor after "son of", where
    it is the father's or the family's name ("Saleck Ould Cheikh Mohamedou")."""
    data = name_data()
    last = len(tokens) - 1
    kept = []
    for number, token in enumerate(tokens):
        before = data.particle_kinds.get(tokens[number - 1]) if number else None
        if token not in data.titles or before == "son" or (number == last and before == "article"):
            kept.append(token)
    return kept


def _key(token: str, abjad: bool) -> str:
    # "Abdel", "Abdul" apart from the name they bind are "abd" and its article; the
    # text stays as written, so a typo in it still meets the spelling.
    return ABD if _ABD_ALONE.match(token) else fold_key(token, abjad)


@lru_cache(maxsize=500_000)
def _part(
    token: str,
    abjad: bool,
    syllabic: bool,
    alt_bones: str,
    bound: bool,
    after: str,
    father: str = "",
) -> NamePart:
    """One part as its word and its name's script make it (cached: the words of list
    names repeat far more often than the names do). A Turkic patronymic's father
    (`father`: "son" or "daughter") is keyed as the Russian form writes it, Baxtiyor
    o'g'li as Bakhtiyorovich, Əli qızı as Alievna; its text stays the name as written,
    which the same name without its marker ("Alisher Baxtiyor Abdullayev") meets."""
    if father:
        ending = ("e" if token[-1] in "aeiouy" else "o") + ("vich" if father == "son" else "vna")
        key = fold_key(token + ending, abjad)
    else:
        key = _key(token, abjad)
    bones = skeleton(key)
    patronymic = bool(father) or _is_patronymic(token, key)
    if not (abjad or patronymic or slavic_surname(key)) and (reading := arabic_letters_key(token)):
        alt_bones = skeleton(reading)
    return NamePart(
        text=token,
        key=key,
        skeleton=bones,
        family=family_of(key),
        abjad=abjad,
        patronymic=patronymic,
        syllabic=syllabic,
        alt_skeleton=alt_bones if alt_bones != bones else "",
        bound=bound,
        after=after,
    )


@lru_cache(maxsize=500_000)
def analyze_name(name: str, *, organisation: bool = False) -> NameAnalysis:
    """Romanise, tokenise and fold a name (cached: list names are analysed once)."""
    abjad = is_abjad(name)
    syllabic = is_syllabic(name)
    text = romanise(name)
    if not (abjad or organisation) and _KOREAN_APOSTROPHE.search(name):
        plain = romanise(name, uzbek=False)
        if is_korean(plain.split()):
            text = plain
    content = _content(text, abjad, organisation)
    alt = [""] * len(content.words)
    if abjad and not PERSIANATE_LETTERS.isdisjoint(name):
        persian = _content(romanise(name, persianate=True), abjad, organisation).words
        if len(persian) == len(content.words):
            alt = [skeleton(_key(token, abjad)) for token in persian]
    parts = [
        _part(token, abjad, syllabic, alt_bones, second, after, father)
        for token, alt_bones, second, after, father in zip(
            content.words[:MAX_PARTS],
            alt,
            content.bound,
            content.after,
            content.fathers,
            strict=False,
        )
    ]
    texts = [p.text for p in parts]
    korean = not (abjad or organisation) and is_korean(texts)
    chinese = not (abjad or organisation) and is_chinese(texts)
    japanese = not (abjad or organisation) and (
        all(japanese_key(t) for t in texts) if is_kana(name) else is_japanese(texts)
    )
    return NameAnalysis(
        name, tuple(parts), abjad, content.only_particles, korean, chinese, japanese
    )
