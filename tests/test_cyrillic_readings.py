"""East Asian names written in Cyrillic read as the lists spell them: Korean (Ким Чен Ын, Kim Jong
Un) and Chinese (Си Цзиньпин, Xi Jinping)."""

from __future__ import annotations

import pytest

from screener.kontsevich import korean_reading
from screener.match import DEFAULT_THRESHOLD, REVIEW_THRESHOLD, compare, explain
from screener.palladius import chinese_reading
from tests.conftest import shared_file


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Ким Чен Ын", "kim jong un"), ("Ким Чен Ир", "kim jong il"),  # the older practice: Чен for 정
    ("Чхве Рён Хэ", "choe ryong hae"), ("Пак Пон Чжу", "pak pong ju"),  # чх is ㅊ, чж a voiced ㅈ
    ("Хён Ён Чхоль", "hyon yong chol"), ("Ким Ё Чжон", "kim yo jong"), ("О Гук Рёль", "o kuk ryol"),
    ("Ким Чен-Ын", "kim jong un"),
])
def test_korean_names_in_cyrillic_read_in_the_lists_spelling(cyrillic, latin):
    assert korean_reading(cyrillic) == latin


@pytest.mark.parametrize("name", [
    "Сергей Лавров", "Ким Сергеевич", "Си Цзиньпин", "Ли Кэцян",  # Russian; Chinese (two words)
    "Ким", "Kim Jong Un", "",
])
def test_other_names_get_no_korean_reading(name):
    assert korean_reading(name) is None


@pytest.mark.parametrize(("cyrillic", "pinyin"), [
    ("Си Цзиньпин", "xi jin ping"), ("Ли Кэцян", "li ke qiang"), ("Ван И", "wang yi"),
    ("Мао Цзэдун", "mao ze dong"), ("Чжоу Эньлай", "zhou en lai"), ("Цзян Цзэминь", "jiang ze min"),
    ("Ван Хунин", "wang hu ning"),  # not "hong ying": a later syllable begins with a consonant
    ("Ли Шанфу", "li shang fu"),
])
def test_chinese_names_in_cyrillic_read_in_pinyin(cyrillic, pinyin):
    assert chinese_reading(cyrillic) == pinyin


@pytest.mark.parametrize("name", [
    "Сергей Лавров", "Ким Чен Ын", "Ли", "Ли Мария", "Xi Jinping", "Ян Петров", "",
])
def test_other_names_get_no_chinese_reading(name):
    assert chinese_reading(name) is None


def test_russian_names_in_cyrillic_are_never_read_as_east_asian():
    from faker import Faker

    fake = Faker("ru_RU")
    fake.seed_instance(12)
    names = [fake.name() for _ in range(500)] + [f"{fake.first_name()} {fake.last_name()}" for _ in range(500)]
    assert [n for n in names if korean_reading(n) or chinese_reading(n)] == []


@pytest.mark.parametrize(("query", "listed"), [
    ("Ким Чен Ын", "Kim Jong Un"), ("Kim Jong Un", "Ким Чен Ын"), ("Чхве Рён Хэ", "CHOE Ryong Hae"),
    ("Ри Пён Чхоль", "Ri Pyong Chol"), ("Ким Ён Чхоль", "Yong Chol KIM"),
    ("Си Цзиньпин", "Xi Jinping"), ("Ли Кэцян", "LI Keqiang"), ("Ван Хунин", "WANG Huning"),
])
def test_east_asian_names_in_cyrillic_meet_their_listed_spelling(query, listed):
    c = explain(query, listed)
    assert c.score >= DEFAULT_THRESHOLD and "read as an East Asian name in Cyrillic" in c.text, c.text


def test_another_east_asian_name_in_cyrillic_stays_apart():
    assert compare("Ким Чен Ын", "Kim Jong Il") < DEFAULT_THRESHOLD
    assert compare("Ким Чен Ын", "Pak Pong Ju") < REVIEW_THRESHOLD
    assert compare("Си Цзиньпин", "Xi Jinxing") < REVIEW_THRESHOLD
    assert compare("Ван И", "Wang Wei") < REVIEW_THRESHOLD


@pytest.fixture(scope="module")
def sdn():
    from screener import db, registry, store
    from screener.screen import Screener

    path = shared_file("us/SDN.XML")
    conn = db.connect(":memory:")
    store.import_file(conn, registry.get_source("us_ofac_sdn"), path)
    return Screener.open(conn, None)


@pytest.mark.parametrize(("query", "ref"), [
    ("Чхве Рён Хэ", "23213"),  # Ryong Hae CHOE
    ("Ли Шанфу", "24838"),  # Shangfu LI
])
def test_screening_an_east_asian_name_in_cyrillic_finds_the_listed_record(sdn, query, ref):
    from screener.screen import Query

    hits = sdn.screen(Query(query)).hits
    assert any(h.status == "hit" and h.source_ref == ref for h in hits), [
        (h.primary_name, h.score) for h in hits[:5]]
