"""Any failure as one line a user can act on: the command line never shows a traceback.

Known failures (a bad file, a refused load) carry their own message; the rest (a full disk,
a read-only or busy database, a bug) are named here, and SCREENER_DEBUG=1 shows the traceback.
"""

from __future__ import annotations

import os
import sqlite3

DEBUG_VARIABLE = "SCREENER_DEBUG"

_SQLITE_MESSAGES = {
    "SQLITE_FULL": "the disk is full (SQLite: database or disk is full); the change under way "
                   "was rolled back, nothing stored is lost: free some space and run it again",
    "SQLITE_READONLY": "the database is read-only; this command needs to write to it (only "
                       "`screen` works on a read-only database)",
    "SQLITE_BUSY": "the database is busy: another screener is writing to it; try again",
    "SQLITE_IOERR": "the disk failed while reading or writing the database (SQLite: disk I/O "
                    "error); check the disk, nothing was committed half-way",
    "SQLITE_CANTOPEN": "the database file cannot be opened (check the path and its permissions)",
    "SQLITE_CORRUPT": "the database file is damaged; restore it from a backup",
}


def not_a_file(path: os.PathLike[str] | str) -> str:
    """Why a path the user named cannot be read as a file: a directory is not "missing"."""
    return f"{path}: a directory, not a file" if os.path.isdir(path) else f"{path}: no such file"


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def describe(exc: BaseException) -> str:
    """One line for the user about an exception nothing else handled."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorname", "") or ""
        for prefix, message in _SQLITE_MESSAGES.items():
            if code.startswith(prefix):
                return message
        text = str(exc)
        if "database or disk is full" in text:
            return _SQLITE_MESSAGES["SQLITE_FULL"]
        if "readonly database" in text:
            return _SQLITE_MESSAGES["SQLITE_READONLY"]
        return f"database error: {text}"
    if isinstance(exc, MemoryError):
        return "out of memory"
    text = " ".join(str(exc).split()) or "no details"
    return (f"unexpected {exc.__class__.__name__}: {text} (a bug: please report it; "
            f"{DEBUG_VARIABLE}=1 shows the traceback)")
