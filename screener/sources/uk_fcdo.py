"""UK: the FCDO UK Sanctions List XML, the live UK source since January 2026.

Names come as Name1..Name6 (Name1 the given name, Name6 the family or whole organisation
name, Names 2-5 in between). Labels are inconsistent ("ALias", "Primary name") and
non-Latin script labels are unreliable, so both are normalised here.
"""

from __future__ import annotations

import html
from pathlib import Path

from lxml import etree

from screener import xmlsafe
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
    VARIATION,
    VESSEL,
    WEAK,
    ParsedList,
    RecordError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, make_identifier
from screener.sources.records import RecordGuard

FORMAT = "gb_fcdo_xml"
TYPES = {"individual": PERSON, "entity": ORGANIZATION, "ship": VESSEL}
NAME_TYPES = {"primary name": PRIMARY, "primary name variation": VARIATION, "alias": AKA}


def sniff(path: Path, head: bytes) -> bool:
    return b"<Designations" in head


def _all(elem: etree._Element, name: str) -> list[etree._Element]:
    return xmlsafe.descendants(elem, name)


def _first(elem: etree._Element, name: str) -> str | None:
    for e in _all(elem, name):
        value = clean(e.text)
        if value:
            return value
    return None


def _texts(elem: etree._Element, name: str) -> list[str]:
    return [v for v in (clean(e.text) for e in _all(elem, name)) if v]


def _designation(elem: etree._Element) -> Target:
    ref = _first(elem, "UniqueID")
    if not ref:
        named = _first(elem, "Name6") or _first(elem, "Name1")
        raise RecordError("a Designation has no UniqueID" + (f" ({named})" if named else ""))
    type_ = TYPES.get((_first(elem, "IndividualEntityShip") or "").lower(), UNKNOWN)
    target = Target(source_ref=ref, type=type_, primary_name="")
    for name in _all(elem, "Name"):
        words = [clean(name.findtext(f"{{*}}Name{i}") or name.findtext(f"Name{i}")) for i in range(1, 7)]
        full = " ".join(w for w in words if w)
        if not full:
            continue
        kind = NAME_TYPES.get((_first(name, "NameType") or "").strip().lower(), AKA)
        strength = (_first(name, "AliasStrength") or "").lower()
        if "low" in strength:
            quality = WEAK
        elif not strength and kind == AKA and type_ == PERSON and len(full.split()) == 1:
            quality = WEAK  # a blank-strength one-word person alias is too weak to match alone
        else:
            quality = STRONG
        parts = {}
        if words[0]:
            parts["given"] = words[0]
        middle = " ".join(w for w in words[1:5] if w)
        if middle:
            parts["middle"] = middle
        if words[5]:
            parts["family"] = words[5]
        add_name(target, full, kind, quality, parts=parts)
    for non_latin in _all(elem, "NonLatinName"):
        text = _first(non_latin, "NameNonLatinScript")
        # The publisher's script label is wrong for some names: add_name detects the script.
        add_name(target, text, ORIGINAL_SCRIPT, STRONG, lang=_first(non_latin, "NonLatinScriptLanguage"))
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name if primaries else ref
    target.programmes = _texts(elem, "RegimeName")
    target.listed_on = iso_date(_first(elem, "DateDesignated"))
    for dob in dict.fromkeys(_texts(elem, "DOB")):  # the file repeats some dates exactly
        target.dates.extend(parse_dates(dob))
    countries = [("nationality", part) for nat in _texts(elem, "Nationality") for part in split_countries(nat)]
    countries += [("birth", c) for c in _texts(elem, "CountryOfBirth")]
    countries += [("flag", c) for c in _texts(elem, "CurrentBelievedFlagOfShip")]
    for kind, country in dict.fromkeys(countries):
        target.countries.append(TargetCountry(kind, to_iso2(country), country))
    for passport in _all(elem, "Passport"):
        number = _first(passport, "PassportNumber")
        if number:
            target.ids.append(TargetIdentifier("passport", number,
                                               note=_first(passport, "PassportAdditionalInformation")))
    for ident in _all(elem, "NationalIdentifier"):
        number = _first(ident, "NationalIdentifierNumber")
        if number:
            target.ids.append(TargetIdentifier(
                "national_id", number, note=_first(ident, "NationalIdentifierAdditionalInformation")))
    for number in _texts(elem, "BusinessRegistrationNumber"):
        target.ids.append(TargetIdentifier("registration", number))
    for number in _texts(elem, "IMONumber"):  # written "IMO9562233" in the real file
        ident = make_identifier("imo", number)
        if ident is not None:
            target.ids.append(ident)
    reasons = _first(elem, "UKStatementofReasons")
    other = _first(elem, "OtherInformation")
    target.remarks = " | ".join(html.unescape(t) for t in (reasons, other) if t) or None
    target.raw = {
        "ofsi_group_id": _first(elem, "OFSIGroupID"),
        "un_reference": _first(elem, "UNReferenceNumber"),
        "designation_source": _first(elem, "DesignationSource"),
        "sanctions_imposed": [s.strip() for s in (_first(elem, "SanctionsImposed") or "").split("|") if s.strip()],
        "last_updated": iso_date(_first(elem, "LastUpdated")),
        "titles": _texts(elem, "Title"),
        "positions": _texts(elem, "Position"),
    }
    if type_ == VESSEL:
        target.raw.update({"previous_flags": _texts(elem, "PreviousFlag"),
                           "ship_type": _first(elem, "TypeOfShip"),
                           "owner_operators": _texts(elem, "CurrentOwnerOperator")})
    return target


def parse(path: Path) -> ParsedList:
    attrs = xmlsafe.require_root(path, "Designations", "an FCDO UK Sanctions List")
    guard = RecordGuard()
    targets: list[Target] = []
    generated = None
    depth = 0
    for event, elem in xmlsafe.iterparse(path, events=("start", "end")):
        name = xmlsafe.local(elem)
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if name == "DateGenerated" and depth == 1:
            generated = iso_date(elem.text)
        elif name == "Designation" and depth == 1:
            target = guard.read(_designation, elem)
            if target is not None:
                targets.append(target)
            xmlsafe.release(elem)
    # The root's dateGenerated (an ISO datetime) stands in when the element is missing.
    generated = generated or iso_date((attrs.get("dateGenerated") or "")[:10])
    return ParsedList(format=FORMAT, targets=targets, publication_date=generated,
                      skipped=guard.skipped)
