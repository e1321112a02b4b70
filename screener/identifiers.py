"""Identifiers (IMO, passport, registration, SWIFT ...) as evidence that needs no name.

Publishers write the same number many ways ("IMO 9299719", "IMO9299719", "9299719";
" D0009720" with a stray space; "1027700056977" with or without dashes), so numbers are
compared on their letters and digits only, upper case, leading zeros kept. A query may say
what the number is ("passport X123", "IMO 9299719"); then only identifiers of that type (or
of no known type) can match it. A bare number matches any type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

# The label a user may type before a number, longest first, and the type it means.
LABELS: tuple[tuple[str, str], ...] = tuple(sorted((
    ("imo number", "imo"), ("imo no", "imo"), ("imo", "imo"),
    ("passport number", "passport"), ("passport no", "passport"), ("passport", "passport"),
    ("national id", "national_id"), ("national identification number", "national_id"),
    ("national identification no", "national_id"), ("id card", "national_id"),
    ("tax id", "tax"), ("tax", "tax"), ("inn", "tax"), ("vat", "tax"), ("tin", "tax"),
    ("registration number", "registration"), ("registration no", "registration"),
    ("registration", "registration"), ("reg no", "registration"), ("ogrn", "registration"),
    ("company number", "registration"),
    ("swift bic", "swift"), ("swift", "swift"), ("bic", "swift"),
    ("mmsi", "vessel_mmsi"),
), key=lambda p: -len(p[0])))
ID_TYPES = frozenset(t for _, t in LABELS) | {"crypto", "other"}
# An identifier of one of these types belongs to one target only: a different one conflicts.
UNIQUE_TYPES = frozenset({"imo", "vessel_mmsi", "swift"})
MIN_CHARS = 5  # a shorter number identifies nothing on lists of 30,000 targets


class IdentifierError(ValueError):
    """An identifier query that cannot be searched (empty, too short, unknown label)."""


@dataclass(frozen=True)
class IdQuery:
    raw: str
    id_type: str | None  # None: any type
    value: str  # normalised

    def label(self) -> str:
        return f"{self.id_type.upper() if self.id_type == 'imo' else (self.id_type or 'identifier')} {self.value}"


def normalise_value(value: str, id_type: str | None = None) -> str:
    """Letters and digits only, upper case; an IMO number without its "IMO" prefix."""
    norm = re.sub(r"[^0-9A-Z]", "", str(value).upper())
    if id_type == "imo" and norm.startswith("IMO"):
        norm = norm[3:]
    return norm


def parse_query(text: str) -> IdQuery:
    """'IMO 9299719', 'passport: X123', 'swift AVJSRUMM' or a bare number."""
    raw = (text or "").strip()
    low = raw.lower()
    for label, id_type in LABELS:
        if low.startswith(label) and (len(low) == len(label) or not low[len(label)].isalpha()
                                      or id_type == "imo"):
            rest = raw[len(label):].lstrip(" .:#-")
            value = normalise_value(rest, id_type)
            if len(value) < MIN_CHARS:
                raise IdentifierError(f"identifier {raw!r}: the number after {label!r} is "
                                      f"missing or shorter than {MIN_CHARS} characters")
            return IdQuery(raw, id_type, value)
    value = normalise_value(raw)
    if len(value) < MIN_CHARS or not any(ch.isdigit() for ch in value):
        raise IdentifierError(f"identifier {raw!r}: give a number of at least {MIN_CHARS} "
                              "characters, optionally after its type (IMO, passport, tax, "
                              "registration, swift, national id, mmsi)")
    return IdQuery(raw, None, value)


@dataclass(frozen=True)
class ListedId:
    target_id: int
    id_type: str
    value: str  # as the publisher wrote it
    country: str | None
    note: str | None

    @property
    def norm(self) -> str:
        return normalise_value(self.value, self.id_type)

    def describe(self) -> str:
        kind = "IMO" if self.id_type == "imo" else (self.note or self.id_type).strip()
        where = f" ({self.country})" if self.country else ""
        return f"{kind} {self.value.strip()}{where}"


def same(query: IdQuery, listed: ListedId) -> bool:
    if query.id_type and listed.id_type not in (query.id_type, "other"):
        return False
    return normalise_value(listed.value, query.id_type or listed.id_type) == query.value or (
        listed.norm == query.value)


def conflicts(query: IdQuery, listed: Iterable[ListedId]) -> list[ListedId]:
    """The target's identifiers of the query's (unique) type when none of them is the query's:
    a vessel has one IMO number, a bank one SWIFT code."""
    if query.id_type not in UNIQUE_TYPES:
        return []
    of_type = [i for i in listed if i.id_type == query.id_type]
    if not of_type or any(same(query, i) for i in of_type):
        return []
    return of_type


def listed_ids(db: sqlite3.Connection | sqlite_utils.Database, target_ids: Sequence[int]) -> dict[int, list[ListedId]]:
    out: dict[int, list[ListedId]] = {t: [] for t in target_ids}
    if not target_ids:
        return out
    marks = ",".join("?" * len(target_ids))
    for tid, id_type, value, country, note in db.execute(
            f"SELECT target_id, id_type, value, country, note FROM target_ids "
            f"WHERE target_id IN ({marks})", list(target_ids)):
        out[tid].append(ListedId(tid, id_type, value, country, note))
    return out


class IdIndex:
    """Every identifier of some list versions by its normalised value: one dictionary look-up
    per query, so a batch with an identifier column stays fast."""

    def __init__(self, listed: Iterable[ListedId]) -> None:
        self._by_value: dict[str, list[ListedId]] = {}
        for li in listed:
            if li.note and "date" in li.note.lower():
                continue  # OFAC files dates among ids ("Effective Date (CMIC)"): not identifiers
            for key in {li.norm, normalise_value(li.value)}:
                if key:
                    self._by_value.setdefault(key, []).append(li)

    @classmethod
    def build(cls, db: sqlite3.Connection | sqlite_utils.Database, file_ids: Sequence[int]) -> IdIndex:
        if not file_ids:
            return cls([])
        marks = ",".join("?" * len(file_ids))
        rows = db.execute(
            "SELECT i.target_id, i.id_type, i.value, i.country, i.note FROM target_ids i "
            f"JOIN targets t ON t.id = i.target_id WHERE t.source_file_id IN ({marks})",
            list(file_ids))
        return cls(ListedId(*r) for r in rows)

    def find(self, query: IdQuery) -> list[ListedId]:
        """The listed identifiers equal to the query's (and of its type, when it has one)."""
        found = self._by_value.get(query.value, [])
        return list(dict.fromkeys(li for li in found if same(query, li)))


def find(db: sqlite3.Connection | sqlite_utils.Database, query: IdQuery, file_ids: Sequence[int]) -> list[ListedId]:
    """Every identifier of the given list versions equal to the query's."""
    return IdIndex.build(db, file_ids).find(query)
