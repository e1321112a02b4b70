"""Evidence beyond the name: birth date, nationality and identifiers given with a query.

The name score says how alike two names are; these facts say whether the bearer is the
same. Few rules, each stated in the explanation:

- an identifier equal to one the target carries makes it a hit (score at least
  ID_MATCH_SCORE), whatever the name;
- a different number of a type a target has only one of (IMO, MMSI, SWIFT) lowers the score
  by ID_CONFLICT_FACTOR and keeps it at review;
- the listed birth date, to the day, raises the score by BIRTH_DAY_BONUS; the listed birth
  year (within a year either way) by BIRTH_YEAR_BONUS;
- a listed nationality or citizenship raises it by NATIONALITY_BONUS.

Raises apply only to a name that already reached review on its own and that nothing
contradicts; a conflicting birth year or type lowers the score in `match.apply_context` and
keeps the pair at review, a conflicting country only lowers it (screen.py). A weak alias stays at review unless an identifier agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from screener.identifiers import IdQuery, ListedId, conflicts, same

ID_MATCH_SCORE = 0.95
ID_CONFLICT_FACTOR = 0.75
BIRTH_DAY_BONUS = 0.05
BIRTH_YEAR_BONUS = 0.02
NATIONALITY_BONUS = 0.03
YEAR_TOLERANCE = 1
PERSONAL_COUNTRY_KINDS = ("nationality", "citizenship")


@dataclass
class QueryFacts:
    birth_date: str | None = None  # ISO, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD
    country: str | None = None  # ISO alpha-2
    ids: Sequence[IdQuery] = ()

    @property
    def birth_year(self) -> int | None:
        return int(self.birth_date[:4]) if self.birth_date else None

    def __bool__(self) -> bool:
        return bool(self.birth_date or self.country or self.ids)


@dataclass
class TargetFacts:
    birth_dates: Sequence[tuple[str | None, str | None, str]] = ()  # (from, to, precision)
    nationalities: frozenset[str] = frozenset()
    ids: Sequence[ListedId] = ()


@dataclass
class Weighing:
    score: float
    status: str | None = None  # "hit" or "review" when the evidence decides it
    notes: list[str] = field(default_factory=list)


def id_agreements(ids: Sequence[IdQuery], listed: Sequence[ListedId]) -> list[str]:
    """'identifier IMO 9299719 = IMO 9299719' for each query identifier the target carries."""
    out = []
    for q in ids:
        for li in listed:
            if same(q, li):
                out.append(f"identifier {q.raw.strip()} = listed {li.describe()}")
                break
    return out


def weigh(score: float, facts: QueryFacts, target: TargetFacts, *, floor: float,
          contradicted: bool) -> Weighing:
    """The score and status after the query's facts, with one note per rule that applied."""
    agreed = id_agreements(facts.ids, target.ids)
    if agreed:
        return Weighing(max(score, ID_MATCH_SCORE), "hit", agreed)
    notes: list[str] = []
    for q in facts.ids:
        other = conflicts(q, target.ids)
        if other:
            score *= ID_CONFLICT_FACTOR
            notes.append(f"identifier {q.raw.strip()} differs from listed "
                         f"{', '.join(i.describe() for i in other[:2])} (x{ID_CONFLICT_FACTOR})")
    if notes:
        return Weighing(score, "review", notes)
    if contradicted or score < floor:
        return Weighing(score)
    bonus = 0.0
    if facts.birth_date:
        found = birth_date_agrees(facts.birth_date, target.birth_dates)
        if found == "day":
            bonus += BIRTH_DAY_BONUS
            notes.append(f"birth date {facts.birth_date} listed (+{BIRTH_DAY_BONUS})")
        elif found == "year":
            bonus += BIRTH_YEAR_BONUS
            notes.append(f"birth year {facts.birth_year} fits the listed dates (+{BIRTH_YEAR_BONUS})")
    if facts.country and facts.country.upper() in target.nationalities:
        bonus += NATIONALITY_BONUS
        notes.append(f"nationality {facts.country.upper()} listed (+{NATIONALITY_BONUS})")
    return Weighing(min(1.0, score + bonus), None, notes)


def birth_date_agrees(query: str, listed: Sequence[tuple[str | None, str | None, str]]) -> str | None:
    """'day' when a listed day-precise date is the query's day, 'year' when a listed date or
    range covers the query's year (within YEAR_TOLERANCE), else None."""
    year = int(query[:4])
    fits_year = False
    for date_from, date_to, precision in listed:
        if not date_from:
            continue
        if len(query) == 10 and precision == "day" and date_from == query:
            return "day"
        lo, hi = int(date_from[:4]), int((date_to or date_from)[:4])
        if lo - YEAR_TOLERANCE <= year <= hi + YEAR_TOLERANCE:
            fits_year = True
    return "year" if fits_year else None
