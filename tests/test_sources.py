"""Each parser on the full real snapshot (or a fixture in the publisher's documented format)."""

from collections import Counter

import pytest

from screener.model import ORGANIZATION, PERSON, VESSEL, SourceFormatError
from screener.sources import detect_format, parse_file
from tests.conftest import FIXTURES, SHARED_LISTS, shared_file


def by_ref(parsed, ref):
    return next(t for t in parsed.targets if t.source_ref == ref)


@pytest.fixture(scope="module")
def au():
    return parse_file(shared_file("au/Australian_Sanctions_Consolidated_List.xlsx"))


@pytest.fixture(scope="module")
def eu():
    return parse_file(shared_file("eu/20240513-FULL-1_1.xml"))


@pytest.fixture(scope="module")
def sdn():
    return parse_file(shared_file("us/SDN.XML"))


@pytest.fixture(scope="module")
def ofsi():
    return parse_file(shared_file("uk/ConList.xlsx"))


def test_au_dfat_whole_file(au):
    assert au.format == "au_dfat_xlsx"
    assert len(au.targets) == 3811
    assert au.publication_date == "2026-02-24"
    kinds = Counter(n.kind for t in au.targets for n in t.names)
    # 3,810 primary rows, 6,714 alias rows and 452 original-script rows; 35 rows repeat a name
    # the same record already gives, and one name is stored once. One "original script" row is
    # in Latin letters (8720 "Joint Stock Company Exi Bank"): it is kept as an a.k.a.
    assert kinds == {"primary": 3810, "aka": 6681, "original_script": 450}
    assert sum(kinds.values()) == 10976 - 35


def test_au_dfat_records(au):
    mah = by_ref(au, "7317")
    assert mah.type == PERSON and mah.primary_name == "Min Aung Hlaing"
    assert "Senior General Min Aung Hlaing" in [n.full_name for n in mah.names]
    assert mah.dates[0].date_from == "1956-07-03"
    assert [c.code for c in mah.countries] == ["MM"]
    assert mah.programmes == ["Autonomous (Myanmar)"]
    assert mah.listed_on == "2023"
    kogogin = by_ref(au, "6906")
    assert kogogin.primary_name == "Sergey KOGOGIN" and kogogin.remarks == "Director General of Kamaz"
    assert by_ref(au, "6937").type == ORGANIZATION
    vessels = [t for t in au.targets if t.type == VESSEL]
    assert vessels and all(any(i.id_type == "imo" for i in v.ids) for v in vessels[:20])
    scripts = {n.script for t in au.targets for n in t.names if n.kind == "original_script"}
    assert "Arab" in scripts and "Cyrl" in scripts


def test_eu_fsf_whole_file(eu):
    assert len(eu.targets) == 4811
    assert eu.publication_date == "2024-05-13"
    assert Counter(t.type for t in eu.targets) == {"person": 3755, "organization": 1056}
    scripts = Counter(n.script for t in eu.targets for n in t.names)
    assert scripts["Cyrl"] > 3000 and scripts["Grek"] > 100


def test_eu_fsf_every_distinct_name_is_kept(eu):
    from lxml import etree

    ns = "{http://eu.europa.ec/fpi/fsd/export}"
    expected = 0
    path = SHARED_LISTS / "eu/20240513-FULL-1_1.xml"
    for _, entity in etree.iterparse(str(path), tag=f"{ns}sanctionEntity"):
        names = set()
        for a in entity.findall(f"{ns}nameAlias"):
            parts = [a.get(k, "").strip() for k in ("firstName", "middleName", "lastName")]
            name = " ".join(a.get("wholeName", "").split()) or " ".join(p for p in parts if p)
            if name:
                names.add(name)
        expected += len(names)
        entity.clear()
    assert sum(len(t.names) for t in eu.targets) == expected


def test_eu_fsf_record_and_quality_from_remarks(eu):
    mah = next(t for t in eu.targets if t.primary_name == "Min Aung Hlaing")
    assert mah.programmes == ["MMR"] and mah.listed_on == "2021-03-22"
    assert mah.dates[0].date_from == "1956-07-03" and mah.dates[0].place == "Tavoy"
    weak = [n for t in eu.targets for n in t.names if n.quality == "weak"]
    assert len(weak) >= 150
    kogogina = next(t for t in eu.targets if "KOGOGINA" in t.primary_name)
    assert {n.script for n in kogogina.names} == {"Latn", "Cyrl"}


def test_eu_fsf_primary_is_the_english_latin_name_whatever_the_file_order(eu):
    by_ref = {t.source_ref: t for t in eu.targets}
    # The file lists these first in Czech, Swedish, Slovak and Cyrillic.
    assert by_ref["EU.8306.11"].primary_name == "PJSC KAMAZ"
    assert by_ref["EU.7510.16"].primary_name == "Vladimir Vladimirovich PUTIN"
    assert by_ref["EU.7485.76"].primary_name == "Dmitry Anatolyevich MEDVEDEV"
    assert by_ref["EU.9396.11"].primary_name == "Russian Navy"
    # Only EU.6049.75 has no Latin name that is not a former name.
    non_latin = [t.source_ref for t in eu.targets
                 if next(n for n in t.names if n.kind == "primary").script != "Latn"]
    assert non_latin == ["EU.6049.75"]
    assert all(sum(n.kind == "primary" for n in t.names) == 1 for t in eu.targets)


def test_ofac_sdn_xml_whole_file(sdn):
    assert len(sdn.targets) == 14966 == sdn.declared_count
    assert sdn.publication_date == "2024-05-07"
    kogogin = by_ref(sdn, "37767")
    assert kogogin.primary_name == "Sergei Anatolyevich KOGOGIN"
    assert "Sergey KOGOGIN" in [n.full_name for n in kogogin.names]
    assert kogogin.programmes == ["RUSSIA-EO14024"]
    assert kogogin.dates[0].date_from == "1957-11-16"
    bnc = by_ref(sdn, "306")
    assert ("BNC", "aka", "weak") in [(n.full_name, n.kind, n.quality) for n in bnc.names]


def test_ofac_consolidated_shares_the_sdn_schema():
    cons = parse_file(shared_file("us/CONSOLIDATED.XML"))
    assert cons.format == "ofac_sdn_xml"
    assert len(cons.targets) == 442 and cons.publication_date == "2026-01-08"


def test_ofac_sdn_csv_reads_remarks():
    parsed = parse_file(shared_file("us/sdn.csv"))
    assert parsed.format == "ofac_csv" and len(parsed.targets) == 14965
    kogogin = by_ref(parsed, "37767")
    assert kogogin.primary_name == "Sergei Anatolyevich KOGOGIN"  # SDN.XML order
    assert kogogin.dates[0].date_from == "1957-11-16"
    assert [c.code for c in kogogin.countries] == ["RU"]
    assert ("tax", "164804995925") in [(i.id_type, i.value) for i in kogogin.ids]
    assert ("BNC", "weak") in [(n.full_name, n.quality) for n in by_ref(parsed, "306").names]


def test_ofac_csv_triple_with_alt_and_add(tmp_path):
    src = shared_file("us/sdn.csv")
    lines = src.read_bytes().split(b"\r\n")
    kog = next(line for line in lines if line.startswith(b"37767,"))
    (tmp_path / "SDN.CSV").write_bytes(lines[0] + b"\r\n" + kog + b"\r\n\x1a")
    (tmp_path / "ALT.CSV").write_bytes(b'37767,9001,"aka","KOGOGIN, Sergey",-0- \r\n'
                                       b'37767,9002,"fka","KOGOGIN, Sergej",-0- \r\n\x1a')
    (tmp_path / "ADD.CSV").write_bytes(b'37767,5001,"Prospekt 2","Naberezhnye Chelny",'
                                       b'"Russia",-0- \r\n\x1a')
    parsed = parse_file(tmp_path / "SDN.CSV")
    kogogin = by_ref(parsed, "37767")
    assert ("Sergey KOGOGIN", "aka") in [(n.full_name, n.kind) for n in kogogin.names]
    assert ("Sergej KOGOGIN", "fka") in [(n.full_name, n.kind) for n in kogogin.names]
    assert kogogin.raw["addresses"] == ["Prospekt 2, Naberezhnye Chelny, Russia"]
    assert not parsed.notes


def test_ofsi_conlist_whole_file(ofsi):
    assert len(ofsi.targets) == 4688 and ofsi.publication_date == "2025-04-14"
    mah = next(t for t in ofsi.targets if t.source_ref == "13897")
    assert mah.primary_name == "Min Aung HLAING"
    assert mah.programmes == ["Global Human Rights", "Myanmar"]
    assert mah.listed_on == "2020-07-06"
    precisions = Counter(d.precision for t in ofsi.targets for d in t.dates)
    assert precisions["year"] > 500  # placeholders such as 00/00/1975 kept as years


def test_ofsi_csv_gives_the_same_targets_as_the_workbook(ofsi, tmp_path):
    import csv

    from openpyxl import load_workbook

    wb = load_workbook(shared_file("uk/ConList.xlsx"), read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    keep = [r for r in rows[2:] if r[-1] in ("13897", "15070")]
    out = tmp_path / "ConList.csv"
    with open(out, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["Last Updated", "14/04/2025"])
        w.writerow(rows[1])
        for r in keep:
            w.writerow(["" if c is None else c for c in r])
    parsed = parse_file(out)
    assert parsed.format == "gb_ofsi_csv"
    for t in parsed.targets:
        x = next(o for o in ofsi.targets if o.source_ref == t.source_ref)
        assert [n.full_name for n in t.names] == [n.full_name for n in x.names]
        assert t.programmes == x.programmes


def test_un_consolidated():
    parsed = parse_file(shared_file("un/consolidated.xml"))
    assert len(parsed.targets) == 999 and parsed.publication_date == "2026-01-28"
    assert Counter(t.type for t in parsed.targets) == {"person": 726, "organization": 273}
    assert Counter(n.quality for t in parsed.targets for n in t.names)["weak"] > 500


def test_fcdo_fixture():
    parsed = parse_file(FIXTURES / "uk/UK-Sanctions-List_sample.xml")
    assert parsed.format == "gb_fcdo_xml" and parsed.publication_date == "2026-11-12"
    kog = by_ref(parsed, "RUS1712")
    names = {(n.full_name, n.kind, n.quality) for n in kog.names}
    assert ("Sergei Anatolievich KOGOGIN", "variation", "strong") in names
    assert ("Sergei KOGOGIN", "aka", "strong") in names  # "ALias" casing
    assert ("KOGA", "aka", "weak") in names
    cyr = next(n for n in kog.names if n.kind == "original_script")
    assert cyr.script == "Cyrl"  # labelled Arabic by the publisher
    assert [(d.date_from, d.precision) for d in kog.dates] == [("1957-11-16", "day"), ("1962", "year")]
    assert kog.listed_on == "2023-04-20" and kog.countries[0].code == "RU"
    assert "&amp;" not in kog.remarks and "KAMAZ & a member" in kog.remarks
    assert [i.value for i in by_ref(parsed, "RUS2011").ids] == ["9562233", "9187629"]
    assert by_ref(parsed, "RUS0263").ids[0].value == "INN: 1650032058"
    assert ("HLAING", "weak") in [(n.full_name, n.quality) for n in by_ref(parsed, "GHR0046").names]


def test_ofac_advanced_fixture():
    parsed = parse_file(FIXTURES / "ofac/SDN_ADVANCED_sample.xml")
    assert parsed.format == "ofac_advanced_xml" and parsed.publication_date == "2026-11-20"
    kog = by_ref(parsed, "35096")
    assert kog.primary_name == "Sergey Anatolyevich KOGOGIN"
    assert kog.names[0].parts == {"given": "Sergey", "patronymic": "Anatolyevich", "family": "KOGOGIN"}
    assert ("Сергей Когогин", "original_script") in [(n.full_name, n.kind) for n in kog.names]
    assert ("KOGA", "weak") in [(n.full_name, n.quality) for n in kog.names]
    assert (kog.dates[0].date_from, kog.dates[0].precision) == ("1957", "year")
    assert {(c.kind, c.code) for c in kog.countries} == {("nationality", "RU"), ("citizenship", "RU")}
    assert kog.programmes == ["RUSSIA-EO14024", "UKRAINE-EO13660"] and kog.listed_on == "2022-06-28"
    assert ("passport", "750123456", "RU") in [(i.id_type, i.value, i.country) for i in kog.ids]
    kamaz = by_ref(parsed, "26320")
    assert kamaz.raw["lists"] == ["Sectoral Sanctions Identifications List"]  # umbrella skipped
    assert by_ref(parsed, "40001").type == "vessel" and by_ref(parsed, "40001").ids[0].value == "9562233"
    assert by_ref(parsed, "40002").type == "aircraft"


@pytest.mark.parametrize("relative,fmt", [
    ("au/Australian_Sanctions_Consolidated_List.xlsx", "au_dfat_xlsx"),
    ("uk/ConList.xlsx", "gb_ofsi_xlsx"),
    ("eu/20240513-FULL-1_1.xml", "eu_fsf_xml"),
    ("us/SDN.XML", "ofac_sdn_xml"),
    ("us/sdn.csv", "ofac_csv"),
    ("un/consolidated.xml", "un_sc_xml"),
])
def test_format_recognised_from_content_not_name(relative, fmt, tmp_path):
    copy = tmp_path / "download.bin"
    copy.write_bytes(shared_file(relative).read_bytes())
    assert detect_format(copy) == fmt


def test_truncated_xml_is_refused(tmp_path):
    cut = tmp_path / "SDN.XML"
    cut.write_bytes(shared_file("us/SDN.XML").read_bytes()[:100_000])
    with pytest.raises(SourceFormatError, match="not well-formed"):
        parse_file(cut)


def test_html_error_page_is_refused(tmp_path):
    page = tmp_path / "list.xml"
    page.write_text("<!DOCTYPE html><html><body>Service unavailable</body></html>")
    with pytest.raises(SourceFormatError, match="HTML page"):
        detect_format(page)


def test_xlsx_that_is_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "list.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(SourceFormatError):
        parse_file(fake, "au_dfat_xlsx")


def test_zip_bomb_inside_xlsx_is_refused(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (600 * 1024 * 1024))
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(SourceFormatError, match="zip bomb"):
        parse_file(bomb, "au_dfat_xlsx")


XXE = """<?xml version="1.0"?>
<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-01-01">
<sanctionEntity euReferenceNumber="EU.1"><subjectType code="person"/>
<nameAlias wholeName="&xxe;"/></sanctionEntity></export>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sdnList><publshInformation><Publish_Date>01/01/2024</Publish_Date></publshInformation>
<sdnEntry><uid>1</uid><lastName>&lol3;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>"""


@pytest.mark.parametrize("payload,fmt", [(XXE, "eu_fsf_xml"), (LAUGHS, "ofac_sdn_xml")])
def test_hostile_xml_is_refused_without_expanding(payload, fmt, tmp_path):
    path = tmp_path / "hostile.xml"
    path.write_text(payload)
    with pytest.raises(SourceFormatError, match="entities"):
        parse_file(path, fmt)


def test_entities_hidden_after_a_long_prolog_are_refused(tmp_path):
    """Comments can push a DOCTYPE far from the start of the file; it is still found."""
    path = tmp_path / "late.xml"
    path.write_text("<?xml version='1.0'?>" + "<!-- pad -->" * 20000 + XXE.split("?>", 1)[1])
    assert path.stat().st_size > 200_000
    with pytest.raises(SourceFormatError, match="entities"):
        parse_file(path, "eu_fsf_xml")


def test_sdn_csv_does_not_replace_sdn_xml(sdn):
    """Issue 10: sdn.csv over SDN.XML carries no date and half the names; loading refuses it."""
    from screener import store

    current = {"publication_date": sdn.publication_date, "record_count": len(sdn.targets),
               "name_count": sum(len(t.names) for t in sdn.targets)}
    csv_file = parse_file(shared_file("us/sdn.csv"))
    assert store.downgrade_reason(current, csv_file) == (
        "the new file carries no publication date while the current version is dated 2024-05-07")
    csv_file.publication_date = "2024-05-07"  # even dated alike, it lacks every alias
    assert store.downgrade_reason(current, csv_file) == (
        "the new file has 18,523 names against 36,717 in the current version (a drop of 50%)")
