"""The command line as a user runs it: lists import/status, screen, exit codes, bad input."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from screener import db as database
from screener.cli import app
from tests.conftest import AU_FILE, FIXTURES, shared_file

runner = CliRunner()


def run(db_path, *args):
    return runner.invoke(app, ["--db", str(db_path), *args])


def current_versions(db_path):
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT id, list_id, record_count FROM source_files WHERE is_current = 1").fetchall()
    conn.close()
    return rows


def test_import_au_status_and_reimport(tmp_path):
    db_path = tmp_path / "s.db"
    result = run(db_path, "lists", "import", "au_dfat", str(shared_file(AU_FILE)))
    assert result.exit_code == 0, result.output
    assert "loaded 3811 records" in result.output
    status = json.loads(run(db_path, "lists", "status", "--format", "json").stdout)
    au = next(r for r in status if r["list"] == "au_dfat")
    assert (au["records"], au["published"], au["versions"]) == (3811, "2026-02-24", 1)
    assert au["names"] == 10941
    again = run(db_path, "lists", "import", "au_dfat", str(shared_file(AU_FILE)))
    assert again.exit_code == 0 and "unchanged" in again.output
    assert len(current_versions(db_path)) == 1
    table = run(db_path, "lists", "status")
    assert "2026-02-24" in table.stdout and "3811" in table.stdout


def test_import_wrong_file_for_list_keeps_data(tmp_path):
    db_path = tmp_path / "s.db"
    run(db_path, "lists", "import", "au_dfat", str(shared_file(AU_FILE)))
    before = current_versions(db_path)
    result = run(db_path, "lists", "import", "au_dfat", str(FIXTURES / "uk/UK-Sanctions-List_sample.xml"))
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "Traceback" not in result.output
    assert current_versions(db_path) == before


def test_a_version_with_far_fewer_records_needs_force(tmp_path):
    from screener import registry, store
    from screener.sources import parse_file

    db_path = tmp_path / "s.db"
    conn = database.connect(db_path)
    source = registry.get_source("gb_fcdo")
    fixture = FIXTURES / "uk/UK-Sanctions-List_sample.xml"
    store.import_file(conn, source, fixture)
    half = parse_file(fixture)
    half.targets = half.targets[:2]
    with pytest.raises(store.LoadRefused, match="drop of 60%"):
        store.load_parsed(conn, "gb_fcdo", half, path="half", url=None, sha256="x", size=1)
    assert store.current_file(conn, "gb_fcdo")["record_count"] == 5
    store.load_parsed(conn, "gb_fcdo", half, path="half", url=None, sha256="x", size=1, force=True)
    assert store.current_file(conn, "gb_fcdo")["record_count"] == 2
    assert conn.execute("SELECT COUNT(*) FROM source_files WHERE list_id='gb_fcdo'").fetchone()[0] == 2


def test_unknown_list_and_missing_file(tmp_path):
    result = run(tmp_path / "s.db", "lists", "import", "xx_nowhere", "nofile")
    assert result.exit_code == 2 and "unknown list 'xx_nowhere'" in result.output
    result = run(tmp_path / "s.db", "lists", "import", "au_dfat", str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 2 and "no such file" in result.output
    # A directory is named as one, not as missing (lists import, batch and entities import).
    for args in (("lists", "import", "au_dfat"), ("batch",), ("entities", "import")):
        result = run(tmp_path / "s.db", *args, str(tmp_path))
        assert result.exit_code == 2 and "a directory, not a file" in result.output, args


def test_database_that_is_not_sqlite(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("my notes, not a database")
    result = run(bad, "lists", "status")
    assert result.exit_code == 2 and "not an SQLite file" in result.output
    assert bad.read_text() == "my notes, not a database"


def test_database_from_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    conn.close()
    result = run(path, "lists", "status")
    assert result.exit_code == 2 and "newer than this screener" in result.output


def test_screen_before_any_list_is_loaded(tmp_path):
    result = run(tmp_path / "s.db", "screen", "Sergei Kogogin")
    assert result.exit_code == 2 and "no sanctions list is loaded" in result.output


def screen_json(db_path, *args):
    result = run(db_path, "screen", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_screen_acceptance_on_the_au_list(au_path):
    code, out = screen_json(au_path, "Sergei Kogogin")
    assert code == 1
    top = out["hits"][0]
    assert (top["source_ref"], top["matched_name"], top["status"]) == ("6906", "Sergey KOGOGIN", "hit")
    assert top["score"] >= out["threshold"]

    code, out = screen_json(au_path, "N.P. Patrushev")
    assert out["hits"][0]["matched_name"] == "Nikolai Platonovich PATRUSHEV"
    ranked = [h["matched_name"] for h in out["hits"]]
    assert "Andrey PATRUSHEV" not in ranked[:1]

    code, out = screen_json(au_path, "Alexander Fomin")
    ranked = [h["matched_name"] for h in out["hits"]]
    assert ranked[0] == "Alexander Vasilyevich FOMIN"
    assert "Yuri Alexandrovich FOMIN" not in [h["matched_name"] for h in out["hits"] if h["status"] == "hit"]

    code, out = screen_json(au_path, "Senior General Min Aung Hlaing")
    assert code == 1 and out["hits"][0]["source_ref"] == "7317"
    code, out = screen_json(au_path, "Kamaz PAO")
    assert code == 1 and out["hits"][0]["source_ref"] == "6937"
    assert "legal form" in out["hits"][0]["explanation"]
    code, out = screen_json(au_path, "Aung San Suu Kyi")
    assert code == 0 and not [h for h in out["hits"] if h["status"] == "hit"]


def test_screen_context_can_only_lower(au_path):
    _, plain = screen_json(au_path, "Sergei Kogogin")
    code, wrong = screen_json(au_path, "Sergei Kogogin", "--birth-year", "1990", "--type", "org")
    assert wrong["hits"][0]["score"] < plain["hits"][0]["score"]
    assert wrong["hits"][0]["status"] == "review" and code == 3  # review only


def test_screen_is_audited_with_list_versions(au_path):
    run(au_path, "screen", "Sergei Kogogin")
    conn = sqlite3.connect(au_path)
    query, files, hits = conn.execute(
        "SELECT query, source_files, hits FROM screenings ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(query)["name"] == "Sergei Kogogin" and hits == 1
    assert json.loads(files)[0]["list_id"] == "au_dfat"


def test_one_long_query_does_not_widen_every_row_of_the_audit(au_path):
    """A pasted 300-character text padded every line of `screener audit` to its width."""
    long_name = " ".join(["Kovalenko"] * 30)
    run(au_path, "screen", long_name)
    run(au_path, "screen", "Sergei Kogogin")
    table = run(au_path, "audit").stdout
    kogogin = next(line for line in table.splitlines() if "Sergei Kogogin" in line)
    assert len(kogogin) < 160, kogogin
    entries = json.loads(run(au_path, "audit", "--format", "json").stdout)
    assert long_name in [e["query"] for e in entries]  # whole in the other formats


@pytest.mark.parametrize("name", ["", "   ", "!!!"])
def test_screen_rejects_empty_names(au_path, name):
    result = run(au_path, "screen", name)
    assert result.exit_code == 2 and "no letters" in result.output


@pytest.mark.parametrize("blank_id", ["", "   "])
def test_screen_a_blank_id_alone_is_an_error_not_clear(au_path, blank_id):
    """`--id ""` (an empty spreadsheet cell pasted in) screened nothing and said clear."""
    result = run(au_path, "screen", "--id", blank_id)
    assert result.exit_code == 2 and "no letters" in result.output
    assert sqlite3.connect(au_path).execute("SELECT COUNT(*) FROM screenings").fetchone()[0] == 0
    code, out = screen_json(au_path, "Sergei Kogogin", "--id", blank_id)  # beside a name: ignored
    assert code == 1 and out["hits"][0]["source_ref"] == "6906"


def test_a_pasted_sentence_that_screens_clear_gets_a_note(au_path):
    """A 300-character sentence naming Kogogin is matched as one name and is clear: the
    verdict stands, but the user is told why and what to do instead."""
    sentence = ("Public Joint Stock Company Kamaz, a truck maker in Naberezhnye Chelny whose "
                "general director is Sergey Kogogin and whose largest shareholder is the state "
                "corporation Rostec, supplies trucks")
    result = run(au_path, "screen", sentence)
    assert result.exit_code == 0 and "matched as one name" in result.stderr
    assert "docs ingest" in result.stderr
    assert "matched as one name" not in run(au_path, "screen", "Olga Smith").stderr


def test_screen_survives_hostile_names(au_path):
    for name in ["'; DROP TABLE targets; --", "A" * 100_000, "Kamaz\x00PAO", "=cmd|' /C calc'!A0"]:
        result = run(au_path, "screen", name, "--format", "csv")
        assert result.exit_code in (0, 1), result.output
    assert sqlite3.connect(au_path).execute("SELECT COUNT(*) FROM targets").fetchone()[0] == 3811


def test_a_first_fcdo_file_far_smaller_than_the_ofsi_list_it_replaces_needs_force(tmp_path):
    """Reports count FCDO in OFSI's place once it is loaded, so the real four-record FCDO
    extract would have turned every UK "listed" of the day-2 demo into a gap."""
    db_path = tmp_path / "s.db"
    assert run(db_path, "lists", "import", "gb_ofsi",
               str(shared_file("uk/ConList.xlsx"))).exit_code == 0
    extract = str(shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml"))
    refused = run(db_path, "lists", "import", "gb_fcdo", extract)
    assert refused.exit_code == 2, refused.output
    assert "4 records against 4,688 in gb_ofsi" in refused.output and "--force" in refused.output
    assert [r[1] for r in current_versions(db_path)] == ["gb_ofsi"]
    forced = run(db_path, "lists", "import", "gb_fcdo", extract, "--force")
    assert forced.exit_code == 0 and "loaded 4 records" in forced.output
    status = run(db_path, "lists", "status")
    assert "warning: UK (gb_ofsi) is not counted in reports: gb_fcdo" in status.stderr


def test_report_output_into_a_missing_directory_or_onto_a_directory_is_one_plain_line(tmp_path):
    # Before: "[Errno 21] Is a directory: '/.tmp.z1rvyitd.part' -> '/tmp'", naming the
    # temporary file, not the user's path.
    result = run(tmp_path / "s.db", "entities", "export", str(tmp_path / "nodir" / "e.csv"))
    assert result.exit_code == 2
    assert f"cannot write {tmp_path / 'nodir' / 'e.csv'}: no directory" in result.output
    result = run(tmp_path / "s.db", "entities", "export", str(tmp_path))
    assert result.exit_code == 2 and "it is a directory; give a file name" in result.output
    assert ".part" not in result.output and not list(tmp_path.glob(".*part"))


def test_another_lists_real_file_under_the_wrong_list_id_names_the_right_one(tmp_path):
    un = shared_file("un/consolidated.xml")
    result = run(tmp_path / "s.db", "lists", "import", "eu_fsf", str(un))
    assert result.exit_code == 2 and "not a recognised list file" in result.output
    assert "it is in the un_sc_xml format, for un_sc" in result.output
    result = run(tmp_path / "s.db", "lists", "import", "gb_fcdo", str(shared_file("uk/ConList.xlsx")))
    assert result.exit_code == 2 and "for gb_ofsi" in result.output
