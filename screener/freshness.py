"""How old the loaded list data is, and when that age makes a report's gaps doubtful.

A list version older than `STALE_AFTER_DAYS` at report time is stale: a jurisdiction's
"gap" may then be a gap in the data, not in its sanctions. One rule, used by `lists status`
and by every report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

STALE_AFTER_DAYS = 30


@dataclass
class Freshness:
    age_days: int | None  # None: the publisher gave no date
    stale: bool
    note: str | None  # the sentence a report shows, when there is something to say


def today() -> date:
    return datetime.now(UTC).date()


def _published(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def freshness(label: str, published: str | None, at: date | None = None,
              max_age: int = STALE_AFTER_DAYS) -> Freshness:
    """Age of a list version published on `published` (ISO date or datetime) at `at`.
    `label` names the data in the note ("EU" or "eu_fsf")."""
    when = _published(published)
    if when is None:
        return Freshness(None, False, f"{label} data is undated: its age is unknown")
    age = ((at or today()) - when).days
    if age > max_age:
        return Freshness(age, True, f"{label} data is {age} days old: a gap may be a gap in "
                                    "the data")
    return Freshness(age, False, None)
