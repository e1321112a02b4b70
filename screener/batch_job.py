"""One `screener batch` run: input, lists, executor, output, audit and resume put together.

The CLI only parses options and shows progress; tests drive this function directly too.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from screener import match, registry
from screener.batch import (
    BatchInputError,
    BatchOptions,
    BatchSummary,
    Executor,
    LocalExecutor,
    ResultCache,
    RowWriter,
    header_note,
    open_input,
    resolve_columns,
    result_columns,
    run_stream,
)
from screener.batch_audit import BatchAudit
from screener.batch_output import (
    StdoutSink,
    check_not_running,
    complete,
    open_partial,
    partial_path,
    scan_written,
)
from screener.batch_progress import estimate_distinct
from screener.db import DatabaseError
from screener.screen import Screener


class BatchInterrupted(Exception):
    """Stopped by the user; what was written stays in OUT.partial for --resume."""


@dataclass
class JobOptions:
    batch: BatchOptions = field(default_factory=BatchOptions)
    fmt: str = "csv"
    output: Path | None = None
    excel: bool = False
    resume: bool = False
    scheduler: str | None = None  # a Dask scheduler address, or "local"
    chunk_rows: int = 2000
    cache_entries: int = 200_000


@dataclass
class JobResult:
    summary: BatchSummary
    screening_id: int
    notes: list[str]


# (rows in all, rows already written, distinct names estimated) -> (names, rows) -> None
Progress = Callable[[int, int, int], Callable[[int, int], None]]


def run_job(database: sqlite_utils.Database, db_path: Path, cache_dir: Path | None,
            input_path: str, options: JobOptions, progress: Progress | None = None,
            note: Callable[[str], None] | None = None) -> JobResult:
    """Screen every row of the input; write the output (atomically when -o) and the audit."""
    opts = options.batch
    if options.excel and options.fmt != "csv":
        raise BatchInputError("--excel writes CSV; drop --format or use --format csv")
    if options.resume and (options.output is None or input_path == "-"):
        raise BatchInputError("--resume needs an input file and -o (it continues OUT.partial)")
    output = Path(options.output) if options.output else None
    if output is not None and input_path != "-" and output.resolve() == Path(input_path).resolve():
        raise BatchInputError("-o is the input file; write the results to another file")
    if output is not None and not output.parent.is_dir():  # before the audit records a run
        raise BatchInputError(f"cannot write {output}: no directory {output.parent}")
    if output is not None and output.is_dir():
        raise BatchInputError(f"cannot write {output}: it is a directory; give a file name")
    notes: list[str] = []
    source = open_input(input_path, opts.encoding, not opts.no_header)
    try:
        columns = resolve_columns(source, opts)  # checked before any list is loaded
        warning = header_note(source, opts, columns)
        if warning:
            notes.append(warning)
            if note:
                note(warning)
        existing: Path | None = None
        resumed = None
        if output is not None:
            partial = partial_path(output)
            check_not_running(output)
            if options.resume:
                existing = partial if partial.exists() else output if output.exists() else None
                resumed = BatchAudit.unfinished(database, str(output.resolve()), source.sha256)
            elif partial.exists():
                raise BatchInputError(f"{partial} holds an interrupted run: pass --resume to "
                                      "continue it, or delete it to start again")
        threshold = opts.threshold
        if resumed is not None:
            audit, file_ids, used = resumed
            if threshold is not None and abs(threshold - used) > 1e-9:
                raise BatchInputError(f"the interrupted run used --threshold {used}; resume "
                                      "it with the same threshold")
            threshold = used
            screener = Screener.open(database, cache_dir, file_ids=file_ids)
            if {f["id"] for f in screener.files} != set(file_ids):
                raise BatchInputError("the list versions the interrupted run used are no "
                                      "longer stored; start the batch again without --resume")
        else:
            screener = Screener.open(database, cache_dir)
        used_threshold = match.DEFAULT_THRESHOLD if threshold is None else threshold
        loaded = {screener.jurisdiction.get(f["list_id"], "?") for f in screener.files}
        jurisdictions = list(registry.JURISDICTIONS) + sorted(
            j for j in loaded if j not in registry.JURISDICTIONS)
        writer = RowWriter(options.fmt, source.headers, result_columns(jurisdictions),
                           source.delimiter, options.excel)
        written = None
        if existing is not None:
            written = scan_written(existing, writer, source, jurisdictions)
            done = BatchAudit.finished(database, str(output.resolve()), source.sha256) \
                if existing == output and written.rows == source.rows else None
            if done is not None:
                message = f"{output} is already complete (batch audit id {done.id}): nothing to resume"
                notes.append(message)
                if note:
                    note(message)
                written.summary.empty_rows = source.empty_rows
                return JobResult(written.summary, done.id, notes)
            if existing == output:
                os.replace(output, partial_path(output))
            message = (f"resuming after {written.rows} of {source.rows} rows already in "
                       f"{existing}")
            notes.append(message)
            if note:
                note(message)
        executor = _executor(options, screener, db_path, cache_dir, threshold)
        sink: Any = None
        try:
            if resumed is None:
                audit = _start_audit(database, db_path, input_path, source.sha256, source.rows,
                                     options, screener.files, used_threshold, written)
            sink = (open_partial(output, options.excel, written, writer.header())
                    if output is not None else StdoutSink(options.excel))
            if output is None:
                sink.write(writer.header())
            skip = written.rows if written else 0
            advance = None
            if progress:
                left = itertools.islice(source.iter_rows(), skip, None)  # to screen now
                names = (row[columns.name].strip() for _line, row in left
                         if columns.name < len(row))
                advance = progress(source.rows, skip, estimate_distinct(names))
            summary = run_stream(source, columns, executor, writer, sink, jurisdictions,
                                 loaded, audit=audit, skip=skip,
                                 summary=written.summary if written else None,
                                 progress=advance, chunk_rows=options.chunk_rows,
                                 cache=ResultCache(options.cache_entries))
        except KeyboardInterrupt as exc:
            if sink is not None:
                sink.close()
            where = (f"; the rows done are in {partial_path(output)}: run the same "
                     "command with --resume to finish") if output is not None and \
                partial_path(output).exists() else ""
            raise BatchInterrupted(f"interrupted{where}") from exc
        finally:
            executor.close()
        sink.close()
        if output is not None:
            complete(output)
        audit.finish(summary.rows)
        summary.empty_rows = source.empty_rows
        return JobResult(summary, audit.id, notes)
    finally:
        source.close()


def _start_audit(database: sqlite_utils.Database, db_path: Path, input_path: str, sha256: str,
                 rows: int, options: JobOptions, files: list[dict[str, Any]], threshold: float,
                 written: Any) -> BatchAudit:
    info: dict[str, Any] = {
        "input": input_path if input_path == "-" else str(Path(input_path).resolve()),
        "sha256": sha256, "rows": rows, "column": options.batch.column,
        "no_header": options.batch.no_header, "format": options.fmt,
        "output": str(Path(options.output).resolve()) if options.output else None,
        "scheduler": options.scheduler}
    if written is not None:
        info["resumed_without_audit"] = written.rows  # rows an unaudited run wrote before
    try:
        return BatchAudit.start(database, info, files, threshold)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot write the audit of this batch to {db_path} ({exc}); "
                            "a batch is only run when it can be audited") from exc


def _executor(options: JobOptions, screener: Screener, db_path: Path, cache_dir: Path | None,
              threshold: float | None) -> Executor:
    if options.scheduler:
        try:
            from screener.batch_dask import DaskExecutor
        except ImportError as exc:
            raise BatchInputError("--scheduler needs Dask: pip install 'screener[dask]'") from exc
        return DaskExecutor(options.scheduler, db_path, cache_dir, screener.files, threshold,
                            options.batch.workers)
    return LocalExecutor(screener, threshold, options.batch.workers)
