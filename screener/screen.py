"""Screening names against the current versions of the loaded lists.

The name index over every current list name is built once per set of list versions and
cached on disk beside the database, so a command-line screening only loads it. Details of
the targets a query hits are read from the database afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener import db as dbs
from screener import evidence, identifiers, match, names, registry, store
from screener.model import AIRCRAFT, ORGANIZATION, PERSON, VESSEL

if TYPE_CHECKING:
    import sqlite_utils

INDEX_VERSION = "12"  # 12: row shapes for the score bound; 11: hyphen-joined tokens kept in the index rows; 9: family names marked in capitals kept in the index rows; 10: German
# partnership forms (KG, OHG, GbR) read as legal forms
SCHEMA_OF_TYPE = {PERSON: "Person", ORGANIZATION: "Organization", VESSEL: "Vessel",
                  AIRCRAFT: "Airplane"}
TYPE_OF_OPTION = {"person": PERSON, "individual": PERSON, "org": ORGANIZATION,
                  "organization": ORGANIZATION, "organisation": ORGANIZATION,
                  "company": ORGANIZATION, "entity": ORGANIZATION, "vessel": VESSEL,
                  "ship": VESSEL, "aircraft": AIRCRAFT}
HIT, REVIEW = "hit", "review"
CLEAR = "clear"  # the verdict when no candidate reaches the review floor
FIRST_BIRTH_YEAR = 1900


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
    birth_date: str | None = None  # ISO, as precise as known (YYYY, YYYY-MM, YYYY-MM-DD)
    ids: list[str] = field(default_factory=list)  # "IMO 9299719", "passport X123", a number

    def facts(self) -> evidence.QueryFacts:
        """What the query says beyond the name; an identifier that cannot be read raises
        identifiers.IdentifierError (a ValueError)."""
        birth = self.birth_date or (str(self.birth_year) if self.birth_year else None)
        return evidence.QueryFacts(birth, self.country,
                                   [identifiers.parse_query(i) for i in self.ids if i.strip()])


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
    """`hits` is what is shown (at most `limit` per list); `verdict` is computed on every
    candidate, so trimming the display never changes it."""

    query: Query
    threshold: float
    hits: list[ScreenHit]
    source_files: list[dict[str, Any]]
    verdict: str = ""  # hit | review | clear; from `hits` when not given
    not_shown: int = 0
    screened_at: str = field(default_factory=store.now_iso)

    def __post_init__(self) -> None:
        if not self.verdict:
            self.verdict = verdict_of(self.hits)

    @property
    def is_hit(self) -> bool:
        return self.verdict == HIT

    def to_dict(self) -> dict[str, Any]:
        return {"query": asdict(self.query), "threshold": self.threshold,
                "verdict": self.verdict, "hit": self.is_hit, "screened_at": self.screened_at,
                "hits": [asdict(h) for h in self.hits], "not_shown": self.not_shown,
                "lists": self.source_files}


def verdict_of(hits: Sequence[ScreenHit]) -> str:
    """hit if any candidate is a hit, review if any needs a look, else clear."""
    statuses = {h.status for h in hits}
    return HIT if HIT in statuses else REVIEW if REVIEW in statuses else CLEAR


def check_options(*, threshold: float | None = None, birth_year: int | None = None,
                  limit: int | None = None, this_year: int | None = None) -> None:
    """Refuse option values that would silently screen wrong (ValueError, one line)."""
    if threshold is not None and not 0 < threshold <= 1:  # also refuses NaN
        raise ValueError(f"--threshold must be above 0 and at most 1 (got {threshold})")
    if birth_year is not None:
        last = this_year or int(store.now_iso()[:4])
        if not FIRST_BIRTH_YEAR <= birth_year <= last:
            raise ValueError(f"the birth year must be between {FIRST_BIRTH_YEAR} and {last} "
                             f"(got {birth_year})")
    if limit is not None and limit < 1:
        raise ValueError(f"--limit must be 1 or more (got {limit}); it only trims the hits "
                         "shown, the verdict always weighs every candidate")


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

    def __init__(self, db: sqlite3.Connection | sqlite_utils.Database, index: match.NameIndex,
                 files: list[dict[str, Any]]) -> None:
        self.db = db
        self.index = index
        self.files = files
        sources = registry.load_sources()
        self.jurisdiction = {s.list_id: s.jurisdiction for s in sources.values()}
        self._targets: dict[int, dict[str, Any]] = {}
        self._ids: identifiers.IdIndex | None = None  # built on the first identifier query

    def reconnect(self) -> None:
        """Open a fresh connection: a forked worker must not share its parent's."""
        path = self.db.execute("PRAGMA database_list").fetchone()[2]
        plain = isinstance(self.db, sqlite3.Connection)
        self.db = dbs.open_connection(Path(path)) if plain else dbs.connect(Path(path))

    @classmethod
    def open(cls, db: sqlite3.Connection | sqlite_utils.Database, cache_dir: Path | None = None,
             file_ids: Sequence[int] | None = None) -> Screener:
        """Load the cached index for the current list versions (or the given stored
        versions, to replay an audited screening), building it when missing."""
        conn = dbs.raw(db)
        conn.execute("BEGIN")  # one consistent snapshot even while `lists update` writes
        try:
            if file_ids is None:
                files = store.current_files(db)
            else:
                marks = ",".join("?" * len(file_ids))
                files = list(dbs.query(
                    db, "SELECT id, list_id, sha256, publication_date, fetched_at, record_count "
                    f"FROM source_files WHERE id IN ({marks}) ORDER BY list_id", list(file_ids)))
            if not files:
                raise NoListsLoaded()
            key = _versions_key(files)
            index = _read_cache(cache_dir, key) if cache_dir else None
            if index is None:
                index = _build(db, files)
                if cache_dir:
                    try:
                        _write_cache(cache_dir, key, index)
                    except OSError:
                        pass  # a read-only home: the index is rebuilt next time, no harm
        finally:
            conn.execute("COMMIT")
        return cls(db, index, files)

    def screen(self, query: Query, *, threshold: float | None = None, limit: int = 5,
               candidates: int = 50, exhaustive: bool = False) -> ScreenResult:
        """`exhaustive` scores every candidate name instead of skipping those proven unable
        to reach the review floor: the same result, slower (a check on the fast path)."""
        check_options(limit=limit)
        threshold = match.DEFAULT_THRESHOLD if threshold is None else threshold
        review_floor = min(match.REVIEW_THRESHOLD, threshold)
        schema = SCHEMA_OF_TYPE.get(query.type) if query.type else None
        # A name ending in a legal form is a company's: a vessel or a person is no hit for it.
        implied = schema or ("Organization" if names.company_form(query.name) else None)
        facts = query.facts()
        birth_year = query.birth_year or facts.birth_year
        id_hits = self._identifier_hits(facts, query.name)
        best: dict[int, ScreenHit] = {}
        partial: dict[int, bool] = {}  # the query lacks name parts the matched name has
        for found in self.index.search(query.name, schema=None, limit=candidates,
                                       min_score=review_floor, exhaustive=exhaustive):
            row = NameRow.decode(found.payload)
            target = self._target(row.target_id)
            comparison = found.comparison
            raw_score = comparison.score
            if implied or birth_year:
                comparison = match.apply_context(
                    comparison, query_type=implied,
                    target_type=SCHEMA_OF_TYPE.get(target["type"]),
                    query_birth_year=birth_year, target_birth_years=target["birth_years"])
            # A different type or birth year contradicts a hit; a different country only lowers
            # the score: publishers disagree on countries (Sudan/South Sudan, the two Congos).
            contradicted = comparison.score < raw_score
            if query.country:
                comparison = match.apply_context(comparison, query_country=query.country,
                                                 target_countries=target["countries"])
            score = comparison.score
            if score < review_floor and not (contradicted and raw_score >= threshold):
                continue
            weighed = evidence.weigh(score, facts, self._facts(row.target_id), floor=review_floor,
                                     contradicted=contradicted) if facts else None
            score = weighed.score if weighed else score
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
            if weighed is not None:
                _say_weighed(hit, weighed)
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
        not_shown = len(hits) - len(kept_hits)
        if id_hits:
            kept_hits = _with_identifier_hits(kept_hits, id_hits)
        return ScreenResult(query, threshold, kept_hits, self.files,
                            verdict=verdict_of([*hits, *id_hits.values()]), not_shown=not_shown)

    def _identifier_hits(self, facts: evidence.QueryFacts, name: str) -> dict[int, ScreenHit]:
        """Targets that carry one of the query's identifiers, with how the query's name (if
        any) compares with the target's primary name."""
        if not facts.ids:
            return {}
        if self._ids is None:
            self._ids = identifiers.IdIndex.build(self.db, [f["id"] for f in self.files])
        agreed: dict[int, list[str]] = {}
        for q in facts.ids:
            for li in self._ids.find(q):
                agreed.setdefault(li.target_id, []).append(
                    f"identifier {q.raw.strip()} = listed {li.describe()}")
        hits = {}
        for target_id, notes in agreed.items():
            target = self._target(target_id)
            if name.strip():
                c = match.explain(name, target["primary_name"],
                                  SCHEMA_OF_TYPE.get(target["type"], "LegalEntity"))
                notes = [*notes, f"name against the primary name {c.score:.2f}: {c.text}"]
            hits[target_id] = ScreenHit(
                jurisdiction=self.jurisdiction.get(target["list_id"], "?"),
                list_id=target["list_id"], source_ref=target["source_ref"], target_id=target_id,
                source_file_id=target["source_file_id"], primary_name=target["primary_name"],
                matched_name=target["primary_name"], name_kind="identifier", name_quality="strong",
                target_type=target["type"], score=1.0, status=HIT,
                explanation="; ".join(dict.fromkeys(notes)), programmes=target["programmes"],
                listed_on=target["listed_on"])
        return hits

    def _facts(self, target_id: int) -> evidence.TargetFacts:
        """Birth dates, nationalities and identifiers of a target, read once."""
        target = self._target(target_id)
        if "facts" not in target:
            dates = self.db.execute(
                "SELECT date_from, date_to, precision FROM target_dates WHERE target_id = ? "
                "AND kind = 'birth'", [target_id]).fetchall()
            nats = frozenset(r[0].upper() for r in self.db.execute(
                "SELECT code FROM target_countries WHERE target_id = ? AND code IS NOT NULL "
                "AND kind IN ('nationality', 'citizenship')", [target_id]).fetchall())
            ids = identifiers.listed_ids(self.db, [target_id])[target_id]
            target["facts"] = evidence.TargetFacts(dates, nats, ids)
        return target["facts"]

    def _target(self, target_id: int) -> dict[str, Any]:
        cached = self._targets.get(target_id)
        if cached is not None:
            return cached
        row = list(dbs.query(
            self.db, "SELECT id, list_id, source_ref, source_file_id, type, primary_name, programmes, "
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


AMBIGUOUS = "ambiguous:"


def only_ambiguous(hit: ScreenHit, threshold: float) -> bool:
    """A review that is a hit but for the name fitting several listed persons: what else is
    known about the mention (its context) may tell which one it is."""
    return hit.status == REVIEW and AMBIGUOUS in hit.explanation and hit.score >= threshold


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
    note = f"{AMBIGUOUS} the name fits {len(people)} different listed persons ({'; '.join(people[:4])})"
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


def _say_weighed(hit: ScreenHit, weighed: evidence.Weighing) -> None:
    """The evidence's notes, and its decision where it makes one (an identifier agrees: a hit
    even on a weak alias; an IMO number differs: review)."""
    if weighed.notes:
        hit.explanation = "; ".join(n for n in (hit.explanation, *weighed.notes) if n)
    if weighed.status:
        hit.status = weighed.status


def _with_identifier_hits(hits: list[ScreenHit], id_hits: dict[int, ScreenHit]) -> list[ScreenHit]:
    """Targets carrying one of the query's identifiers are hits whatever their names, beyond
    the per-list limit; a name hit on the same target that the identifier already made a hit
    (it says both) is kept."""
    out = [h if h.target_id not in id_hits or h.status == HIT else id_hits[h.target_id]
           for h in hits]
    shown = {h.target_id for h in out}
    out += [h for t, h in id_hits.items() if t not in shown]
    return sorted(out, key=lambda h: (h.jurisdiction, h.list_id, -_rank(h)[0], -h.score))


def _versions_key(files: Sequence[dict[str, Any]]) -> str:
    text = "|".join(f"{f['id']}:{f['sha256']}" for f in files)
    versions = f"{INDEX_VERSION}/{names.NORMALISE_VERSION}/{match.__name__}"
    return hashlib.sha256(f"{versions}/{text}".encode()).hexdigest()[:20]


def _build(db: sqlite3.Connection | sqlite_utils.Database,
           files: Sequence[dict[str, Any]]) -> match.NameIndex:
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


class AuditNotRecorded(RuntimeError):
    """The database is read-only: the screening stands, but no audit entry was written."""


def record_screening(db: sqlite3.Connection | sqlite_utils.Database, kind: str,
                     results: Sequence[ScreenResult],
                     query: dict[str, Any], threshold: float) -> int:
    """Write one audit entry: the query, the list versions used and what was found.
    Raises AuditNotRecorded when the database cannot be written to."""
    files = results[0].source_files if results else store.current_files(db)
    at = results[0].screened_at if len(results) == 1 else store.now_iso()
    payload = [{"name": r.query.name, "hit": r.is_hit, "verdict": r.verdict,
                "hits": [{"list_id": h.list_id, "source_ref": h.source_ref, "score": h.score,
                          "status": h.status, "matched_name": h.matched_name}
                         for h in r.hits]} for r in results]
    conn = dbs.raw(db)
    try:
        cur = conn.execute(
            "INSERT INTO screenings (kind, query, created_at, threshold, source_files, hits, "
            "results) VALUES (?,?,?,?,?,?,?)",
            [kind, json.dumps(query, ensure_ascii=False), at, threshold,
             json.dumps(files, default=str), sum(1 for r in results if r.is_hit),
             json.dumps(payload, ensure_ascii=False)])
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY" or "readonly" in str(exc):
            raise AuditNotRecorded("the database is read-only: this screening was not "
                                   "written to the audit log") from exc
        raise
    return cur.lastrowid
