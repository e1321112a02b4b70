"""The audit trail: every screening with the list versions it used, and its replay.

Every version of every list stays in the database, so a past screening can be run again
against exactly the versions it used and compared with what it found then.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import sqlite_utils

from screener import store
from screener.screen import Query, Screener


def _query_text(query: dict[str, Any]) -> str | None:
    """What was screened, as the user gave it: the name, the identifiers (`screen --id`, which
    showed as an empty query), or the batch's input file."""
    ids = "; ".join(f"id {i}" for i in query.get("ids") or [])
    text = " ".join(x for x in (query.get("name"), ids) if x)
    return text or query.get("input")


def entries(db: sqlite_utils.Database, since: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, kind, created_at, query, threshold, hits, source_files, results FROM screenings"
    params: list[Any] = []
    if since:
        sql += " WHERE created_at >= ?"
        params.append(parse_since(since))
    rows = []
    for r in db.query(sql + " ORDER BY id", params):
        files = json.loads(r["source_files"])
        results = json.loads(r["results"])
        query = json.loads(r["query"])
        kind, count, hits = r["kind"], len(results), r["hits"]
        if kind == "batch":
            count = query.get("rows", 0)
            if query.get("state") == "running":  # interrupted or failed: what it did, not planned
                kind = "batch (unfinished)"
                count, hits = db.execute(
                    "SELECT COUNT(*), COALESCE(SUM(b.status = 'hit'), 0) FROM batch_rows r "
                    "LEFT JOIN batch_results b ON b.id = r.result_id WHERE r.screening_id = ?",
                    [r["id"]]).fetchone()
        rows.append({
            "id": r["id"], "kind": kind, "at": r["created_at"],
            "query": _query_text(query),
            "threshold": r["threshold"], "hits": hits,
            "results": count,
            "lists": ", ".join(f"{f['list_id']}@{f['id']} ({f.get('publication_date') or 'undated'})"
                               for f in files),
        })
    return rows


def parse_since(text: str) -> str:
    """A `--since` value as the ISO text screenings are stored with; a date that does not
    exist (2026-13-45) is an error, not a filter that silently matches nothing."""
    try:
        if len(text.strip()) <= 10:
            return date.fromisoformat(text.strip()).isoformat()
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since {text!r} is not a valid date (use YYYY-MM-DD)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def used_versions(db: sqlite_utils.Database, source_files_json: str) -> list[dict[str, Any]]:
    """The list versions an audited run used; a replay against anything else would prove
    nothing, so versions pruned since are an error."""
    files = json.loads(source_files_json)
    stored = {f["id"] for f in db.query("SELECT id FROM source_files")}
    missing = [f for f in files if f["id"] not in stored]
    if missing:
        raise ValueError("the list versions it used are no longer stored: "
                         + ", ".join(f"{f['list_id']}@{f['id']}" for f in missing))
    return files


def replay(db: sqlite_utils.Database, screening_id: int) -> dict[str, Any]:
    """Run a recorded `screen` again against the list versions it used."""
    rows = list(db.query("SELECT * FROM screenings WHERE id = ?", [screening_id]))
    if not rows:
        raise ValueError(f"no screening {screening_id} in the audit log")
    row = rows[0]
    if row["kind"] == "batch":
        from screener import batch_audit

        return batch_audit.replay(db, screening_id)
    if row["kind"] != "screen":
        raise ValueError(f"screening {screening_id} is a {row['kind']} run; replay single screenings")
    files = used_versions(db, row["source_files"])
    query = json.loads(row["query"])
    screener = Screener.open(db, None, file_ids=[f["id"] for f in files])
    result = screener.screen(Query(query["name"], query.get("type"), query.get("birth_year"),
                                   query.get("country"), query.get("birth_date"),
                                   list(query.get("ids") or [])), threshold=row["threshold"],
                             limit=query.get("limit") or 5)
    before = json.loads(row["results"])[0]["hits"]
    after = [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
              "status": h.status, "matched_name": h.matched_name} for h in result.hits]
    key = [(h["list_id"], h["source_ref"], h["status"], round(h["score"], 4)) for h in before]
    again = [(h["list_id"], h["source_ref"], h["status"], round(h["score"], 4)) for h in after]
    return {"id": screening_id, "query": query["name"], "at": row["created_at"],
            "same": sorted(key) == sorted(again), "then": before, "now": after,
            "current_versions": [f["id"] for f in store.current_files(db)]}
