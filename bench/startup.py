"""Start-up of the `screener screen NAME` command (issue 13): wall and CPU time of the whole
call with the name index cached, the import time of `screener.cli`, and which heavy libraries
the call loads. Run alone: `python -m bench.startup DB [--runs N] [--before DIR]`, where DIR
holds another checkout's `screener` package to time in the same, alternating runs."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
QUERIES = ["Sergei Kogogin", "Vladimir Putin", "Kamaz PAO", "Maria Garcia", "John Smith",
           "Global Logistics Inc."]
HEAVY = ("sqlite_utils", "numpy", "spacy", "tabulate", "dateutil", "pluggy", "click", "rich")
# The console script's own code, run with the package found on PYTHONPATH instead of the
# editable install, so that two checkouts can be timed the same way.
_ENTRY = "import sys; sys.argv[0] = 'screener'; from screener.cli import app; app()"


def _child_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def time_calls(argvs: dict[str, list[str]], envs: dict[str, dict[str, str]],
               runs: int) -> dict[str, dict[str, float]]:
    """Median and spread of wall and CPU seconds per command, the commands alternating so
    that a busy machine slows them alike."""
    wall: dict[str, list[float]] = {k: [] for k in argvs}
    cpu: dict[str, list[float]] = {k: [] for k in argvs}
    for i in range(runs):
        for label, argv in argvs.items():
            env = {**os.environ, **envs.get(label, {})}
            cpu0, t0 = _child_cpu(), time.perf_counter()
            subprocess.run(argv + [QUERIES[i % len(QUERIES)]], env=env, cwd="/",
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall[label].append(time.perf_counter() - t0)
            cpu[label].append(_child_cpu() - cpu0)
    return {label: {"wall_p50": statistics.median(wall[label]), "wall_min": min(wall[label]),
                    "wall_max": max(wall[label]), "cpu_p50": statistics.median(cpu[label])}
            for label in argvs}


def loaded_libraries(db_path: Path) -> list[str]:
    """The heavy libraries a `screener screen` call imports (none is the goal)."""
    code = (f"import json, sys\nsys.argv = ['screener', '--db', {str(db_path)!r}, 'screen', "
            f"{QUERIES[0]!r}]\nfrom screener.cli import app\ntry:\n    app()\nexcept SystemExit:\n"
            "    pass\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), "
            "file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT, check=False)
    modules = json.loads(proc.stderr.strip().splitlines()[-1])
    return [m for m in HEAVY if m in modules]


def import_ms(runs: int = 7) -> float:
    """Median time to import `screener.cli`, from python's own -X importtime."""
    totals = []
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import screener.cli"],
                             capture_output=True, text=True, cwd=PROJECT, check=False).stderr
        line = [x for x in err.splitlines() if x.rstrip().endswith("| screener.cli")][-1]
        totals.append(int(line.split("|")[1]) / 1000)
    return statistics.median(totals)


def bench_startup(db_path: Path, runs: int = 30, before: Path | None = None) -> dict:
    """All the figures of this bench for one loaded database (its index must be cached)."""
    site = next(p for p in sys.path if p.endswith("site-packages"))
    argvs = {"installed command": [str(PROJECT / ".venv/bin/screener"), "--db", str(db_path),
                                   "screen"]}
    envs: dict[str, dict[str, str]] = {}
    if before is not None:
        for label, tree in (("before", before), ("this checkout", PROJECT)):
            argvs[label] = [sys.executable, "-S", "-c", _ENTRY, "--db", str(db_path), "screen"]
            envs[label] = {"PYTHONPATH": f"{site}{os.pathsep}{tree}"}
    argvs["python -c pass"] = [sys.executable, "-c", "pass"]
    return {"calls": time_calls(argvs, envs, runs), "import_ms": import_ms(),
            "heavy": loaded_libraries(db_path), "load": os.getloadavg()[0], "runs": runs}


def report_md(figures: dict) -> str:
    lines = ["| command | runs | wall p50 | wall min | wall max | CPU p50 |", "|---|---|---|---|---|---|"]
    for label, f in figures["calls"].items():
        lines.append(f"| {label} | {figures['runs']} | {f['wall_p50']:.3f} s | "
                     f"{f['wall_min']:.3f} s | {f['wall_max']:.3f} s | {f['cpu_p50']:.3f} s |")
    heavy = ", ".join(figures["heavy"]) or "none"
    lines += ["", f"`import screener.cli`: {figures['import_ms']:.0f} ms (median, -X importtime). "
              f"Heavy libraries loaded by the call: {heavy}. Load average at the start: "
              f"{figures['load']:.1f} on {os.cpu_count()} cores."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path, help="a database with lists loaded")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--before", type=Path, help="a directory holding another `screener`")
    args = parser.parse_args()
    subprocess.run([str(PROJECT / ".venv/bin/screener"), "--db", str(args.db), "screen",
                    QUERIES[0]], capture_output=True, check=False)  # build the index cache
    print(report_md(bench_startup(args.db, args.runs, args.before)))


if __name__ == "__main__":
    main()
