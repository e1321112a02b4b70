"""`python -m bench.same_target`: how well the same-target check (screener.sametarget) tells
one listed person from a namesake, on real lists with a ground truth.

The UK OFSI list writes the UN reference of every UN-derived designation in its remarks
("(UN Ref):QDi.241"), which links a UK record to its UN record. Each UK record with such a
reference is screened as a name against the UN list: the linked UN record is a positive pair,
every other UN record the screening proposes (namesakes such as KIM SONG CHOL for KIM YONG
CHOL) a negative one. Pairs are split by the UN reference's hash: the rule was written before
this benchmark existed, so both halves are held out; both are reported.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

from screener import db, registry, store
from screener.sametarget import same_target
from screener.screen import Query, Screener

PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCREENER_SHARED", PROJECT.parent / "shared"))
UN_REF = re.compile(r"\(UN Ref\):\s*([A-Z]{2}[ie]\.\d+)")


def half(ref: str) -> str:
    return "A" if int(hashlib.sha256(ref.encode()).hexdigest(), 16) % 2 == 0 else "B"


def pairs(database, screener: Screener) -> list[tuple[str, bool, bool]]:
    """(half, truly the same target, judged the same) for every proposed UK-UN pair."""
    out = []
    uk = list(database.query(
        "SELECT t.id, t.primary_name, t.type, t.remarks FROM targets t JOIN source_files f "
        "ON f.id = t.source_file_id WHERE f.is_current = 1 AND t.list_id = 'gb_ofsi' "
        "AND t.remarks LIKE '%(UN Ref)%'"))
    for row in uk:
        found = UN_REF.search(row["remarks"] or "")
        if not found:
            continue
        truth = found.group(1)
        result = screener.screen(Query(name=row["primary_name"], type=row["type"]), limit=10)
        a = {"target_id": row["id"], "score": 1.0}
        for hit in result.hits:
            if hit.list_id != "un_sc":
                continue
            b = {"target_id": hit.target_id, "score": hit.score}
            out.append((half(truth), hit.source_ref == truth, same_target(database, a, b).same))
    return out


def figures(rows: list[tuple[str, bool, bool]]) -> dict[str, float]:
    tp = sum(1 for _, t, j in rows if t and j)
    fp = sum(1 for _, t, j in rows if not t and j)
    fn = sum(1 for _, t, j in rows if t and not j)
    tn = sum(1 for _, t, j in rows if not t and not j)
    return {"pairs": len(rows), "same": tp + fn, "different": fp + tn,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "namesakes_kept_apart": tn / (tn + fp) if tn + fp else 0.0}


def main() -> None:
    uk, un = SHARED / "lists/uk/ConList.xlsx", SHARED / "lists/un/consolidated.xml"
    if not (uk.exists() and un.exists()):
        print("../shared/lists (UK ConList.xlsx, UN consolidated.xml) not found", file=sys.stderr)
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        database = db.connect(Path(tmp) / "bench.db")
        store.import_file(database, registry.get_source("gb_ofsi"), uk)
        store.import_file(database, registry.get_source("un_sc"), un)
        rows = pairs(database, Screener.open(database, Path(tmp) / "cache"))
    print("| half | pairs | same | different | precision (same) | recall (same) | "
          "namesakes kept apart |")
    print("|---|---|---|---|---|---|---|")
    for name, part in (("A", [r for r in rows if r[0] == "A"]),
                       ("B", [r for r in rows if r[0] == "B"]), ("all", rows)):
        f = figures(part)
        print(f"| {name} | {f['pairs']} | {f['same']} | {f['different']} | {f['precision']:.3f} | "
              f"{f['recall']:.3f} | {f['namesakes_kept_apart']:.3f} |")


if __name__ == "__main__":
    main()
