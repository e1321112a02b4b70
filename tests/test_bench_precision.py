"""The precision benchmark's own logic on the real UN and UK lists: links by UN reference,
the dev/held-out split, and how hits are judged."""

from __future__ import annotations

import pytest

from bench import everyday, precision
from screener import db, registry, store
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def un_uk(tmp_path_factory):
    path = tmp_path_factory.mktemp("prec") / "s.db"
    conn = db.connect(path)
    store.import_file(conn, registry.get_source("un_sc"), shared_file("un/consolidated.xml"))
    store.import_file(conn, registry.get_source("gb_ofsi"), shared_file("uk/ConList.xlsx"))
    return conn


def test_records_are_linked_by_their_own_un_reference(un_uk):
    records = precision.load_records(un_uk)
    by_ref = {(r.list_id, r.source_ref): r for r in records.values()}
    assert by_ref[("gb_ofsi", "10661")].un_ref == "QDi.241"
    assert by_ref[("un_sc", "QDi.241")].un_ref == "QDi.241"
    linked_uk = sum(1 for r in records.values() if r.list_id == "gb_ofsi" and r.un_ref)
    assert 850 <= linked_uk <= 900  # the UK list carries most UN references


def test_queries_pair_each_linked_record_with_the_other_list(un_uk):
    records = precision.load_records(un_uk)
    queries = precision.cross_queries(records, None)
    uk_to_un = [q for q in queries if (q.from_list, q.to_list) == ("gb_ofsi", "un_sc")]
    assert len(uk_to_un) > 800
    q = next(q for q in uk_to_un if q.un_ref == "QDi.241")
    assert q.name == "ANGELO RAMIREZ TRINIDAD" and len(q.expected) == 1
    # The split follows the UN reference, so one target is in one part on every pair.
    parts = {(q.un_ref, q.part) for q in queries}
    assert len(parts) == len({q.un_ref for q in queries})
    assert {"dev", "held-out"} == {p for _, p in parts}
    assert precision.cross_queries(records, 10) == precision.cross_queries(records, 10)


def test_hits_are_right_false_or_unknown(un_uk):
    records = precision.load_records(un_uk)
    q = next(q for q in precision.cross_queries(records, None)
             if q.to_list == "un_sc" and q.un_ref == "QDi.241")
    right = next(iter(q.expected))
    other = next(r.target_id for r in records.values() if r.list_id == "un_sc" and r.un_ref != q.un_ref)
    assert precision.judge(q, [right], records) == (True, False, False)
    assert precision.judge(q, [right, other], records) == (True, True, False)
    unlinked = next(r.target_id for r in records.values() if r.list_id == "gb_ofsi" and not r.un_ref)
    assert precision.judge(q, [unlinked], records) == (False, False, True)


def test_everyday_names_are_the_same_on_every_run():
    first = everyday.person_names(20)
    assert first == everyday.person_names(20)
    assert len(first) == 6 and all(len(v) == 20 for v in first.values())
    assert everyday.company_names(30) == everyday.company_names(30)


def test_the_everyday_population_has_a_thousand_names_in_each_part():
    """One false hit must move a part's share by about 0.1%, not 0.8%; a larger draw keeps the
    smaller one's names first, so earlier figures stay comparable."""
    companies = everyday.company_names(precision.EVERYDAY_COMPANIES)
    persons = [n for v in everyday.person_names(precision.EVERYDAY_PER_CULTURE).values() for n in v]
    for names in (companies, persons):
        parts = [precision.split_of(n) for n in names]
        assert min(parts.count("dev"), parts.count("held-out")) >= 1000
    assert companies[:240] == everyday.company_names(240)
