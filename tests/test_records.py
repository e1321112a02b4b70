"""`screener lists show`: a target's whole record from the real UN, UK ConList and AU files,
with the same target on the other lists found by its UN reference number."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from screener import db, records, registry, store
from screener.cli import app
from tests.conftest import AU_FILE, shared_file

runner = CliRunner()


@pytest.fixture(scope="module")
def three_lists(tmp_path_factory):
    files = {"un_sc": shared_file("un/consolidated.xml"), "gb_ofsi": shared_file("uk/ConList.xlsx"),
             "au_dfat": shared_file(AU_FILE)}
    path = tmp_path_factory.mktemp("records") / "screener.db"
    conn = db.connect(path)
    for list_id, source in files.items():
        store.import_file(conn, registry.get_source(list_id), source)
    conn.conn.close()
    return path


def show(path, *args):
    return runner.invoke(app, ["--db", str(path), "lists", "show", *args])


def test_un_reference_is_read_where_each_publisher_keeps_it(three_lists):
    conn = db.connect(three_lists)
    un = records.get(conn, "un_sc", "TAi.100")
    assert un.un_reference == "TAi.100"
    same = {(s["list_id"], s["ref"]) for s in un.same_target}
    assert same == {("au_dfat", "100"), ("gb_ofsi", "7298")}
    assert records.get(conn, "gb_ofsi", "7298").un_reference == "TAi.100"  # "(UN Ref):" remark
    assert records.get(conn, "au_dfat", "100").un_reference == "TAi.100"  # leading the remarks
    # A record that only names associates' references in its remarks has none of its own.
    assert records.get(conn, "au_dfat", "7317").un_reference is None


def test_show_prints_the_whole_record(three_lists):
    result = show(three_lists, "un_sc", "QDi.241")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("ANGELO RAMIREZ TRINIDAD (primary, Latn)", "Abu Khalil (aka, weak, Latn)",
                     "1978-03-20", "Philippines (PH)", "Al-Qaida", "2008-06-04",
                     "same target on  gb_ofsi 10661", "Rajah Solaiman Movement", "un_sc_xml"):
        assert expected in out, expected


def test_show_json_has_dates_countries_identifiers_and_roles(three_lists):
    result = show(three_lists, "gb_ofsi", "10661", "--format", "json")
    record = json.loads(result.stdout)
    assert record["primary_name"] == "ANGELO RAMIREZ TRINIDAD"
    assert record["un_reference"] == "QDi.241"
    assert [s["list_id"] for s in record["same_target"]] == ["un_sc"]
    assert record["birth_dates"][0]["date_from"] == "1978-03-20"
    assert any(c["code"] == "PH" for c in record["countries"])
    assert record["addresses"] == ["3111 Ma. Bautista, Punta, Santa Ana, Manila"]
    au = json.loads(show(three_lists, "au_dfat", "8227", "-f", "json").stdout)
    assert au["identifiers"] == [{"type": "imo", "value": "9288693", "country": None, "note": None}]


def test_show_csv_and_markdown_are_field_value_rows(three_lists):
    csv_out = show(three_lists, "au_dfat", "7317", "-f", "csv").stdout.splitlines()
    assert csv_out[0] == "field,value" and "birth date,1956-07-03" in csv_out
    md = show(three_lists, "au_dfat", "7317", "-f", "md").stdout
    assert md.startswith("| field | value |") and "| citizenship | Myanmar (MM) |" in md


@pytest.mark.parametrize(("args", "message"), [
    (("au_dfat", "no-such-ref"), "au_dfat has no record 'no-such-ref'"),
    (("no_such_list", "1"), "unknown list 'no_such_list'"),
    (("eu_fsf", "EU.1.1"), "eu_fsf is not loaded"),
    (("au_dfat", "7317", "-f", "xml"), "unknown format"),
])
def test_show_bad_input_is_one_line_and_exit_2(three_lists, args, message):
    result = show(three_lists, *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@pytest.fixture(scope="module")
def other_formats(tmp_path_factory):
    files = {"eu_fsf": "eu/20240513-FULL-1_1.xml", "us_ofac_cons": "us/CONSOLIDATED.XML",
             "gb_fcdo": "uk/UK-Sanctions-List_2026-08-14_4-records.xml"}
    path = tmp_path_factory.mktemp("formats") / "screener.db"
    conn = db.connect(path)
    for list_id, rel in files.items():
        store.import_file(conn, registry.get_source(list_id), shared_file(rel))
    conn.conn.close()
    return path


@pytest.mark.parametrize(("list_id", "ref", "check"), [
    ("eu_fsf", "EU.10023.66", lambda r: r["roles"] == [
        "Syrian businessman who owns several companies including Neptunus LLC."]),
    ("us_ofac_cons", "15268", lambda r: {"type": "swift", "value": "CKLBCNBJ", "country": None,
                                         "note": None} in r["identifiers"]
     and any("Karamay" in a for a in r["addresses"])),
    ("gb_fcdo", "AFG0011", lambda r: r["un_reference"] == "TAi.007"
     and "Minister of Agriculture under the previous Taliban regime (1996-2001)" in r["roles"]
     and {i["value"] for i in r["identifiers"]} >= {"D0009720", "D0010442"}),
    ("gb_fcdo", "DPR0075", lambda r: r["type"] == "vessel"
     and r["identifiers"][0]["value"] == "9562233"),
])
def test_show_reads_every_format(other_formats, list_id, ref, check):
    result = show(other_formats, list_id, ref, "-f", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["names"] and record["source_ref"] == ref and check(record), record


def test_screen_by_passport_finds_the_person_on_every_list_carrying_it(three_lists):
    result = runner.invoke(app, ["--db", str(three_lists), "screen", "--id", "passport OB0243318",
                                 "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {(h["list_id"], h["source_ref"]) for h in json.loads(result.stdout)["hits"]}
    assert {("un_sc", "CDi.021"), ("gb_ofsi", "8737")} <= found
    # The same number typed as an IMO number is another identifier: nothing.
    other = runner.invoke(app, ["--db", str(three_lists), "screen", "--id", "IMO OB0243318",
                                "--format", "json"])
    assert other.exit_code == 0 and json.loads(other.stdout)["hits"] == []


def test_same_target_through_a_shared_passport(three_lists):
    # UK 16161 cites no UN reference, but carries UN IRi.012's passport number.
    record = json.loads(show(three_lists, "gb_ofsi", "16161", "-f", "json").stdout)
    assert record["un_reference"] is None
    via = {(s["list_id"], s["ref"]): s["via"] for s in record["same_target"]}
    assert via[("un_sc", "IRi.012")] == "passport A0002987"
    # Linked by its UN reference where the record gives one.
    record = json.loads(show(three_lists, "un_sc", "CDi.021", "-f", "json").stdout)
    via = {(s["list_id"], s["ref"]): s["via"] for s in record["same_target"]}
    assert via[("gb_ofsi", "8737")] == "UN reference CDi.021"
