"""Where screener keeps its database, caches and source registry."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def home() -> Path:
    """$SCREENER_HOME, defaulting to ~/.local/share/screener."""
    configured = os.environ.get("SCREENER_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".local/share/screener"


def db_path(override: str | Path | None = None) -> Path:
    return Path(override).expanduser() if override else home() / "screener.db"


def cache_dir(db: Path) -> Path:
    """Downloads and the match index live beside the database they belong to."""
    return db.parent / "cache"


def sources_path() -> Path:
    """The list source registry: $SCREENER_SOURCES or the project's lists/sources.toml."""
    configured = os.environ.get("SCREENER_SOURCES")
    return Path(configured) if configured else PROJECT_ROOT / "lists" / "sources.toml"
