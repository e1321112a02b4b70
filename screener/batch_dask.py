"""Screening a batch's queries on a Dask cluster (`screener batch --scheduler`).

Only the screening moves: the machine running `screener batch` still reads the input, keeps
the cache of distinct names, writes the output and the audit, so output and audit are the
same as a local run's. Each worker loads the name index once, through a worker plugin, from
its own copy of the database (the same list versions, checked by their hashes).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from screener.batch import BatchInputError, split_parts
from screener.screen import Query, ScreenResult

PLUGIN = "screener-index"


class LoadIndex(WorkerPlugin):
    """Opens the database and loads the name index once per worker process."""

    name = PLUGIN

    def __init__(self, db_path: str, cache_dir: str | None, files: list[dict[str, Any]]) -> None:
        self.db_path = db_path
        self.cache_dir = cache_dir
        self.files = files
        self.screener: Any = None
        self.loads = 0  # index loads on this worker: one, however many tasks

    def setup(self, worker: Any) -> None:
        from screener import db as database
        from screener.screen import Screener

        path = Path(self.db_path)
        if not path.is_file():
            raise FileNotFoundError(f"worker {worker.address}: no database at {path}")
        conn = database.connect(path)
        wanted = {f["id"]: f["sha256"] for f in self.files}
        marks = ",".join("?" * len(wanted))
        have = dict(conn.execute(f"SELECT id, sha256 FROM source_files WHERE id IN ({marks})",
                                 list(wanted)).fetchall())
        if have != wanted:
            raise ValueError(f"worker {worker.address}: {path} does not hold the list "
                             "versions this batch uses; give it a copy of the database")
        self.screener = Screener.open(conn, Path(self.cache_dir) if self.cache_dir else None,
                                      file_ids=list(wanted))
        self.loads += 1
        self._by_thread = {threading.get_ident(): self.screener}

    def screener_here(self) -> Any:
        """The loaded screener with a database connection of the calling thread's own
        (SQLite connections stay in their thread; the index itself is shared)."""
        thread = threading.get_ident()
        found = self._by_thread.get(thread)
        if found is None:
            from screener import db as database

            found = copy.copy(self.screener)
            found.db = database.connect(Path(self.db_path))
            self._by_thread[thread] = found
        return found


def _screen_on_worker(queries: Sequence[Query], threshold: float | None) -> list[ScreenResult]:
    screener = get_worker().plugins[PLUGIN].screener_here()
    return [screener.screen(q, threshold=threshold) for q in queries]


class DaskExecutor:
    """Sends parts of each chunk's distinct queries to the cluster and gathers them in order."""

    def __init__(self, scheduler: str, db_path: Path, cache_dir: Path | None,
                 files: list[dict[str, Any]], threshold: float | None, workers: int = 0) -> None:
        self.threshold = threshold
        self._cluster: Any = None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1,
                                             processes=True, dashboard_address=None,
                                             silence_logs=40)
                self.client = Client(self._cluster)
            else:
                self.client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise BatchInputError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        try:
            self.client.register_plugin(
                LoadIndex(str(Path(db_path).resolve()),
                          str(cache_dir.resolve()) if cache_dir else None, files),
                name=PLUGIN)
        except Exception as exc:
            self.close()
            raise BatchInputError(f"a Dask worker cannot load the lists: {exc}") from exc

    def submit(self, queries: list[Query]) -> Callable[[Callable[[int], None]], list[ScreenResult]]:
        parts = split_parts(queries, self.workers)
        futures = self.client.map(_screen_on_worker, parts, threshold=self.threshold, pure=False)
        sizes = {f.key: len(p) for f, p in zip(futures, parts, strict=True)}

        def collect(done: Callable[[int], None]) -> list[ScreenResult]:
            for future in as_completed(futures):
                try:
                    future.result()
                except Exception as exc:  # a worker's error, raised here: one line, exit 2
                    raise RuntimeError(f"a Dask worker failed: {exc!r}") from exc
                done(sizes[future.key])
            results: list[ScreenResult] = []
            for part in self.client.gather(futures):
                results.extend(part)
            return results
        return collect

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
