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
