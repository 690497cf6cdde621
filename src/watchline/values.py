"""Small value normalisers shared by matching and the index (pure, no dependencies)."""

from __future__ import annotations

import re
from functools import lru_cache

#: Properties holding document numbers compared across entities.
DOC_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "imoNumber")
#: Properties naming a country an entity belongs to (compared as one set).
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction")
#: Properties holding the date that tells namesakes apart (a person's birth, a company's
#: incorporation, a vessel's build).
DATE_PROPS = ("birthDate", "incorporationDate", "buildDate")
_DOC_CLEAN = re.compile(r"[^0-9A-Z]+")

Date = tuple[int, int | None, int | None]


def normalise_document(value: str) -> str:
    """Document numbers compare without spaces, dashes or case: "AB 12-345" == "ab12345"."""
    return _DOC_CLEAN.sub("", value.upper())


@lru_cache(maxsize=100_000)
def parse_date(value: str) -> Date | None:
    """ISO prefix -> (year, month, day); None for anything that is not one."""
    parts = value.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1] else None
        day = int(parts[2][:2]) if len(parts) > 2 and parts[2] else None
    except ValueError:
        return None
    if not 1000 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    return year, month, day
