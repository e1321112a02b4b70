"""Batch screening of CSV files as people have them."""

import codecs
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from screener import batch
from screener.cli import app

runner = CliRunner()
SEED_NAMES = ["Sergei Kogogin", "Min Aung Hlaing", "Kamaz PAO", "Aung San Suu Kyi",
              "Alexander Fomin", "N.P. Patrushev", "Yadanar Maung", "Rostec"]


@pytest.fixture
def au_path(au_db, tmp_path):
    au_db.conn.close()
    return tmp_path / "screener.db"


def run(db_path, *args, **kwargs):
    return runner.invoke(app, ["--db", str(db_path), *args], **kwargs)


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_batch_gives_the_same_hits_as_screen(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(SEED_NAMES) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    got = rows_of(out.read_text(encoding="utf-8"))
    assert len(got) == len(SEED_NAMES)
    for row in got:
        one = json.loads(run(au_path, "screen", row["name"], "--format", "json").stdout)
        au_hits = [h for h in one["hits"] if h["jurisdiction"] == "AU"]
        best = max(au_hits, key=lambda h: (h["status"] == "hit", h["score"])) if au_hits else None
        assert row["AU_ref"] == (best["source_ref"] if best else "")
        assert row["AU_status"] == (best["status"] if best else "clear")
    assert {r["name"]: r["status"] for r in got}["Aung San Suu Kyi"] == "clear"
    assert {r["name"]: r["US_status"] for r in got}["Kamaz PAO"] == "no data"
    assert "8 rows: " in result.output and "rows/s" in result.output


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1252", ","), ("utf-8", "|"),
])
def test_encodings_and_delimiters(au_path, tmp_path, encoding, delimiter):
    src = tmp_path / "in.csv"
    text = f"id{delimiter}Company Name{delimiter}note\r\n1{delimiter}Kamaz PAO{delimiter}Café\r\n" \
           f"2{delimiter}\"Sergei\nKogogin\"{delimiter}multi-line name\r\n"
    src.write_bytes(text.encode(encoding))
    table = batch.read_table(src)
    assert table.delimiter == delimiter and table.headers == ["id", "Company Name", "note"]
    assert table.rows[0][1][2] == "Café"
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    got = rows_of(out.read_text(encoding="utf-8"))
    assert [r["status"] for r in got] == ["hit", "hit"]
    assert got[0]["note"] == "Café"


def test_stdin_and_json_lines(au_path):
    result = run(au_path, "batch", "-", "--format", "json", input="name\nSergei Kogogin\n")
    assert result.exit_code == 0
    line = json.loads(result.stdout.strip().splitlines()[0])
    assert line["status"] == "hit" and line["AU_ref"] == "6906"


def test_unknown_column_lists_the_headers(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,who\n1,Kamaz\n")
    result = run(au_path, "batch", str(src))
    assert result.exit_code == 2 and "'id', 'who'" in result.output and "--column" in result.output
    result = run(au_path, "batch", str(src), "--column", "nope")
    assert result.exit_code == 2 and "no name column 'nope'" in result.output


def test_bad_rows_are_reported_and_kept(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name,x\nKamaz PAO,1\n,2\n!!!,3\n" + "A" * 5000 + ",4\n")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 0
    assert "line 3: empty name" in result.output and "line 4:" in result.output
    got = rows_of(out.read_text())
    assert [r["status"] for r in got] == ["hit", "error", "error", "error"]


def test_malformed_and_hostile_input(au_path, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert run(au_path, "batch", str(empty)).exit_code == 2
    big = tmp_path / "big.csv"
    big.write_text("name,notes\nKamaz PAO," + "x" * (10 * 1024 * 1024) + "\n")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(big), "-o", str(out))
    assert result.exit_code == 0 and rows_of(out.read_text())[0]["status"] == "hit"
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"name\nKa\x00maz PAO\n\xff\xfe broken \x80 bytes\n")
    result = run(au_path, "batch", str(nul), "-o", str(out))
    assert result.exit_code == 0


@pytest.mark.parametrize("data,message", [
    (b'name,n\nKamaz PAO,1\n"Rostec,2\nSoe Win,3\n', "opens on line 3 is never closed"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "zip file"),
    (bytes((i * 37) % 256 for i in range(4096)), "does not look like text"),
])
def test_unreadable_input_is_a_clear_error_and_no_output(au_path, tmp_path, data, message):
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output and not out.exists()


def test_stray_quotes_inside_cells_are_kept_and_lines_are_where_rows_start(tmp_path):
    table = batch.read_table(b'name,n\nKamaz "PAO" Group,1\n"Sergei\nKogogin",2\n,3\n')
    assert [line for line, _ in table.rows] == [2, 3, 5]
    assert table.rows[0][1][0] == 'Kamaz "PAO" Group'


def test_json_lines_carry_scores_as_numbers(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\nSergei Kogogin\n")
    line = json.loads(run(au_path, "batch", str(src), "--format", "json").stdout.splitlines()[0])
    assert isinstance(line["AU_score"], float) and line["AU_score"] >= 0.8


def test_formula_cells_are_neutralised(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('name,comment\nKamaz PAO,"=HYPERLINK(""http://evil"")"\n"@SUM(A1)",+1\n')
    out = tmp_path / "out.csv"
    run(au_path, "batch", str(src), "-o", str(out))
    got = rows_of(out.read_text())
    assert got[0]["comment"].startswith("'=") and got[1]["name"].startswith("'@")


def test_parallel_workers_match_serial(au_path, tmp_path):
    names = SEED_NAMES * 60
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(names) + "\n")
    serial, parallel = tmp_path / "s.csv", tmp_path / "p.csv"
    assert run(au_path, "batch", str(src), "-o", str(serial), "--workers", "1").exit_code == 0
    assert run(au_path, "batch", str(src), "-o", str(parallel), "--workers", "2").exit_code == 0
    assert serial.read_text() == parallel.read_text()


def test_batch_run_is_audited(au_path, tmp_path):
    import sqlite3

    src = tmp_path / "in.csv"
    src.write_text("name\nKamaz PAO\nAung San Suu Kyi\n")
    run(au_path, "batch", str(src), "-o", str(tmp_path / "o.csv"))
    kind, query, hits, files = sqlite3.connect(au_path).execute(
        "SELECT kind, query, hits, source_files FROM screenings ORDER BY id DESC").fetchone()
    assert kind == "batch" and json.loads(query)["rows"] == 2 and hits == 1
    assert json.loads(files)[0]["list_id"] == "au_dfat"


def test_interrupted_run_leaves_no_half_file(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(SEED_NAMES * 2000) + "\n")
    out = tmp_path / "out.csv"
    out.write_text("previous result\n")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen([sys.executable, "-m", "screener.cli", "--db", str(au_path), "batch",
                             str(src), "-o", str(out), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    time.sleep(2.5)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    assert out.read_text() == "previous result\n"
    assert not list(tmp_path.glob(".out.csv.*"))


def test_decode_detects_boms():
    assert batch.decode(codecs.BOM_UTF8 + b"name")[1] == "utf-8-sig"
    assert batch.decode("name".encode("utf-16"))[1] == "utf-16"
    assert batch.decode("Café".encode("cp1252")) == ("Café", "cp1252")
