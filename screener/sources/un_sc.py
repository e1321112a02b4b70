"""UN Security Council Consolidated List (optional fifth source, jurisdiction UN)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.dates import iso_date, parse_date
from screener.model import (
    AKA,
    FKA,
    ORGANIZATION,
    ORIGINAL_SCRIPT,
    PERSON,
    PRIMARY,
    STRONG,
    WEAK,
    ParsedList,
    PartialDate,
    RecordError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, id_type_of
from screener.sources.records import RecordGuard

FORMAT = "un_sc_xml"
QUALITIES = {"good": (AKA, STRONG), "a.k.a.": (AKA, STRONG), "low": (AKA, WEAK),
             "f.k.a.": (FKA, STRONG)}


def sniff(path: Path, head: bytes) -> bool:
    return b"<CONSOLIDATED_LIST" in head


def _text(elem: etree._Element, tag: str) -> str | None:
    return clean(elem.findtext(tag))


def _dob(elem: etree._Element) -> PartialDate | None:
    kind = (_text(elem, "TYPE_OF_DATE") or "").upper()
    if _text(elem, "DATE"):
        parsed = parse_date(_text(elem, "DATE"))
    elif _text(elem, "YEAR"):
        parsed = parse_date(_text(elem, "YEAR"))
    elif _text(elem, "FROM_YEAR") or _text(elem, "TO_YEAR"):
        lo = _text(elem, "FROM_YEAR") or _text(elem, "TO_YEAR")
        hi = _text(elem, "TO_YEAR") or lo
        parsed = parse_date(f"{lo} to {hi}" if lo != hi else lo)
    else:
        return None
    if parsed and kind in ("APPROXIMATELY", "BETWEEN"):
        parsed.approximate = True
    return parsed


def _record(elem: etree._Element, person: bool) -> Target:
    ref = _text(elem, "REFERENCE_NUMBER") or _text(elem, "DATAID")
    if not ref:
        raise RecordError("a UN record has no REFERENCE_NUMBER")
    words = [_text(elem, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    full = " ".join(w for w in words if w)
    parts = {}
    if person and words[0]:
        parts["given"] = words[0]
        rest = [w for w in words[1:] if w]
        if rest:
            parts["family"] = " ".join(rest)
    target = Target(source_ref=ref, type=PERSON if person else ORGANIZATION, primary_name=full)
    add_name(target, full, PRIMARY, STRONG, parts=parts)
    add_name(target, _text(elem, "NAME_ORIGINAL_SCRIPT"), ORIGINAL_SCRIPT, STRONG)
    for alias in elem.findall("INDIVIDUAL_ALIAS" if person else "ENTITY_ALIAS"):
        kind, quality = QUALITIES.get((_text(alias, "QUALITY") or "").lower(), (AKA, STRONG))
        for name in (_text(alias, "ALIAS_NAME") or "").split("; "):
            add_name(target, name, kind, quality)
    target.programmes = [p for p in [_text(elem, "UN_LIST_TYPE")] if p]
    target.listed_on = iso_date(_text(elem, "LISTED_ON"))
    for dob in elem.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        parsed = _dob(dob)
        if parsed:
            target.dates.append(parsed)
    for value in elem.findall("NATIONALITY/VALUE"):
        raw = clean(value.text)
        if raw:
            target.countries.append(TargetCountry("nationality", to_iso2(raw), raw))
    for doc in elem.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if number:
            raw_type = _text(doc, "TYPE_OF_DOCUMENT")
            country = _text(doc, "ISSUING_COUNTRY")
            target.ids.append(TargetIdentifier(id_type_of(raw_type), number,
                                               to_iso2(country) if country else None, raw_type))
    target.remarks = _text(elem, "COMMENTS1")
    target.raw = {"dataid": _text(elem, "DATAID"),
                  "last_updated": [clean(v.text) for v in elem.findall("LAST_DAY_UPDATED/VALUE")],
                  "designation": [clean(v.text) for v in elem.findall("DESIGNATION/VALUE")],
                  "title": [clean(v.text) for v in elem.findall("TITLE/VALUE")]}
    return target


def parse(path: Path) -> ParsedList:
    attrs = xmlsafe.require_root(path, "CONSOLIDATED_LIST", "a UN consolidated list")
    guard = RecordGuard()
    targets = list(guard.each(lambda e: _record(e, e.tag == "INDIVIDUAL"),
                              xmlsafe.records(path, ("INDIVIDUAL", "ENTITY"))))
    return ParsedList(format=FORMAT, targets=targets,
                      publication_date=iso_date(attrs.get("dateGenerated")), skipped=guard.skipped)
