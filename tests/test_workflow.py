"""Issue #10, the data layer: what an analyst does after the demo (re-ingest after matching,
decisions that stay with the entity, entity sheets imported twice, one file = one document)."""

import getpass
import json
import shutil

import pytest
from typer.testing import CliRunner

from screener import documents, entities, gazetteer, reports, review
from screener.cli import app
from screener.screen import Screener
from tests.conftest import PROJECT

SEED = PROJECT / "seeds" / "000_6fbb7272fd5c4731.txt"
NEW_ARTICLE = ("Moscow, 3 March. Sergey Kogogin, the head of Kamaz, met Nikolai Patrushev on "
               "Tuesday, the ministry said.\n")


def ids_by_name(db):
    return {r["name"]: r["id"] for r in entities.list_entities(db)}


def ingest(db, tmp_path, *paths, force=False):
    """Ingest as the CLI does, with the list names as gazetteer."""
    return documents.ingest(db, list(paths), gazetteer.load(db, tmp_path / "cache"), force=force)


def rematch(db, tmp_path):
    return reports.match_entities(db, Screener.open(db, tmp_path / "cache"))


def au_cell(db, name):
    row = next(r for r in reports.coverage(db).rows if r.name == name)
    return row.cells["AU"]


# ------------------------------------------------------------------ 1. re-ingest after match

def test_ingest_after_match_keeps_entities_their_matches_and_decisions(au_db, tmp_path):
    first = rematch(au_db, tmp_path)
    before = ids_by_name(au_db)
    review.decide(au_db, "Vladimir Putin", "au_dfat", "3359", "rejected", "not Kononov", by="ana")
    article = tmp_path / "new.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    report = ingest(au_db, tmp_path, article)  # crashed: FOREIGN KEY constraint failed
    assert report.added == [str(article)]
    article.write_text(NEW_ARTICLE + "Vladimir Putin did not comment.\n", encoding="utf-8")
    assert ingest(au_db, tmp_path, article).changed == [str(article)]
    ingest(au_db, tmp_path, PROJECT / "seeds", force=True)
    # Every entity kept its id, even "N.P. Patrushev", now named in full by the new article.
    assert {n: entities.find_entity(au_db, n)["id"] for n in before} == before
    assert entities.find_entity(au_db, "Nikolai Patrushev")["id"] == before["N.P. Patrushev"]
    second = rematch(au_db, tmp_path)
    # Only what changed is screened again; the unchanged entities keep their matches.
    assert 0 < second.rematched < first.rematched / 4, (first, second)
    third = reports.match_entities(au_db, Screener.open(au_db, tmp_path / "cache"),
                                   everything=True)
    assert third.rematched == third.entities and third.matches == second.matches
    assert au_cell(au_db, "Sergey Kogogin").status == "listed"
    putin = au_cell(au_db, "Vladimir Putin")
    assert "3359" not in {h["source_ref"] for h in putin.hits}
    assert any(r["source_ref"] == "3359" and r["decision"] == "rejected"
               for r in review.queue(au_db))


# ------------------------------------------------------------------ 2. decisions by entity id

def test_decisions_survive_rename_merge_and_reingest(au_db, tmp_path):
    rematch(au_db, tmp_path)
    review.decide(au_db, "Sergey Kogogin", "au_dfat", "6906", "rejected", "namesake", by="ana")
    entities.curate(au_db, "rename", entity="Sergey Kogogin", name="Sergei Kogogin (Kamaz CEO)")
    rematch(au_db, tmp_path)
    cell = au_cell(au_db, "Sergei Kogogin (Kamaz CEO)")
    assert cell.status == "not listed"  # was back to "listed" when keyed by the name
    queued = [r for r in review.queue(au_db) if r["source_ref"] == "6906"]
    assert [(r["entity"], r["decision"], r["by"]) for r in queued] == [
        ("Sergei Kogogin (Kamaz CEO)", "rejected", "ana")]
    # A merge: the decision on the merged entity follows it to the survivor.
    review.decide(au_db, "Soe Win", "au_dfat", "7318", "rejected", by="ben")
    entities.curate(au_db, "merge", entity="Soe Win", into="Min Aung Hlaing")
    ingest(au_db, tmp_path, PROJECT / "seeds", force=True)
    rematch(au_db, tmp_path)
    hits = {h["source_ref"] for h in au_cell(au_db, "Min Aung Hlaing").hits}
    assert "7317" in hits and "7318" not in hits
    assert au_cell(au_db, "Sergei Kogogin (Kamaz CEO)").status == "not listed"


def test_latest_decision_applies_and_the_log_keeps_all(au_db, tmp_path):
    rematch(au_db, tmp_path)
    review.decide(au_db, "Kamaz", "au_dfat", "6937", "rejected", "wrong Kamaz", by="ana")
    review.decide(au_db, "Kamaz", "au_dfat", "6937", "confirmed", "same registration", by="ben")
    assert au_cell(au_db, "Kamaz").status == "listed"
    log = [(r["decision"], r["by"], r["note"]) for r in review.history(au_db)]
    assert log == [("rejected", "ana", "wrong Kamaz"), ("confirmed", "ben", "same registration")]
    assert all(r["at"] for r in review.history(au_db))
    assert review.decide(au_db, "Kamaz", "au_dfat", "6937", "pending").by == getpass.getuser()
    assert au_cell(au_db, "Kamaz").hits[0]["decision"] == "pending"  # the latest applies


def test_confirming_a_pair_never_proposed_counts_as_listed(au_db, tmp_path):
    rematch(au_db, tmp_path)
    assert au_cell(au_db, "Yadanar Maung").status == "not listed"
    d = review.decide(au_db, "Yadanar Maung", "au_dfat", "7324", "confirmed", "seen in court file")
    assert not d.matched
    cell = au_cell(au_db, "Yadanar Maung")  # said "not listed" after a "confirmed" before
    assert cell.status == "listed" and cell.hits[0]["source_ref"] == "7324"
    assert "not proposed by the matcher" in cell.hits[0]["explanation"]
    with pytest.raises(ValueError, match="no target '99999' in its current version"):
        review.decide(au_db, "Yadanar Maung", "au_dfat", "99999", "confirmed")
    # A reference pasted from a spreadsheet cell, spaces and all, is the same reference.
    d = review.decide(au_db, "Yadanar Maung", "au_dfat", " 7324 ", "rejected")
    assert d.source_ref == "7324" and au_cell(au_db, "Yadanar Maung").status == "not listed"


def test_review_cli_takes_by_and_shows_history(au_db, tmp_path):
    db_path = tmp_path / "screener.db"
    rematch(au_db, tmp_path)
    runner = CliRunner()
    out = runner.invoke(app, ["--db", str(db_path), "review", "reject", "Vladimir Putin",
                              "au_dfat", "3359", "--by", "ana", "--note", "different person"])
    assert out.exit_code == 0 and "rejected by ana" in out.output
    runner.invoke(app, ["--db", str(db_path), "review", "confirm", "Vladimir Putin", "au_dfat",
                        "3359", "--by", "ben"])
    log = json.loads(runner.invoke(app, ["--db", str(db_path), "review", "list", "--history",
                                         "-f", "json"]).stdout)
    assert [(r["decision"], r["by"]) for r in log] == [("rejected", "ana"), ("confirmed", "ben")]
    bad = runner.invoke(app, ["--db", str(db_path), "review", "confirm", "Vladimir Putin",
                              "au_dfat", "nope"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


# ------------------------------------------------------------------ 7. entities import

def test_entities_import_twice_changes_nothing_the_second_time(au_db, tmp_path):
    db_path = tmp_path / "screener.db"
    runner = CliRunner()
    sheet = tmp_path / "entities.csv"
    assert runner.invoke(app, ["--db", str(db_path), "entities", "export", str(sheet)]).exit_code == 0
    lines = sheet.read_text(encoding="utf-8").splitlines()
    lines.append(',Novaya Energiya LLC,org,Novaya Energiya; NE LLC,0')
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = runner.invoke(app, ["--db", str(db_path), "entities", "import", str(sheet)])
    assert first.exit_code == 0 and "1 added" in first.output, first.output
    count = au_db.execute("SELECT COUNT(*) FROM curations").fetchone()[0]
    before = entities.list_entities(au_db)
    second = runner.invoke(app, ["--db", str(db_path), "entities", "import", str(sheet)])
    assert second.exit_code == 0 and second.output.startswith("0 corrections"), second.output
    assert au_db.execute("SELECT COUNT(*) FROM curations").fetchone()[0] == count
    assert entities.list_entities(au_db) == before  # the added row was deleted here before
    row = entities.find_entity(au_db, "NE LLC")
    assert (row["name"], row["type"]) == ("Novaya Energiya LLC", "organization")
    assert json.loads(row["aliases"]) == ["NE LLC", "Novaya Energiya"]


def test_entities_import_refuses_an_unknown_type_and_stores_nothing(au_db, tmp_path):
    db_path = tmp_path / "screener.db"
    sheet = tmp_path / "entities.csv"
    sheet.write_text("name,type\nSome Bank,org\nSome Ship,boat\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["--db", str(db_path), "entities", "import", str(sheet)])
    assert out.exit_code == 2 and "line 3" in out.output and "'boat'" in out.output
    assert au_db.execute("SELECT COUNT(*) FROM curations").fetchone()[0] == 0


def test_a_sheet_of_additions_with_an_empty_id_column_deletes_nothing(au_db, tmp_path):
    """A user's own sheet in the export's columns, ids left empty: it deleted every entity
    (75 of the day-2 demo's), since rows missing from an export are deletions."""
    db_path = tmp_path / "screener.db"
    before = entities.list_entities(au_db)
    sheet = tmp_path / "new.csv"
    sheet.write_bytes("\ufeffid;name;type;aliases\r\n;Puma Energy;org;Puma\r\n".encode())
    out = CliRunner().invoke(app, ["--db", str(db_path), "entities", "import", str(sheet)])
    assert out.exit_code == 2 and f"would delete all {len(before)} entities" in out.output
    assert entities.list_entities(au_db) == before
    sheet.write_bytes("\ufeffname;type;aliases\r\nPuma Energy;org;Puma\r\n".encode())
    out = CliRunner().invoke(app, ["--db", str(db_path), "entities", "import", str(sheet)])
    assert out.exit_code == 0 and "1 added, 0 deleted" in out.output, out.output
    assert len(entities.list_entities(au_db)) == len(before) + 1


# ------------------------------------------------------------------ documents by content

def test_one_file_by_any_path_is_one_document(au_db, tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    count = au_db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    copy = tmp_path / "elsewhere" / "article.txt"
    copy.parent.mkdir()
    shutil.copy(SEED, copy)
    for path in (SEED.relative_to(PROJECT), SEED.resolve(), copy):
        report = documents.ingest(au_db, [path])
        assert report.unchanged == [str(path)] and not report.added, path
    assert au_db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == count
    assert documents.ingest(au_db, [copy]).duplicates[0][0] == str(copy)


def test_an_added_actor_later_named_in_a_text_stays_one_entity(au_db, tmp_path):
    entities.curate(au_db, "add", name="Nikolay Volobuev Jr", type="person")
    added = entities.find_entity(au_db, "Nikolay Volobuev Jr")["id"]
    article = tmp_path / "volobuev.txt"
    article.write_text("Moscow, 5 March. Nikolay Volobuev Jr, a director, flew to Yangon.\n",
                       encoding="utf-8")
    ingest(au_db, tmp_path, article)
    rows = [r for r in entities.list_entities(au_db) if r["name"] == "Nikolay Volobuev Jr"]
    assert [r["id"] for r in rows] == [added] and rows[0]["mentions"] >= 1


def test_two_files_with_one_relative_name_are_two_documents(au_db, tmp_path, monkeypatch):
    for folder, text in (("a", NEW_ARTICLE), ("b", "Kamaz said nothing.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path / folder)
        assert ingest(au_db, tmp_path, documents.Path("note.txt")).added == ["note.txt"]
    paths = [r[0] for r in au_db.execute("SELECT path FROM documents WHERE path LIKE '%note.txt' "
                                           "ORDER BY id")]
    assert paths == ["note.txt", str((tmp_path / "b" / "note.txt").resolve())]


def test_a_version_1_database_keeps_its_review_decisions(tmp_path):
    import sqlite3

    from screener import db as database

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(database.SCHEMA_V1 + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO entities (name, type, aliases, curated, created_at, updated_at) "
                 "VALUES ('Sergey Kogogin', 'person', '[]', 0, 'x', 'x')")
    conn.execute("INSERT INTO reviews (entity_name, list_id, source_ref, decision, note, "
                 "decided_at) VALUES ('Sergey Kogogin', 'au_dfat', '6906', 'rejected', 'namesake', "
                 "'2026-11-01T10:00:00+00:00')")
    conn.commit()
    conn.close()
    migrated = database.connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    [row] = review.history(migrated)
    assert (row["entity"], row["source_ref"], row["decision"], row["note"]) == (
        "Sergey Kogogin", "6906", "rejected", "namesake")
    assert migrated.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 1  # kept


def test_a_draft_named_as_a_row_was_extracted_takes_that_row_first():
    from collections import Counter

    def row(i, name, aliases=()):
        return {"id": i, "name": name, "extracted_name": name, "aliases": json.dumps(aliases)}

    def draft(name, forms, mentions):
        return entities.EntityDraft(name, "organization", Counter(forms), [(1, None)] * mentions)

    rows = [row(1, "Kamaz"), row(2, "Kamaz PAO"), row(3, "Rostec", ["Rostec State Corporation"])]
    drafts = [draft("KAMAZ Publicly Traded Company", ["KAMAZ Publicly Traded Company",
                                                      "Kamaz PAO"], 5),
              draft("Kamaz PAO", ["Kamaz PAO"], 1),
              draft("Rostec State Corporation", ["Rostec State Corporation"], 2),
              draft("Daimler Truck", ["Daimler Truck"], 1)]
    # The best-attested draft shares "Kamaz PAO" with row 2, but row 2 was extracted as
    # "Kamaz PAO": that draft keeps it; Rostec is found by its alias; Daimler is new.
    assert entities.assign_ids(rows, drafts) == [None, 2, 3, None]


def test_a_failed_upgrade_is_a_clear_error_and_changes_nothing(tmp_path, monkeypatch):
    """An upgrade that cannot finish (read-only file, full disk: here a failing last step)
    leaves the schema-1 database exactly as it was."""
    import sqlite3

    from screener import db as database

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(database.SCHEMA_V1 + "PRAGMA user_version = 1;")
    conn.close()
    last = database.SCHEMA_VERSION
    monkeypatch.setitem(database.MIGRATIONS, last,
                        database.MIGRATIONS[last] + ";\nINSERT INTO nowhere VALUES (1)")
    with pytest.raises(database.DatabaseError, match="cannot upgrade the database from schema 1"):
        database.connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = {r[1] for r in conn.execute("PRAGMA table_info(entities)")}
    assert "merged_into" not in columns
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'decisions'").fetchall()
