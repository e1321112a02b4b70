"""The words around a mention against a target's listed function: rules on invented
sentences, then the coverage report on the real AU and UK lists."""

from __future__ import annotations

import pytest

from screener import db, documents, gazetteer, registry, reports, store
from screener.mention_context import MentionContext, TargetContext, around, judge, read
from screener.screen import Screener
from tests.conftest import shared_file


def test_around_reads_the_title_before_and_the_appositive_after():
    s = "Officials said Wang Wei, a Hong Kong accountant, had moved the funds."
    assert around(s, "Wang Wei") == "… a Hong Kong accountant"
    s = "The talks with Deputy Minister of Defence Alexander Fomin ended on Tuesday."
    assert around(s, "Alexander Fomin") == "Deputy Minister of Defence …"
    # What comes before "and" is about someone else.
    s = "He met army chief Min Aung Hlaing and junta investment minister Aung Naing Oo."
    assert around(s, "Aung Naing Oo") == "junta investment minister …"


def context(*phrases: str) -> MentionContext:
    return read(list(phrases))


def test_a_shared_office_confirms():
    verdict = judge(context("Deputy Minister of Defence …"),
                    TargetContext("Deputy Minister of Defence of the Russian Federation", "", {"RU"}))
    assert verdict.effect == "confirms" and "(defence, deputy, minister)" in verdict.reason


def test_a_private_occupation_the_function_lacks_rules_out():
    verdict = judge(context("… a Hong Kong accountant"),
                    TargetContext("Owner and President of the Kings Romans Group", "", {"CN"}))
    assert verdict.effect == "rules out" and "accountant" in verdict.reason


def test_hong_kong_is_no_contradiction_of_chinese_nationality():
    assert judge(context("… a Hong Kong businessman"), TargetContext("", "", {"CN"})) is None
    verdict = judge(context("… a Hong Kong businessman"), TargetContext("", "", {"KP"}))
    assert verdict.effect == "rules out" and "Hong Kong (HK)" in verdict.reason


def test_an_unrelated_office_rules_out_only_a_loose_name_match():
    ctx = context("The Prime Minister of the Russian Federation …")
    target = TargetContext("Deputy Chairman of the National Security Council", "", {"RU"})
    assert judge(ctx, target, name_score=1.0) is None  # offices change: the same man
    assert judge(ctx, target, name_score=0.8).effect == "rules out"


def test_silence_says_nothing():
    assert judge(context(""), TargetContext("President", "", {"RU"})) is None
    assert judge(context("… a Hong Kong accountant"), TargetContext("", "", set())) is None


@pytest.fixture(scope="module")
def uk_with_article(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("context")
    conn = db.connect(tmp_path / "s.db")
    store.import_file(conn, registry.get_source("gb_ofsi"), shared_file("uk/ConList.xlsx"))
    store.import_file(conn, registry.get_source("au_dfat"),
                      shared_file("au/Australian_Sanctions_Consolidated_List.xlsx"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "article.txt").write_text(
        "Police in Macau questioned Mr Wang Wei, a Hong Kong accountant, about the transfers.\n\n"
        "Deputy Minister of Defense of the Russian Federation Anatoly Antonov spoke to reporters "
        "in Moscow on Friday.\n", encoding="utf-8")
    documents.ingest(conn, [docs], gazetteer.load(conn, tmp_path / "cache"))
    reports.match_entities(conn, Screener.open(conn, tmp_path / "cache"))
    return conn


def match_rows(conn, entity_like):
    return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT m.list_id, m.source_ref, m.status, m.explanation FROM matches m "
        "JOIN entities e ON e.id = m.entity_id WHERE e.name LIKE ?", [entity_like])}


def test_report_rules_out_the_kings_romans_owner_for_a_hong_kong_accountant(uk_with_article):
    rows = match_rows(uk_with_article, "Wang Wei%")
    status, why = rows[("gb_ofsi", "16300")]  # Zhao WEI, "Owner and President of the Kings Romans Group"
    assert status == reports.NEEDS_REVIEW and "accountant, not in the listed function" in why


def test_report_confirms_one_antonov_and_rules_out_the_other(uk_with_article):
    rows = match_rows(uk_with_article, "Anatoly Antonov")
    status, why = rows[("gb_ofsi", "13213")]  # Anatoly Ivanovich, the deputy minister
    assert status == reports.LISTED and "fits the listed function" in why
    status, why = rows[("au_dfat", "7121")]  # Anatoli Andreevich, of the so-called LPR
    assert status == reports.NEEDS_REVIEW and "listed as UA" in why


def test_the_country_that_sanctions_is_not_the_persons_country():
    # "Canada imposed sanctions on U Charlie Than" (a real article, 2022) made the US hit on
    # the Burmese minister "needs review": Canada is who sanctions, not where he is from.
    s = "Canada imposed sanctions on U Anna Kovalenko, the Union Minister of Industry, on Friday."
    assert around(s, "Anna Kovalenko") == "on U … the Union Minister of Industry"
    s = "Canada also sanctioned Anna Kovalenko, founder of a bank, and two firms."
    assert around(s, "Anna Kovalenko") == "… founder of a bank"
    target = TargetContext("Union Minister for Industry", "", {"MM"})
    s = "Canada imposed sanctions on U Anna Kovalenko, the Union Minister of Industry, on Friday."
    assert judge(read([around(s, "Anna Kovalenko")]), target).effect == "confirms"
    # The country in the title itself still counts.
    verdict = judge(read(["Canadian minister …"]), TargetContext("", "", {"MM"}))
    assert verdict.effect == "rules out" and "(CA)" in verdict.reason


def test_the_next_item_of_a_list_is_not_an_appositive():
    # Bench text 007: "sanctions against Khin Phyu Win, Zaw Min Tun, and three Singapore
    # companies" sent the US exact hit on Zaw Min Tun to review: "named Singapore".
    s = "They welcomed sanctions against Ivan Sidorov, Anna Kovalenko, and three Singapore firms."
    assert around(s, "Anna Kovalenko") == "…"
    s = "Two individuals, Ivan Sidorov and Anna Kovalenko, as well as three Singapore firms."
    assert around(s, "Anna Kovalenko") == "…"
    assert not read([around(s, "Anna Kovalenko")])
    s = "Officials said Wang Wei, a Hong Kong accountant, had moved the funds."
    assert around(s, "Wang Wei") == "… a Hong Kong accountant"  # an appositive still counts
