"""The extraction benchmark: its labelled set is well formed, and it scores what it says."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bench.extraction import (
    EVAL_DIR,
    Actor,
    Document,
    Prediction,
    Result,
    key,
    load_eval_set,
    load_seed_set,
    markdown,
    score,
    screener_predictor,
)
from screener import documents


def test_names_compare_without_case_punctuation_possessive_or_leading_the():
    assert key("The Irrawaddy’s") == key("Irrawaddy") == "irrawaddy"
    assert key("U.S. Treasury") == key("US treasury")
    assert key("Myanma Oil and Gas Enterprise (MOGE)") == "myanma oil and gas enterprise moge"
    assert key("Burma’s Defense Ministry") != key("Defense Ministry")  # a span error stays one
    assert key("State Antony Blinken") != key("Antony Blinken")


def test_a_prediction_counts_once_and_duplicates_are_not_errors():
    actors = [Actor("Vladimir Putin", "person", ["Vladimir Putin", "Putin"]),
              Actor("Rosneft", "org", ["Rosneft"]),
              Actor("Igor Sechin", "person", ["Igor Sechin"])]
    predictions = [Prediction(["Putin"], "person"), Prediction(["Vladimir Putin"], "person"),
                   Prediction(["State Antony Blinken"], "person"), Prediction(["Rosneft"], "person")]
    s = score(predictions, actors)
    assert (s.correct, s.predicted, s.labelled, s.duplicates, s.wrong_type) == (2, 3, 3, 1, 1)
    assert s.missed == ["Igor Sechin"] and s.spurious == ["State Antony Blinken"]
    assert round(s.precision, 3) == 0.667 and round(s.recall, 3) == 0.667


def test_one_prediction_naming_two_actors_finds_only_one():
    actors = [Actor("Asia Sun Group", "org", ["Asia Sun Group", "Asia Sun"]),
              Actor("Shoon group", "org", ["Shoon group", "Asia Sun"])]
    s = score([Prediction(["Asia Sun"])], actors)
    assert s.correct == 1 and len(s.missed) == 1


EVAL = load_eval_set()


def test_the_eval_set_is_real_text_split_in_two_halves_by_document_number():
    halves = Counter(d.split for d in EVAL)
    assert halves["dev"] >= 8
    for d in EVAL:
        assert d.split == ("dev" if int(d.id) % 2 else "held-out"), d.id
        assert d.url.startswith("http") and d.title, d.id
        text = documents.read_text(d.paths[0])
        assert 150 <= len(text.split()) <= 1600, d.id
        assert len(d.actors) >= 2, d.id


def test_every_labelled_name_is_written_in_its_document():
    """Catches typos in gold.csv: a canonical name must be in the text as labelled."""
    for d in EVAL:
        text = documents.read_text(d.paths[0])
        for a in d.actors:
            assert a.name in text, (d.id, a.name)
            assert a.type in ("person", "org")


def test_no_form_names_two_actors_of_one_document():
    for d in EVAL:
        owners = Counter(key(f) for a in d.actors for f in set(map(key, a.forms)))
        assert [k for k, n in owners.items() if n > 1] == [], d.id


def test_gold_rows_all_belong_to_indexed_documents():
    ids = {d.id for d in EVAL}
    rows = (EVAL_DIR / "gold.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert {r.split(",", 1)[0] for r in rows} <= ids
    assert sum(len(d.actors) for d in EVAL) == len(rows)


def test_seed_labels_cover_the_five_seeds():
    (seeds,) = load_seed_set()
    assert len(seeds.paths) == 5 and len(seeds.actors) >= 60


def test_the_project_is_scored_through_its_ingest_path(tmp_path: Path):
    doc = tmp_path / "a.txt"
    doc.write_text("Sergey Kogogin met Yadanar Maung in Moscow on Tuesday.", encoding="utf-8")
    d = Document("x", "dev", [doc], [Actor("Sergey Kogogin", "person", ["Sergey Kogogin"]),
                                       Actor("Yadanar Maung", "person", ["Yadanar Maung"]),
                                       Actor("Kamaz", "org", ["Kamaz"])])
    predicted = screener_predictor(None)([d])["x"]
    s = score(predicted, d.actors)
    assert (s.correct, s.labelled, s.missed) == (2, 3, ["Kamaz"])


def test_held_out_errors_are_never_printed():
    dev = Document("1", "dev", [], [Actor("Dev Missed Name", "person", ["Dev Missed Name"])])
    held = Document("2", "held-out", [], [Actor("Held Missed Name", "person", ["Held Missed Name"])])
    result = Result("sys", {"1": score([Prediction(["Dev Spurious"])], dev.actors),
                            "2": score([Prediction(["Held Spurious"])], held.actors)})
    out = markdown({"documents": [dev, held], "results": [result], "timing": None})
    assert "Dev Missed Name" in out and "Dev Spurious" in out
    assert not re.search("Held (Missed|Spurious)", out)
    assert "| held-out | 1 | 1 |" in out
