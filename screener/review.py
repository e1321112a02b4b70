"""Reviewers' decisions on entity × list-target pairs, kept as an append-only log.

A decision belongs to the entity's stable id and to the list target (list id + the
publisher's reference), so it survives renames, re-ingests and new versions of the list;
after a merge it follows the merged entity to the survivor. Nothing is updated in place:
each decision is a new row with who made it and when, and the latest one for a pair applies.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from screener import registry, store
from screener.entities import find_entity, survivors

CONFIRMED, REJECTED, PENDING = "confirmed", "rejected", "pending"
DECISIONS = (CONFIRMED, REJECTED, PENDING)


@dataclass
class Decision:
    entity_id: int
    entity: str
    list_id: str
    source_ref: str
    decision: str
    note: str | None
    by: str
    at: str
    matched: bool  # the pair was a stored match when decided (else a reviewer's own finding)


def default_reviewer() -> str:
    """Who is deciding when `--by` is not given: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def current_target(db: sqlite_utils.Database, list_id: str, source_ref: str
                   ) -> dict[str, Any] | None:
    """The target with this reference in the list's current version, if it is there."""
    rows = list(db.query(
        "SELECT t.* FROM targets t JOIN source_files f ON f.id = t.source_file_id "
        "WHERE f.is_current = 1 AND t.list_id = ? AND t.source_ref = ? ORDER BY t.id LIMIT 1",
        [list_id, source_ref]))
    return rows[0] if rows else None


def decide(db: sqlite_utils.Database, entity: str, list_id: str, source_ref: str,
           decision: str, note: str | None = None, by: str | None = None) -> Decision:
    """Append one decision. Confirming a pair that was never a candidate is allowed and
    counts as listed (a reviewer may know what the matcher missed), but only for a target
    in the list's current version."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    source_ref = source_ref.strip()  # pasted from a spreadsheet cell (`lists show` does too)
    row = find_entity(db, entity)
    registry.get_source(list_id)
    if current_target(db, list_id, source_ref) is None:
        older = db.execute("SELECT 1 FROM targets WHERE list_id = ? AND source_ref = ? LIMIT 1",
                           [list_id, source_ref]).fetchone()
        why = "only in an older version (delisted?)" if older else "no such reference"
        raise ValueError(f"{list_id} has no target {source_ref!r} in its current version ({why})")
    matched = db.execute("SELECT 1 FROM matches WHERE entity_id = ? AND list_id = ? AND "
                         "source_ref = ? LIMIT 1", [row["id"], list_id, source_ref]).fetchone()
    who = (by or "").strip() or default_reviewer()
    at = store.now_iso()
    db.conn.execute(
        "INSERT INTO decisions (entity_id, entity_name, list_id, source_ref, decision, note, "
        "decided_by, decided_at) VALUES (?,?,?,?,?,?,?,?)",
        [row["id"], row["name"], list_id, source_ref, decision, note, who, at])
    return Decision(row["id"], row["name"], list_id, source_ref, decision, note, who, at,
                    matched is not None)


def latest(db: sqlite_utils.Database) -> dict[tuple[int, str, str], dict[str, Any]]:
    """The decision in force per (surviving entity id, list id, reference): the latest one."""
    alive = survivors(db)
    out: dict[tuple[int, str, str], dict[str, Any]] = {}
    for r in db.query("SELECT * FROM decisions ORDER BY id"):
        out[(alive.get(r["entity_id"], r["entity_id"]), r["list_id"], r["source_ref"])] = r
    return out


def history(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every decision ever made, oldest first, with the entity's current name."""
    alive = survivors(db)
    names = {r[0]: r[1] for r in db.execute("SELECT id, name FROM entities")}
    return [{"id": r["id"], "entity": names.get(alive.get(r["entity_id"], r["entity_id"]),
                                                r["entity_name"]),
             "entity_id": r["entity_id"], "named_then": r["entity_name"], "list_id": r["list_id"],
             "source_ref": r["source_ref"], "decision": r["decision"], "note": r["note"],
             "by": r["decided_by"], "at": r["decided_at"]}
            for r in db.query("SELECT * FROM decisions ORDER BY id")]


def queue(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Matches waiting for a decision plus every pair with a decision in force."""
    decided = latest(db)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str]] = set()
    for m in db.query(
            "SELECT e.id AS entity_id, e.name AS entity, m.list_id, m.source_ref, m.matched_name, "
            "m.score, m.status FROM matches m JOIN entities e ON e.id = m.entity_id "
            "WHERE e.deleted = 0 ORDER BY e.name, m.score DESC"):
        key = (m["entity_id"], m["list_id"], m["source_ref"])
        d = decided.get(key)
        if m["status"] == "listed" and d is None:
            continue
        seen.add(key)
        rows.append({**m, "decision": d["decision"] if d else PENDING,
                     "note": d["note"] if d else None, "by": d["decided_by"] if d else None})
    names = {r[0]: r[1] for r in db.execute("SELECT id, name FROM entities WHERE deleted = 0")}
    for key, d in decided.items():
        if key not in seen and key[0] in names:
            listed = current_target(db, key[1], key[2]) is not None
            rows.append({"entity_id": key[0], "entity": names[key[0]], "list_id": key[1],
                         "source_ref": key[2], "matched_name": None, "score": None,
                         "status": "not a candidate" if listed else "not in the current list",
                         "decision": d["decision"],
                         "note": d["note"], "by": d["decided_by"]})
    return rows
