"""Where screener keeps its database, caches and source registry."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def home() -> Path:
    """$SCREENER_HOME, defaulting to ~/.local/share/screener."""
    configured = os.environ.get("SCREENER_HOME")
    if not configured:
        return Path.home() / ".local/share/screener"
    return _creatable(Path(configured).expanduser(), "SCREENER_HOME")


def db_path(override: str | Path | None = None) -> Path:
    if not override:
        return home() / "screener.db"
    path = Path(override).expanduser()
    _creatable(path.parent, "--db")
    return path


def _creatable(directory: Path, what: str) -> Path:
    """A data directory may be created, but only inside one that exists: a mistyped path
    must not silently start an empty database somewhere else."""
    if not directory.is_dir() and not directory.parent.is_dir():
        raise ValueError(f"{what} points to {directory}, but {directory.parent} does not exist "
                         "(a typo?); create it first or fix the path")
    return directory


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("screener")
    except PackageNotFoundError:  # run from a source tree without installing
        return "unknown (not installed)"


def cache_dir(db: Path) -> Path:
    """Downloads and the match index live beside the database they belong to."""
    return db.parent / "cache"


def sources_path() -> Path:
    """The list source registry: $SCREENER_SOURCES or the project's lists/sources.toml."""
    configured = os.environ.get("SCREENER_SOURCES")
    return Path(configured) if configured else PROJECT_ROOT / "lists" / "sources.toml"
