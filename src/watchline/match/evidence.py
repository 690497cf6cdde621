"""Evidence extraction: turn an entity pair into named feature values with details.

Every feature is a number in [0, 1] that is 0 when the evidence is absent, so a missing
attribute can never push a score down; only a present, conflicting one can. The model
(model.py) weighs them; this module only measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from watchline.match.dates import CLOSE, CONFLICT, EXACT, YEAR, date_evidence
from watchline.model import Document, Entity
from watchline.names.analysis import NameAnalysis, NamePart, analyze_name
from watchline.names.compare import (
    MIN_PART_SIMILARITY,
    NameComparison,
    compare_names,
    formant_stem,
    gendered_forms,
    part_similarity,
    same_father,
)
from watchline.names.translit import ascii_spellings, han_characters
from watchline.values import COUNTRY_PROPS, normalise_document

ORG_DOC_PROPS = (
    "registrationNumber",
    "imoNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "swiftBic",
    "leiCode",
    "mmsi",
    "callSign",
    "vatCode",
)
#: How many name pairs get a full alignment (the rest are pre-ranked out by key overlap).
MAX_NAME_PAIRS = 4

FEATURES = (
    "name_similarity",
    "name_min_coverage",
    "name_weakest_part",
    "name_all_parts",
    "name_partial",
    "name_one_part",
    "name_weak_alias",
    "dob_exact",
    "dob_year",
    "dob_close",
    "dob_conflict",
    "country_match",
    "country_conflict",
    "document_match",
    "document_conflict",
    "document_mismatch",
    "gender_conflict",
)


@dataclass
class Evidence:
    values: dict[str, float] = field(default_factory=lambda: dict.fromkeys(FEATURES, 0.0))
    details: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    name: NameComparison | None = None


def _names(entity: Entity, organisation: bool) -> list[tuple[NameAnalysis, bool]]:
    key = "names:org" if organisation else "names"
    return entity.derived(key, lambda e: _analyse_names(e, organisation))


def _analyse_names(entity: Entity, organisation: bool) -> list[tuple[NameAnalysis, bool]]:
    names = entity.names
    if not names and entity.is_a("Person"):
        parts = [entity.first(p) for p in ("firstName", "secondName", "middleName", "lastName")]
        joined = " ".join(p for p in parts if p)
        names = [joined] if joined else []
    written = [(n, False) for n in names] + [(n, True) for n in entity.weak_names]
    out = [(analyze_name(n, organisation=organisation), weak) for n, weak in written]
    # A name's other plain-letter spellings (Ševčenko as Shevchenko, Elşən as Elshan),
    # as the index files them, each shown as the name it spells.
    out += [
        (replace(analyze_name(spelt, organisation=organisation), original=name), weak)
        for name, weak in written
        for spelt in ascii_spellings(name)
    ]
    return [(a, weak) for a, weak in out if a.parts]


def _overlap(a: NameAnalysis, b: NameAnalysis) -> int:
    return len(a.keys & b.keys) * 2 + len(
        {s for p in a.parts for s in p.skeletons} & {s for p in b.parts for s in p.skeletons}
    )


def _spelt_out(entity: Entity, organisation: bool) -> dict[str, list[NamePart]]:
    """The entity's name parts written out (not initials, patronymics or a compound's
    second half), by their first letter: what an initial in one of its names stands
    for."""
    out: dict[str, list[NamePart]] = {}
    for analysis, _ in _names(entity, organisation):
        for part in analysis.parts:
            if not (part.initial or part.patronymic or part.bound):
                out.setdefault(part.text[0], []).append(part)
    return out


def _spelt(entity: Entity, organisation: bool) -> dict[str, list[NamePart]]:
    return entity.derived(f"spelt:{organisation}", lambda e: _spelt_out(e, organisation))


def _patronymics(entity: Entity, organisation: bool) -> tuple[NamePart, ...]:
    return entity.derived(
        f"patronymics:{organisation}",
        lambda e: tuple(
            dict.fromkeys(
                p
                for a, _ in _names(e, organisation)
                for p in a.parts
                # A compound's second half is no father's name: Abdullaevich is abd +
                # "aevich", and what it names is not in the part.
                if p.patronymic and not p.bound
            )
        ),
    )


def _other_fathers(query: Entity, candidate: Entity, organisation: bool) -> tuple[str, str] | None:
    """A patronymic on each side and none of one side's names the father of any of the
    other's (`same_father`): the first of each, as written, else None. Two fathers are
    parts each side lacks.
    Over all names of each entity, not the pair compared: "PETROV ALEKSEI" beside
    "Петров Алексей Александрович" still says whose son he is, and a list that gives
    two patronymics (OFAC's "Vladimir Nikolaevich" a.k.a. "Vladimir Viktorovich
    PAVLENKO") is not sure of either. One side lacking it is a dropped part, not this."""
    ours = _patronymics(query, organisation)
    theirs = _patronymics(candidate, organisation)
    if not ours or not theirs:
        return None
    for a in ours:
        if any(same_father(a, b) for b in theirs):
            return None
    return ours[0].text, theirs[0].text


def _han_names(entity: Entity) -> dict[str, str]:
    """The entity's names in Chinese characters, by their simplified characters."""
    return entity.derived(
        "han",
        lambda e: {h: n for n in e.names if (h := han_characters(n)) is not None},
    )


def _other_characters(query: Entity, candidate: Entity) -> tuple[str, str] | None:
    """A name in Chinese characters on each side and none the same (traditional and
    simplified characters read alike): the first of each, as written; else None.

    A romanisation loses what the characters keep: "Li Ming" beside 李明 meets 李明明
    (Li Mingming) in two of its three syllables, and "Chen Hong" (陈红) holds the first
    two of Chen Hongwei (陈宏伟), whose 宏 is another hong. Where both sides give the
    characters, they are the name; another's is another person's, as another father
    is (`_other_fathers`). Over all names of each entity, like that."""
    ours, theirs = _han_names(query), _han_names(candidate)
    if not ours or not theirs or any(h in theirs for h in ours):
        return None
    return ours[min(ours)], theirs[min(theirs)]


#: Aligned parts in the other gender's form that make two people of a pair of names.
GENDERED_PARTS = 2


def _aligned(
    result: NameComparison, q: NameAnalysis, c: NameAnalysis
) -> list[tuple[NamePart, NamePart]]:
    """The aligned parts as (query's, candidate's), where both are parts of the names
    compared (not two parts joined as one)."""
    ours = {p.text: p for p in q.parts}
    theirs = {p.text: p for p in c.parts}
    return [
        (a, b)
        for match in result.matches
        if (a := ours.get(match.query)) is not None and (b := theirs.get(match.candidate))
    ]


def _other_gender(
    aligned: list[tuple[NamePart, NamePart]], q: NameAnalysis, c: NameAnalysis
) -> list[str]:
    """The aligned parts, as "query/candidate", when at least `GENDERED_PARTS` of them
    are one name's forms for the two genders, all one way ("Aleksandra Ivanova" /
    "Aleksandr Ivanov": a sister, or a woman named as a listed man); else []. One part
    alone says nothing: a document may write a woman's surname in its masculine form
    ("KALASHOV, Marina", as OFAC lists her beside "KALASHOVA"). Nor a name in the
    genitive, which Russian writes with a patronymic's -icha ("MELNIKOVA, Andreya
    Gennadevicha", an OFAC alias of Andrei Melnikov): Andreya is no woman's name."""
    found: list[str] = []
    ways: set[int] = set()
    for a, b in aligned:
        way = gendered_forms(a, b)
        if way:
            ways.add(way)
            found.append(f"{a.text}/{b.text}")
    if len(found) < GENDERED_PARTS or len(ways) > 1:
        return []
    genitive = any(p.text.endswith("icha") for p in (*q.parts, *c.parts))
    return [] if genitive else found


def _mirrored(
    aligned: list[tuple[NamePart, NamePart]], q: NameAnalysis, c: NameAnalysis
) -> list[str]:
    """Two aligned parts, as "query/candidate", when each side's surname is the other's
    given name made a surname ("Rustam Karimov" / "Karim Rustamov", "Ali Hasanov" /
    "Hasan Aliyev"): where a surname is made of the father's name, that is a father and
    his son, or two people; else []. One such part is a formant dropped ("Emomali
    Rahmon" / "Rakhmonov"), not this."""
    ways: dict[bool, str] = {}
    for a, b in aligned:
        if a.patronymic or b.patronymic:
            continue
        made = formant_stem(a) is not None
        if made != (formant_stem(b) is not None):
            ways.setdefault(made, f"{a.text}/{b.text}")
    return list(ways.values()) if len(ways) == 2 else []


def _initial_contradicted(
    result: NameComparison,
    q: NameAnalysis,
    c: NameAnalysis,
    query: Entity,
    candidate: Entity,
    organisation: bool,
) -> bool:
    """Whether an initial aligned in this pair of names is written out in another name
    of its entity as something the other side's part is not: "Mariya Ivanova" meets
    the alias "M. Ivanova" of Margarita Ivanova only by the initial, and the entity
    says what it stands for."""
    for match in result.matches:
        if match.how != "initial":
            continue
        # The part met by the initial, by its text (None: two parts joined as one).
        if len(match.candidate) == 1:  # the candidate's initial, the query's part
            part = next((p for p in q.parts if p.text == match.query), None)
            spelt = _spelt(candidate, organisation).get(match.candidate)
        else:
            part = next((p for p in c.parts if p.text == match.candidate), None)
            spelt = _spelt(query, organisation).get(match.query)
        if (
            part is not None
            and spelt
            and not any(part_similarity(part, s)[0] >= MIN_PART_SIMILARITY for s in spelt)
        ):
            return True
    return False


def name_evidence(query: Entity, candidate: Entity, ev: Evidence) -> None:
    organisation = not (query.is_a("Person") or candidate.is_a("Person"))
    qnames = _names(query, organisation)
    cnames = _names(candidate, organisation)
    pairs = [(q, c, weak) for q, _ in qnames for c, weak in cnames]
    if len(pairs) > MAX_NAME_PAIRS:
        pairs.sort(key=lambda t: -_overlap(t[0], t[1]))
        pairs = pairs[:MAX_NAME_PAIRS]
    best: tuple[float, NameComparison, NameAnalysis, NameAnalysis, bool] | None = None
    for q, c, weak in pairs:
        result = compare_names(q, c)
        rank = result.similarity - (0.05 if weak else 0.0)
        if _initial_contradicted(result, q, c, query, candidate, organisation):
            rank -= 1.0  # kept only if no other pair of names compares at all
        if best is None or rank > best[0]:
            best = (rank, result, q, c, weak)
            if rank >= 0.97:
                break  # cannot be beaten by more than rounding: stop aligning
    if best is None:
        ev.details["name_similarity"] = ("no comparable name", None, None)
        return
    _, result, q, c, weak = best
    ev.name = result
    values = ev.values
    values["name_similarity"] = result.similarity
    values["name_min_coverage"] = min(result.query_coverage, result.candidate_coverage)
    values["name_weakest_part"] = min((m.similarity for m in result.matches), default=0.0)
    strong = all(m.similarity >= 0.9 for m in result.matches)
    values["name_all_parts"] = float(
        strong
        and bool(result.matches)
        and not result.unmatched_query
        and not result.unmatched_candidate
    )
    # Each side has a part the other lacks ("Joseph Blake" / "Joseph Kony"): a shared
    # given name plus a coincidental birth year is how most false alerts on large lists
    # look. A part missing on one side only is a dropped nasab or middle name, not this.
    fathers = _other_fathers(query, candidate, organisation)
    characters = None if organisation else _other_characters(query, candidate)
    values["name_partial"] = float(
        (result.missing_query > 0 and result.missing_candidate > 0)
        or fathers is not None
        or characters is not None
    )
    # Aligned parts that make two people of the pair: each its line of the explanation.
    aligned = [] if organisation else _aligned(result, q, c)
    for line, parts, why in (
        ("name_mirrored", _mirrored, "each side's surname made of the other's given name"),
        ("name_gender", _other_gender, "forms of the name for the other gender"),
    ):
        found = parts(aligned, q, c) if aligned else []
        if found:
            values["name_partial"] = 1.0
            ev.details[line] = (f"{', '.join(found)}: {why}", q.original, c.original)
    if characters is not None:
        ev.details["name_characters"] = (
            f"{characters[0]} vs {characters[1]}: other characters",
            *characters,
        )
    if fathers is not None:
        ev.details["name_fathers"] = (
            f"patronymic {fathers[0]!r} vs {fathers[1]!r}: another father",
            *fathers,
        )
    # Only one part aligned while the query gave more ("Nicole Bennett" / alias "BONT");
    # two parts aligned as one, with nothing left on the other side ("Xu Ying" /
    # "Xuying"), are not that. Nor is it for organisations: one distinctive word with
    # an industry word or a country beside it is how their aliases differ ("Rosneft Oil
    # Company" / "OAO Rosneft"; benchmarks/organisations.py: 59 more pairs of one
    # entity's names matched, 5 more of two entities sharing a word).
    joined_whole = result.query_parts == 1 and not result.unmatched_candidate
    values["name_one_part"] = float(
        len(result.matches) == 1 and len(q.parts) > 1 and not joined_whole and not organisation
    )
    values["name_weak_alias"] = float(weak)
    ev.details["name_similarity"] = (
        f"name {q.original!r} ~ {c.original!r}: {result.describe()}",
        q.original,
        c.original,
    )


def date_features(query: Entity, candidate: Entity, ev: Evidence) -> None:
    date_props = ("birthDate",) if query.is_a("Person") else ("incorporationDate", "buildDate")
    qv = [v for p in date_props for v in query.get(p)]
    cv = [v for p in date_props for v in candidate.get(p)]
    found = date_evidence(qv, cv)
    if found.outcome is None:
        return
    feature = {EXACT: "dob_exact", YEAR: "dob_year", CLOSE: "dob_close", CONFLICT: "dob_conflict"}
    name = feature[found.outcome]
    ev.values[name] = 1.0
    words = {
        EXACT: "same",
        YEAR: "same at the precision both give",
        CLOSE: "close (typo, swapped day/month or a year apart)",
        CONFLICT: "different",
    }
    ev.details[name] = (
        f"birth date {found.query_value} vs {found.candidate_value}: {words[found.outcome]}",
        found.query_value,
        found.candidate_value,
    )


def _countries(entity: Entity) -> set[str]:
    return {v for p in COUNTRY_PROPS for v in entity.get(p)}


def country_features(query: Entity, candidate: Entity, ev: Evidence) -> None:
    qc = query.derived("countries", _countries)
    cc = candidate.derived("countries", _countries)
    if not qc or not cc:
        return
    shared = qc & cc
    name = "country_match" if shared else "country_conflict"
    ev.values[name] = 1.0
    text = f"country {', '.join(sorted(shared))} on both" if shared else "countries differ"
    ev.details[name] = (text, ",".join(sorted(qc)), ",".join(sorted(cc)))


def _numbers(entity: Entity) -> set[str]:
    return entity.derived("document_numbers", _document_numbers)


def _document_numbers(entity: Entity) -> set[str]:
    nums = {normalise_document(d.number) for d in entity.documents()}
    for prop in ORG_DOC_PROPS:
        values = entity.properties.get(prop)  # most entities have none: skip the schema
        if values and entity.ftm_schema.get(prop) is not None:
            nums.update(normalise_document(v) for v in values)
    return {n for n in nums if len(n) >= 5}


def _passports(entity: Entity) -> list[Document]:
    return entity.derived("passports", _passports_with_countries)


def _passports_with_countries(entity: Entity) -> list[Document]:
    """Passports with an issuing country; where a reader recorded none and the person has
    exactly one nationality, that nationality (passports are issued by one's own state)."""
    passports = [d for d in entity.documents() if d.kind == "passport"]
    if not passports:
        return passports
    nationalities = set(entity.get("nationality")) | set(entity.get("citizenship"))
    only = next(iter(nationalities)) if len(nationalities) == 1 else None
    return [d if d.country or only is None else Document(d.kind, d.number, only) for d in passports]


def document_features(query: Entity, candidate: Entity, ev: Evidence) -> None:
    shared = sorted(_numbers(query) & _numbers(candidate))
    if shared:
        ev.values["document_match"] = 1.0
        ev.details["document_match"] = (f"document {shared[0]} on both", shared[0], shared[0])
        return
    q_pass, c_pass = _passports(query), _passports(candidate)
    if not q_pass or not c_pass:
        return
    q_countries = {d.country for d in q_pass if d.country}
    c_countries = {d.country for d in c_pass if d.country}
    same_country = q_countries & c_countries
    # Two passports of one state for one name are two people -- unless the full birth
    # dates agree too, where a renewed passport is the likelier story: then the
    # difference is weak evidence (document_mismatch), not a hard conflict.
    hard = bool(same_country) and not ev.values["dob_exact"]
    feature = "document_conflict" if hard else "document_mismatch"
    ev.values[feature] = 1.0
    where = f" issued by {sorted(same_country)[0]}" if same_country else ""
    if same_country and not hard:
        where += " (same birth date: possibly a renewal)"
    ev.details[feature] = (
        f"different passport numbers{where}",
        q_pass[0].number,
        c_pass[0].number,
    )


def gender_features(query: Entity, candidate: Entity, ev: Evidence) -> None:
    qg, cg = set(query.get("gender")), set(candidate.get("gender"))
    if qg and cg and not (qg & cg) and {"male", "female"} >= (qg | cg):
        ev.values["gender_conflict"] = 1.0
        ev.details["gender_conflict"] = (
            "gender differs",
            ",".join(sorted(qg)),
            ",".join(sorted(cg)),
        )


def gather_evidence(query: Entity, candidate: Entity) -> Evidence:
    ev = Evidence()
    name_evidence(query, candidate, ev)
    date_features(query, candidate, ev)
    country_features(query, candidate, ev)
    document_features(query, candidate, ev)
    if query.is_a("Person") and candidate.is_a("Person"):
        gender_features(query, candidate, ev)
    return ev
