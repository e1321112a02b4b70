"""Batch screening of a CSV file as people have them (any common encoding and delimiter).

The file is read twice: a first pass settles its encoding, delimiter, shape and row count
(and rejects a broken file before anything is written), the second streams it in chunks:
read, screen each distinct name once, write, audit, so memory stays flat whatever the size.
Every input row comes out, in order, with the best hit per jurisdiction and an overall status.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

from screener.countries import to_iso2
from screener.output import safe_cell
from screener.screen import HIT, REVIEW, Query, Screener, ScreenResult, parse_type

NAME_HEADERS = ("name", "full_name", "fullname", "full name", "entity", "entity_name",
                "entity name", "company", "company_name", "company name", "organisation",
                "organization", "supplier", "supplier_name", "customer", "customer_name",
                "party", "party_name", "counterparty", "person", "individual", "vessel",
                "beneficiary", "names", "nom", "nombre", "name_en")
MAX_NAME_CHARS = 1000
MAX_FIELD_BYTES = 64 * 1024 * 1024
CHUNK_ROWS = 2000
CACHE_ENTRIES = 200_000
CLEAR, ERROR = "clear", "error"
FORMATS = ("csv", "json", "md")


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
    no_header: bool = False


@dataclass
class BatchSummary:
    rows: int = 0
    hits: int = 0
    reviews: int = 0
    clear: int = 0
    errors: int = 0
    screened: int = 0  # distinct names actually screened (the rest came from the cache)
    resumed: int = 0  # rows found already written by an interrupted run
    seconds: float = 0.0
    error_lines: list[tuple[int, str]] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return (self.rows - self.resumed) / self.seconds if self.seconds else 0.0

    def count(self, status: str, line: int = 0, error: str | None = None) -> None:
        self.rows += 1
        if status == HIT:
            self.hits += 1
        elif status == REVIEW:
            self.reviews += 1
        elif status == CLEAR:
            self.clear += 1
        else:
            self.errors += 1
            if len(self.error_lines) < 100:
                self.error_lines.append((line, error or "error"))

    @property
    def exit_code(self) -> int:
        """1 when any row is a hit, 3 when any is to review (and none a hit), else 0."""
        return 1 if self.hits else 3 if self.reviews else 0


# ------------------------------------------------------------------ reading

@dataclass
class InputFile:
    """A CSV input whose first pass is done: it can now be streamed row by row."""

    encoding: str
    errors: str
    delimiter: str
    strict: bool
    has_header: bool
    headers: list[str]
    rows: int  # non-empty data rows
    sha256: str
    path: Path | None = None
    data: bytes | None = None
    spool: IO[bytes] | None = None

    def _open(self) -> IO[bytes]:
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.spool is not None:
            self.spool.seek(0)
            return open(self.spool.fileno(), "rb", closefd=False)  # noqa: SIM115
        assert self.path is not None
        return open(self.path, "rb")  # noqa: SIM115

    def iter_rows(self) -> Iterator[tuple[int, list[str]]]:
        """Non-empty data rows with the line each starts on."""
        with self._open() as raw:
            records = _records(raw, self.encoding, self.errors, self.delimiter, self.strict)
            if self.has_header:
                next(records, None)
            try:
                for line, cells in records:
                    if any(c.strip() for c in cells):
                        yield line, cells
            finally:
                records.close()

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()


@dataclass
class InputTable:
    """A whole small CSV in memory (for commands that edit a table, not for batch)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    encoding: str
    delimiter: str


def _records(raw: IO[bytes], encoding: str, errors: str, delimiter: str, strict: bool
             ) -> Iterator[tuple[int, list[str]]]:
    text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
    lines = (line.replace("\x00", "") if "\x00" in line else line for line in text)
    reader = csv.reader(lines, delimiter=delimiter, strict=strict)
    first_line = 1
    try:
        for cells in reader:
            yield first_line, cells
            first_line = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise _unclosed(first_line) from exc
        raise
    except UnicodeDecodeError as exc:
        raise BatchInputError(f"cannot decode the input as {encoding}: {exc}") from exc


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding of the input: BOMs first, then UTF-8, then Windows-1252."""
    used, errors = _encoding_of(data[:4096], lambda: io.BytesIO(data), encoding)
    return data.decode(used, errors=errors), used


def _encoding_of(head: bytes, opener: Callable[[], IO[bytes]], encoding: str | None
                 ) -> tuple[str, str]:
    """(codec, error handling): a given encoding, a BOM, UTF-16 by its zero bytes, UTF-8
    when the whole file is valid UTF-8 (checked streaming), else Windows-1252."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise BatchInputError(f"unknown encoding {encoding!r}") from exc
        _check_decodes(opener, encoding)
        return encoding, "strict"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "replace"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check_decodes(opener, "utf-16", "invalid UTF-16 input")
        return "utf-16", "strict"
    if b"\x00" in head and len(head) > 1 and head[1:2] == b"\x00":
        try:
            _check_decodes(opener, "utf-16-le")
            return "utf-16-le", "strict"
        except BatchInputError:
            pass
    try:
        _check_decodes(opener, "utf-8")
        return "utf-8", "strict"
    except BatchInputError:
        return "cp1252", "replace"


def _check_decodes(opener: Callable[[], IO[bytes]], encoding: str, message: str = "") -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with opener() as fh:
            while block := fh.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise BatchInputError(f"{message or f'cannot decode the input as {encoding}'}: {exc}"
                              ) from exc


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def open_input(source: str | Path | bytes, encoding: str | None = None,
               has_header: bool = True) -> InputFile:
    """First pass over the input: encoding, delimiter, headers, row count, and every fault
    that would otherwise stop the batch half-way (an unclosed quote, a binary file)."""
    import hashlib

    path: Path | None = None
    data: bytes | None = None
    spool: IO[bytes] | None = None
    if isinstance(source, bytes):
        data = source
    elif str(source) == "-":
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the second pass
        shutil.copyfileobj(sys.stdin.buffer, spool)
    else:
        path = Path(source)
        if not path.is_file():
            raise BatchInputError(f"{path}: no such file")
    probe = InputFile("utf-8", "strict", ",", True, has_header, [], 0, "", path, data, spool)
    digest = hashlib.sha256()
    with probe._open() as fh:
        head = fh.read(64 * 1024)
        digest.update(head)
        while block := fh.read(1 << 20):
            digest.update(block)
    if head.startswith(b"PK\x03\x04"):
        raise BatchInputError("the input is a zip file (an xlsx workbook?), not a CSV; "
                              "save the sheet as CSV first")
    used, errors = _encoding_of(head[:4096], probe._open, encoding)
    sample = head.decode(used, errors="ignore").replace("\x00", "")
    if used.startswith("utf-8"):  # a character cut at the sample's end is not a fault
        sample = head.decode(used, errors="replace").replace("\x00", "")
    if not sample.strip():
        raise BatchInputError("the input is empty")
    if _looks_binary(sample):
        raise BatchInputError(f"the input does not look like text (decoded as {used}); "
                              "is it a CSV file?")
    delimiter = sniff_delimiter(sample)
    csv.field_size_limit(MAX_FIELD_BYTES)
    shape = InputFile(used, errors, delimiter, True, has_header, [], 0, digest.hexdigest(),
                      path, data, spool)
    try:
        first, width, rows = _shape(shape)
    except csv.Error:
        # A stray quote inside a cell: read leniently, as spreadsheets do, but only once no
        # quote is left open further on (a lenient reader cannot tell one from a long cell).
        _check_quotes_close(shape)
        shape.strict = False
        try:
            first, width, rows = _shape(shape)
        except csv.Error as exc:
            raise BatchInputError(f"malformed CSV: {exc}") from exc
    if has_header:
        if not any(c.strip() for c in first):
            raise BatchInputError("the first row (the header) is empty; pass --no-header if "
                                  "the file has none")
        headers = unique_headers(first)
        headers += unique_headers([""] * width)[len(headers):]  # cells past the header
        shape.headers = unique_headers(headers)
    else:
        shape.headers = [f"column_{i + 1}" for i in range(width)]
    shape.rows = rows
    return shape


def _shape(source: InputFile) -> tuple[list[str], int, int]:
    """First record, widest row, and the number of non-empty data rows."""
    first: list[str] = []
    width = rows = 0
    with source._open() as raw:
        for i, (_line, cells) in enumerate(
                _records(raw, source.encoding, source.errors, source.delimiter, source.strict)):
            if i == 0:
                first = cells
            width = max(width, len(cells))
            if (i > 0 or not source.has_header) and any(c.strip() for c in cells):
                rows += 1
    return first, width, rows


def read_table(source: str | Path | TextIO | bytes, encoding: str | None = None) -> InputTable:
    """Read a whole small CSV: header row plus rows with their line numbers."""
    found = open_input(source, encoding)  # type: ignore[arg-type]
    try:
        return InputTable(found.headers, list(found.iter_rows()), found.encoding,
                          found.delimiter)
    finally:
        found.close()


def _looks_binary(sample: str) -> bool:
    """Control characters other than tabs and line ends are rare in text, common in binaries."""
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def _unclosed(line: int) -> BatchInputError:
    return BatchInputError(f"malformed CSV: the quoted field that opens on line {line} "
                           "is never closed")


def _check_quotes_close(source: InputFile) -> None:
    """Scan past stray quotes for a quote left open, which would swallow the rest of the
    file into one cell."""
    with source._open() as raw:
        text = io.TextIOWrapper(raw, encoding=source.encoding, errors=source.errors, newline="")
        lines = (line.replace("\x00", "") for line in text)
        strict = csv.reader(lines, delimiter=source.delimiter, strict=True)
        record_start = 1
        try:
            while True:
                try:
                    next(strict)
                except StopIteration:
                    return
                except csv.Error as exc:
                    if "unexpected end of data" in str(exc):
                        raise _unclosed(record_start) from exc
                record_start = strict.line_num + 1
        finally:
            text.detach()


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


def _letters_to_index(text: str) -> int | None:
    """Spreadsheet column letters (A, B, ..., AA) as a 0-based index."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", text):
        return None
    index = 0
    for ch in text.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def find_column(headers: Sequence[str], wanted: str | None, role: str = "name",
                has_header: bool = True) -> int:
    """Index of the column named by header, 1-based number or spreadsheet letter, or of a
    recognised name header when none is named."""
    lowered = [h.strip().lower() for h in headers]
    if wanted is not None:
        if has_header:
            if wanted in headers:
                return headers.index(wanted)
            if wanted.strip().lower() in lowered:
                return lowered.index(wanted.strip().lower())
        text = wanted.strip()
        index = int(text) - 1 if text.isdigit() else _letters_to_index(text)
        if index is not None and 0 <= index < len(headers):
            return index
        if not has_header:
            raise BatchInputError(f"no {role} column {wanted!r}: the file (read without a "
                                  f"header) has {len(headers)} columns; give a number "
                                  f"1..{len(headers)} or a letter A..")
        raise BatchInputError(f"no {role} column {wanted!r}; the headers are: "
                              + ", ".join(repr(h) for h in headers))
    if not has_header:
        if len(headers) == 1:
            return 0
        raise BatchInputError(f"the file has {len(headers)} columns and no header; pass "
                              "--column N (1-based) for the names")
    for candidate in NAME_HEADERS:
        if candidate in lowered:
            return lowered.index(candidate)
    raise BatchInputError("cannot tell which column holds the names; pass --column. "
                          "The headers are: " + ", ".join(repr(h) for h in headers))


# ------------------------------------------------------------------ queries

@dataclass
class RowQuery:
    line: int
    query: Query | None
    error: str | None = None


@dataclass
class Columns:
    name: int
    type: int | None = None
    birth_year: int | None = None
    country: int | None = None


def resolve_columns(source: InputFile, options: BatchOptions) -> Columns:
    """The columns the options name, checked before any list is loaded."""
    def find(wanted: str | None, role: str) -> int | None:
        if wanted is None:
            return None
        return find_column(source.headers, wanted, role, source.has_header)
    return Columns(find_column(source.headers, options.column, "name", source.has_header),
                   find(options.type_column, "type"),
                   find(options.birth_year_column, "birth year"),
                   find(options.country_column, "country"))


def header_note(source: InputFile, options: BatchOptions, columns: Columns) -> str | None:
    """A warning when the first row may be data read as a header (a named column whose
    header is not a usual name header, e.g. `--column Sberbank` on a file without one)."""
    if not source.has_header or options.column is None:
        return None
    header = source.headers[columns.name]
    if header.strip().lower() in NAME_HEADERS or options.column.strip().isdigit():
        return None
    return (f"note: line 1 is read as the header (names under {header!r}) and not screened; "
            "pass --no-header --column N if line 1 is data")


def row_query(line: int, cells: list[str], columns: Columns) -> RowQuery:
    def cell(i: int | None) -> str:
        return cells[i].strip() if i is not None and i < len(cells) else ""
    name = cell(columns.name)
    if not name:
        return RowQuery(line, None, "empty name")
    if not any(ch.isalnum() for ch in name):
        return RowQuery(line, None, "the name has no letters or digits")
    if len(name) > MAX_NAME_CHARS:
        return RowQuery(line, None, f"name longer than {MAX_NAME_CHARS} characters")
    try:
        type_ = parse_type(cell(columns.type)) if cell(columns.type) else None
    except ValueError as exc:
        return RowQuery(line, None, str(exc))
    year_text = cell(columns.birth_year)
    year = int(year_text[:4]) if year_text[:4].isdigit() else None
    country = to_iso2(cell(columns.country)) if cell(columns.country) else None
    return RowQuery(line, Query(name=name, type=type_, birth_year=year, country=country))


def build_queries(table: InputTable, options: BatchOptions) -> list[RowQuery]:
    """Queries of a table read whole (small inputs and tests)."""
    shape = InputFile(table.encoding, "strict", table.delimiter, True, not options.no_header,
                      table.headers, len(table.rows), "")
    columns = resolve_columns(shape, options)
    return [row_query(line, cells, columns) for line, cells in table.rows]


# ------------------------------------------------------------------ results

def result_columns(jurisdictions: Sequence[str]) -> list[str]:
    cols = ["status"]
    for j in jurisdictions:
        cols += [f"{j}_status", f"{j}_list", f"{j}_ref", f"{j}_name", f"{j}_score",
                 f"{j}_programme", f"{j}_list_version", f"{j}_explanation"]
    return cols + ["error"]


def version_label(file: dict[str, Any]) -> str:
    """A list version as the audit names it: list, stored version id and publication date."""
    return f"{file['list_id']}@{file['id']} ({file.get('publication_date') or 'undated'})"


def result_cells(result: ScreenResult | None, error: str | None,
                 jurisdictions: Sequence[str], loaded: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if result is None:
        out["status"] = ERROR
        out["error"] = error
        return out
    versions = {f["id"]: version_label(f) for f in result.source_files}
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
                    f"{j}_score": round(best.score, 3),
                    f"{j}_programme": "; ".join(best.programmes),
                    f"{j}_list_version": versions.get(best.source_file_id, ""),
                    f"{j}_explanation": best.explanation})
    out["error"] = ""
    return out


@dataclass
class Outcome:
    """What one distinct query produced: its output cells and its audit record."""

    query: Query
    cells: dict[str, Any]
    status: str
    hits: list[dict[str, Any]]
    audit_id: int | None = None  # its row in the audit, once recorded


def outcome_of(result: ScreenResult, jurisdictions: Sequence[str], loaded: set[str]) -> Outcome:
    cells = result_cells(result, None, jurisdictions, loaded)
    hits = [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
             "status": h.status, "matched_name": h.matched_name,
             "source_file_id": h.source_file_id} for h in result.hits]
    return Outcome(result.query, cells, cells["status"], hits)


def query_key(query: Query) -> tuple[Any, ...]:
    return (query.name, query.type, query.birth_year, query.country)


class ResultCache:
    """Outcomes of the distinct queries seen so far, least recently used dropped first, so a
    file of many repeated names screens each once while memory stays bounded."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Outcome] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Outcome | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[Any, ...], outcome: Outcome) -> None:
        self._items[key] = outcome
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


# ------------------------------------------------------------------ executors

class Executor(Protocol):
    """Screens a list of queries, in order, reporting each finished part."""

    def screen(self, queries: list[Query], done: Callable[[int], None]) -> list[ScreenResult]:
        ...

    def close(self) -> None:
        ...


def split_parts(items: Sequence[Any], workers: int, largest: int = 200) -> list[Sequence[Any]]:
    """Parts small enough to keep every worker busy and progress moving."""
    size = max(10, min(largest, math.ceil(len(items) / max(1, workers * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


_WORKER: dict[str, Any] = {}  # per forked worker process: its screener and threshold


def _init_worker(screener: Screener, threshold: float | None) -> None:
    screener.reconnect()
    _WORKER["screener"] = screener
    _WORKER["threshold"] = threshold


def _screen_part(queries: Sequence[Query]) -> list[ScreenResult]:
    screener: Screener = _WORKER["screener"]
    return [screener.screen(q, threshold=_WORKER["threshold"]) for q in queries]


class LocalExecutor:
    """This machine: in-process, or a pool of forked processes sharing the loaded index."""

    def __init__(self, screener: Screener, threshold: float | None, workers: int) -> None:
        self.screener = screener
        self.threshold = threshold
        self.workers = workers or os.cpu_count() or 1
        self._pool: Any = None
        if self.workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker,
                                  initargs=(screener, threshold))

    def screen(self, queries: list[Query], done: Callable[[int], None]) -> list[ScreenResult]:
        if self._pool is None or len(queries) < 20:
            results = []
            for part in split_parts(queries, 1, 50):
                results.extend(self.screener.screen(q, threshold=self.threshold) for q in part)
                done(len(part))
            return results
        results = []
        for part in self._pool.imap(_screen_part, split_parts(queries, self.workers)):
            results.extend(part)
            done(len(part))
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


# ------------------------------------------------------------------ writing

class RowWriter:
    """Output rows in csv (the input's delimiter), JSON lines or Markdown."""

    def __init__(self, fmt: str, headers: Sequence[str], columns: Sequence[str],
                 delimiter: str = ",", excel: bool = False) -> None:
        if fmt not in FORMATS:
            raise BatchInputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.fmt = fmt
        self.headers = list(headers)
        self.columns = list(headers) + list(columns)
        self.delimiter = delimiter
        self.newline = "\r\n" if excel else "\n"

    def header(self) -> str:
        if self.fmt == "json":
            return ""
        if self.fmt == "md":
            return ("| " + " | ".join(self.columns) + " |\n"
                    + "|" + "---|" * len(self.columns) + "\n")
        return self._csv([safe_cell(h) for h in self.columns])

    def row(self, values: dict[str, Any]) -> str:
        if self.fmt == "json":
            return json.dumps({c: values.get(c, "") for c in self.columns},
                              ensure_ascii=False) + "\n"
        if self.fmt == "md":
            return "| " + " | ".join(_md(values.get(c, "")) for c in self.columns) + " |\n"
        return self._csv([safe_cell(values.get(c, "")) for c in self.columns])

    def input_prefix(self, cells: Sequence[str]) -> str:
        """How a row written for these input cells begins (to check a resumed output)."""
        values = input_values(self.headers, cells)
        if self.fmt == "json":
            return json.dumps(values, ensure_ascii=False)[:-1] + ", "
        if self.fmt == "md":
            return "| " + "".join(_md(values[h]) + " | " for h in self.headers)
        return self._csv([safe_cell(values[h]) for h in self.headers])[:-len(self.newline)] \
            + self.delimiter

    def status_of(self, record: str, prefix: str) -> str:
        """The status column of a written row."""
        if self.fmt == "json":
            return str(json.loads(record).get("status", ""))
        rest = record[len(prefix):]
        if self.fmt == "md":
            return rest.split(" | ", 1)[0].strip()
        cells = next(csv.reader([rest], delimiter=self.delimiter), [""])
        return cells[0] if cells else ""

    def _csv(self, cells: list[Any]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline).writerow(cells)
        return buffer.getvalue()


def _md(value: Any) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def input_values(headers: Sequence[str], cells: Sequence[str]) -> dict[str, Any]:
    return {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}


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


# ------------------------------------------------------------------ the run

class Sink(Protocol):
    """Where each finished chunk goes: the output and the audit trail."""

    def write(self, text: str) -> None:
        ...


class ChunkAudit(Protocol):
    def record(self, first_row: int, rows: list[tuple[int, RowQuery, Outcome | None]]) -> None:
        ...


def chunked(rows: Iterable[tuple[int, list[str]]], size: int
            ) -> Iterator[list[tuple[int, list[str]]]]:
    chunk: list[tuple[int, list[str]]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_stream(source: InputFile, columns: Columns, executor: Executor, writer: RowWriter,
               sink: Sink, jurisdictions: Sequence[str], loaded: set[str],
               audit: ChunkAudit | None = None, skip: int = 0,
               summary: BatchSummary | None = None,
               progress: Callable[[float], None] | None = None,
               chunk_rows: int = CHUNK_ROWS, cache: ResultCache | None = None) -> BatchSummary:
    """Stream the input past the first `skip` rows: per chunk, screen the distinct queries
    not seen yet, then audit and write the chunk's rows in input order."""
    started = time.perf_counter()
    summary = summary or BatchSummary(jurisdictions=list(jurisdictions))
    cache = cache or ResultCache()
    rows = source.iter_rows()
    for _ in range(skip):
        next(rows, None)
    row_number = skip
    for chunk in chunked(rows, chunk_rows):
        queries = [row_query(line, cells, columns) for line, cells in chunk]
        fresh: dict[tuple[Any, ...], Query] = {}
        known: dict[tuple[Any, ...], Outcome] = {}  # this chunk's, whatever the cache drops
        for rq in queries:
            if rq.query is not None:
                key = query_key(rq.query)
                if key in fresh or key in known:
                    continue
                found = cache.get(key)
                if found is None:
                    fresh[key] = rq.query
                else:
                    known[key] = found
        pending = list(fresh.values())
        step = len(chunk) / len(pending) if pending else 0.0
        moved = 0.0

        def done(n: int, step: float = step) -> None:
            nonlocal moved
            if progress:
                progress(n * step)
            moved += n * step
        for key, result in zip(fresh, executor.screen(pending, done) if pending else [],
                               strict=True):
            known[key] = outcome_of(result, jurisdictions, loaded)
            cache.put(key, known[key])
        summary.screened += len(pending)
        out: list[tuple[int, RowQuery, Outcome | None]] = []
        text = []
        for (_line, cells), rq in zip(chunk, queries, strict=True):
            row_number += 1
            outcome = known[query_key(rq.query)] if rq.query is not None else None
            out.append((row_number, rq, outcome))
            values = input_values(writer.headers, cells)
            values.update(outcome.cells if outcome else
                          result_cells(None, rq.error, jurisdictions, loaded))
            summary.count(values["status"], rq.line, rq.error)
            text.append(writer.row(values))
        if audit is not None:
            audit.record(row_number - len(chunk) + 1, out)  # audited before it is written
        sink.write("".join(text))
        if progress:
            progress(len(chunk) - moved)
    summary.seconds += time.perf_counter() - started
    return summary
