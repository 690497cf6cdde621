"""People as the generator knows them: one native-script identity, rendered many ways.

An :class:`Identity` holds names in the person's own script (or, for Arabic, a vocalised
phonemic form) plus the facts a record may carry. Every spelling in the output is derived
from it, so a positive pair is by construction two renderings of one identity, and the
negatives (namesakes, relatives, near-misses) are built as *different* identities that
share parts of it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .tables import Pool, load, weighted


@dataclass(frozen=True)
class Part:
    """One name element (given name, patronymic/nasab, surname...) in some spelling."""

    role: str
    text: str


@dataclass(frozen=True)
class Identity:
    """One person. ``surname_base`` is the masculine/dictionary form relatives share."""

    uid: str
    locale: str
    region: str
    gender: str
    given: str
    surname_base: str
    father: str
    grandfather: str
    style: int
    birth_date: date
    nationality: str
    passport: str
    middle: str = ""
    surname2: str = ""
    kunya: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass
class Pools:
    male: Pool
    female: Pool
    surnames: Pool


class NameSystem:
    """How one locale builds names; subclasses add the renderings (``schemes``).

    The defaults suit Slavic-style systems: gendered surnames, a patronymic derived from the
    father's name, given-name-first natural order.
    """

    locale = ""
    data_name = ""
    patronymic_rate = 0.0
    natural_order = "given_first"

    def __init__(self) -> None:
        data = load(self.data_name)
        self.data = data
        exp = float(data.get("zipf", 0.85))
        self._pools = {
            "": Pools(
                Pool([self.native(x) for x in data["male"]], exp),
                Pool([self.native(x) for x in data["female"]], exp),
                Pool([self.native(x) for x in data["surnames"]], exp),
            )
        }
        self.alt = {}
        for key in ("male", "female", "surnames"):
            for item in data[key]:
                native, _, alt = str(item).partition("|")
                if alt:
                    self.alt[native] = alt

    @staticmethod
    def native(item: str) -> str:
        return str(item).partition("|")[0].strip()

    # -- hooks -------------------------------------------------------------------------
    def regions(self) -> dict[str, float]:
        return {"": 1.0}

    def pools(self, region: str) -> Pools:
        return self._pools.get(region, self._pools[""])

    def nationalities(self, region: str) -> dict[str, float]:
        table = load("countries")["nationality"]
        key = f"{self.locale}.{region}" if region else self.locale
        return dict(table[key])

    def surname(self, base: str, gender: str) -> str:
        """The surname as this person bears it (feminine form for women)."""
        return base

    def patronymic(self, ident: Identity) -> str:
        """Native patronymic/nasab, or "" when this person's records carry none."""
        return ""

    def extra_parts(self, ident: Identity) -> list[Part]:
        return []

    def parts(self, ident: Identity) -> list[Part]:
        """The full native name, natural-order roles."""
        parts = [Part("given", ident.given)]
        if ident.middle:
            parts.append(Part("middle", ident.middle))
        pat = self.patronymic(ident)
        if pat:
            parts.append(Part("patronymic", pat))
        parts.append(Part("surname", self.surname(ident.surname_base, ident.gender)))
        if ident.surname2:
            parts.append(Part("surname2", ident.surname2))
        return parts + self.extra_parts(ident)

    def has_patronymic(self, style: int) -> bool:
        return random.Random(style).random() < self.patronymic_rate

    def decorate(self, ident: Identity, rng: random.Random) -> Identity:
        """Locale-specific optional fields (middle names, kunya...)."""
        return ident

    def natural(self, ident: Identity) -> str:
        """Word order of the name in its own culture (Chinese: surname first)."""
        return self.natural_order

    def drop_particles(self, parts: list[Part]) -> list[Part] | None:
        """The name without connecting particles (bin, al-), or None if it has none."""
        return None

    def alias_variant(
        self, parts: list[Part], ident: Identity, rng: random.Random
    ) -> tuple[str, list[Part]] | None:
        """A legitimately different form of the same name (kunya, nickname, old surname)."""
        return None

    # -- renderings: subclasses fill these ---------------------------------------------
    def schemes_a(self, ident: Identity) -> dict[str, float]:
        raise NotImplementedError

    def schemes_b(self, ident: Identity) -> dict[str, float]:
        raise NotImplementedError

    def render(
        self,
        parts: list[Part],
        ident: Identity,
        scheme: str,
        rng: random.Random,
        notes: list[str] | None = None,
    ) -> list[Part]:
        """``parts`` spelled in ``scheme``; sub-choices made along the way go to ``notes``."""
        raise NotImplementedError


# -- building identities ----------------------------------------------------------------

EPOCH = date(1945, 1, 1)
LAST = date(2005, 12, 31)


def random_date(rng: random.Random, start: date = EPOCH, end: date = LAST) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def passport_number(rng: random.Random, country: str) -> str:
    shape = load("countries")["passport"].get(country, "L#######")
    out = []
    for ch in shape:
        if ch == "#":
            out.append(str(rng.randrange(10)))
        elif ch == "L":
            out.append(chr(ord("A") + rng.randrange(26)))
        else:
            out.append(ch)
    return "".join(out)


def new_uid(rng: random.Random) -> str:
    return f"p{rng.getrandbits(48):012x}"


def new_identity(
    system: NameSystem,
    rng: random.Random,
    *,
    region: str | None = None,
    gender: str | None = None,
) -> Identity:
    """A fresh, unrelated person of ``system``'s locale."""
    region = region if region is not None else weighted(rng, system.regions())
    gender = gender or ("male" if rng.random() < 0.62 else "female")
    pools = system.pools(region)
    given = (pools.male if gender == "male" else pools.female).pick(rng)
    nationality = weighted(rng, system.nationalities(region))
    ident = Identity(
        uid=new_uid(rng),
        locale=system.locale,
        region=region,
        gender=gender,
        given=given,
        surname_base=pools.surnames.pick(rng),
        father=pools.male.pick(rng),
        grandfather=pools.male.pick(rng),
        style=rng.getrandbits(32),
        birth_date=random_date(rng),
        nationality=nationality,
        passport=passport_number(rng, nationality),
    )
    return system.decorate(ident, rng)


def shift_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
