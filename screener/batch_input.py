"""Reading a CSV file as people have them: any common encoding and delimiter, a header or
none, stray quotes, rows wider than the header.

A first pass settles the encoding, delimiter, shape and row count, and rejects a broken
file before anything is written; the rows are then streamed, never held all at once.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO

from screener.errors import not_a_file

NAME_HEADERS = ("name", "full_name", "fullname", "full name", "entity", "entity_name",
                "entity name", "company", "company_name", "company name", "organisation",
                "organization", "supplier", "supplier_name", "customer", "customer_name",
                "party", "party_name", "counterparty", "person", "individual", "vessel",
                "beneficiary", "names", "nom", "nombre", "name_en")
MAX_FIELD_BYTES = 64 * 1024 * 1024
# "Last Name" or "File name" alone is not the name to screen, however it ends.
_NOT_WHOLE_NAMES = {"first", "last", "given", "family", "middle", "sur", "maiden", "user",
                    "file", "host", "domain", "display", "short", "column", "sheet"}


def header_key(header: str) -> str:
    """A header as compared: lower case, spaces, dots and hyphens as underscores, so that
    "Supplier Name", "supplier-name" and "SUPPLIER_NAME" are one header."""
    return re.sub(r"[\s._\-]+", "_", header.strip().lower()).strip("_")


_NAME_KEYS = tuple(dict.fromkeys(header_key(h) for h in NAME_HEADERS))


def is_name_header(header: str) -> bool:
    """A usual header for the names to screen: one of NAME_HEADERS written any way, or a
    qualified name ("Vendor Name", "Legal name") that is not a name part ("Last Name")."""
    key = header_key(header)
    if key in _NAME_KEYS:
        return True
    words = key.split("_")
    return (len(words) >= 2 and words[-1] in ("name", "names")
            and not _NOT_WHOLE_NAMES.intersection(words[:-1]))


class BatchInputError(ValueError):
    """The input file cannot be read as a CSV of names."""


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
    empty_rows: int = 0  # data rows with nothing in any cell: skipped, and counted

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
            raise BatchInputError(not_a_file(path))
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
        first, width, rows, empty = _shape(shape)
    except csv.Error:
        # A stray quote inside a cell: read leniently, as spreadsheets do, but only once no
        # quote is left open further on (a lenient reader cannot tell one from a long cell).
        _check_quotes_close(shape)
        shape.strict = False
        try:
            first, width, rows, empty = _shape(shape)
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
    shape.rows, shape.empty_rows = rows, empty
    return shape


def _shape(source: InputFile) -> tuple[list[str], int, int, int]:
    """First record, widest row, and the numbers of non-empty and of empty data rows."""
    first: list[str] = []
    width = rows = empty = 0
    with source._open() as raw:
        for i, (_line, cells) in enumerate(
                _records(raw, source.encoding, source.errors, source.delimiter, source.strict)):
            if i == 0:
                first = cells
            width = max(width, len(cells))
            if i > 0 or not source.has_header:
                if any(c.strip() for c in cells):
                    rows += 1
                else:
                    empty += 1
    return first, width, rows, empty


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
    keys = [header_key(h) for h in headers]
    for candidate in _NAME_KEYS:
        if candidate in keys:
            return keys.index(candidate)
    qualified = [i for i, h in enumerate(headers) if is_name_header(h)]
    if len(qualified) == 1:
        return qualified[0]
    raise BatchInputError("cannot tell which column holds the names; pass --column. "
                          "The headers are: " + ", ".join(repr(h) for h in headers)
                          + " (if line 1 is data, not a header: --no-header --column N)")
