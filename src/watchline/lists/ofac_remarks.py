"""Parse the free-text `Remarks` column of OFAC's legacy SDN CSV into FtM property values.

OFAC packs everything that does not fit the twelve fixed columns (birth dates, places,
identity documents, weak aliases, sanction notes) into one `;`-separated string, e.g.
``DOB 15 Jun 1968; POB Tehran, Iran; Passport D9004869 (Iran); a.k.a. 'X'.``. This module
turns each part into ``(ftm_property, raw_value)`` pairs. It is pure (no schema, no
entity) so it can be tested table by table; the reader decides what a schema accepts and
keeps every part it cannot store in `notes`, so nothing OFAC published is lost.
"""

from __future__ import annotations

import re
from datetime import datetime

from followthemoney import registry

from watchline.model import document_note

Pair = tuple[str, str]

#: A date-of-birth range of plain years is expanded to every year only up to this many
#: years; wider ranges keep just the two endpoints (a 30-year "range" is not a birth date).
MAX_YEAR_SPAN = 10

_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DATE = rf"(?:\d{{1,2}} (?:{_MONTHS})[a-z]* \d{{4}}|(?:{_MONTHS})[a-z]* \d{{4}}|\d{{4}})"
_DATE_RE = re.compile(
    rf"^(?P<circa>circa )?(?P<start>{_DATE})(?:\s*(?:to|-)\s*(?P<end>{_DATE}))?$", re.I
)
_ALT = r"(?:alt\. )?"

#: Strip a part's final "." unless it ends an abbreviation that belongs to the value
#: ("CO., LTD.", "S.A.", "Jr.").
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:ltd|co|inc|corp|jr|sr|bros|st|no)|\b(?:[a-z]\.){1,}[a-z])\.$", re.I
)

#: Identity documents: label pattern -> (FtM property, kind used in issuing notes). The
#: kinds of passport, id and tax numbers are those `Entity.documents()` reads back.
#: Longer, more specific labels come first so "Company Number IMO" wins over "Company Number".
_DOCUMENTS: list[tuple[str, str, str]] = [
    (
        r"(?:Vessel Registration Identification|Company Number|Identification Number) IMO",
        "imoNumber",
        "imo",
    ),
    (r"Vessel Registration Identification", "registrationNumber", "registration"),
    (r"British National Overseas Passport|Stateless Person Passport", "passportNumber", "passport"),
    (r"Diplomatic Passport", "passportNumber", "passport"),
    (r"Passport(?: Booklet:?| No\.?)?", "passportNumber", "passport"),
    (r"MMSI", "mmsi", "mmsi"),
    (r"SWIFT/BIC", "swiftBic", "swift/bic"),
    (r"D-U-N-S Number", "dunsCode", "duns"),
    (r"V\.A\.T\. Number", "vatCode", "vat"),
    (r"Legal Entity Number", "leiCode", "lei"),
    (r"(?:United|Unified) Social Credit Code(?: Certificate)?(?: \(USCCC?\))?", "uscCode", "uscc"),
    (r"Aircraft Tail Number", "registrationNumber", "tail number"),
    (
        r"Aircraft Manufacturer's Serial Number \(MSN\)|Aircraft Serial Identification",
        "serialNumber",
        "msn",
    ),
    (
        r"Tax ID No\.|R\.F\.C\.|RFC|NIT #|RUC #|RIF #|US FEIN|C\.U\.I\.T\.|C\.I\.F\.|"
        r"Italian Fiscal Code|Numero Unico de Identificacao Tributaria \(NUIT\)|"
        r"Paraguayan tax identification number",
        "taxNumber",
        "tax",
    ),
    (r"SSN", "idNumber", "id"),
    (
        r"(?:Moroccan |Bosnian )?Personal ID (?:Card|No\.)|Stateless Person ID Card|"
        r"Refugee ID Card|National Foreign ID Number(?: RNE:)?|"
        r"National ID No\.|Tazkira National ID Card|Kenyan ID No\.|Turkish Identification Number|"
        r"Identification Number|Cedula No\.|D\.N\.I\.|C\.U\.R\.P\.|C\.U\.I\.P\.|C\.U\.I\.|"
        r"I\.F\.E\.|N\.I\.E\.|Numero de Identidad|Citizen's Card Number|Residency Number|"
        r"Electoral Registry No\.|Credencial electoral|Driver's License No\.|"
        r"Cartilla de Servicio Militar Nacional|Birth Certificate Number|Travel Document Number|"
        r"Immigration No\.|Public Security and Immigration No\.|VisaNumberID|LE Number|"
        r"Pilot License Number",
        "idNumber",
        "id",
    ),
    (
        r"UK Company Number|Company Number|Company ID: No\.|Registration Number|Registration ID|"
        r"Commercial Registry Number|Folio Mercantil No\.|Matricula Mercantil No\.?|"
        r"Business Registration (?:Document #|Number)|Business Number|Enterprise Number|"
        r"C\.R\. No\.|Government Gazette Number|Chamber of Commerce Number|"
        r"Public Registration Number|Registered Charity No\.|Certificate of Incorporation Number|"
        r"Branch Unit Number|File Number",
        "registrationNumber",
        "registration",
    ),
    (
        r"Trade License No\.|License|Afghan Money Service Provider License Number|SRE Permit No\.",
        "licenseNumber",
        "license",
    ),
]
#: A document's number runs up to " (" and is followed by parenthesised places, the last
#: one the issuing country ("22839 (Jalisco) (Mexico)"), then issued/expires clauses.
_DOC_REST_RE = re.compile(
    r"^(?P<number>.+?)(?P<places>(?:\s+\([^)]*\))*)(?P<tail>[\s,]*(?:issued|expires)\b.*)?$", re.I
)
#: The issued/expires clauses that can be dropped: dates only, not "issued under the name X".
_DATES_TAIL_RE = re.compile(rf"(?:[\s,]*(?:issued|expires)\s+{_DATE}(?:\s+to\s+{_DATE})?)*", re.I)
_PLACE_RE = re.compile(r"\(([^)]*)\)")
#: Prose where a number should be: "issued in Sarajevo", "OR801168 and Kuwaiti ID ...".
_PROSE_RE = re.compile(r"\b[a-z]{2,}\b|,\s")
#: Numbers without digits are only believable as codes, e.g. the tail number "EP-MMH".
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9./-]*$")

#: Simple "<label> <value>" parts: label pattern -> FtM property.
_SIMPLE: list[tuple[str, str]] = [
    (r"POB", "birthPlace"),
    (r"nationality", "nationality"),
    (r"citizen", "citizenship"),
    (r"Gender", "gender"),
    (r"(?:Email|EMAIL)(?: Address)?", "email"),
    (r"Website", "website"),
    (r"(?:Phone Number|Telephone(?: No\.)?|Phone No\.|PHONE)", "phone"),
    (r"Aircraft Model", "model"),
    (r"Former Vessel Flag", "pastFlags"),
    (r"Organization Type:", "sector"),
    (r"Nationality of Registration", "country"),
]
#: Dated parts: label pattern -> FtM date property.
_DATED: list[tuple[str, str]] = [
    (r"DOB", "birthDate"),
    (r"Organization Established Date", "incorporationDate"),
    (r"Aircraft Manufacture Date", "buildDate"),
    (r"Vessel Year of Build", "buildDate"),
]

#: One alternation over every label, tried in table order: one regex match per part
#: instead of one per label keeps 30,000 remark parts well under a second.
_RULES: list[tuple[str, str, str]] = [
    *((prop, "date", "") for _, prop in _DATED),
    *((prop, "doc", kind) for _, prop, kind in _DOCUMENTS),
    *((prop, "simple", "") for _, prop in _SIMPLE),
]
_LABELS = [label for label, _ in _DATED] + [d[0] for d in _DOCUMENTS] + [s[0] for s in _SIMPLE]
_RULE_RE = re.compile(
    rf"^{_ALT}(?:"
    + "|".join(rf"(?P<r{i}>{label})" for i, label in enumerate(_LABELS))
    + r")[\s:#]+(?P<rest>\S.*)$"
)

#: An alias part up to its closing quote, never running into the next alias.
_ALIAS_PART_RE = re.compile(r"\s*[afn]\.k\.a\.,?\s*'(?:(?!;\s*[afn]\.k\.a\.).)*?'\.?\s*(?=;|$)")
_ALIAS_RE = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+(?P<name>\S.*)$")
_ALIAS_PROPS = {"a": "weakAlias", "f": "previousName", "n": "weakAlias"}


def split_remarks(remarks: str) -> list[str]:
    """Split on `;` outside single-quoted aliases, dropping empty parts and final dots.

    Only an alias part (``a.k.a. '...'``) is quote-aware: it runs to the quote that is
    followed by `;` or the end, so a `;` inside the alias does not split it. Elsewhere
    apostrophes are just letters ("Ba'th", "Manufacturer's", "'Abd al-Salam").
    """
    parts: list[str] = []
    pos = 0
    while pos <= len(remarks):
        alias = _ALIAS_PART_RE.match(remarks, pos)
        if alias:
            end = alias.end()
        else:
            end = remarks.find(";", pos)
            end = len(remarks) if end < 0 else end
        parts.append(remarks[pos:end])
        pos = end + 1
    return [p for p in (_strip_part(part) for part in parts) if p]


def _strip_part(part: str) -> str:
    part = " ".join(part.split())
    if part.endswith(".") and not _ABBREVIATION_END.search(part):
        part = part[:-1].rstrip()
    return part


def parse_date(text: str) -> list[str]:
    """OFAC date text to ISO prefixes: "15 Jun 1968" -> ["1968-06-15"]; [] if not a date.

    Ranges of years expand to each year (up to `MAX_YEAR_SPAN`), other ranges give both
    endpoints; "circa" keeps only the year, as the day and month are not vouched for.
    """
    match = _DATE_RE.match(text.strip())
    if match is None:
        return []
    start = _iso_date(match.group("start"))
    end = _iso_date(match.group("end")) if match.group("end") else None
    if start is None or (match.group("end") and end is None):
        return []
    if match.group("circa"):
        start, end = start[:4], end[:4] if end else None
    if end is None:
        return [start]
    if len(start) == len(end) == 4 and 0 <= int(end) - int(start) < MAX_YEAR_SPAN:
        return [str(year) for year in range(int(start), int(end) + 1)]
    return [start, end]


def _iso_date(text: str) -> str | None:
    text = _short_month(text)
    for fmt, size in (("%d %b %Y", 10), ("%b %Y", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text, fmt).date().isoformat()[:size]
        except ValueError:
            continue
    return None


def _short_month(text: str) -> str:
    """Shorten month names ("15 June 1968" -> "15 Jun 1968"): strptime's %b wants those."""
    return re.sub(rf"\b({_MONTHS})[a-z]*\b", r"\1", text, flags=re.I)


def _document(part: str, rest: str, prop: str, kind: str) -> list[Pair] | None:
    """The number and a note naming its issuing country; None if it is not a number.

    OFAC sometimes writes prose after a document label ("Passport and National ID were
    issued in Ulm"); such parts are left to the notes rather than stored as a number.
    """
    match = _DOC_REST_RE.match(rest)
    if match is None:
        return None
    number = match.group("number").strip(" ,.")
    has_digit = any(char.isdigit() for char in number)
    if _PROSE_RE.search(number) or not (has_digit or _CODE_RE.match(number)):
        return None
    pairs: list[Pair] = [(prop, number)]
    places = [p.strip() for p in _PLACE_RE.findall(match.group("places"))]
    if places and places[-1]:
        code = registry.country.clean(places[-1])
        pairs.append(("notes", document_note(kind, number, code or places[-1])))
    if len(places) > 1 or not _DATES_TAIL_RE.fullmatch(match.group("tail") or ""):
        pairs.append(("notes", part))  # a region or a non-date clause: keep OFAC's words
    return pairs


def _alias_name(text: str) -> str:
    """Strip the quotes OFAC puts around remark aliases, doubled ones included."""
    name = text.strip()
    for _ in range(2):
        if len(name) > 1 and name[0] == "'" and name[-1] == "'":
            name = name[1:-1].strip()
        elif name.endswith("'") and name.count("'") % 2 == 1 and not name.startswith("'"):
            name = name[:-1].strip()
        elif name.startswith("'") and name.count("'") % 2 == 1:
            name = name[1:].strip()
    return name


def parse_remark(part: str) -> list[Pair] | None:
    """Pairs for one remark part, or None if the part is not a pattern we know."""
    match = _ALIAS_RE.match(part)
    if match:
        name = _alias_name(match.group("name"))
        return [(_ALIAS_PROPS[match.group("kind")], name)] if name else None
    match = _RULE_RE.match(part)
    if match is None:
        return None
    prop, handler, kind = next(
        rule for i, rule in enumerate(_RULES) if match.group(f"r{i}") is not None
    )
    rest = match.group("rest")
    if handler == "date":
        dates = parse_date(rest)
        return [(prop, date) for date in dates] if dates else None
    if handler == "doc":
        return _document(part, rest, prop, kind)
    return [(prop, rest)]


def parse_remarks(remarks: str) -> list[Pair]:
    """All (ftm_property, raw_value) pairs of a Remarks field; unknown parts become notes."""
    pairs: list[Pair] = []
    for part in split_remarks(remarks):
        parsed = parse_remark(part)
        pairs.extend(parsed if parsed is not None else [("notes", part)])
    return pairs
