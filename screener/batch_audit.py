"""The audit trail of a batch run, row by row.

A batch is one entry in `screenings` (the list versions, threshold and input), each distinct
query's result stored once in `batch_results`, and every input row in `batch_rows` pointing
at its result with the time it was screened. So "was row X screened on date D, and against
which list versions" is one lookup, and any row (or the whole run) can be replayed against
exactly the versions it used. Rows are recorded per chunk, before the chunk is written out,
so the output never holds a row the audit lacks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import sqlite_utils

from screener import audit, store
from screener.batch import Outcome, RowQuery
from screener.db import write_transaction
from screener.screen import Query, Screener

# Created on first use (not a schema migration): older databases gain them when they first
# run a batch, and the tables of other features are left alone.
TABLES = """
CREATE TABLE IF NOT EXISTS batch_results (
    id INTEGER PRIMARY KEY,
    screening_id INTEGER NOT NULL REFERENCES screenings(id),
    query TEXT NOT NULL,
    status TEXT NOT NULL,
    hits TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batch_results_screening ON batch_results(screening_id);
CREATE TABLE IF NOT EXISTS batch_rows (
    screening_id INTEGER NOT NULL REFERENCES screenings(id),
    row INTEGER NOT NULL,
    line INTEGER NOT NULL,
    result_id INTEGER REFERENCES batch_results(id),
    error TEXT,
    screened_at TEXT NOT NULL,
    PRIMARY KEY (screening_id, row)
) WITHOUT ROWID;
"""
RUNNING, DONE = "running", "done"


def ensure_tables(db: sqlite_utils.Database) -> None:
    for statement in TABLES.split(";"):
        if statement.strip():
            db.conn.execute(statement)


class BatchAudit:
    """Writes one batch run's rows to the audit, chunk by chunk."""

    def __init__(self, db: sqlite_utils.Database, screening_id: int, info: dict[str, Any]) -> None:
        self.db = db
        self.id = screening_id
        self.info = info

    @classmethod
    def start(cls, db: sqlite_utils.Database, info: dict[str, Any],
              files: Sequence[dict[str, Any]], threshold: float) -> BatchAudit:
        ensure_tables(db)
        info = {**info, "state": RUNNING}
        cur = db.conn.execute(
            "INSERT INTO screenings (kind, query, created_at, threshold, source_files, hits, "
            "results) VALUES ('batch', ?, ?, ?, ?, 0, '[]')",
            [json.dumps(info, ensure_ascii=False), store.now_iso(), threshold,
             json.dumps(list(files), default=str)])
        return cls(db, cur.lastrowid, info)

    @classmethod
    def unfinished(cls, db: sqlite_utils.Database, output: str, sha256: str
                   ) -> tuple[BatchAudit, list[int], float] | None:
        """The latest interrupted run that wrote `output` from this very input: its audit,
        the list versions it used and its threshold, so a resume continues it."""
        found = cls.latest(db, output, sha256)
        return found if found is not None and found[0].info.get("state") == RUNNING else None

    @classmethod
    def finished(cls, db: sqlite_utils.Database, output: str, sha256: str) -> BatchAudit | None:
        """The run that completed `output` from this very input, if it is the latest to write
        it: resuming it has nothing left to do, and a new audit entry would record no row."""
        found = cls.latest(db, output, sha256)
        return found[0] if found is not None and found[0].info.get("state") == DONE else None

    @classmethod
    def latest(cls, db: sqlite_utils.Database, output: str, sha256: str
               ) -> tuple[BatchAudit, list[int], float] | None:
        """The latest run that wrote `output`, if it read this very input."""
        ensure_tables(db)
        for row in db.execute("SELECT id, query, source_files, threshold FROM screenings "
                              "WHERE kind = 'batch' ORDER BY id DESC").fetchall():
            info = json.loads(row[1])
            if info.get("output") == output:
                if info.get("sha256") != sha256:
                    return None
                return (cls(db, row[0], info), [f["id"] for f in json.loads(row[2])], row[3])
        return None

    def record(self, first_row: int, rows: list[tuple[int, RowQuery, Outcome | None]]) -> None:
        """One chunk: new distinct results, then every row pointing at its result."""
        conn = self.db.conn
        now = store.now_iso()
        with write_transaction(conn):
            for _number, _rq, outcome in rows:
                if outcome is not None and outcome.audit_id is None and outcome.query:
                    cur = conn.execute(
                        "INSERT INTO batch_results (screening_id, query, status, hits) "
                        "VALUES (?,?,?,?)",
                        [self.id, json.dumps(asdict(outcome.query), ensure_ascii=False),
                         outcome.status, json.dumps(outcome.hits, ensure_ascii=False)])
                    outcome.recorded(cur.lastrowid)
            conn.executemany(
                "INSERT OR REPLACE INTO batch_rows (screening_id, row, line, result_id, error, "
                "screened_at) VALUES (?,?,?,?,?,?)",
                [(self.id, number, rq.line, outcome.audit_id if outcome else None,
                  None if outcome else rq.error, now) for number, rq, outcome in rows])

    def finish(self, rows: int) -> None:
        """Mark the run complete, with its row and hit counts."""
        hits = self.db.execute(
            "SELECT count(*) FROM batch_rows r JOIN batch_results b ON b.id = r.result_id "
            "WHERE r.screening_id = ? AND b.status = 'hit'", [self.id]).fetchone()[0]
        self.info = {**self.info, "rows": rows, "state": DONE}
        self.db.conn.execute("UPDATE screenings SET query = ?, hits = ? WHERE id = ?",
                             [json.dumps(self.info, ensure_ascii=False), hits, self.id])


def _screening(db: sqlite_utils.Database, screening_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM screenings WHERE id = ?", [screening_id]))
    if not rows:
        raise ValueError(f"no screening {screening_id} in the audit log")
    if rows[0]["kind"] != "batch":
        raise ValueError(f"screening {screening_id} is a {rows[0]['kind']} run, not a batch")
    ensure_tables(db)
    return rows[0]


def row_record(db: sqlite_utils.Database, screening_id: int, row: int) -> dict[str, Any]:
    """Row `row` (1-based, as in the output) of a batch: when it was screened, the query,
    the result and the list versions it was screened against."""
    screening = _screening(db, screening_id)
    found = db.execute(
        "SELECT r.line, r.screened_at, r.error, b.query, b.status, b.hits FROM batch_rows r "
        "LEFT JOIN batch_results b ON b.id = r.result_id WHERE r.screening_id = ? AND r.row = ?",
        [screening_id, row]).fetchone()
    if found is None:
        info = json.loads(screening["query"])
        raise ValueError(f"batch {screening_id} has no row {row} "
                         f"({info.get('rows', 'an unknown number of')} rows recorded)")
    line, at, error, query, status, hits = found
    files = json.loads(screening["source_files"])
    return {"screening": screening_id, "row": row, "line": line, "at": at,
            "input": json.loads(screening["query"]).get("input"),
            "query": json.loads(query) if query else None, "status": status or "error",
            "error": error, "hits": json.loads(hits) if hits else [],
            "threshold": screening["threshold"],
            "lists": [f"{f['list_id']}@{f['id']} ({f.get('publication_date') or 'undated'})"
                      for f in files]}


def _key(hits: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((h["list_id"], h["source_ref"], h["status"], round(h["score"], 4))
                  for h in hits)


def replay(db: sqlite_utils.Database, screening_id: int, row: int | None = None
           ) -> dict[str, Any]:
    """Screen a batch's distinct queries (or one row's) again against the list versions
    the run used, and say whether every result is the same."""
    screening = _screening(db, screening_id)
    files = audit.used_versions(db, screening["source_files"])
    if row is not None:
        record = row_record(db, screening_id, row)
        if record["query"] is None:
            raise ValueError(f"row {row} was not screened: {record['error']}")
        results = [(record["query"], record["hits"])]
    else:
        results = [(json.loads(q), json.loads(h)) for q, h in db.execute(
            "SELECT query, hits FROM batch_results WHERE screening_id = ? ORDER BY id",
            [screening_id])]
    screener = Screener.open(db, None, file_ids=[f["id"] for f in files])
    different = []
    now: list[dict[str, Any]] = []
    for query, before in results:
        result = screener.screen(Query(**query), threshold=screening["threshold"])
        after = [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
                  "status": h.status, "matched_name": h.matched_name} for h in result.hits]
        if row is not None:
            now = after
        if _key(before) != _key(after):
            different.append({"query": query["name"], "then": before, "now": after})
    info = json.loads(screening["query"])
    return {"id": screening_id, "query": info.get("input"), "at": screening["created_at"],
            "row": row, "replayed": len(results), "same": not different,
            "different": different, "now": now,
            "current_versions": [f["id"] for f in store.current_files(db)]}


def delisted(db: sqlite_utils.Database, list_id: str, removed: set[str]) -> list[str]:
    """Notices for batch rows whose hit has just been delisted (one line per distinct name)."""
    if not removed or "batch_results" not in db.table_names():
        return []
    out = []
    for screening_id, query, hits in db.execute(
            "SELECT screening_id, query, hits FROM batch_results WHERE status = 'hit'"):
        for h in json.loads(hits):
            if h["list_id"] == list_id and h["source_ref"] in removed and h["status"] == "hit":
                out.append(f"batch {screening_id} ({json.loads(query)['name']}): {list_id} "
                           f"{h['source_ref']} has been delisted")
    return out
