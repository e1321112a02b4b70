"""Shared fixtures. Real list snapshots live in ../shared/lists and are never committed;
tests that need them skip cleanly where they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCREENER_SHARED", PROJECT.parent / "shared"))
SHARED_LISTS = SHARED / "lists"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(relative: str) -> Path:
    """Path of a real snapshot under ../shared/lists, or skip the test."""
    path = SHARED_LISTS / relative
    if not path.exists():
        pytest.skip(f"real snapshot {relative} not available (../shared/lists absent)")
    return path


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty SCREENER_HOME for one test."""
    monkeypatch.setenv("SCREENER_HOME", str(tmp_path))
    return tmp_path


AU_FILE = "au/Australian_Sanctions_Consolidated_List.xlsx"


@pytest.fixture(scope="session")
def au_db_path(tmp_path_factory) -> Path:
    """A database with the real AU snapshot loaded and the seed documents ingested, built
    once per test session (tests copy it before writing to it)."""
    from screener import db, documents, gazetteer, registry, store

    source = SHARED_LISTS / AU_FILE
    if not source.exists():
        pytest.skip("real AU snapshot not available (../shared/lists absent)")
    path = tmp_path_factory.mktemp("au") / "screener.db"
    database = db.connect(path)
    store.import_file(database, registry.get_source("au_dfat"), source)
    names = gazetteer.load(database, path.parent / "cache")
    documents.ingest(database, [PROJECT / "seeds"], names)
    database.conn.close()
    return path


@pytest.fixture
def au_db(au_db_path, tmp_path):
    """A private copy of the AU database for one test."""
    import shutil

    from screener import db

    copy = tmp_path / "screener.db"
    shutil.copy(au_db_path, copy)
    if (au_db_path.parent / "cache").exists():
        shutil.copytree(au_db_path.parent / "cache", tmp_path / "cache")
    return db.connect(copy)


@pytest.fixture
def au_path(au_db, tmp_path):
    """The path of a private AU database copy, closed so the CLI can open it."""
    au_db.conn.close()
    return tmp_path / "screener.db"


@pytest.fixture(scope="session")
def recogniser():
    """spaCy's English pipeline, loaded once per test session (screener.ner caches it per
    process); a dependency, so never skipped."""
    from screener import ner

    return ner.pipeline()
