"""Loading parsed lists into the database, one atomic version at a time.

A new version of a list is written in one transaction and made current in the same
transaction, so readers see either the old list or the new one, never half of either.
Every earlier version stays in the database for history and diffs.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener import db as dbs
from screener.errors import not_a_file
from screener.freshness import freshness
from screener.model import ParsedList, SourceFormatError
from screener.names import normalise
from screener.registry import Source

if TYPE_CHECKING:
    import sqlite_utils

# Raised when a parser reads the same file differently: a re-import then reloads it.
PARSER_VERSION = "4"
MAX_DROP = 0.20  # a new version losing more than this share of records is refused without --force


class LoadRefused(RuntimeError):
    """The file parsed, but loading it would replace a good list with a suspicious one."""


@dataclass
class LoadResult:
    list_id: str
    source_file_id: int
    status: str  # loaded | unchanged
    record_count: int
    name_count: int
    publication_date: str | None
    previous_count: int | None = None
    notes: list[str] | None = None


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def current_file(db: sqlite3.Connection | sqlite_utils.Database,
                 list_id: str) -> dict[str, Any] | None:
    rows = list(dbs.query(db, "SELECT * FROM source_files WHERE list_id = ? AND is_current = 1 "
                          "ORDER BY id DESC LIMIT 1", [list_id]))
    return rows[0] if rows else None


def current_files(db: sqlite3.Connection | sqlite_utils.Database) -> list[dict[str, Any]]:
    """The list versions in use: what every screening records in its audit entry."""
    return list(dbs.query(db, "SELECT id, list_id, sha256, publication_date, fetched_at, "
                          "record_count FROM source_files WHERE is_current = 1 ORDER BY list_id"))


def _other_list_hint(path: Path, source: Source) -> str:
    """Another list's file under this list's id (the UN's consolidated.xml given to eu_fsf):
    say whose it is rather than only that it is not recognised."""
    from screener import sources as parsers
    from screener.registry import load_sources

    try:
        fmt = parsers.detect_format(path)
    except SourceFormatError:
        return ""
    others = [s.list_id for s in load_sources().values()
              if fmt in s.accepts and s.list_id != source.list_id]
    return f"; it is in the {fmt} format, for {' or '.join(others)}" if others else ""


def import_file(db: sqlite_utils.Database, source: Source, path: Path, *, url: str | None = None,
                force: bool = False, etag: str | None = None,
                last_modified: str | None = None) -> LoadResult:
    """Recognise, parse and load one list file; the current version is untouched on any error."""
    path = Path(path)
    if not path.is_file():
        raise SourceFormatError(not_a_file(path))
    sha256, size = file_digest(path)
    current = current_file(db, source.list_id)
    if current and current["sha256"] == sha256 and current["parser_version"] == PARSER_VERSION:
        return LoadResult(source.list_id, current["id"], "unchanged", current["record_count"],
                          current["name_count"], current["publication_date"])
    from screener import sources as parsers  # only loading needs the parsers, not screening

    try:
        fmt = parsers.detect_format(path, source.accepts)
    except SourceFormatError as exc:
        raise SourceFormatError(f"{exc}{_other_list_hint(path, source)}") from None
    parsed = parsers.parse_file(path, fmt)
    if current is None and not force:
        reason = successor_shortfall(db, source.list_id, len(parsed.targets))
        if reason:
            raise LoadRefused(f"{source.list_id}: {reason}; nothing loaded (use --force to "
                              "load it anyway)")
    return load_parsed(db, source.list_id, parsed, path=str(path), url=url, sha256=sha256,
                       size=size, force=force, etag=etag, last_modified=last_modified)


def load_parsed(db: sqlite_utils.Database, list_id: str, parsed: ParsedList, *, path: str | None,
                url: str | None, sha256: str, size: int, force: bool = False,
                etag: str | None = None, last_modified: str | None = None) -> LoadResult:
    if not parsed.targets:
        raise LoadRefused(f"{list_id}: the file holds no records; nothing loaded")
    current = current_file(db, list_id)
    previous = current["record_count"] if current else None
    count = len(parsed.targets)
    if current and not force:
        reason = downgrade_reason(current, parsed)
        if reason:
            raise LoadRefused(f"{list_id}: {reason}; kept the current version "
                              "(use --force to load it anyway)")
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        file_id = _write_version(conn, list_id, parsed, path=path, url=url, sha256=sha256,
                                 size=size, etag=etag, last_modified=last_modified)
        conn.execute("UPDATE source_files SET is_current = 0 WHERE list_id = ? AND id != ?",
                     [list_id, file_id])
        conn.execute("UPDATE source_files SET is_current = 1 WHERE id = ?", [file_id])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    names = conn.execute("SELECT name_count FROM source_files WHERE id = ?", [file_id]).fetchone()[0]
    return LoadResult(list_id, file_id, "loaded", count, names, parsed.publication_date,
                      previous, parsed.notes)


def successor_shortfall(db: sqlite_utils.Database, list_id: str, count: int) -> str | None:
    """Why a first version of `list_id` would shrink its jurisdiction, or None: once loaded,
    it replaces the closed list it supersedes in reports (FCDO for OFSI), so a file with far
    fewer records (a four-record extract) would turn the jurisdiction's "listed" into gaps."""
    from screener.registry import load_sources

    for old in load_sources().values():
        if old.superseded_by != list_id:
            continue
        loaded = current_file(db, old.list_id)
        if loaded and count < loaded["record_count"] * (1 - MAX_DROP):
            return (f"the file has {count:,} records against {loaded['record_count']:,} in "
                    f"{old.list_id}, which reports stop counting once {list_id} is loaded")
    return None


def downgrade_reason(current: dict[str, Any], parsed: ParsedList) -> str | None:
    """Why loading `parsed` over `current` would make the list worse, or None.

    A file older than the current version (by its publisher's date), an undated file over a
    dated one (sdn.csv over SDN.XML), or one with far fewer records or names (a CSV without
    its aliases) is refused: swapping it in would silently hide listed names."""
    new_date, old_date = parsed.publication_date, current["publication_date"]
    if old_date and not new_date:
        return (f"the new file carries no publication date while the current version is "
                f"dated {old_date}")
    if old_date and new_date and new_date[:10] < old_date[:10]:
        return (f"the new file is older (published {new_date[:10]}) than the current version "
                f"(published {old_date[:10]})")
    for what, new, old in (("records", len(parsed.targets), current["record_count"]),
                           ("names", sum(len(t.names) for t in parsed.targets),
                            current["name_count"])):
        if old and new < old * (1 - MAX_DROP):
            return (f"the new file has {new:,} {what} against {old:,} in the current version "
                    f"(a drop of {1 - new / old:.0%})")
    return None


def _write_version(conn: sqlite3.Connection, list_id: str, parsed: ParsedList, *, path: str | None,
                   url: str | None, sha256: str, size: int, etag: str | None,
                   last_modified: str | None) -> int:
    cur = conn.execute(
        "INSERT INTO source_files (list_id, format, url, path, fetched_at, sha256, bytes, "
        "publication_date, declared_count, record_count, name_count, etag, last_modified, "
        "parser_version, notes, is_current) VALUES (?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,0)",
        [list_id, parsed.format, url, path, now_iso(), sha256, size, parsed.publication_date,
         parsed.declared_count, len(parsed.targets), etag, last_modified, PARSER_VERSION,
         json.dumps(parsed.notes) if parsed.notes else None])
    file_id = cur.lastrowid
    next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM targets").fetchone()[0]) + 1
    targets, names, dates, countries, ids = [], [], [], [], []
    for offset, t in enumerate(parsed.targets):
        target_id = next_id + offset
        targets.append((target_id, file_id, list_id, t.source_ref, t.type, t.primary_name,
                        json.dumps(t.programmes, ensure_ascii=False), t.listed_on, t.remarks,
                        json.dumps(t.raw, ensure_ascii=False, default=str) if t.raw else None))
        for n in t.names:
            names.append((target_id, n.full_name, n.kind, n.quality, n.script, n.lang,
                          json.dumps(n.parts, ensure_ascii=False) if n.parts else None,
                          normalise(n.full_name)))
        for d in t.dates:
            dates.append((target_id, d.kind, d.raw, d.date_from, d.date_to, d.precision,
                          int(d.approximate), d.calendar, d.place, d.country))
        for c in t.countries:
            countries.append((target_id, c.kind, c.code, c.raw))
        for i in t.ids:
            ids.append((target_id, i.id_type, i.value, i.country, i.note))
    conn.executemany("INSERT INTO targets (id, source_file_id, list_id, source_ref, type, "
                     "primary_name, programmes, listed_on, remarks, raw) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?)", targets)
    conn.executemany("INSERT INTO target_names (target_id, full_name, kind, quality, script, "
                     "lang, parts, norm) VALUES (?,?,?,?,?,?,?,?)", names)
    conn.executemany("INSERT INTO target_dates (target_id, kind, raw, date_from, date_to, "
                     "precision, approximate, calendar, place, country) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?)", dates)
    conn.executemany("INSERT INTO target_countries (target_id, kind, code, raw) VALUES (?,?,?,?)",
                     countries)
    conn.executemany("INSERT INTO target_ids (target_id, id_type, value, country, note) "
                     "VALUES (?,?,?,?,?)", ids)
    conn.execute("UPDATE source_files SET name_count = ? WHERE id = ?", [len(names), file_id])
    return file_id


def list_status(db: sqlite_utils.Database, sources: dict[str, Source]) -> list[dict[str, Any]]:
    """One row per registered list: what is loaded, from when, how many records and names,
    and whether the version is stale (see screener.freshness)."""
    rows = []
    for list_id, source in sources.items():
        current = current_file(db, list_id)
        versions = db.execute("SELECT COUNT(*) FROM source_files WHERE list_id = ?",
                              [list_id]).fetchone()[0]
        fresh = freshness(f"{source.jurisdiction} ({list_id})",
                          current["publication_date"]) if current else None
        warning = fresh.note if fresh else None
        if current and source.superseded_by and current_file(db, source.superseded_by):
            warning = (f"{source.jurisdiction} ({list_id}) is not counted in reports: "
                       f"{source.superseded_by}, the list that replaced it, is loaded")
        rows.append({
            "list": list_id,
            "jurisdiction": source.jurisdiction,
            "published": current["publication_date"] if current else None,
            "age_days": fresh.age_days if fresh else None,
            "stale": fresh.stale if fresh else None,
            "warning": warning,
            "loaded_at": current["fetched_at"] if current else None,
            "records": current["record_count"] if current else None,
            "names": current["name_count"] if current else None,
            "format": current["format"] if current else None,
            "versions": versions,
            "sha256": current["sha256"] if current else None,
            "source": (current["url"] or current["path"]) if current else None,
        })
    return rows
