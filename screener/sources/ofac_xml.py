"""US OFAC: the SDN.XML schema, shared by SDN.XML and CONSOLIDATED.XML (the non-SDN lists).

Lighter than the ADVANCED format: no listing dates and no non-Latin script, but every
a.k.a. with its strong/weak category, birth dates, nationalities and identifiers.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.dates import iso_date, parse_date
from screener.model import (
    AKA,
    FKA,
    NKA,
    PRIMARY,
    STRONG,
    UNKNOWN,
    WEAK,
    ParsedList,
    RecordError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, id_type_of
from screener.sources.ofac_common import PARTY_TYPES
from screener.sources.records import RecordGuard

FORMAT = "ofac_sdn_xml"
AKA_KINDS = {"a.k.a.": AKA, "f.k.a.": FKA, "n.k.a.": NKA}
# Rows of idList that are facts about the listing, not identifiers.
NOT_IDENTIFIERS = ("gender", "secondary sanctions", "additional sanctions", "transactions prohibited",
                   "organization established", "organization type", "website", "email",
                   "target type", "aircraft", "executive order", "government gazette",
                   "phone", "vessel type", "vessel flag", "listing date")


def sniff(path: Path, head: bytes) -> bool:
    return b"<sdnList" in head and b"ADVANCED_XML" not in head


def _child(elem: etree._Element, name: str) -> str | None:
    child = elem.find(f"{{*}}{name}")
    return clean(child.text) if child is not None else None


def _children(elem: etree._Element, name: str) -> list[etree._Element]:
    return xmlsafe.descendants(elem, name)


def _full_name(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def _entry(elem: etree._Element) -> Target:
    uid = _child(elem, "uid")
    if not uid:
        raise RecordError("an sdnEntry has no uid")
    type_ = PARTY_TYPES.get((_child(elem, "sdnType") or "").lower(), UNKNOWN)
    first, last = _child(elem, "firstName"), _child(elem, "lastName")
    primary = _full_name(first, last)
    target = Target(source_ref=uid, type=type_, primary_name=primary)
    parts = {k: v for k, v in (("given", first), ("family", last)) if v}
    title = _child(elem, "title")
    if title:
        parts["title"] = title
    add_name(target, primary, PRIMARY, STRONG, parts=parts)
    for aka in _children(elem, "aka"):
        a_first, a_last = _child(aka, "firstName"), _child(aka, "lastName")
        kind = AKA_KINDS.get((_child(aka, "type") or "").lower(), AKA)
        quality = WEAK if (_child(aka, "category") or "").lower() == "weak" else STRONG
        a_parts = {k: v for k, v in (("given", a_first), ("family", a_last)) if v}
        add_name(target, _full_name(a_first, a_last), kind, quality, parts=a_parts)
    target.programmes = [p for p in (clean(e.text) for e in _children(elem, "program")) if p]
    for item in _children(elem, "dateOfBirthItem"):
        parsed = parse_date(_child(item, "dateOfBirth"))
        if parsed:
            target.dates.append(parsed)
    places = [_child(p, "placeOfBirth") for p in _children(elem, "placeOfBirthItem")]
    for place in places:
        if place:
            country = to_iso2(place.rsplit(",", 1)[-1])
            target.countries.append(TargetCountry("birth", country, place))
            for d in target.dates:
                d.place = d.place or place
    for kind, tag in (("nationality", "nationality"), ("citizenship", "citizenship")):
        for item in _children(elem, tag):
            raw = _child(item, "country")
            if raw:
                target.countries.append(TargetCountry(kind, to_iso2(raw), raw))
    facts = {}
    for item in _children(elem, "id"):
        raw_type, number = _child(item, "idType") or "", _child(item, "idNumber")
        if not number:
            continue
        if raw_type.lower().startswith(NOT_IDENTIFIERS):
            facts.setdefault(raw_type.rstrip(" :-"), []).append(number)
            continue
        id_type = id_type_of(raw_type)
        if raw_type.lower().startswith("vessel registration") and number.upper().startswith("IMO"):
            id_type, number = "imo", number[3:].strip()
        country = _child(item, "idCountry")
        target.ids.append(TargetIdentifier(id_type, number, to_iso2(country) if country else None,
                                           raw_type if id_type == "other" else None))
    for info in _children(elem, "vesselInfo"):
        flag = _child(info, "vesselFlag")
        if flag:
            target.countries.append(TargetCountry("flag", to_iso2(flag), flag))
        facts["vessel"] = {xmlsafe.local(c): clean(c.text) for c in info if isinstance(c.tag, str)}
    target.remarks = _child(elem, "remarks")
    addresses = []
    for addr in _children(elem, "address"):
        fields = [_child(addr, f) for f in ("address1", "address2", "address3", "city",
                                            "stateOrProvince", "postalCode", "country")]
        addresses.append(", ".join(f for f in fields if f))
    target.raw = {"uid": uid, "title": title, "addresses": addresses, **facts}
    return target


def parse(path: Path) -> ParsedList:
    targets: list[Target] = []
    guard = RecordGuard()
    publish_date: str | None = None
    declared: int | None = None
    xmlsafe.require_root(path, "sdnList", "an OFAC SDN.XML file")
    wanted = tuple(f"{{*}}{tag}" for tag in ("Publish_Date", "Record_Count", "sdnEntry"))
    for _event, elem in xmlsafe.iterparse(path, tags=wanted):
        name = xmlsafe.local(elem)
        if name == "Publish_Date":
            publish_date = iso_date(_us_date(elem.text))
        elif name == "Record_Count" and (elem.text or "").strip().isdigit():
            declared = int(elem.text.strip())
        elif name == "sdnEntry":
            target = guard.read(_entry, elem)
            if target is not None:
                targets.append(target)
            xmlsafe.release(elem)
    notes = []
    if declared is not None and declared != len(targets):
        notes.append(f"the file declares {declared} records but holds {len(targets)}")
    return ParsedList(format=FORMAT, targets=targets, publication_date=publish_date,
                      declared_count=declared, notes=notes, skipped=guard.skipped)


def _us_date(text: str | None) -> str | None:
    """OFAC writes MM/DD/YYYY."""
    parts = (text or "").strip().split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}-{int(parts[0]):02d}-{int(parts[1]):02d}"
    return text
