"""The `screener` command line: a thin layer over the library functions tests call too."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from screener import config, db, registry, store
from screener.model import SourceFormatError
from screener.output import render

app = typer.Typer(help="Sanctions cross-reference and screening.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
lists_app = typer.Typer(help="Download, import and inspect the sanctions lists.",
                        no_args_is_help=True)
app.add_typer(lists_app, name="lists")

EXIT_ERROR = 2
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    SourceFormatError, store.LoadRefused, db.DatabaseError, registry.UnknownListError,
    OSError, ValueError,
)

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json, csv or md")]


class State:
    """Per-invocation settings shared by subcommands (no global state)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def open(self):
        return db.connect(self.db_path)


def fail(message: str, code: int = EXIT_ERROR) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """Turn the errors a user can cause into one clear line and exit code 2, not a traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except KNOWN_ERRORS as exc:
        fail(str(exc) or exc.__class__.__name__)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json", "csv", "md")) -> None:
    if fmt not in allowed:
        fail(f"unknown format {fmt!r} (choose from {', '.join(allowed)})")


@app.callback()
def main(ctx: typer.Context,
         db_path: Annotated[Path | None, typer.Option(
             "--db", help="Database file (default: $SCREENER_HOME/screener.db)")] = None) -> None:
    ctx.obj = State(config.db_path(db_path))


def state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


# ---------------------------------------------------------------- lists

@lists_app.command("import")
def lists_import(ctx: typer.Context,
                 list_id: Annotated[str, typer.Argument(help="List id, e.g. au_dfat")],
                 path: Annotated[Path, typer.Argument(help="The list file as published")],
                 force: Annotated[bool, typer.Option(help="Load even if records dropped >20%")] = False,
                 ) -> None:
    """Import a list file already on disk (air-gapped use); its format is read from its content."""
    with errors_as_messages():
        source = registry.get_source(list_id)
        database = state(ctx).open()
        result = store.import_file(database, source, path, force=force)
        _print_load(result)


def _print_load(result: store.LoadResult) -> None:
    if result.status == "unchanged":
        typer.echo(f"{result.list_id}: unchanged (same file as the current version, "
                   f"{result.record_count} records)", err=True)
        return
    previous = f" (previous version: {result.previous_count})" if result.previous_count else ""
    typer.echo(f"{result.list_id}: loaded {result.record_count} records, {result.name_count} "
               f"names, published {result.publication_date or 'unknown'}{previous}", err=True)
    for note in result.notes or []:
        typer.echo(f"{result.list_id}: note: {note}", err=True)


@lists_app.command("status")
def lists_status(ctx: typer.Context, fmt: FormatOption = "table") -> None:
    """What is loaded, from when, how many records and names."""
    with errors_as_messages():
        check_format(fmt)
        rows = store.list_status(state(ctx).open(), registry.load_sources())
        if fmt == "table":
            for row in rows:
                row["sha256"] = (row["sha256"] or "")[:12]
        emit(render(rows, fmt))


def run() -> None:  # pragma: no cover - console entry point helper
    app()

