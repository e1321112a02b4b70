"""A cheap proof that a candidate cannot reach a score floor, so a search need not score it.

compare_prepared's score is the share of the two names' token weight that aligned (an aligned
pair earns at most what each of its tokens earns with its best partner; an unpartnered token
still costs at least a quarter of its weight in a person's name, all of it in an
organisation's), then rules that only lower it; a few paths can raise it: the names read
without spaces, an acronym, a token re-read (joined, initials, cut short), a title and a lone
family name. A candidate for which a raising path may apply is never pruned here: it is scored
in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

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
_ZEROS = repeat(0.0)
_NEAR = range(-2, 3)  # a joined pair's length may differ from the word's by this much
_TAPER = ALIGN_MIN - PARTIAL_MIN


def earned(sim: float) -> float:
    """What an aligned pair of this similarity earns per unit of weight (as _score_tokens
    credits it: in full from ALIGN_MIN, tapering to nothing at PARTIAL_MIN); rises with sim."""
    if sim >= ALIGN_MIN:
        return sim
    if sim < PARTIAL_MIN:
        return 0.0
    return sim * (sim - PARTIAL_MIN) / _TAPER


class QueryBound:
    """The bound for one reading of the query, with what it needs about the query worked out
    once per search."""

    def __init__(self, query: PreparedName, table: TokenTable) -> None:
        self.query = query
        self.table = table
        tokens = query.tokens
        self.words = query.normalised.split()
        self.rows = [table.rows.get(a) for a in tokens]
        self.known = all(row is not None for row in self.rows)
        # Each known word's similarities with the query's tokens (at least PARTIAL_MIN).
        self.hits: dict[str, list[tuple[int, float]]] = {}
        for i, row in enumerate(self.rows if self.known else ()):
            for b, sim in row.items():
                self.hits.setdefault(b, []).append((i, sim))
        self.universe = table.universe
        self.whole = [len(a) > 1 for a in tokens]
        self.weights = {org: [_weight(a, org) for a in tokens] for org in (False, True)}
        # Two adjacent query tokens that may be one word of a candidate, by first letter.
        # (A joined pair spells a word of the same first letter and a length within 2 of it.)
        self.joins: dict[str, list[str]] = {}
        for a, b in zip(tokens, tokens[1:], strict=False):
            if len(a) + len(b) >= 5 and (a + b).isalpha():
                self.joins.setdefault(a[0], []).append(a + b)
        self.join_lengths = {first: {len(j) + d for j in joined for d in _NEAR}
                             for first, joined in self.joins.items()}
        self.packed = [t for t in tokens if _may_be_packed(t)]
        # What a candidate's short token of consonants must be to be the query's initials.
        self.initials = {run for run in _initials_runs(tokens) if _may_be_packed(run)}
        self.truncatable = len(query.normalised) >= TRUNCATION_MIN_CHARS
        # The lengths a candidate's two adjacent tokens must have together to spell a query
        # token, by its first letter.
        self.spelt_lengths: dict[str, set[int]] = {}
        for t in tokens:
            self.spelt_lengths.setdefault(t[0], set()).update(len(t) + d for d in _NEAR)
        self.letters = sum(map(len, tokens))
        self.word_letters = sum(map(len, self.words))

    def may_reach(self, cand: PreparedName, floor: float) -> bool:
        """False only when compare_prepared(query, cand, floor, table) is certain to score
        below `floor`."""
        q = self.query
        if floor <= 0.0 or q.tokens == cand.tokens or not q.tokens or not cand.tokens:
            return True
        if self._tokens_may_reach(cand, floor):
            return True
        if (len(q.tokens) == 1 or len(cand.tokens) == 1) and (
                _acronym_possible(q, cand) or _lone_family_possible(q, cand)):
            return True
        return self._respaced_possible(cand, floor) or self._reread_possible(cand)

    def _tokens_may_reach(self, c: PreparedName, floor: float) -> bool:
        """Whether credit / total can reach `floor` for some alignment. Each token chooses alone
        between aligned (earning at most its best similarity's credit on its full weight) and
        left over (nothing earned, its weight in the total: a quarter of it where a missing
        middle name may be discounted); credit / total >= floor needs credit - floor * total
        >= 0, and that sum is at most the sum of each token's better choice."""
        if not self.known:
            return True
        hits, universe = self.hits, self.universe
        is_org = self.query.is_org or c.is_org
        sims_q = [0.0] * len(self.whole)
        # Per unit of weight, what each candidate word earns at best less floor (or 0.0 when
        # it has no partner at all), and the weight of those left over for certain.
        found: list[tuple[float, float]] = []
        alone = 0.0
        whole_c = 0
        for b in c.tokens:
            near = hits.get(b)
            if near is None:
                if b not in universe:
                    return True  # a token the table does not know: no bound
                alone += _weight(b, is_org)
                continue
            best = 0.0
            for i, sim in near:
                if sim > sims_q[i]:
                    sims_q[i] = sim
                if sim > best:
                    best = sim
            found.append((best, _weight(b, is_org)))
            if best >= ALIGN_MIN and len(b) > 1:
                whole_c += 1
        spare = 1.0
        if not is_org and whole_c >= 2 and (
                not alone and all(best >= ALIGN_MIN for best, _ in found) or min(sims_q) >= ALIGN_MIN):
            # The missing-middle discount needs every token of one side aligned and two whole
            # words aligned on each side (see match._score_tokens).
            whole_q = sum(1 for sim, whole in zip(sims_q, self.whole, strict=True) if whole and sim >= ALIGN_MIN)
            if whole_q >= 2:
                spare = MISSING_MIDDLE_WEIGHT
        left = -floor * spare  # per unit of weight, a token left over
        slack = left * alone
        for sim, w in (*zip(sims_q, self.weights[is_org], strict=True), *found):
            if sim >= PARTIAL_MIN:  # earned(sim) - floor, or left over where that is less
                gain = (sim if sim >= ALIGN_MIN else sim * (sim - PARTIAL_MIN) / _TAPER) - floor
                slack += w * (gain if gain > left else left)
            else:
                slack += w * left
        return slack > -_SLACK

    def _respaced_possible(self, c: PreparedName, floor: float) -> bool:
        """The names written without spaces may score above the token score: only when their
        lengths allow it (an edit similarity is at most the shorter length over the longer)."""
        q = self.query
        spaces = c.normalised.count(" ")  # normalised text has single spaces between words
        same_words = len(self.words) == spaces + 1
        if same_words and len(q.tokens) == len(c.tokens):
            return False
        need = max(_RESPACED_MIN, (floor - _SLACK) / _RESPACED_FACTOR)
        if not (q.notes or c.notes):
            lq, lc = self.letters, sum(map(len, c.tokens))
            wq, wc = self.word_letters, len(c.normalised) - spaces
            if min(lq, lc) < need * max(lq, lc) and (same_words or min(wq, wc) < need * max(wq, wc)):
                return False
        if not (q.compact and c.compact):
            return False
        return _respaced_similarity(q, c, self.words, c.normalised.split()) >= need

    def _reread_possible(self, c: PreparedName) -> bool:
        """Either name's tokens may be read another way against the other's (see
        match._reread), whichever of them end up unpartnered: the last word cut short of the
        other's last, two tokens joined into one of the other's words, or a short token of
        consonants packed initials of the other's words. (Written out for speed: it runs for
        nearly every candidate; one pass over its tokens, set look-ups worked out on the query's
        side, the spelling compared only where first letter and length allow.)"""
        q = self.query
        c_tokens = c.tokens
        q_last, c_last = q.tokens[-1], c_tokens[-1]
        if q_last != c_last and (
                (len(q_last) >= 2 and c_last.startswith(q_last) and self.truncatable)
                or (len(c_last) >= 2 and q_last.startswith(c_last) and len(c.normalised) >= TRUNCATION_MIN_CHARS)):
            return True
        for t in self.packed:
            if _initials_anywhere(t, c_tokens):
                return True
        join_lengths, spelt, initials = self.join_lengths, self.spelt_lengths, self.initials
        prev = ""
        for t in c_tokens:
            n = len(t)
            if t in initials:
                return True
            if join_lengths and n in join_lengths.get(t[0], ()) and any(
                    _spells_one(j, c, set(range(len(c_tokens)))) for j in self.joins[t[0]]):
                return True
            if prev and len(prev) + n in spelt.get(prev[0], ()) and _spells_one(
                    prev + t, q, set(range(len(q.tokens)))):
                return True
            prev = t
        return False


def _acronym_possible(q: PreparedName, c: PreparedName) -> bool:
    for short, long_ in ((q, c), (c, q)):
        if len(short.tokens) == 1 and long_.is_org and acronym_of(long_) == short.tokens[0]:
            return True
    return False


def _lone_family_possible(q: PreparedName, c: PreparedName) -> bool:
    """A title and one word may be the other name's family name ("President Erdogan"): review
    (see nameparts.lone_family_name)."""
    return len(q.tokens) == 1 and bool(q.removed_titles) and len(c.tokens) >= 2


def _may_be_packed(t: str) -> bool:
    return 2 <= len(t) <= 3 and t.isalpha() and _VOWELS.isdisjoint(t)


def _initials_anywhere(packed: str, words: Sequence[str]) -> bool:
    n = len(packed)
    return any(all(len(words[s + k]) > 1 and words[s + k][0] == packed[k] for k in range(n))
               for s in range(len(words) - n + 1))


def _initials_runs(tokens: Sequence[str]) -> set[str]:
    """The first letters of every 2 or 3 consecutive words longer than one letter."""
    return {"".join(w[0] for w in tokens[s:s + n]) for n in (2, 3) for s in range(len(tokens) - n + 1)
            if all(len(w) > 1 for w in tokens[s:s + n])}
