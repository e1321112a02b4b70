"""A cheap proof that a candidate cannot reach a score floor, so a search need not score it.

compare_prepared's score is the share of the two names' token weight that aligned (an aligned
pair earns at most what each of its tokens earns with its best partner; an unpartnered token
still costs at least a quarter of its weight in a person's name, all of it in an
organisation's), then rules that only lower it; three paths can raise it: the names read
without spaces, an acronym, and a token re-read (joined, initials, cut short). A candidate for
which a raising path may apply is never pruned here: it is scored in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.match import (
    ALIGN_MIN,
    MISSING_MIDDLE_WEIGHT,
    PARTIAL_MIN,
    TokenTable,
    _respaced_similarity,
    _spells_one,
    _weight,
    acronym_of,
)
from screener.names import TRUNCATION_MIN_CHARS, PreparedName

_SLACK = 1e-9  # float rounding: prune only when the bound misses the floor by more than this
_VOWELS = frozenset("aeiouy")
_RESPACED_MIN = 0.9  # the spaceless reading counts only at this similarity (see _score_tokens)
_RESPACED_FACTOR = 0.97


def earned(sim: float) -> float:
    """What an aligned pair of this similarity earns per unit of weight (as _score_tokens
    credits it: in full from ALIGN_MIN, tapering to nothing at PARTIAL_MIN); rises with sim."""
    if sim >= ALIGN_MIN:
        return sim
    if sim < PARTIAL_MIN:
        return 0.0
    return sim * (sim - PARTIAL_MIN) / (ALIGN_MIN - PARTIAL_MIN)


@dataclass
class QueryBound:
    """What the bound needs about one reading of the query, worked out once per search."""

    query: PreparedName
    table: TokenTable

    def may_reach(self, cand: PreparedName, floor: float) -> bool:
        """False only when compare_prepared(query, cand, floor, table) is certain to score
        below `floor`."""
        q = self.query
        if floor <= 0.0 or q.tokens == cand.tokens or not q.tokens or not cand.tokens:
            return True
        return (_token_bound_reaches(q, cand, self.table, floor) or _acronym_possible(q, cand)
                or _respaced_possible(q, cand, floor) or _reread_possible(q, cand)
                or _reread_possible(cand, q))


def _token_bound_reaches(q: PreparedName, c: PreparedName, table: TokenTable,
                         floor: float) -> bool:
    """Whether credit / total can reach `floor` for some alignment. Each token chooses alone
    between aligned (earning at most its best similarity's credit on its full weight) and left
    over (nothing earned, its weight in the total: a quarter of it where a missing middle name
    may be discounted); credit / total >= floor needs credit - floor * total >= 0, and that sum
    is at most the sum of each token's better choice."""
    rows = table.rows
    best_q: list[float] = []
    best_c = dict.fromkeys(c.tokens, 0.0)
    for a in q.tokens:
        row = rows.get(a)
        if row is None:
            return True  # a token the table does not know: no bound
        best = 0.0
        for b in c.tokens:
            sim = row.get(b)
            if sim is not None:
                if sim > best:
                    best = sim
                if sim > best_c[b]:
                    best_c[b] = sim
        best_q.append(best)
    universe = table.universe
    if any(b not in universe for b in c.tokens):
        return True
    is_org = q.is_org or c.is_org
    spare = MISSING_MIDDLE_WEIGHT if not is_org and _discount_possible(q, c, best_q, best_c) else 1.0
    slack = 0.0
    for a, best in zip(q.tokens, best_q, strict=True):
        w = _weight(a, is_org)
        slack += max((earned(best) - floor) * w, -floor * spare * w)
    for b in c.tokens:
        w = _weight(b, is_org)
        slack += max((earned(best_c[b]) - floor) * w, -floor * spare * w)
    return slack > -_SLACK


def _discount_possible(q: PreparedName, c: PreparedName, best_q: list[float],
                       best_c: dict[str, float]) -> bool:
    """The missing-middle discount needs two whole words aligned on each side and every token
    of one side aligned (see match._score_tokens)."""
    whole_q = sum(1 for a, s in zip(q.tokens, best_q, strict=True) if s >= ALIGN_MIN and len(a) > 1)
    whole_c = sum(1 for b in c.tokens if best_c[b] >= ALIGN_MIN and len(b) > 1)
    if whole_q < 2 or whole_c < 2:
        return False
    return min(best_q) >= ALIGN_MIN or min(best_c.values()) >= ALIGN_MIN


def _acronym_possible(q: PreparedName, c: PreparedName) -> bool:
    for short, long_ in ((q, c), (c, q)):
        if len(short.tokens) == 1 and long_.is_org and acronym_of(long_) == short.tokens[0]:
            return True
    return False


def _respaced_possible(q: PreparedName, c: PreparedName, floor: float) -> bool:
    """The names written without spaces may score above the token score."""
    q_words, c_words = q.normalised.split(), c.normalised.split()
    if len(q.tokens) == len(c.tokens) and len(q_words) == len(c_words):
        return False
    if not (q.compact and c.compact):
        return False
    compact = _respaced_similarity(q, c, q_words, c_words)
    return compact >= _RESPACED_MIN and compact * _RESPACED_FACTOR >= floor - _SLACK


def _reread_possible(x: PreparedName, y: PreparedName) -> bool:
    """x's tokens may be read another way against y (see match._reread), whichever of them end
    up unpartnered: two tokens joined into one of y's words, a short token of consonants packed
    initials of y's words, or x's last word cut short of y's last."""
    tokens = x.tokens
    everything = set(range(len(y.tokens)))
    for i, t in enumerate(tokens):
        if i + 1 < len(tokens) and _spells_one(t + tokens[i + 1], y, everything):
            return True
        if 2 <= len(t) <= 3 and t.isalpha() and _VOWELS.isdisjoint(t) and _initials_anywhere(t, y.tokens):
            return True
    last, y_last = tokens[-1], y.tokens[-1]
    return (len(x.normalised) >= TRUNCATION_MIN_CHARS and len(last) >= 2 and y_last != last
            and y_last.startswith(last))


def _initials_anywhere(packed: str, words: Sequence[str]) -> bool:
    n = len(packed)
    return any(all(len(words[s + k]) > 1 and words[s + k][0] == packed[k] for k in range(n))
               for s in range(len(words) - n + 1))
