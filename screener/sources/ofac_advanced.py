"""US OFAC: SDN_ADVANCED.XML / CONS_ADVANCED.XML (both namespaces: the UN's of 2020, OFAC's now).

Listing dates, non-Latin script, typed name parts and the LowQuality flag together (as in
ENHANCED, which reads the same through ofac_common). The primary name is the Alias marked
Primary="true", not the first listed; real files write the Latin ScriptCode "Latin". Every id in a record resolves through ReferenceValueSets, and
programmes and listing dates sit in SanctionsEntries after the parties, so parties are
kept by profile id until their entries are read.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.model import (
    AKA,
    PRIMARY,
    STRONG,
    UNKNOWN,
    WEAK,
    ParsedList,
    PartialDate,
    RecordError,
    SourceFormatError,
    Target,
    TargetCountry,
    TargetIdentifier,
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
    iso_ymd,
    span_date,
)
from screener.sources.records import RecordGuard

FORMAT = "ofac_advanced_xml"


def sniff(path: Path, head: bytes) -> bool:
    return b"ADVANCED_XML" in head or (b"<Sanctions" in head and b"ReferenceValueSets" in head)


def _kids(elem: etree._Element, name: str) -> list[etree._Element]:
    return xmlsafe.descendants(elem, name)


def _ymd(elem: etree._Element | None) -> tuple[int, int, int] | None:
    if elem is None:
        return None
    values = {}
    for child in elem:
        if isinstance(child.tag, str) and (child.text or "").strip().isdigit():
            values[xmlsafe.local(child)] = int(child.text)
    if "Year" not in values:
        return None
    return values["Year"], values.get("Month", 1), values.get("Day", 1)


class _Refs:
    """ReferenceValueSets: id -> label for each value set, plus countries and locations."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, str]] = {}
        self.iso2: dict[str, str] = {}
        self.scripts: dict[str, str] = {}
        self.location_country: dict[str, str] = {}
        self.documents: dict[str, list[TargetIdentifier]] = {}

    def label(self, kind: str, ident: str | None) -> str:
        return self.values.get(kind, {}).get(ident or "", "")

    def read_value_sets(self, elem: etree._Element) -> None:
        for value_set in elem:
            if not isinstance(value_set.tag, str):
                continue
            for value in value_set:
                if not isinstance(value.tag, str):
                    continue
                kind = xmlsafe.local(value)
                self.values.setdefault(kind, {})[value.get("ID", "")] = clean(value.text) or ""
                if kind == "Country" and value.get("ISO2"):
                    self.iso2[value.get("ID", "")] = value.get("ISO2")
                if kind == "Script" and value.get("ScriptCode"):
                    self.scripts[value.get("ID", "")] = value.get("ScriptCode")

    def read_location(self, elem: etree._Element) -> None:
        for country in _kids(elem, "LocationCountry"):
            code = self.iso2.get(country.get("CountryID", ""))
            self.location_country[elem.get("ID", "")] = code or to_iso2(
                self.label("Country", country.get("CountryID"))) or ""

    def read_document(self, elem: etree._Element) -> None:
        country = self.iso2.get(elem.get("IssuedBy-CountryID", "")) or None
        ident = make_identifier(self.label("IDRegDocType", elem.get("IDRegDocTypeID")),
                                xmlsafe.text(elem, "IDRegistrationNo"), country)
        if ident is not None:
            self.documents.setdefault(elem.get("IdentityID", ""), []).append(ident)


def _party(elem: etree._Element, refs: _Refs) -> tuple[str, Target]:
    ref = elem.get("FixedRef")
    profile = next(iter(_kids(elem, "Profile")), None)
    if not ref or profile is None:
        raise RecordError("a DistinctParty has no FixedRef or Profile")
    sub_type = refs.label("PartySubType", profile.get("PartySubTypeID")).lower()
    if sub_type in PARTY_TYPES:
        type_ = PARTY_TYPES[sub_type]
    else:
        party_type_id = refs.values.get("PartySubTypeParty", {}).get(profile.get("PartySubTypeID", ""))
        type_ = PARTY_TYPES.get(refs.label("PartyType", party_type_id).lower(), UNKNOWN)
    target = Target(source_ref=ref, type=type_, primary_name="")
    for identity in _kids(profile, "Identity"):
        groups = {g.get("ID"): PART_TYPES.get(refs.label("NamePartType", g.get("NamePartTypeID")).lower(), "other")
                  for g in _kids(identity, "NamePartGroup")}
        main_identity = identity.get("Primary") != "false"
        for alias in _kids(identity, "Alias"):
            label = refs.label("AliasType", alias.get("AliasTypeID")).lower()
            flagged = alias.get("Primary")
            if flagged is None:  # a file without the attribute: the "Name" alias is the primary
                kind = PRIMARY if label == "name" and main_identity else ALIAS_KINDS.get(label, AKA)
            else:
                kind = PRIMARY if flagged == "true" and main_identity else ALIAS_KINDS.get(label, AKA)
            quality = WEAK if alias.get("LowQuality") == "true" else STRONG
            for documented in _kids(alias, "DocumentedName"):
                parts: dict[str, str] = {}
                label = None
                for value in _kids(documented, "NamePartValue"):
                    text = clean(value.text)
                    if not text:
                        continue
                    part = groups.get(value.get("NamePartGroupID"), "other")
                    parts[part] = f"{parts[part]} {text}" if part in parts else text
                    label = refs.scripts.get(value.get("ScriptID", "")) or label
                add_typed_name(target, parts, kind, quality, label)
        target.ids.extend(refs.documents.get(identity.get("ID", ""), []))
    if not target.names:
        raise RecordError(f"party {ref} has no name")
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name
    places: list[str] = []
    for feature in _kids(profile, "Feature"):
        label = refs.label("FeatureType", feature.get("FeatureTypeID"))
        low = label.lower()
        details = [t for t in (clean(v.text) for v in _kids(feature, "VersionDetail")) if t]
        if low == "birthdate":
            for period in _kids(feature, "DatePeriod"):
                target.dates.append(_birth(period))
        elif low == "place of birth":
            places.extend(details)
        elif low in COUNTRY_FEATURES:
            for loc in _kids(feature, "VersionLocation"):
                code = refs.location_country.get(loc.get("LocationID", "")) or None
                if code:  # a location missing from the file (a cut-out slice) says nothing
                    target.countries.append(TargetCountry(COUNTRY_FEATURES[low], code, code))
            for detail in details:
                target.countries.append(TargetCountry(COUNTRY_FEATURES[low], to_iso2(detail), detail))
        elif low in ID_FEATURES or low.startswith("digital currency address"):
            for detail in details:
                ident = make_identifier(low, detail, note=label if low.startswith("digital") else None)
                if ident is not None:
                    target.ids.append(ident)
    birth_places(target.dates, places)
    target.remarks = clean(xmlsafe.text(elem, "Comment"))
    target.raw = {"profile_id": profile.get("ID"), "sub_type": sub_type}
    return profile.get("ID", ref), target


def _birth(period: etree._Element) -> PartialDate:
    start = next(iter(_kids(period, "Start")), None)
    end = next(iter(_kids(period, "End")), None)
    lo = _ymd(next(iter(_kids(start, "From")), None)) if start is not None else None
    hi = _ymd(next(iter(_kids(end, "To")), None)) if end is not None else None
    approximate = any(e.get("Approximate") == "true" for e in (start, end) if e is not None)
    return span_date(lo, hi, approximate)


def parse(path: Path) -> ParsedList:
    xmlsafe.require_root(path, "Sanctions", "an OFAC ADVANCED XML file")
    refs = _Refs()
    parties: dict[str, Target] = {}
    guard = RecordGuard()
    issued: str | None = None
    wanted = {"DateOfIssue", "ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty",
              "SanctionsEntry"}
    for _event, elem in xmlsafe.iterparse(path, tags=tuple(f"{{*}}{tag}" for tag in wanted)):
        name = xmlsafe.local(elem)
        if name == "DateOfIssue":
            ymd = _ymd(elem)
            issued = iso_ymd(ymd) if ymd else None
        elif name == "ReferenceValueSets":
            refs.read_value_sets(elem)
            for sub in _kids(elem, "PartySubType"):
                refs.values.setdefault("PartySubTypeParty", {})[sub.get("ID", "")] = sub.get("PartyTypeID", "")
            xmlsafe.release(elem)
        elif name == "Location":
            refs.read_location(elem)
            xmlsafe.release(elem)
        elif name == "IDRegDocument":
            refs.read_document(elem)
            xmlsafe.release(elem)
        elif name == "DistinctParty":
            read = guard.read(lambda e: _party(e, refs), elem, elem.get("FixedRef"))
            if read is not None:
                parties[read[0]] = read[1]
            xmlsafe.release(elem)
        elif name == "SanctionsEntry":
            _entry(elem, refs, parties)
            xmlsafe.release(elem)
    if not parties and not guard.skipped:
        raise SourceFormatError(f"{path.name}: no DistinctParty records")
    return ParsedList(format=FORMAT, targets=list(parties.values()), publication_date=issued,
                      skipped=guard.skipped)


def _entry(elem: etree._Element, refs: _Refs, parties: dict[str, Target]) -> None:
    target = parties.get(elem.get("ProfileID", ""))
    if target is None:
        return
    list_name = refs.label("List", elem.get("ListID"))
    if list_name and list_name.lower() not in UMBRELLA_LISTS:
        target.raw.setdefault("lists", []).append(list_name)
    for event in _kids(elem, "EntryEvent"):
        if refs.label("EntryEventType", event.get("EntryEventTypeID")).lower() == "created":
            ymd = _ymd(next(iter(_kids(event, "Date")), None))
            if ymd and (target.listed_on is None or iso_ymd(ymd) < target.listed_on):
                target.listed_on = iso_ymd(ymd)
    for measure in _kids(elem, "SanctionsMeasure"):
        if refs.label("SanctionsType", measure.get("SanctionsTypeID")).lower() == "program":
            programme = clean(xmlsafe.text(measure, "Comment"))
            if programme and programme not in target.programmes:
                target.programmes.append(programme)
