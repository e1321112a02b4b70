"""Malformed records: skip and report a few, refuse a file with too many.

Real publisher files occasionally carry a broken record (a Designation without a UniqueID).
Refusing the whole file for one of them leaves users on a stale list; loading silently
hides it. So every parser reads its records through a `RecordGuard`, and `enforce`
(called once for every parser by `parse_file`) lets a file through with a note when at most
1% of its records are skipped, and refuses it otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from screener.model import ParsedList, RecordError, SkippedRecord, SourceFormatError

MAX_SKIPPED_SHARE = 0.01
NOTED_SKIPS = 20  # skipped records named in the note stored with the file

# Errors a malformed record can raise while being read; anything else is a bug, not data.
RECORD_ERRORS: tuple[type[Exception], ...] = (RecordError, ValueError, KeyError, IndexError)

T = TypeVar("T")
R = TypeVar("R")


class MalformedRecords(SourceFormatError):
    """More than MAX_SKIPPED_SHARE of a file's records are malformed: the file is refused."""


class RecordGuard:
    """Counts the records read and keeps the malformed ones aside with their reason."""

    def __init__(self) -> None:
        self.seen = 0
        self.skipped: list[SkippedRecord] = []

    def read(self, build: Callable[[T], R], raw: T, ref: str | None = None) -> R | None:
        """build(raw), or None (and a SkippedRecord) when the record is malformed."""
        self.seen += 1
        try:
            return build(raw)
        except RECORD_ERRORS as exc:
            reason = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            self.skipped.append(SkippedRecord(self.seen, reason or type(exc).__name__, ref))
            return None

    def each(self, build: Callable[[T], R], raws: Iterable[T]) -> Iterator[R]:
        """The built records of `raws`, malformed ones skipped."""
        for raw in raws:
            built = self.read(build, raw)
            if built is not None:
                yield built


def enforce(parsed: ParsedList, label: str) -> ParsedList:
    """Refuse a file with too many malformed records; otherwise say in its notes what was left out."""
    skipped = parsed.skipped
    if not skipped:
        return parsed
    total = len(parsed.targets) + len(skipped)
    reasons = Counter(s.reason for s in skipped)
    summary = "; ".join(f"{reason} ({n})" if n > 1 else reason for reason, n in reasons.most_common(3))
    if len(skipped) > total * MAX_SKIPPED_SHARE:
        raise MalformedRecords(
            f"{label}: {len(skipped)} of {total} records are malformed (more than "
            f"{MAX_SKIPPED_SHARE:.0%}); file refused, nothing loaded. First: {summary}")
    listed = "; ".join(f"record {s.position}" + (f" ({s.ref})" if s.ref else "") + f": {s.reason}"
                       for s in skipped[:NOTED_SKIPS])
    more = f"; and {len(skipped) - NOTED_SKIPS} more" if len(skipped) > NOTED_SKIPS else ""
    parsed.notes.append(f"skipped {len(skipped)} malformed record{'s' if len(skipped) > 1 else ''} "
                        f"of {total}: {listed}{more}")
    return parsed
