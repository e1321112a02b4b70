"""Coverage and gaps on a small database with several jurisdictions, and on the real AU list."""

import json
import re

import pytest
from lxml import html as lxml_html

from screener import db as database
from screener import reports, store
from screener.model import ORGANIZATION, PERSON, ParsedList, Target, TargetName
from screener.screen import Screener


def target(ref, name, type_=PERSON, listed_on=None, programmes=("RUS",)):
    return Target(source_ref=ref, type=type_, primary_name=name, names=[TargetName(name)],
                  programmes=list(programmes), listed_on=listed_on)


def load(conn, list_id, targets, sha):
    store.load_parsed(conn, list_id, ParsedList(format="test", targets=targets,
                                                publication_date="2026-01-01"),
                      path=None, url=None, sha256=sha, size=1)


def add_entity(conn, name, type_, sentence):
    now = store.now_iso()
    doc = conn.execute("INSERT OR IGNORE INTO documents (path, sha256, chars, ingested_at, text) "
                       "VALUES ('doc.txt', 'x', 1, ?, 'text')", [now])
    doc_id = conn.execute("SELECT id FROM documents WHERE path='doc.txt'").fetchone()[0]
    eid = conn.execute("INSERT INTO entities (name, type, aliases, created_at, updated_at) "
                       "VALUES (?,?,'[]',?,?)", [name, type_, now, now]).lastrowid
    conn.execute("INSERT INTO mentions (document_id, entity_id, start, end, text, sentence, method) "
                 "VALUES (?,?,0,4,?,?,'rules')", [doc_id, eid, name, sentence])
    return doc


@pytest.fixture
def small(tmp_path):
    conn = database.connect(tmp_path / "s.db")
    load(conn, "au_dfat", [target("6906", "Sergey KOGOGIN", listed_on="2022-04-06"),
                           target("6937", "Kamaz", ORGANIZATION, "2022-04-14")], "a")
    load(conn, "eu_fsf", [target("EU.1", "Sergey Anatolyevich KOGOGIN", listed_on="2023-02-25"),
                          target("EU.2", "KAMAZ", ORGANIZATION, "2022-06-03"),
                          target("EU.3", "Min Aung Hlaing", listed_on="2021-03-22")], "b")
    load(conn, "us_ofac_sdn", [target("100", "Min Aung HLAING", programmes=("BURMA-EO14014",)),
                               target("101", "Aung Nyein Oo", listed_on="2021-02-11")], "c")
    for name, type_ in [("Sergey Kogogin", PERSON), ("Kamaz", ORGANIZATION),
                        ("Min Aung Hlaing", PERSON), ("Aung Naing Oo", PERSON),
                        ("Yadanar Maung", PERSON)]:
        add_entity(conn, name, type_, f"{name} was named in the report.")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    return conn


def cells(report, name):
    row = next(r for r in report.rows if r.name == name)
    return {j: c.status for j, c in row.cells.items()}


def test_coverage_statuses_including_no_data_and_review(small):
    report = reports.coverage(small)
    assert report.jurisdictions == ["US", "UK", "EU", "AU"]
    assert cells(report, "Sergey Kogogin") == {"US": "not listed", "UK": "no data",
                                               "EU": "listed", "AU": "listed"}
    assert cells(report, "Min Aung Hlaing") == {"US": "listed", "UK": "no data",
                                                "EU": "listed", "AU": "not listed"}
    # "Aung Naing Oo" against "Aung Nyein Oo": close, not certain: review, never listed.
    assert cells(report, "Aung Naing Oo")["US"] == "needs review"
    assert cells(report, "Yadanar Maung") == {"US": "not listed", "UK": "no data",
                                              "EU": "not listed", "AU": "not listed"}
    assert {x["list"] for x in report.lists} == {"au_dfat", "eu_fsf", "us_ofac_sdn"}


def test_gaps_per_jurisdiction(small):
    found, unlisted, no_data = reports.gaps(small)
    us = [g for g in found if g.jurisdiction == "US"]
    assert [g.entity for g in us] == ["Kamaz", "Sergey Kogogin"]
    kog = next(g for g in us if g.entity == "Sergey Kogogin")
    assert {x["jurisdiction"]: x["since"] for x in kog.listed_by} == {"EU": "2023-02-25",
                                                                       "AU": "2022-04-06"}
    assert kog.evidence["sentence"] == "Sergey Kogogin was named in the report."
    assert [g.entity for g in found if g.jurisdiction == "AU"] == ["Min Aung Hlaing"]
    assert no_data == ["UK"]
    assert {r.name for r in unlisted} == {"Yadanar Maung", "Aung Naing Oo"}
    only_us, _, _ = reports.gaps(small, "us")
    assert {g.jurisdiction for g in only_us} == {"US"}
    with pytest.raises(ValueError, match="unknown jurisdiction"):
        reports.gaps(small, "FR")


def test_review_decisions_survive_rematching_and_list_reload(small, tmp_path):
    reports.review_decide(small, "Aung Naing Oo", "us_ofac_sdn", "101", "confirmed", "same DOB")
    reports.review_decide(small, "Min Aung Hlaing", "eu_fsf", "EU.3", "rejected")
    load(small, "eu_fsf", [target("EU.1", "Sergey Anatolyevich KOGOGIN", listed_on="2023-02-25"),
                           target("EU.2", "KAMAZ", ORGANIZATION), target("EU.3", "Min Aung Hlaing"),
                           target("EU.4", "Someone Else")], "b2")
    reports.match_entities(small, Screener.open(small, tmp_path / "cache"))
    report = reports.coverage(small)
    assert cells(report, "Aung Naing Oo")["US"] == "listed"
    assert cells(report, "Min Aung Hlaing")["EU"] == "not listed"
    with pytest.raises(ValueError, match="has no target"):
        reports.review_decide(small, "Kamaz", "eu_fsf", "EU.999", "confirmed")


def test_timeline_lag(small):
    result = reports.timeline(small, "Sergey Kogogin")
    events = {e["jurisdiction"]: e for e in result["events"]}
    assert events["AU"]["lag_days"] == 0 and events["EU"]["lag_days"] == 325
    assert events["UK"]["lists"] == "no data"


def test_csv_output_is_safe_against_formulas(small):
    add_entity(small, "=HYPERLINK(\"http://x\")", PERSON, "@SUM(1+1) in a sentence")
    text = reports.render_coverage(reports.coverage(small), "csv")
    assert "'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text


def test_html_report_is_a_coloured_sortable_page(small):
    add_entity(small, "<script>alert(1)</script>", PERSON, "x")
    page = reports.render_coverage(reports.coverage(small), "html")
    doc = lxml_html.fromstring(page)
    assert doc.xpath("//table[@id='coverage']")
    assert doc.xpath("//td[@class='listed']") and doc.xpath("//td[@class='nodata']")
    assert "<script>alert(1)</script>" not in page
    assert "addEventListener('click'" in page
    gaps_page = reports.render_gaps(*reports.gaps(small), "html")
    assert lxml_html.fromstring(gaps_page).xpath("//h2")


def test_gap_report_text_formats_quote_the_evidence_and_list_versions(small):
    for fmt in ("md", "table"):
        report = reports.coverage(small)
        text = reports.render_gaps(*reports.gaps(small, report=report), fmt, report)
        assert "eu_fsf published 2026-01-01" in text, fmt
        assert "Sergey Kogogin was named" in text and "doc.txt" in text, fmt


def test_json_report_lists_versions(small):
    payload = json.loads(reports.render_coverage(reports.coverage(small), "json"))
    assert payload["jurisdictions"] == ["US", "UK", "EU", "AU"]
    assert {x["list"] for x in payload["lists"]} == {"au_dfat", "eu_fsf", "us_ofac_sdn"}


AU_LISTED = ["Min Aung Hlaing", "Soe Win", "Maung Maung Kyaw", "Sergey Kogogin", "Kamaz", "Rostec",
             "Rustam Minnikhanov", "Alexander Fomin", "Sergei Shoigu", "Vladimir Putin",
             "Dmitry Medvedev", "Russian Helicopters"]
AU_NOT_LISTED = ["Aung San Suu Kyi", "Justice for Myanmar", "Yadanar Maung"]


def test_au_acceptance_on_the_seeds(au_db, tmp_path):
    reports.match_entities(au_db, Screener.open(au_db, tmp_path / "cache"))
    report = reports.coverage(au_db)

    def row_for(name):
        return next(r for r in report.rows if name == r.name or name in json.loads(
            au_db.execute("SELECT aliases FROM entities WHERE id = ?", [r.entity_id]).fetchone()[0]))

    for name in AU_LISTED:
        assert row_for(name).cells["AU"].status == "listed", name
    for name in AU_NOT_LISTED:
        assert row_for(name).cells["AU"].status == "not listed", name
    for name in ("Alexander Fomin", "Sergey Kogogin"):
        refs = [h["matched_name"] for h in row_for(name).cells["AU"].hits]
        assert not any(r in ("Yuri Alexandrovich FOMIN", "Alfia Gumarovna KOGOGINA") for r in refs)
    assert all(r.cells["US"].status == "no data" for r in report.rows)


def test_year_only_listing_dates_give_no_day_lag(au_db, tmp_path):
    reports.match_entities(au_db, Screener.open(au_db, tmp_path / "cache"))
    events = {e["jurisdiction"]: e for e in reports.timeline(au_db, "Min Aung Hlaing")["events"]}
    assert events["AU"]["listed_on"] == "2023" and events["AU"]["lag_days"] is None
    assert events["EU"]["lists"] == "no data"


def test_the_match_summary_counts_entities_as_the_coverage_report_does(au_db, tmp_path):
    """`match` said "63 listed, 19 to review" on the seeds where the coverage report lists
    about 20 actors: it counted candidate records. It counts entities, decisions applied."""
    summary = reports.match_entities(au_db, Screener.open(au_db, tmp_path / "cache"))

    def from_report():
        rows = reports.coverage(au_db).rows
        listed = [r for r in rows if any(c.status == "listed" for c in r.cells.values())]
        review = [r for r in rows if r not in listed
                  and any(c.status == "needs review" for c in r.cells.values())]
        return len(listed), len(review)

    assert (summary.listed, summary.review) == from_report()
    assert summary.matches > summary.listed + summary.review  # records, not entities
    assert summary.listed >= len(AU_LISTED) and summary.review >= 1
    pending = next(r for r in reports.coverage(au_db).rows
                   if r.cells["AU"].status == "needs review")
    ref = pending.cells["AU"].hits[0]["source_ref"]
    reports.review_decide(au_db, pending.name, "au_dfat", ref, "confirmed", by="qa")
    assert reports.entity_counts(au_db) == from_report() == (summary.listed + 1,
                                                             summary.review - 1)


def test_the_uk_is_fcdo_once_loaded_not_the_closed_ofsi_list_too(tmp_path):
    """OFSI's list closed on 2026-01-28; FCDO's is the UK's word. With both loaded, a target
    only the old OFSI file holds (delisted since) must not make the UK "listed"."""
    conn = database.connect(tmp_path / "s.db")
    load(conn, "gb_ofsi", [target("15070", "Sergey Anatolyevich KOGOGIN", listed_on="2022-04-06"),
                           target("13897", "Min Aung HLAING", listed_on="2020-07-06")], "o")
    for name in ("Sergey Kogogin", "Min Aung Hlaing"):
        add_entity(conn, name, PERSON, f"{name} was named in the report.")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    before = reports.coverage(conn)
    assert cells(before, "Sergey Kogogin")["UK"] == "listed"  # OFSI alone: it counts

    load(conn, "gb_fcdo", [target("RUS0123", "Min Aung HLAING", listed_on="2020-07-06")], "f")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    after = reports.coverage(conn)
    assert cells(after, "Sergey Kogogin")["UK"] == "not listed"
    uk = next(r for r in after.rows if r.name == "Min Aung Hlaing").cells["UK"]
    assert uk.status == "listed" and {h["list_id"] for h in uk.hits} == {"gb_fcdo"}
    assert any("gb_ofsi" in w and "not counted" in w for w in after.warnings)
    assert re.search(r"gb_ofsi published 2026-01-01[^;]*\(not counted\)",
                     reports.list_versions(after))
    md = reports.render_coverage(after, "md")
    assert "not counted" in md and "gb_ofsi 15070" not in md


def test_the_markdown_report_explains_every_match(small):
    """The md report said "needs review: us_ofac_sdn 101" and no more: the reader could not
    see which name matched or why. Every match behind a cell is now listed with its reason."""
    report = reports.coverage(small)
    md = reports.render_coverage(report, "md")
    why = md.split("## Why: every match and its explanation", 1)[1]
    lines = [line for line in why.splitlines() if line.startswith("| ") and "---" not in line][1:]
    behind_cells = sum(len(c.hits) for r in report.rows for c in r.cells.values())
    assert len(lines) == behind_cells > 0
    naing = next(line for line in lines if line.startswith("| Aung Naing Oo |"))
    assert "| US | us_ofac_sdn | 101 | needs review |" in naing and "Aung Nyein Oo" in naing
    assert "naing" in naing.split("|")[-2]  # the matcher's explanation, in its own column
    reports.review_decide(small, "Aung Naing Oo", "us_ofac_sdn", "101", "confirmed", by="qa")
    md = reports.render_coverage(reports.coverage(small), "md")
    assert "(confirmed by a reviewer)" in md.split("| Aung Naing Oo |", 2)[2]


def test_an_alias_of_initials_alone_does_not_list_another_person(tmp_path):
    """The demo's "Sergei Shoigu" (also written "S.K.Shoigu" in a seed) was "listed" by the US
    on SDN 38658, his daughter Kseniya Sergeyevna SHOIGU: the initials fit her in the other
    order. The entity's own name says which S is meant; an alias alone gives review."""
    conn = database.connect(tmp_path / "s.db")
    load(conn, "us_ofac_sdn", [target("35173", "Sergei Kuzhugetovich SHOIGU"),
                               target("38658", "Kseniya Sergeyevna SHOIGU")], "s")
    now = store.now_iso()
    conn.execute("INSERT INTO entities (name, type, aliases, created_at, updated_at) "
                 "VALUES ('Sergei Shoigu', 'person', ?, ?, ?)", ['["S.K.Shoigu"]', now, now])
    conn.execute("INSERT INTO entities (name, type, aliases, created_at, updated_at) "
                 "VALUES ('N.P. Patrushev', 'person', '[]', ?, ?)", [now, now])
    load(conn, "au_dfat", [target("7664", "Nikolai Platonovich PATRUSHEV")], "a")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    us = next(r for r in reports.coverage(conn).rows if r.name == "Sergei Shoigu").cells["US"]
    status = {h["source_ref"]: h["status"] for h in us.hits}
    assert status == {"35173": "listed", "38658": "needs review"}
    daughter = next(h for h in us.hits if h["source_ref"] == "38658")
    # the initials themselves fit her only in the other order (screener.nameforms)
    assert "initials in another order" in daughter["explanation"]
    # a name that is itself initials keeps its hit: nothing says which N or P is meant
    assert cells(reports.coverage(conn), "N.P. Patrushev")["AU"] == "listed"


def test_stored_matches_are_recomputed_after_the_code_changes(small, tmp_path, monkeypatch):
    """Matches outlived an upgrade: the demo database kept 'Sergei Shoigu' listed on his
    daughter's record after the fix, until `match --all`. The code's digest is part of what
    a match depends on."""
    assert re.fullmatch(r"[0-9a-f]{64}", reports.code_version())
    assert not reports.matches_stale(small)
    again = reports.match_entities(small, Screener.open(small, tmp_path / "cache"))
    assert again.rematched == 0
    monkeypatch.setattr(reports, "code_version", lambda: "a newer screener")
    assert reports.matches_stale(small)
    upgraded = reports.match_entities(small, Screener.open(small, tmp_path / "cache"))
    assert upgraded.rematched == upgraded.entities == 5


def test_a_generic_organisation_name_several_countries_hold_is_review(tmp_path):
    """Seen on bench text 001: "the Ministry of Defense" (Myanmar's) was listed by
    the UK, AU and UN on the Syrian and North Korean ministries. A list holding two such
    organisations of different countries shows the name alone does not say which."""
    conn = database.connect(tmp_path / "s.db")
    load(conn, "gb_ofsi", [
        target("13575", "MINISTRY OF DEFENSE", ORGANIZATION,
               programmes=("Democratic People's Republic of Korea",)),
        target("12691", "MINISTRY OF DEFENCE", ORGANIZATION, programmes=("Syria",)),
        target("15332", "KAMAZ", ORGANIZATION, programmes=("Russia",))], "u")
    load(conn, "au_dfat", [
        target("3446", "Ministry of Defense", ORGANIZATION, programmes=("1718 (DPRK)",)),
        target("6937", "Kamaz", ORGANIZATION, programmes=("Autonomous (Belarus)",))], "a")
    for name in ("Ministry of Defense", "Kamaz"):
        add_entity(conn, name, ORGANIZATION, f"{name} was named in the report.")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    report = reports.coverage(conn)
    assert cells(report, "Ministry of Defense") == {"US": "no data", "UK": "needs review",
                                                    "EU": "no data", "AU": "needs review"}
    row = next(r for r in report.rows if r.name == "Ministry of Defense")
    assert all("different countries under this name (KP, SY)" in h["explanation"]
               for c in row.cells.values() for h in c.hits)
    # two lists that file one company under different regimes are no such doubt
    assert cells(report, "Kamaz")["UK"] == cells(report, "Kamaz")["AU"] == "listed"


def test_same_target_for_bodies_uses_the_regime_and_never_joins_one_lists_records(tmp_path):
    """The timeline of bench texts 041-049 split one company in two ("SHOON ENERGY PTE
    LIMITED" on the UK list, "SHOON ENERGY PTE. LTD." on the US list: names at 0.86, no birth
    date for a body), and could join two companies that one list holds apart."""
    from screener.sametarget import same_target

    conn = database.connect(tmp_path / "s.db")
    load(conn, "gb_ofsi", [target("15859", "SHOON ENERGY PTE LIMITED", ORGANIZATION,
                                  programmes=("Myanmar",)),
                           target("12691", "MINISTRY OF DEFENCE", ORGANIZATION,
                                  programmes=("Syria",))], "u")
    load(conn, "us_ofac_sdn", [
        target("44660", "SHOON ENERGY PTE. LTD.", ORGANIZATION, programmes=("BURMA-EO14014",)),
        target("44661", "P.E.I ENERGY PTE. LTD.", ORGANIZATION, programmes=("BURMA-EO14014",)),
        target("44662", "PEIA PTE. LTD.", ORGANIZATION, programmes=("BURMA-EO14014",)),
        target("1", "MINISTRY OF DEFENSE", ORGANIZATION, programmes=("DPRK3",))], "s")
    ids = {ref: tid for tid, ref in conn.execute("SELECT id, source_ref FROM targets")}

    def verdict(a, b, score=0.85):
        return same_target(conn, {"target_id": ids[a], "score": score},
                           {"target_id": ids[b], "score": score})

    shoon = verdict("15859", "44660")
    assert shoon.same and "regime agree" in shoon.reason
    apart = verdict("44661", "44662", score=1.0)
    assert not apart.same and "two records of one list" in apart.reason
    assert not verdict("12691", "1").same  # Syria's and North Korea's ministries


def test_a_bracketed_acronym_of_the_name_itself_does_not_make_another_target(tmp_path):
    """Bench text 045: the timeline of "Myanmar Pearl Enterprise" said UK's "MYANMAR PEARL
    ENTERPRISE (MPE)" and US's "MYANMAR PEARL ENTERPRISE" were two targets (0.79)."""
    from screener.sametarget import same_target, without_own_acronym

    assert without_own_acronym("MYANMAR PEARL ENTERPRISE (MPE)") == "MYANMAR PEARL ENTERPRISE"
    assert without_own_acronym("Bank of Asia and Pacific (BAP)") == "Bank of Asia and Pacific"
    assert without_own_acronym("ASIA PACIFIC BANK (XYZ)") == "ASIA PACIFIC BANK (XYZ)"
    conn = database.connect(tmp_path / "s.db")
    load(conn, "gb_ofsi", [target("14110", "MYANMAR PEARL ENTERPRISE (MPE)", ORGANIZATION,
                                  programmes=("Myanmar",)),
                           target("9", "GOLDEN STAR TRADING (GST)", ORGANIZATION,
                                  programmes=("Myanmar",))], "u")
    load(conn, "us_ofac_sdn", [
        target("31692", "MYANMAR PEARL ENTERPRISE", ORGANIZATION, programmes=("BURMA-EO14014",)),
        target("8", "SILVER STAR TRADING", ORGANIZATION, programmes=("BURMA-EO14014",))], "s")
    ids = {ref: tid for tid, ref in conn.execute("SELECT id, source_ref FROM targets")}

    def verdict(a, b):
        return same_target(conn, {"target_id": ids[a], "score": 0.79},
                           {"target_id": ids[b], "score": 1.0})

    assert verdict("14110", "31692").same
    assert not verdict("9", "8").same  # the acronym goes, the other words still differ


def test_gap_reports_cite_the_document_by_its_title_and_date(small):
    """README: documents' titles and dates are "shown where documents are cited"; the gap
    reports gave only the file's path."""
    small.execute("UPDATE documents SET title = 'Junta buys trucks', published = '2024-05-20'")
    report = reports.coverage(small)
    found, unlisted, no_data = reports.gaps(small, report=report)
    for fmt in ("md", "csv", "json", "html"):
        text = reports.render_gaps(found, unlisted, no_data, fmt, report)
        assert "Junta buys trucks, 2024-05-20 (doc.txt)" in text, fmt


def test_an_ambiguity_the_records_resolve_is_no_ambiguity(tmp_path):
    """Bench text 047: "Alexander Lukashenko" was "needs review" on the US, EU and AU lists,
    "ambiguous" between Alexander Ryhoravich and Alexander Grigorievich LUKASHENKO, the
    Belarusian and Russian patronymics of one man born on one day. Two men born apart (the
    two Anatoly Antonovs) stay ambiguous."""
    from screener.dates import parse_date

    def person(ref, name, born):
        t = target(ref, name, programmes=("BLR",))
        t.dates = [parse_date(born)]
        return t

    conn = database.connect(tmp_path / "s.db")
    load(conn, "au_dfat", [person("6824", "Alexander Ryhoravich LUKASHENKO", "1954-08-30"),
                           person("7121", "Anatoli Andreevich ANTONOV", "1967-12-24")], "a")
    load(conn, "eu_fsf", [person("EU.5971.83", "Alexander Grigorievich LUKASHENKO", "1954-08-30"),
                          person("EU.4033.93", "Anatoly Ivanovich ANTONOV", "1955-05-15")], "b")
    for name in ("Alexander Lukashenko", "Anatoly Antonov"):
        add_entity(conn, name, PERSON, f"{name} met the delegation.")
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    report = reports.coverage(conn)
    assert cells(report, "Alexander Lukashenko") == {"US": "no data", "UK": "no data",
                                                     "EU": "listed", "AU": "listed"}
    row = next(r for r in report.rows if r.name == "Alexander Lukashenko")
    assert "one target on every list" in row.cells["AU"].hits[0]["explanation"]
    antonov = cells(report, "Anatoly Antonov")
    assert antonov["EU"] == antonov["AU"] == "needs review"
