"""Actors in the seed documents: who is found, what is not, and corrections that last."""

import json

import pytest

from screener import db as database
from screener import documents, entities
from screener.extract import rule_mentions
from screener.newstext import sentences
from tests.conftest import PROJECT

ACCEPTANCE = ["Min Aung Hlaing", "Sergey Kogogin", "Rustam Minnikhanov", "Kamaz", "Rostec",
              "Alexander Fomin", "Soe Win", "Maung Maung Kyaw", "Maung Maung Aye", "Aung Naing Oo",
              "Vladimir Kasatonov", "Sergei Shoigu", "N.P. Patrushev", "Dmitry Medvedev",
              "Vladimir Putin", "Russian Helicopters", "Rossotrudnichestvo", "Justice for Myanmar",
              "Yadanar Maung", "Aung San Suu Kyi"]
NOT_ACTORS = ["Myanmar", "Naypyitaw", "Naypyidaw", "Tatarstan", "Kazan", "Moscow", "Russia",
              "February", "March", "Pantsir-S1", "Mi-35", "Yak-130", "MiG-29", "Orlan",
              "Russian Defense Minister", "coup leader", "Snr. Gen.", "Related Articles"]


def forms(row):
    return [row["name"], *json.loads(row["aliases"] or "[]")]


@pytest.fixture
def found(au_db):
    return {e["name"]: e for e in entities.list_entities(au_db)}


def entity_with(found, name):
    matches = [e for e in found.values() if name in forms(e)]
    assert len(matches) == 1, f"{name}: {[m['name'] for m in matches]}"
    return matches[0]


@pytest.mark.parametrize("name", ACCEPTANCE)
def test_acceptance_actors_found_once_with_evidence(au_db, found, name):
    e = entity_with(found, name)
    mentions = entities.entity_mentions(au_db, e["id"])
    assert mentions and all(m["sentence"] for m in mentions)


def test_min_aung_hline_is_merged_into_min_aung_hlaing(au_db, found):
    e = entity_with(found, "Min Aung Hlaing")
    texts = {m["text"] for m in entities.entity_mentions(au_db, e["id"])}
    assert "Min Aung Hline" in texts and e["documents"] >= 4


def test_burmese_namesakes_stay_apart(found):
    assert entity_with(found, "Maung Maung Aye")["id"] != entity_with(found, "Maung Maung Kyaw")["id"]


@pytest.mark.parametrize("word", NOT_ACTORS)
def test_places_months_models_and_descriptions_are_not_actors(found, word):
    assert not [e for e in found.values() if word in forms(e)]


def test_offsets_point_at_the_mention(au_db):
    rows = list(au_db.query("SELECT d.text, m.start, m.end, m.text AS mention, m.sentence "
                            "FROM mentions m JOIN documents d ON d.id = m.document_id"))
    assert len(rows) > 80
    for r in rows:
        assert r["text"][r["start"]:r["end"]] == r["mention"]
        assert r["mention"] in r["sentence"]


def test_rules_alone_handle_titles_and_appositions():
    text = ("A delegation headed by Rustam Minnikhanov, President of Russia’s Republic of Tatarstan, "
            "and including Sergey Kogogin—the general director for Kamaz, met with Vice Snr. Gen. "
            "Soe Win. Fomin said so. Russia’s President Vladimir Putin agreed.")
    names = {(m.name, m.type) for m in rule_mentions(text)}
    assert {("Rustam Minnikhanov", "person"), ("Sergey Kogogin", "person"), ("Soe Win", "person"),
            ("Vladimir Putin", "person")} <= names
    assert not any(n in ("Tatarstan", "Republic of Tatarstan", "Russia") for n, _ in names)


def test_sentences_do_not_break_on_initials_or_ranks():
    text = "Snr. Gen. Min Aung Hlaing met N.P. Patrushev in Moscow. Then he left."
    assert [s.text for s in sentences(text)] == [
        "Snr. Gen. Min Aung Hlaing met N.P. Patrushev in Moscow.", "Then he left."]


def test_reingest_unchanged_is_a_noop_and_changed_replaces(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("Sergey Kogogin met Yadanar Maung in Moscow.", encoding="utf-8")
    conn = database.connect(tmp_path / "s.db")
    first = documents.ingest(conn, [doc])
    assert first.added == [str(doc)] and first.entities == 2
    again = documents.ingest(conn, [doc])
    assert again.unchanged == [str(doc)] and not again.touched
    doc.write_text("Rustam Minnikhanov met Yadanar Maung.", encoding="utf-8")
    changed = documents.ingest(conn, [doc])
    assert changed.changed == [str(doc)]
    names = {e["name"] for e in entities.list_entities(conn)}
    assert names == {"Rustam Minnikhanov", "Yadanar Maung"}
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_non_utf8_and_binary_files_are_reported_and_skipped(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Sergey Kogogin met Yadanar Maung.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 Kogogin".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = documents.ingest(database.connect(tmp_path / "s.db"), [tmp_path])
    reasons = dict(report.skipped)
    assert "not UTF-8" in reasons[str(tmp_path / "latin1.txt")]
    assert "binary" in reasons[str(tmp_path / "binary.txt")]
    assert report.added == [str(good)]


def test_curations_survive_reingest(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("Sergey Kogogin met Yadanar Maung and Thin Zhuo in Moscow.", encoding="utf-8")
    conn = database.connect(tmp_path / "s.db")
    documents.ingest(conn, [doc])
    entities.curate(conn, "rename", entity="Thin Zhuo", name="Htin Kyaw")
    entities.curate(conn, "delete", entity="Yadanar Maung")
    entities.curate(conn, "add", name="Kamaz", type="organization")
    doc.write_text("Sergey Kogogin met Yadanar Maung and Thin Zhuo in Kazan.", encoding="utf-8")
    documents.ingest(conn, [doc])
    names = {e["name"] for e in entities.list_entities(conn)}
    assert names == {"Sergey Kogogin", "Htin Kyaw", "Kamaz"}


def test_merge_keeps_mentions(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("Thin Zhuo met Htin Kyaw. Later Htin Kyaw left.", encoding="utf-8")
    conn = database.connect(tmp_path / "s.db")
    documents.ingest(conn, [doc])
    entities.curate(conn, "merge", entity="Thin Zhuo", into="Htin Kyaw")
    (row,) = entities.list_entities(conn)
    assert row["name"] == "Htin Kyaw" and row["mentions"] == 3
    assert json.loads(row["aliases"]) == ["Thin Zhuo"]


def test_an_acronym_found_by_its_context_joins_the_organisation_it_abbreviates(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("The Independent Election Commission (IEC) published the results on Monday. "
                   "IEC said turnout was low, according to KCNA.", encoding="utf-8")
    conn = database.connect(tmp_path / "s.db")
    documents.ingest(conn, [doc])
    rows = {e["name"]: json.loads(e["aliases"] or "[]") for e in entities.list_entities(conn)}
    assert rows == {"Independent Election Commission": ["IEC"], "KCNA": []}


def test_unknown_entity_is_a_clear_error(tmp_path):
    conn = database.connect(tmp_path / "s.db")
    with pytest.raises(ValueError, match="no entity named"):
        entities.curate(conn, "rename", entity="Nobody", name="X")


def test_seeds_copied_into_the_project():
    assert len(list((PROJECT / "seeds").glob("*.txt"))) == 5


def test_entities_export_and_import_round_trip(tmp_path):
    from typer.testing import CliRunner

    from screener.cli import app

    doc = tmp_path / "report.txt"
    doc.write_text("Sergey Kogogin met Yadanar Maung and Thin Zhuo in Moscow.", encoding="utf-8")
    db_path = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db_path), "docs", "ingest", str(doc)]).exit_code == 0
    out = tmp_path / "entities.csv"
    assert runner.invoke(app, ["--db", str(db_path), "entities", "export", str(out)]).exit_code == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,name,type,aliases,mentions" and len(rows) == 4
    edited = [rows[0]] + [r.replace("Thin Zhuo", "Htin Kyaw") for r in rows[1:]
                          if "Yadanar" not in r] + [",Kamaz,organization,,"]
    out.write_text("\n".join(edited) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db_path), "entities", "import", str(out)])
    assert result.exit_code == 0, result.output
    doc.write_text("Sergey Kogogin met Yadanar Maung and Thin Zhuo in Kazan.", encoding="utf-8")
    runner.invoke(app, ["--db", str(db_path), "docs", "ingest", str(doc)])
    listed = runner.invoke(app, ["--db", str(db_path), "entities", "list", "--format", "json"])
    names = {e["name"] for e in json.loads(listed.stdout)}
    assert names == {"Sergey Kogogin", "Htin Kyaw", "Kamaz"}


def test_one_word_organisations_need_the_sentence_to_say_so():
    text = ("Russian state-owned arms company Rostec is the majority shareholder in Kamaz. "
            "Sergey Kogogin met Zvezdochka officials. The company Moscow grew.")
    names = {m.name for m in rule_mentions(text) if m.type == "organization"}
    assert names == {"Rostec", "Kamaz"}
