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


def run(db_path, *args, **kwargs):
    return runner.invoke(app, ["--db", str(db_path), *args], **kwargs)


def rows_of(text, delimiter=","):
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_batch_gives_the_same_hits_as_screen(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(SEED_NAMES) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out), "--workers", "1")
    assert result.exit_code == 1, result.output  # some rows are hits
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
    assert result.exit_code == 1, result.output
    got = rows_of(out.read_text(encoding="utf-8"), delimiter)  # the input's delimiter is kept
    assert [r["status"] for r in got] == ["hit", "hit"]
    assert got[0]["note"] == "Café"


def test_stdin_and_json_lines(au_path):
    result = run(au_path, "batch", "-", "--format", "json", input="name\nSergei Kogogin\n")
    assert result.exit_code == 1
    line = json.loads(result.stdout.strip().splitlines()[0])
    assert line["status"] == "hit" and line["AU_ref"] == "6906"


def test_unknown_column_lists_the_headers(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,who\n1,Kamaz\n")
    result = run(au_path, "batch", str(src))
    assert result.exit_code == 2 and "'id', 'who'" in result.output and "--column" in result.output
    result = run(au_path, "batch", str(src), "--column", "nope")
    assert result.exit_code == 2 and "no name column 'nope'" in result.output
    # A file without a header: its first row read as headers, the way out said.
    src.write_text("Kamaz PAO;RU\nRostec;RU\n")
    result = run(au_path, "batch", str(src))
    assert result.exit_code == 2 and "'Kamaz PAO', 'RU'" in result.output
    assert "--no-header --column N" in result.output


def test_bad_rows_are_reported_and_kept(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name,x\nKamaz PAO,1\n,2\n!!!,3\n" + "A" * 5000 + ",4\n")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 1
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
    assert result.exit_code == 1 and rows_of(out.read_text())[0]["status"] == "hit"
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"name\nKa\x00maz PAO\n\xff\xfe broken \x80 bytes\n")
    result = run(au_path, "batch", str(nul), "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [r["status"] for r in rows_of(out.read_text())] == ["hit", "clear"]


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
    assert run(au_path, "batch", str(src), "-o", str(serial), "--workers", "1").exit_code == 1
    assert run(au_path, "batch", str(src), "-o", str(parallel), "--workers", "2").exit_code == 1
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



def batch_writing(au_path, src, out, stderr):
    """A batch run in a process of its own, returned once its OUT.partial exists (as screening
    starts) or it has ended."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen([sys.executable, "-m", "screener.cli", "--db", str(au_path), "batch",
                             str(src), "-o", str(out), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    partial = out.with_name(out.name + ".partial")
    deadline = time.monotonic() + 60
    while not partial.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return proc


def test_interrupted_run_keeps_the_old_output_and_resumes(au_path, tmp_path):
    src = tmp_path / "in.csv"
    # Long enough (about 5,000 distinct names) that the run is still going when it is stopped,
    # however fast screening gets.
    names = everyday_names(1110) + [f"{g} {h} {f}" for f in FAMILY for g in GIVEN[:12] for h in GIVEN[12:]][:4000]
    src.write_text("name\n" + "\n".join(names) + "\n")
    out = tmp_path / "out.csv"
    out.write_text("previous result\n")
    proc = batch_writing(au_path, src, out, subprocess.PIPE)
    partial = tmp_path / "out.csv.partial"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"--resume" in err and b"Traceback" not in err
    assert out.read_text() == "previous result\n"  # never a half file where a result was
    assert partial.exists()
    refused = run(au_path, "batch", str(src), "-o", str(out))
    assert refused.exit_code == 2 and "--resume" in refused.output
    result = run(au_path, "batch", str(src), "-o", str(out), "--resume")
    assert result.exit_code in (0, 1, 3) and f"{len(names)} rows" in result.output, result.output
    assert not partial.exists()
    got = rows_of(out.read_text())
    assert [r["name"] for r in got] == names


def test_decode_detects_boms():
    assert batch.decode(codecs.BOM_UTF8 + b"name")[1] == "utf-8-sig"
    assert batch.decode("name".encode("utf-16"))[1] == "utf-16"
    assert batch.decode("Café".encode("cp1252")) == ("Café", "cp1252")


GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Lucia", "Kofi", "Anna", "Pedro", "Yuki",
         "Fatima", "Lars", "Priya", "Tomasz", "Ines", "Dmitri", "Grace", "Omar", "Sofia", "Ravi",
         "Hana", "Jonas", "Amara", "Marco", "Leila", "Pavel", "Rosa", "Kenji", "Nadia", "Erik"]
FAMILY = ["Smith", "Garcia", "Okafor", "Ivanova", "Tanaka", "Muller", "Silva", "Haddad",
          "Novak", "Kowalski", "Rossi", "Nguyen", "Larsen", "Mensah", "Dubois", "Petrov",
          "Jensen", "Moreau", "Costa", "Fischer", "Sato", "Khan", "Lopez", "Berg", "Ali",
          "Wright", "Kim", "Patel", "Horvat", "Weber"]
FIRMS = ["Trading", "Logistics", "Holdings", "Foods", "Textiles", "Marine", "Software"]


def everyday_names(n):
    """Distinct names of people and firms from outside the lists, in a fixed order."""
    people = [f"{g} {f}" for f in FAMILY for g in GIVEN]
    firms = [f"{f} {k} Ltd" for k in FIRMS for f in FAMILY]
    return (people + firms)[:n]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def mixed_rows(db_path, rows, seed=20261202):
    """A customer file as they come: real AU list names and everyday names, many repeated."""
    import random
    import sqlite3

    rng = random.Random(seed)
    listed = [r[0] for r in sqlite3.connect(db_path).execute(
        "SELECT full_name FROM target_names WHERE script = 'Latn' ORDER BY id")]
    pool = rng.sample(listed, 150) + everyday_names(450)
    return [rng.choice(pool) for _ in range(rows)]


def test_no_header_takes_a_column_number_or_letter(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("RU,Sberbank\nRU,Kamaz PAO\nGB,Olga Smith\n")
    for column in ("2", "B"):
        out = tmp_path / f"out{column}.csv"
        result = run(au_path, "batch", str(src), "--no-header", "--column", column, "-o", str(out))
        assert result.exit_code == 1, result.output
        got = rows_of(out.read_text())
        assert [r["column_2"] for r in got] == ["Sberbank", "Kamaz PAO", "Olga Smith"]
        assert [r["status"] for r in got][1:] == ["hit", "clear"]
    result = run(au_path, "batch", str(src), "--no-header", "--column", "3")
    assert result.exit_code == 2 and "has 2 columns" in result.output
    result = run(au_path, "batch", str(src), "--no-header")
    assert result.exit_code == 2 and "--column N" in result.output


def test_a_data_row_read_as_header_is_said_not_silent(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("Sberbank\nKamaz PAO\n")
    result = run(au_path, "batch", str(src), "--column", "Sberbank")
    assert "line 1 is read as the header" in result.output and "--no-header" in result.output
    result = run(au_path, "batch", str(src), "--column", "1")
    assert "line 1 is read as the header" in result.output
    result = run(au_path, "batch", str(src), "--column", "Kamaz")
    assert result.exit_code == 2 and "'Sberbank'" in result.output  # lists the header


@pytest.mark.parametrize("names,code", [
    (["Olga Smith", "Kenji Sato"], 0), (["Kogogin", "Olga Smith"], 3),
    (["Kogogin", "Kamaz PAO"], 1)])
def test_exit_code_says_hit_review_or_clear(au_path, tmp_path, names, code):
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(names) + "\n")
    result = run(au_path, "batch", str(src))
    assert result.exit_code == code, result.output
    statuses = {r["status"] for r in rows_of(result.stdout)}
    assert ("hit" in statuses) == (code == 1) and ("review" in statuses) == (code in (1, 3))


def test_excel_output_keeps_the_delimiter_and_explains_each_hit(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id;name\n1;Sergei Kogogin\n2;Olga Smith\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run(au_path, "batch", str(src), "--excel", "-o", str(out)).exit_code == 1
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    got = rows_of(data.decode("utf-8-sig"), ";")
    hit = got[0]
    assert hit["AU_status"] == "hit" and hit["AU_programme"]
    assert hit["AU_list_version"].startswith("au_dfat@") and "2026" in hit["AU_list_version"]
    assert "kogogin" in hit["AU_explanation"]
    assert got[1]["status"] == "clear" and got[1]["AU_explanation"] == ""


def test_audit_keeps_each_row_and_replays_it(au_path, tmp_path):
    from screener import batch_audit, db

    src = tmp_path / "in.csv"
    src.write_text("name\nOlga Smith\nSergei Kogogin\n\n,x\nSergei Kogogin\n")
    result = run(au_path, "batch", str(src), "-o", str(tmp_path / "o.csv"))
    screening = int(result.output.rsplit("audit id ", 1)[1].split()[0])
    database = db.connect(au_path)
    row = batch_audit.row_record(database, screening, 2)
    assert row["line"] == 3 and row["status"] == "hit" and row["query"]["name"] == "Sergei Kogogin"
    assert row["hits"][0]["source_ref"] == "6906" and row["at"][:4] == "2026"
    assert row["lists"][0].startswith("au_dfat@")
    assert batch_audit.row_record(database, screening, 3)["error"] == "empty name"
    assert batch_audit.row_record(database, screening, 4)["status"] == "hit"
    with pytest.raises(ValueError, match="no row 5"):
        batch_audit.row_record(database, screening, 5)
    replayed = batch_audit.replay(database, screening)
    assert replayed["same"] and replayed["replayed"] == 2  # two distinct names
    shown = run(au_path, "audit", "--replay", str(screening), "--row", "2", "-f", "json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["now"][0]["source_ref"] == "6906"
    listed = run(au_path, "audit", "-f", "json")
    entry = [e for e in json.loads(listed.stdout) if e["id"] == screening][0]
    assert entry["kind"] == "batch" and entry["results"] == 4 and entry["hits"] == 2


def test_each_distinct_name_is_screened_once_whatever_the_chunks(au_path, tmp_path):
    from screener import batch, batch_job, db

    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(SEED_NAMES * 60) + "\n")
    outputs = []
    for chunk, cache in ((2000, 1000), (7, 1000), (7, 3)):
        out = tmp_path / f"o{chunk}-{cache}.csv"
        job = batch_job.run_job(db.connect(au_path), au_path, tmp_path / "cache", str(src),
                                batch_job.JobOptions(batch.BatchOptions(workers=1), output=out,
                                                     chunk_rows=chunk, cache_entries=cache))
        outputs.append(out.read_bytes())
        assert job.summary.rows == 480
        if cache == 1000:
            assert job.summary.screened == len(SEED_NAMES)
        else:  # a cache too small for the file's distinct names costs time, not results
            assert job.summary.screened > len(SEED_NAMES)
    assert outputs[0] == outputs[1] == outputs[2]


def test_resume_after_an_interruption_gives_the_uninterrupted_output(au_path, tmp_path):
    from screener import batch, batch_job, db

    names = mixed_rows(au_path, 900)
    src = tmp_path / "in.csv"
    write_csv(src, ["id", "name"], enumerate(names))
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"

    def job(output, resume=False, progress=None):
        return batch_job.run_job(db.connect(au_path), au_path, tmp_path / "cache", str(src),
                                 batch_job.JobOptions(batch.BatchOptions(workers=1),
                                                      output=output, resume=resume,
                                                      chunk_rows=100), progress)
    job(whole)

    def stop_after(total, done, distinct):
        assert (total, done) == (900, 0) and 50 < distinct <= 600  # 600 names to draw from
        moved = [0]

        def advance(names, rows):
            moved[0] += rows
            if moved[0] >= 300:
                raise KeyboardInterrupt
        return advance
    with pytest.raises(batch_job.BatchInterrupted, match="--resume"):
        job(out, progress=stop_after)
    partial = tmp_path / "out.csv.partial"
    with open(partial, "ab") as fh:
        fh.write(b"901,Half a ro")  # a row cut off by a crash is dropped, not kept
    resumed = job(out, resume=True)
    assert out.read_bytes() == whole.read_bytes() and not partial.exists()
    assert resumed.summary.rows == 900 and resumed.summary.resumed == 300
    counts = db.connect(au_path).execute(
        "SELECT count(*), count(DISTINCT row), min(row), max(row) FROM batch_rows "
        "WHERE screening_id = ?", [resumed.screening_id]).fetchone()
    assert counts == (900, 900, 1, 900)  # one audit entry for the whole run, every row once
    other = tmp_path / "other.csv"
    other.write_text("id,name\n0,Someone Else\n")
    (tmp_path / "x.csv.partial").write_bytes(b"".join(whole.read_bytes().splitlines(True)[:3]))
    result = run(au_path, "batch", str(other), "-o", str(tmp_path / "x.csv"), "--resume")
    assert result.exit_code == 2 and "not this input's output" in result.output


def test_dask_local_cluster_gives_the_local_output_byte_for_byte(au_path, tmp_path):
    pytest.importorskip("distributed")
    import sqlite3

    names = mixed_rows(au_path, 10_000)
    src = tmp_path / "in.csv"
    write_csv(src, ["id", "name"], enumerate(names))
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    first = run(au_path, "batch", str(src), "-o", str(local), "--workers", "2")
    second = run(au_path, "batch", str(src), "-o", str(dask), "--scheduler", "local",
                 "--workers", "2")
    assert second.exit_code == first.exit_code == 1, second.output
    assert dask.read_bytes() == local.read_bytes()
    assert len(rows_of(local.read_text())) == 10_000
    conn = sqlite3.connect(au_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM screenings WHERE kind = 'batch' ORDER BY id")]
    audits = [conn.execute("SELECT r.row, r.line, r.error, b.query, b.status, b.hits "
                           "FROM batch_rows r LEFT JOIN batch_results b ON b.id = r.result_id "
                           "WHERE r.screening_id = ? ORDER BY r.row", [i]).fetchall()
              for i in ids[-2:]]
    assert audits[0] == audits[1] and len(audits[0]) == 10_000


@pytest.mark.parametrize("fmt,excel", [("csv", False), ("csv", True), ("json", False),
                                       ("md", False)])
def test_resume_in_every_format_with_cells_over_several_lines(au_path, tmp_path, fmt, excel):
    from screener import batch, batch_job, db

    src = tmp_path / "in.csv"
    rows = [(i, name, f'note "{i}"\nsecond line | with a pipe')
            for i, name in enumerate(SEED_NAMES * 5)]
    write_csv(src, ["id", "name", "note"], rows)
    whole, out = tmp_path / "whole", tmp_path / "out"

    def job(output, resume=False, progress=None):
        options = batch_job.JobOptions(batch.BatchOptions(workers=1), fmt=fmt, output=output,
                                       excel=excel, resume=resume, chunk_rows=6)
        return batch_job.run_job(db.connect(au_path), au_path, tmp_path / "cache", str(src),
                                 options, progress)
    job(whole)

    def stop_after(total, done, distinct):
        assert distinct == len(SEED_NAMES)
        moved = [0]

        def advance(names, rows):
            moved[0] += rows
            if moved[0] >= 20:
                raise KeyboardInterrupt
        return advance
    with pytest.raises(batch_job.BatchInterrupted):
        job(out, progress=stop_after)
    assert job(out, resume=True).summary.resumed == 24  # four chunks of 6 were written
    assert out.read_bytes() == whole.read_bytes()


def test_cells_past_the_header_are_kept(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\nKamaz PAO,note one\nOlga Smith\n")
    result = run(au_path, "batch", str(src))
    got = rows_of(result.stdout)
    assert [(r["name"], r["column_2"], r["status"]) for r in got] == [
        ("Kamaz PAO", "note one", "hit"), ("Olga Smith", "", "clear")]


def test_distinct_names_are_estimated_for_the_time_left():
    import random

    from screener.batch_progress import WorkMeter, estimate_distinct

    rng = random.Random(5)
    few = [f"Name {i}" for i in range(1000)]
    assert estimate_distinct(rng.choice(few) for _ in range(20_000)) == len(set(few))
    many = [f"Customer {i} Ltd" for i in range(60_000)]
    estimate = estimate_distinct(many + many[:30_000])
    assert abs(estimate - 60_000) / 60_000 < 0.05
    meter = WorkMeter(rows=10_000, rows_done=0, distinct=10)
    meter.add(names=12, rows=500)  # more names than estimated: the total grows, never passed
    assert meter.distinct == 12 and meter.completed <= meter.total


def test_a_delisted_batch_hit_is_noticed(au_path, tmp_path):
    from screener import batch_audit, db

    src = tmp_path / "in.csv"
    src.write_text("name\nKamaz PAO\nOlga Smith\n")
    assert run(au_path, "batch", str(src), "-o", str(tmp_path / "o.csv")).exit_code == 1
    assert run(au_path, "batch", str(src), "-o", str(src)).exit_code == 2  # never over its input
    lines = batch_audit.delisted(db.connect(au_path), "au_dfat", {"6937"})
    assert len(lines) == 1 and "(Kamaz PAO): au_dfat 6937 has been delisted" in lines[0]
    assert batch_audit.delisted(db.connect(au_path), "au_dfat", {"1"}) == []


def test_resume_continues_a_cut_output_file_too(au_path, tmp_path):
    src = tmp_path / "in.csv"
    write_csv(src, ["id", "name"], enumerate(SEED_NAMES * 3))
    out = tmp_path / "out.csv"
    assert run(au_path, "batch", str(src), "-o", str(out)).exit_code == 1
    whole = out.read_bytes()
    out.write_bytes(whole[:len(whole) // 2])  # e.g. copied while it was being written
    result = run(au_path, "batch", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 1 and "resuming after" in result.output
    assert out.read_bytes() == whole and "24 rows: " in result.output


def test_each_dask_worker_loads_the_index_once(au_path, tmp_path):
    pytest.importorskip("distributed")
    from screener import db
    from screener.batch_dask import PLUGIN, DaskExecutor
    from screener.screen import Query, Screener

    screener = Screener.open(db.connect(au_path), tmp_path / "cache")
    executor = DaskExecutor("local", au_path, tmp_path / "cache", screener.files, None, 2)
    try:
        queries = [Query(n) for n in SEED_NAMES * 5]
        for _ in range(3):  # several chunks, many tasks
            results = executor.submit(queries)(lambda n: None)
            assert [r.query.name for r in results] == [q.name for q in queries]
        def seen(dask_worker):
            plugin = dask_worker.plugins[PLUGIN]
            return (plugin.loads, len(plugin._by_thread),
                    {id(s.index) for s in plugin._by_thread.values()})
        loaded = executor.client.run(seen)
        assert len(loaded) == 2
        # loaded once at set-up; a task thread gets its own connection, not its own index
        assert all(loads == 1 and len(indexes) == 1 for loads, _, indexes in loaded.values())
        assert any(threads >= 2 for _, threads, _ in loaded.values())
    finally:
        executor.close()


def test_a_supplier_file_as_exported_finds_its_name_column(au_path, tmp_path):
    """A semicolon file from a spreadsheet: BOM, CRLF, "Supplier Name" header, a quoted cell
    over two lines, an unknown extra column. The name column is found without --column and
    line 1 is not suspected of being data."""
    src = tmp_path / "suppliers.csv"
    src.write_bytes(("\ufeffSupplier Name;Country;Notes;Extra Col\r\n"
                     '"Kamaz PAO";RU;"line one\nline two; with a semicolon";x\r\n'
                     "Olga Smith;GB;ok;y\r\n").encode("utf-8"))
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "read as the header" not in result.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh, delimiter=";"))
    assert [(r["Supplier Name"], r["Notes"], r["status"]) for r in got] == [
        ("Kamaz PAO", "line one\nline two; with a semicolon", "hit"), ("Olga Smith", "ok", "clear")]


@pytest.mark.parametrize("headers,found", [
    (["id", "Supplier Name", "city"], 1), (["ID", "VENDOR-NAME"], 1),
    (["Legal name", "Trading name"], None),  # two qualified names: say so, do not guess
    (["First Name", "Last Name"], None), (["id", "File name"], None),
    (["customer name", "Name"], 1)])
def test_name_headers_are_read_as_people_write_them(headers, found):
    from screener.batch_input import BatchInputError, find_column

    if found is None:
        with pytest.raises(BatchInputError, match="pass --column"):
            find_column(headers, None)
    else:
        assert find_column(headers, None) == found


def test_empty_rows_are_skipped_and_counted_not_silently_lost(au_path, tmp_path):
    """Spreadsheet exports carry blank lines and rows of bare delimiters (";;;"): they hold
    nothing to screen or write back, but the count says how many there were."""
    src = tmp_path / "in.csv"
    src.write_text("name;country;note\r\nKamaz PAO;RU;a\r\n\r\n;;\r\nOlga Smith;GB;b\r\n ; ;\r\n")
    out = tmp_path / "out.csv"
    result = run(au_path, "batch", str(src), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "2 rows (3 empty rows skipped: no cell filled)" in result.output
    got = rows_of(out.read_text(), delimiter=";")
    assert [r["name"] for r in got] == ["Kamaz PAO", "Olga Smith"]


def test_an_output_in_a_missing_directory_is_refused_before_the_audit(au_path, tmp_path):
    """It failed on OUT.partial with a raw errno after the audit had recorded a run of
    every row with 0 hits, a run that never happened."""
    src = tmp_path / "in.csv"
    src.write_text("name\nKamaz PAO\n")
    before = json.loads(run(au_path, "audit", "--format", "json").stdout)
    result = run(au_path, "batch", str(src), "-o", str(tmp_path / "no" / "out.csv"))
    assert result.exit_code == 2
    assert f"no directory {tmp_path / 'no'}" in result.output and "Errno" not in result.output
    result = run(au_path, "batch", str(src), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output
    assert json.loads(run(au_path, "audit", "--format", "json").stdout) == before


def test_the_audit_shows_an_unfinished_batch_as_unfinished(au_path, tmp_path):
    from screener import audit
    from screener import db as database
    from screener.batch_audit import BatchAudit

    conn = database.connect(au_path)
    run_ = BatchAudit.start(conn, {"input": "suppliers.csv", "rows": 5000}, [], 0.8)
    entry = next(e for e in audit.entries(conn) if e["id"] == run_.id)
    assert (entry["kind"], entry["results"], entry["hits"]) == ("batch (unfinished)", 0, 0)
    run_.finish(5000)
    entry = next(e for e in audit.entries(conn) if e["id"] == run_.id)
    assert (entry["kind"], entry["results"]) == ("batch", 5000)


def test_resuming_a_complete_run_points_to_its_audit_and_records_no_empty_run(au_path, tmp_path):
    import sqlite3

    src = tmp_path / "in.csv"
    write_csv(src, ["id", "name"], enumerate(SEED_NAMES * 3))
    out = tmp_path / "out.csv"
    first = run(au_path, "batch", str(src), "-o", str(out))
    whole = out.read_bytes()
    count = "SELECT count(*) FROM screenings WHERE kind = 'batch'"
    runs = sqlite3.connect(au_path).execute(count).fetchone()[0]
    again = run(au_path, "batch", str(src), "-o", str(out), "--resume")
    assert again.exit_code == first.exit_code == 1 and "already complete" in again.output
    assert out.read_bytes() == whole and "24 rows: " in again.output
    # Before: a new audit entry of "0 hits" for 24 rows, none of them recorded.
    assert sqlite3.connect(au_path).execute(count).fetchone()[0] == runs
    audit_id = first.output.rsplit("audit id ", 1)[1].split()[0]
    assert f"audit id {audit_id}" in again.output
    assert run(au_path, "audit", "--batch", audit_id, "--row", "1").exit_code == 0


def test_a_run_still_writing_its_output_is_not_resumed_or_restarted_over(au_path, tmp_path):
    # Before: `--resume` while the first run was still going truncated and appended to the
    # same OUT.partial as it, and the later rename failed with a bare "[Errno 2]".
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "\n".join(everyday_names(1110)) + "\n")
    out = tmp_path / "out.csv"
    proc = batch_writing(au_path, src, out, subprocess.DEVNULL)
    try:
        for extra in (["--resume"], []):
            result = run(au_path, "batch", str(src), "-o", str(out), *extra)
            if proc.poll() is None:  # still running when the second run looked
                assert result.exit_code == 2 and "right now" in result.output, result.output
    finally:
        proc.wait(timeout=120)
    assert proc.returncode in (0, 1, 3)
    assert [r["name"] for r in rows_of(out.read_text())] == everyday_names(1110)


def test_a_negative_worker_count_is_refused_not_run_serially(au_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name\nKamaz PAO\n")
    result = run(au_path, "batch", str(src), "--workers", "-3")
    assert result.exit_code == 2 and "--workers must be 0 (all cores) or more" in result.output
    assert run(au_path, "batch", str(src), "--workers", "0").exit_code == 1
