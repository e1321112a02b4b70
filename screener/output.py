"""Rendering rows as table, JSON, CSV or Markdown, the same way for every command.

CSV cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

FORMATS = ("table", "json", "csv", "md")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: text that starts like a formula gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        # Negative numbers stay numbers; everything else that could be a formula is quoted.
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_text(row.get(c))) for c in columns])
    return buf.getvalue()


def _md_cell(value: Any) -> str:
    return _text(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def _one_column_each(text: str) -> bool:
    """Whether `text` is one line of characters one terminal column wide each (no control,
    zero-width, combining or East Asian wide characters): then its width is its length."""
    return text.isprintable() and (text.isascii() or all(
        unicodedata.east_asian_width(ch) not in "WF" and unicodedata.category(ch)[0] != "M"
        for ch in text))


def simple_table(cells: Sequence[Sequence[str]], headers: Sequence[str]) -> str | None:
    """The text tabulate's "simple" format gives for plain one-line cells, without importing
    tabulate (a third of `screener screen`'s start-up); None when tabulate must draw it
    (wrapping, wide or control characters). tests/test_startup.py holds it to tabulate's."""
    cells = [[value.strip() for value in row] for row in cells]
    if not all(_one_column_each(v) for row in cells for v in row) or not all(
            _one_column_each(h) for h in headers):
        return None
    widths = [max([len(h) + 2] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *map(line, cells)])


def render(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           json_payload: Any = None, max_widths: dict[str, int] | None = None) -> str:
    """Rows as text in `fmt`; `json_payload` replaces the rows for JSON when given.
    `max_widths` wraps long columns of a terminal table (other formats keep whole values)."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        return json.dumps(json_payload if json_payload is not None else rows, ensure_ascii=False,
                          indent=2, default=str) + "\n"
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "md":
        return to_markdown(rows, columns)
    if fmt == "table":
        if not rows:
            return "(nothing)\n"
        cells = [[_text(r.get(c)) for c in columns] for r in rows]
        widths = [(max_widths or {}).get(c) for c in columns]
        plain = None if any(widths) else simple_table(cells, columns)
        if plain is not None:
            return plain + "\n"
        from tabulate import tabulate  # ~30 ms to import (it reads its own version)

        return tabulate(cells, headers=columns, tablefmt="simple", disable_numparse=True,
                        maxcolwidths=widths if any(widths) else None) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
