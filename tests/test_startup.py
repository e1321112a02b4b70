"""`screener screen` loads only what screening needs (issue 13): plain sqlite3, no sqlite-utils,
numpy, spaCy or tabulate on that path, with the same results and the same table as before.
The time itself is measured in bench/startup.py, not here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import asdict

import pytest

from screener import db, store
from screener.screen import Query, Screener
from tests.conftest import PROJECT

# What the screening path must never import (each costs tens of milliseconds or more).
HEAVY = ("sqlite_utils", "numpy", "spacy", "dateutil", "pluggy", "click", "rich", "pandas")

_RUN = """
import json, sys
from screener.cli import app
sys.argv = ["screener", *json.loads(sys.argv[1])]
try:
    app()
except SystemExit as exc:
    code = exc.code
with open({out!r}, "w") as fh:
    json.dump({{"code": code, "modules": sorted(sys.modules)}}, fh)
"""


@pytest.fixture
def au_copy(au_db_path, tmp_path):
    """A private copy of the AU database and its cached name index."""
    copy = tmp_path / "screener.db"
    shutil.copy(au_db_path, copy)
    if (au_db_path.parent / "cache").exists():
        shutil.copytree(au_db_path.parent / "cache", tmp_path / "cache")
    return copy


def _screen_in_fresh_python(db_path, tmp_path, *args):
    out = tmp_path / "run.json"
    proc = subprocess.run(
        [sys.executable, "-c", _RUN.format(out=str(out)),
         json.dumps(["--db", str(db_path), "screen", *args])],
        capture_output=True, text=True, cwd=PROJECT, timeout=120)
    report = json.loads(out.read_text())
    return report["code"], proc.stdout, set(report["modules"])


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_screen_loads_no_heavy_library(au_copy, tmp_path, fmt):
    code, stdout, modules = _screen_in_fresh_python(au_copy, tmp_path, "Sergei Kogogin",
                                                    "--format", fmt)
    assert code == 1 and "6906" in stdout  # the real hit, as before
    loaded = {m.split(".")[0] for m in modules}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "screener.extract" not in modules and "screener.ner" not in modules
    assert "tabulate" not in loaded  # a plain table is drawn without it
    assert "pycountry" not in loaded  # only --country needs it


def test_screen_with_a_country_still_reads_it(au_copy, tmp_path):
    code, stdout, modules = _screen_in_fresh_python(au_copy, tmp_path, "Sergei Kogogin",
                                                    "--country", "Russia", "--format", "json")
    assert code == 1 and json.loads(stdout)["query"]["country"] == "RU"
    code, _, _ = _screen_in_fresh_python(au_copy, tmp_path, "Sergei Kogogin",
                                         "--country", "Narnia")
    assert code == 2


def test_plain_sqlite3_screens_like_sqlite_utils(au_copy):
    """The same screenings through a plain connection and through sqlite-utils."""
    cache = au_copy.parent / "cache"
    plain = db.open_connection(au_copy)
    wrapped = db.connect(au_copy)
    assert store.current_files(plain) == store.current_files(wrapped)
    sql = "SELECT id, list_id, source_ref, primary_name FROM targets ORDER BY id LIMIT 50"
    assert list(db.query(plain, sql)) == list(wrapped.query(sql))
    by_plain = Screener.open(plain, cache)
    by_wrapped = Screener.open(wrapped, cache)
    for name in ("Sergei Kogogin", "N.P. Patrushev", "Kamaz PAO", "Aung San Suu Kyi"):
        a = by_plain.screen(Query(name=name))
        b = by_wrapped.screen(Query(name=name))
        assert [asdict(h) for h in a.hits] == [asdict(h) for h in b.hits]
        assert a.verdict == b.verdict
    # The plain handle reconnects as a plain handle (a forked batch worker's path).
    by_plain.reconnect()
    assert isinstance(by_plain.db, type(plain))


EDGE_TABLES = [
    (["a", "b"], [["x", "yy"], ["  z ", "w"]]),          # cells are stripped
    (["a", "b", "c"], [["", "", ""], ["x", "", "y"]]),  # empty cells, trailing blanks dropped
    (["name"], [["Сергей Когогин ≈ é"]]),                # one column per character
]
NEEDS_TABULATE = ["李明", "a\nb", "e\u0301", "x\x1b[31my", "tab\there"]


def test_simple_table_is_tabulates_on_real_screenings(au_copy):
    """The screen table drawn without tabulate is byte for byte tabulate's, on the hits of
    real screenings (names of the AU list, some in other scripts) and on edge cases."""
    from tabulate import tabulate

    from screener.output import _text, simple_table
    from screener.verdict import HIT_COLUMNS, hit_rows

    conn = db.open_connection(au_copy)
    names = [r[0] for r in conn.execute(
        "SELECT full_name FROM target_names ORDER BY id")][::40]
    assert len(names) > 200
    screener_ = Screener.open(conn, au_copy.parent / "cache")
    tables = list(EDGE_TABLES)
    for name in names:
        rows = hit_rows(screener_.screen(Query(name=name)))
        if rows:
            tables.append((HIT_COLUMNS, [[_text(r.get(c)) for c in HIT_COLUMNS] for r in rows]))
    drawn = 0
    for headers, cells in tables:
        mine = simple_table(cells, headers)
        if mine is not None:
            drawn += 1
            assert mine == tabulate(cells, headers=headers, tablefmt="simple",
                                    disable_numparse=True)
    assert drawn > 200  # most real tables take the fast path
    for text in NEEDS_TABULATE:
        assert simple_table([[text]], ["h"]) is None



def test_han_ranges_are_the_former_regular_expression():
    """romanise tells Han characters by code point ranges (a regular expression of them cost
    ~6 ms per start): the same characters as the expression, over every code point."""
    import re

    from screener.romanise import _is_han, romanise_syllables

    han = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
    for code in range(0x110000):
        ch = chr(code)
        assert bool(han.match(ch)) == _is_han(ch), hex(code)
    assert romanise_syllables("习近平") == " xi  jin  ping "
    assert romanise_syllables("김정은") == " kim  jong  un "
