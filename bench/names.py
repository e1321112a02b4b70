"""Name-matching quality on labelled pairs (../shared/bench/name_pairs.csv), and the speed
of the candidate index on the real lists' names padded with spelling variants.

    python -m bench.names [name_pairs.csv] [--index [lists_dir]]
    python -m bench.names --errors      # the dev split's misclassified pairs, to study

The pairs are split in two by a hash of name1, name2 and schema (about half each, the same
split on every run): "dev" pairs may be studied and the scorer tuned on them; "held-out"
pairs are never printed, only counted in the figures. A figure on dev pairs is a tuned-on
figure; the held-out one says whether a change holds on names it was not made for.
Figures are given at the hit threshold and "alerted" (hit or review: what an analyst sees).
"""

from __future__ import annotations

import csv
import hashlib
import io
import pickle
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from screener import match


def _prf(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _best(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for i in range(20, 100):
        t = i / 100
        f = _prf(scores, labels, t)[2]
        if f > best[1]:
            best = (t, f)
    return best


def load_pairs(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def split_of(row: dict[str, str]) -> str:
    """"dev" or "held-out", from a hash of the pair itself: stable across runs and row order."""
    key = f"{row['name1']}\x1f{row['name2']}\x1f{row['schema']}".encode()
    return "dev" if hashlib.sha256(key).digest()[0] % 2 == 0 else "held-out"


def _label(row: dict[str, str]) -> bool:
    return row["is_match"].strip().lower() == "true"


BASELINE_THRESHOLD = 0.88  # token_set_ratio's best threshold on this file


def evaluate(pairs: list[dict[str, str]], scorer: Callable[[str, str, str], float],
             threshold: float, alert: float | None = None) -> dict[str, dict[str, float]]:
    """P/R/F1 per split (dev, held-out, all) and per schema (all pairs), at `threshold` and,
    when given, at the `alert` level (hit or review)."""
    out: dict[str, dict[str, float]] = {}
    groups: dict[str, list[dict[str, str]]] = {"dev": [], "held-out": [], "all": pairs}
    for row in pairs:
        groups[split_of(row)].append(row)
    for row in pairs:
        groups.setdefault(row["schema"], []).append(row)
    scored = {id(r): scorer(r["name1"], r["name2"], r["schema"]) for r in pairs}
    for group, rows in groups.items():
        scores = [scored[id(r)] for r in rows]
        labels = [_label(r) for r in rows]
        p, r, f = _prf(scores, labels, threshold)
        bt, bf = _best(scores, labels)
        m = {"pairs": len(rows), "precision": p, "recall": r, "f1": f,
             "best_threshold": bt, "best_f1": bf}
        if alert is not None:
            m["alert_precision"], m["alert_recall"], m["alert_f1"] = _prf(scores, labels, alert)
        out[group] = m
    return out


def run_name_pairs(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    pairs = load_pairs(path)
    ours = evaluate(pairs, match.compare, match.DEFAULT_THRESHOLD, match.REVIEW_THRESHOLD)
    base_scores = evaluate(pairs, lambda a, b, s: match.token_set_baseline(a, b), BASELINE_THRESHOLD)
    return {"screener": ours, "token_set_ratio": base_scores}


def dev_errors(path: Path) -> list[tuple[str, float, dict[str, str], str]]:
    """The dev split's pairs on the wrong side of the hit threshold or of the alert level
    (kind, score, row, explanation). Held-out pairs are never returned."""
    out = []
    for row in load_pairs(path):
        if split_of(row) != "dev":
            continue
        c = match.explain(row["name1"], row["name2"], row["schema"])
        y = _label(row)
        if y and c.score < match.REVIEW_THRESHOLD:
            kind = "FN-alert"
        elif y and c.score < match.DEFAULT_THRESHOLD:
            kind = "FN-hit"
        elif not y and c.score >= match.DEFAULT_THRESHOLD:
            kind = "FP-hit"
        elif not y and c.score >= match.REVIEW_THRESHOLD:
            kind = "FP-alert"
        else:
            continue
        out.append((kind, c.score, row, c.text))
    return sorted(out, key=lambda e: (e[0], e[2]["schema"], e[1]))


def markdown(result: dict[str, dict[str, dict[str, float]]]) -> str:
    """One row per scorer and group; "alerted" is score >= REVIEW_THRESHOLD (hit or review)."""
    lines = ["| scorer | pairs | group | threshold | precision | recall | F1 | alerted P | alerted R | "
             "alerted F1 | best threshold | best F1 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for scorer, groups in result.items():
        thr = match.DEFAULT_THRESHOLD if scorer == "screener" else BASELINE_THRESHOLD
        for group, m in groups.items():
            alert = (f"{m['alert_precision']:.3f} | {m['alert_recall']:.3f} | {m['alert_f1']:.3f}"
                     if "alert_f1" in m else " | ")
            lines.append(f"| {scorer} | {m['pairs']} | {group} | {thr:.2f} | {m['precision']:.3f} | "
                         f"{m['recall']:.3f} | {m['f1']:.3f} | {alert} | {m['best_threshold']:.2f} | "
                         f"{m['best_f1']:.3f} |")
    return "\n".join(lines)


SCHEMA_OF_TYPE = {"person": "Person", "organization": "Organization", "vessel": "Vessel",
                  "aircraft": "Airplane"}


def list_names(lists_dir: Path) -> list[tuple[str, str]]:
    """(name, schema) for every name in every list file found, via the project's parsers."""
    from screener.sources import parse_file

    names: dict[tuple[str, str], None] = {}
    for path in sorted(lists_dir.glob("*/*")):
        if path.suffix.lower() not in (".xml", ".xlsx") or path.name.lower() == "sdn.csv":
            continue
        for target in parse_file(path).targets:
            schema = SCHEMA_OF_TYPE.get(target.type, "LegalEntity")
            for n in [target.primary_name, *(x.full_name for x in target.names)]:
                if n and n.strip():
                    names[(" ".join(n.split()), schema)] = None
    return list(names)


def _variant(name: str, rng: random.Random) -> str:
    """A plausible other spelling: a letter changed, dropped or doubled; words swapped."""
    words = name.split()
    if len(words) > 1 and rng.random() < 0.3:
        words = words[1:] + words[:1]
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) > 3:
        j = rng.randrange(1, len(w) - 1)
        op = rng.random()
        if op < 0.4:
            w = w[:j] + rng.choice("aeiouyknrst") + w[j + 1:]
        elif op < 0.7:
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def run_index_speed(lists_dir: Path, size: int = 250_000, queries: int = 300,
                    seed: int = 1) -> dict[str, float]:
    """Build a NameIndex of `size` names (the lists' own, then seeded spelling variants of
    them) and time build, serialisation and single queries (noisy list names and names from
    outside the lists)."""
    rng = random.Random(seed)
    real = list_names(lists_dir)
    entries = list(real)
    while len(entries) < size:
        name, schema = rng.choice(real)
        entries.append((_variant(name, rng), schema))
    t0 = time.perf_counter()
    index = match.NameIndex((i, n, s) for i, (n, s) in enumerate(entries))
    build = time.perf_counter() - t0
    pickled = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    t0 = time.perf_counter()
    pickle.loads(pickled)
    unpickle = time.perf_counter() - t0
    state = io.BytesIO()
    index.write(state)
    state = state.getvalue()
    given = ["Sergei", "Anna", "Mohammed", "John", "Li", "Maria", "Ahmad", "Olga", "Aung"]
    family = ["Smith", "Ivanova", "Haddad", "Nguyen", "Kowalski", "Okafor", "Tun", "Garcia"]
    qs = [_variant(rng.choice(real)[0], rng) if k % 2 else
          f"{rng.choice(given)} {rng.choice(family)}" for k in range(queries)]
    qs += ["Sergei Kogogin", "N.P. Patrushev", "Bank Melli", "Kamaz PAO", "Aung San Suu Kyi"]
    times = []
    for q in qs:
        t0 = time.perf_counter()
        index.search(q)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"names": len(index), "real_names": len(real), "build_s": build,
            "pickle_mb": len(pickled) / 1e6, "unpickle_s": unpickle,
            "cache_mb": len(state) / 1e6, "queries": len(qs),
            "median_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "max_ms": times[-1]}


def index_markdown(r: dict[str, float]) -> str:
    return "\n".join([
        "| names (real + variants) | build s | pickle MB | unpickle s | cache file MB | queries | "
        "median ms | p95 ms | max ms |", "|---|---|---|---|---|---|---|---|---|",
        f"| {r['names']} ({r['real_names']} + {r['names'] - r['real_names']}) | "
        f"{r['build_s']:.1f} | {r['pickle_mb']:.1f} | {r['unpickle_s']:.2f} | "
        f"{r['cache_mb']:.1f} | {r['queries']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | "
        f"{r['max_ms']:.1f} |"])


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--index", "--errors")]
    path = Path(args[0] if args and args[0].endswith(".csv") else "../shared/bench/name_pairs.csv")
    if "--errors" in sys.argv:
        for kind, score, row, text in dev_errors(path):
            print(f"{kind}\t{score:.3f}\t{row['schema']}\t{row['name1']} | {row['name2']}\t{text}")
        sys.exit(0)
    print(markdown(run_name_pairs(path)))
    if "--index" in sys.argv:
        lists = Path(args[-1]) if args and not args[-1].endswith(".csv") else Path("../shared/lists")
        print()
        print(index_markdown(run_index_speed(lists)))
