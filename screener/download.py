"""Downloading the official lists: streaming, retries, conditional GET, and an atomic swap.

Publishers filter on the User-Agent, answer with bursts of 5xx (the EU) and redirect to
short-lived URLs (OFAC), so a download retries with backoff, follows redirects, streams to
a temporary file with its sha256, checks that it received every byte, and only then hands
the file to the loader. A failed download leaves the last good version current.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import sqlite_utils

from screener import store
from screener.model import SourceFormatError
from screener.registry import Source

USER_AGENT = ("Mozilla/5.0 (compatible; screener/0.1; sanctions cross-reference tool; "
              "+https://example.org/screener)")
CHUNK = 1 << 16
RETRY_STATUS = {429, 500, 502, 503, 504}
BACKOFF_SECONDS = 2.0  # first wait between attempts; doubles each time
CONNECT_TIMEOUT = 10.0  # a publisher that answers at all connects well within this


class DownloadError(RuntimeError):
    """A list could not be downloaded; the message is one line for the user."""


@dataclass
class Download:
    path: Path | None
    url: str
    final_url: str
    sha256: str | None
    bytes: int
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


@dataclass
class UpdateOutcome:
    list_id: str
    status: str  # loaded | unchanged | not modified | failed
    message: str
    result: store.LoadResult | None = None


def make_client(timeout: float = 60.0, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        follow_redirects=True,
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
        transport=transport,
    )


def fetch(source: Source, dest_dir: Path, *, client: httpx.Client, previous: dict[str, Any] | None = None,
          retries: int | None = None, backoff: float | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Download:
    """Download `source.url` into dest_dir; raises DownloadError with a one-line reason."""
    if not source.url:
        raise DownloadError(f"{source.list_id} cannot be downloaded (historical list): "
                            f"use `screener lists import {source.list_id} PATH`")
    host = urlparse(source.url).hostname or source.url
    attempts = max(1, retries if retries is not None else source.retries)
    headers = {}
    if previous:
        if previous.get("etag"):
            headers["If-None-Match"] = previous["etag"]
        if previous.get("last_modified"):
            headers["If-Modified-Since"] = previous["last_modified"]
    backoff = BACKOFF_SECONDS if backoff is None else backoff
    last_error = "no attempt made"
    for attempt in range(1, attempts + 1):
        try:
            return _fetch_once(source, dest_dir, client, headers)
        except _Retryable as exc:
            last_error = str(exc)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            # No DNS, connection refused, no route, or nobody answering: retrying only makes
            # an offline user wait, so fail at once and say how to work without the network.
            reason = " ".join(str(exc).split()) or exc.__class__.__name__
            raise DownloadError(
                f"{source.list_id}: cannot connect to {host} ({reason}); offline? download "
                f"{source.url} elsewhere and load it with `screener lists import "
                f"{source.list_id} PATH`") from None
        except httpx.TimeoutException:
            last_error = "timed out"
        except httpx.TransportError as exc:
            last_error = f"connection failed ({exc.__class__.__name__})"
        if attempt < attempts:
            sleep(backoff * (2 ** (attempt - 1)))
    raise DownloadError(f"{source.list_id}: {last_error} from {host} after {attempts} attempts")


class _Retryable(Exception):
    pass


def _fetch_once(source: Source, dest_dir: Path, client: httpx.Client,
                headers: dict[str, str]) -> Download:
    dest_dir.mkdir(parents=True, exist_ok=True)
    host = urlparse(source.url).hostname or source.url
    with client.stream("GET", source.url, headers=headers) as response:
        if response.status_code == 304:
            return Download(None, source.url, str(response.url), None, 0,
                            response.headers.get("etag"), response.headers.get("last-modified"),
                            not_modified=True)
        if response.status_code in RETRY_STATUS:
            raise _Retryable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise DownloadError(f"{source.list_id}: HTTP {response.status_code} from {host}")
        expected = response.headers.get("content-length")
        digest = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=dest_dir, prefix=f".{source.list_id}-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in response.iter_bytes(CHUNK):
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            if expected is not None and expected.isdigit() and int(expected) != size \
                    and not response.headers.get("content-encoding"):
                raise _Retryable(f"truncated transfer ({size} of {expected} bytes)")
            if size == 0:
                raise _Retryable("empty response")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Download(Path(tmp), source.url, str(response.url), digest.hexdigest(), size,
                        response.headers.get("etag"), response.headers.get("last-modified"))


def update_lists(db: sqlite_utils.Database, sources: dict[str, Source], list_ids: list[str] | None,
                 *, cache_dir: Path, force: bool = False, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> list[UpdateOutcome]:
    """Download and load each list; one failure does not stop the others."""
    from screener.registry import get_source

    wanted = [get_source(i, sources) for i in list_ids] if list_ids else [
        s for s in sources.values() if s.default and s.url]
    own_client = client is None
    client = client or make_client()
    outcomes = []
    try:
        for source in wanted:
            outcomes.append(_update_one(db, source, cache_dir, force, client, sleep))
    finally:
        if own_client:
            client.close()
    return outcomes


def _update_one(db: sqlite_utils.Database, source: Source, cache_dir: Path, force: bool,
                client: httpx.Client, sleep: Callable[[float], None]) -> UpdateOutcome:
    previous = store.current_file(db, source.list_id)
    kept = "kept the current version" if previous else "nothing loaded"
    if previous and (force or previous["parser_version"] != store.PARSER_VERSION):
        previous = None  # no conditional GET: the file must be read again
    try:
        download = fetch(source, cache_dir / "downloads", client=client, previous=previous, sleep=sleep)
    except DownloadError as exc:
        return UpdateOutcome(source.list_id, "failed", f"{exc}; {kept}")
    if download.not_modified:
        return UpdateOutcome(source.list_id, "not modified", f"{source.list_id}: not modified since "
                             f"the current version")
    assert download.path is not None
    suffix = "zip" if source.url.lower().endswith(".zip") else source.format.rsplit("_", 1)[-1]
    final = cache_dir / "downloads" / f"{source.list_id}.{suffix}"
    try:
        result = store.import_file(db, source, download.path, url=source.url, force=force,
                                   etag=download.etag, last_modified=download.last_modified)
    except store.LoadRefused as exc:  # its message says what was kept and how to override
        download.path.unlink(missing_ok=True)
        return UpdateOutcome(source.list_id, "failed", str(exc))
    except SourceFormatError as exc:
        download.path.unlink(missing_ok=True)
        return UpdateOutcome(source.list_id, "failed", f"{exc}; {kept}")
    os.replace(download.path, final)  # keep the last good download beside the database
    if result.status == "loaded":
        db.conn.execute("UPDATE source_files SET path = ? WHERE id = ?",
                        [str(final), result.source_file_id])
    if result.status == "unchanged":
        return UpdateOutcome(source.list_id, "unchanged", f"{source.list_id}: unchanged "
                             f"({result.record_count} records)", result)
    notes = "".join(f"\n{source.list_id}: note: {note}" for note in result.notes or [])
    return UpdateOutcome(source.list_id, "loaded", f"{source.list_id}: loaded {result.record_count} "
                         f"records, published {result.publication_date or 'unknown'}{notes}", result)
