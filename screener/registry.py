"""The registry of list sources (lists/sources.toml): URL, format and jurisdiction per list."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from screener import config

JURISDICTIONS = ("US", "UK", "EU", "AU")


@dataclass(frozen=True)
class Source:
    list_id: str
    jurisdiction: str
    title: str
    publisher: str
    url: str
    format: str
    accepts: list[str] = field(default_factory=list)
    default: bool = True
    retries: int = 3
    # A closed list whose successor, once loaded, is the jurisdiction's word (OFSI -> FCDO):
    # reports count it only while the successor is not loaded.
    superseded_by: str | None = None


class UnknownListError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def load_sources(path: Path | None = None) -> dict[str, Source]:
    path = path or config.sources_path()
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    sources = {}
    for list_id, entry in data.items():
        sources[list_id] = Source(
            list_id=list_id,
            jurisdiction=entry["jurisdiction"],
            title=entry.get("title", list_id),
            publisher=entry.get("publisher", ""),
            url=entry.get("url", ""),
            format=entry["format"],
            accepts=list(entry.get("accepts", [entry["format"]])),
            default=bool(entry.get("default", True)),
            retries=int(entry.get("retries", 3)),
            superseded_by=entry.get("superseded_by"),
        )
    return sources


def get_source(list_id: str, sources: dict[str, Source] | None = None) -> Source:
    sources = sources if sources is not None else load_sources()
    try:
        return sources[list_id]
    except KeyError:
        known = ", ".join(sources)
        raise UnknownListError(f"unknown list {list_id!r} (known lists: {known})") from None
