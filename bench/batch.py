"""The batch part of `make bench`: 10,000 rows locally and on a local Dask cluster of two
workers, on the input the batch code was developed with and on a held-out one, and
1,000,000 rows timed with their peak memory. Run alone with `python -m bench.run batch`.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from screener import db

PROJECT = Path(__file__).resolve().parents[1]
SCREENER = str(PROJECT / ".venv/bin/screener")
GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Lucia", "Kofi", "Anna", "Pedro", "Yuki"]
FAMILY = ["Smith", "Garcia", "Okafor", "Ivanova", "Tanaka", "Muller", "Silva", "Haddad"]
FIRMS = ["Trading", "Logistics", "Holdings", "Foods", "Textiles", "Marine", "Software"]
# Held out: other everyday names, another seed; never looked at while writing the batch code.
HELD_GIVEN = ["Fatima", "Lars", "Priya", "Tomasz", "Ines", "Grace", "Omar", "Sofia", "Ravi"]
HELD_FAMILY = ["Novak", "Rossi", "Nguyen", "Mensah", "Dubois", "Jensen", "Costa", "Khan"]
HELD_FIRMS = ["Shipping", "Agro", "Pharma", "Minerals", "Energy", "Capital", "Motors"]


def list_names(path: Path) -> list[str]:
    conn = db.connect(path)
    return [r[0] for r in conn.execute(
        "SELECT full_name FROM target_names n JOIN targets t ON t.id = n.target_id "
        "JOIN source_files f ON f.id = t.source_file_id WHERE f.is_current = 1 "
        "AND n.script = 'Latn' ORDER BY n.id")]


def _noisy(rng: random.Random, name: str) -> str:
    chars = list(name)
    for _ in range(rng.randint(0, 2)):
        if len(chars) > 4:
            chars[rng.randrange(len(chars))] = rng.choice("aeiouyklmnrst")
    words = "".join(chars).split()
    if len(words) > 1 and rng.random() < 0.3:
        words = words[1:] + words[:1]
    return " ".join(words)


def make_batch_csv(path: Path, out: Path, rows: int = 10_000, seed: int = 20261124,
                   held_out: bool = False) -> list[str]:
    """Half real list names with spelling noise, half names from outside the lists."""
    rng = random.Random(seed)
    names = list_names(path)
    given, family, firms = ((HELD_GIVEN, HELD_FAMILY, HELD_FIRMS) if held_out
                            else (GIVEN, FAMILY, FIRMS))
    out_names = []
    for i in range(rows):
        if i % 2 == 0:
            out_names.append(_noisy(rng, rng.choice(names)))
        elif i % 4 == 1:
            out_names.append(f"{rng.choice(given)} {rng.choice(family)}")
        else:
            out_names.append(f"{rng.choice(family)} {rng.choice(firms)} Ltd")
    _write(out, out_names)
    return out_names


def make_large_csv(path: Path, out: Path, rows: int = 1_000_000, distinct: int = 20_000,
                   seed: int = 1000000) -> int:
    """A customer file as they come: `distinct` names (a fifth real list names with noise,
    the rest everyday people and firms with numbered variants) drawn with a long tail, so
    some names recur thousands of times and most a few times. Returns the distinct count."""
    rng = random.Random(seed)
    listed = list_names(path)
    pool = {_noisy(rng, rng.choice(listed)) for _ in range(distinct // 5)}
    given, family, firms = GIVEN + HELD_GIVEN, FAMILY + HELD_FAMILY, FIRMS + HELD_FIRMS
    while len(pool) < distinct:
        if rng.random() < 0.5:
            pool.add(f"{rng.choice(given)} {rng.choice(given)} {rng.choice(family)}")
        else:
            pool.add(f"{rng.choice(family)} {rng.choice(firms)} {rng.randint(1, 999)} Ltd")
    names = sorted(pool)
    rng.shuffle(names)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(names))]  # Zipf-like popularity
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "amount"])
        done = 0
        while done < rows:
            n = min(100_000, rows - done)
            for i, name in enumerate(rng.choices(names, weights, k=n)):
                w.writerow([done + i, name, rng.randint(1, 99999)])
            done += n
    return len(names)


def _write(out: Path, names: list[str]) -> None:
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name"])
        w.writerows(enumerate(names))


def _vm_hwm(pid: int) -> int:
    """A process's peak resident memory in bytes, as the kernel keeps it (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def measured(cmd: list[str]) -> dict[str, Any]:
    """Run a command; wall time, the largest process's peak RSS (the kernel's VmHWM of each
    process in the tree, read while it runs) and the whole tree's peak RSS (sampled every
    0.2 s, workers included). Not wait4's ru_maxrss: a child forked from this large bench
    process inherits its high-water mark, which would report the bench's memory, not the
    batch's."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    tree_peak = [0]
    hwm = [0]
    stop = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            while not stop.wait(0.2):
                procs = [root, *root.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                        hwm[0] = max(hwm[0], _vm_hwm(p.pid))
                    except (psutil.Error, OSError):
                        pass
                tree_peak[0] = max(tree_peak[0], total)
        except psutil.Error:
            return
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read() if proc.stderr else ""
    _pid, status, _usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    lines = [line for line in stderr.strip().splitlines() if " rows: " in line]
    return {"seconds": seconds, "peak_mb": hwm[0] / 2**20,
            "tree_peak_mb": tree_peak[0] / 2**20, "rc": proc.returncode,
            "summary": lines[-1] if lines else stderr.strip()[-300:]}


def run(path: Path, workdir: Path, million: int = 1_000_000) -> dict[str, Any]:
    out = workdir / "batch_out.csv"
    load_before = os.getloadavg()[0]
    db_args = [SCREENER, "--db", str(path), "batch"]
    result: dict[str, Any] = {}
    for label, held in (("tuned-on", False), ("held-out", True)):
        src = workdir / f"batch-{label}.csv"
        names = make_batch_csv(path, src, seed=20261124 if not held else 777, held_out=held)
        local = measured([*db_args, str(src), "-o", str(out), "--workers", "2"])
        dask_out = workdir / "batch_dask.csv"
        dask = measured([*db_args, str(src), "-o", str(dask_out), "--workers", "2",
                         "--scheduler", "local"])
        result[label] = {"rows": len(names), "distinct": len(set(names)), "local": local,
                         "dask": dask, "identical": out.read_bytes() == dask_out.read_bytes()}
    big = workdir / "batch-1m.csv"
    distinct = make_large_csv(path, big, rows=million)
    result["million"] = {"rows": million, "distinct": distinct,
                         "mb": big.stat().st_size / 2**20,
                         **measured([*db_args, str(big), "-o", str(out), "--workers", "2"])}
    result["load"] = (load_before, os.getloadavg()[0])
    return result


def markdown(result: dict[str, Any]) -> list[str]:
    lines = ["## Batch: 10,000 names, and 1,000,000 rows, against all loaded lists", "",
             "10,000-row inputs: half real list names with spelling noise and word-order "
             "changes, half names from outside the lists (seeded). *tuned-on* is the input "
             "the batch code was developed and measured with; *held-out* uses another seed "
             "and other everyday names. Each distinct name is screened once.", "",
             "| input | rows | distinct names | how | seconds | rows/s | largest process MB | "
             "all processes MB | output |", "|---|---|---|---|---|---|---|---|---|"]
    for label in ("tuned-on", "held-out"):
        r = result[label]
        for how, key in (("`--workers 2`", "local"), ("`--scheduler local` (Dask, 2 workers)",
                                                       "dask")):
            m = r[key]
            same = "reference" if key == "local" else (
                "byte-identical" if r["identical"] else "DIFFERENT")
            lines.append(f"| {label} | {r['rows']} | {r['distinct']} | {how} | "
                         f"{m['seconds']:.1f} | {r['rows'] / m['seconds']:.0f} | "
                         f"{m['peak_mb']:.0f} | {m['tree_peak_mb']:.0f} | {same} |")
    m = result["million"]
    lines += [
        "", f"1,000,000 rows ({m['mb']:.0f} MB CSV) drawn from {m['distinct']} distinct names "
        "with a long tail (a fifth real list names with noise, the rest everyday people and "
        "firms), as customer files repeat names; `--workers 2`, streamed in chunks of 2,000 "
        f"rows: **{m['seconds']:.0f} s** ({m['rows'] / m['seconds']:.0f} rows/s), peak memory "
        f"**{m['peak_mb']:.0f} MB** for the largest process (kernel VmHWM), "
        f"{m['tree_peak_mb']:.0f} MB for all processes together (sampled); target 500 MB: "
        f"{'met' if m['peak_mb'] <= 500 else 'NOT met'}. Summary: {m['summary']}", "",
        f"Tuned-on 10,000 rows: {result['tuned-on']['local']['summary']}", ""]
    if "load" in result:
        lines += [f"Load average (1 min) when the batch part started and ended: "
                  f"{result['load'][0]:.1f} and {result['load'][1]:.1f} on "
                  f"{os.cpu_count()} cores; a load above the core count means "
                  "other work shared the cores, so these times are upper bounds.", ""]
    return lines
