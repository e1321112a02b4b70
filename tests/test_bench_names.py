"""The name-pair benchmark's split: stable, about half each, and dev errors only from dev."""

from __future__ import annotations

import pytest

from bench.names import dev_errors, evaluate, load_pairs, split_of
from tests.conftest import SHARED

PAIRS = SHARED / "bench" / "name_pairs.csv"


@pytest.fixture(scope="module")
def pairs():
    if not PAIRS.exists():
        pytest.skip("../shared/bench/name_pairs.csv not available")
    return load_pairs(PAIRS)


def test_split_is_about_half_and_blind_to_the_label(pairs):
    dev = [r for r in pairs if split_of(r) == "dev"]
    assert 0.4 < len(dev) / len(pairs) < 0.6
    for part in ("dev", "held-out"):  # both parts hold matches and non-matches
        assert {r["is_match"] for r in pairs if split_of(r) == part} == {"true", "false"}
    flipped = [{**r, "is_match": "false" if r["is_match"] == "true" else "true", "notes": "x"} for r in pairs]
    assert [split_of(r) for r in flipped] == [split_of(r) for r in pairs]


def test_dev_errors_never_show_a_held_out_pair(pairs):
    held_out = {(r["name1"], r["name2"], r["schema"]) for r in pairs if split_of(r) == "held-out"}
    errors = dev_errors(PAIRS)
    assert errors and all((r["name1"], r["name2"], r["schema"]) not in held_out for _, _, r, _ in errors)


def test_figures_per_split_at_hit_and_alert_level(pairs):
    result = evaluate(pairs[:60], lambda a, b, s: 1.0 if a.lower() == b.lower() else 0.0, 0.8, 0.65)
    assert result["dev"]["pairs"] + result["held-out"]["pairs"] == result["all"]["pairs"] == 60
    assert {"alert_precision", "alert_recall", "alert_f1"} <= set(result["all"])
