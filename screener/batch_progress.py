"""How far a batch has got, in work rather than rows, so the time left is real.

A file that repeats names is fast once its names have been seen: counting rows alone, the
first minutes (mostly new names) promise hours and the end rushes. The work is counted
instead as one unit per distinct name screened plus a small share per row written, with the
number of distinct names estimated beforehand in one streaming pass of bounded memory (the
k smallest hashes: an estimate within a few per cent, exact below k names).
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable

# Rows written per unit of work: a row costs ~40 us to read, look up, audit and write, a
# new name ~6 ms to screen on two workers (BENCHMARKS.md, batch section).
ROWS_PER_NAME = 100
SKETCH_SIZE = 4096


def estimate_distinct(names: Iterable[str], k: int = SKETCH_SIZE) -> int:
    """Number of distinct names, from the k smallest 64-bit hashes seen."""
    heap: list[int] = []  # the k smallest hashes, negated (a max-heap)
    kept: set[int] = set()
    for name in names:
        h = int.from_bytes(hashlib.blake2b(name.encode("utf-8", "replace"),
                                           digest_size=8).digest(), "big")
        if h in kept:
            continue
        if len(heap) < k:
            heapq.heappush(heap, -h)
            kept.add(h)
        elif h < -heap[0]:
            kept.discard(-heapq.heappushpop(heap, -h))
            kept.add(h)
    if len(heap) < k:
        return len(heap)
    return int((k - 1) * 2**64 / -heap[0])


class WorkMeter:
    """Work done and to do: a unit per distinct name screened, 1/ROWS_PER_NAME per row."""

    def __init__(self, rows: int, rows_done: int, distinct: int) -> None:
        self.rows_total = rows
        self.rows = rows_done
        self.distinct = distinct
        self.names = 0

    def add(self, names: int, rows: int) -> None:
        self.names += names
        self.rows += rows
        self.distinct = max(self.distinct, self.names)  # an estimate on the low side grows

    @property
    def total(self) -> float:
        return self.distinct + self.rows_total / ROWS_PER_NAME

    @property
    def completed(self) -> float:
        return self.names + self.rows / ROWS_PER_NAME
