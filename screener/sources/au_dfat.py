"""Australia: the DFAT Consolidated List workbook (one sheet, 19 columns).

A record spans several rows ("7317", "7317a", "7317b"); rows of one record can disagree,
so every column is the union over the group.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from screener.countries import split_countries, to_iso2
from screener.dates import iso_date, parse_dates
from screener.model import (
    AKA,
    ORGANIZATION,
    ORIGINAL_SCRIPT,
    PERSON,
    PRIMARY,
    STRONG,
    UNKNOWN,
    VESSEL,
    WEAK,
    ParsedList,
    SourceFormatError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import (
    add_name,
    clean,
    column_values,
    open_xlsx_rows,
    xlsx_modified,
    xlsx_sniff,
)
from screener.sources.records import RecordGuard

FORMAT = "au_dfat_xlsx"
HEADER = ("Reference", "Name of Individual or Entity", "Type", "Name Type")
TYPES = {"individual": PERSON, "entity": ORGANIZATION, "vessel": VESSEL}
NAME_KINDS = {"primary name": PRIMARY, "alias": AKA, "original script": ORIGINAL_SCRIPT}
_REF = re.compile(r"^\s*(\d+)\s*([a-z]*)\s*$", re.I)


def sniff(path: Path, head: bytes) -> bool:
    return xlsx_sniff(head, b"Name of Individual or Entity", path)


def parse(path: Path) -> ParsedList:
    rows = open_xlsx_rows(path)
    header = next(rows, None)
    if header is None or tuple(str(c or "").strip() for c in header[:4]) != HEADER:
        raise SourceFormatError(f"{path.name}: not the DFAT Consolidated List (unexpected header)")
    columns = [str(c or "").strip() for c in header]
    groups: dict[str, list[dict[str, Any]]] = {}
    order: list[str] = []
    last_ref: str | None = None
    for row in rows:
        if not row or all(c is None for c in row):
            continue
        cells = dict(zip(columns, row, strict=False))
        match = _REF.match(str(cells.get("Reference") or ""))
        if not match:
            continue
        ref = match.group(1)
        key = ref
        if ref != last_ref and ref in groups:
            # A reference reused in a later, separate block is a different record.
            n = 2
            while f"{ref}-{n}" in groups and last_ref != f"{ref}-{n}":
                n += 1
            key = f"{ref}-{n}"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(cells)
        last_ref = ref if key == ref else key
    guard = RecordGuard()
    targets = list(guard.each(lambda key: _target(key, groups[key]), order))
    if not targets:
        raise SourceFormatError(f"{path.name}: the DFAT workbook holds no records")
    modified = xlsx_modified(path)
    return ParsedList(format=FORMAT, targets=targets,
                      publication_date=iso_date(modified) if modified else None,
                      skipped=guard.skipped)


def _target(key: str, rows: list[dict[str, Any]]) -> Target:
    types = [TYPES.get(str(t).strip().lower(), UNKNOWN) for t in column_values(rows, "Type")]
    target = Target(source_ref=key, type=types[0] if types else UNKNOWN, primary_name="")
    for r in rows:
        kind_text = (clean(r.get("Name Type")) or "").lower()
        kind = NAME_KINDS.get(kind_text, AKA)
        strength = (clean(r.get("Alias Strength")) or "").lower()
        quality = WEAK if strength == "weak" else STRONG
        add_name(target, r.get("Name of Individual or Entity"), kind, quality)
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name if primaries else key
    for value in column_values(rows, "Date of Birth", raw=True):
        for d in parse_dates(value):
            target.dates.append(d)
    places = [clean(p) for p in column_values(rows, "Place of Birth")]
    for d in target.dates:
        d.place = places[0] if places else None
    for value in column_values(rows, "Citizenship"):
        for part in split_countries(str(value)):
            target.countries.append(TargetCountry("citizenship", to_iso2(part), part))
    for value in column_values(rows, "IMO Number"):
        imo = re.sub(r"\D", "", str(value))
        if imo:
            target.ids.append(TargetIdentifier("imo", imo))
    for value in column_values(rows, "Committees"):
        for prog in re.split(r"[;\n]", str(value)):
            if clean(prog) and clean(prog) not in target.programmes:
                target.programmes.append(clean(prog))
    listing = [clean(v) for v in column_values(rows, "Listing Information")]
    for text in listing:
        found = _date_in(text or "")
        if found:
            target.listed_on = found
            break
    if target.listed_on is None:
        # Autonomous listings name only their instrument ("... Instrument 2022"): its year is
        # the listing year, which is all the file says (Control Date is the last edit).
        for text in listing + [clean(v) for v in column_values(rows, "Instrument of Designation")]:
            year = re.search(r"\bInstrument\s+((?:19|20)\d\d)\b", text or "")
            if year:
                target.listed_on = year.group(1)
                break
    remarks = [clean(v) for v in column_values(rows, "Additional Information")]
    target.remarks = " | ".join(r for r in remarks if r) or None
    control = column_values(rows, "Control Date")
    target.raw = {
        "references": [str(r.get("Reference")) for r in rows],
        "listing_information": listing,
        "control_date": iso_date(control[0]) if control else None,
        "instrument": [clean(v) for v in column_values(rows, "Instrument of Designation")],
        "address": [clean(v) for v in column_values(rows, "Address")],
        "place_of_birth": places,
    }
    return target


_DATE_IN_TEXT = re.compile(
    r"\b(\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\b", re.I)


def _date_in(text: str) -> str | None:
    """The first date written in a Listing Information cell (often an instrument title only)."""
    m = _DATE_IN_TEXT.search(text)
    return iso_date(m.group(1).replace(".", "")) if m else None
