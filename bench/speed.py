"""Screening speed in-process on a broad query set (issue 13): the fast search against the
exhaustive one (identical results, query by query) and against a brute-force rapidfuzz scan of
every name, in the same run.

    python -m bench.speed DB                # DB: a database with the lists loaded
    python -m bench.speed DB --before DIR   # the same plain timings, DIR's `screener` and this
                                            # checkout's side by side
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench import queries as bench_queries

BRUTE_SAMPLE = 40  # queries timed with the brute-force scan (about 60 ms each)
# Screened before anything is timed: what a process loads once (word lists, the vocabulary by
# length of a first letter) is start-up, not a query's time. None of the timed names.
WARM_UP = ["Ivan Petrov", "Global Trade Ltd", "Mr Smith", "J.K. Lee", "Aung Min", "Kim Jong Un",
           "Sea Star Shipping Co", "Maria Fernanda Lopez Garcia", "Bank of Ghana"]


def percentiles(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "mean": statistics.fmean(times), "n": len(times)}


def timed(screener: Any, queries: list[str], **options: Any) -> list[float]:
    """Milliseconds per screening, each query once."""
    from screener.screen import Query

    out = []
    for q in queries:
        started = time.perf_counter()
        screener.screen(Query(q), **options)
        out.append((time.perf_counter() - started) * 1000)
    return out


def brute_force(conn: Any, queries: list[str]) -> tuple[list[float], int]:
    """rapidfuzz process.extractOne (WRatio) over every current name: ms per query."""
    from rapidfuzz import fuzz, process

    from screener.names import normalise

    choices = [normalise(r[0]) for r in conn.execute(
        "SELECT n.full_name FROM target_names n JOIN targets t ON t.id = n.target_id "
        "JOIN source_files f ON f.id = t.source_file_id WHERE f.is_current = 1")]
    out = []
    for q in queries:
        started = time.perf_counter()
        process.extractOne(normalise(q), choices, scorer=fuzz.WRatio)
        out.append((time.perf_counter() - started) * 1000)
    return out, len(choices)


def run(conn: Any, screener: Any, fixed: list[str]) -> dict[str, Any]:
    """p50/p95 per query set (the bench's fixed names, then the tuned-on and held-out sets
    each screened once), how many screenings are identical to the exhaustive ones, and the
    brute-force scan on a sample of the held-out set."""
    sets = bench_queries.query_sets(bench_queries.current_names(conn))
    result: dict[str, Any] = {"sets": {}}
    timed(screener, WARM_UP)
    first: dict[str, list[float]] = {}  # each query's first screening
    for part in bench_queries.PARTS:
        first[part] = timed(screener, sets[part])
        result["sets"][part] = {"fast": percentiles(first[part]),
                                "exhaustive": percentiles(timed(screener, sets[part], exhaustive=True))}
    everything = [*fixed, *sets[bench_queries.PARTS[0]], *sets[bench_queries.PARTS[1]]]
    result["differing"] = bench_queries.differing(screener, everything)
    result["compared"] = len(everything)
    held_out = bench_queries.PARTS[1]
    picked = range(0, len(sets[held_out]), max(1, len(sets[held_out]) // BRUTE_SAMPLE))[:BRUTE_SAMPLE]
    brute, names = brute_force(conn, [sets[held_out][k] for k in picked])
    ours = [first[held_out][k] for k in picked]  # their first screening, nothing cached for them
    result["brute"] = {"names": names, "ms": percentiles(brute), "ours": percentiles(ours),
                       "speedup_mean": statistics.fmean(brute) / statistics.fmean(ours),
                       "speedup_p50": statistics.median(brute) / statistics.median(ours)}
    return result


def markdown(r: dict[str, Any]) -> list[str]:
    b = r["brute"]
    rows = [f"| {part} ({s['fast']['n']}) | {s['fast']['p50']:.1f} | {s['fast']['p95']:.1f} | "
            f"{s['exhaustive']['p50']:.1f} | {s['exhaustive']['p95']:.1f} |" for part, s in r["sets"].items()]
    same = r["compared"] - len(r["differing"])
    return [
        "- Broader query sets (bench/queries.py, seeded): per part, 300 real list names respelt "
        "(a letter changed, dropped or doubled, words swapped) and 300 everyday names (six "
        "cultures, companies); tuned-on was looked at while making the search faster, held-out "
        "only measured. Each query screened once, wall ms:", "",
        "| queries | fast p50 | fast p95 | exhaustive p50 | exhaustive p95 |", "|---|---|---|---|---|",
        *rows, "",
        f"- Identical: {same}/{r['compared']} queries screen the same with candidate pruning on "
        "and off (hits, statuses, scores, explanations, verdict)"
        + (f"; differing: {', '.join(r['differing'][:5])}" if r["differing"] else "") + ".",
        f"- Brute force, rapidfuzz `process.extractOne` (WRatio) over all {b['names']} names, on "
        f"{b['ms']['n']} held-out queries in the same run: p50 {b['ms']['p50']:.0f} ms, mean "
        f"{b['ms']['mean']:.0f} ms; the same queries' first screening p50 {b['ours']['p50']:.1f} ms, "
        f"mean {b['ours']['mean']:.1f} ms: {b['speedup_mean']:.0f}x faster on the mean, "
        f"{b['speedup_p50']:.0f}x on the median (target: 25x).",
    ]


def timings(db_path: Path, cache_dir: Path) -> dict[str, dict[str, float]]:
    """p50/p95 of the plain screening (no option another version may lack): the bench's 16
    names 5 times after the warm-up, then each part of the broader set once."""
    from bench.run import QUERIES
    from screener import db
    from screener.screen import Screener

    conn = db.connect(db_path)
    screener = Screener.open(conn, cache_dir)
    sets = bench_queries.query_sets(bench_queries.current_names(conn))
    timed(screener, WARM_UP)
    out = {"16 names x5": percentiles(timed(screener, QUERIES * 5))}
    for part in bench_queries.PARTS:
        out[part] = percentiles(timed(screener, sets[part]))
    return out


_TIMINGS = ("import json, sys; from pathlib import Path; from bench.speed import timings; "
            "print(json.dumps(timings(Path(sys.argv[1]), Path(sys.argv[2]))))")


def side_by_side(db_path: Path, before: Path, rounds: int = 2) -> dict[str, dict[str, dict]]:
    """timings() of another checkout's `screener` (in `before`) and of this one, each in a
    process of its own, alternating so that a busy machine slows both alike; per figure the
    median over the rounds."""
    import json
    import os
    import subprocess

    project = Path(__file__).resolve().parents[1]
    site = next(p for p in sys.path if p.endswith("site-packages"))
    runs: dict[str, list[dict]] = {"before": [], "this checkout": []}
    for _ in range(rounds):
        for label, tree in (("before", before), ("this checkout", project)):
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(project), site])}
            out = subprocess.run([sys.executable, "-S", "-c", _TIMINGS, str(db_path),
                                  str(db_path.parent / f"cache-{label.replace(' ', '-')}")],
                                 env=env, capture_output=True, text=True, check=True,
                                 cwd=db_path.parent).stdout  # not here: "" heads sys.path
            runs[label].append(json.loads(out))
    return {label: {part: {k: statistics.median(r[part][k] for r in rs) for k in rs[0][part]}
                    for part in rs[0]} for label, rs in runs.items()}


def side_by_side_md(figures: dict[str, dict[str, dict]]) -> list[str]:
    lines = ["| queries | before p50 | before p95 | after p50 | after p95 |", "|---|---|---|---|---|"]
    before, after = figures["before"], figures["this checkout"]
    for part in before:
        lines.append(f"| {part} | {before[part]['p50']:.1f} | {before[part]['p95']:.1f} | "
                     f"{after[part]['p50']:.1f} | {after[part]['p95']:.1f} |")
    return lines


def main(argv: list[str]) -> None:
    from bench.run import QUERIES
    from screener import db
    from screener.screen import Screener

    path = Path(argv[0])
    if "--before" in argv:
        print("\n".join(side_by_side_md(side_by_side(path, Path(argv[argv.index("--before") + 1])))))
        return
    conn = db.connect(path)
    screener = Screener.open(conn, path.parent / "cache")
    print("\n".join(markdown(run(conn, screener, QUERIES))))


if __name__ == "__main__":
    main(sys.argv[1:])
