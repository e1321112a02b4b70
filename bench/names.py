"""Name-matching quality on labelled pairs (../shared/bench/name_pairs.csv)."""

from __future__ import annotations

import csv
import sys
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


def evaluate(pairs: list[dict[str, str]], scorer: Callable[[str, str, str], float],
             threshold: float) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    groups: dict[str, list[dict[str, str]]] = {"all": pairs}
    for row in pairs:
        groups.setdefault(row["schema"], []).append(row)
    for group, rows in groups.items():
        scores = [scorer(r["name1"], r["name2"], r["schema"]) for r in rows]
        labels = [r["is_match"].strip().lower() == "true" for r in rows]
        p, r, f = _prf(scores, labels, threshold)
        bt, bf = _best(scores, labels)
        out[group] = {"pairs": len(rows), "precision": p, "recall": r, "f1": f,
                      "best_threshold": bt, "best_f1": bf}
    return out


def run_name_pairs(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    pairs = load_pairs(path)
    ours = evaluate(pairs, match.compare, match.DEFAULT_THRESHOLD)
    base_scores = evaluate(pairs, lambda a, b, s: match.token_set_baseline(a, b), 0.88)
    return {"screener": ours, "token_set_ratio": base_scores}


def markdown(result: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| scorer | schema | pairs | threshold | precision | recall | F1 | best threshold | best F1 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for scorer, groups in result.items():
        thr = match.DEFAULT_THRESHOLD if scorer == "screener" else 0.88
        for group, m in groups.items():
            lines.append(f"| {scorer} | {group} | {m['pairs']} | {thr:.2f} | {m['precision']:.3f} | "
                         f"{m['recall']:.3f} | {m['f1']:.3f} | {m['best_threshold']:.2f} | "
                         f"{m['best_f1']:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/name_pairs.csv")
    print(markdown(run_name_pairs(path)))
