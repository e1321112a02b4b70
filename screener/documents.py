"""Documents in, actors out: reading text files and storing who they name, with evidence.

Re-ingesting an unchanged file changes nothing; a changed file replaces its text, and the
entities are regrouped over the whole corpus (a name in one document can resolve a short
form in another), after which the researcher's stored corrections are replayed. Entities
keep their ids through the regrouping, so their matches and review decisions stay theirs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from screener import entities, extract, reader, store
from screener.gazetteer import Gazetteer

TEXT_SUFFIXES = reader.SUFFIXES
MAX_DOCUMENT_BYTES = reader.MAX_DOCUMENT_BYTES


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, stored path)
    entities: int = 0
    mentions: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed)


def expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


def read_text(path: Path) -> str:
    """The file's text (see screener.reader); a clear error for unreadable files."""
    return reader.read_document(path).text


def extract_document(text: str, gazetteer: Gazetteer | None) -> list[extract.Mention]:
    return extract.extract_mentions(text, gazetteer)


def ingest(db: sqlite_utils.Database, paths: list[Path], gazetteer: Gazetteer | None = None,
           force: bool = False) -> IngestReport:
    report = IngestReport()
    files = expand(paths)
    if not files:
        raise ValueError("no text documents found at " + ", ".join(str(p) for p in paths))
    texts: dict[str, tuple[str, str, str]] = {}
    meta: dict[str, reader.Document] = {}
    for path in files:
        try:
            doc = reader.read_document(path)
        except ValueError as exc:
            report.skipped.append((str(path), str(exc)))
            continue
        text = doc.text
        meta[str(path)] = doc
        texts[str(path)] = (text, hashlib.sha256(text.encode("utf-8")).hexdigest(),
                            str(path.resolve()))
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for path, (text, digest, real) in texts.items():
            # One file is one document however it is named (relative, absolute, from another
            # directory), and the same text under another name is that document again.
            row = conn.execute("SELECT id, sha256 FROM documents WHERE realpath = ? OR "
                               "(realpath IS NULL AND path = ?)", [real, path]).fetchone()
            if row and row[1] == digest:
                report.unchanged.append(path)
                continue
            same = None if row else conn.execute(
                "SELECT path FROM documents WHERE sha256 = ? LIMIT 1", [digest]).fetchone()
            if same:
                report.unchanged.append(path)
                report.duplicates.append((path, same[0]))
                continue
            if row:
                conn.execute("UPDATE documents SET sha256 = ?, chars = ?, ingested_at = ?, text = ?, "
                             "realpath = ? WHERE id = ?",
                             [digest, len(text), store.now_iso(), text, real, row[0]])
                report.changed.append(path)
                doc_id = row[0]
            else:
                taken = conn.execute("SELECT 1 FROM documents WHERE path = ?", [path]).fetchone()
                doc_id = conn.execute("INSERT INTO documents (path, sha256, chars, ingested_at, text, "
                                      "realpath) VALUES (?,?,?,?,?,?)",
                                      [real if taken else path, digest, len(text), store.now_iso(),
                                       text, real]).lastrowid
                report.added.append(path)
            conn.execute("UPDATE documents SET title = ?, published = ? WHERE id = ?",
                         [meta[path].title, meta[path].published, doc_id])
        if report.touched or force:
            rebuild(db, gazetteer)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    report.entities = conn.execute("SELECT COUNT(*) FROM entities WHERE deleted = 0").fetchone()[0]
    report.mentions = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    return report


def rebuild(db: sqlite_utils.Database, gazetteer: Gazetteer | None) -> None:
    """Re-extract every stored document and regroup entities (inside a transaction)."""
    found: list[tuple[int, extract.Mention]] = []
    for doc_id, text in db.execute("SELECT id, text FROM documents ORDER BY path").fetchall():
        found.extend((doc_id, m) for m in extract_document(text, gazetteer))
    entities.write(db, entities.group(found))
    entities.apply_curations(db)
