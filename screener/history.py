"""List history: what changed between two versions of a list, and who it concerns.

Every loaded version stays in the database, so a diff compares stored targets by the
publisher's reference: added (newly listed), removed (delisted) and changed (names,
programmes). After an update, the changes that touch document entities or earlier
screening hits are what a researcher needs to hear about.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from screener import match, registry
from screener.db import write_transaction
from screener.names import normalise


@dataclass
class TargetChange:
    source_ref: str
    name: str
    change: str  # added | removed | changed
    details: list[str] = field(default_factory=list)
    listed_on: str | None = None


@dataclass
class ListDiff:
    list_id: str
    from_version: dict[str, Any]
    to_version: dict[str, Any]
    changes: list[TargetChange]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.change == kind)


def versions(db: sqlite_utils.Database, list_id: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT id, publication_date, fetched_at, record_count, sha256, is_current, "
                         "format FROM source_files WHERE list_id = ? ORDER BY id", [list_id]))


def _version(db: sqlite_utils.Database, list_id: str, ref: str | int | None, default: int
             ) -> dict[str, Any]:
    all_versions = versions(db, list_id)
    if not all_versions:
        raise ValueError(f"{list_id}: no version loaded")
    if ref is None:
        if len(all_versions) < abs(default):
            raise ValueError(f"{list_id}: only one version loaded, nothing to compare")
        current = next(i for i, v in enumerate(all_versions) if v["is_current"])
        index = current if default == -1 else current - 1
        if index < 0:
            raise ValueError(f"{list_id}: no version before the current one")
        return all_versions[index]
    for v in all_versions:
        if str(v["id"]) == str(ref) or v["publication_date"] == str(ref) or v["sha256"].startswith(str(ref)):
            return v
    known = ", ".join(f"{v['id']} ({v['publication_date']})" for v in all_versions)
    raise ValueError(f"{list_id}: no version {ref!r} (versions: {known})")


def _snapshot(db: sqlite_utils.Database, file_id: int) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    by_id: dict[int, dict[str, Any]] = {}
    for t in db.query("SELECT id, source_ref, primary_name, programmes, listed_on FROM targets "
                      "WHERE source_file_id = ?", [file_id]):
        # A publisher may repeat a reference within one file: its records are one target here.
        entry = out.setdefault(t["source_ref"], {**t, "programmes": [], "names": {}})
        entry["programmes"] += [p for p in json.loads(t["programmes"] or "[]")
                                if p not in entry["programmes"]]
        by_id[t["id"]] = entry
    for row in db.execute("SELECT n.target_id, n.full_name FROM target_names n JOIN targets t "
                          "ON t.id = n.target_id WHERE t.source_file_id = ?", [file_id]):
        by_id[row[0]]["names"].setdefault(_name_key(row[1]), row[1])
    return out


def _name_key(name: str) -> str:
    """Names equal up to case, punctuation and word order are the same name: formats write
    "KOGOGIN, Sergey" or "Sergey KOGOGIN" for one listing, and that is no change."""
    return " ".join(sorted(normalise(name).split()))


def diff(db: sqlite_utils.Database, list_id: str, from_ref: str | int | None = None,
         to_ref: str | int | None = None) -> ListDiff:
    """Changes from one stored version to another (default: the previous to the current)."""
    registry.get_source(list_id)
    old_v = _version(db, list_id, from_ref, -2)
    new_v = _version(db, list_id, to_ref, -1)
    old, new = _snapshot(db, old_v["id"]), _snapshot(db, new_v["id"])
    changes: list[TargetChange] = []
    for ref in sorted(new.keys() - old.keys()):
        changes.append(TargetChange(ref, new[ref]["primary_name"], "added",
                                    listed_on=new[ref]["listed_on"]))
    for ref in sorted(old.keys() - new.keys()):
        changes.append(TargetChange(ref, old[ref]["primary_name"], "removed"))
    for ref in sorted(old.keys() & new.keys()):
        a, b = old[ref], new[ref]
        details = []
        for key in sorted(b["names"].keys() - a["names"].keys()):
            details.append(f"name added: {b['names'][key]}")
        for key in sorted(a["names"].keys() - b["names"].keys()):
            details.append(f"name removed: {a['names'][key]}")
        if a["programmes"] != b["programmes"]:
            details.append(f"programmes: {', '.join(a['programmes'])} -> {', '.join(b['programmes'])}")
        if details:
            changes.append(TargetChange(ref, b["primary_name"], "changed", details))
    return ListDiff(list_id, old_v, new_v, changes)


def notices(db: sqlite_utils.Database, result: ListDiff) -> list[str]:
    """Changes that concern document entities or earlier screening hits, as sentences."""
    jurisdiction = registry.get_source(result.list_id).jurisdiction
    out: list[str] = []
    added = [c for c in result.changes if c.change == "added"]
    if added:
        index = match.NameIndex((i, c.name, "LegalEntity") for i, c in enumerate(added))
        for entity in db.query("SELECT name, type FROM entities WHERE deleted = 0"):
            for hit in index.search(entity["name"], min_score=match.DEFAULT_THRESHOLD, limit=1):
                c = added[hit.key]
                out.append(f"{entity['name']}: newly listed by {jurisdiction} ({result.list_id} "
                           f"{c.source_ref} {c.name}, score {hit.score:.2f})")
    removed = {c.source_ref: c for c in result.changes if c.change == "removed"}
    if removed:
        for m in db.query("SELECT DISTINCT e.name, m.source_ref FROM matches m JOIN entities e "
                          "ON e.id = m.entity_id WHERE m.list_id = ?", [result.list_id]):
            if m["source_ref"] in removed:
                out.append(f"{m['name']}: delisted by {jurisdiction} ({result.list_id} "
                           f"{m['source_ref']} no longer in the list)")
        for s in db.query("SELECT id, query, results FROM screenings"):
            for r in json.loads(s["results"]):
                for h in r.get("hits", []):
                    if h["list_id"] == result.list_id and h["source_ref"] in removed \
                            and h["status"] == "hit":
                        out.append(f"screening {s['id']} ({r['name']}): {result.list_id} "
                                   f"{h['source_ref']} has been delisted")
        from screener import batch_audit

        out.extend(batch_audit.delisted(db, result.list_id, set(removed)))
    return sorted(set(out))


def diff_rows(result: ListDiff) -> list[dict[str, Any]]:
    return [{"change": c.change, "ref": c.source_ref, "name": c.name,
             "details": "; ".join(c.details), "listed_on": c.listed_on} for c in result.changes]


def prune(db: sqlite_utils.Database, keep: int) -> int:
    """Delete all but the `keep` newest versions of each list (the current one always stays);
    versions that past screenings used are kept too, so their replay still works.
    Returns how many versions were removed."""
    if keep < 1:
        raise ValueError("--keep must be at least 1")
    used: set[int] = set()
    for row in db.execute("SELECT source_files FROM screenings"):
        used.update(f["id"] for f in json.loads(row[0]))
    doomed: list[int] = []
    for (list_id,) in db.execute("SELECT DISTINCT list_id FROM source_files").fetchall():
        ids = [r[0] for r in db.execute("SELECT id FROM source_files WHERE list_id = ? "
                                        "ORDER BY is_current DESC, id DESC", [list_id])]
        doomed.extend(i for i in ids[keep:] if i not in used)
    if not doomed:
        return 0
    conn = db.conn
    marks = ",".join("?" * len(doomed))
    with write_transaction(conn):
        for table in ("target_names", "target_dates", "target_countries", "target_ids"):
            conn.execute(f"DELETE FROM {table} WHERE target_id IN "
                         f"(SELECT id FROM targets WHERE source_file_id IN ({marks}))", doomed)
        conn.execute(f"DELETE FROM matches WHERE source_file_id IN ({marks})", doomed)
        conn.execute(f"DELETE FROM targets WHERE source_file_id IN ({marks})", doomed)
        conn.execute(f"DELETE FROM source_files WHERE id IN ({marks}) AND is_current = 0", doomed)
    return len(doomed)
