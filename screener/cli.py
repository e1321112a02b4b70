"""The `screener` command line: a thin layer over the library functions tests call too."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from screener import config, db, registry, store
from screener.model import SourceFormatError
from screener.output import render
from screener.screen import NoListsLoaded


class _OneLineErrors(typer.core.TyperGroup):
    """Wraps the whole app once: whatever a command raises ends as one line on stderr and
    exit code 2 (130 when interrupted), never a traceback."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        import errno

        from screener import errors

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if getattr(exc, "exit_code", None) is not None:
                raise  # usage errors and exits: click already words them
            if errors.debugging() or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
                raise
            typer.echo(f"error: {errors.describe(exc)}", err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(help="Sanctions cross-reference and screening.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False, cls=_OneLineErrors)
lists_app = typer.Typer(help="Download, import and inspect the sanctions lists.",
                        no_args_is_help=True)
app.add_typer(lists_app, name="lists")

EXIT_ERROR = 2
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    SourceFormatError, store.LoadRefused, db.DatabaseError, registry.UnknownListError,
    OSError, ValueError, NoListsLoaded, RuntimeError,
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
        fail(" ".join(str(exc).split()) or exc.__class__.__name__)  # one line, always
    except KeyboardInterrupt:
        fail("interrupted", 130)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json", "csv", "md")) -> None:
    if fmt not in allowed:
        fail(f"unknown format {fmt!r} (choose from {', '.join(allowed)})")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"screener {config.version()}")
        raise typer.Exit(0)


@app.callback()
def main(ctx: typer.Context,
         db_path: Annotated[Path | None, typer.Option(
             "--db", help="Database file (default: $SCREENER_HOME/screener.db)")] = None,
         version: Annotated[bool, typer.Option(
             "--version", callback=_print_version, is_eager=True,
             help="Print the version and exit")] = False) -> None:
    with errors_as_messages():
        ctx.obj = State(config.db_path(db_path))


def state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


# ---------------------------------------------------------------- lists

@lists_app.command("import")
def lists_import(ctx: typer.Context,
                 list_id: Annotated[str, typer.Argument(help="List id, e.g. au_dfat")],
                 path: Annotated[Path, typer.Argument(help="The list file as published")],
                 force: Annotated[bool, typer.Option(help="Load even if the file is older, undated, or has >20% fewer records or names than the current version")] = False,
                 ) -> None:
    """Import a list file already on disk (air-gapped use); its format is read from its content."""
    with errors_as_messages():
        source = registry.get_source(list_id)
        database = state(ctx).open()
        result = store.import_file(database, source, path, force=force)
        _print_load(result)
        if result.status == "loaded":
            _print_notices(database, list_id)


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
        warnings = [row["warning"] for row in rows if row["warning"]]
        if fmt != "json":
            for row in rows:
                del row["warning"]
        if fmt == "table":
            for row in rows:
                row["sha256"] = (row["sha256"] or "")[:12]
                row["stale"] = "STALE" if row["stale"] else ("" if row["stale"] is None else "no")
        emit(render(rows, fmt))
        if fmt == "table":
            for warning in warnings:
                typer.echo(f"warning: {warning}", err=True)


@lists_app.command("show")
def lists_show(ctx: typer.Context,
               list_id: Annotated[str, typer.Argument(help="List id, e.g. gb_ofsi")],
               ref: Annotated[str, typer.Argument(help="The publisher's reference of the record")],
               fmt: FormatOption = "table") -> None:
    """A target's whole record (names, dates, nationalities, identifiers, addresses,
    programmes, remarks, the same target on other lists), to clear or confirm a hit."""
    from screener import records

    with errors_as_messages():
        check_format(fmt)
        registry.get_source(list_id)
        record = records.get(state(ctx).open(), list_id, ref)
        rows = records.rows(record)
        emit(render(rows, fmt, ["field", "value"], json_payload=record.to_dict(),
                    max_widths={"value": 100}))


def run() -> None:  # pragma: no cover - console entry point helper
    app()



# ---------------------------------------------------------------- screen

# 99.5% of listed names have at most this many words; a clear verdict on a longer query
# is more likely a pasted sentence than a name, so it gets a note (the verdict stands).
LONG_QUERY_WORDS = 12

@app.command()
def screen(ctx: typer.Context,
           name: Annotated[str, typer.Argument(help="The name to screen (may be empty with --id)")] = "",
           type_: Annotated[str | None, typer.Option("--type", help="person, org, vessel")] = None,
           birth_year: Annotated[int | None, typer.Option(help="Year of birth, if known")] = None,
           country: Annotated[str | None, typer.Option(help="Nationality/country (name or code)")] = None,
           birth_date: Annotated[str | None, typer.Option(help="Date of birth (1956-07-03, 3 Jul 1956, 1956)")] = None,
           ids: Annotated[list[str] | None, typer.Option("--id", help='Identifier: "IMO 9299719", "passport X123", a bare number (repeatable)')] = None,
           threshold: Annotated[float | None, typer.Option(help="Score for a hit (0-1)")] = None,
           limit: Annotated[int, typer.Option(help="Hits shown per list (the verdict weighs all)")] = 5,
           fmt: FormatOption = "table") -> None:
    """Screen one name against every loaded list.
    Exit code: 0 no match, 1 hit, 3 possible match to review only, 2 error."""
    from screener import screen as screening
    from screener.dates import parse_date
    from screener.verdict import EXIT_CODE, render_screening

    with errors_as_messages():
        check_format(fmt)
        if not any(i.strip() for i in ids or []) and not any(ch.isalnum() for ch in name):
            fail("the name is empty or has no letters or digits (or give --id)")
        screening.check_options(threshold=threshold, birth_year=birth_year, limit=limit)
        country_code = None
        if country:
            from screener.countries import to_iso2  # pycountry: ~25 ms, only when asked

            country_code = to_iso2(country)
            if country_code is None:
                fail(f"unknown country {country!r}")
        birth_iso = None
        if birth_date:
            parsed = parse_date(birth_date)
            if parsed is None or parsed.date_from is None:
                fail(f"unreadable --birth-date {birth_date!r} (e.g. 1956-07-03, 3 Jul 1956, 1956)")
            birth_iso = parsed.date_from
            screening.check_options(birth_year=int(birth_iso[:4]))
            if birth_year and int(birth_iso[:4]) != birth_year:
                fail(f"--birth-year {birth_year} and --birth-date {birth_date} disagree")
        query = screening.Query(name=name, type=screening.parse_type(type_),
                                birth_year=birth_year, country=country_code,
                                birth_date=birth_iso, ids=list(ids or []))
        st = state(ctx)
        database = db.open_connection(st.db_path)  # plain sqlite3: sqlite-utils costs ~0.2 s
        screener_ = screening.Screener.open(database, config.cache_dir(st.db_path))
        result = screener_.screen(query, threshold=threshold, limit=limit)
        try:
            audit_id: int | None = screening.record_screening(
                database, "screen", [result], {**asdict(query), "limit": limit}, result.threshold)
        except screening.AuditNotRecorded as exc:
            typer.echo(f"warning: {exc}", err=True)
            audit_id = None
        emit(render_screening(result, audit_id, fmt))
        words = len(name.split())
        if words > LONG_QUERY_WORDS and result.verdict == "clear":
            typer.echo(f"note: the {words} words are matched as one name; a text that names "
                       "several actors is screened one name at a time (or with "
                       "`screener docs ingest` and `screener match`)", err=True)
    raise typer.Exit(EXIT_CODE[result.verdict])


# ---------------------------------------------------------------- batch

@app.command()
def batch(ctx: typer.Context,
          input_path: Annotated[str, typer.Argument(metavar="IN.csv", help="CSV file, or - for stdin")],
          column: Annotated[str | None, typer.Option(help="Column holding the names: header, 1-based number or letter")] = None,
          type_column: Annotated[str | None, typer.Option(help="Column with person/org")] = None,
          birth_year_column: Annotated[str | None, typer.Option(help="Column with birth year")] = None,
          country_column: Annotated[str | None, typer.Option(help="Column with country")] = None,
          id_column: Annotated[str | None, typer.Option(help='Column with identifiers ("IMO 9299719"; several split by ;)')] = None,
          output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default stdout)")] = None,
          fmt: Annotated[str, typer.Option("--format", "-f", help="csv, json (lines) or md")] = "csv",
          threshold: Annotated[float | None, typer.Option(help="Score for a hit (0-1)")] = None,
          encoding: Annotated[str | None, typer.Option(help="Input encoding (default: detect)")] = None,
          workers: Annotated[int, typer.Option(help="Processes (0: all cores; Dask: local workers)")] = 0,
          no_header: Annotated[bool, typer.Option("--no-header", help="The first row is data; --column is a number (1 = first) or letter")] = False,
          excel: Annotated[bool, typer.Option("--excel", help="CSV in UTF-8 with a BOM, for Excel")] = False,
          resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from OUT.partial (or OUT)")] = False,
          scheduler: Annotated[str | None, typer.Option(help="Screen on Dask: a scheduler address (tcp://host:8786) or 'local'")] = None) -> None:
    """Screen every row of a CSV file; adds the best hit per jurisdiction and a status.
    Exit code 1: a row is a hit; 3: a row is to review (and none a hit); 0: none; 2: error."""
    from screener import batch as batching
    from screener import batch_job

    with errors_as_messages():
        check_format(fmt, ("csv", "json", "md"))
        if threshold is not None and not 0 < threshold <= 1:
            fail("--threshold must be between 0 and 1")
        if workers < 0:
            fail(f"--workers must be 0 (all cores) or more (got {workers})")
        st = state(ctx)
        options = batch_job.JobOptions(
            batching.BatchOptions(column, type_column, birth_year_column, country_column,
                                  threshold, encoding, workers, no_header, id_column),
            fmt, output, excel, resume, scheduler)
        try:
            job = _run_batch_with_progress(batch_job, st, input_path, options)
        except batching.BatchInputError as exc:
            fail(str(exc))
        except batch_job.BatchInterrupted as exc:
            fail(str(exc), 130)
        summary = job.summary
        for line, message in summary.error_lines[:20]:
            typer.echo(f"line {line}: {message}", err=True)
        if summary.errors > 20:
            typer.echo(f"... and {summary.errors - 20} more rows with errors", err=True)
        empty = (f" ({summary.empty_rows} empty rows skipped: no cell filled)"
                 if summary.empty_rows else "")
        typer.echo(f"{summary.rows} rows{empty}: {summary.hits} hit, {summary.reviews} review, "
                   f"{summary.clear} clear, {summary.errors} error; {summary.screened} distinct "
                   f"names screened; {summary.seconds:.1f} s ({summary.rows_per_second:.0f} "
                   f"rows/s); audit id {job.screening_id}", err=True)
        raise typer.Exit(summary.exit_code)


def _run_batch_with_progress(batch_job, st, input_path, options):
    """Progress on a terminal only: rows done, rate and time left."""
    database = st.open()
    cache = config.cache_dir(st.db_path)

    def note(text: str) -> None:
        typer.echo(text, err=True)
    if not sys.stderr.isatty():
        return batch_job.run_job(database, st.db_path, cache, input_path, options, note=note)
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from screener.batch_progress import WorkMeter

    # The bar and the time left count work (new names weigh most), the text counts rows.
    with Progress(TextColumn("screening"), BarColumn(),
                  TextColumn("{task.fields[rows]}/{task.fields[of]} rows"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  transient=True) as bar:
        def start(total: int, done: int, distinct: int):
            meter = WorkMeter(total, done, distinct)
            task = bar.add_task("screening", total=meter.total, completed=meter.completed,
                                rows=done, of=total)

            def advance(names: int, rows: int) -> None:
                meter.add(names, rows)
                bar.update(task, total=meter.total, completed=meter.completed, rows=meter.rows)
            return advance
        return batch_job.run_job(database, st.db_path, cache, input_path, options, start, note)


# ---------------------------------------------------------------- documents and entities

docs_app = typer.Typer(help="Ingest documents and extract the actors they name.",
                       no_args_is_help=True)
entities_app = typer.Typer(help="List and correct the actors found in the documents.",
                           no_args_is_help=True)
app.add_typer(docs_app, name="docs")
app.add_typer(entities_app, name="entities")


@docs_app.command("ingest")
def docs_ingest(ctx: typer.Context,
                paths: Annotated[list[Path], typer.Argument(
                    help="Files (.txt, .md, .html, .pdf; UTF-8 or UTF-16) or directories")],
                force: Annotated[bool, typer.Option(help="Re-extract even if nothing changed")] = False,
                ) -> None:
    """Store documents and extract the persons and organisations they name."""
    from screener import documents, gazetteer

    with errors_as_messages():
        st = state(ctx)
        database = st.open()
        names = gazetteer.load(database, config.cache_dir(st.db_path))
        report = documents.ingest(database, paths, names, force=force)
        for path, reason in report.skipped:
            typer.echo(f"skipped {path}: {reason}", err=True)
        for path, stored in report.duplicates:
            typer.echo(f"unchanged {path}: same text as the stored document {stored}", err=True)
        typer.echo(f"{len(report.added)} added, {len(report.changed)} changed, "
                   f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
                   f"{report.entities} entities, {report.mentions} mentions "
                   f"(gazetteer: {len(names)} list names)", err=True)
        if report.skipped and not (report.added or report.changed or report.unchanged):
            raise typer.Exit(EXIT_ERROR)


@entities_app.command("list")
def entities_list(ctx: typer.Context, fmt: FormatOption = "table") -> None:
    """Every actor found, with its mentions and aliases."""
    import json as jsonlib

    from screener import entities

    with errors_as_messages():
        check_format(fmt)
        rows = entities.list_entities(state(ctx).open())
        for row in rows:
            row["aliases"] = jsonlib.loads(row["aliases"] or "[]")
            row["curated"] = bool(row["curated"])
        emit(render(rows, fmt, ["id", "name", "type", "mentions", "documents", "aliases", "curated"]))


@entities_app.command("show")
def entities_show(ctx: typer.Context, entity: str, fmt: FormatOption = "table") -> None:
    """One actor's mentions, with the sentence each stands in."""
    import json as jsonlib

    from screener import entities

    with errors_as_messages():
        check_format(fmt)
        database = state(ctx).open()
        row = entities.find_entity(database, entity)
        mentions = entities.entity_mentions(database, row["id"])
        if fmt == "json":
            row["aliases"] = jsonlib.loads(row["aliases"] or "[]")
            emit(render([], fmt, json_payload={**row, "mentions": mentions}))
            return
        typer.echo(f"{row['name']} ({row['type']}), aliases: "
                   f"{', '.join(jsonlib.loads(row['aliases'] or '[]')) or '-'}", err=True)
        emit(render(mentions, fmt, ["document", "published", "start", "text", "method", "sentence"]))


def _curate(ctx: typer.Context, action: str, **args: str) -> None:
    from screener import entities

    with errors_as_messages():
        entities.curate(state(ctx).open(), action, **args)
        typer.echo(f"{action}: done (kept across re-ingests)", err=True)


@entities_app.command("rename")
def entities_rename(ctx: typer.Context, entity: str, new_name: str) -> None:
    """Give an actor its proper name (the old one stays an alias)."""
    _curate(ctx, "rename", entity=entity, name=new_name)


@entities_app.command("merge")
def entities_merge(ctx: typer.Context, entity: str, into: str) -> None:
    """Merge ENTITY into INTO: one actor found under two names."""
    _curate(ctx, "merge", entity=entity, into=into)


@entities_app.command("delete")
def entities_delete(ctx: typer.Context, entity: str) -> None:
    """Drop something that is not an actor."""
    _curate(ctx, "delete", entity=entity)


@entities_app.command("add")
def entities_add(ctx: typer.Context, name: str,
                 type_: Annotated[str, typer.Option("--type", help="person or org")] = "person"
                 ) -> None:
    """Add an actor the extraction missed."""
    from screener import screen as screening

    with errors_as_messages():
        kind = screening.parse_type(type_) if type_ else "person"
    _curate(ctx, "add", name=name, type=kind)


@entities_app.command("export")
def entities_export(ctx: typer.Context, path: Path) -> None:
    """Write the entity table as CSV (name, type, aliases) to correct in a spreadsheet."""
    import json as jsonlib

    from screener import batch as batching
    from screener import entities
    from screener.output import to_csv

    with errors_as_messages():
        database = state(ctx).open()
        rows = entities.list_entities(database)
        stamp = entities.export_stamp(database)  # what an import of the sheet must not undo
        for row in rows:
            row["aliases"] = "; ".join(jsonlib.loads(row["aliases"] or "[]"))
            row["as_of"] = stamp
        text = to_csv(rows, ["id", "name", "type", "aliases", "mentions", "as_of"])
        batching.write_atomically(path, lambda fh: fh.write(text))
        typer.echo(f"wrote {len(rows)} entities to {path}", err=True)


@entities_app.command("import")
def entities_import(ctx: typer.Context, path: Path,
                    force: Annotated[bool, typer.Option(
                        "--force", help="apply a sheet exported before later corrections, "
                                        "undoing them")] = False) -> None:
    """Apply an edited export: changed names become renames, changed types retypes, new
    aliases are added, rows removed become deletions, rows without an id become additions.
    Importing the same file again changes nothing; a sheet older than later corrections is
    refused (--force applies it)."""
    from screener import entities
    from screener.batch import read_table

    with errors_as_messages():
        database = state(ctx).open()
        table = read_table(path)
        _refuse_import_that_deletes_all(entities.list_entities(database), table, path)
        try:
            result = entities.import_rows(database, table.headers, table.rows, force)
        except ValueError as exc:
            fail(f"{path}: {exc}")
        typer.echo(f"{result.changes} corrections applied and stored ({result.renamed} renamed, "
                   f"{result.retyped} retyped, {result.aliased} with new aliases, "
                   f"{result.added} added, {result.deleted} deleted)", err=True)


def _refuse_import_that_deletes_all(current: list[dict], table, path: Path) -> None:
    """An id column where no row holds a current id is a list of additions, not an edited
    export: applied as an export it would delete every entity (all 75 of the demo's)."""
    col = [h.strip().lower() for h in table.headers]
    if "id" not in col or not current:
        return
    i = col.index("id")
    known = {str(e["id"]) for e in current}
    ids = {cells[i].strip().lstrip("'") for _line, cells in table.rows if i < len(cells)}
    if not ids & known:
        fail(f"{path}: no row carries the id of a current entity, so as an edited export it "
             f"would delete all {len(current)} entities; to add these rows, drop the id "
             "column (or start from `screener entities export`)")


# ---------------------------------------------------------------- matching, reports, review

report_app = typer.Typer(help="Coverage, gaps and timelines per jurisdiction.", no_args_is_help=True)
review_app = typer.Typer(help="Confirm or reject matches; decisions outlive re-runs.",
                         no_args_is_help=True)
app.add_typer(report_app, name="report")
app.add_typer(review_app, name="review")
ReportFormat = Annotated[str, typer.Option("--format", "-f", help="table, md, csv, json or html")]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file")]


def _matched_db(ctx: typer.Context, refresh: bool = False, everything: bool = False):
    """The database with matches brought up to date with the current lists and entities."""
    from screener import reports
    from screener import screen as screening

    st = state(ctx)
    database = st.open()
    if refresh or reports.matches_stale(database):
        screener_ = screening.Screener.open(database, config.cache_dir(st.db_path))
        summary = reports.match_entities(database, screener_, everything=everything)
        anew = ("all screened" if summary.rematched == summary.entities else
                f"{summary.rematched} screened anew, the rest unchanged")
        typer.echo(f"matched {summary.entities} entities ({anew}): {summary.listed} listed "
                   f"by a list, {summary.review} with matches to review only "
                   f"({summary.matches} candidate matches)", err=True)
    return database


def _write_or_print(text: str, output: Path | None) -> None:
    from screener.batch import write_atomically

    if output is None:
        emit(text)
    else:
        write_atomically(output, lambda fh: fh.write(text))
        typer.echo(f"wrote {output}", err=True)


@app.command("match")
def match_command(ctx: typer.Context,
                  everything: Annotated[bool, typer.Option(
                      "--all", help="Screen every entity again, not only those that changed")
                  ] = False) -> None:
    """Screen the document entities against every loaded list and store the matches (only
    entities whose names or type changed, or all after a list or screener update; --all: every one)."""
    with errors_as_messages():
        _matched_db(ctx, refresh=True, everything=everything)


@report_app.command("coverage")
def report_coverage(ctx: typer.Context, fmt: ReportFormat = "table",
                    output: OutputOption = None) -> None:
    """One row per entity, one column per jurisdiction: listed, needs review, not listed."""
    from screener import reports

    with errors_as_messages():
        check_format(fmt, ("table", "md", "csv", "json", "html"))
        database = _matched_db(ctx)
        _write_or_print(reports.render_coverage(reports.coverage(database), fmt), output)


@report_app.command("gaps")
def report_gaps(ctx: typer.Context,
                jurisdiction: Annotated[str | None, typer.Option(help="US, UK, EU or AU")] = None,
                fmt: ReportFormat = "table", output: OutputOption = None,
                summary: Annotated[bool, typer.Option(help="Only the one-line summary")] = False,
                ) -> None:
    """Per jurisdiction: the actors others list and it does not, with evidence."""
    from screener import reports

    with errors_as_messages():
        check_format(fmt, ("table", "md", "csv", "json", "html"))
        database = _matched_db(ctx)
        report = reports.coverage(database)
        found, unlisted, no_data = reports.gaps(database, jurisdiction, report)
        if summary:
            emit(reports.gap_summary(found, unlisted, no_data, report))
            return
        _write_or_print(reports.render_gaps(found, unlisted, no_data, fmt, report), output)


@report_app.command("timeline")
def report_timeline(ctx: typer.Context, entity: str, fmt: ReportFormat = "table",
                    output: OutputOption = None) -> None:
    """When each jurisdiction listed an actor, and the lag between them (same target only)."""
    from screener import reports

    with errors_as_messages():
        check_format(fmt, ("table", "md", "csv", "json", "html"))
        database = _matched_db(ctx)
        _write_or_print(reports.render_timeline(reports.timeline(database, entity), fmt), output)


ByOption = Annotated[str | None, typer.Option("--by", help="Who decides (default: the OS user)")]


def _review(ctx: typer.Context, decision: str, entity: str, list_id: str, ref: str,
            note: str | None, by: str | None) -> None:
    from screener import review

    with errors_as_messages():
        d = review.decide(state(ctx).open(), entity, list_id, ref, decision, note, by)
        extra = "" if d.matched else " (the matcher never proposed this pair" + (
            "; it counts as listed)" if decision == "confirmed" else ")")
        typer.echo(f"{d.entity} × {list_id} {ref}: {decision} by {d.by}{extra}", err=True)


@review_app.command("confirm")
def review_confirm(ctx: typer.Context, entity: str, list_id: str, ref: str,
                   note: Annotated[str | None, typer.Option(help="Why")] = None,
                   by: ByOption = None) -> None:
    """Confirm that ENTITY is the target REF of LIST: it counts as listed.

    It counts even where the matcher never proposed the pair (REF must be in the list's
    current version)."""
    _review(ctx, "confirmed", entity, list_id, ref, note, by)


@review_app.command("reject")
def review_reject(ctx: typer.Context, entity: str, list_id: str, ref: str,
                  note: Annotated[str | None, typer.Option(help="Why")] = None,
                  by: ByOption = None) -> None:
    """Reject a match: ENTITY is not the target REF of LIST."""
    _review(ctx, "rejected", entity, list_id, ref, note, by)


@review_app.command("list")
def review_list(ctx: typer.Context, fmt: FormatOption = "table",
                history: Annotated[bool, typer.Option(
                    "--history", help="Every decision ever made, oldest first")] = False) -> None:
    """Decisions in force and the matches still waiting for one (--history: the whole log)."""
    from screener import review

    with errors_as_messages():
        check_format(fmt)
        database = state(ctx).open()
        if history:
            emit(render(review.history(database), fmt, ["id", "at", "by", "entity", "list_id",
                                                        "source_ref", "decision", "note",
                                                        "named_then"]))
            return
        emit(render(review.queue(database), fmt, ["entity", "list_id", "source_ref",
                                                  "matched_name", "score", "status", "decision",
                                                  "note", "by"]))


@lists_app.command("update")
def lists_update(ctx: typer.Context,
                 list_ids: Annotated[list[str] | None, typer.Argument(
                     metavar="[LIST]...", help="Lists to update (default: all default lists)")] = None,
                 force: Annotated[bool, typer.Option(help="Load even if the file is older, undated, or has >20% fewer records or names than the current version")] = False,
                 wait: Annotated[float, typer.Option(help="Seconds to wait for another update")] = 10.0,
                 ) -> None:
    """Download the official lists, parse them, and swap each in atomically."""
    from filelock import FileLock, Timeout

    from screener import download

    with errors_as_messages():
        st = state(ctx)
        database = st.open()
        lock = FileLock(str(st.db_path) + ".update.lock")
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            fail(f"another `screener lists update` is running on {st.db_path}; try again later")
        try:
            outcomes = download.update_lists(database, registry.load_sources(), list_ids or None,
                                             cache_dir=config.cache_dir(st.db_path), force=force)
        finally:
            lock.release()
        for outcome in outcomes:
            typer.echo(("error: " if outcome.status == "failed" else "") + outcome.message, err=True)
            if outcome.status == "loaded":
                _print_notices(database, outcome.list_id)
        if any(o.status == "failed" for o in outcomes):
            raise typer.Exit(EXIT_ERROR)



@lists_app.command("diff")
def lists_diff(ctx: typer.Context, list_id: str,
               from_version: Annotated[str | None, typer.Option("--from", help="Version id, publication date or sha256 prefix")] = None,
               to_version: Annotated[str | None, typer.Option("--to", help="Default: the current version")] = None,
               fmt: FormatOption = "table") -> None:
    """Targets added, removed (delisted) and changed between two stored versions of a list."""
    from screener import history

    with errors_as_messages():
        check_format(fmt)
        database = state(ctx).open()
        result = history.diff(database, list_id, from_version, to_version)
        rows = history.diff_rows(result)
        if fmt == "json":
            emit(render(rows, fmt, json_payload={"list": list_id, "from": result.from_version,
                                                 "to": result.to_version, "changes": rows}))
            return
        old, new = result.from_version, result.to_version
        typer.echo(f"{list_id}: version {old['id']} ({old['publication_date'] or 'undated'}) -> "
                   f"{new['id']} ({new['publication_date'] or 'undated'}): "
                   f"{result.count('added')} added, {result.count('removed')} removed, "
                   f"{result.count('changed')} changed", err=True)
        if old["format"] != new["format"]:
            typer.echo(f"note: the versions come in different formats ({old['format']} -> "
                       f"{new['format']}); names one format does not carry show as changes",
                       err=True)
        emit(render(rows, fmt, ["change", "ref", "name", "details", "listed_on"],
                    max_widths={"name": 40, "details": 80}) if rows else "")


@lists_app.command("prune")
def lists_prune(ctx: typer.Context,
                keep: Annotated[int, typer.Option(help="Versions to keep per list")] = 5) -> None:
    """Delete old list versions (never the current one, nor any an audited screening used)."""
    from screener import history

    with errors_as_messages():
        database = state(ctx).open()
        removed = history.prune(database, keep)
        database.conn.execute("VACUUM")
        typer.echo(f"removed {removed} old list versions", err=True)


def _print_notices(database, list_id: str) -> None:
    """After a new version, say which changes concern the documents' actors or past hits."""
    from screener import history

    try:
        result = history.diff(database, list_id)
    except ValueError:
        return  # first version of the list: nothing to compare
    for line in history.notices(database, result):
        typer.echo(line, err=True)


@app.command("audit")
def audit_command(ctx: typer.Context,
                  since: Annotated[str | None, typer.Option(help="Only from this date (YYYY-MM-DD)")] = None,
                  replay: Annotated[int | None, typer.Option(help="Re-run this screening against the versions it used")] = None,
                  row: Annotated[int | None, typer.Option(help="With a batch id (--replay or --batch): this row only (1 = first data row)")] = None,
                  batch_id: Annotated[int | None, typer.Option("--batch", help="Show a batch run's row (with --row)")] = None,
                  fmt: FormatOption = "table") -> None:
    """Past screenings: query, time, result and the list versions used."""
    from screener import audit, batch_audit

    with errors_as_messages():
        check_format(fmt)
        if row is not None and batch_id is None and replay is None:
            fail("--row needs the batch it belongs to: --batch ID or --replay ID")
        database = state(ctx).open()
        if batch_id is not None:
            if row is None:
                fail("--batch needs --row N")
            record = batch_audit.row_record(database, batch_id, row)
            if fmt == "json":
                emit(render([], fmt, json_payload=record))
            else:
                typer.echo(f"batch {batch_id} row {row} (line {record['line']} of "
                           f"{record['input']}): {record['status']} at {record['at']} against "
                           f"{', '.join(record['lists'])}", err=True)
                emit(render(record["hits"], fmt) if record["hits"] else "")
            return
        if replay is not None:
            if row is not None:
                result = batch_audit.replay(database, replay, row)
            else:
                result = audit.replay(database, replay)
            if fmt == "json":
                emit(render([], fmt, json_payload=result))
            else:
                what = f"row {row}" if row is not None else repr(result["query"])
                if row is None and "replayed" in result:
                    what += f", {result['replayed']} distinct names"
                typer.echo(f"screening {replay} ({what}, {result['at']}): "
                           f"{'same result' if result['same'] else 'DIFFERENT result'} "
                           "against the same list versions", err=True)
                if "different" in result and row is None:
                    for diff in result["different"][:20]:
                        typer.echo(f"  differs: {diff['query']!r}", err=True)
                emit(render(result["now"], fmt) if result["now"] else "")
            return
        emit(render(audit.entries(database, since), fmt,
                    ["id", "kind", "at", "query", "hits", "results", "threshold", "lists"],
                    max_widths={"query": 40}))  # a long query wraps, not every row widens


if __name__ == "__main__":
    app()
