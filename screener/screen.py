"""Screening names against the current versions of the loaded lists.

The name index over every current list name is built once per set of list versions and
cached on disk beside the database, so a command-line screening only loads it. Details of
the targets a query hits are read from the database afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from screener import match, registry, store
from screener.model import AIRCRAFT, ORGANIZATION, PERSON, VESSEL

INDEX_VERSION = "9"  # 9: family names marked in capitals kept in the index rows
SCHEMA_OF_TYPE = {PERSON: "Person", ORGANIZATION: "Organization", VESSEL: "Vessel",
                  AIRCRAFT: "Airplane"}
TYPE_OF_OPTION = {"person": PERSON, "individual": PERSON, "org": ORGANIZATION,
                  "organization": ORGANIZATION, "organisation": ORGANIZATION,
                  "company": ORGANIZATION, "entity": ORGANIZATION, "vessel": VESSEL,
                  "ship": VESSEL, "aircraft": AIRCRAFT}
HIT, REVIEW = "hit", "review"


class NoListsLoaded(RuntimeError):
    def __str__(self) -> str:
        return ("no sanctions list is loaded; run `screener lists update` or "
                "`screener lists import LIST PATH` first")


@dataclass
class Query:
    name: str
    type: str | None = None  # person | organization | vessel | aircraft
    birth_year: int | None = None
    country: str | None = None  # ISO alpha-2


@dataclass
class ScreenHit:
    jurisdiction: str
    list_id: str
    source_ref: str
    target_id: int
    source_file_id: int
    primary_name: str
    matched_name: str
    name_kind: str
    name_quality: str
    target_type: str
    score: float
    status: str  # hit | review
    explanation: str
    programmes: list[str] = field(default_factory=list)
    listed_on: str | None = None


@dataclass
class ScreenResult:
    query: Query
    threshold: float
    hits: list[ScreenHit]
    source_files: list[dict[str, Any]]

    @property
    def is_hit(self) -> bool:
        return any(h.status == HIT for h in self.hits)

    def to_dict(self) -> dict[str, Any]:
        return {"query": asdict(self.query), "threshold": self.threshold,
                "hit": self.is_hit, "hits": [asdict(h) for h in self.hits],
                "lists": self.source_files}


def parse_type(option: str | None) -> str | None:
    if option is None:
        return None
    try:
        return TYPE_OF_OPTION[option.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown type {option!r} (use person, org, vessel or aircraft)") from None


@dataclass
class NameRow:
    """What the index needs to know about one indexed name without a database read."""

    target_id: int
    full_name: str
    kind: str
    quality: str

    def encode(self) -> str:
        return "\x1e".join([str(self.target_id), self.full_name, self.kind, self.quality])

    @classmethod
    def decode(cls, text: str) -> NameRow:
        target_id, full_name, kind, quality = text.split("\x1e")
        return cls(int(target_id), full_name, kind, quality)


class Screener:
    """A name index over the current list versions, plus the database for target details."""

    def __init__(self, db: sqlite_utils.Database, index: match.NameIndex,
                 files: list[dict[str, Any]]) -> None:
        self.db = db
        self.index = index
        self.files = files
        sources = registry.load_sources()
        self.jurisdiction = {s.list_id: s.jurisdiction for s in sources.values()}
        self._targets: dict[int, dict[str, Any]] = {}

    def reconnect(self) -> None:
        """Open a fresh connection: a forked worker must not share its parent's."""
        from screener import db as database

        path = self.db.execute("PRAGMA database_list").fetchone()[2]
        self.db = database.connect(Path(path))

    @classmethod
    def open(cls, db: sqlite_utils.Database, cache_dir: Path | None = None,
             file_ids: Sequence[int] | None = None) -> Screener:
        """Load the cached index for the current list versions (or the given stored
        versions, to replay an audited screening), building it when missing."""
        conn = db.conn
        conn.execute("BEGIN")  # one consistent snapshot even while `lists update` writes
        try:
            if file_ids is None:
                files = store.current_files(db)
            else:
                marks = ",".join("?" * len(file_ids))
                files = list(db.query(
                    "SELECT id, list_id, sha256, publication_date, fetched_at, record_count "
                    f"FROM source_files WHERE id IN ({marks}) ORDER BY list_id", list(file_ids)))
            if not files:
                raise NoListsLoaded()
            key = _versions_key(files)
            index = _read_cache(cache_dir, key) if cache_dir else None
            if index is None:
                index = _build(db, files)
                if cache_dir:
                    _write_cache(cache_dir, key, index)
        finally:
            conn.execute("COMMIT")
        return cls(db, index, files)

    def screen(self, query: Query, *, threshold: float | None = None, limit: int = 5,
               candidates: int = 50) -> ScreenResult:
        threshold = match.DEFAULT_THRESHOLD if threshold is None else threshold
        review_floor = min(match.REVIEW_THRESHOLD, threshold)
        schema = SCHEMA_OF_TYPE.get(query.type) if query.type else None
        best: dict[int, ScreenHit] = {}
        partial: dict[int, bool] = {}  # the query lacks name parts the matched name has
        for found in self.index.search(query.name, schema=None, limit=candidates,
                                       min_score=review_floor):
            row = NameRow.decode(found.payload)
            target = self._target(row.target_id)
            comparison = found.comparison
            raw_score = comparison.score
            if query.type or query.birth_year or query.country:
                comparison = match.apply_context(
                    comparison, query_type=schema,
                    target_type=SCHEMA_OF_TYPE.get(target["type"]),
                    query_birth_year=query.birth_year, target_birth_years=target["birth_years"],
                    query_country=query.country, target_countries=target["countries"])
            score = comparison.score
            contradicted = score < raw_score
            if score < review_floor and not (contradicted and raw_score >= threshold):
                continue
            status = HIT if score >= threshold and not contradicted else REVIEW
            notes = [comparison.text]
            if row.quality == "weak" and not (score >= EXACT_SCORE and len(comparison.aligned) >= 2):
                status = REVIEW
                notes.append("weak alias: a publisher's low-quality name, never a hit alone")
            elif row.quality == "weak":
                notes.append("weak alias, matched exactly in full")
            hit = ScreenHit(
                jurisdiction=self.jurisdiction.get(target["list_id"], "?"),
                list_id=target["list_id"], source_ref=target["source_ref"],
                target_id=row.target_id, source_file_id=target["source_file_id"],
                primary_name=target["primary_name"], matched_name=row.full_name,
                name_kind=row.kind, name_quality=row.quality, target_type=target["type"],
                score=round(score, 4), status=status, explanation="; ".join(n for n in notes if n),
                programmes=target["programmes"], listed_on=target["listed_on"])
            kept = best.get(row.target_id)
            if kept is None or _rank(hit) > _rank(kept):
                best[row.target_id] = hit
                partial[row.target_id] = bool(comparison.unmatched_candidate)
        _mark_ambiguous(best, partial)
        _prefer_exact(best)
        hits = sorted(best.values(), key=lambda h: (h.jurisdiction, h.list_id, -_rank(h)[0],
                                                    -h.score))
        per_list: dict[str, int] = {}
        kept_hits = []
        for hit in hits:
            per_list[hit.list_id] = per_list.get(hit.list_id, 0) + 1
            if per_list[hit.list_id] <= limit:
                kept_hits.append(hit)
        return ScreenResult(query, threshold, kept_hits, self.files)

    def _target(self, target_id: int) -> dict[str, Any]:
        cached = self._targets.get(target_id)
        if cached is not None:
            return cached
        row = list(self.db.query(
            "SELECT id, list_id, source_ref, source_file_id, type, primary_name, programmes, "
            "listed_on FROM targets WHERE id = ?", [target_id]))[0]
        row["programmes"] = json.loads(row["programmes"] or "[]")
        row["birth_years"] = sorted({
            int(r[0][:4]) for r in self.db.execute(
                "SELECT date_from FROM target_dates WHERE target_id = ? AND kind = 'birth' "
                "AND date_from IS NOT NULL", [target_id]).fetchall()})
        row["countries"] = sorted({
            r[0] for r in self.db.execute(
                "SELECT code FROM target_countries WHERE target_id = ? AND code IS NOT NULL",
                [target_id]).fetchall()})
        self._targets[target_id] = row
        return row


def _mark_ambiguous(best: dict[int, ScreenHit], partial: dict[int, bool]) -> None:
    """A partial name that fits two or more different listed persons ("Anatoly Antonov":
    Anatoly Ivanovich, the deputy minister, and Anatoli Andreevich of the so-called LPR) says
    which of them it is no more than it says the other: each such hit becomes review."""
    fitting = [h for tid, h in best.items() if h.status == HIT and partial.get(tid) and h.target_type == PERSON]
    if len(fitting) < 2:
        return
    people = match.distinct_people(list(dict.fromkeys(h.primary_name for h in fitting)))
    if len(people) < 2:
        return
    note = f"ambiguous: the name fits {len(people)} different listed persons ({'; '.join(people[:4])})"
    for h in fitting:
        h.status = REVIEW
        h.explanation = f"{h.explanation}; {note}" if h.explanation else note


EXACT_SCORE = 0.999


def _prefer_exact(best: dict[int, ScreenHit]) -> None:
    """Where a list has a person under exactly the query's name, its other persons whose names
    the query only resembles (Qasem/Ghasem SOLEIMANI) are review: the list itself tells the
    spellings apart."""
    exact_lists = {h.list_id for h in best.values()
                   if h.status == HIT and h.score >= EXACT_SCORE and h.target_type == PERSON}
    for h in best.values():
        if (h.list_id in exact_lists and h.status == HIT and h.score < EXACT_SCORE
                and h.target_type == PERSON):
            h.status = REVIEW
            note = f"{h.list_id} lists another person under exactly this name"
            h.explanation = f"{h.explanation}; {note}" if h.explanation else note


def _rank(hit: ScreenHit) -> tuple[int, float]:
    return (2 if hit.status == HIT else 1, hit.score)


def _versions_key(files: Sequence[dict[str, Any]]) -> str:
    text = "|".join(f"{f['id']}:{f['sha256']}" for f in files)
    return hashlib.sha256(f"{INDEX_VERSION}/{match.__name__}/{text}".encode()).hexdigest()[:20]


def _build(db: sqlite_utils.Database, files: Sequence[dict[str, Any]]) -> match.NameIndex:
    file_ids = [f["id"] for f in files]
    marks = ",".join("?" * len(file_ids))
    rows = db.execute(
        "SELECT n.id, n.target_id, n.full_name, n.kind, n.quality, n.norm, t.type "
        f"FROM target_names n JOIN targets t ON t.id = n.target_id "
        f"WHERE t.source_file_id IN ({marks}) ORDER BY n.id", file_ids).fetchall()
    entries: list[tuple[int, str, str, str]] = []
    seen: set[tuple[int, str]] = set()
    for name_id, target_id, full_name, kind, quality, norm, target_type in rows:
        if not norm or (target_id, norm) in seen:
            continue  # the EU file repeats a name in many languages: one copy per target
        seen.add((target_id, norm))
        payload = NameRow(target_id, full_name, kind, quality).encode()
        entries.append((name_id, full_name, SCHEMA_OF_TYPE.get(target_type, "LegalEntity"), payload))
    return match.NameIndex(entries)


def _cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"name-index-{key}.idx"


def _read_cache(cache_dir: Path, key: str) -> match.NameIndex | None:
    path = _cache_file(cache_dir, key)
    if not path.exists():
        return None
    try:
        return match.NameIndex.open(path)
    except Exception:  # a corrupt or stale cache is rebuilt, never trusted
        return None


def _write_cache(cache_dir: Path, key: str, index: match.NameIndex) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".index-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            index.write(fh)
        os.replace(tmp, _cache_file(cache_dir, key))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in cache_dir.glob("name-index-*"):
        if old.name != _cache_file(cache_dir, key).name:
            old.unlink(missing_ok=True)


def record_screening(db: sqlite_utils.Database, kind: str, results: Sequence[ScreenResult],
                     query: dict[str, Any], threshold: float) -> int:
    """Write one audit entry: the query, the list versions used and what was found."""
    files = results[0].source_files if results else store.current_files(db)
    payload = [{"name": r.query.name, "hit": r.is_hit,
                "hits": [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
                          "status": h.status, "matched_name": h.matched_name}
                         for h in r.hits]} for r in results]
    conn = db.conn
    cur = conn.execute(
        "INSERT INTO screenings (kind, query, created_at, threshold, source_files, hits, results) "
        "VALUES (?,?,?,?,?,?,?)",
        [kind, json.dumps(query, ensure_ascii=False), store.now_iso(), threshold,
         json.dumps(files, default=str), sum(1 for r in results if r.is_hit),
         json.dumps(payload, ensure_ascii=False)])
    return cur.lastrowid
