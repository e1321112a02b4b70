"""Batch screening of a CSV file as people have them (any common encoding and delimiter).

A first pass settles the file's encoding, delimiter, shape and row count (and rejects a
broken file before anything is written); then it is streamed in chunks: read, screen each
distinct name once, audit, write, so memory stays flat whatever the size.
Every input row comes out, in order, with the best hit per jurisdiction and an overall status.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from screener import identifiers
from screener.batch_input import (  # noqa: F401 - the names callers know batch by
    BatchInputError,
    InputFile,
    InputTable,
    decode,
    find_column,
    is_name_header,
    open_input,
    read_table,
    sniff_delimiter,
    unique_headers,
)
from screener.batch_write import RowWriter, write_atomically  # noqa: F401
from screener.countries import to_iso2
from screener.dates import parse_date
from screener.screen import HIT, REVIEW, Query, Screener, ScreenResult, parse_type

MAX_NAME_CHARS = 1000
CHUNK_ROWS = 2000
CACHE_ENTRIES = 200_000
CLEAR, ERROR = "clear", "error"


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
    id_column: str | None = None  # identifiers ("IMO 9299719"; several split by ";")


@dataclass
class BatchSummary:
    rows: int = 0
    hits: int = 0
    reviews: int = 0
    clear: int = 0
    errors: int = 0
    screened: int = 0  # distinct names actually screened (the rest came from the cache)
    resumed: int = 0  # rows found already written by an interrupted run
    empty_rows: int = 0  # input rows with no cell filled: not screened, not written
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
    ids: int | None = None


def resolve_columns(source: InputFile, options: BatchOptions) -> Columns:
    """The columns the options name, checked before any list is loaded."""
    def find(wanted: str | None, role: str) -> int | None:
        if wanted is None:
            return None
        return find_column(source.headers, wanted, role, source.has_header)
    return Columns(find_column(source.headers, options.column, "name", source.has_header),
                   find(options.type_column, "type"),
                   find(options.birth_year_column, "birth year"),
                   find(options.country_column, "country"),
                   find(options.id_column, "identifier"))


def header_note(source: InputFile, options: BatchOptions, columns: Columns) -> str | None:
    """A warning when the first row may be data read as a header (a named column whose
    header is not a usual name header, e.g. `--column Sberbank` on a file without one)."""
    if not source.has_header or options.column is None:
        return None
    header = source.headers[columns.name]
    if is_name_header(header):
        return None
    return (f"note: line 1 is read as the header (names under {header!r}) and not screened; "
            "pass --no-header --column N if line 1 is data")


def row_query(line: int, cells: list[str], columns: Columns) -> RowQuery:
    def cell(i: int | None) -> str:
        return cells[i].strip() if i is not None and i < len(cells) else ""
    name = cell(columns.name)
    ids = [i.strip() for i in cell(columns.ids).split(";") if i.strip()]
    try:
        for i in ids:
            identifiers.parse_query(i)
    except identifiers.IdentifierError as exc:
        return RowQuery(line, None, str(exc))
    if not name and not ids:
        return RowQuery(line, None, "empty name")
    if name and not any(ch.isalnum() for ch in name):
        return RowQuery(line, None, "the name has no letters or digits")
    if len(name) > MAX_NAME_CHARS:
        return RowQuery(line, None, f"name longer than {MAX_NAME_CHARS} characters")
    try:
        type_ = parse_type(cell(columns.type)) if cell(columns.type) else None
    except ValueError as exc:
        return RowQuery(line, None, str(exc))
    year_text = cell(columns.birth_year)
    year = int(year_text[:4]) if year_text[:4].isdigit() else None
    birth = parse_date(year_text) if len(year_text) > 4 else None  # a whole date is used whole
    country = to_iso2(cell(columns.country)) if cell(columns.country) else None
    return RowQuery(line, Query(name=name, type=type_, birth_year=year, country=country,
                                birth_date=birth.date_from if birth else None, ids=ids))


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
    """What one distinct query produced: its rendered result cells and, until the audit has
    recorded it, the query and hits the audit keeps."""

    part: str
    status: str
    query: Query | None
    hits: list[dict[str, Any]] | None
    audit_id: int | None = None  # its row in the audit, once recorded

    def recorded(self, audit_id: int) -> None:
        self.audit_id = audit_id
        self.query = self.hits = None  # kept in the audit now; the cache keeps only the part


def outcome_of(result: ScreenResult, writer: RowWriter, jurisdictions: Sequence[str],
               loaded: set[str]) -> Outcome:
    cells = result_cells(result, None, jurisdictions, loaded)
    hits = [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
             "status": h.status, "matched_name": h.matched_name,
             "source_file_id": h.source_file_id} for h in result.hits]
    return Outcome(writer.result_part(cells), cells["status"], result.query, hits)


def query_key(query: Query) -> tuple[Any, ...]:
    return (query.name, query.type, query.birth_year, query.country, query.birth_date,
            tuple(query.ids))


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

Collect = Callable[[Callable[[int], None]], list[ScreenResult]]


class Executor(Protocol):
    """Screens queries, in order. `submit` starts the work and returns how to collect it
    (reporting each finished part), so the next chunk is read while this one is screened."""

    def submit(self, queries: list[Query]) -> Collect:
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
        self._parallel = self.workers > 1 and "fork" in multiprocessing.get_all_start_methods()

    def submit(self, queries: list[Query]) -> Collect:
        if self._pool is None and self._parallel and len(queries) >= 20:
            # Started at the first chunk worth it, so a file of a few names forks nothing.
            ctx = multiprocessing.get_context("fork")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker,
                                  initargs=(self.screener, self.threshold))
        if self._pool is None or len(queries) < 20:
            def serial(done: Callable[[int], None]) -> list[ScreenResult]:
                results = []
                for part in split_parts(queries, 1, 50):
                    results.extend(self.screener.screen(q, threshold=self.threshold)
                                   for q in part)
                    done(len(part))
                return results
            return serial
        parts = self._pool.imap(_screen_part, split_parts(queries, self.workers))

        def collect(done: Callable[[int], None]) -> list[ScreenResult]:
            results = []
            for part in parts:
                results.extend(part)
                done(len(part))
            return results
        return collect

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


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


@dataclass
class _Chunk:
    """A chunk read and submitted, waiting for its screening to be collected."""

    rows: list[tuple[int, list[str]]]
    queries: list[RowQuery]
    fresh: dict[tuple[Any, ...], Query]
    known: dict[tuple[Any, ...], Outcome]
    collect: Collect | None


def run_stream(source: InputFile, columns: Columns, executor: Executor, writer: RowWriter,
               sink: Sink, jurisdictions: Sequence[str], loaded: set[str],
               audit: ChunkAudit | None = None, skip: int = 0,
               summary: BatchSummary | None = None,
               progress: Callable[[int, int], None] | None = None,
               chunk_rows: int = CHUNK_ROWS, cache: ResultCache | None = None) -> BatchSummary:
    """Stream the input past the first `skip` rows. Per chunk: submit the distinct queries
    not seen yet (while the previous chunk's are still screening), then collect, audit and
    write the rows in input order. `progress` hears of names screened and rows written."""
    started = time.perf_counter()
    summary = summary or BatchSummary(jurisdictions=list(jurisdictions))
    cache = cache or ResultCache()
    rows = source.iter_rows()
    for _ in range(skip):
        next(rows, None)
    row_number = skip
    previous: _Chunk | None = None

    def read(chunk: list[tuple[int, list[str]]]) -> _Chunk:
        queries = [row_query(line, cells, columns) for line, cells in chunk]
        fresh: dict[tuple[Any, ...], Query] = {}
        known: dict[tuple[Any, ...], Outcome] = {}  # this chunk's, whatever the cache drops
        in_flight = previous.fresh if previous is not None else {}
        for rq in queries:
            if rq.query is None:
                continue
            key = query_key(rq.query)
            if key in fresh or key in known or key in in_flight:
                continue  # in flight: taken from the previous chunk when it is collected
            found = cache.get(key)
            if found is None:
                fresh[key] = rq.query
            else:
                known[key] = found
        collect = executor.submit(list(fresh.values())) if fresh else None
        return _Chunk(chunk, queries, fresh, known, collect)

    def finish(item: _Chunk, before: _Chunk | None) -> None:
        nonlocal row_number

        def done(n: int) -> None:
            if progress:
                progress(n, 0)
        results = item.collect(done) if item.collect else []
        for key, result in zip(item.fresh, results, strict=True):
            item.known[key] = outcome_of(result, writer, jurisdictions, loaded)
            cache.put(key, item.known[key])
        summary.screened += len(item.fresh)
        out: list[tuple[int, RowQuery, Outcome | None]] = []
        text = []
        for (_line, cells), rq in zip(item.rows, item.queries, strict=True):
            row_number += 1
            outcome = None
            if rq.query is not None:
                key = query_key(rq.query)
                outcome = item.known.get(key) or (before.known[key] if before else None)
            out.append((row_number, rq, outcome))
            if outcome is None:
                status = ERROR
                part = writer.result_part(result_cells(None, rq.error, jurisdictions, loaded))
            else:
                status, part = outcome.status, outcome.part
            summary.count(status, rq.line, rq.error)
            text.append(writer.row(cells, part))
        if audit is not None:
            audit.record(row_number - len(item.rows) + 1, out)  # audited before it is written
        sink.write("".join(text))
        if progress:
            progress(0, len(item.rows))

    before: _Chunk | None = None
    for chunk in chunked(rows, chunk_rows):
        current = read(chunk)
        if previous is not None:
            finish(previous, before)
        before, previous = previous, current
    if previous is not None:
        finish(previous, before)
    summary.seconds += time.perf_counter() - started
    return summary
