"""Issue 10, the command-line half: what an analyst scripting the tool relies on.

The verdict does not depend on how many hits are shown; symbols do not change a name; an
older or poorer list file does not silently replace a better one; exit codes say hit (1),
review (3), clear (0) or error (2); every output format carries the verdict, the time, the
list versions and the audit id; and no failure ends in a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from screener.cli import app
from tests.conftest import shared_file

runner = CliRunner()


def run(db_path, *args):
    return runner.invoke(app, ["--db", str(db_path), *args])


def screen_json(db_path, *args):
    result = run(db_path, "screen", *args, "--format", "json")
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


# ------------------------------------------------------------------ 4. --limit and the verdict

def test_limit_trims_the_display_not_the_verdict(au_path):
    code, full = screen_json(au_path, "Min Aung Hlaing")
    assert code == 1 and full["verdict"] == "hit"
    code, one = screen_json(au_path, "Vladimir Putin", "--limit", "1")
    assert code == 1 and one["verdict"] == "hit"
    assert len([h for h in one["hits"] if h["list_id"] == "au_dfat"]) == 1
    assert one["not_shown"] > 0  # AU has other Vladimirs close enough to review


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_limit_below_one_is_an_error(au_path, limit):
    result = run(au_path, "screen", "Min Aung Hlaing", "--limit", limit)
    assert result.exit_code == 2
    assert "--limit must be 1 or more" in result.output and "Traceback" not in result.output


def test_library_verdict_weighs_every_candidate(au_db):
    from screener.screen import Query, Screener

    screener = Screener.open(au_db, None)
    with pytest.raises(ValueError, match="--limit"):
        screener.screen(Query("Min Aung Hlaing"), limit=0)
    result = screener.screen(Query("Vladimir"), limit=1)
    shown = {h.status for h in result.hits}
    assert result.not_shown > 0 and result.verdict in ("hit", "review") and shown


# ------------------------------------------------------------------ 5. symbols in names

@pytest.mark.parametrize("decorated", ["Min Aung Hlaing 😀", "Min Aung Hlaing ©", "Min Aung Hlaing™",
                                       "🇲🇲 Min Aung Hlaing 👍🏽", "Min Aung Hlaing 👨‍👩‍👧"])
def test_symbols_do_not_change_a_name(au_path, decorated):
    _, plain = screen_json(au_path, "Min Aung Hlaing")
    code, out = screen_json(au_path, decorated)
    assert code == 1 and out["verdict"] == "hit"
    assert [(h["source_ref"], h["score"]) for h in out["hits"]] == \
        [(h["source_ref"], h["score"]) for h in plain["hits"]]


def test_putin_with_an_emoji_keeps_his_au_and_eu_hits(tmp_path):
    db_path = tmp_path / "s.db"
    for list_id, path in (("au_dfat", "au/Australian_Sanctions_Consolidated_List.xlsx"),
                          ("eu_fsf", "eu/20240513-FULL-1_1.xml")):
        assert run(db_path, "lists", "import", list_id, str(shared_file(path))).exit_code == 0
    _, plain = screen_json(db_path, "Vladimir Putin")
    code, out = screen_json(db_path, "Vladimir Putin 😀")
    hit_lists = {h["list_id"] for h in out["hits"] if h["status"] == "hit"}
    assert code == 1 and hit_lists == {"au_dfat", "eu_fsf"}
    assert out["hits"] == plain["hits"]


# ------------------------------------------------------------------ exit codes and formats

def test_exit_codes_hit_review_clear(au_path):
    assert run(au_path, "screen", "Sergei Kogogin").exit_code == 1
    review = run(au_path, "screen", "Sergei Kogogin", "--birth-year", "1990", "--type", "org")
    assert review.exit_code == 3, review.output
    assert run(au_path, "screen", "Jane Blogsworth-Pettigrew").exit_code == 0


def audit_ids(db_path):
    conn = sqlite3.connect(db_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM screenings ORDER BY id")]
    conn.close()
    return ids


@pytest.mark.parametrize("name,verdict", [("Jane Blogsworth-Pettigrew", "clear"),
                                          ("Sergei Kogogin", "hit")])
def test_every_format_carries_verdict_time_versions_and_audit_id(au_path, name, verdict):
    outputs = {fmt: run(au_path, "screen", name, "-f", fmt) for fmt in ("table", "csv", "md", "json")}
    ids = audit_ids(au_path)
    assert len(ids) == 4
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].stdout)))
    assert rows and {r["verdict"] for r in rows} == {verdict}
    assert {r["audit_id"] for r in rows} == {str(ids[1])}
    assert all("au_dfat@" in r["lists"] and "2026-02-24" in r["lists"] for r in rows)
    assert all(r["screened_at"].startswith("20") for r in rows)
    payload = json.loads(outputs["json"].stdout)
    assert payload["verdict"] == verdict and payload["audit_id"] == ids[3]
    assert payload["screened_at"] and payload["lists"][0]["publication_date"] == "2026-02-24"
    word = {"clear": "no match", "hit": "HIT"}[verdict]
    for fmt, audit_id in (("table", ids[0]), ("md", ids[2])):
        text = outputs[fmt].stdout
        assert word in text and f"audit id {audit_id}" in text and "au_dfat@" in text
        assert "2026-02-24" in text and "screened 20" in text


def test_the_audit_keeps_the_verdict_and_the_time_shown(au_path):
    out = json.loads(run(au_path, "screen", "Sergei Kogogin", "-f", "json").stdout)
    conn = sqlite3.connect(au_path)
    created, results = conn.execute("SELECT created_at, results FROM screenings WHERE id = ?",
                                    [out["audit_id"]]).fetchone()
    assert created == out["screened_at"] and json.loads(results)[0]["verdict"] == "hit"


@pytest.mark.parametrize("name", [
    "Сергей Анатольевич КОГОГИН", "محمد بن سلمان آل سعود", "金正恩", "김정은", "मोहम्मद", "มิน อ่อง หล่าย",
    "မင်းအောင်လှိုင်", "Αλέξης Τσίπρας", "יוסי כהן", "ნინო", "Արմեն", "Nguyễn Tấn Dũng", "Zoë Ørsted-Łukasz",
    "Завод № 9", "شرکت‌ملی", "ක‍්‍ර", "Ⓐⓑⓒ"])
def test_letters_of_every_script_survive(name):
    from screener.names import drop_symbols

    assert drop_symbols(name) == name


def test_no_real_list_name_loses_a_letter(au_db):
    from screener.names import drop_symbols

    names = [r[0] for r in au_db.execute("SELECT full_name FROM target_names")]
    assert len(names) > 10_000
    assert [n for n in names if drop_symbols(n) != n] == []


# ------------------------------------------------------------------ 6. older or poorer files

AU_FILE = "au/Australian_Sanctions_Consolidated_List.xlsx"


def au_saved_on(tmp_path, stamp: str | None):
    """A copy of the real AU workbook whose "saved on" date (its publication date) is `stamp`,
    or removed; every sheet is the same."""
    import re
    import zipfile

    source = shared_file(AU_FILE)
    copy = tmp_path / f"au-{stamp or 'undated'}.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/core.xml":
                text = data.decode()
                text = re.sub(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                              (lambda m: f'<dcterms:{m[1]} xsi:type="dcterms:W3CDTF">{stamp}'
                                         f"</dcterms:{m[1]}>") if stamp else "", text)
                data = text.encode()
            dst.writestr(item, data)
    return copy


def current_au(db_path):
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT id, publication_date, name_count FROM source_files "
                       "WHERE list_id = 'au_dfat' AND is_current = 1").fetchone()
    conn.close()
    return row


@pytest.mark.parametrize("stamp,why", [("2025-06-30T00:00:00Z", "older (published 2025-06-30) "
                                        "than the current version (published 2026-02-24)"),
                                       (None, "no publication date while the current version "
                                        "is dated 2026-02-24")])
def test_an_older_or_undated_file_needs_force(au_path, tmp_path, stamp, why):
    db_path = au_path
    before = current_au(db_path)
    older = au_saved_on(tmp_path, stamp)
    refused = run(db_path, "lists", "import", "au_dfat", str(older))
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert why in refused.output and "--force" in refused.output
    assert current_au(db_path) == before
    forced = run(db_path, "lists", "import", "au_dfat", str(older), "--force")
    assert forced.exit_code == 0, forced.output
    assert current_au(db_path)[1] == (stamp[:10] if stamp else None)


def test_a_newer_file_loads_without_force(au_path, tmp_path):
    db_path = au_path
    newer = run(db_path, "lists", "import", "au_dfat", str(au_saved_on(tmp_path, "2026-03-01T08:00:00Z")))
    assert newer.exit_code == 0, newer.output
    assert current_au(db_path)[1] == "2026-03-01"


def test_a_file_with_far_fewer_names_is_refused_even_with_every_record(au_db):
    """sdn.csv over SDN.XML: the same targets without their aliases."""
    from screener import store
    from screener.sources import parse_file

    before = store.current_file(au_db, "au_dfat")
    poorer = parse_file(shared_file(AU_FILE))
    for t in poorer.targets:
        t.names = t.names[:1]
    assert len(poorer.targets) == before["record_count"]
    with pytest.raises(store.LoadRefused, match=r"3,811 names against 10,941 .* drop of 65%.*--force"):
        store.load_parsed(au_db, "au_dfat", poorer, path="poorer", url=None, sha256="x", size=1)
    assert store.current_file(au_db, "au_dfat")["id"] == before["id"]


# ------------------------------------------------------------------ lists update offline

@pytest.fixture
def offline_sources(tmp_path, monkeypatch):
    """A registry whose list lives on a local port nobody listens on (connection refused)."""
    import socket

    from screener import registry

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    toml = tmp_path / "sources.toml"
    toml.write_text(f"""
[us_ofac_cons]
jurisdiction = "US"
url = "http://127.0.0.1:{port}/CONSOLIDATED.XML"
format = "ofac_sdn_xml"
retries = 5
""")
    monkeypatch.setenv("SCREENER_SOURCES", str(toml))
    return registry.load_sources(toml)


def test_refused_connection_fails_at_once_without_retries(offline_sources, tmp_path):
    from screener import download

    waits: list[float] = []
    with pytest.raises(download.DownloadError) as caught, download.make_client() as client:
        download.fetch(offline_sources["us_ofac_cons"], tmp_path, client=client, sleep=waits.append)
    assert waits == []  # five attempts used to wait 2 + 4 + 8 + 16 s
    message = str(caught.value)
    assert "cannot connect to 127.0.0.1" in message
    assert "screener lists import us_ofac_cons PATH" in message


@pytest.mark.parametrize("failure,reason", [
    ("ConnectError", "[Errno -3] Temporary failure in name resolution"),
    ("ConnectTimeout", "timed out"),
])
def test_update_without_dns_fails_at_once_and_points_to_import(offline_sources, tmp_path,
                                                               monkeypatch, failure, reason):
    import httpx

    from screener import download

    attempts: list[str] = []

    def no_dns(request):
        attempts.append(str(request.url))
        raise getattr(httpx, failure)(reason, request=request)

    real_client = download.make_client
    monkeypatch.setattr(download, "make_client", lambda timeout=60.0, transport=None:
                        real_client(timeout, httpx.MockTransport(no_dns)))
    result = run(tmp_path / "s.db", "lists", "update")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(attempts) == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and reason in errors[0]
    assert "screener lists import us_ofac_cons PATH" in errors[0]
    assert "nothing loaded" in errors[0]  # an empty database: there was no version to keep


def test_update_refuses_an_older_publication(tmp_path, monkeypatch, httpserver):
    from screener import registry

    cons = shared_file("us/CONSOLIDATED.XML").read_bytes()
    toml = tmp_path / "sources.toml"
    toml.write_text(f"""
[us_ofac_cons]
jurisdiction = "US"
url = "{httpserver.url_for('/CONS.XML')}"
format = "ofac_sdn_xml"
""")
    monkeypatch.setenv("SCREENER_SOURCES", str(toml))
    registry.load_sources(toml)
    db_path = tmp_path / "s.db"
    httpserver.expect_oneshot_request("/CONS.XML").respond_with_data(cons)
    assert run(db_path, "lists", "update").exit_code == 0
    older = cons.replace(b"<Publish_Date>01/08/2026</Publish_Date>",
                         b"<Publish_Date>12/30/2025</Publish_Date>")
    assert older != cons
    httpserver.expect_oneshot_request("/CONS.XML").respond_with_data(older)
    result = run(db_path, "lists", "update")
    assert result.exit_code == 2
    assert "older (published 2025-12-30) than the current version (published 2026-01-08)" \
        in result.output and "--force" in result.output
    assert result.output.count("kept the current version") == 1


# ------------------------------------------------------------------ crashes are one line, exit 2

def one_error_line(result):
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def test_a_full_disk_is_one_line_and_loses_nothing(au_path, monkeypatch):
    """SQLite's own "database or disk is full", raised by capping the file at its size."""
    from screener import db

    real_connect = db.connect

    def capped(path):
        conn = real_connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(db, "connect", capped)
    eu = shared_file("eu/20240513-FULL-1_1.xml")
    result = run(au_path, "lists", "import", "eu_fsf", str(eu))
    assert result.exit_code == 2
    assert "disk is full" in one_error_line(result)
    monkeypatch.undo()
    conn = sqlite3.connect(au_path)
    assert conn.execute("SELECT list_id, record_count FROM source_files").fetchall() == [("au_dfat", 3811)]
    assert conn.execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 3811


def test_an_unexpected_error_in_any_command_is_one_line(au_path, monkeypatch):
    from screener import store

    def broken(*args, **kwargs):
        raise KeyError("source_files")

    monkeypatch.setattr(store, "list_status", broken)
    result = run(au_path, "lists", "status")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "unexpected KeyError" in line and "SCREENER_DEBUG=1" in line


def test_a_crash_in_a_real_process_prints_no_traceback(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "locked.db"
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE source_files (id INTEGER)")  # a schema missing its columns
    conn.close()
    proc = subprocess.run([sys.executable, "-m", "screener.cli", "--db", str(bad), "lists", "status"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1


# ------------------------------------------------------------------ read-only database

@pytest.fixture
def read_only(au_path, monkeypatch):
    """The AU database as a user who may not write it sees it (root ignores file modes, so
    there the check that reads them answers as it would for anyone else)."""
    import os

    from screener import db

    au_path.chmod(0o444)
    if os.geteuid() == 0:
        monkeypatch.setattr(db, "_writable", lambda path: False)
    yield au_path
    au_path.chmod(0o644)


def test_a_read_only_database_still_screens(read_only):
    before = audit_ids(read_only)
    result = run(read_only, "screen", "Sergei Kogogin", "-f", "csv")
    assert result.exit_code == 1, result.output
    assert "warning: the database is read-only" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["verdict"] == "hit" and rows[0]["audit_id"] == ""
    assert audit_ids(read_only) == before


def test_a_read_only_database_refuses_writes_clearly(read_only):
    result = run(read_only, "lists", "import", "gb_fcdo",
                 str(shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml")))
    assert result.exit_code == 2
    assert "read-only" in one_error_line(result)


# ------------------------------------------------------------------ bad input, --version

@pytest.mark.parametrize("args,message", [
    (["audit", "--since", "2026-13-45"], "--since '2026-13-45' is not a valid date"),
    (["screen", "Sergei Kogogin", "--birth-year", "1850"], "the birth year must be between 1900 and"),
    (["screen", "Sergei Kogogin", "--birth-year", "2999"], "the birth year must be between 1900 and"),
    (["screen", "Sergei Kogogin", "--birth-date", "1850-02-01"], "the birth year must be between 1900 and"),
    (["screen", "Sergei Kogogin", "--threshold", "0"], "--threshold must be above 0 and at most 1"),
    (["screen", "Sergei Kogogin", "--threshold", "1.5"], "--threshold must be above 0 and at most 1"),
    (["screen", "Sergei Kogogin", "--threshold", "nan"], "--threshold must be above 0 and at most 1"),
])
def test_bad_values_are_clear_errors(au_path, args, message):
    before = audit_ids(au_path)
    result = run(au_path, *args)
    assert result.exit_code == 2
    assert message in one_error_line(result)
    assert audit_ids(au_path) == before


def test_audit_since_accepts_a_real_date(au_path):
    run(au_path, "screen", "Sergei Kogogin")
    result = run(au_path, "audit", "--since", "2000-01-01", "-f", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 1
    assert json.loads(run(au_path, "audit", "--since", "2999-01-01", "-f", "json").stdout) == []


def test_screener_home_under_a_missing_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_HOME", str(tmp_path / "no-such-dir" / "home"))
    result = runner.invoke(app, ["lists", "status"])
    assert result.exit_code == 2
    assert "does not exist" in one_error_line(result)
    assert not (tmp_path / "no-such-dir").exists()
    monkeypatch.setenv("SCREENER_HOME", str(tmp_path / "home"))  # one new level is created
    assert runner.invoke(app, ["lists", "status"]).exit_code == 0
    assert (tmp_path / "home" / "screener.db").exists()


def test_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"screener {version('screener')}"


def test_replay_of_a_screening_shown_with_a_limit_is_the_same(au_path):
    out = json.loads(run(au_path, "screen", "Vladimir Putin", "--limit", "1", "-f", "json").stdout)
    assert out["not_shown"] > 0
    replay = run(au_path, "audit", "--replay", str(out["audit_id"]), "-f", "json")
    assert replay.exit_code == 0 and json.loads(replay.stdout)["same"] is True



def test_markdown_output_escapes_the_name(au_path):
    result = run(au_path, "screen", "Jane | *Blogs*", "-f", "md")
    first = result.stdout.splitlines()[0]
    assert result.exit_code == 0 and first.startswith(r"**Jane \| \*Blogs\***: no match")


def test_entities_add_with_an_unknown_type_is_a_plain_error(tmp_path):
    """It said "unexpected ValueError ... (a bug: please report it)"."""
    db_path = tmp_path / "s.db"
    result = run(db_path, "entities", "add", "Puma Energy", "--type", "spaceship")
    assert result.exit_code == 2
    assert result.output.startswith("error: unknown type 'spaceship'") and "bug" not in result.output
    assert run(db_path, "entities", "add", "Puma Energy", "--type", "org").exit_code == 0
    listed = run(db_path, "entities", "list", "--format", "json")
    assert [(e["name"], e["type"]) for e in json.loads(listed.stdout)] == [
        ("Puma Energy", "organization")]


def test_the_demo_without_snapshots_downloads_the_lists(offline_sources, tmp_path):
    """`make demo` away from ../shared printed a note, loaded nothing and stopped at `screen`
    with "no sanctions list is loaded"; it now runs `lists update` (offline here: it stops
    there, saying how to load the files by hand)."""
    import os
    import subprocess

    from tests.conftest import PROJECT

    env = {**os.environ, "SHARED": str(tmp_path / "none"), "SCREENER_HOME": str(tmp_path)}
    proc = subprocess.run(["bash", str(PROJECT / "scripts" / "demo.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert "downloading the lists instead" in proc.stderr
    assert "screener lists import us_ofac_cons PATH" in proc.stderr
    assert "no sanctions list is loaded" not in proc.stderr
    assert not (PROJECT / "out").exists() or any((PROJECT / "out").iterdir())  # no empty out/
