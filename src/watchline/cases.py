"""Case rules: statuses, the transitions between them, locations and priority (pure).

    whereabouts unknown -> located | apprehended | departed | charged
    located             -> whereabouts unknown | apprehended | departed | charged
    apprehended         -> in custody | released on bond | removed | charged
    in custody          -> released on bond | removed | charged
    released on bond    -> whereabouts unknown | located | apprehended | in custody
                           | removed | departed | charged
    charged (either)    -> in custody | released on bond | removed | apprehended
                           | located | whereabouts unknown
    removed, departed   -> located | apprehended            (re-entry)

Nobody is removed or released without having been apprehended, and nobody in custody
is "located". An impossible move is refused with the allowed ones named.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from watchline.errors import ConflictError, InputError


class CaseStatus(StrEnum):
    WHEREABOUTS_UNKNOWN = "whereabouts_unknown"
    LOCATED = "located"
    APPREHENDED = "apprehended"
    IN_CUSTODY = "in_custody"
    RELEASED_ON_BOND = "released_on_bond"
    REMOVED = "removed"
    DEPARTED = "departed"
    CHARGED_IMMIGRATION = "charged_immigration"
    CHARGED_CRIMINAL = "charged_criminal"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


S = CaseStatus
_CHARGED = {S.CHARGED_IMMIGRATION, S.CHARGED_CRIMINAL}
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.WHEREABOUTS_UNKNOWN: frozenset({S.LOCATED, S.APPREHENDED, S.DEPARTED, *_CHARGED}),
    S.LOCATED: frozenset({S.WHEREABOUTS_UNKNOWN, S.APPREHENDED, S.DEPARTED, *_CHARGED}),
    S.APPREHENDED: frozenset({S.IN_CUSTODY, S.RELEASED_ON_BOND, S.REMOVED, *_CHARGED}),
    S.IN_CUSTODY: frozenset({S.RELEASED_ON_BOND, S.REMOVED, *_CHARGED}),
    S.RELEASED_ON_BOND: frozenset(
        {S.WHEREABOUTS_UNKNOWN, S.LOCATED, S.APPREHENDED, S.IN_CUSTODY, S.REMOVED, S.DEPARTED}
        | _CHARGED
    ),
    S.CHARGED_IMMIGRATION: frozenset(
        {S.IN_CUSTODY, S.RELEASED_ON_BOND, S.REMOVED, S.APPREHENDED, S.LOCATED}
        | {S.WHEREABOUTS_UNKNOWN, S.CHARGED_CRIMINAL}
    ),
    S.CHARGED_CRIMINAL: frozenset(
        {S.IN_CUSTODY, S.RELEASED_ON_BOND, S.REMOVED, S.APPREHENDED, S.LOCATED}
        | {S.WHEREABOUTS_UNKNOWN, S.CHARGED_IMMIGRATION}
    ),
    S.REMOVED: frozenset({S.LOCATED, S.APPREHENDED}),
    S.DEPARTED: frozenset({S.LOCATED, S.APPREHENDED}),
}
#: Statuses where the person is known to be out of the country (no US location).
OUTSIDE = frozenset({S.REMOVED, S.DEPARTED})

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
    "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # fmt: skip


def parse_status(value: str) -> CaseStatus:
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    key = {"deported": "removed", "removed_deported": "removed", "custody": "in_custody"}.get(
        key, key
    )
    try:
        return CaseStatus(key)
    except ValueError:
        raise InputError(
            f"unknown case status {value!r}; use one of: {', '.join(CaseStatus)}",
            location="--status",
        ) from None


def check_transition(current: CaseStatus, new: CaseStatus, *, case_id: object) -> None:
    if new == current:
        return
    allowed = TRANSITIONS[current]
    if new not in allowed:
        raise ConflictError(
            f"case {case_id}: cannot go from {current.label} to {new.label}; from"
            f" {current.label} a case can go to: {', '.join(sorted(s.label for s in allowed))}"
        )


@dataclass(frozen=True)
class Location:
    country: str | None = None
    state: str | None = None
    city: str | None = None

    def describe(self) -> str:
        return ", ".join(p for p in (self.city, self.state, self.country) if p) or "unknown"


def parse_location(value: str, *, location: str = "--location") -> Location:
    """ "Houston, TX" (a US state code means the US), "Houston, TX, US", "Dushanbe, TJ"
    or "TJ"; the country is an ISO code or a name FtM knows."""
    from followthemoney import registry

    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        raise InputError("empty location", location=location)
    country: str | None = None
    last = parts[-1]
    if len(parts) >= 2 and last.upper() in US_STATES and len(parts) == 2:
        return Location("us", last.upper(), parts[0])
    country = registry.country.clean(last)
    if country in (None, "zz"):  # zz: FtM's "unknown country", never a place
        if len(last) == 2 and last.isalpha() and last.isupper():
            raise InputError(f"unknown US state or country code {last!r}", location=location)
        raise InputError(f"unknown country {last!r}", location=location)
    rest = parts[:-1]
    state = None
    if country == "us" and rest:
        code = rest[-1].upper()
        if len(rest) >= 1 and code in US_STATES:
            state, rest = code, rest[:-1]
        elif len(rest[-1]) == 2:
            raise InputError(f"unknown US state code {rest[-1]!r}", location=location)
    return Location(country, state, ", ".join(rest) or None)


def check_state(code: str | None, *, location: str = "--state") -> str | None:
    if code is None:
        return None
    upper = code.strip().upper()
    if upper not in US_STATES:
        raise InputError(f"unknown US state code {code!r}", location=location)
    return upper


@dataclass(frozen=True)
class PriorityFacts:
    status: CaseStatus
    watchlist_match: bool
    prior_removal: bool
    hops: int | None


def priority(facts: PriorityFacts) -> tuple[int, list[str]]:
    """A score and its reasons, strongest first: what a supervisor sorts the day by."""
    reasons: list[tuple[int, str]] = []
    if facts.watchlist_match:
        reasons.append((40, "watchlist match"))
    if facts.status is S.WHEREABOUTS_UNKNOWN:
        reasons.append((25, "whereabouts unknown"))
    if facts.prior_removal and facts.status not in OUTSIDE:
        reasons.append((20, "prior removal (re-entered)"))
    if facts.status is S.CHARGED_CRIMINAL:
        reasons.append((15, "criminal charge"))
    if facts.hops is not None:
        weight = max(0, 20 - 5 * facts.hops)
        if weight:
            reasons.append((weight, f"link distance {facts.hops}"))
    reasons.sort(key=lambda r: -r[0])
    return sum(w for w, _ in reasons), [f"{text} (+{w})" for w, text in reasons]


def priority_level(score: int) -> str:
    return "high" if score >= 50 else "medium" if score >= 25 else "low"
