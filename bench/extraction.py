"""Extraction quality: entities found in seeds/ against the hand-labelled actors list."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path

from screener import db, documents, gazetteer, match, registry, store
from screener.entities import list_entities
from screener.names import normalise

PROJECT = Path(__file__).resolve().parents[1]
LABELS = PROJECT / "tests/data/seed_actors.csv"


def load_labels(path: Path = LABELS) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [{"name": r["name"], "type": r["type"],
                 "forms": [r["name"], *[a.strip() for a in r["aliases"].split(";") if a.strip()]]}
                for r in csv.DictReader(fh)]


def _same(a: str, b: str, type_: str) -> bool:
    if normalise(a) == normalise(b):
        return True
    schema = "Person" if type_ == "person" else "Organization"
    return match.compare(a, b, schema) >= match.DEFAULT_THRESHOLD


def evaluate(found: list[dict[str, object]], labels: list[dict[str, object]]) -> dict[str, object]:
    """Entity-level precision and recall: an extracted entity is right when its name or an
    alias is a labelled actor's name or alias."""
    def forms(e: dict[str, object]) -> list[str]:
        aliases = e.get("aliases") or []
        if isinstance(aliases, str):
            aliases = json.loads(aliases)
        return [str(e["name"]), *aliases]

    correct = [e for e in found if any(_same(f, g, str(lab["type"])) for lab in labels
                                       for f in forms(e) for g in lab["forms"])]
    recalled = [lab for lab in labels if any(_same(f, g, str(lab["type"])) for e in found
                                              for f in forms(e) for g in lab["forms"])]
    missed = [lab["name"] for lab in labels if lab not in recalled]
    wrong = [e["name"] for e in found if e not in correct]
    p = len(correct) / len(found) if found else 0.0
    r = len(recalled) / len(labels) if labels else 0.0
    return {"extracted": len(found), "labelled": len(labels), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "missed": missed, "spurious": wrong}


def run(with_lists: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        database = db.connect(Path(tmp) / "bench.db")
        if with_lists is not None:
            store.import_file(database, registry.get_source("au_dfat"), with_lists)
        names = gazetteer.load(database, None)
        documents.ingest(database, [PROJECT / "seeds"], names)
        return evaluate(list_entities(database), load_labels())


def markdown(results: dict[str, dict[str, object]]) -> str:
    lines = ["| setting | extracted | labelled | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for setting, m in results.items():
        lines.append(f"| {setting} | {m['extracted']} | {m['labelled']} | {m['precision']:.3f} | "
                     f"{m['recall']:.3f} | {m['f1']:.3f} |")
    for setting, m in results.items():
        lines.append(f"\n{setting}: missed {', '.join(map(str, m['missed'])) or 'none'}; "
                     f"spurious {', '.join(map(str, m['spurious'])) or 'none'}")
    return "\n".join(lines)


if __name__ == "__main__":
    au = PROJECT.parent / "shared/lists/au/Australian_Sanctions_Consolidated_List.xlsx"
    results = {"rules only": run(None)}
    if au.exists():
        results["rules + AU gazetteer"] = run(au)
    print(markdown(results))
    sys.exit(0)
