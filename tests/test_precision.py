"""Matching precision on the real AU list (issue 12): every listed name finds its record."""

from __future__ import annotations

import pytest

from screener import db
from screener.screen import Query, Screener


@pytest.mark.slow
def test_every_au_primary_name_as_written_is_a_hit_on_its_own_record(au_db_path, tmp_path):
    conn = db.connect(au_db_path)
    screener = Screener.open(conn, tmp_path / "cache")
    targets = list(conn.execute(
        "SELECT t.id, t.primary_name FROM targets t JOIN source_files f "
        "ON f.id = t.source_file_id WHERE f.is_current = 1 AND t.list_id = 'au_dfat'"))
    assert len(targets) > 3000  # the real list, not a stub
    missed = []
    for target_id, name in targets:
        result = screener.screen(Query(name), limit=1000)
        if not any(h.target_id == target_id and h.status == "hit" for h in result.hits):
            missed.append(name)
    assert not missed, f"{len(missed)} of {len(targets)} not found as a hit, e.g. {missed[:10]}"


def test_a_company_s_name_is_no_hit_on_a_vessel(au_db_path, tmp_path):
    """"Nichols PLC" ends in a legal form: the vessel NICHOLE (AU 8248) is review, said why."""
    screener = Screener.open(db.connect(au_db_path), tmp_path / "cache")
    for query in ("Nichols PLC", "Nichole PLC"):
        found = {h.source_ref: h for h in screener.screen(Query(query)).hits}
        assert found["8248"].status == "review" and "type differs" in found["8248"].explanation
    assert {h.source_ref: h.status for h in screener.screen(Query("NICHOLE")).hits}["8248"] == "hit"
