"""Issue #10, reports: same-target lags, regimes behind gaps, list versions and staleness in
every format, on the real AU, UK (OFSI 2025) and UN snapshots."""

import json
from datetime import date

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from screener import entities, freshness, registry, reports, store
from screener.cli import app
from screener.regimes import regime_keys, scope
from screener.review import current_target
from screener.sametarget import same_target
from screener.screen import Screener
from tests.conftest import shared_file


def load(db, list_id, relative):
    store.import_file(db, registry.get_source(list_id), shared_file(relative))


def rematch(db, tmp_path):
    reports.match_entities(db, Screener.open(db, tmp_path / "cache"))


# ------------------------------------------------------------------ 3. same target only

def test_timeline_does_not_join_karl_lee_and_zhao_wei(au_db, tmp_path):
    load(au_db, "gb_ofsi", "uk/ConList.xlsx")
    load(au_db, "un_sc", "un/consolidated.xml")
    entities.curate(au_db, "add", name="Wang Wei", type="person")
    rematch(au_db, tmp_path)
    result = reports.timeline(au_db, "Wang Wei")
    events = {e["jurisdiction"]: e for e in result["events"]}
    # Issue 12: "Wang Wei" alone is no hit on Karl LEE (AU 1945, alias LI Fang Wei) nor on
    # Wei ZHAO (UK 16300): at most review, so no lag is counted between two different people.
    assert not any(e["lists"].startswith("listed") for e in events.values())
    assert all(e["lag_days"] is None for e in result["events"])
    text = reports.render_timeline(result, "table")
    assert "4298" not in text
    # The same person listed by two jurisdictions still gets a lag.
    kog = {e["jurisdiction"]: e for e in reports.timeline(au_db, "Sergey Kogogin")["events"]}
    assert kog["AU"]["same_target"] and kog["UK"]["same_target"]
    assert kog["UK"]["target"] == kog["AU"]["target"] == "Sergey KOGOGIN"
    # One name, two listed people (issue 12 sends "Anatoly Antonov" to review as ambiguous):
    # the same-target check still tells their records apart.
    # AU 7121 and UK 15110: Anatoli Andreevich, born 1966; UK 13213: Anatoly Ivanovich, 1955.
    au, uk_aa, uk_ai = (current_target(au_db, lid, ref)["id"] for lid, ref in (
        ("au_dfat", "7121"), ("gb_ofsi", "15110"), ("gb_ofsi", "13213")))
    assert same_target(au_db, {"target_id": au, "score": 0.9}, {"target_id": uk_aa, "score": 0.9}).same
    assert not same_target(au_db, {"target_id": au, "score": 0.9}, {"target_id": uk_ai, "score": 0.9}).same
    antonov = {e["jurisdiction"]: e for e in reports.timeline(au_db, "Anatoly Antonov")["events"]}
    assert not antonov["AU"]["lists"].startswith("listed")
    # UK and UN copies of one birth date a day apart (1966-01-28 / 1966-01-27): one person.
    uk_kim = au_db.execute("SELECT id FROM targets WHERE list_id = 'gb_ofsi' AND remarks LIKE "
                           "'%(UN Ref):KPi.068%'").fetchone()[0]
    un_kim = current_target(au_db, "un_sc", "KPi.068")["id"]
    assert same_target(au_db, {"target_id": uk_kim, "score": 0.9},
                       {"target_id": un_kim, "score": 0.9}).same
    # The gap report says the listings behind a gap are different people.
    found, _, _ = reports.gaps(au_db, "EU")
    assert not found  # no EU list loaded: no data, no gaps
    found, _, _ = reports.gaps(au_db, "UN")  # the UN has an Iran regime (AU lists Karl LEE so)
    assert not [g for g in found if g.entity == "Wang Wei"]  # listed nowhere: no gap to report


# ------------------------------------------------------------------ regimes behind gaps

def test_regime_names_of_every_publisher():
    for programme in ("RUSSIA-EO14024", "UKR", "Autonomous (Russia)", "Russia"):
        assert regime_keys(programme) == {"RU-UA"}, programme
    assert regime_keys("2206 (South Sudan)") == regime_keys("SouthSudan") == {"SS"}
    assert regime_keys("1267 Committee (ISIL & Al-Qaida)") >= {"isil-al-qaida", "terrorism"}
    assert regime_keys("Autonomous (Vessels)") == set()
    un = {"isil-al-qaida", "terrorism", "KP", "IR", "IQ", "LY"}
    assert not scope("UN", un, ["Russia", "Autonomous (Ukraine)"]).covered
    assert scope("UN", un, ["Autonomous (Iran)"]).covered
    assert scope("US", un | {"human-rights"}, ["Russia"]).covered  # a thematic regime reaches all
    unsure = scope("UN", un, ["Autonomous (Vessels)"])
    assert unsure.covered and "not recognised" in unsure.reason


def test_un_column_lists_no_russian_actors_as_gaps(au_db, tmp_path):
    load(au_db, "un_sc", "un/consolidated.xml")
    entities.curate(au_db, "add", name="Karl Lee", type="person")  # AU: Autonomous (Iran)
    rematch(au_db, tmp_path)
    found, _, _ = reports.gaps(au_db, "UN")
    covered = {g.entity for g in found if g.covered}
    outside = {g.entity: g.note for g in found if not g.covered}
    assert "Sergey Kogogin" in outside and "Vladimir Putin" in outside
    assert "no UN regime covers it" in outside["Sergey Kogogin"]
    assert "Karl Lee" in covered  # the UN has an Iran regime: a real gap to show
    assert not covered & {"Sergey Kogogin", "Vladimir Putin", "Kamaz", "Min Aung Hlaing"}
    report = reports.coverage(au_db)
    text = reports.render_gaps(*reports.gaps(au_db, "UN", report), "table", report)
    assert "not gaps: outside the regimes UN has" in text
    payload = json.loads(reports.render_gaps(*reports.gaps(au_db, "UN", report), "json", report))
    assert "Sergey Kogogin" in {g["entity"] for g in payload["outside_regimes"]}
    assert "Sergey Kogogin" not in {g["entity"] for g in payload["gaps"]}
    assert "UN: " in reports.gap_summary(*reports.gaps(au_db, None, report))


# ------------------------------------------------------------------ versions and staleness

def test_staleness_rule():
    old = freshness.freshness("EU", "2024-05-13T17:44:28", at=date(2026, 11, 29))
    assert (old.age_days, old.stale) == (930, True)
    assert old.note == "EU data is 930 days old: a gap may be a gap in the data"
    fresh = freshness.freshness("AU", "2026-02-24", at=date(2026, 3, 20))
    assert (fresh.age_days, fresh.stale, fresh.note) == (24, False, None)
    assert freshness.freshness("AU", "2026-02-24", at=date(2026, 3, 27)).stale  # 31 days
    assert "undated" in freshness.freshness("US", None).note


def test_every_report_format_states_list_versions_and_staleness(au_db, tmp_path):
    rematch(au_db, tmp_path)
    expected = freshness.freshness("AU (au_dfat)", "2026-02-24")
    report = reports.coverage(au_db)
    gap_args = (*reports.gaps(au_db, report=report),)
    timeline = reports.timeline(au_db, "Sergey Kogogin")
    for fmt in ("table", "md", "csv", "json", "html"):
        for name, text in (("coverage", reports.render_coverage(report, fmt)),
                           ("gaps", reports.render_gaps(*gap_args, fmt, report)),
                           ("timeline", reports.render_timeline(timeline, fmt))):
            assert "2026-02-24" in text, (name, fmt)  # gaps html and json had none
            if expected.stale and fmt in ("table", "md", "json", "html"):
                assert expected.note in text, (name, fmt)
    page = lxml_html.fromstring(reports.render_gaps(*gap_args, "html", report))
    assert page.xpath("//ul[@class='lists']/li")
    status = store.list_status(au_db, registry.load_sources())
    au = next(r for r in status if r["list"] == "au_dfat")
    assert (au["age_days"], au["stale"]) == (expected.age_days, expected.stale)


def test_timeline_cli_writes_html(au_db, tmp_path):
    out = tmp_path / "timeline.html"
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "screener.db"), "report", "timeline",
                                      "Min Aung Hlaing", "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert page.xpath("//table//td[text()='AU']") and "au_dfat" in page.text_content()


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_lists_status_marks_stale_versions(au_db, tmp_path, fmt):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "screener.db"), "lists", "status",
                                      "-f", fmt])
    assert result.exit_code == 0
    expected = freshness.freshness("AU (au_dfat)", "2026-02-24")
    if fmt == "json":
        au = next(r for r in json.loads(result.stdout) if r["list"] == "au_dfat")
        assert au["stale"] == expected.stale and au["warning"] == expected.note
    elif expected.stale:
        assert "STALE" in result.stdout and expected.note in result.output
