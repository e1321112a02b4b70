"""What OFAC's ADVANCED and ENHANCED XML share: names from typed parts, date spans.

The two formats are one database exported twice, so a target read from either must get the
same names: the full name is always assembled from the typed parts in one order, and the
kind of a name in another script than Latin is original_script whatever its alias type.
"""

from __future__ import annotations

from screener.model import (
    AIRCRAFT,
    AKA,
    FKA,
    NKA,
    ORGANIZATION,
    ORIGINAL_SCRIPT,
    PERSON,
    VESSEL,
    PartialDate,
    Target,
    TargetName,
)
from screener.sources.common import add_name, script_of

PART_TYPES = {"last name": "family", "first name": "given", "middle name": "middle",
              "maiden name": "maiden", "patronymic": "patronymic", "matronymic": "matronymic",
              "nickname": "nickname", "entity name": "entity", "vessel name": "entity",
              "aircraft name": "entity"}
PART_ORDER = ("given", "middle", "patronymic", "matronymic", "family", "maiden", "nickname", "entity")
# Features both formats turn into countries (by kind) and identifiers.
COUNTRY_FEATURES = {"nationality country": "nationality", "citizenship country": "citizenship",
                    "vessel flag": "flag", "nationality of registration": "registration"}
ID_FEATURES = {"swift/bic", "vessel imo", "imo"}
ALIAS_KINDS = {"a.k.a.": AKA, "f.k.a.": FKA, "n.k.a.": NKA}
# OFAC's party types, as its XML formats (SDN.XML, ADVANCED, ENHANCED) write them.
PARTY_TYPES = {"individual": PERSON, "entity": ORGANIZATION, "vessel": VESSEL, "aircraft": AIRCRAFT}
# Lists a CONS file names every entry under, besides the programme list that says what it is.
UMBRELLA_LISTS = {"consolidated list"}


def full_name(parts: dict[str, str]) -> str:
    order = [p for p in PART_ORDER if p in parts] + [p for p in parts if p not in PART_ORDER]
    return " ".join(parts[p] for p in order)


def add_typed_name(target: Target, parts: dict[str, str], kind: str, quality: str,
                   script_label: str | None) -> TargetName | None:
    """Add the name made of `parts`; a name not in Latin script is filed as original script."""
    full = full_name(parts)
    if not full:
        return None
    script = script_of(script_label, full)
    if script not in (None, "Latn"):
        kind = ORIGINAL_SCRIPT
    return add_name(target, full, kind, quality, script=script, parts=parts)


def iso_ymd(ymd: tuple[int, int, int]) -> str:
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"


def span_date(lo: tuple[int, int, int] | None, hi: tuple[int, int, int] | None,
              approximate: bool, kind: str = "birth") -> PartialDate:
    """A date from OFAC's from/to span: 01-01 to 12-31 of one year is that year, a whole
    month is that month, anything else wider than a day is a range."""
    hi = hi or lo
    if lo is None or hi is None:
        return PartialDate(raw="", kind=kind)
    raw = iso_ymd(lo) if lo == hi else f"{iso_ymd(lo)}/{iso_ymd(hi)}"
    if lo == hi:
        return PartialDate(raw, iso_ymd(lo), iso_ymd(hi), "day", approximate, kind=kind)
    if lo[0] == hi[0] and (lo[1], lo[2]) == (1, 1) and (hi[1], hi[2]) == (12, 31):
        return PartialDate(raw, str(lo[0]), str(lo[0]), "year", approximate, kind=kind)
    if lo[:2] == hi[:2] and lo[2] == 1:
        month = f"{lo[0]:04d}-{lo[1]:02d}"
        return PartialDate(raw, month, month, "month", approximate, kind=kind)
    return PartialDate(raw, str(lo[0]), str(hi[0]), "range", True, kind=kind)


def birth_places(dates: list[PartialDate], places: list[str]) -> None:
    """Attach the place of birth to the birth dates when the record gives only one place
    (with several, which place goes with which date is not said)."""
    if len(places) == 1:
        for d in dates:
            if d.kind == "birth":
                d.place = places[0]
