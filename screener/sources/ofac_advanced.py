"""US OFAC: SDN_ADVANCED.XML / CONS_ADVANCED.XML, the default download.

The only OFAC format with listing dates, non-Latin script, typed name parts and the
LowQuality flag together. Every id in a record resolves through ReferenceValueSets, and
programmes and listing dates sit in SanctionsEntries after the parties, so parties are
kept by profile id until their entries are read.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from screener import xmlsafe
from screener.countries import to_iso2
from screener.model import (
    AIRCRAFT,
    AKA,
    FKA,
    NKA,
    ORGANIZATION,
    ORIGINAL_SCRIPT,
    PERSON,
    PRIMARY,
    STRONG,
    UNKNOWN,
    VESSEL,
    WEAK,
    ParsedList,
    PartialDate,
    SourceFormatError,
    Target,
    TargetCountry,
    TargetIdentifier,
)
from screener.sources.common import add_name, clean, id_type_of

FORMAT = "ofac_advanced_xml"
ALIAS_KINDS = {"name": PRIMARY, "a.k.a.": AKA, "f.k.a.": FKA, "n.k.a.": NKA}
PART_TYPES = {"last name": "family", "first name": "given", "middle name": "middle",
              "maiden name": "maiden", "patronymic": "patronymic", "matronymic": "matronymic",
              "nickname": "nickname", "entity name": "entity", "vessel name": "entity",
              "aircraft name": "entity"}
PART_ORDER = ("given", "middle", "patronymic", "matronymic", "family", "maiden", "nickname", "entity")
TYPES = {"individual": PERSON, "entity": ORGANIZATION, "vessel": VESSEL, "aircraft": AIRCRAFT}
UMBRELLA_LISTS = {"consolidated list"}


def sniff(path: Path, head: bytes) -> bool:
    return b"ADVANCED_XML" in head or (b"<Sanctions" in head and b"ReferenceValueSets" in head)


def _kids(elem: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in elem.iter() if isinstance(e.tag, str) and xmlsafe.local(e) == name]


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


def _iso(ymd: tuple[int, int, int]) -> str:
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"


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
        number = clean(xmlsafe.text(elem, "IDRegistrationNo"))
        if not number:
            return
        raw_type = self.label("IDRegDocType", elem.get("IDRegDocTypeID"))
        id_type = id_type_of(raw_type)
        if number.upper().startswith("IMO"):
            id_type, number = "imo", number[3:].strip()
        country = self.iso2.get(elem.get("IssuedBy-CountryID", "")) or None
        ident = TargetIdentifier(id_type, number, country, raw_type if id_type == "other" else None)
        self.documents.setdefault(elem.get("IdentityID", ""), []).append(ident)


def _party(elem: etree._Element, refs: _Refs) -> tuple[str, Target]:
    ref = elem.get("FixedRef")
    profile = next(iter(_kids(elem, "Profile")), None)
    if not ref or profile is None:
        raise SourceFormatError("a DistinctParty has no FixedRef or Profile")
    sub_type = refs.label("PartySubType", profile.get("PartySubTypeID")).lower()
    if sub_type in TYPES:
        type_ = TYPES[sub_type]
    else:
        party_type_id = refs.values.get("PartySubTypeParty", {}).get(profile.get("PartySubTypeID", ""))
        type_ = TYPES.get(refs.label("PartyType", party_type_id).lower(), UNKNOWN)
    target = Target(source_ref=ref, type=type_, primary_name="")
    for identity in _kids(profile, "Identity"):
        groups = {g.get("ID"): PART_TYPES.get(refs.label("NamePartType", g.get("NamePartTypeID")).lower(), "other")
                  for g in _kids(identity, "NamePartGroup")}
        for alias in _kids(identity, "Alias"):
            kind = ALIAS_KINDS.get(refs.label("AliasType", alias.get("AliasTypeID")).lower(), AKA)
            quality = WEAK if alias.get("LowQuality") == "true" else STRONG
            for documented in _kids(alias, "DocumentedName"):
                parts: dict[str, str] = {}
                script = None
                for value in _kids(documented, "NamePartValue"):
                    text = clean(value.text)
                    if not text:
                        continue
                    part = groups.get(value.get("NamePartGroupID"), "other")
                    parts[part] = f"{parts[part]} {text}" if part in parts else text
                    script = refs.scripts.get(value.get("ScriptID", "")) or script
                order = [p for p in PART_ORDER if p in parts] + [p for p in parts if p not in PART_ORDER]
                full = " ".join(parts[p] for p in order)
                name_kind = kind
                if script and script != "Latn":
                    name_kind = ORIGINAL_SCRIPT
                add_name(target, full, name_kind, quality, script=script, parts=parts)
        target.ids.extend(refs.documents.get(identity.get("ID", ""), []))
    primaries = [n for n in target.names if n.kind == PRIMARY] or target.names
    target.primary_name = primaries[0].full_name if primaries else ref
    for feature in _kids(profile, "Feature"):
        label = refs.label("FeatureType", feature.get("FeatureTypeID"))
        low = label.lower()
        if low == "birthdate":
            for period in _kids(feature, "DatePeriod"):
                target.dates.append(_birth(period))
        elif low in ("nationality country", "citizenship country"):
            for loc in _kids(feature, "VersionLocation"):
                code = refs.location_country.get(loc.get("LocationID", "")) or None
                target.countries.append(TargetCountry(low.split()[0], code, code or ""))
        elif low.startswith("digital currency address"):
            for version in _kids(feature, "VersionDetail"):
                if clean(version.text):
                    target.ids.append(TargetIdentifier("crypto", clean(version.text), note=label))
    target.remarks = clean(xmlsafe.text(elem, "Comment"))
    target.raw = {"profile_id": profile.get("ID"), "sub_type": sub_type}
    return profile.get("ID", ref), target


def _birth(period: etree._Element) -> PartialDate:
    start = next(iter(_kids(period, "Start")), None)
    end = next(iter(_kids(period, "End")), None)
    lo = _ymd(next(iter(_kids(start, "From")), None)) if start is not None else None
    hi = _ymd(next(iter(_kids(end, "To")), None)) if end is not None else None
    hi = hi or lo
    approximate = any(e.get("Approximate") == "true" for e in (start, end) if e is not None)
    if lo is None:
        return PartialDate(raw="", kind="birth")
    raw = _iso(lo) if lo == hi else f"{_iso(lo)}/{_iso(hi)}"
    if lo == hi:
        return PartialDate(raw, _iso(lo), _iso(hi), "day", approximate)
    if lo[0] == hi[0] and (lo[1], lo[2]) == (1, 1) and (hi[1], hi[2]) == (12, 31):
        return PartialDate(raw, str(lo[0]), str(lo[0]), "year", approximate)
    if lo[:2] == hi[:2] and lo[2] == 1:
        month = f"{lo[0]:04d}-{lo[1]:02d}"
        return PartialDate(raw, month, month, "month", approximate)
    return PartialDate(raw, str(lo[0]), str(hi[0]), "range", True)


def parse(path: Path) -> ParsedList:
    xmlsafe.require_root(path, "Sanctions", "an OFAC ADVANCED XML file")
    refs = _Refs()
    parties: dict[str, Target] = {}
    issued: str | None = None
    wanted = {"DateOfIssue", "ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty",
              "SanctionsEntry"}
    for _event, elem in xmlsafe.iterparse(path):
        name = xmlsafe.local(elem)
        if name not in wanted:
            continue
        if name == "DateOfIssue":
            ymd = _ymd(elem)
            issued = _iso(ymd) if ymd else None
        elif name == "ReferenceValueSets":
            refs.read_value_sets(elem)
            for sub in _kids(elem, "PartySubType"):
                refs.values.setdefault("PartySubTypeParty", {})[sub.get("ID", "")] = sub.get("PartyTypeID", "")
        elif name == "Location":
            refs.read_location(elem)
        elif name == "IDRegDocument":
            refs.read_document(elem)
        elif name == "DistinctParty":
            profile_id, target = _party(elem, refs)
            parties[profile_id] = target
            xmlsafe.release(elem)
        elif name == "SanctionsEntry":
            _entry(elem, refs, parties)
            xmlsafe.release(elem)
    if not parties:
        raise SourceFormatError(f"{path.name}: no DistinctParty records")
    return ParsedList(format=FORMAT, targets=list(parties.values()), publication_date=issued)


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
            if ymd and (target.listed_on is None or _iso(ymd) < target.listed_on):
                target.listed_on = _iso(ymd)
    for measure in _kids(elem, "SanctionsMeasure"):
        if refs.label("SanctionsType", measure.get("SanctionsTypeID")).lower() == "program":
            programme = clean(xmlsafe.text(measure, "Comment"))
            if programme and programme not in target.programmes:
                target.programmes.append(programme)
