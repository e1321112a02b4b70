"""Every real publisher file in ../shared/lists loads with the counts its README states, and
the real OFAC ADVANCED / ENHANCED and FCDO files read as their publishers wrote them."""

from collections import Counter

import pytest

from screener.model import SourceFormatError
from screener.sources import detect_format, parse_file
from screener.sources.common import detect_script
from tests.conftest import SHARED_LISTS, shared_file

# path -> (format, records), from ../shared/lists/README.md.
REAL_FILES = {
    "au/Australian_Sanctions_Consolidated_List.xlsx": ("au_dfat_xlsx", 3811),
    "eu/20240513-FULL-1_1.xml": ("eu_fsf_xml", 4811),
    "uk/ConList.xlsx": ("gb_ofsi_xlsx", 4688),
    "uk/UK-Sanctions-List_2026-08-14_4-records.xml": ("gb_fcdo_xml", 4),
    "un/consolidated.xml": ("un_sc_xml", 726 + 273),
    "un/consolidated_2026-02-27.xml": ("un_sc_xml", 730 + 273),
    "us/SDN.XML": ("ofac_sdn_xml", 14966),
    "us/CONSOLIDATED.XML": ("ofac_sdn_xml", 442),
    "us/sdn.csv": ("ofac_csv", 14965),
    "us/csv-2021-04/sdn.csv": ("ofac_csv", 8890),
    "us/CONS_ADVANCED_2020-03-17.xml": ("ofac_advanced_xml", 375),
    "us/SDN_ADVANCED_2026-09-09_4-parties.xml": ("ofac_advanced_xml", 4),
    "us/CONS_ENHANCED_2025-01-10.ZIP": ("ofac_enhanced_xml", 443),
}
# Read with the sdn.csv beside them, not on their own.
COMPANION_FILES = {"us/csv-2021-04/alt.csv", "us/csv-2021-04/add.csv"}


def by_ref(parsed, ref):
    return next(t for t in parsed.targets if t.source_ref == ref)


def names(target):
    return [(n.full_name, n.kind, n.quality) for n in target.names]


def test_the_table_covers_every_real_file():
    if not SHARED_LISTS.exists():
        pytest.skip("../shared/lists absent")
    present = {str(p.relative_to(SHARED_LISTS)) for p in SHARED_LISTS.rglob("*")
               if p.is_file() and p.name != "README.md"}
    assert present - COMPANION_FILES == set(REAL_FILES)


@pytest.mark.parametrize("relative", sorted(REAL_FILES))
def test_every_real_file_loads_with_its_readme_count(relative):
    fmt, count = REAL_FILES[relative]
    path = shared_file(relative)
    assert detect_format(path) == fmt
    parsed = parse_file(path)
    assert parsed.format == fmt and len(parsed.targets) == count and not parsed.skipped
    assert all(t.primary_name and t.names for t in parsed.targets)
    latin_as_original = [(t.source_ref, n.full_name) for t in parsed.targets for n in t.names
                         if n.kind == "original_script"
                         and (n.script == "Latn" or detect_script(n.full_name) == "Latn")]
    assert latin_as_original == []
    if relative == "us/SDN.XML":  # checked here to read the big files once
        _sdn_xml_agrees_with_the_advanced_slice(parsed)
    if relative == "uk/ConList.xlsx":
        _ofsi_agrees_with_the_fcdo_slice(parsed)


def _ofsi_agrees_with_the_fcdo_slice(ofsi):
    """OFSI's ConList (2025), another format and parser, gives the three FCDO records that carry
    an OFSI group id the same names, kinds and scripts (OFSI writes one apostrophe as a backtick)."""
    fcdo = parse_file(shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml"))
    checked = 0
    for record in fcdo.targets:
        if not record.raw["ofsi_group_id"]:
            continue
        other = by_ref(ofsi, record.raw["ofsi_group_id"])
        assert other.primary_name.casefold() == record.primary_name.casefold()
        assert sorted((n.full_name.casefold(), n.kind, n.script) for n in record.names) == sorted(
            (n.full_name.casefold().replace("`", "'"), n.kind, n.script) for n in other.names)
        checked += 1
    assert checked == 3


def _sdn_xml_agrees_with_the_advanced_slice(sdn):
    """SDN.XML (2024), another OFAC format, gives the four parties of the ADVANCED slice (2026)
    the same primary names and kinds: Primary="true" is read as OFAC means it."""
    advanced = parse_file(shared_file("us/SDN_ADVANCED_2026-09-09_4-parties.xml"))
    for party in advanced.targets:
        other = by_ref(sdn, party.source_ref)
        assert other.primary_name.casefold() == party.primary_name.casefold()
        latin = [(n.full_name.casefold(), n.kind, n.quality) for n in party.names
                 if n.kind != "original_script"]  # SDN.XML has no non-Latin names
        assert sorted(latin) == sorted((n.full_name.casefold(), n.kind, n.quality) for n in other.names)


# ---------------------------------------------------------------- OFAC ADVANCED

@pytest.fixture(scope="module")
def slice_2026():
    return parse_file(shared_file("us/SDN_ADVANCED_2026-09-09_4-parties.xml"))


@pytest.fixture(scope="module")
def cons_2020():
    return parse_file(shared_file("us/CONS_ADVANCED_2020-03-17.xml"))


@pytest.fixture(scope="module")
def enhanced():
    return parse_file(shared_file("us/CONS_ENHANCED_2025-01-10.ZIP"))


def test_advanced_primary_is_the_alias_marked_primary(slice_2026):
    assert slice_2026.publication_date == "2026-09-09"
    airline = by_ref(slice_2026, "36")
    assert airline.type == "organization" and airline.primary_name == "AEROCARIBBEAN AIRLINES"
    assert names(airline) == [("AERO-CARIBBEAN", "aka", "strong"),
                              ("AEROCARIBBEAN AIRLINES", "primary", "strong")]
    assert airline.programmes == ["CUBA"] and airline.listed_on == "1986-12-10"


def test_advanced_person_with_arabic_original_script(slice_2026):
    zomor = by_ref(slice_2026, "2677")
    # Primary="true" is on Al-Zomor / Abboud Abdul Latif Hassan, listed after "Abbud ZUMAR".
    assert zomor.type == "person" and zomor.primary_name == "Abboud Abdul Latif Hassan Al-Zomor"
    primary = zomor.names[1]
    assert primary.parts == {"family": "Al-Zomor", "given": "Abboud Abdul Latif Hassan"}
    assert ("Abbud ZUMAR", "aka", "strong") in names(zomor)
    arabic = [n for n in zomor.names if n.kind == "original_script"]
    assert [(n.full_name, n.script) for n in arabic] == [("عبود عبداللطيف حسن الزمر", "Arab")]
    assert Counter(n.kind for n in zomor.names) == {"aka": 5, "primary": 1, "original_script": 1}
    assert {n.script for n in zomor.names if n.kind != "original_script"} == {"Latn"}
    assert [(d.date_from, d.precision, d.place) for d in zomor.dates] == [
        ("1947-04-19", "day", "Nahia, Giza, Egypt")]
    assert zomor.programmes == ["SDGT"] and zomor.listed_on == "1995-01-23"


def test_advanced_vessel_and_aircraft_types(slice_2026):
    vessel = by_ref(slice_2026, "4238")
    assert (vessel.type, vessel.primary_name) == ("vessel", "MAR AZUL")
    assert [(c.kind, c.code) for c in vessel.countries] == [("flag", "CU")]  # Feature "Vessel Flag"
    assert (by_ref(slice_2026, "15432").type, by_ref(slice_2026, "15432").primary_name) == ("aircraft", "EP-GOL")


def test_advanced_2020_namespace_whole_file(cons_2020):
    assert cons_2020.publication_date == "2020-03-17"
    kinds = Counter(n.kind for t in cons_2020.targets for n in t.names)
    # 1,288 names, all Latin: none is original script; one primary per party.
    assert kinds == {"primary": 375, "aka": 829, "fka": 84}
    assert {n.script for t in cons_2020.targets for n in t.names} == {"Latn"}
    assert Counter(t.type for t in cons_2020.targets) == {"organization": 293, "person": 82}
    haniya = by_ref(cons_2020, "9639")
    assert haniya.primary_name == "Ismail Abdul Salah HANIYA" and haniya.listed_on == "2006-04-12"
    assert haniya.raw["lists"] == ["Non-SDN Palestinian Legislative Council List"]
    assert all(t.listed_on for t in cons_2020.targets)


# ---------------------------------------------------------------- OFAC ENHANCED

def test_enhanced_zip_whole_file(enhanced):
    assert enhanced.format == "ofac_enhanced_xml" and enhanced.publication_date == "2025-01-10"
    assert Counter(t.type for t in enhanced.targets) == {"organization": 363, "person": 80}
    kinds = Counter(n.kind for t in enhanced.targets for n in t.names)
    assert kinds["primary"] == 443 and kinds["fka"] == 144 and kinds["original_script"] == 45
    assert all(sum(n.kind == "primary" for n in t.names) == 1 for t in enhanced.targets)
    vtb = by_ref(enhanced, "17013")
    assert vtb.primary_name == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert ("Банк ВТБ публичное акционерное общество", "original_script", "strong") in names(vtb)
    assert ("JSC VTB BANK", "fka", "strong") in names(vtb)
    ids = [(i.id_type, i.value, i.country) for i in vtb.ids]
    assert ("registration", "1027739609391", "RU") in ids and ("tax", "7702070139", "RU") in ids
    assert ("other", "00032520", "RU") in ids  # Government Gazette Number, leading zeros kept
    assert ("swift", "VTBRRUMM", None) in ids


def test_enhanced_person_dates_and_lists(enhanced):
    haniya = by_ref(enhanced, "9639")
    assert haniya.type == "person" and haniya.programmes == ["NS-PLC"]
    assert haniya.listed_on == "2006-04-12"
    assert [(d.date_from, d.precision, d.place) for d in haniya.dates] == [("1962", "year", "Shati")]
    assert haniya.raw["lists"] == ["Non-SDN Palestinian Legislative Council List"]


def test_the_same_target_reads_the_same_from_advanced_and_enhanced(cons_2020, enhanced):
    advanced = {t.source_ref: t for t in cons_2020.targets}
    shared = [t for t in enhanced.targets if t.source_ref in advanced]
    assert len(shared) == 366
    for ref in ("9639", "9640"):  # unchanged between 2020 and 2025
        a, e = advanced[ref], by_ref(enhanced, ref)
        assert sorted(names(a)) == sorted(names(e)) and a.primary_name == e.primary_name
        assert [n.parts for n in a.names] == [n.parts for n in e.names]
        assert a.programmes == e.programmes and a.listed_on == e.listed_on
    same = sum(sorted(names(advanced[t.source_ref])) == sorted(names(t)) for t in shared)
    # The rest changed over five years (new aliases, renamed primaries), not in the reading.
    assert same >= 290


def test_enhanced_plain_xml_reads_like_the_zip(enhanced, tmp_path):
    import zipfile

    with zipfile.ZipFile(shared_file("us/CONS_ENHANCED_2025-01-10.ZIP")) as zf:
        (tmp_path / "CONS_ENHANCED.XML").write_bytes(zf.read("CONS_ENHANCED.XML"))
    plain = parse_file(tmp_path / "CONS_ENHANCED.XML")
    assert [names(t) for t in plain.targets] == [names(t) for t in enhanced.targets]


# ---------------------------------------------------------------- FCDO

@pytest.fixture(scope="module")
def fcdo():
    return parse_file(shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml"))


def test_fcdo_real_records(fcdo):
    assert fcdo.publication_date == "2026-08-14"
    mansur = by_ref(fcdo, "AFG0011")
    assert mansur.primary_name == "ABDUL LATIF MANSUR" and mansur.listed_on == "2001-01-31"
    assert ("عبد اللطيف منصور", "original_script", "strong") in names(mansur)
    # "<PassportNumber> D0009720</PassportNumber>": the stray space is not part of the number.
    assert [i.value for i in mansur.ids] == ["D0009720", "D0010442"]
    # dd/mm/1968 is a year; 12/11/1967 is given twice and kept once.
    assert [(d.date_from, d.precision) for d in mansur.dates] == [("1968", "year"), ("1967-11-12", "day")]
    assert [(c.kind, c.code) for c in mansur.countries] == [("nationality", "AF"), ("birth", "AF")]
    assert mansur.raw["ofsi_group_id"] == "7270" and mansur.raw["un_reference"] == "TAi.007"


def test_fcdo_lower_case_primary_name_and_partial_dates(fcdo):
    akram = by_ref(fcdo, "AQD0128")  # NameType "Primary name"
    assert akram.primary_name == "AKRAM TURKI HISHAN AL-MAZIDIH"
    assert [n.kind for n in akram.names].count("primary") == 1
    assert ("Abu Akram", "aka", "weak") in names(akram)
    assert [(d.date_from, d.precision) for d in akram.dates] == [
        ("1974", "year"), ("1975", "year"), ("1979", "year"), ("1958-09", "month"), ("1985", "year")]
    assert [(i.id_type, i.value) for i in akram.ids] == [("national_id", "0075258")]  # leading zero


def test_fcdo_ship_without_group_id_or_un_reference(fcdo):
    ship = by_ref(fcdo, "DPR0075")
    assert ship.type == "vessel" and ship.primary_name == "Petrel 8"
    assert [(i.id_type, i.value) for i in ship.ids] == [("imo", "9562233")]  # from "IMO9562233"
    assert ship.raw["ofsi_group_id"] is None and ship.raw["un_reference"] is None
    assert [(c.kind, c.code) for c in ship.countries] == [("flag", "KM")]
    entity = by_ref(fcdo, "AQD0377")
    assert entity.type == "organization" and ("Катиба ат-Таухид валь-Джихад", "original_script", "strong") \
        in names(entity)


# ---------------------------------------------------------------- OFAC CSV trio

def test_csv_2021_trio_reads_alt_and_add():
    parsed = parse_file(shared_file("us/csv-2021-04/sdn.csv"))
    assert len(parsed.targets) == 8890 and not parsed.notes
    assert sum(len(t.names) for t in parsed.targets) == 22999
    assert sum(len(t.raw.get("addresses", [])) for t in parsed.targets) > 10000


# ---------------------------------------------------------------- zips

def _zip(path, members, compression=None):
    import zipfile

    with zipfile.ZipFile(path, "w", compression=compression or zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_any_list_file_zipped_by_its_publisher_loads(tmp_path):
    src = shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml")
    zipped = _zip(tmp_path / "UK-Sanctions-List.zip", {"UK-Sanctions-List.xml": src.read_bytes()})
    assert detect_format(zipped) == "gb_fcdo_xml"
    assert [t.source_ref for t in parse_file(zipped).targets] == \
        [t.source_ref for t in parse_file(src).targets]


def test_zip_with_two_members_is_refused(tmp_path):
    src = shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml").read_bytes()
    two = _zip(tmp_path / "two.zip", {"a.xml": src, "b.xml": src})
    with pytest.raises(SourceFormatError, match="holding 2 files"):
        parse_file(two)


def test_zip_bomb_list_is_refused_before_unpacking(tmp_path, monkeypatch):
    from screener.sources import archive

    bomb = _zip(tmp_path / "SDN_ENHANCED.ZIP", {"SDN_ENHANCED.XML": b"<sanctionsData ENHANCED_XML>"
                                                + b" " * (50 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(SourceFormatError, match="zip bomb"):
        parse_file(bomb)
    # A member whose central directory understates its size is stopped while unpacking.
    monkeypatch.setattr(archive, "check_sizes", lambda *a, **k: None)
    monkeypatch.setattr(archive, "MAX_UNPACKED", 1024 * 1024)
    with pytest.raises(SourceFormatError, match="unpacks beyond"):
        with archive.unpacked(bomb, limit=1024 * 1024):
            pass


def test_truncated_zip_is_refused(tmp_path):
    cut = tmp_path / "CONS_ENHANCED.ZIP"
    cut.write_bytes(shared_file("us/CONS_ENHANCED_2025-01-10.ZIP").read_bytes()[:100_000])
    with pytest.raises(SourceFormatError, match="zip archive"):
        parse_file(cut)


def test_zip_member_path_cannot_escape(tmp_path):
    from screener.sources import archive

    src = shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml").read_bytes()
    evil = _zip(tmp_path / "evil.zip", {"../../escaped.xml": src})
    with archive.unpacked(evil) as member:
        assert member.name == "escaped.xml" and member.parent.parent != tmp_path
    assert not (tmp_path.parent / "escaped.xml").exists()
    assert len(parse_file(evil).targets) == 4


# ---------------------------------------------------------------- truncated and hostile OFAC XML

@pytest.mark.parametrize("relative", ["us/CONS_ADVANCED_2020-03-17.xml", "us/CONS_ENHANCED_2025-01-10.ZIP"])
def test_truncated_ofac_xml_is_refused(relative, tmp_path):
    from screener.sources import list_file

    with list_file(shared_file(relative)) as xml:
        data = xml.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceFormatError, match="not well-formed"):
        parse_file(cut)


ENTITY_HEADERS = {
    "ofac_advanced_xml": '<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/'
                         'PublicationPreview/exports/ADVANCED_XML"><ReferenceValueSets/>'
                         '<DistinctParties><DistinctParty FixedRef="1"><Comment>&xxe;</Comment>'
                         '</DistinctParty></DistinctParties></Sanctions>',
    "ofac_enhanced_xml": '<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/'
                         'PublicationPreview/exports/ENHANCED_XML"><entities><entity id="1">'
                         '<generalInfo><remarks>&xxe;</remarks></generalInfo></entity></entities>'
                         '</sanctionsData>',
}


@pytest.mark.parametrize("fmt", sorted(ENTITY_HEADERS))
@pytest.mark.parametrize("zipped", [False, True])
def test_entity_declaring_ofac_xml_is_refused(fmt, zipped, tmp_path):
    body = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            + ENTITY_HEADERS[fmt]).encode()
    path = tmp_path / "hostile.xml"
    path.write_bytes(body)
    if zipped:
        path = _zip(tmp_path / "hostile.zip", {"hostile.xml": body})
    assert detect_format(path) == fmt
    with pytest.raises(SourceFormatError, match="entities") as refused:
        parse_file(path)
    assert str(refused.value).startswith("hostile.zip: hostile.xml: " if zipped else "hostile.xml: ")


# ---------------------------------------------------------------- malformed records

def _advanced_without_refs(tmp_path, n):
    """The real 2020 ADVANCED file with the FixedRef of its first `n` parties removed."""
    text = shared_file("us/CONS_ADVANCED_2020-03-17.xml").read_text(encoding="utf-8")
    text = text.replace('<DistinctParty FixedRef="', '<DistinctParty Broken="', n)
    path = tmp_path / f"CONS_ADVANCED_{n}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_few_malformed_records_are_skipped_and_reported(tmp_path):
    parsed = parse_file(_advanced_without_refs(tmp_path, 3))
    assert len(parsed.targets) == 372 and len(parsed.skipped) == 3
    assert parsed.skipped[0].reason == "a DistinctParty has no FixedRef or Profile"
    assert parsed.notes == [
        "skipped 3 malformed records of 375: record 1: a DistinctParty has no FixedRef or Profile; "
        "record 2: a DistinctParty has no FixedRef or Profile; "
        "record 3: a DistinctParty has no FixedRef or Profile"]


def test_more_than_one_percent_malformed_is_refused(tmp_path):
    from screener.sources.records import MalformedRecords

    with pytest.raises(MalformedRecords, match=r"4 of 375 records are malformed \(more than 1%\)"):
        parse_file(_advanced_without_refs(tmp_path, 4))


def _fcdo_with_missing_ids(tmp_path, copies, missing):
    """The real FCDO records repeated `copies` times under fresh UniqueIDs, `missing` without one."""
    text = shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml").read_text(encoding="utf-8")
    head, rest = text.split("<Designation>", 1)
    body = "<Designation>" + rest.rsplit("</Designation>", 1)[0] + "</Designation>"
    blocks = [b for b in body.split("</Designation>") if b.strip()]
    out = []
    for i in range(copies):
        block = blocks[i % len(blocks)] + "</Designation>"
        uid = block.split("<UniqueID>")[1].split("</UniqueID>")[0]
        replacement = "" if i < missing else f"<UniqueID>{uid}-{i}</UniqueID>"
        out.append(block.replace(f"<UniqueID>{uid}</UniqueID>", replacement))
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(head + "\n".join(out) + "\n</Designations>\n", encoding="utf-8")
    return path


def test_fcdo_designation_without_unique_id_is_skipped_in_lists_import(tmp_path):
    import json
    import sqlite3

    from typer.testing import CliRunner

    from screener.cli import app

    path = _fcdo_with_missing_ids(tmp_path, 200, 1)
    db_path = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["--db", str(db_path), "lists", "import", "gb_fcdo", str(path)])
    assert result.exit_code == 0, result.output
    assert "loaded 199 records" in result.output
    assert "note: skipped 1 malformed record of 200: record 1: a Designation has no UniqueID " \
           "(MANSUR)" in result.output
    conn = sqlite3.connect(db_path)
    notes = conn.execute("SELECT notes FROM source_files WHERE is_current = 1").fetchone()[0]
    assert json.loads(notes)[0].startswith("skipped 1 malformed record of 200")
    # Three of 200 (1.5%): refused with one line and exit 2; the loaded version stays current.
    worse = _fcdo_with_missing_ids(tmp_path, 200, 3)
    refused = CliRunner().invoke(app, ["--db", str(db_path), "lists", "import", "gb_fcdo", str(worse)])
    assert refused.exit_code == 2 and "3 of 200 records are malformed" in refused.output
    assert "Traceback" not in refused.output
    assert conn.execute("SELECT record_count FROM source_files WHERE is_current = 1").fetchall() == [(199,)]


def test_zipped_workbook_is_read_as_the_workbook(tmp_path):
    src = shared_file("au/Australian_Sanctions_Consolidated_List.xlsx")
    zipped = _zip(tmp_path / "dfat.zip", {src.name: src.read_bytes()})
    assert detect_format(zipped) == "au_dfat_xlsx"
    assert len(parse_file(zipped).targets) == 3811


# ---------------------------------------------------------------- the default OFAC download

def test_ofac_lists_download_enhanced_by_default():
    from screener import registry

    sources = registry.load_sources()
    for list_id, name in (("us_ofac_sdn", "SDN_ENHANCED.ZIP"), ("us_ofac_cons", "CONS_ENHANCED.XML")):
        assert sources[list_id].url.endswith("/api/download/" + name)
        assert sources[list_id].format == "ofac_enhanced_xml"
        assert {"ofac_enhanced_xml", "ofac_advanced_xml"} <= set(sources[list_id].accepts)


def test_lists_update_loads_the_enhanced_zip_as_served(httpserver, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from screener import config, registry
    from screener.cli import app

    real = registry.load_sources()["us_ofac_cons"]
    toml = tmp_path / "sources.toml"
    toml.write_text(f"""
[us_ofac_cons]
jurisdiction = "US"
url = "{httpserver.url_for('/api/download/CONS_ENHANCED.ZIP')}"
format = "{real.format}"
accepts = {real.accepts!r}
""".replace("'", '"'))
    monkeypatch.setenv("SCREENER_SOURCES", str(toml))
    httpserver.expect_request("/api/download/CONS_ENHANCED.ZIP").respond_with_data(
        shared_file("us/CONS_ENHANCED_2025-01-10.ZIP").read_bytes(),
        headers={"Content-Type": "application/zip"})
    db_path = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["--db", str(db_path), "lists", "update", "us_ofac_cons"])
    assert result.exit_code == 0, result.output
    assert "us_ofac_cons: loaded 443 records, published 2025-01-10" in result.output
    kept = config.cache_dir(db_path) / "downloads" / "us_ofac_cons.zip"
    assert kept.exists() and kept.read_bytes()[:2] == b"PK"


# One record's id removed from a real file, for every format whose records carry their id in
# the text: the shared guard skips that record and says so, whichever parser reads the file.
ONE_BROKEN = {
    "us/CONSOLIDATED.XML": ([(b"<uid>", b"<gone>"), (b"</uid>", b"</gone>")], 442,
                           "an sdnEntry has no uid"),
    "us/CONS_ENHANCED_2025-01-10.ZIP": ([(b'<entity id="', b'<entity gone="')], 443, "an entity has no id"),
    "un/consolidated.xml": ([(b"<DATAID>", b"<GONE1>"), (b"</DATAID>", b"</GONE1>"),
                            (b"<REFERENCE_NUMBER>", b"<GONE2>"), (b"</REFERENCE_NUMBER>", b"</GONE2>")],
                           999, "a UN record has no REFERENCE_NUMBER"),
    "us/csv-2021-04/sdn.csv": ([(b"\r\n", b"\r\nX")], 8890, "not an OFAC sdn.csv row"),
}


@pytest.mark.parametrize("relative", sorted(ONE_BROKEN))
def test_one_malformed_record_is_skipped_by_every_parser(relative, tmp_path):
    from screener.sources import list_file

    edits, count, reason = ONE_BROKEN[relative]
    with list_file(shared_file(relative)) as inner:
        data = inner.read_bytes()
        name = inner.name
    for old, new in edits:
        assert old in data
        data = data.replace(old, new, 1)
    broken = tmp_path / name
    broken.write_bytes(data)
    parsed = parse_file(broken)
    assert len(parsed.targets) == count - 1 and len(parsed.skipped) == 1
    assert parsed.skipped[0].reason.startswith(reason)
    assert parsed.notes[-1].startswith(f"skipped 1 malformed record of {count}: record ")


def test_fcdo_date_from_the_root_when_the_element_is_missing(tmp_path):
    text = shared_file("uk/UK-Sanctions-List_2026-08-14_4-records.xml").read_text(encoding="utf-8")
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(text.replace("<DateGenerated>14/08/2026</DateGenerated>", ""), encoding="utf-8")
    assert parse_file(path).publication_date == "2026-08-14"  # dateGenerated="2026-08-14T23:00:04.744Z"


def test_enhanced_fixture_vessel_aircraft_weak_and_arabic(slice_2026):
    """What the real CONS_ENHANCED lacks, on a fixture in its structure (tests/fixtures)."""
    from tests.conftest import FIXTURES

    parsed = parse_file(FIXTURES / "ofac/SDN_ENHANCED_sample.xml")
    assert parsed.format == "ofac_enhanced_xml" and parsed.publication_date == "2026-11-20"
    zomor = by_ref(parsed, "2677")
    assert zomor.primary_name == by_ref(slice_2026, "2677").primary_name
    assert names(zomor) == [("Abboud Abdul Latif Hassan Al-Zomor", "primary", "strong"),
                            ("عبود عبداللطيف حسن الزمر", "original_script", "strong"),
                            ("Abbud ZUMAR", "aka", "weak")]
    assert zomor.names[1].script == "Arab"
    assert [(d.date_from, d.place) for d in zomor.dates] == [("1947-04-19", "Nahia, Giza, Egypt")]
    assert [(c.kind, c.code) for c in zomor.countries] == [("nationality", "EG")]
    assert (zomor.listed_on, zomor.programmes) == ("1995-01-23", ["SDGT"])
    vessel = by_ref(parsed, "4238")
    assert vessel.type == "vessel" and ("AZUL STAR", "nka", "strong") in names(vessel)
    assert [(i.id_type, i.value) for i in vessel.ids] == [("imo", "7012345")]
    assert [(c.kind, c.code) for c in vessel.countries] == [("flag", "CU")]
    assert by_ref(parsed, "15432").type == "aircraft"


def test_enhanced_agrees_with_consolidated_xml(enhanced):
    """A check on a file the ENHANCED parser was not written against: CONSOLIDATED.XML (2026,
    SDN.XML schema, its own parser) gives the same 442 targets the same primary names, types
    and Latin names with their kinds and qualities, save what changed in the year between."""
    cons = {t.source_ref: t for t in parse_file(shared_file("us/CONSOLIDATED.XML")).targets}
    shared = [t for t in enhanced.targets if t.source_ref in cons]
    assert len(shared) == 442

    def latin(t):
        return sorted((n.full_name.casefold(), n.kind, n.quality) for n in t.names if n.kind != "original_script")

    assert all(cons[t.source_ref].type == t.type for t in shared)
    same_primary = sum(cons[t.source_ref].primary_name.casefold() == t.primary_name.casefold() for t in shared)
    same_names = sum(latin(cons[t.source_ref]) == latin(t) for t in shared)
    assert (same_primary, same_names) == (441, 436)  # 18284 renamed; six gained or lost an alias
