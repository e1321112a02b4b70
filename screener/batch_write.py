"""Writing batch rows: CSV in the input's delimiter (UTF-8, with a BOM for Excel), JSON lines
or Markdown.

A row is the input's cells followed by the result's. The result part of a distinct name is
rendered once and kept (a short string, not a dict), so a file of repeated names costs one
rendering per name and the cache of results stays small.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from screener.batch_input import BatchInputError
from screener.output import safe_cell

FORMATS = ("csv", "json", "md")


class RowWriter:
    """Renders the header and rows of one output format."""

    def __init__(self, fmt: str, headers: Sequence[str], columns: Sequence[str],
                 delimiter: str = ",", excel: bool = False) -> None:
        if fmt not in FORMATS:
            raise BatchInputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.fmt = fmt
        self.headers = list(headers)
        self.columns = list(columns)
        self.delimiter = delimiter
        self.newline = "\r\n" if excel else "\n"
        self._buffer = io.StringIO()
        # The terminator is cut off each line, but the writer quotes the cells holding its
        # characters: a name over two lines stays one cell.
        self._csv = csv.writer(self._buffer, delimiter=delimiter, lineterminator="\r\n")

    def header(self) -> str:
        names = self.headers + self.columns
        if self.fmt == "json":
            return ""
        if self.fmt == "md":
            return "| " + " | ".join(names) + " |\n" + "|" + "---|" * len(names) + "\n"
        return self._line([safe_cell(h) for h in names]) + self.newline

    def result_part(self, values: dict[str, Any]) -> str:
        """The rendered result cells of one distinct name."""
        cells = [values.get(c, "") for c in self.columns]
        if self.fmt == "json":
            return json.dumps(dict(zip(self.columns, cells, strict=True)),
                              ensure_ascii=False)[1:] + "\n"
        if self.fmt == "md":
            return " | ".join(_md(c) for c in cells) + " |\n"
        return self._line([safe_cell(c) for c in cells]) + self.newline

    def input_prefix(self, cells: Sequence[str]) -> str:
        """How the row of these input cells begins, up to the result part."""
        padded = [cells[i] if i < len(cells) else "" for i in range(len(self.headers))]
        if self.fmt == "json":
            return json.dumps(dict(zip(self.headers, padded, strict=True)),
                              ensure_ascii=False)[:-1] + ", "
        if self.fmt == "md":
            return "| " + "".join(_md(c) + " | " for c in padded)
        return self._line([safe_cell(c) for c in padded]) + self.delimiter

    def row(self, cells: Sequence[str], result_part: str) -> str:
        return self.input_prefix(cells) + result_part

    def status_of(self, record: str, prefix: str) -> str:
        """The status (first result column) of a written row."""
        if self.fmt == "json":
            return str(json.loads(record).get("status", ""))
        rest = record[len(prefix):]
        if self.fmt == "md":
            return rest.split(" | ", 1)[0].strip()
        cells = next(csv.reader([rest], delimiter=self.delimiter), [""])
        return cells[0] if cells else ""

    def _line(self, cells: list[Any]) -> str:
        if cells == [""]:
            return ""  # an empty first of several fields (the writer quotes a lone one)
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow(cells)
        return self._buffer.getvalue()[:-2]


def _md(value: Any) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def write_atomically(path: Path, write: Callable[[TextIO], None], encoding: str = "utf-8") -> None:
    """Write through a temporary file in the same directory and rename it into place."""
    path = Path(path)
    if path.is_dir():  # said plainly, not as the temporary file's errno
        raise ValueError(f"cannot write {path}: it is a directory; give a file name")
    if not (path.parent or Path(".")).is_dir():
        raise ValueError(f"cannot write {path}: no directory {path.parent}")
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.",
                               suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
