"""Rendering rows as table, JSON, CSV or Markdown, the same way for every command.

CSV cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
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
        from tabulate import tabulate  # only tables need it: ~25 ms of every command's start-up

        widths = [(max_widths or {}).get(c) for c in columns]
        return tabulate([[_text(r.get(c)) for c in columns] for r in rows], headers=columns,
                        tablefmt="simple", disable_numparse=True,
                        maxcolwidths=widths if any(widths) else None) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
