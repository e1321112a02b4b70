"""Who is listed by whom, since when, and where each jurisdiction has gaps.

Every document entity is screened against every loaded list; the hits are stored in
`matches`. A match at or above the threshold with nothing contradicting it counts as
listed; a weaker or contradicted one needs review and never counts as listed. A
jurisdiction none of whose lists is loaded shows "no data", never "not listed".
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from screener import mention_context, registry, review, store
from screener.db import write_transaction
from screener.freshness import freshness
from screener.match import DEFAULT_THRESHOLD
from screener.model import ORGANIZATION, PERSON
from screener.output import render
from screener.regimes import jurisdiction_regimes, regime_keys, scope
from screener.screen import HIT, Query, Screener, only_ambiguous

LISTED, NEEDS_REVIEW, NOT_LISTED, NO_DATA = "listed", "needs review", "not listed", "no data"
DECISIONS = review.DECISIONS


@dataclass
class MatchRunSummary:
    entities: int
    matches: int  # candidate matches stored, of every entity (a name can match many records)
    listed: int  # entities listed by at least one list, review decisions applied
    review: int  # entities with matches to review and listed by none
    rematched: int = 0  # entities screened in this run (the others had nothing new)


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

    @property
    def warnings(self) -> list[str]:
        """Stale or undated list versions, for the reader to weigh the gaps."""
        return [x["warning"] for x in self.lists if x.get("warning")]


def jurisdiction_of(list_id: str, sources: dict[str, registry.Source]) -> str:
    source = sources.get(list_id)
    return source.jurisdiction if source else "?"


def loaded_jurisdictions(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    sources = registry.load_sources()
    out: dict[str, list[dict[str, Any]]] = {}
    for f in store.current_files(db):
        out.setdefault(jurisdiction_of(f["list_id"], sources), []).append(f)
    return out


def superseded_lists(db: sqlite_utils.Database, sources: dict[str, registry.Source]
                     ) -> dict[str, str]:
    """Loaded lists that reports do not count, each with its loaded successor: the UK's
    status is FCDO's once FCDO is loaded, not OFSI's closed list as well."""
    loaded = {f["list_id"] for f in store.current_files(db)}
    return {list_id: s.superseded_by for list_id, s in sources.items()
            if list_id in loaded and s.superseded_by in loaded}


def report_jurisdictions(db: sqlite_utils.Database) -> list[str]:
    """US, UK, EU, AU always (as "no data" when unloaded); others only when loaded."""
    loaded = loaded_jurisdictions(db)
    return list(registry.JURISDICTIONS) + sorted(j for j in loaded if j not in registry.JURISDICTIONS)


# ------------------------------------------------------------------ matching

def _signature(entity: dict[str, Any], file_ids: list[int], threshold: float | None,
               context: str = "") -> str:
    """What a match run of one entity depends on: its names and type, the list versions,
    the threshold, the index version and the words around its mentions (they confirm or
    rule out matches). An equal signature means nothing to recompute."""
    from screener.screen import INDEX_VERSION

    aliases = sorted(json.loads(entity["aliases"] or "[]"))
    payload = json.dumps([entity["name"], aliases, entity["type"], sorted(file_ids), threshold,
                          INDEX_VERSION, context, code_version()], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's code (about 0.7 MB, read once per process): matches stored
    by an older screener are recomputed after an upgrade instead of outliving its fixes."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _context(db: sqlite_utils.Database, entity: dict[str, Any]
             ) -> mention_context.MentionContext | None:
    return mention_context.of_entity(db, entity["id"]) if entity["type"] == PERSON else None


def _context_key(context: mention_context.MentionContext | None) -> str:
    return "\n".join(sorted(context.phrases)) if context else ""


def _current_file_ids(db: sqlite_utils.Database) -> list[int]:
    return [f["id"] for f in store.current_files(db)]


def match_entities(db: sqlite_utils.Database, screener: Screener,
                   threshold: float | None = None, everything: bool = False) -> MatchRunSummary:
    """Screen the entities whose names, type or list versions changed since their last run
    (all of them with `everything`) and store their hits; other matches are kept as they are.
    Matches of entities deleted, merged or gone from the documents are dropped."""
    file_ids = [f["id"] for f in screener.files]
    entities = list(db.query("SELECT id, name, type, aliases, match_signature FROM entities "
                             "WHERE deleted = 0"))
    contexts = {e["id"]: _context(db, e) for e in entities}
    todo = [(e, _signature(e, file_ids, threshold, _context_key(contexts[e["id"]])))
            for e in entities]
    todo = [(e, sig) for e, sig in todo if everything or sig != e["match_signature"]]
    rows = []
    targets_seen: dict[int, mention_context.TargetContext] = {}
    for e, _sig in todo:
        best: dict[int, Any] = {}
        found_by: dict[int, str] = {}
        by_name: set[int] = set()
        for name in [e["name"], *json.loads(e["aliases"] or "[]")]:
            if len(name) <= 3 and name.isupper():
                continue  # an acronym alone ("JFM") says too little to screen
            result = screener.screen(Query(name=name, type=e["type"]), threshold=threshold,
                                     limit=10)
            for hit in result.hits:
                if name == e["name"]:
                    by_name.add(hit.target_id)
                kept = best.get(hit.target_id)
                if kept is None or (hit.status == HIT, hit.score) > (kept.status == HIT, kept.score):
                    best[hit.target_id] = hit
                    found_by[hit.target_id] = name
        context = contexts[e["id"]]
        one_person = _ambiguity_resolved(db, list(best.values()), threshold)
        spelt_out = e["type"] == PERSON and _has_given_name(e["name"])
        countries = (_countries_apart(db, [h for h in best.values() if h.status == HIT])
                     if e["type"] == ORGANIZATION else {})
        for hit in best.values():
            status = LISTED if hit.status == HIT else NEEDS_REVIEW
            explanation = hit.explanation
            verdict = _context_verdict(db, context, hit.target_id, hit.score, targets_seen)
            if verdict:
                explanation = f"{explanation}; {verdict.reason}"
                if verdict.effect == "rules out":
                    status = NEEDS_REVIEW
                elif only_ambiguous(hit, DEFAULT_THRESHOLD if threshold is None else threshold):
                    # the context says which of the persons the name fits it is
                    status = LISTED
            if (one_person and status == NEEDS_REVIEW and not (verdict and verdict.effect == "rules out")
                    and only_ambiguous(hit, DEFAULT_THRESHOLD if threshold is None else threshold)):
                status = LISTED
                explanation = f"{explanation}; {one_person}"
            if spelt_out and hit.target_id not in by_name and status == LISTED:
                # "S.K. Shoigu" fits his daughter Kseniya Sergeyevna too; "Sergei Shoigu",
                # the entity's own name, says which S is meant: an alias alone is no hit.
                status = NEEDS_REVIEW
                explanation = (f"{explanation}; only the form {found_by[hit.target_id]!r} "
                               f"matches, not the entity's name {e['name']!r} (review)")
            if hit.target_id in countries and status == LISTED:
                status = NEEDS_REVIEW
                explanation = (f"{explanation}; ambiguous: a list holds organisations of "
                               f"different countries under this name "
                               f"({', '.join(countries[hit.target_id])}): the name alone does "
                               "not say which (review)")
            rows.append((e["id"], hit.list_id, hit.source_ref, hit.target_id, hit.source_file_id,
                         hit.matched_name, hit.name_kind, hit.score, status, explanation,
                         store.now_iso()))
    conn = db.conn
    with write_transaction(conn):
        conn.execute("DELETE FROM matches WHERE entity_id IN "
                     "(SELECT id FROM entities WHERE deleted != 0)")
        conn.executemany("DELETE FROM matches WHERE entity_id = ?", [(e["id"],) for e, _ in todo])
        conn.executemany(
            "INSERT INTO matches (entity_id, list_id, source_ref, target_id, source_file_id, "
            "matched_name, name_kind, score, status, explanation, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("UPDATE entities SET match_signature = ? WHERE id = ?",
                         [(sig, e["id"]) for e, sig in todo])
    total = db.execute("SELECT COUNT(*) FROM matches").fetchone()[0]
    listed, review_only = entity_counts(db)
    return MatchRunSummary(len(entities), total, listed, review_only, len(todo))


def entity_counts(db: sqlite_utils.Database) -> tuple[int, int]:
    """Entities listed somewhere and entities with matches to review only, as the coverage
    report counts them (a rejected match is gone, a confirmed one is listed): the counts an
    analyst compares with the report, not the number of candidate records."""
    decisions = review.latest(db)
    listed: set[int] = set()
    review_only: set[int] = set()
    for entity_id, list_id, ref, status in db.execute(
            "SELECT m.entity_id, m.list_id, m.source_ref, m.status FROM matches m "
            "JOIN entities e ON e.id = m.entity_id WHERE e.deleted = 0"):
        d = decisions.get((entity_id, list_id, ref))
        decision = d["decision"] if d else None
        if decision == "rejected":
            continue
        (listed if status == LISTED or decision == "confirmed" else review_only).add(entity_id)
    alive = {r[0] for r in db.execute("SELECT id FROM entities WHERE deleted = 0")}
    for (entity_id, list_id, ref), d in decisions.items():
        if (d["decision"] == "confirmed" and entity_id in alive and entity_id not in listed
                and review.current_target(db, list_id, ref) is not None):
            listed.add(entity_id)
    return len(listed), len(review_only - listed)


def _countries_apart(db: sqlite_utils.Database, hits: list[Any]) -> dict[int, list[str]]:
    """Targets hit by an organisation's name where one list holds two of them under country
    regimes that share nothing ("Ministry of Defense": UK's Syrian and North Korean ones),
    each with the countries seen; {} when the name points to one country's organisation."""
    if len(hits) < 2:
        return {}
    marks = ",".join("?" * len(hits))
    regimes = {tid: {k for p in json.loads(progs or "[]") for k in regime_keys(p)
                     if k[0].isupper()}  # country regimes (MM, KP, RU-UA), not themes
               for tid, progs in db.execute(
                   f"SELECT id, programmes FROM targets WHERE id IN ({marks})",
                   [h.target_id for h in hits])}
    clash = False
    for list_id in {h.list_id for h in hits}:
        sets = [regimes.get(h.target_id) or set() for h in hits if h.list_id == list_id]
        sets = [x for x in sets if x]
        clash = clash or any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1:])
    if not clash:
        return {}
    seen = sorted(set().union(*regimes.values()))
    return {tid: seen for tid, keys in regimes.items() if keys}


def _ambiguity_resolved(db: sqlite_utils.Database, hits: list[Any],
                        threshold: float | None) -> str | None:
    """Why "the name fits N different listed persons" is no ambiguity, or None: the records it
    fits are one person on every list (Alexander Ryhoravich and Alexander Grigorievich
    LUKASHENKO are the Belarusian and Russian patronymics of one man, born 1954-08-30), which
    the records say (sametarget: names and birth dates, identifiers), not the name alone."""
    from screener.sametarget import same_target

    floor = DEFAULT_THRESHOLD if threshold is None else threshold
    fitting = [h for h in hits if only_ambiguous(h, floor)]
    if len(fitting) < 2:
        return None
    first = {"target_id": fitting[0].target_id, "score": fitting[0].score}
    reasons = []
    for other in fitting[1:]:
        verdict = same_target(db, first, {"target_id": other.target_id, "score": other.score})
        if not verdict.same:
            return None
        reasons.append(verdict.reason)
    return ("not ambiguous: the persons it fits are one target on every list "
            f"({min(reasons, key=len)})")


def _has_given_name(name: str) -> bool:
    """A person's name with a given name written out, not initials ("Sergei Shoigu", not
    "N.P. Patrushev" or "S.K.Shoigu")."""
    words = re.findall(r"[^\W\d_]+", name.replace(".", ". "))
    return len(words) >= 2 and any(len(w) >= 3 for w in words[:-1])


def _context_verdict(db: sqlite_utils.Database, context: mention_context.MentionContext | None,
                     target_id: int, score: float,
                     seen: dict[int, mention_context.TargetContext]) -> mention_context.Verdict | None:
    """What the words around the entity's mentions say of one matched target (persons only)."""
    if not context:
        return None
    if target_id not in seen:
        seen[target_id] = mention_context.of_target(db, target_id)
    return mention_context.judge(context, seen[target_id], score)


def matches_stale(db: sqlite_utils.Database, threshold: float | None = None) -> bool:
    """Stale when an active entity changed (names, type) or the list versions changed since
    its matches were computed, or matches remain for entities no longer active."""
    file_ids = _current_file_ids(db)
    for e in db.query("SELECT id, name, type, aliases, match_signature FROM entities "
                      "WHERE deleted = 0"):
        if e["match_signature"] != _signature(e, file_ids, threshold,
                                              _context_key(_context(db, e))):
            return True
    return db.execute("SELECT 1 FROM matches m JOIN entities e ON e.id = m.entity_id "
                      "WHERE e.deleted != 0 LIMIT 1").fetchone() is not None


def review_decide(db: sqlite_utils.Database, entity: str, list_id: str, source_ref: str,
                  decision: str, note: str | None = None, by: str | None = None
                  ) -> dict[str, Any]:
    """Record a reviewer's decision on one entity × list target (see screener.review)."""
    d = review.decide(db, entity, list_id, source_ref, decision, note, by)
    return {"entity": d.entity, "entity_id": d.entity_id, "list": list_id, "ref": source_ref,
            "decision": decision, "note": note, "by": d.by, "at": d.at, "matched": d.matched}


# ------------------------------------------------------------------ coverage and gaps

def coverage(db: sqlite_utils.Database) -> CoverageReport:
    sources = registry.load_sources()
    loaded = loaded_jurisdictions(db)
    jurisdictions = report_jurisdictions(db)
    decisions = review.latest(db)
    skipped = superseded_lists(db, sources)
    confirmed: dict[int, dict[tuple[str, str], dict[str, Any]]] = {}
    for (entity_id, list_id, ref), d in decisions.items():
        if d["decision"] == "confirmed" and list_id not in skipped:
            confirmed.setdefault(entity_id, {})[(list_id, ref)] = d
    rows: list[CoverageRow] = []
    entities = list(db.query(
        "SELECT e.id, e.name, e.type, COUNT(m.id) AS mentions, "
        "COUNT(DISTINCT m.document_id) AS documents FROM entities e "
        "LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.deleted = 0 "
        "GROUP BY e.id ORDER BY e.name"))
    for e in entities:
        hits_by_j: dict[str, list[dict[str, Any]]] = {}
        seen: set[tuple[str, str]] = set()
        for m in db.query(
                "SELECT m.*, t.programmes, t.listed_on, t.primary_name FROM matches m "
                "JOIN targets t ON t.id = m.target_id WHERE m.entity_id = ? ORDER BY m.score DESC",
                [e["id"]]):
            seen.add((m["list_id"], m["source_ref"]))
            if m["list_id"] in skipped:
                continue
            d = decisions.get((e["id"], m["list_id"], m["source_ref"]))
            decision = d["decision"] if d else None
            if decision == "rejected":
                continue
            status = LISTED if decision == "confirmed" else m["status"]
            hits_by_j.setdefault(jurisdiction_of(m["list_id"], sources), []).append({
                "list_id": m["list_id"], "source_ref": m["source_ref"], "status": status,
                "score": m["score"], "matched_name": m["matched_name"],
                "primary_name": m["primary_name"], "listed_on": m["listed_on"],
                "programmes": json.loads(m["programmes"] or "[]"), "target_id": m["target_id"],
                "name_kind": m["name_kind"], "explanation": m["explanation"],
                "decision": decision})
        # A reviewer's confirmation of a pair the matcher never proposed counts as listed,
        # as long as the target is in the list's current version.
        for (list_id, ref), d in confirmed.get(e["id"], {}).items():
            if (list_id, ref) in seen:
                continue
            t = review.current_target(db, list_id, ref)
            if t is None:
                continue
            hits_by_j.setdefault(jurisdiction_of(list_id, sources), []).append({
                "list_id": list_id, "source_ref": ref, "status": LISTED, "score": None,
                "matched_name": t["primary_name"], "primary_name": t["primary_name"],
                "listed_on": t["listed_on"], "programmes": json.loads(t["programmes"] or "[]"),
                "target_id": t["id"], "name_kind": None,
                "explanation": f"confirmed by {d['decided_by']} (not proposed by the matcher)"
                               + (f": {d['note']}" if d["note"] else ""),
                "decision": "confirmed"})
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
    return CoverageReport(jurisdictions, rows, report_lists(db, sources))


def report_lists(db: sqlite_utils.Database, sources: dict[str, registry.Source] | None = None
                 ) -> list[dict[str, Any]]:
    """The current list versions a report is made from, with their age at report time."""
    sources = sources if sources is not None else registry.load_sources()
    skipped = superseded_lists(db, sources)
    out = []
    for f in store.current_files(db):
        j = jurisdiction_of(f["list_id"], sources)
        fresh = freshness(f"{j} ({f['list_id']})", f["publication_date"])
        warning = fresh.note
        if f["list_id"] in skipped:
            warning = (f"{j} ({f['list_id']}) is not counted: {skipped[f['list_id']]}, the list "
                       "that replaced it, is loaded")
        out.append({"list": f["list_id"], "jurisdiction": j, "published": f["publication_date"],
                    "sha256": f["sha256"][:12], "records": f["record_count"],
                    "age_days": fresh.age_days, "stale": fresh.stale, "warning": warning,
                    "counted": f["list_id"] not in skipped})
    return out


@dataclass
class Gap:
    jurisdiction: str
    entity: str
    type: str
    status: str  # not listed | needs review
    listed_by: list[dict[str, Any]]
    evidence: dict[str, Any] | None
    covered: bool = True  # False: the jurisdiction has no regime that could list the actor
    note: str | None = None  # why it is (not) a gap, or that the listings are different targets


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
    loaded = loaded_jurisdictions(db)
    regimes_of = {j: jurisdiction_regimes(db, [f["list_id"] for f in loaded.get(j, [])])
                  for j in wanted}
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
            programmes = [p for _, c in others for h in c.hits if h["status"] == LISTED
                          for p in h["programmes"]]
            where = scope(j, regimes_of[j], programmes)
            notes = [where.reason] if where.reason else []
            different = _different_targets(db, others)
            if different:
                notes.append(different)
            out.append(Gap(j, row.name, row.type, cell.status, listed_by,
                           row.evidence[0] if row.evidence else None, where.covered,
                           "; ".join(notes) or None))
    unlisted = [r for r in report.rows
                if not any(c.status == LISTED for c in r.cells.values())]
    return out, unlisted, no_data


def _different_targets(db: sqlite_utils.Database, others: list[tuple[str, Cell]]) -> str | None:
    """A warning when the jurisdictions that list an actor list different people under
    similar names (the gap then rests on a weak match)."""
    from screener.sametarget import group_hits

    hits = [(k, h) for k, c in others for h in c.hits if h["status"] == LISTED]
    groups = group_hits(db, hits)
    if len(groups) < 2:
        return None
    described = [f"{g[0][1]['primary_name']} ({', '.join(sorted({k for k, _ in g}))})"
                 for g in groups]
    return f"listings of {len(groups)} different targets: " + "; ".join(described) + \
        "; check the matches"


def timeline(db: sqlite_utils.Database, entity: str) -> dict[str, Any]:
    """When each jurisdiction listed the actor, and the lag after the first. The listed hits
    are grouped by target (identifiers, birth dates, names); lags are counted only within a
    group, and a name that hits several listed people shows one group per person."""
    from screener.entities import find_entity
    from screener.sametarget import group_hits, same_target

    row = find_entity(db, entity)
    report = coverage(db)
    entry = next((r for r in report.rows if r.entity_id == row["id"]), None)
    cells = entry.cells if entry else {}
    hits = [(j, h) for j, c in cells.items() if c.status == LISTED
            for h in c.hits if h["status"] == LISTED]
    groups = group_hits(db, hits)
    events: list[dict[str, Any]] = []
    notes: list[str] = []
    for number, group in enumerate(groups, 1):
        rep = group[0][1]
        for j in dict.fromkeys(k for k, _ in group):
            part = Cell(LISTED, [h for k, h in group if k == j])
            events.append({"jurisdiction": j, "listed_on": part.since or "date unknown",
                           "lists": part.summary(), "target": rep["primary_name"],
                           "target_group": number, "same_target": number == 1})
        if number > 1:
            main = groups[0][0][1]
            verdict = same_target(db, main, rep)
            places = ", ".join(dict.fromkeys(k for k, _ in group))
            notes.append(f"{places}: {rep['primary_name']} ({rep['list_id']} {rep['source_ref']}) "
                         f"is not the same target as {main['primary_name']} ({main['list_id']} "
                         f"{main['source_ref']}): {verdict.reason}; lags are counted within "
                         "each target only")
    for j, cell in cells.items():
        if cell.status in (NO_DATA, NEEDS_REVIEW):
            events.append({"jurisdiction": j, "listed_on": None, "lists": cell.status,
                           "target": None, "target_group": None, "same_target": None})
    for number in range(1, len(groups) + 1):
        mine = [e for e in events if e["target_group"] == number]
        exact = sorted(e["listed_on"] for e in mine if len(e["listed_on"]) == 10)
        first = _as_date(exact[0]) if exact else None
        for e in mine:
            when = e["listed_on"]
            # A lag in days needs both dates to the day; a year alone (DFAT) gives no day count.
            e["lag_days"] = (_as_date(when) - first).days if first and len(when) == 10 else None
    for e in events:
        e.setdefault("lag_days", None)
    events.sort(key=lambda e: (e["target_group"] or len(groups) + 1, e["listed_on"] is None,
                               e["listed_on"] or ""))
    return {"entity": row["name"], "events": events, "notes": notes, "report": report}


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
        payload = {"lists": report.lists, "warnings": report.warnings,
                   "jurisdictions": report.jurisdictions,
                   "entities": [{**asdict(r), "cells": {j: {"status": c.status, "since": c.since,
                                                            "hits": c.hits}
                                                        for j, c in r.cells.items()}}
                                for r in report.rows]}
        return render([], "json", json_payload=payload)
    columns = ["entity", "type", "mentions", *report.jurisdictions]
    rows = coverage_rows(report)
    if fmt == "csv":
        return csv_with_lists(rows, columns, report, "entity", "no entities")
    body = render(rows, fmt, columns)
    if fmt == "md":
        why = render(match_rows(report), fmt, ["entity", "jurisdiction", "list", "ref", "status",
                                               "score", "matched_name", "explanation"])
        return (f"# Sanctions coverage\n\n{lists_header(report, fmt)}\n{body}\n"
                f"## Why: every match and its explanation\n\n{why}")
    return f"{lists_header(report, fmt)}{body}"


def match_rows(report: CoverageReport) -> list[dict[str, Any]]:
    """Each match behind a "listed" or "needs review" cell, with the matcher's or the
    reviewer's reason, so a reader of a text report can check every one (HTML folds them in)."""
    out = []
    for r in report.rows:
        for j in report.jurisdictions:
            for h in r.cells[j].hits:
                out.append({"entity": r.name, "jurisdiction": j, "list": h["list_id"],
                            "ref": h["source_ref"], "status": h["status"],
                            "score": "" if h["score"] is None else f"{h['score']:.3f}",
                            "matched_name": h["matched_name"],
                            "explanation": h["explanation"] + (
                                f" ({h['decision']} by a reviewer)"
                                if h.get("decision") and h["score"] is not None else "")})
    return out


def list_versions(report: CoverageReport | None) -> str:
    """The list versions a report was made from, for the reader to judge its age."""
    if report is None or not report.lists:
        return "none loaded"
    return "; ".join(f"{x['list']} published {x['published'] or 'undated'}"
                     + (f" (STALE: {x['age_days']} days old)" if x.get("stale") else "")
                     + (" (not counted)" if x.get("counted") is False else "")
                     for x in report.lists)


def csv_with_lists(rows: list[dict[str, Any]], columns: list[str],
                   report: CoverageReport | None, empty_key: str, empty_text: str) -> str:
    """CSV whose every row carries the list versions (and staleness) it was made from; an
    empty result is one row saying so, so that the file still names its versions."""
    versions = list_versions(report)
    rows = rows or [{empty_key: empty_text}]
    return render([{**r, "list_versions": versions} for r in rows], "csv",
                  [*columns, "list_versions"])


def lists_header(report: CoverageReport | None, fmt: str) -> str:
    """The "Lists:" line and one warning line per stale or undated list (table and md)."""
    lines = [f"Lists: {list_versions(report)}"]
    for w in report.warnings if report else []:
        lines.append(("> " if fmt == "md" else "") + f"Warning: {w}")
    return ("\n\n" if fmt == "md" else "\n").join(lines) + "\n"


def _lists_html(report: CoverageReport | None) -> str:
    e = html.escape
    if report is None or not report.lists:
        return "<p>Made from: no list loaded.</p>"
    items = "".join(f"<li>{e(x['list'])} ({e(x['jurisdiction'])}): published "
                    f"{e(str(x['published'] or 'undated'))}, {x['records']} records, "
                    f"sha256 {e(x['sha256'])}…"
                    + (f" <strong class=\"stale\">stale: {x['age_days']} days old</strong>"
                       if x.get("stale") else "") + "</li>" for x in report.lists)
    warnings = "".join(f"<p class=\"warning\">{e(w)}</p>" for w in report.warnings)
    return f"<p>Made from:</p><ul class=\"lists\">{items}</ul>{warnings}"


def gap_rows(found: list[Gap]) -> list[dict[str, Any]]:
    """The gaps a jurisdiction could close (those outside its regimes are left out)."""
    return [{"jurisdiction": g.jurisdiction, "entity": g.entity, "type": g.type, "status": g.status,
             "listed_by": "; ".join(f"{x['jurisdiction']} since {x['since'] or 'date unknown'}"
                                    for x in g.listed_by),
             "evidence": (g.evidence or {}).get("sentence", ""),
             "document": _cited(g.evidence) if g.evidence else "", "note": g.note or ""}
            for g in found if g.covered]


def outside_regimes(found: list[Gap]) -> list[dict[str, Any]]:
    """Actors listed elsewhere that a jurisdiction has no regime for: not gaps, said why."""
    return [{"jurisdiction": g.jurisdiction, "entity": g.entity, "type": g.type,
             "reason": g.note or ""} for g in found if not g.covered]


def render_gaps(found: list[Gap], unlisted: list[CoverageRow], no_data: list[str], fmt: str,
                report: CoverageReport | None = None) -> str:
    rows = gap_rows(found)
    outside = outside_regimes(found)
    columns = ["jurisdiction", "entity", "type", "status", "listed_by", "evidence", "document",
               "note"]
    if fmt == "json":
        return render([], "json", json_payload={
            "lists": report.lists if report else [], "warnings": report.warnings if report else [],
            "gaps": rows, "outside_regimes": outside, "no_data": no_data,
            "listed_by_no_jurisdiction": [{"entity": r.name, "type": r.type} for r in unlisted]})
    if fmt == "csv":
        return csv_with_lists(rows, columns, report, "note", "no gaps")
    if fmt == "html":
        return gaps_html(rows, unlisted, no_data, report, outside)
    out = []
    if fmt == "md":
        out.append("# Sanctions gaps per jurisdiction\n")
    out.append(lists_header(report, fmt))
    for j in sorted({r["jurisdiction"] for r in rows}):
        part = [r for r in rows if r["jurisdiction"] == j]
        out.append(("## " if fmt == "md" else "") + f"{j}: {len(part)} actors listed elsewhere, not by {j}\n")
        out.append(render(part, fmt, ["entity", "type", "status", "listed_by", "evidence", "document",
                                      "note"],
                          max_widths={"evidence": 70, "listed_by": 40, "note": 50}))
    for j in sorted({r["jurisdiction"] for r in outside}):
        part = [r for r in outside if r["jurisdiction"] == j]
        out.append(("## " if fmt == "md" else "") + f"{j}: {len(part)} listed elsewhere, not "
                   f"gaps: outside the regimes {j} has\n")
        out.append(render(part, fmt, ["entity", "type", "reason"], max_widths={"reason": 100}))
    for j in no_data:
        out.append(("## " if fmt == "md" else "") + f"{j}: no data (no {j} list loaded)\n")
    names = ", ".join(r.name for r in unlisted) or "none"
    out.append(("## " if fmt == "md" else "") + f"Listed by no jurisdiction ({len(unlisted)}): {names}\n")
    return "\n".join(out)


def gap_summary(found: list[Gap], unlisted: list[CoverageRow], no_data: list[str],
                report: CoverageReport | None = None) -> str:
    lines = [lists_header(report, "table").rstrip("\n")] if report is not None else []
    for j in sorted({g.jurisdiction for g in found if g.covered}):
        names = [g.entity + (" (review)" if g.status == NEEDS_REVIEW else "")
                 for g in found if g.jurisdiction == j and g.covered]
        lines.append(f"{j} gaps ({len(names)}): {', '.join(names)}")
    for j in sorted({g.jurisdiction for g in found if not g.covered}):
        n = sum(1 for g in found if g.jurisdiction == j and not g.covered)
        lines.append(f"{j}: {n} listed elsewhere under regimes {j} does not have (not gaps)")
    for j in no_data:
        lines.append(f"{j}: no data")
    lines.append(f"listed by no jurisdiction: {len(unlisted)}")
    return "\n".join(lines) + "\n"


TIMELINE_COLUMNS = ["jurisdiction", "listed_on", "lag_days", "lists", "target_group", "target"]


def render_timeline(result: dict[str, Any], fmt: str) -> str:
    report: CoverageReport = result["report"]
    if fmt == "json":
        payload = {k: v for k, v in result.items() if k != "report"}
        return render([], "json", json_payload={**payload, "lists": report.lists,
                                                "warnings": report.warnings})
    if fmt == "csv":
        return csv_with_lists(result["events"], TIMELINE_COLUMNS, report, "lists", "no listing")
    if fmt == "html":
        return timeline_html(result)
    notes = "".join(f"{n}\n" + ("\n" if fmt == "md" else "") for n in result.get("notes", []))
    title = f"# Listing timeline: {result['entity']}\n\n" if fmt == "md" else f"{result['entity']}\n"
    return (title + lists_header(report, fmt) + ("\n" if fmt == "md" else "") + notes
            + render(result["events"], fmt, TIMELINE_COLUMNS))


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;cursor:pointer;user-select:none}
td.listed{background:#f8c9c4}td.review{background:#fde9a8}
td.notlisted{background:#d9f2d9}td.nodata{background:#e4e4e4;color:#666}
details summary{cursor:pointer}small{color:#555}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccc}
.stale,.warning{color:#a00}
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


def _score_text(score: float | None) -> str:
    return f"score {score:.2f}" if score is not None else "confirmed by a reviewer"


def coverage_html(report: CoverageReport) -> str:
    e = html.escape
    legend = ("<p class=\"legend\"><span class=\"\" style=\"background:#f8c9c4\">listed</span>"
              "<span style=\"background:#fde9a8\">needs review</span>"
              "<span style=\"background:#d9f2d9\">not listed</span>"
              "<span style=\"background:#e4e4e4\">no data (list not loaded)</span></p>")
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
                f"({_score_text(h['score'])}, {e(h['status'])}"
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
                 f"{legend}{_lists_html(report)}{table}")


def gaps_html(rows: list[dict[str, Any]], unlisted: list[CoverageRow], no_data: list[str],
              report: CoverageReport | None, outside: list[dict[str, Any]] | None = None) -> str:
    e = html.escape
    parts = []
    outside = outside or []
    for j in sorted({r["jurisdiction"] for r in rows}):
        body = "".join(
            f"<tr><td>{e(r['entity'])}</td><td>{e(r['type'])}</td>"
            f"<td class=\"{_CSS_CLASS[r['status']]}\">{e(r['status'])}</td><td>{e(r['listed_by'])}"
            f"{'<br><small>' + e(r['note']) + '</small>' if r['note'] else ''}</td>"
            f"<td>{e(r['evidence'])}<br><small>{e(r['document'])}</small></td></tr>"
            for r in rows if r["jurisdiction"] == j)
        parts.append(f"<h2>{e(j)}: listed elsewhere, not by {e(j)}</h2><table class=\"sortable\">"
                     "<thead><tr><th>Entity</th><th>Type</th><th>Status</th><th>Listed by</th>"
                     f"<th>Evidence</th></tr></thead><tbody>{body}</tbody></table>")
    for j in sorted({r["jurisdiction"] for r in outside}):
        items = "".join(f"<li>{e(r['entity'])}: {e(r['reason'])}</li>"
                        for r in outside if r["jurisdiction"] == j)
        parts.append(f"<h2>{e(j)}: not gaps, outside its regimes</h2><ul>{items}</ul>")
    for j in no_data:
        parts.append(f"<h2>{e(j)}: no data</h2><p>No {e(j)} list is loaded.</p>")
    names = "".join(f"<li>{e(r.name)} ({e(r.type)})</li>" for r in unlisted)
    parts.append(f"<h2>Listed by no jurisdiction ({len(unlisted)})</h2><ul>{names}</ul>")
    return _page("Sanctions gaps per jurisdiction", _lists_html(report) + "".join(parts))


def timeline_html(result: dict[str, Any]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in TIMELINE_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{e('' if ev.get(c) is None else str(ev.get(c)))}</td>"
                                    for c in TIMELINE_COLUMNS) + "</tr>"
                   for ev in result["events"])
    notes = "".join(f"<p>{e(n)}</p>" for n in result.get("notes", []))
    return _page(f"Listing timeline: {result['entity']}",
                 f"{_lists_html(result['report'])}{notes}<table class=\"sortable\"><thead><tr>"
                 f"{head}</tr></thead><tbody>{body}</tbody></table>")


def _cited(ev: dict[str, Any]) -> str:
    """A document as a reader knows it: its title and date where the reader found them."""
    title = ev.get("title")
    date = f", {ev['published']}" if ev.get("published") else ""
    return f"{title}{date} ({ev['document']})" if title else ev["document"]
