"""Records shared by every list parser and the store.

Each publisher's parser turns its native file into a `ParsedList` of `Target`s;
nothing downstream knows which publisher a target came from except by `list_id`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Target types, the same for every list.
PERSON = "person"
ORGANIZATION = "organization"
VESSEL = "vessel"
AIRCRAFT = "aircraft"
UNKNOWN = "unknown"
TARGET_TYPES = (PERSON, ORGANIZATION, VESSEL, AIRCRAFT, UNKNOWN)

# Kinds of name.
PRIMARY = "primary"
AKA = "aka"
FKA = "fka"
NKA = "nka"
VARIATION = "variation"  # a spelling variant of the primary name (UK "Primary name variation")
ORIGINAL_SCRIPT = "original_script"
NAME_KINDS = (PRIMARY, AKA, FKA, NKA, VARIATION, ORIGINAL_SCRIPT)

# Quality of a name as the publisher flags it.
STRONG = "strong"
WEAK = "weak"


@dataclass
class TargetName:
    """One name of a target, as the publisher wrote it."""

    full_name: str
    kind: str = PRIMARY
    quality: str = STRONG
    script: str | None = None  # ISO 15924 code (Latn, Cyrl, Arab, Hans, Mymr ...) when known
    lang: str | None = None  # ISO 639 code when the publisher gives one
    # Typed parts when the publisher gives them: given, middle, family, patronymic,
    # matronymic, maiden, title, nickname, entity.
    parts: dict[str, str] = field(default_factory=dict)


@dataclass
class PartialDate:
    """A date as precise as the source allows (year-only and placeholder days are common)."""

    raw: str
    date_from: str | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None  # set for ranges ("1960 to 1962"); else equal to date_from
    precision: str = "unknown"  # day | month | year | unknown
    approximate: bool = False
    calendar: str | None = None  # e.g. ISLAMIC, when not Gregorian
    kind: str = "birth"
    place: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2

    @property
    def year(self) -> int | None:
        return int(self.date_from[:4]) if self.date_from else None


@dataclass
class TargetCountry:
    kind: str  # nationality | citizenship | birth | address | flag | registration
    code: str | None  # ISO 3166-1 alpha-2, None when it could not be resolved
    raw: str


@dataclass
class TargetIdentifier:
    id_type: str  # passport, national_id, tax, registration, imo, swift, other ...
    value: str
    country: str | None = None
    note: str | None = None


@dataclass
class Target:
    """One listed person, organisation, vessel or aircraft."""

    source_ref: str  # the publisher's own id (OFAC uid, EU reference, DFAT number, UK UniqueID)
    type: str
    primary_name: str
    names: list[TargetName] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    listed_on: str | None = None  # ISO date of first listing where the source gives it
    remarks: str | None = None
    dates: list[PartialDate] = field(default_factory=list)
    countries: list[TargetCountry] = field(default_factory=list)
    ids: list[TargetIdentifier] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SkippedRecord:
    """A record the publisher wrote malformed, left out so the rest of the file still loads."""

    position: int  # 1-based order of the record in the file
    reason: str
    ref: str | None = None


@dataclass
class ParsedList:
    """Everything read from one source file."""

    format: str  # e.g. ofac_sdn_xml, eu_fsf_xml, au_dfat_xlsx
    targets: list[Target]
    publication_date: str | None = None  # ISO date (or datetime) the publisher stamped on the file
    declared_count: int | None = None  # the record count the file declares, if any
    notes: list[str] = field(default_factory=list)  # parse warnings worth showing a user
    skipped: list[SkippedRecord] = field(default_factory=list)  # malformed records left out


class SourceFormatError(ValueError):
    """The file is not in the expected format, is truncated, or is hostile."""


class RecordError(SourceFormatError):
    """One record is malformed (no id, no name): that record is skipped, not the file."""
