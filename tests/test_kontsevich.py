"""Korean names written in Cyrillic (Ким Чен Ын) read as the lists spell them (Kim Jong Un)."""

from __future__ import annotations

import pytest

from screener.kontsevich import korean_reading
from screener.match import DEFAULT_THRESHOLD, REVIEW_THRESHOLD, compare, explain
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
    "Сергей Лавров", "Ким Сергеевич", "Си Цзиньпин", "Ли Кэцян",  # Russian; Chinese (Palladius)
    "Ким", "Kim Jong Un", "",
])
def test_other_names_get_no_korean_reading(name):
    assert korean_reading(name) is None


def test_russian_names_in_cyrillic_are_never_read_as_korean():
    from faker import Faker

    fake = Faker("ru_RU")
    fake.seed_instance(12)
    names = [fake.name() for _ in range(500)] + [f"{fake.first_name()} {fake.last_name()}" for _ in range(500)]
    assert [n for n in names if korean_reading(n)] == []


@pytest.mark.parametrize(("query", "listed"), [
    ("Ким Чен Ын", "Kim Jong Un"), ("Kim Jong Un", "Ким Чен Ын"), ("Чхве Рён Хэ", "CHOE Ryong Hae"),
    ("Ри Пён Чхоль", "Ri Pyong Chol"), ("Ким Ён Чхоль", "Yong Chol KIM"),
])
def test_korean_names_in_cyrillic_meet_their_listed_spelling(query, listed):
    c = explain(query, listed)
    assert c.score >= DEFAULT_THRESHOLD and "read as a Korean name in Cyrillic" in c.text, c.text


def test_another_korean_name_in_cyrillic_stays_apart():
    assert compare("Ким Чен Ын", "Kim Jong Il") < DEFAULT_THRESHOLD
    assert compare("Ким Чен Ын", "Pak Pong Ju") < REVIEW_THRESHOLD


@pytest.fixture(scope="module")
def sdn():
    from screener import db, registry, store
    from screener.screen import Screener

    path = shared_file("us/SDN.XML")
    conn = db.connect(":memory:")
    store.import_file(conn, registry.get_source("us_ofac_sdn"), path)
    return Screener.open(conn, None)


def test_screening_a_korean_name_in_cyrillic_finds_the_listed_record(sdn):
    from screener.screen import Query

    hits = sdn.screen(Query("Чхве Рён Хэ")).hits
    assert any(h.status == "hit" and h.primary_name.upper() == "RYONG HAE CHOE" for h in hits), [
        (h.primary_name, h.score) for h in hits[:5]]
