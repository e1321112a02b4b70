"""Who is listed by whom, since when, and where each jurisdiction has gaps.

Every document entity is screened against every loaded list; the hits are stored in
`matches`. A match at or above the threshold with nothing contradicting it counts as
listed; a weaker or contradicted one needs review and never counts as listed. A
jurisdiction none of whose lists is loaded shows "no data", never "not listed".
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from screener import registry, store
from screener.output import render
from screener.screen import HIT, Query, Screener

LISTED, NEEDS_REVIEW, NOT_LISTED, NO_DATA = "listed", "needs review", "not listed", "no data"
DECISIONS = ("confirmed", "rejected", "pending")


@dataclass
class MatchRunSummary:
    entities: int
    matches: int
    listed: int
    review: int


@dataclass
class Cell:
    status: str
    hits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def since(self) -> str | None:
        dates = [h["listed_on"] for h in self.hits if h.get("listed_on") and h["status"] == LISTED]
        return min(dates) if dates else None

    def summary(self) -> str:
        if self.status in (NO_DATA, NOT_LISTED):
            return self.status
        parts = []
        for h in self.hits:
            if (self.status == LISTED) != (h["status"] == LISTED):
                continue
            when = f", {h['listed_on']}" if h.get("listed_on") else ""
            regime = f", {'/'.join(h['programmes'][:2])}" if h.get("programmes") else ""
            parts.append(f"{h['list_id']} {h['source_ref']}{when}{regime}")
        return f"{self.status}: " + "; ".join(parts[:3])


@dataclass
class CoverageRow:
    entity_id: int
    name: str
    type: str
    mentions: int
    documents: int
    cells: dict[str, Cell]
    evidence: list[dict[str, Any]]


@dataclass
class CoverageReport:
    jurisdictions: list[str]
    rows: list[CoverageRow]
    lists: list[dict[str, Any]]


def jurisdiction_of(list_id: str, sources: dict[str, registry.Source]) -> str:
    source = sources.get(list_id)
    return source.jurisdiction if source else "?"


def loaded_jurisdictions(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    sources = registry.load_sources()
    out: dict[str, list[dict[str, Any]]] = {}
    for f in store.current_files(db):
        out.setdefault(jurisdiction_of(f["list_id"], sources), []).append(f)
    return out


def report_jurisdictions(db: sqlite_utils.Database) -> list[str]:
    """US, UK, EU, AU always (as "no data" when unloaded); others only when loaded."""
    loaded = loaded_jurisdictions(db)
    return list(registry.JURISDICTIONS) + sorted(j for j in loaded if j not in registry.JURISDICTIONS)


# ------------------------------------------------------------------ matching

def match_entities(db: sqlite_utils.Database, screener: Screener,
                   threshold: float | None = None) -> MatchRunSummary:
    """Screen every entity (name and aliases) and store the hits, replacing earlier ones."""
    entities = list(db.query("SELECT id, name, type, aliases FROM entities WHERE deleted = 0"))
    rows = []
    for e in entities:
        best: dict[int, Any] = {}
        for name in [e["name"], *json.loads(e["aliases"] or "[]")]:
            if len(name) <= 3 and name.isupper():
                continue  # an acronym alone ("JFM") says too little to screen
            result = screener.screen(Query(name=name, type=e["type"]), threshold=threshold,
                                     limit=10)
            for hit in result.hits:
                kept = best.get(hit.target_id)
                if kept is None or (hit.status == HIT, hit.score) > (kept.status == HIT, kept.score):
                    best[hit.target_id] = hit
        for hit in best.values():
            rows.append((e["id"], hit.list_id, hit.source_ref, hit.target_id, hit.source_file_id,
                         hit.matched_name, hit.name_kind, hit.score,
                         LISTED if hit.status == HIT else NEEDS_REVIEW, hit.explanation,
                         store.now_iso()))
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM matches")
        conn.executemany(
            "INSERT INTO matches (entity_id, list_id, source_ref, target_id, source_file_id, "
            "matched_name, name_kind, score, status, explanation, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    listed = sum(1 for r in rows if r[8] == LISTED)
    return MatchRunSummary(len(entities), len(rows), listed, len(rows) - listed)


def matches_stale(db: sqlite_utils.Database) -> bool:
    """Matches are stale when there are none, or they predate the current lists or entities."""
    last = db.execute("SELECT MAX(created_at) FROM matches").fetchone()[0]
    if last is None:
        return db.execute("SELECT COUNT(*) FROM entities").fetchone()[0] > 0
    newest_list = db.execute("SELECT MAX(fetched_at) FROM source_files WHERE is_current = 1").fetchone()[0]
    newest_entity = db.execute("SELECT MAX(updated_at) FROM entities").fetchone()[0]
    files_in_use = {r[0] for r in db.execute("SELECT id FROM source_files WHERE is_current = 1")}
    files_matched = {r[0] for r in db.execute("SELECT DISTINCT source_file_id FROM matches")}
    return bool((newest_list and newest_list > last) or (newest_entity and newest_entity > last)
                or not files_matched <= files_in_use)


def review_decide(db: sqlite_utils.Database, entity: str, list_id: str, source_ref: str,
                  decision: str, note: str | None = None) -> dict[str, Any]:
    """Record a reviewer's decision on one entity × list target; it outlives re-runs."""
    from screener.entities import find_entity

    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    row = find_entity(db, entity)
    registry.get_source(list_id)
    exists = db.execute("SELECT 1 FROM targets WHERE list_id = ? AND source_ref = ? LIMIT 1",
                        [list_id, source_ref]).fetchone()
    if not exists:
        raise ValueError(f"{list_id} has no target {source_ref!r}")
    db.conn.execute(
        "INSERT INTO reviews (entity_name, list_id, source_ref, decision, note, decided_at) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT (entity_name, list_id, source_ref) DO UPDATE SET "
        "decision = excluded.decision, note = excluded.note, decided_at = excluded.decided_at",
        [row["name"], list_id, source_ref, decision, note, store.now_iso()])
    return {"entity": row["name"], "list": list_id, "ref": source_ref, "decision": decision,
            "note": note}


def _decisions(db: sqlite_utils.Database) -> dict[tuple[str, str, str], str]:
    return {(r[0], r[1], r[2]): r[3] for r in db.execute(
        "SELECT entity_name, list_id, source_ref, decision FROM reviews")}


# ------------------------------------------------------------------ coverage and gaps

def coverage(db: sqlite_utils.Database) -> CoverageReport:
    sources = registry.load_sources()
    loaded = loaded_jurisdictions(db)
    jurisdictions = report_jurisdictions(db)
    decisions = _decisions(db)
    rows: list[CoverageRow] = []
    entities = list(db.query(
        "SELECT e.id, e.name, e.type, COUNT(m.id) AS mentions, "
        "COUNT(DISTINCT m.document_id) AS documents FROM entities e "
        "LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.deleted = 0 "
        "GROUP BY e.id ORDER BY e.name"))
    for e in entities:
        hits_by_j: dict[str, list[dict[str, Any]]] = {}
        for m in db.query(
                "SELECT m.*, t.programmes, t.listed_on, t.primary_name FROM matches m "
                "JOIN targets t ON t.id = m.target_id WHERE m.entity_id = ? ORDER BY m.score DESC",
                [e["id"]]):
            decision = decisions.get((e["name"], m["list_id"], m["source_ref"]))
            if decision == "rejected":
                continue
            status = LISTED if decision == "confirmed" else m["status"]
            hits_by_j.setdefault(jurisdiction_of(m["list_id"], sources), []).append({
                "list_id": m["list_id"], "source_ref": m["source_ref"], "status": status,
                "score": m["score"], "matched_name": m["matched_name"],
                "primary_name": m["primary_name"], "listed_on": m["listed_on"],
                "programmes": json.loads(m["programmes"] or "[]"),
                "explanation": m["explanation"], "decision": decision})
        cells = {}
        for j in jurisdictions:
            hits = hits_by_j.get(j, [])
            if j not in loaded:
                cells[j] = Cell(NO_DATA)
            elif any(h["status"] == LISTED for h in hits):
                cells[j] = Cell(LISTED, hits)
            elif hits:
                cells[j] = Cell(NEEDS_REVIEW, hits)
            else:
                cells[j] = Cell(NOT_LISTED)
        evidence = list(db.query(
            "SELECT d.path AS document, d.title, d.published, m.text, m.sentence FROM mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? "
            "ORDER BY d.path, m.start LIMIT 3", [e["id"]]))
        rows.append(CoverageRow(e["id"], e["name"], e["type"], e["mentions"], e["documents"],
                                cells, evidence))
    lists = [{"list": f["list_id"], "jurisdiction": jurisdiction_of(f["list_id"], sources),
              "published": f["publication_date"], "sha256": f["sha256"][:12],
              "records": f["record_count"]} for f in store.current_files(db)]
    return CoverageReport(jurisdictions, rows, lists)


@dataclass
class Gap:
    jurisdiction: str
    entity: str
    type: str
    status: str  # not listed | needs review
    listed_by: list[dict[str, Any]]
    evidence: dict[str, Any] | None


def gaps(db: sqlite_utils.Database, jurisdiction: str | None = None,
         report: CoverageReport | None = None) -> tuple[list[Gap], list[CoverageRow], list[str]]:
    """(gaps, actors listed by nobody, jurisdictions without data)."""
    report = report or coverage(db)
    wanted = report.jurisdictions
    if jurisdiction:
        j = jurisdiction.upper()
        if j not in report.jurisdictions:
            raise ValueError(f"unknown jurisdiction {jurisdiction!r} "
                             f"(choose from {', '.join(report.jurisdictions)})")
        wanted = [j]
    no_data = [j for j in wanted if all(r.cells[j].status == NO_DATA for r in report.rows)
               or not report.rows and j not in loaded_jurisdictions(db)]
    out: list[Gap] = []
    for j in wanted:
        if j in no_data:
            continue
        for row in report.rows:
            cell = row.cells[j]
            if cell.status == LISTED:
                continue
            others = [(k, c) for k, c in row.cells.items() if k != j and c.status == LISTED]
            if not others:
                continue
            listed_by = [{"jurisdiction": k, "since": c.since, "lists": c.summary()} for k, c in others]
            out.append(Gap(j, row.name, row.type, cell.status, listed_by,
                           row.evidence[0] if row.evidence else None))
    unlisted = [r for r in report.rows
                if not any(c.status == LISTED for c in r.cells.values())]
    return out, unlisted, no_data


def timeline(db: sqlite_utils.Database, entity: str) -> dict[str, Any]:
    from screener.entities import find_entity

    row = find_entity(db, entity)
    report = coverage(db)
    entry = next((r for r in report.rows if r.entity_id == row["id"]), None)
    events = []
    if entry:
        for j, cell in entry.cells.items():
            if cell.status == LISTED:
                events.append({"jurisdiction": j, "listed_on": cell.since or "date unknown",
                               "lists": cell.summary()})
            elif cell.status in (NO_DATA, NEEDS_REVIEW):
                events.append({"jurisdiction": j, "listed_on": None, "lists": cell.status})
    dated = sorted((e for e in events if e["listed_on"] and e["listed_on"] != "date unknown"),
                   key=lambda e: e["listed_on"])
    exact = [e for e in dated if len(e["listed_on"]) == 10]
    first = _as_date(exact[0]["listed_on"]) if exact else None
    for e in events:
        when = e["listed_on"] if e["listed_on"] not in (None, "date unknown") else None
        # A lag in days needs both dates to the day; a year alone (DFAT) gives no day count.
        e["lag_days"] = (_as_date(when) - first).days if when and first and len(when) == 10 else None
    events.sort(key=lambda e: (e["listed_on"] is None, e["listed_on"] or ""))
    return {"entity": row["name"], "events": events}


def _as_date(text: str) -> date:
    """A listing date of any precision, at its earliest day."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


# ------------------------------------------------------------------ rendering

def coverage_rows(report: CoverageReport) -> list[dict[str, Any]]:
    out = []
    for r in report.rows:
        row: dict[str, Any] = {"entity": r.name, "type": r.type, "mentions": r.mentions}
        for j in report.jurisdictions:
            row[j] = r.cells[j].summary()
        out.append(row)
    return out


def render_coverage(report: CoverageReport, fmt: str) -> str:
    if fmt == "html":
        return coverage_html(report)
    if fmt == "json":
        payload = {"lists": report.lists, "jurisdictions": report.jurisdictions,
                   "entities": [{**asdict(r), "cells": {j: {"status": c.status, "since": c.since,
                                                            "hits": c.hits}
                                                        for j, c in r.cells.items()}}
                                for r in report.rows]}
        return render([], "json", json_payload=payload)
    columns = ["entity", "type", "mentions", *report.jurisdictions]
    versions = list_versions(report)
    body = render(coverage_rows(report), fmt, columns)
    if fmt == "md":
        return f"# Sanctions coverage\n\nLists: {versions or 'none loaded'}\n\n{body}"
    if fmt == "table":
        return f"Lists: {versions or 'none loaded'}\n{body}"
    return body


def list_versions(report: CoverageReport | None) -> str:
    """The list versions a report was made from, for the reader to judge its age."""
    if report is None or not report.lists:
        return "none loaded"
    return "; ".join(f"{x['list']} published {x['published'] or 'undated'}" for x in report.lists)


def gap_rows(found: list[Gap]) -> list[dict[str, Any]]:
    return [{"jurisdiction": g.jurisdiction, "entity": g.entity, "type": g.type, "status": g.status,
             "listed_by": "; ".join(f"{x['jurisdiction']} since {x['since'] or 'date unknown'}"
                                    for x in g.listed_by),
             "evidence": (g.evidence or {}).get("sentence", ""),
             "document": (g.evidence or {}).get("document", "")} for g in found]


def render_gaps(found: list[Gap], unlisted: list[CoverageRow], no_data: list[str], fmt: str,
                report: CoverageReport | None = None) -> str:
    rows = gap_rows(found)
    columns = ["jurisdiction", "entity", "type", "status", "listed_by", "evidence", "document"]
    if fmt == "json":
        return render([], "json", json_payload={
            "gaps": rows, "no_data": no_data,
            "listed_by_no_jurisdiction": [{"entity": r.name, "type": r.type} for r in unlisted]})
    if fmt == "csv":
        return render(rows, "csv", columns)
    if fmt == "html":
        return gaps_html(rows, unlisted, no_data, report)
    out = []
    if fmt == "md":
        out.append("# Sanctions gaps per jurisdiction\n")
    out.append(f"Lists: {list_versions(report)}\n")
    for j in sorted({g.jurisdiction for g in found}):
        part = [r for r in rows if r["jurisdiction"] == j]
        out.append(("## " if fmt == "md" else "") + f"{j}: {len(part)} actors listed elsewhere, not by {j}\n")
        out.append(render(part, fmt, ["entity", "type", "status", "listed_by", "evidence", "document"],
                          max_widths={"evidence": 70, "listed_by": 40}))
    for j in no_data:
        out.append(("## " if fmt == "md" else "") + f"{j}: no data (no {j} list loaded)\n")
    names = ", ".join(r.name for r in unlisted) or "none"
    out.append(("## " if fmt == "md" else "") + f"Listed by no jurisdiction ({len(unlisted)}): {names}\n")
    return "\n".join(out)


def gap_summary(found: list[Gap], unlisted: list[CoverageRow], no_data: list[str]) -> str:
    lines = []
    for j in sorted({g.jurisdiction for g in found}):
        names = [g.entity + (" (review)" if g.status == NEEDS_REVIEW else "")
                 for g in found if g.jurisdiction == j]
        lines.append(f"{j} gaps ({len(names)}): {', '.join(names)}")
    for j in no_data:
        lines.append(f"{j}: no data")
    lines.append(f"listed by no jurisdiction: {len(unlisted)}")
    return "\n".join(lines) + "\n"


def render_timeline(result: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return render([], "json", json_payload=result)
    return f"{result['entity']}\n" + render(result["events"], fmt if fmt != "html" else "md",
                                           ["jurisdiction", "listed_on", "lag_days", "lists"])


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;cursor:pointer;user-select:none}
td.listed{background:#f8c9c4}td.review{background:#fde9a8}
td.notlisted{background:#d9f2d9}td.nodata{background:#e4e4e4;color:#666}
details summary{cursor:pointer}small{color:#555}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccc}
"""
_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, i){
  th.addEventListener('click', function(){
    var table = th.closest('table'), body = table.tBodies[0];
    var rows = Array.from(body.rows), asc = th.dataset.asc !== '1';
    rows.sort(function(a, b){
      var x = a.cells[i].dataset.key || a.cells[i].textContent;
      var y = b.cells[i].dataset.key || b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      if (!isNaN(nx) && !isNaN(ny)) return asc ? nx - ny : ny - nx;
      return asc ? x.localeCompare(y) : y.localeCompare(x);
    });
    th.dataset.asc = asc ? '1' : '0';
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""
_CSS_CLASS = {LISTED: "listed", NEEDS_REVIEW: "review", NOT_LISTED: "notlisted", NO_DATA: "nodata"}


def _page(title: str, body: str) -> str:
    e = html.escape
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{e(title)}</h1>{body}<script>{_SORT_JS}</script></body></html>\n")


def coverage_html(report: CoverageReport) -> str:
    e = html.escape
    legend = ("<p class=\"legend\"><span class=\"\" style=\"background:#f8c9c4\">listed</span>"
              "<span style=\"background:#fde9a8\">needs review</span>"
              "<span style=\"background:#d9f2d9\">not listed</span>"
              "<span style=\"background:#e4e4e4\">no data (list not loaded)</span></p>")
    lists = "".join(f"<li>{e(x['list'])} ({e(x['jurisdiction'])}): published "
                    f"{e(str(x['published'] or 'undated'))}, {x['records']} records, "
                    f"sha256 {e(x['sha256'])}…</li>" for x in report.lists)
    head = "".join(f"<th>{e(h)}</th>" for h in ["Entity", "Type", "Mentions", *report.jurisdictions])
    body_rows = []
    for r in report.rows:
        evidence = "".join(f"<li><small>{e(_cited(ev))}</small>: {e(ev['sentence'])}</li>"
                           for ev in r.evidence)
        cells = [f"<td data-key=\"{e(r.name)}\"><details><summary>{e(r.name)}</summary>"
                 f"<ul>{evidence}</ul></details></td>", f"<td>{e(r.type)}</td>",
                 f"<td>{r.mentions}</td>"]
        for j in report.jurisdictions:
            cell = r.cells[j]
            detail = "".join(
                f"<li>{e(h['list_id'])} {e(h['source_ref'])}: {e(h['matched_name'] or '')} "
                f"(score {h['score']:.2f}, {e(h['status'])}"
                f"{', listed ' + e(h['listed_on']) if h.get('listed_on') else ''}"
                f"{', ' + e(', '.join(h['programmes'])) if h.get('programmes') else ''})"
                f"<br><small>{e(h['explanation'] or '')}</small></li>" for h in cell.hits)
            label = e(cell.status) + (f" since {e(cell.since)}" if cell.since else "")
            inner = f"<details><summary>{label}</summary><ul>{detail}</ul></details>" if detail else label
            cells.append(f"<td class=\"{_CSS_CLASS[cell.status]}\" data-key=\"{e(cell.status)}\">{inner}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    table = (f"<table class=\"sortable\" id=\"coverage\"><thead><tr>{head}</tr></thead>"
             f"<tbody>{''.join(body_rows)}</tbody></table>")
    return _page("Sanctions coverage of the actors in the documents",
                 f"{legend}<p>Made from:</p><ul>{lists or '<li>no list loaded</li>'}</ul>{table}")


def gaps_html(rows: list[dict[str, Any]], unlisted: list[CoverageRow], no_data: list[str],
              report: CoverageReport | None) -> str:
    e = html.escape
    parts = []
    for j in sorted({r["jurisdiction"] for r in rows}):
        body = "".join(
            f"<tr><td>{e(r['entity'])}</td><td>{e(r['type'])}</td>"
            f"<td class=\"{_CSS_CLASS[r['status']]}\">{e(r['status'])}</td><td>{e(r['listed_by'])}</td>"
            f"<td>{e(r['evidence'])}<br><small>{e(r['document'])}</small></td></tr>"
            for r in rows if r["jurisdiction"] == j)
        parts.append(f"<h2>{e(j)}: listed elsewhere, not by {e(j)}</h2><table class=\"sortable\">"
                     "<thead><tr><th>Entity</th><th>Type</th><th>Status</th><th>Listed by</th>"
                     f"<th>Evidence</th></tr></thead><tbody>{body}</tbody></table>")
    for j in no_data:
        parts.append(f"<h2>{e(j)}: no data</h2><p>No {e(j)} list is loaded.</p>")
    names = "".join(f"<li>{e(r.name)} ({e(r.type)})</li>" for r in unlisted)
    parts.append(f"<h2>Listed by no jurisdiction ({len(unlisted)})</h2><ul>{names}</ul>")
    return _page("Sanctions gaps per jurisdiction", "".join(parts))


def _cited(ev: dict[str, Any]) -> str:
    """A document as a reader knows it: its title and date where the reader found them."""
    title = ev.get("title")
    date = f", {ev['published']}" if ev.get("published") else ""
    return f"{title}{date} ({ev['document']})" if title else ev["document"]
