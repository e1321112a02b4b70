"""US OFAC: the legacy CSV triple sdn.csv (+ alt.csv, add.csv beside it).

No header, Windows-1252, "-0-" for empty, a trailing 0x1A byte. Birth dates, nationality
and weak aliases exist only as prose in the remarks column, so they are read from there.
Also serves the consolidated list's cons_prim.csv (+ cons_alt.csv, cons_add.csv).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from screener.countries import to_iso2
from screener.dates import parse_date
from screener.model import (
    AIRCRAFT,
    AKA,
    FKA,
    NKA,
    ORGANIZATION,
    PERSON,
    PRIMARY,
    STRONG,
    VESSEL,
    WEAK,
    ParsedList,
    RecordError,
    SourceFormatError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, id_type_of
from screener.sources.records import RecordGuard

FORMAT = "ofac_csv"
COLUMNS = 12
TYPES = {"individual": PERSON, "vessel": VESSEL, "aircraft": AIRCRAFT}
ALT_KINDS = {"aka": AKA, "fka": FKA, "nka": NKA}
_ROW = re.compile(rb'^\d+,"[^"\r\n]*",(?:"[^"\r\n]*"|-0- ?),')
_WEAK_AKA = re.compile(r"a\.k\.a\.\s+'([^']+)'")
_DOB = re.compile(r"\b(?:alt\. )?DOB ([^;.]+(?:\.\s*\d{4})?)")
_NATIONALITY = re.compile(r"\b(nationality|citizen) ([^;.]+)")
_ID = re.compile(r"(Passport|National ID No\.|Tax ID No\.|Registration Number|Cedula No\.|"
                 r"SWIFT/BIC|Vessel Registration Identification|Registration ID) ([^;(]+?)"
                 r"(?: \(([^)]+)\))?(?:;|\.$|$)")


def sniff(path: Path, head: bytes) -> bool:
    return bool(_ROW.match(head.lstrip(b"\xef\xbb\xbf")))


def _read(path: Path) -> list[list[str]]:
    data = path.read_bytes().rstrip(b"\x1a\r\n ")
    text = data.decode("cp1252", errors="replace")
    try:
        return [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error as exc:
        raise SourceFormatError(f"{path.name}: malformed OFAC CSV ({exc})") from exc


def _beside(path: Path, *names: str) -> Path | None:
    by_lower = {p.name.lower(): p for p in path.parent.iterdir() if p.is_file()}
    for name in names:
        if name in by_lower:
            return by_lower[name]
    return None


def _person_name(raw: str) -> tuple[str, dict[str, str]]:
    """ "KOGOGIN, Sergey" as "Sergey KOGOGIN", the order SDN.XML and the other lists use."""
    if "," in raw:
        family, _, given = raw.partition(",")
        family, given = family.strip(), given.strip()
        if family and given:
            return f"{given} {family}", {"family": family, "given": given}
    return raw, {}


def _row_target(row: list[str]) -> Target:
    if len(row) < COLUMNS or not row[0].strip().isdigit():
        raise RecordError(f"not an OFAC sdn.csv row: {','.join(row)[:60]!r}")
    uid = row[0].strip()
    cells = [clean(c) for c in row]
    type_ = TYPES.get((cells[2] or "").lower(), ORGANIZATION)
    name, parts = _person_name(cells[1] or "") if type_ == PERSON else (cells[1] or "", {})
    target = Target(source_ref=uid, type=type_, primary_name=name)
    if cells[4]:
        parts["title"] = cells[4]
    add_name(target, name, PRIMARY, STRONG, parts=parts)
    target.programmes = [p.strip(" []") for p in (cells[3] or "").split("] [") if p.strip(" []")]
    remarks = cells[11] or ""
    target.remarks = remarks or None
    _read_remarks(target, remarks)
    if cells[9]:
        target.countries.append(TargetCountry("flag", to_iso2(cells[9]), cells[9]))
    target.raw = {"call_sign": cells[5], "vessel_type": cells[6], "tonnage": cells[7],
                  "grt": cells[8], "vessel_owner": cells[10]}
    return target


def parse(path: Path) -> ParsedList:
    guard = RecordGuard()
    targets = {t.source_ref: t for t in guard.each(_row_target, _read(path))}
    if not targets:
        raise SourceFormatError(f"{path.name}: no records")
    prefix = "cons_" if path.name.lower().startswith("cons_") else ""
    alt = _beside(path, f"{prefix}alt.csv")
    if alt:
        for row in _read(alt):
            if len(row) >= 4 and row[0].strip() in targets:
                target = targets[row[0].strip()]
                kind = ALT_KINDS.get((clean(row[2]) or "").lower().replace(".", ""), AKA)
                alias = clean(row[3]) or ""
                alias_name, alias_parts = _person_name(alias) if target.type == PERSON else (alias, {})
                add_name(target, alias_name, kind, STRONG, parts=alias_parts)
    add = _beside(path, f"{prefix}add.csv")
    if add:
        for row in _read(add):
            if len(row) >= 5 and row[0].strip() in targets:
                address = ", ".join(c for c in (clean(x) for x in row[2:6]) if c)
                targets[row[0].strip()].raw.setdefault("addresses", []).append(address)
    notes = [] if alt else ["no alt.csv beside the file: only the aliases written in remarks"]
    return ParsedList(format=FORMAT, targets=list(targets.values()), notes=notes,
                      skipped=guard.skipped)


def _read_remarks(target: Target, remarks: str) -> None:
    for alias in _WEAK_AKA.findall(remarks):
        add_name(target, alias, AKA, WEAK)
    for m in _DOB.finditer(remarks):
        parsed = parse_date(m.group(1))
        if parsed:
            target.dates.append(parsed)
    for kind, value in _NATIONALITY.findall(remarks):
        target.countries.append(TargetCountry("citizenship" if kind == "citizen" else "nationality",
                                              to_iso2(value), value.strip()))
    for label, number, country in _ID.findall(remarks):
        id_type = id_type_of(label)
        number = number.strip()
        if number.upper().startswith("IMO"):
            id_type, number = "imo", number[3:].strip()
        target.ids.append(TargetIdentifier(id_type, number, to_iso2(country) if country else None))
