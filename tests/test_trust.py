"""History, audit, and faults: killed loads, concurrent readers, hostile databases."""

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from typer.testing import CliRunner

from screener import audit, history, store
from screener import db as database
from screener.cli import app
from screener.model import ORGANIZATION, PERSON, ParsedList, Target, TargetName
from screener.screen import Query, Screener
from tests.conftest import PROJECT, shared_file

runner = CliRunner()


def target(ref, name, type_=PERSON, programmes=("RUS",), extra=()):
    return Target(source_ref=ref, type=type_, primary_name=name,
                  names=[TargetName(name), *[TargetName(n, kind="aka") for n in extra]],
                  programmes=list(programmes))


def load(conn, targets, sha, list_id="us_ofac_sdn", date="2026-01-01"):
    return store.load_parsed(conn, list_id, ParsedList(format="test", targets=targets,
                                                       publication_date=date),
                             path=None, url=None, sha256=sha, size=1, force=True)


@pytest.fixture
def two_versions(tmp_path):
    conn = database.connect(tmp_path / "s.db")
    load(conn, [target("1", "Sergey KOGOGIN"), target("2", "Maung Maung KYAW"),
                target("3", "Old Trading LLC", ORGANIZATION)], "v1", date="2026-01-01")
    now = store.now_iso()
    for name, type_ in [("Kamaz", ORGANIZATION), ("Maung Maung Kyaw", PERSON)]:
        conn.execute("INSERT INTO entities (name, type, aliases, created_at, updated_at) "
                     "VALUES (?,?,'[]',?,?)", [name, type_, now, now])
    from screener import reports

    reports.match_entities(conn, Screener.open(conn, None))
    screener = Screener.open(conn, None)
    result = screener.screen(Query("Maung Maung Kyaw"))
    from dataclasses import asdict

    from screener.screen import record_screening

    record_screening(conn, "screen", [result], asdict(result.query), result.threshold)
    load(conn, [target("1", "Sergey KOGOGIN", programmes=("RUS", "UKR"), extra=["Sergei KOGOGIN"]),
                target("3", "Old Trading LLC", ORGANIZATION), target("4", "KAMAZ PJSC", ORGANIZATION)],
         "v2", date="2026-02-01")
    return conn


def test_diff_between_versions(two_versions):
    result = history.diff(two_versions, "us_ofac_sdn")
    got = {(c.change, c.source_ref): c for c in result.changes}
    assert set(got) == {("added", "4"), ("removed", "2"), ("changed", "1")}
    assert got[("changed", "1")].details == ["name added: Sergei KOGOGIN", "programmes: RUS -> RUS, UKR"]
    assert result.from_version["publication_date"] == "2026-01-01"
    by_date = history.diff(two_versions, "us_ofac_sdn", "2026-02-01", "2026-01-01")
    assert {(c.change, c.source_ref) for c in by_date.changes} >= {("removed", "4"), ("added", "2")}
    with pytest.raises(ValueError, match="no version 'nope'"):
        history.diff(two_versions, "us_ofac_sdn", "nope")


def test_a_name_written_in_another_order_or_case_is_no_change(two_versions):
    load(two_versions, [target("1", "KOGOGIN, Sergey", programmes=("RUS", "UKR"),
                               extra=["sergei kogogin"]),
                        target("3", "OLD TRADING LLC", ORGANIZATION),
                        target("4", "KAMAZ PJSC", ORGANIZATION)], "v3", date="2026-03-01")
    assert history.diff(two_versions, "us_ofac_sdn").changes == []


def test_reimporting_the_same_file_with_a_newer_parser_reloads_it(tmp_path, monkeypatch):
    from screener import registry

    conn = database.connect(tmp_path / "s.db")
    src = shared_file("us/CONSOLIDATED.XML")
    source = registry.get_source("us_ofac_cons")
    first = store.import_file(conn, source, src)
    assert store.import_file(conn, source, src).status == "unchanged"
    monkeypatch.setattr(store, "PARSER_VERSION", "999")
    again = store.import_file(conn, source, src)
    assert again.status == "loaded" and again.source_file_id != first.source_file_id


def test_notices_name_the_actors_concerned(two_versions):
    lines = history.notices(two_versions, history.diff(two_versions, "us_ofac_sdn"))
    assert any(line.startswith("Kamaz: newly listed by US") for line in lines)
    assert any(line.startswith("Maung Maung Kyaw: delisted by US") for line in lines)
    assert any("has been delisted" in line and "Maung Maung Kyaw" in line for line in lines)


def test_old_versions_are_kept(two_versions):
    rows = two_versions.execute("SELECT id, is_current, record_count FROM source_files "
                                "ORDER BY id").fetchall()
    assert rows == [(1, 0, 3), (2, 1, 3)]
    assert two_versions.execute("SELECT COUNT(*) FROM targets WHERE source_file_id = 1").fetchone()[0] == 3


def test_audit_lists_and_replays_against_the_same_versions(two_versions):
    (entry,) = audit.entries(two_versions)
    assert entry["query"] == "Maung Maung Kyaw" and entry["hits"] == 1
    assert "us_ofac_sdn@1" in entry["lists"]
    replayed = audit.replay(two_versions, entry["id"])
    assert replayed["same"] and replayed["now"][0]["source_ref"] == "2"
    # Against today's lists the same name no longer hits: the replay used version 1.
    assert not Screener.open(two_versions, None).screen(Query("Maung Maung Kyaw")).is_hit
    assert audit.entries(two_versions, since="2999-01-01") == []


def test_cli_diff_and_audit(two_versions, tmp_path):
    two_versions.conn.close()
    db_path = tmp_path / "s.db"
    out = runner.invoke(app, ["--db", str(db_path), "lists", "diff", "us_ofac_sdn", "--format", "json"])
    assert out.exit_code == 0 and len(json.loads(out.stdout)["changes"]) == 3
    out = runner.invoke(app, ["--db", str(db_path), "audit", "--replay", "1"])
    assert out.exit_code == 0 and "same result" in out.output
    out = runner.invoke(app, ["--db", str(db_path), "audit", "--replay", "99"])
    assert out.exit_code == 2 and "no screening 99" in out.output


def _status(db_path):
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT list_id, id, record_count, sha256 FROM source_files "
                        "WHERE is_current = 1 ORDER BY list_id").fetchall()
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    counts = conn.execute("SELECT t.source_file_id, COUNT(*) FROM targets t JOIN source_files f "
                          "ON f.id = t.source_file_id WHERE f.is_current = 1 GROUP BY 1").fetchall()
    conn.close()
    return rows, ok, counts


def test_sigkill_during_load_leaves_the_previous_version(tmp_path):
    eu = shared_file("eu/20240513-FULL-1_1.xml")
    db_path = tmp_path / "s.db"
    conn = database.connect(db_path)
    from screener import registry

    store.import_file(conn, registry.get_source("eu_fsf"), eu)
    conn.conn.close()
    changed = tmp_path / "eu_new.xml"
    changed.write_bytes(eu.read_bytes() + b"\n<!-- a new version -->\n")
    before, ok, counts = _status(db_path)
    assert ok == "ok"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    rng = random.Random(7)
    kills = 0
    for delay in sorted(rng.uniform(0.2, 2.5) for _ in range(5)):
        proc = subprocess.Popen([sys.executable, "-m", "screener.cli", "--db", str(db_path), "lists",
                                 "import", "eu_fsf", str(changed)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.kill()
            kills += 1
        proc.wait()
        rows, ok, now_counts = _status(db_path)
        assert ok == "ok"
        assert all(count == r[2] for r, (_, count) in zip(rows, now_counts, strict=True))
        if rows != before:  # the import finished before the kill: the new version, whole
            assert rows[0][3] != before[0][3] and rows[0][2] == 4811
            break
    assert kills >= 1
    result = runner.invoke(app, ["--db", str(db_path), "screen", "Min Aung Hlaing"])
    assert result.exit_code == 1


def test_readers_never_see_half_a_list(tmp_path):
    """One process loads new versions while this one screens: every snapshot is whole."""
    eu = shared_file("eu/20240513-FULL-1_1.xml")
    db_path = tmp_path / "s.db"
    conn = database.connect(db_path)
    from screener import registry

    store.import_file(conn, registry.get_source("eu_fsf"), eu)
    variants = []
    for i in range(3):
        v = tmp_path / f"eu{i}.xml"
        v.write_bytes(eu.read_bytes() + f"\n<!-- v{i} -->\n".encode())
        variants.append(v)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    errors: list[str] = []

    def writer():
        for v in variants:
            r = subprocess.run([sys.executable, "-m", "screener.cli", "--db", str(db_path), "lists",
                                "import", "eu_fsf", str(v)], env=env, capture_output=True, text=True)
            if r.returncode != 0:
                errors.append(r.stderr)

    thread = threading.Thread(target=writer)
    thread.start()
    checks = 0
    while thread.is_alive() or checks == 0:
        conn.conn.execute("BEGIN")
        current = conn.execute("SELECT id, record_count FROM source_files WHERE is_current = 1 "
                               "AND list_id = 'eu_fsf'").fetchall()
        assert len(current) == 1
        n = conn.execute("SELECT COUNT(*) FROM targets WHERE source_file_id = ?",
                         [current[0][0]]).fetchone()[0]
        conn.conn.execute("COMMIT")
        assert n == current[0][1] == 4811
        checks += 1
        time.sleep(0.05)
    thread.join()
    assert not errors, errors
    assert conn.execute("SELECT COUNT(*) FROM source_files WHERE list_id='eu_fsf'").fetchone()[0] == 4
    assert Screener.open(conn, None).screen(Query("Min Aung Hlaing")).is_hit


def test_prune_keeps_current_and_audited_versions(two_versions):
    load(two_versions, [target("9", "Third Version")], "v3", date="2026-03-01")
    load(two_versions, [target("9", "Fourth Version")], "v4", date="2026-04-01")
    # Version 1 was used by the audited screening; versions 2 and 3 were not.
    assert history.prune(two_versions, keep=1) == 2
    left = [r[0] for r in two_versions.execute("SELECT id FROM source_files ORDER BY id")]
    assert left == [1, 4]
    assert two_versions.execute("SELECT COUNT(*) FROM targets WHERE source_file_id IN (2, 3)"
                                ).fetchone()[0] == 0
    assert two_versions.execute("SELECT COUNT(*) FROM target_names WHERE target_id NOT IN "
                                "(SELECT id FROM targets)").fetchone()[0] == 0
    assert audit.replay(two_versions, 1)["same"]
    with pytest.raises(ValueError, match="at least 1"):
        history.prune(two_versions, keep=0)
