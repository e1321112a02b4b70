"""Partial dates as sanctions lists write them.

Lists give full dates, years alone, placeholders ("00/00/1975", "dd/mm/1962", "19yy"),
"circa" years and ranges. We keep the raw text and the most precise ISO form we can read.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from screener.model import PartialDate

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_APPROX = re.compile(r"\b(circa|approximately|approx\.?|about|around|ca\.|c\.)\s*", re.I)
_RANGE = re.compile(r"^\s*(?:between\s+)?(.+?)\s*(?:\bto\b|\band\b|-|–)\s*(.+?)\s*$", re.I)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1000 <= year <= 2100:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            return False
    return True


def _num(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) > 0 else None


def _single(text: str) -> tuple[str, str] | None:
    """Parse one date expression into (iso, precision); None when unreadable."""
    t = text.strip().strip(".,;").strip()
    if not t:
        return None
    # ISO: 1962-03-21, 1962-03, 1962-03-21T00:00:00
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.+\-Z]*)?", t)
    if m:
        y, mo, d = int(m[1]), _num(m[2]), _num(m[3] or "")
        if mo is None:
            d = None
        if _valid(y, mo, d):
            return _iso(y, mo, d), "day" if d else "month" if mo else "year"
    # Day first with placeholders: 21/03/1962, 00/00/1975, dd/mm/1962, dd/07/1978, 21.03.1962
    m = re.fullmatch(r"([0-9dDxX]{1,2})[/.\-]([0-9mMxX]{1,2})[/.\-](\d{4}|\d{2}[yYxX]{2})", t)
    if m:
        if not m[3].isdigit():
            y = int(m[3][:2]) * 100
            return (_iso(y), "century") if _valid(y, None, None) else None
        y, mo, d = int(m[3]), _num(m[2]) if m[2].isdigit() else None, None
        if mo is not None and m[1].isdigit():
            d = _num(m[1])
        if _valid(y, mo, d):
            return _iso(y, mo, d), "day" if d else "month" if mo else "year"
        if _valid(y, None, None):
            return _iso(y), "year"
    # Month and year: 04/1963
    m = re.fullmatch(r"(\d{1,2})[/.](\d{4})", t)
    if m and _valid(int(m[2]), int(m[1]), None):
        return _iso(int(m[2]), int(m[1])), "month"
    # Year with a placeholder decade: 19yy
    m = re.fullmatch(r"(\d{2})[yYxX]{2}", t)
    if m:
        return _iso(int(m[1]) * 100), "century"
    # 01 Jan 1960, 1 January 1960, Jan 1960, January 1960
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})", t)
    if m and m[2][:3].lower() in MONTHS:
        y, mo, d = int(m[3]), MONTHS[m[2][:3].lower()], _num(m[1] or "")
        if _valid(y, mo, d):
            return _iso(y, mo, d), "day" if d else "month"
    # January 1, 1960
    m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", t)
    if m and m[1][:3].lower() in MONTHS:
        y, mo, d = int(m[3]), MONTHS[m[1][:3].lower()], int(m[2])
        if _valid(y, mo, d):
            return _iso(y, mo, d), "day"
    # 1960
    m = re.fullmatch(r"(\d{4})", t)
    if m and _valid(int(m[1]), None, None):
        return m[1], "year"
    return None


def parse_date(raw: object, kind: str = "birth") -> PartialDate | None:
    """Read a date cell or string. Returns None for empty input; unreadable text keeps `raw`."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        iso = raw.date().isoformat()
        return PartialDate(raw=iso, date_from=iso, date_to=iso, precision="day", kind=kind)
    if isinstance(raw, date):
        iso = raw.isoformat()
        return PartialDate(raw=iso, date_from=iso, date_to=iso, precision="day", kind=kind)
    if isinstance(raw, int | float):
        year = int(raw)
        if _valid(year, None, None):
            return PartialDate(raw=str(year), date_from=str(year), date_to=str(year),
                               precision="year", kind=kind)
        return PartialDate(raw=str(raw), kind=kind)
    text = " ".join(str(raw).replace("_x000D_", " ").split())
    if not text or text in {"-0-", "-", "n/a", "N/A"}:
        return None
    approximate = bool(_APPROX.search(text))
    body = _APPROX.sub("", text).strip()
    parsed = _single(body)
    if parsed:
        iso, precision = parsed
        return PartialDate(raw=text, date_from=iso, date_to=iso, precision=precision,
                           approximate=approximate, kind=kind)
    m = _RANGE.match(body)
    if m:
        start, end = _single(m[1]), _single(m[2])
        if start and end:
            return PartialDate(raw=text, date_from=start[0], date_to=end[0], precision="range",
                               approximate=True, kind=kind)
    return PartialDate(raw=text, kind=kind)


def parse_dates(raw: object, kind: str = "birth") -> list[PartialDate]:
    """Read a cell that may hold several dates ("a) 1960 b) 1961", "1960; 1961")."""
    if raw is None or not isinstance(raw, str):
        one = parse_date(raw, kind)
        return [one] if one else []
    text = raw.replace("_x000D_", "\n")
    pieces = re.split(r"(?:^|\s)[a-z]\)\s*|[;\n]|\s+or\s+|,\s*(?=\d|approx|circa|about)|\s+(?=\d{1,2}/\d{1,2}/\d{4})", text,
                      flags=re.I)
    out = [d for p in pieces if p.strip() and (d := parse_date(p, kind))]
    return out


def iso_date(raw: object) -> str | None:
    """A listing or publication date as ISO text, or None when it cannot be read."""
    parsed = parse_date(raw, kind="event")
    return parsed.date_from if parsed and parsed.date_from else None
