"""Batch screening of a CSV file as people have them (any common encoding and delimiter).

Every input row comes out with the best hit per jurisdiction and an overall status. The
output is written to a temporary file and renamed at the end, so an interrupted run never
leaves half a file where the user expects a result.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from screener import identifiers
from screener.countries import to_iso2
from screener.dates import parse_date
from screener.output import safe_cell
from screener.screen import HIT, REVIEW, Query, Screener, ScreenResult, parse_type

NAME_HEADERS = ("name", "full_name", "fullname", "full name", "entity", "entity_name",
                "entity name", "company", "company_name", "company name", "organisation",
                "organization", "supplier", "supplier_name", "customer", "customer_name",
                "party", "party_name", "counterparty", "person", "individual", "vessel",
                "beneficiary", "names", "nom", "nombre", "name_en")
MAX_NAME_CHARS = 1000
MAX_FIELD_BYTES = 64 * 1024 * 1024
CLEAR, ERROR = "clear", "error"


class BatchInputError(ValueError):
    """The input file cannot be read as a CSV of names."""


@dataclass
class BatchOptions:
    column: str | None = None
    type_column: str | None = None
    birth_year_column: str | None = None
    country_column: str | None = None
    threshold: float | None = None
    encoding: str | None = None
    workers: int = 0  # 0: all cores
    id_column: str | None = None  # identifiers ("IMO 9299719"; several split by ";")


@dataclass
class BatchSummary:
    rows: int = 0
    hits: int = 0
    reviews: int = 0
    clear: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_lines: list[tuple[int, str]] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class InputTable:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    encoding: str
    delimiter: str


# ------------------------------------------------------------------ reading

def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding of the input: BOMs first, then UTF-8, then Windows-1252."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise BatchInputError(f"cannot decode the input as {encoding}: {exc}") from exc
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise BatchInputError(f"invalid UTF-16 input: {exc}") from exc
    if b"\x00" in data[:4096] and len(data) > 1 and data[1:2] == b"\x00":
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_table(source: str | Path | TextIO | bytes, encoding: str | None = None) -> InputTable:
    """Read the whole CSV: header row plus rows with their line numbers."""
    if isinstance(source, bytes):
        data = source
    elif str(source) == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise BatchInputError(f"{path}: no such file")
        data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise BatchInputError("the input is a zip file (an xlsx workbook?), not a CSV; "
                              "save the sheet as CSV first")
    text, used = decode(data, encoding)
    text = text.replace("\x00", "")
    if not text.strip():
        raise BatchInputError("the input is empty")
    if _looks_binary(text[:64 * 1024]):
        raise BatchInputError(f"the input does not look like text (decoded as {used}); "
                              "is it a CSV file?")
    delimiter = sniff_delimiter(text[:64 * 1024])
    csv.field_size_limit(MAX_FIELD_BYTES)
    try:
        headers, rows = _read_rows(text, delimiter, strict=True)
    except csv.Error:
        # A stray quote inside a cell: read leniently, as spreadsheets do, but only once no
        # quote is left open further on (a lenient reader cannot tell one from a long cell).
        _check_quotes_close(text, delimiter)
        try:
            headers, rows = _read_rows(text, delimiter, strict=False)
        except csv.Error as exc:
            raise BatchInputError(f"malformed CSV: {exc}") from exc
    if not any(headers):
        raise BatchInputError("the first row (the header) is empty")
    return InputTable(headers, rows, used, delimiter)


def _looks_binary(sample: str) -> bool:
    """Control characters other than tabs and line ends are rare in text, common in binaries."""
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def _read_rows(text: str, delimiter: str, strict: bool
               ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and non-empty rows, each with the line it starts on. In strict mode a quote
    left open is a BatchInputError naming that line; other faults raise csv.Error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    first_line = 1
    try:
        headers = unique_headers(next(reader))
        rows = []
        first_line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((first_line, cells))
            first_line = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise _unclosed(first_line) from exc
        raise
    return headers, rows


def _unclosed(line: int) -> BatchInputError:
    return BatchInputError(f"malformed CSV: the quoted field that opens on line {line} "
                           "is never closed")


def _check_quotes_close(text: str, delimiter: str) -> None:
    """Scan past stray quotes for a quote left open, which would swallow the rest of the
    file into one cell."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record_start = 1
    while True:
        try:
            next(strict)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise _unclosed(record_start) from exc
        record_start = strict.line_num + 1


def unique_headers(cells: Sequence[str]) -> list[str]:
    """Header names made unique, so a repeated header does not hide a column in the output."""
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        name = cell.strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def find_column(headers: Sequence[str], wanted: str | None, role: str = "name") -> int:
    """Index of the named column, or of a recognised name header when none is named."""
    lowered = [h.strip().lower() for h in headers]
    if wanted is not None:
        if wanted in headers:
            return headers.index(wanted)
        if wanted.strip().lower() in lowered:
            return lowered.index(wanted.strip().lower())
        raise BatchInputError(f"no {role} column {wanted!r}; the headers are: "
                              + ", ".join(repr(h) for h in headers))
    for candidate in NAME_HEADERS:
        if candidate in lowered:
            return lowered.index(candidate)
    raise BatchInputError("cannot tell which column holds the names; pass --column. "
                          "The headers are: " + ", ".join(repr(h) for h in headers))


# ------------------------------------------------------------------ screening

@dataclass
class RowQuery:
    line: int
    query: Query | None
    error: str | None = None


def build_queries(table: InputTable, options: BatchOptions) -> list[RowQuery]:
    name_col = find_column(table.headers, options.column)
    type_col = (find_column(table.headers, options.type_column, "type")
                if options.type_column else None)
    year_col = (find_column(table.headers, options.birth_year_column, "birth year")
                if options.birth_year_column else None)
    country_col = (find_column(table.headers, options.country_column, "country")
                   if options.country_column else None)
    id_col = (find_column(table.headers, options.id_column, "identifier")
              if options.id_column else None)
    out = []
    for line, cells in table.rows:
        def cell(i: int | None, cells: list[str] = cells) -> str:
            return cells[i].strip() if i is not None and i < len(cells) else ""
        name = cell(name_col)
        ids = [i.strip() for i in cell(id_col).split(";") if i.strip()]
        try:
            for i in ids:
                identifiers.parse_query(i)
        except identifiers.IdentifierError as exc:
            out.append(RowQuery(line, None, str(exc)))
            continue
        if not name and not ids:
            out.append(RowQuery(line, None, "empty name"))
            continue
        if name and not any(ch.isalnum() for ch in name):
            out.append(RowQuery(line, None, "the name has no letters or digits"))
            continue
        if len(name) > MAX_NAME_CHARS:
            out.append(RowQuery(line, None, f"name longer than {MAX_NAME_CHARS} characters"))
            continue
        try:
            type_ = parse_type(cell(type_col)) if cell(type_col) else None
        except ValueError as exc:
            out.append(RowQuery(line, None, str(exc)))
            continue
        year_text = cell(year_col)
        year = int(year_text[:4]) if year_text[:4].isdigit() else None
        birth = parse_date(year_text) if len(year_text) > 4 else None  # a whole date is used whole
        country = to_iso2(cell(country_col)) if cell(country_col) else None
        out.append(RowQuery(line, Query(name=name, type=type_, birth_year=year, country=country,
                                        birth_date=birth.date_from if birth else None, ids=ids)))
    return out


_WORKER: dict[str, Any] = {}


def _init_worker(screener: Screener, threshold: float | None) -> None:
    screener.reconnect()
    _WORKER["screener"] = screener
    _WORKER["threshold"] = threshold


def _screen_chunk(queries: list[Query]) -> list[ScreenResult]:
    screener: Screener = _WORKER["screener"]
    return [screener.screen(q, threshold=_WORKER["threshold"]) for q in queries]


def screen_all(screener: Screener, queries: list[Query], threshold: float | None, workers: int,
               progress: Callable[[int], None] | None = None) -> list[ScreenResult]:
    """Screen many queries, on several processes (fork shares the loaded index) when worth it."""
    chunk = 200
    chunks = [queries[i:i + chunk] for i in range(0, len(queries), chunk)]
    workers = workers or os.cpu_count() or 1
    results: list[ScreenResult] = []
    if workers <= 1 or len(queries) < 2 * chunk or "fork" not in multiprocessing.get_all_start_methods():
        for part in chunks:
            results.extend(screener.screen(q, threshold=threshold) for q in part)
            if progress:
                progress(len(part))
        return results
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(screener, threshold)) as pool:
        for part in pool.imap(_screen_chunk, chunks):
            results.extend(part)
            if progress:
                progress(len(part))
    return results


# ------------------------------------------------------------------ writing

def result_columns(jurisdictions: Sequence[str]) -> list[str]:
    cols = ["status"]
    for j in jurisdictions:
        cols += [f"{j}_status", f"{j}_list", f"{j}_ref", f"{j}_name", f"{j}_score"]
    return cols + ["error"]


def result_cells(result: ScreenResult | None, error: str | None,
                 jurisdictions: Sequence[str], loaded: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if result is None:
        out["status"] = ERROR
        out["error"] = error
        return out
    statuses = {h.status for h in result.hits}
    out["status"] = HIT if HIT in statuses else REVIEW if REVIEW in statuses else CLEAR
    for j in jurisdictions:
        hits = [h for h in result.hits if h.jurisdiction == j]
        if j not in loaded:
            out[f"{j}_status"] = "no data"
            continue
        if not hits:
            out[f"{j}_status"] = CLEAR
            continue
        best = max(hits, key=lambda h: (h.status == HIT, h.score))
        out.update({f"{j}_status": best.status, f"{j}_list": best.list_id,
                    f"{j}_ref": best.source_ref, f"{j}_name": best.matched_name,
                    f"{j}_score": round(best.score, 3)})
    out["error"] = ""
    return out


def write_atomically(path: Path, write: Callable[[TextIO], None], encoding: str = "utf-8") -> None:
    """Write through a temporary file in the same directory and rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.",
                               suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_rows(fh: TextIO, fmt: str, headers: Sequence[str], rows: Iterator[dict[str, Any]],
               columns: Sequence[str]) -> None:
    if fmt == "json":
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt == "md":
        all_cols = list(headers) + list(columns)
        fh.write("| " + " | ".join(all_cols) + " |\n" + "|" + "---|" * len(all_cols) + "\n")
        for row in rows:
            fh.write("| " + " | ".join(str(row.get(c, "") or "").replace("|", "\\|")
                                       .replace("\n", " ") for c in all_cols) + " |\n")
        return
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in list(headers) + list(columns)])
    for row in rows:
        writer.writerow([safe_cell(row.get(c, "")) for c in list(headers) + list(columns)])


def run_batch(screener: Screener, table: InputTable, options: BatchOptions,
              jurisdictions: Sequence[str], loaded: set[str],
              progress: Callable[[int], None] | None = None
              ) -> tuple[list[dict[str, Any]], list[str], BatchSummary, list[ScreenResult]]:
    """Screen every row; returns output rows, result columns, summary and the results."""
    started = time.perf_counter()
    row_queries = build_queries(table, options)
    queries = [rq.query for rq in row_queries if rq.query is not None]
    results = iter(screen_all(screener, queries, options.threshold, options.workers, progress))
    summary = BatchSummary(jurisdictions=list(jurisdictions))
    columns = result_columns(jurisdictions)
    out_rows = []
    screened: list[ScreenResult] = []
    for rq, (_line, cells) in zip(row_queries, table.rows, strict=True):
        result = next(results) if rq.query is not None else None
        if result is not None:
            screened.append(result)
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(table.headers)}
        row.update(result_cells(result, rq.error, jurisdictions, loaded))
        summary.rows += 1
        status = row["status"]
        if status == HIT:
            summary.hits += 1
        elif status == REVIEW:
            summary.reviews += 1
        elif status == CLEAR:
            summary.clear += 1
        else:
            summary.errors += 1
            summary.error_lines.append((rq.line, rq.error or "error"))
        out_rows.append(row)
    summary.seconds = time.perf_counter() - started
    return out_rows, columns, summary, screened
