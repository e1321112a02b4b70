"""UK (historical): the OFSI Consolidated List, 2022 format, as xlsx or csv.

OFSI closed this list on 2026-01-28; the FCDO UK Sanctions List replaced it. It is kept
for historical imports. One row per name per regime: a Group ID is one target.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from screener.countries import split_countries, to_iso2
from screener.dates import iso_date, parse_dates
from screener.model import (
    AKA,
    FKA,
    ORGANIZATION,
    ORIGINAL_SCRIPT,
    PERSON,
    PRIMARY,
    STRONG,
    UNKNOWN,
    VARIATION,
    VESSEL,
    WEAK,
    ParsedList,
    SourceFormatError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, column_values, open_xlsx_rows, xlsx_sniff
from screener.sources.records import RecordGuard

FORMATS = ("gb_ofsi_xlsx", "gb_ofsi_csv")
TYPES = {"individual": PERSON, "entity": ORGANIZATION, "ship": VESSEL}
ALIAS_TYPES = {"primary name": PRIMARY, "primary name variation": VARIATION, "aka": AKA,
               "fka": FKA}
REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Group ID")


def sniff_gb_ofsi_xlsx(path: Path, head: bytes) -> bool:
    return xlsx_sniff(head, b"Group ID", path) and xlsx_sniff(head, b"Name 6", path)


def sniff_gb_ofsi_csv(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8-sig", errors="replace")
    return text.startswith("Last Updated") and "Name 6" in text and "Group ID" in text


def parse_gb_ofsi_xlsx(path: Path) -> ParsedList:
    return _parse(path, open_xlsx_rows(path), "gb_ofsi_xlsx")


def parse_gb_ofsi_csv(path: Path) -> ParsedList:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _parse(path, csv.reader(io.StringIO(text, newline="")), "gb_ofsi_csv")


def _parse(path: Path, rows: Iterable[Any], fmt: str) -> ParsedList:
    rows = iter(rows)
    first = next(rows, None)
    header = next(rows, None)
    if not first or str(first[0] or "").strip() != "Last Updated" or not header:
        raise SourceFormatError(f"{path.name}: not an OFSI Consolidated List (no 'Last Updated' row)")
    columns = [str(c or "").strip() for c in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise SourceFormatError(f"{path.name}: OFSI list without columns {', '.join(missing)}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in _records(rows, columns):
        gid = clean(row.get("Group ID"))
        if gid:
            groups.setdefault(gid, []).append(row)
    if not groups:
        raise SourceFormatError(f"{path.name}: the OFSI list holds no records")
    guard = RecordGuard()
    targets = list(guard.each(lambda gid: _target(gid, groups[gid]), groups))
    return ParsedList(format=fmt, targets=targets, publication_date=iso_date(first[1]),
                      skipped=guard.skipped)


def _records(rows: Iterator[Any], columns: list[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        if row and any(c not in (None, "") for c in row):
            yield dict(zip(columns, row, strict=False))


def _full_name(row: dict[str, Any]) -> tuple[str, dict[str, str]]:
    given = [clean(row.get(f"Name {i}")) for i in range(1, 6)]
    family = clean(row.get("Name 6"))
    words = [g for g in given if g] + ([family] if family else [])
    parts = {}
    if given[0]:
        parts["given"] = given[0]
    middle = " ".join(g for g in given[1:] if g)
    if middle:
        parts["middle"] = middle
    if family:
        parts["family"] = family
    return " ".join(words), parts


def _target(gid: str, rows: list[dict[str, Any]]) -> Target:
    type_ = TYPES.get((clean(rows[0].get("Group Type")) or "").lower(), UNKNOWN)
    target = Target(source_ref=gid, type=type_, primary_name="")
    for row in rows:
        full, parts = _full_name(row)
        title = clean(row.get("Title"))
        if title:
            parts["title"] = title
        kind = ALIAS_TYPES.get((clean(row.get("Alias Type")) or "").lower(), AKA)
        quality = WEAK if "low" in (clean(row.get("Alias Quality")) or "").lower() else STRONG
        add_name(target, full, kind, quality, parts=parts)
        non_latin = clean(row.get("Name Non-Latin Script"))
        if non_latin:
            lang = clean(row.get("Non-Latin Script Language"))
            add_name(target, non_latin, ORIGINAL_SCRIPT, STRONG, lang=lang)
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name if primaries else gid
    target.programmes = column_values(rows, "Regime")
    listed = sorted(d for d in (iso_date(v) for v in column_values(rows, "Listed On")) if d)
    target.listed_on = listed[0] if listed else None
    for value in column_values(rows, "DOB"):
        target.dates.extend(parse_dates(value))
    towns = column_values(rows, "Town of Birth")
    for d in target.dates:
        d.place = towns[0] if towns else None
    for value in column_values(rows, "Nationality"):
        for part in split_countries(value):
            target.countries.append(TargetCountry("nationality", to_iso2(part), part))
    for value in column_values(rows, "Country of Birth"):
        target.countries.append(TargetCountry("birth", to_iso2(value), value))
    for value in column_values(rows, "Passport Number"):
        target.ids.append(TargetIdentifier("passport", value))
    for value in column_values(rows, "National Identification Number"):
        target.ids.append(TargetIdentifier("national_id", value))
    target.remarks = " | ".join(column_values(rows, "Other Information")) or None
    target.raw = {
        "date_designated": [iso_date(v) for v in column_values(rows, "UK Sanctions List Date Designated")],
        "last_updated": [iso_date(v) for v in column_values(rows, "Last Updated")],
        "positions": column_values(rows, "Position"),
        "addresses": [", ".join(p for p in (clean(r.get(f"Address {i}")) for i in range(1, 7)) if p)
                      for r in rows[:1]],
    }
    return target
