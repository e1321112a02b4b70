"""Where a batch writes: straight to stdout, or to OUT.partial renamed to OUT when complete.

An interrupted run leaves OUT.partial (and any earlier OUT untouched); `--resume` reads back
what was written, checks that each written row is the input's row in the same place, drops a
row cut off half-way, and continues from there.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from screener.batch import BatchInputError, BatchSummary, InputFile, RowWriter

try:
    import fcntl
except ImportError:  # Windows has no fcntl: no lock there, as before
    fcntl = None  # type: ignore[assignment]

BOM = codecs.BOM_UTF8


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def _lock(fh: IO[bytes]) -> bool:
    """Hold OUT.partial for this run (released when the file is closed); False when another
    run holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def check_not_running(output: Path) -> None:
    """A run still writing OUT.partial is not interrupted: resuming or restarting it now would
    write the same rows twice into one file."""
    partial = partial_path(output)
    try:
        fh = open(partial, "rb")  # noqa: SIM115 - closed below, which releases the lock
    except OSError:
        return
    with fh:
        if not _lock(fh):
            raise BatchInputError(f"another screener batch is writing {partial} right now; "
                                  "wait for it to finish (or stop it, then --resume)")


class StdoutSink:
    def __init__(self, excel: bool = False) -> None:
        self.stream = sys.stdout
        if excel:
            self.stream.write("\ufeff")

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class FileSink:
    """Appends UTF-8 text to the partial file, flushed per chunk so a resume finds it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh

    def write(self, text: str) -> None:
        self.fh.write(text.encode("utf-8"))
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


@dataclass
class Written:
    """What an interrupted run left: rows complete and checked, and where they end."""

    rows: int
    offset: int
    summary: BatchSummary


def scan_written(path: Path, writer: RowWriter, source: InputFile,
                 jurisdictions: list[str]) -> Written:
    """Read back a partial output: its header must be the one this run writes, and each
    complete row must begin with the input's row of the same number."""
    summary = BatchSummary(jurisdictions=list(jurisdictions))
    header = writer.header().encode("utf-8")
    with open(path, "rb") as fh:
        start = len(BOM) if fh.read(len(BOM)) == BOM else 0
        fh.seek(start)
        if fh.read(len(header)) != header:
            raise BatchInputError(f"{path} was not written by this batch (its header differs: "
                                  "another input, format, delimiter or lists?); choose another "
                                  "-o or remove it")
        offset = start + len(header)
        fh.seek(offset)
        inputs = source.iter_rows()
        record = b""
        quotes = 0
        rows = 0
        for line in fh:
            record += line
            if writer.fmt == "csv":
                quotes += line.count(b'"')
            if not line.endswith(b"\n") or quotes % 2:
                continue  # cut off, or a quoted cell goes on over the next line
            text = record.decode("utf-8", errors="replace")
            got = next(inputs, None)
            if got is None:
                raise BatchInputError(f"{path} has more rows than the input: not this input's "
                                      "output")
            in_line, cells = got
            prefix = writer.input_prefix(cells)
            if not text.startswith(prefix):
                raise BatchInputError(f"row {rows + 1} of {path} is not the input's row "
                                      f"{rows + 1} (line {in_line}): not this input's output")
            status = writer.status_of(text.rstrip("\r\n"), prefix)
            summary.count(status, in_line, "(written before the resume)")
            rows += 1
            offset += len(record)
            record = b""
            quotes = 0
    summary.resumed = rows
    return Written(rows, offset, summary)


def open_partial(output: Path, excel: bool, written: Written | None, header: str) -> FileSink:
    """The partial file, truncated after its last complete row (or new, with the header)."""
    partial = partial_path(output)
    if written is None:
        fh = open(partial, "wb")  # noqa: SIM115 - the sink owns it
        _lock(fh)
        if excel:
            fh.write(BOM)
        fh.write(header.encode("utf-8"))
    else:
        fh = open(partial, "r+b")  # noqa: SIM115
        _lock(fh)
        fh.truncate(written.offset)
        fh.seek(0, io.SEEK_END)
    fh.flush()
    return FileSink(fh)


def complete(output: Path) -> None:
    """The run finished: the partial file becomes the output in one rename."""
    partial = partial_path(output)
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, output)
