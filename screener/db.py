"""The local SQLite database: schema, migrations and safe opening.

One file holds the lists (every loaded version), the documents and their entities, the
matches with their review decisions, and the audit log of screenings. WAL mode lets a
screening read the current lists while `lists update` writes a new version.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 3


class DatabaseError(RuntimeError):
    """The database cannot be used (not SQLite, newer schema, locked)."""


SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS source_files (
    id INTEGER PRIMARY KEY,
    list_id TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT,
    path TEXT,
    fetched_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    publication_date TEXT,
    declared_count INTEGER,
    record_count INTEGER NOT NULL,
    name_count INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    parser_version TEXT,
    notes TEXT,
    is_current INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS source_files_list ON source_files(list_id, is_current);

CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    source_file_id INTEGER NOT NULL REFERENCES source_files(id),
    list_id TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    type TEXT NOT NULL,
    primary_name TEXT NOT NULL,
    programmes TEXT NOT NULL DEFAULT '[]',
    listed_on TEXT,
    remarks TEXT,
    raw TEXT
);
CREATE INDEX IF NOT EXISTS targets_file ON targets(source_file_id);
CREATE INDEX IF NOT EXISTS targets_ref ON targets(list_id, source_ref);

CREATE TABLE IF NOT EXISTS target_names (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id),
    full_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    quality TEXT NOT NULL,
    script TEXT,
    lang TEXT,
    parts TEXT,
    norm TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS target_names_target ON target_names(target_id);

CREATE TABLE IF NOT EXISTS target_dates (
    target_id INTEGER NOT NULL REFERENCES targets(id),
    kind TEXT NOT NULL,
    raw TEXT,
    date_from TEXT,
    date_to TEXT,
    precision TEXT,
    approximate INTEGER NOT NULL DEFAULT 0,
    calendar TEXT,
    place TEXT,
    country TEXT
);
CREATE INDEX IF NOT EXISTS target_dates_target ON target_dates(target_id);

CREATE TABLE IF NOT EXISTS target_countries (
    target_id INTEGER NOT NULL REFERENCES targets(id),
    kind TEXT NOT NULL,
    code TEXT,
    raw TEXT
);
CREATE INDEX IF NOT EXISTS target_countries_target ON target_countries(target_id);

CREATE TABLE IF NOT EXISTS target_ids (
    target_id INTEGER NOT NULL REFERENCES targets(id),
    id_type TEXT NOT NULL,
    value TEXT NOT NULL,
    country TEXT,
    note TEXT
);
CREATE INDEX IF NOT EXISTS target_ids_target ON target_ids(target_id);

CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    chars INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    curated INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);

CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    method TEXT
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);

CREATE TABLE IF NOT EXISTS curations (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS matches (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    list_id TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    target_id INTEGER REFERENCES targets(id),
    source_file_id INTEGER REFERENCES source_files(id),
    matched_name TEXT,
    name_kind TEXT,
    score REAL NOT NULL,
    status TEXT NOT NULL,
    explanation TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS matches_entity ON matches(entity_id);

CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    entity_name TEXT NOT NULL,
    list_id TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('pending', 'confirmed', 'rejected')),
    note TEXT,
    decided_at TEXT NOT NULL,
    UNIQUE (entity_name, list_id, source_ref)
);

CREATE TABLE IF NOT EXISTS screenings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL,
    threshold REAL,
    source_files TEXT NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    results TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS screenings_created ON screenings(created_at);
"""

# Version 2 (issue #10): entities keep their id across re-ingests (matched back by the name
# extraction gave them), a merge keeps the merged row and points it at the survivor, and
# review decisions go to an append-only log keyed by entity id and list target. The old
# name-keyed `reviews` table is copied into the log and left in place (nothing is lost).
# Documents also record their resolved path, so one file given two ways is one document.
SCHEMA_V2 = """
ALTER TABLE entities ADD COLUMN extracted_name TEXT;
ALTER TABLE entities ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted';
ALTER TABLE entities ADD COLUMN merged_into INTEGER REFERENCES entities(id);
ALTER TABLE entities ADD COLUMN match_signature TEXT;
UPDATE entities SET extracted_name = name;
UPDATE entities SET origin = 'added' WHERE curated = 1 AND id NOT IN
    (SELECT DISTINCT entity_id FROM mentions);
ALTER TABLE documents ADD COLUMN realpath TEXT;
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);

CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    entity_name TEXT NOT NULL,
    list_id TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('pending', 'confirmed', 'rejected')),
    note TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_pair ON decisions(entity_id, list_id, source_ref);
INSERT INTO decisions (entity_id, entity_name, list_id, source_ref, decision, note, decided_by,
                       decided_at)
    SELECT (SELECT MIN(e.id) FROM entities e WHERE e.name = r.entity_name), r.entity_name,
           r.list_id, r.source_ref, r.decision, r.note, 'unknown (before v2)', r.decided_at
    FROM reviews r WHERE EXISTS (SELECT 1 FROM entities e WHERE e.name = r.entity_name)
    ORDER BY r.decided_at
"""

# 3: a document's title and publication date, as the reader found them (issue 14).
SCHEMA_V3 = """
ALTER TABLE documents ADD COLUMN title TEXT;
ALTER TABLE documents ADD COLUMN published TEXT
"""

MIGRATIONS = {1: SCHEMA_V1, 2: SCHEMA_V2, 3: SCHEMA_V3}


def connect(path: Path) -> sqlite_utils.Database:
    """The database at `path` (see `open_connection`) wrapped by sqlite-utils, for the
    commands that write tables; imported here because it costs ~0.2 s of start-up."""
    import sqlite_utils

    return sqlite_utils.Database(open_connection(path))


def raw(handle: sqlite3.Connection | sqlite_utils.Database) -> sqlite3.Connection:
    """The sqlite3 connection behind either handle: screening reads through plain sqlite3,
    the other commands through sqlite-utils."""
    return handle if isinstance(handle, sqlite3.Connection) else handle.conn


def query(handle: sqlite3.Connection | sqlite_utils.Database, sql: str,
          params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    """Rows of a SELECT as dictionaries, like sqlite-utils' `query`, over either handle."""
    cursor = raw(handle).execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return (dict(zip(keys, row, strict=True)) for row in cursor)


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database at `path`. A database the user
    may not write to (a shared copy, a read-only mount) is opened read-only: screening works,
    writing commands fail with a clear message. Plain sqlite3, so `screener screen` starts fast."""
    path = Path(path)
    read_only = path.exists() and not _writable(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    # The file is only ever opened through SQLite: opening and closing it with Python would
    # drop this process's POSIX locks on it and let another process checkpoint under a reader.
    try:
        conn = _open_read_only(path) if read_only else _open(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise DatabaseError(f"{path} is not a screener database (not an SQLite file); "
                                "move it away or pass another --db") from exc
        raise DatabaseError(f"{path}: cannot open database ({exc})") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(f"{path} has schema version {version}, newer than this screener "
                            f"understands ({SCHEMA_VERSION}); upgrade screener")
    if version < SCHEMA_VERSION:
        try:
            _migrate(conn, version)
        except sqlite3.Error as exc:
            conn.close()
            raise DatabaseError(f"{path}: cannot upgrade the database from schema {version} to "
                                f"{SCHEMA_VERSION} ({exc}); open it once with write access "
                                "(nothing was changed)") from exc
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        # A WAL database in a read-only directory without its -shm file can only be read as
        # immutable: nobody can be writing to it there.
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: the write lock is taken up front (BEGIN IMMEDIATE), so a concurrent
    writer waits instead of failing half-way, and any error, Ctrl-C included, rolls back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    with write_transaction(conn):
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step}")
