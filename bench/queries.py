"""Screening queries for the speed bench and for the check that the fast search finds what the
exhaustive one does: real list names with spelling noise and everyday names nobody has listed,
seeded. Two disjoint sets: tuned-on (looked at while making the search faster) and held-out
(only ever measured)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Any

from bench.everyday import company_names, person_names
from bench.names import _variant

SEED = 13
PARTS = ("tuned-on", "held-out")


def current_names(conn: Any) -> list[str]:
    """Every distinct full name of the current list versions, in a stable order."""
    rows = conn.execute(
        "SELECT DISTINCT n.full_name FROM target_names n JOIN targets t ON t.id = n.target_id "
        "JOIN source_files f ON f.id = t.source_file_id WHERE f.is_current = 1 ORDER BY n.full_name")
    return [r[0] for r in rows if r[0] and r[0].strip()]


def query_sets(names: Sequence[str], per_kind: int = 300, seed: int = SEED) -> dict[str, list[str]]:
    """`per_kind` list names respelt (a letter changed, dropped or doubled, words swapped) and
    `per_kind` everyday names (persons of six cultures, companies) per part; the parts share
    no name."""
    rng = random.Random(seed)
    listed = rng.sample(list(names), min(len(names), 2 * per_kind))
    noisy = [_variant(" ".join(n.split()), rng) for n in listed]
    people = [n for group in person_names(per_kind // 3).values() for n in group]
    everyday = list(dict.fromkeys(people + company_names(per_kind)))
    rng.shuffle(everyday)
    half = len(noisy) // 2
    return {PARTS[0]: noisy[:half] + everyday[:per_kind],
            PARTS[1]: noisy[half:] + everyday[per_kind:2 * per_kind]}


def shown(result: Any) -> dict[str, Any]:
    """What a screening shows and records, without the time it ran."""
    out = result.to_dict()
    out.pop("screened_at")
    return out


def differing(screener: Any, queries: Iterable[str]) -> list[str]:
    """Queries whose fast screening differs from the exhaustive one (hits, statuses, scores
    as shown, explanations, verdict)."""
    from screener.screen import Query

    return [q for q in queries
            if shown(screener.screen(Query(q))) != shown(screener.screen(Query(q), exhaustive=True))]
