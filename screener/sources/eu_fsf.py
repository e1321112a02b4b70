"""EU: the Financial Sanctions Files full XML, version 1.1.

One sanctionEntity per target, with every name repeated in many EU languages and scripts.
The `strong` flag is nearly always "true", so a name's quality and kind are read from its
remark ("low quality alias", "formerly known as"). There is no primary flag: see
_primary_rank.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.dates import iso_date, parse_date
from screener.model import (
    AKA,
    FKA,
    ORGANIZATION,
    PERSON,
    PRIMARY,
    STRONG,
    UNKNOWN,
    WEAK,
    ParsedList,
    PartialDate,
    RecordError,
    Target,
    TargetCountry,
    TargetIdentifier,
    TargetName,
)
from screener.sources.common import add_name, clean, id_type_of
from screener.sources.records import RecordGuard

FORMAT = "eu_fsf_xml"
NS = "http://eu.europa.ec/fpi/fsd/export"
TYPES = {"person": PERSON, "enterprise": ORGANIZATION}
_WEAK = re.compile(r"\blow quality\b|\bweak\b", re.I)
_FKA = re.compile(r"\bformerly\b|\bf\.?k\.?a\b|\bformer name\b|\bpreviously\b", re.I)
_ALIAS = re.compile(r"\balias\b|a\.?k\.?a\b|also known|quality", re.I)


def sniff(path: Path, head: bytes) -> bool:
    return NS.encode() in head and b"<export" in head


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _name_kind(remark: str | None) -> tuple[str | None, str]:
    """(kind, quality) read from a nameAlias remark; kind None when the remark says nothing."""
    text = remark or ""
    quality = WEAK if _WEAK.search(text) else STRONG
    if _FKA.search(text):
        return FKA, quality
    if _ALIAS.search(text):
        return AKA, quality
    return None, quality


def _primary_rank(name: TargetName) -> tuple[bool, int]:
    """The FSF repeats each name in the EU's languages, in no fixed order: the primary is the
    English Latin-script one, else the untagged Latin one (the entry as designated), else any
    Latin one. The language tag alone is not enough: some Cyrillic names are tagged "EN"."""
    latin = name.script in (None, "Latn")
    return (not latin, 0 if name.lang == "en" else 1 if name.lang is None else 2)


def _birth(elem: etree._Element) -> PartialDate | None:
    a = elem.attrib
    full, year = a.get("birthdate"), a.get("year")
    month, day = a.get("monthOfYear"), a.get("dayOfMonth")
    if full:
        parsed = parse_date(full)
    elif year:
        text = year if not month else f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
        parsed = parse_date(text)
    elif a.get("yearRangeFrom") or a.get("yearRangeTo"):
        lo, hi = a.get("yearRangeFrom") or a.get("yearRangeTo"), a.get("yearRangeTo") or a.get("yearRangeFrom")
        parsed = parse_date(f"{lo} to {hi}") if lo != hi else parse_date(lo)
    else:
        parsed = None
    if parsed is None:
        return None
    parsed.approximate = parsed.approximate or a.get("circa") == "true"
    calendar = a.get("calendarType")
    if calendar and calendar.upper() != "GREGORIAN":
        parsed.calendar = calendar.upper()
    place = ", ".join(p for p in (clean(a.get("city")), clean(a.get("place")),
                                  clean(a.get("region"))) if p)
    parsed.place = place or None
    parsed.country = to_iso2(a.get("countryIso2Code"))
    return parsed


def _entity(elem: etree._Element) -> Target:
    a = elem.attrib
    ref = clean(a.get("euReferenceNumber")) or clean(a.get("logicalId"))
    if not ref:
        raise RecordError("a sanctionEntity has neither euReferenceNumber nor logicalId")
    subject = elem.find(_q("subjectType"))
    type_ = TYPES.get(subject.get("code", "") if subject is not None else "", UNKNOWN)
    target = Target(source_ref=ref, type=type_, primary_name="")
    functions: list[str] = []
    candidates: list[TargetName] = []  # names no remark marks as aliases
    for alias in elem.findall(_q("nameAlias")):
        aa = alias.attrib
        kind, quality = _name_kind(xmlsafe.text(alias.find(_q("remark"))))
        if aa.get("strong") == "false":
            quality = WEAK
        parts = {k: v for k, v in (("given", clean(aa.get("firstName"))),
                                   ("middle", clean(aa.get("middleName"))),
                                   ("family", clean(aa.get("lastName"))),
                                   ("title", clean(aa.get("title")))) if v}
        whole = clean(aa.get("wholeName")) or " ".join(
            parts[k] for k in ("given", "middle", "family") if k in parts)
        lang = (clean(aa.get("nameLanguage")) or "").lower() or None
        name = add_name(target, whole, kind or AKA, quality, lang=lang, parts=parts)
        if name is not None and kind is None and name not in candidates:
            candidates.append(name)
        function = clean(aa.get("function"))
        if function and function not in functions:
            functions.append(function)
    primary = min(candidates or target.names, key=_primary_rank, default=None)
    if primary is not None:
        primary.kind = PRIMARY
    target.primary_name = primary.full_name if primary is not None else ref
    publication_dates = []
    for reg in elem.findall(_q("regulation")):
        programme = clean(reg.get("programme"))
        if programme and programme not in target.programmes:
            target.programmes.append(programme)
        if reg.get("publicationDate"):
            publication_dates.append(reg.get("publicationDate"))
    # FSF's listing date is the publication date of the first regulation naming the target
    # (as OpenSanctions reads it); designationDate is kept in raw.
    # designationDate, where given, is the original listing; regulations may be later amendments.
    if clean(a.get("designationDate")):
        publication_dates.append(a.get("designationDate"))
    target.listed_on = iso_date(min(publication_dates)) if publication_dates else None
    for birth in elem.findall(_q("birthdate")):
        parsed = _birth(birth)
        if parsed:
            target.dates.append(parsed)
    for cit in elem.findall(_q("citizenship")):
        raw = clean(cit.get("countryDescription")) or clean(cit.get("countryIso2Code")) or ""
        code = to_iso2(cit.get("countryIso2Code"))
        if code or raw not in ("", "UNKNOWN"):
            target.countries.append(TargetCountry("citizenship", code, raw))
    for ident in elem.findall(_q("identification")):
        ia = ident.attrib
        number = clean(ia.get("number")) or clean(ia.get("latinNumber"))
        if not number:
            continue
        code = ia.get("identificationTypeCode", "")
        id_type = {"id": "national_id", "fiscalcode": "tax", "regnumber": "registration",
                   "swiftbic": "swift", "imo": "imo", "passport": "passport"}.get(code)
        id_type = id_type or id_type_of(ia.get("identificationTypeDescription"))
        notes = [n for n, flag in (("known false", "knownFalse"), ("known expired", "knownExpired"))
                 if ia.get(flag) == "true"]
        remark = xmlsafe.text(ident.find(_q("remark")))
        if remark:
            notes.append(remark)
        target.ids.append(TargetIdentifier(id_type, number, to_iso2(ia.get("countryIso2Code")),
                                           "; ".join(notes) or None))
    remarks = [xmlsafe.text(r) for r in elem.findall(_q("remark"))]
    target.remarks = " | ".join(r for r in remarks if r) or None
    target.raw = {"logical_id": a.get("logicalId"), "united_nation_id": clean(a.get("unitedNationId")),
                  "designation_date": clean(a.get("designationDate")),
                  "designation_details": clean(a.get("designationDetails")),
                  "functions": functions}
    return target


def parse(path: Path) -> ParsedList:
    attrs = xmlsafe.require_root(path, "export", "an EU FSF XML file")
    guard = RecordGuard()
    targets = list(guard.each(_entity, xmlsafe.records(path, _q("sanctionEntity"))))
    return ParsedList(format=FORMAT, targets=targets,
                      publication_date=iso_date(attrs.get("generationDate")), skipped=guard.skipped)
