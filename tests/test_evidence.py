"""Evidence beyond the name on the real AU list: identifiers find targets directly, birth
date and nationality raise or lower a name's score, and the explanation says why."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from screener import evidence, identifiers
from screener.cli import app
from screener.identifiers import IdentifierError, ListedId, parse_query

runner = CliRunner()


def screen(db_path, *args):
    result = runner.invoke(app, ["--db", str(db_path), "screen", *args, "--format", "json"])
    return result.exit_code, (json.loads(result.stdout) if result.exit_code in (0, 1, 3) else result.output)


@pytest.mark.parametrize("text", ["IMO 9288693", "imo9288693", "IMO: 9288693", "9288693"])
def test_screen_by_imo_number_finds_the_vessel(au_path, text):
    code, out = screen(au_path, "--id", text)
    assert code == 1
    (hit,) = out["hits"]
    assert (hit["source_ref"], hit["primary_name"], hit["status"]) == ("8227", "ANDAMAN SKIES", "hit")
    assert "= listed IMO 9288693" in hit["explanation"]


def test_a_typed_identifier_matches_only_its_type(au_path):
    code, out = screen(au_path, "--id", "passport 9288693")
    assert code == 0 and out["hits"] == []


@pytest.mark.parametrize("text", ["12", "IMO", "passport: x", "!!!!!!"])
def test_unreadable_identifiers_are_a_clear_error(au_path, text):
    code, output = screen(au_path, "--id", text)
    assert code == 2 and "error: identifier" in output and "Traceback" not in output


def test_identifier_with_a_name_that_does_not_match_is_still_a_hit(au_path):
    code, out = screen(au_path, "Ocean Star", "--id", "IMO 9288693")
    assert code == 1
    hit = next(h for h in out["hits"] if h["source_ref"] == "8227")
    assert hit["status"] == "hit" and "name against the primary name 0.00" in hit["explanation"]


def test_a_different_imo_number_lowers_a_matching_vessel_name(au_path):
    _, plain = screen(au_path, "ANDAMAN SKIES")
    code, other = screen(au_path, "ANDAMAN SKIES", "--id", "IMO 9999999")
    before = next(h for h in plain["hits"] if h["source_ref"] == "8227")
    after = next(h for h in other["hits"] if h["source_ref"] == "8227")
    assert before["status"] == "hit" and after["status"] == "review" and code == 3  # review only
    assert after["score"] == pytest.approx(before["score"] * evidence.ID_CONFLICT_FACTOR, abs=1e-3)
    assert "differs from listed IMO 9288693" in after["explanation"]


def test_the_listed_birth_date_raises_and_says_so(au_path):
    _, plain = screen(au_path, "Kogogin")
    _, dated = screen(au_path, "Kogogin", "--birth-date", "16 Nov 1957")
    before = next(h for h in plain["hits"] if h["source_ref"] == "6906")
    after = next(h for h in dated["hits"] if h["source_ref"] == "6906")
    assert after["score"] == pytest.approx(before["score"] + evidence.BIRTH_DAY_BONUS, abs=1e-3)
    assert "birth date 1957-11-16 listed" in after["explanation"]
    _, wrong = screen(au_path, "Sergei Kogogin", "--birth-date", "1980")
    lowered = next(h for h in wrong["hits"] if h["source_ref"] == "6906")
    assert lowered["status"] == "review" and "birth year 1980 vs 1957" in lowered["explanation"]


def test_nationality_and_birth_date_together_raise_a_review_to_a_hit(au_path):
    # Min Aung Hlaing: AU lists birth date 1956-07-03 and citizenship Myanmar.
    # (Issue 12: a Burmese name with a syllable missing is review at most: 0.79.)
    _, plain = screen(au_path, "Aung Hlaing")
    _, known = screen(au_path, "Aung Hlaing", "--birth-date", "1956-07-03", "--country", "Myanmar")
    before = next(h for h in plain["hits"] if h["source_ref"] == "7317")
    after = next(h for h in known["hits"] if h["source_ref"] == "7317")
    assert after["score"] == pytest.approx(
        min(1.0, before["score"] + evidence.BIRTH_DAY_BONUS + evidence.NATIONALITY_BONUS), abs=1e-3)
    assert (before["status"], after["status"]) == ("review", "hit")
    assert "nationality MM listed" in after["explanation"]


def test_unreadable_birth_date_is_a_clear_error(au_path):
    code, output = screen(au_path, "Kogogin", "--birth-date", "soon")
    assert code == 2 and "unreadable --birth-date" in output


# Rules on invented values.

def test_parse_query_reads_labels_and_bare_numbers():
    assert parse_query("IMO 9299719") == identifiers.IdQuery("IMO 9299719", "imo", "9299719")
    assert parse_query("Passport No. A-123 456").id_type == "passport"
    assert parse_query("Passport No. A-123 456").value == "A123456"
    assert parse_query("SWIFT AVJSRUMM").id_type == "swift"
    assert parse_query("1027700056977").id_type is None
    with pytest.raises(IdentifierError):
        parse_query("AVJSRUMM")  # a bare word without a digit is a name, not an identifier


def test_weigh_rules():
    facts = evidence.QueryFacts("1957-11-16", "RU", [])
    target = evidence.TargetFacts([("1957-11-16", "1957-11-16", "day")], frozenset({"RU"}), [])
    w = evidence.weigh(0.7, facts, target, floor=0.65, contradicted=False)
    assert w.score == pytest.approx(0.78) and len(w.notes) == 2
    assert evidence.weigh(0.6, facts, target, floor=0.65, contradicted=False).score == 0.6
    assert evidence.weigh(0.7, facts, target, floor=0.65, contradicted=True).score == 0.7
    year_only = evidence.weigh(0.7, evidence.QueryFacts("1958"), target, floor=0.65,
                               contradicted=False)
    assert year_only.score == pytest.approx(0.72)
    passport = [ListedId(1, "passport", "A 123456", None, None)]
    agreed = evidence.weigh(0.3, evidence.QueryFacts(ids=[parse_query("A123456")]),
                            evidence.TargetFacts(ids=passport), floor=0.65, contradicted=True)
    assert agreed.status == "hit" and agreed.score == evidence.ID_MATCH_SCORE
    other_passport = evidence.weigh(0.9, evidence.QueryFacts(ids=[parse_query("passport B999999")]),
                                    evidence.TargetFacts(ids=passport), floor=0.65,
                                    contradicted=False)
    assert other_passport.score == 0.9 and other_passport.status is None  # people hold several


def test_batch_identifier_column_finds_targets_directly(au_path, tmp_path):
    import csv

    src = tmp_path / "in.csv"
    src.write_text("id,name,imo\n1,Ocean Star,IMO 9288693\n2,,9288693\n3,Sergei Kogogin,\n"
                   "4,,12\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["--db", str(au_path), "batch", str(src), "--id-column", "imo",
                                 "-o", str(out), "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["1"]["AU_ref"], rows["1"]["status"]) == ("8227", "hit")
    assert (rows["2"]["AU_ref"], rows["2"]["status"]) == ("8227", "hit")
    assert rows["3"]["AU_ref"] == "6906"
    assert rows["4"]["status"] == "error" and "identifier '12'" in rows["4"]["error"]
    missing = runner.invoke(app, ["--db", str(au_path), "batch", str(src), "--id-column", "nope"])
    assert missing.exit_code == 2 and "no identifier column 'nope'" in missing.output


def test_an_identifier_screening_is_audited_and_replays_the_same(au_path):
    import sqlite3

    from screener import audit, db

    screen(au_path, "Kogogin", "--id", "IMO 9288693", "--birth-date", "1957-11-16")
    entry_id = sqlite3.connect(au_path).execute("SELECT MAX(id) FROM screenings").fetchone()[0]
    replayed = audit.replay(db.connect(au_path), entry_id)
    assert replayed["same"], replayed
    assert {h["source_ref"] for h in replayed["now"]} >= {"8227", "6906"}
    # The audit names what was screened: the identifier, not an empty query.
    screen(au_path, "--id", "IMO 9288693")
    assert [e["query"] for e in audit.entries(db.connect(au_path))][-2:] == [
        "Kogogin id IMO 9288693", "id IMO 9288693"]
    alone = runner.invoke(app, ["--db", str(au_path), "audit", "--row", "3"])
    assert alone.exit_code == 2 and "--batch ID or --replay ID" in alone.output


def test_a_different_country_lowers_but_does_not_block_a_hit(au_path):
    # AU lists Min Aung Hlaing's citizenship as Myanmar; lists disagree on countries.
    code, out = screen(au_path, "Min Aung Hlaing", "--country", "Thailand")
    hit = next(h for h in out["hits"] if h["source_ref"] == "7317")
    assert code == 1 and hit["status"] == "hit" and hit["score"] == pytest.approx(0.9, abs=1e-3)
    assert "country TH vs MM" in hit["explanation"]
    _, born = screen(au_path, "Min Aung Hlaing", "--birth-year", "1970")
    assert next(h for h in born["hits"] if h["source_ref"] == "7317")["status"] == "review"


def test_disagreeing_birth_year_and_date_are_a_clear_error(au_path):
    code, output = screen(au_path, "Kogogin", "--birth-year", "1950", "--birth-date", "1957-11-16")
    assert code == 2 and "disagree" in output
