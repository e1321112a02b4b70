"""US OFAC: SDN_ENHANCED.XML / CONS_ENHANCED.XML (OFAC serves both also zipped).

The same database as ADVANCED, exported flatter: each `entity` carries its names with
translations and typed parts, its lists with their publication dates, its programmes,
documents and features; ids point into `referenceValues` only for codes (countries, scripts).
Names are assembled exactly as for ADVANCED (ofac_common), so either file gives one target
the same names.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.dates import iso_date
from screener.model import (
    AKA,
    PRIMARY,
    STRONG,
    UNKNOWN,
    WEAK,
    ParsedList,
    RecordError,
    SourceFormatError,
    Target,
    TargetCountry,
)
from screener.sources.common import clean, make_identifier
from screener.sources.ofac_common import (
    ALIAS_KINDS,
    COUNTRY_FEATURES,
    ID_FEATURES,
    PART_TYPES,
    PARTY_TYPES,
    UMBRELLA_LISTS,
    add_typed_name,
    birth_places,
    span_date,
)
from screener.sources.records import RecordGuard

FORMAT = "ofac_enhanced_xml"


def sniff(path: Path, head: bytes) -> bool:
    return b"<sanctionsData" in head and b"ENHANCED_XML" in head


def _named(elem: etree._Element | None, name: str) -> Iterator[etree._Element]:
    """Children called `name` in any namespace (a plain loop beats lxml's find() here)."""
    if elem is None:
        return
    suffix = "}" + name
    for child in elem:
        tag = child.tag
        if isinstance(tag, str) and (tag.endswith(suffix) or tag == name):
            yield child


def _child(elem: etree._Element | None, name: str) -> etree._Element | None:
    return next(_named(elem, name), None)


def _children(elem: etree._Element | None, name: str) -> list[etree._Element]:
    return list(_named(elem, name))


def _text(elem: etree._Element | None, name: str) -> str | None:
    return clean(getattr(_child(elem, name), "text", None))


def _true(elem: etree._Element | None, name: str) -> bool:
    return (_text(elem, name) or "").lower() == "true"


def _ymd(text: str | None) -> tuple[int, int, int] | None:
    try:
        day = date.fromisoformat((text or "")[:10])
    except ValueError:
        return None
    return day.year, day.month, day.day


class _Refs:
    """referenceValues: refId -> ISO code for countries and scripts."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def read(self, elem: etree._Element) -> None:
        for value in _children(elem, "referenceValue"):
            kind = (_text(value, "type") or "").upper()
            if kind == "COUNTRY":
                code = _text(value, "isoCode") or to_iso2(_text(value, "value") or "")
            elif kind == "SCRIPT":
                code = _text(value, "code")
            else:
                continue
            if code:
                self.codes[value.get("refId", "")] = code

    def code(self, elem: etree._Element | None) -> str | None:
        return self.codes.get(elem.get("refId", "")) if elem is not None else None


def _entity(elem: etree._Element, refs: _Refs) -> Target:
    ref = clean(elem.get("id"))
    if not ref:
        raise RecordError("an entity has no id")
    info = _child(elem, "generalInfo")
    type_ = PARTY_TYPES.get((_text(info, "entityType") or "").lower(), UNKNOWN)
    target = Target(source_ref=ref, type=type_, primary_name="", remarks=_text(info, "remarks"))
    for name in _children(_child(elem, "names"), "name"):
        if _true(name, "isPrimary"):
            kind = PRIMARY
        else:
            kind = ALIAS_KINDS.get((_text(name, "aliasType") or "").lower(), AKA)
        quality = WEAK if _true(name, "isLowQuality") else STRONG
        for translation in _children(_child(name, "translations"), "translation"):
            parts: dict[str, str] = {}
            for part in _children(_child(translation, "nameParts"), "namePart"):
                text = _text(part, "value")
                if text:
                    key = PART_TYPES.get((_text(part, "type") or "").lower(), "other")
                    parts[key] = f"{parts[key]} {text}" if key in parts else text
            if not parts and _text(translation, "formattedFullName"):
                parts = {"other": _text(translation, "formattedFullName") or ""}
            script = _child(translation, "script")
            label = refs.code(script) or (script.text if script is not None else None)
            add_typed_name(target, parts, kind, quality, label)
    if not target.names:
        raise RecordError(f"entity {ref} has no name")
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name
    lists = []
    for listed in _children(_child(elem, "sanctionsLists"), "sanctionsList"):
        name = clean(listed.text)
        if name and name.lower() not in UMBRELLA_LISTS:
            lists.append(name)
        published = iso_date(listed.get("datePublished"))
        if published and (target.listed_on is None or published < target.listed_on):
            target.listed_on = published
    for programme in _children(_child(elem, "sanctionsPrograms"), "sanctionsProgram"):
        text = clean(programme.text)
        if text and text not in target.programmes:
            target.programmes.append(text)
    for document in _children(_child(elem, "identityDocuments"), "identityDocument"):
        ident = make_identifier(_text(document, "type"), _text(document, "documentNumber"),
                                refs.code(_child(document, "issuingCountry")))
        if ident is not None:
            target.ids.append(ident)
    _features(target, elem, refs)
    target.raw = {"lists": lists, "identity_id": _text(info, "identityId")}
    return target


def _features(target: Target, elem: etree._Element, refs: _Refs) -> None:
    births = []
    places = []
    for feature in _children(_child(elem, "features"), "feature"):
        label = _text(feature, "type") or ""
        low = label.lower()
        value = _text(feature, "value")
        if low == "birthdate":
            period = _child(feature, "valueDate")
            births.append(span_date(_ymd(_text(period, "fromDateBegin")), _ymd(_text(period, "toDateEnd")),
                                    _true(period, "isApproximate")))
        elif low == "place of birth" and value:
            places.append(value)
        elif low in COUNTRY_FEATURES and value:
            code = refs.codes.get(_text(feature, "valueRefId") or "") or to_iso2(value)
            target.countries.append(TargetCountry(COUNTRY_FEATURES[low], code, value))
        elif low.startswith("digital currency address") or low in ID_FEATURES:
            ident = make_identifier(low, value, note=label if low.startswith("digital") else None)
            if ident is not None:
                target.ids.append(ident)
    target.dates.extend(b for b in births if b.date_from)
    birth_places(target.dates, places)


def parse(path: Path) -> ParsedList:
    xmlsafe.require_root(path, "sanctionsData", "an OFAC ENHANCED XML file")
    refs = _Refs()
    guard = RecordGuard()
    targets: list[Target] = []
    issued: str | None = None
    wanted = tuple(f"{{*}}{tag}" for tag in ("dataAsOf", "referenceValues", "entity"))
    for _event, elem in xmlsafe.iterparse(path, tags=wanted):
        name = xmlsafe.local(elem)
        if name == "dataAsOf":
            issued = iso_date(elem.text)
        elif name == "referenceValues":
            refs.read(elem)
            xmlsafe.release(elem)
        elif name == "entity":
            target = guard.read(lambda e: _entity(e, refs), elem, elem.get("id"))
            if target is not None:
                targets.append(target)
            xmlsafe.release(elem)
    if not targets and not guard.skipped:
        raise SourceFormatError(f"{path.name}: no entity records")
    return ParsedList(format=FORMAT, targets=targets, publication_date=issued, skipped=guard.skipped)
