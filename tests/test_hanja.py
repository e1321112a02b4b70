"""Korean names written in Han (金正恩) read the Korean way, Chinese names still in Mandarin."""

from __future__ import annotations

import pytest

from screener.hanja import korean_reading, readings
from screener.match import DEFAULT_THRESHOLD, compare, explain
from tests.conftest import shared_file

if not readings():
    pytest.skip("the hanja readings (pyhanja's data) are not installed", allow_module_level=True)


@pytest.mark.parametrize("han,hangul", [
    ("金正恩", "김정은"), ("金與正", "김여정"),
    ("崔龍海", "최룡해"),  # initial ㄹ kept, as North Korean names and the lists spell them
    ("李炳哲", "리병철"),
])
def test_korean_names_in_han_read_in_hangul(han, hangul):
    assert korean_reading(han) == hangul


@pytest.mark.parametrize("han", [
    "习近平",  # 習 reads 습: no Korean family name
    "陈柳",  # two characters: read in Korean (진류) it would meet RYU JIN in any order
    "金正恩 Kim", "Kim",
])
def test_names_that_are_no_korean_name_in_han_get_no_korean_reading(han):
    assert korean_reading(han) is None


@pytest.mark.parametrize("query,listed", [
    ("金正恩", "Kim Jong Un"), ("Kim Jong Un", "金正恩"), ("金正恩", "김정은"),
    ("崔龍海", "Choe Ryong Hae"), ("李炳哲", "Ri Pyong Chol"),
    ("习近平", "Xi Jinping"), ("習近平", "XI Jinping"),  # Mandarin still
])
def test_han_names_are_read_both_ways(query, listed):
    c = explain(query, listed)
    assert c.score >= DEFAULT_THRESHOLD, c.text


def test_the_korean_reading_says_so_and_a_different_name_stays_apart():
    assert "read in Korean as 김정은" in explain("金正恩", "Kim Jong Un").text
    assert compare("金正恩", "Kim Jong Il") < DEFAULT_THRESHOLD
    assert compare("陈柳", "RYU JIN") < DEFAULT_THRESHOLD  # a Chinese name, not Ryu Jin


@pytest.fixture(scope="module")
def sdn(tmp_path_factory):
    from screener import db, registry, store
    from screener.screen import Screener

    path = tmp_path_factory.mktemp("sdn") / "s.db"
    conn = db.connect(path)
    store.import_file(conn, registry.get_source("us_ofac_sdn"), shared_file("us/SDN.XML"))
    return Screener.open(conn, None)


def _hits(screener, name: str) -> set[str]:
    from screener.screen import Query

    return {h.source_ref for h in screener.screen(Query(name)).hits if h.status == "hit"}


def test_screening_kim_jong_un_in_han_finds_him(sdn):
    assert "20157" in _hits(sdn, "金正恩")
    assert "20157" in _hits(sdn, "김정은")


def test_chinese_names_in_han_gain_no_hit_from_korean_readings(sdn, monkeypatch):
    from bench.everyday import han_names

    names = han_names(120)
    both = [n for n in names if _hits(sdn, n)]
    monkeypatch.setattr("screener.nameindex.korean_reading_of", lambda p: None)
    mandarin = [n for n in names if _hits(sdn, n)]
    assert both == mandarin
