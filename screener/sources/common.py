"""Helpers every parser shares: scripts, name lists, xlsx and CSV opening."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from screener.model import (
    AKA,
    ORIGINAL_SCRIPT,
    PRIMARY,
    STRONG,
    SourceFormatError,
    Target,
    TargetIdentifier,
    TargetName,
)
from screener.sources import archive

# Largest uncompressed size we accept for an xlsx (the real lists are < 60 MB unpacked).
MAX_XLSX_UNPACKED = 512 * 1024 * 1024

_SCRIPT_PREFIXES = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "GREEK": "Grek", "CJK": "Hani",
    "HANGUL": "Hang", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "MYANMAR": "Mymr",
    "GEORGIAN": "Geor", "ARMENIAN": "Armn", "HEBREW": "Hebr", "THAI": "Thai",
    "DEVANAGARI": "Deva", "BENGALI": "Beng", "ETHIOPIC": "Ethi", "KHMER": "Khmr",
    "TAMIL": "Taml", "LAO": "Laoo", "SYRIAC": "Syrc", "THAANA": "Thaa", "TIBETAN": "Tibt",
}


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    code = _SCRIPT_PREFIXES.get(name.split(" ", 1)[0])
    if code is None and name.startswith("CJK"):
        code = "Hani"
    return code


def detect_script(text: str) -> str | None:
    """ISO 15924 code of the dominant script of the letters in `text` (publishers' labels lie)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        code = _char_script(ch)
        if code:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def clean(value: Any) -> str | None:
    """Whitespace-folded text of a cell or attribute; None for empty or OFAC's '-0-'."""
    if value is None:
        return None
    text = " ".join(str(value).replace("_x000D_", " ").split())
    if text in {"", "-0-", "-"}:
        return None
    return text


def add_name(target: Target, full_name: str | None, kind: str = PRIMARY, quality: str = STRONG,
             **extra: Any) -> TargetName | None:
    """Append a name unless empty or already present (one row per distinct name); fills script."""
    full = clean(full_name)
    if not full:
        return None
    if kind == ORIGINAL_SCRIPT and detect_script(full) == "Latn":
        # Publishers file Latin names with diacritics (Issène, Baššār) as "non-Latin script";
        # such a name is a spelling to match like any alias, not an original script.
        kind = AKA
        extra["script"] = "Latn"
    for existing in target.names:
        if existing.full_name == full:
            if kind == PRIMARY and existing.kind != PRIMARY:
                existing.kind = PRIMARY  # a name given as primary is primary, whatever came first
            return existing
    name = TargetName(full_name=full, kind=kind, quality=quality, **extra)
    if name.script is None:
        name.script = detect_script(full)
    target.names.append(name)
    return name


def open_xlsx_rows(path: Path, sheet: int = 0) -> Iterator[tuple[Any, ...]]:
    """Rows of an xlsx sheet (read-only, streaming), after checking it is a sane zip."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise SourceFormatError(f"{path.name}: not an xlsx workbook (not a zip archive)")
    with archive.open_zip(path) as zf:
        archive.check_sizes(zf, path.name, MAX_XLSX_UNPACKED)
        if "xl/workbook.xml" not in zf.namelist():
            raise SourceFormatError(f"{path.name}: a zip archive but not an xlsx workbook")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise SourceFormatError(f"{path.name}: unreadable xlsx workbook ({exc})") from exc
    try:
        ws = wb.worksheets[sheet]
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()


def xlsx_modified(path: Path) -> str | None:
    """The workbook's docProps/core.xml modified time (ISO), the publication date of AU files."""
    try:
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return None
    m = re.search(r"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>", core)
    return m.group(1).strip() if m else None


def xlsx_sniff(head: bytes, marker: bytes, path: Path) -> bool:
    """True when `path` is an xlsx whose first sheet's shared strings mention `marker`."""
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/sharedStrings.xml" in names:
                with zf.open("xl/sharedStrings.xml") as fh:
                    chunk = fh.read(256 * 1024)
                return marker in chunk
    except zipfile.BadZipFile:
        return False
    return False


_ID_TYPES = (
    ("imo", ("imo",)),
    ("passport", ("passport",)),
    ("tax", ("tax", "inn", "fiscal", "vat", "r.f.c", "nit #", "tin")),
    ("national_id", ("national id", "national identification", "cedula", "c.u.r.p", "personal id",
                     "identity card", "id card", "nic", "national identity")),
    ("registration", ("registration", "company number", "business number", "ogrn", "regnumber",
                      "registry", "register")),
    ("swift", ("swift", "bic")),
    ("crypto", ("digital currency",)),
    ("vessel_mmsi", ("mmsi",)),
)


def id_type_of(raw: str | None) -> str:
    """A common identifier type for a publisher's label ("Tax ID No." -> tax)."""
    label = (raw or "").strip().lower()
    for id_type, needles in _ID_TYPES:
        if any(n in label for n in needles):
            return id_type
    return "other"


def column_values(rows: list[dict[str, Any]], column: str, raw: bool = False) -> list[Any]:
    """Distinct non-empty values of a column over the rows of one record, in row order.

    Spreadsheet lists spread a record over several rows that do not always agree, so a
    record's value for a column is the union of its rows'. `raw` keeps cell objects (dates,
    numbers) instead of cleaned text."""
    out: list[Any] = []
    for row in rows:
        value = row.get(column)
        text = clean(value)
        if text is None:
            continue
        kept = value if raw else text
        if kept not in out:
            out.append(kept)
    return out


# Publishers' script labels that are not ISO 15924 codes (OFAC writes "Latin", "Hebrew", ...).
_SCRIPT_NAMES = {
    "latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "greek": "Grek", "hebrew": "Hebr",
    "japanese": "Jpan", "korean": "Kore", "hangul": "Hang", "georgian": "Geor", "armenian": "Armn",
    "chinese simplified": "Hans", "chinese traditional": "Hant", "chinese": "Hani", "thai": "Thai",
    "burmese": "Mymr", "myanmar": "Mymr",
}
_ISO_SCRIPTS = set(_SCRIPT_PREFIXES.values()) | {"Hans", "Hant", "Kore", "Jpan", "Zyyy"}
_HAN_FAMILY = {"Hani", "Hans", "Hant", "Jpan", "Kore", "Hang"}


def script_of(label: str | None, text: str) -> str | None:
    """ISO 15924 code of a name from the publisher's script label and the letters themselves.

    Labels are kept when they are ISO codes the letters agree with (Hans stays Hans, where the
    letters alone say only Hani); a label that is not a known code, or that the letters
    contradict (a Latin name labelled Arabic), yields to the letters."""
    raw = (label or "").strip()
    claimed = raw if raw in _ISO_SCRIPTS else _SCRIPT_NAMES.get(raw.lower())
    seen = detect_script(text)
    if claimed is None or seen is None:
        return claimed or seen
    if seen == claimed or (seen in _HAN_FAMILY and claimed in _HAN_FAMILY):
        return claimed
    return seen


def make_identifier(label: str | None, number: str | None, country: str | None = None,
                    note: str | None = None) -> TargetIdentifier | None:
    """An identifier with its common type; IMO numbers are kept as their seven digits
    ("IMO9562233", "IMO 9562233" and "9562233" are the same ship)."""
    value = clean(number)
    if not value:
        return None
    id_type = id_type_of(label)
    if value.upper().startswith("IMO") and re.fullmatch(r"IMO[\s:.#-]*\d{7}", value.upper()):
        id_type = "imo"
    if id_type == "imo":
        digits = re.sub(r"\D", "", value)
        value = digits or value
    return TargetIdentifier(id_type, value, country, note if note is not None else
                            (clean(label) if id_type == "other" else None))
