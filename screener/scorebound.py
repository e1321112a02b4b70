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

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from typing import Any, NamedTuple

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
_MARGIN = 1e-7  # the token sums prune only this far below the floor (sums in another order)


@dataclass(frozen=True)
class RowShape:
    """What the bound needs about an indexed name that does not depend on the query, worked
    out once when the index is built (kept as flat arrays in its cache file)."""

    weight_person: float  # its tokens' weight, read as a person's name
    weight_org: float  # ... as an organisation's
    spaces: int  # in its normalised text (single spaces between words)
    letters: int  # of its tokens
    word_letters: int  # of its normalised words
    is_org: bool
    notes: bool  # some token was read from something else ("three (number)")

    @classmethod
    def of(cls, p: PreparedName) -> RowShape:
        spaces = p.normalised.count(" ")
        return cls(sum(_weight(t, False) for t in p.tokens), sum(_weight(t, True) for t in p.tokens),
                   spaces, sum(map(len, p.tokens)), len(p.normalised) - spaces, p.is_org, bool(p.notes))


LETTER_BUCKETS = 27  # a to z, then every other character together


def letter_count_rows(texts: Iterable[str], chunk: int = 8192) -> bytes:
    """letter_counts of every text, one after the other, counted with numpy over a chunk of
    texts' characters at once (an index's names, when a process loads its columns; chunks
    keep the memory this takes small)."""
    import numpy as np

    out = []
    texts = iter(texts)
    while part := list(islice(texts, chunk)):
        lengths = np.fromiter(map(len, part), dtype=np.int32, count=len(part))
        codes = np.frombuffer("".join(part).encode("utf-32-le"), dtype=np.uint32)
        buckets = np.where(codes - 97 < 26, codes - 97, 26).astype(np.int32)  # unsigned: below a wraps
        owner = np.repeat(np.arange(len(part), dtype=np.int32) * LETTER_BUCKETS, lengths)
        counts = np.bincount(owner + buckets, minlength=len(part) * LETTER_BUCKETS)
        out.append(np.minimum(counts, 255).astype(np.uint8).tobytes())
    return b"".join(out)


def letter_counts(text: str) -> bytes:
    """How many times each letter occurs (at most 255: a row that reaches it is never ruled
    out by its counts): two texts' edit similarity is at most their letters in common over the
    longer length, since an edit changes one letter at most."""
    counts = [0] * LETTER_BUCKETS
    for ch in text:
        k = ord(ch) - 97
        counts[k if 0 <= k < 26 else 26] += 1
    return bytes(min(n, 255) for n in counts)


@dataclass
class Columns:
    """The distinct candidates of one search as flat numpy columns (one entry per candidate, or
    per occurrence of a word in a candidate, candidate after candidate), so that the bound's
    cheap conditions run over all of them at once."""

    np: Any  # numpy, imported only by a process that searches more than once
    words: list[str]  # the candidates' distinct words
    local: Any  # per occurrence: its word's index in `words`
    first: Any  # per occurrence: its word's first letter (code point)
    first_bucket: Any  # ... its first_bucket
    length: Any  # per occurrence: its word's length
    seg: Any  # per candidate: where its occurrences start
    ntok: Any  # per candidate: how many tokens
    word_first_bucket: Any  # per word of `words`: first_bucket of its first letter
    word_length_bucket: Any  # its length, at most LONGEST
    weight_person: Any
    weight_org: Any
    spaces: Any
    letters: Any
    word_letters: Any
    notes: Any
    compact_counts: Any  # per candidate: letter_counts of its tokens written together (a row)
    word_counts: Any  # ... of its words written together
    saturated: Any  # per candidate: a letter counted 255 times (no bound from the counts)


@dataclass
class _Sums:
    """The token bound as a sum over a candidate's tokens, for one floor and one reading
    (organisation or not): see QueryBound.surely_below."""

    left: float  # per unit of weight, a token left over
    const: float  # the query's tokens all left over
    gains: dict[str, float]  # a candidate word's most over being left over, its partners' too
    strong: dict[str, int] | None  # words aligned whole, where the missing-middle discount may apply
    discounted: _Sums | None  # the same with that discount


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
        self._sums: dict[tuple[float, bool], _Sums] = {}
        # For the token sums: each known word with its partners and its best similarity, what
        # each similarity earns, each word's weight (by reading).
        self._partners = [(b, near, max(sim for _, sim in near)) for b, near in self.hits.items()]
        self._earned = {sim: earned(sim) for near in self.hits.values() for _, sim in near}
        self._weights_by_reading: dict[bool, dict[str, float]] = {}

    def reading(self, other: PreparedName) -> QueryBound:
        """This bound for another reading of the same words (the query read as an
        organisation's name, with the same tokens and text): what was worked out from the
        words is shared, not worked out again."""
        if (other.tokens, other.normalised, other.notes) != (self.query.tokens, self.query.normalised,
                                                             self.query.notes):
            return QueryBound(other, self.table)
        bound = copy.copy(self)
        bound.query = other
        return bound

    def surely_below(self, c: PreparedName, floor: float, weight_person: float, weight_org: float,
                     spaces: int, letters: int, word_letters: int) -> bool:
        """True only where may_reach(c, floor) is False, decided mostly from sums worked out
        once per query: a candidate word's token-bound terms (its own, and the most it adds to
        the query tokens it may partner: a query token's best partner adds at most the sum of
        all of them) looked up in one C loop, and the candidate's weight and lengths from the
        index (RowShape). Anything it cannot settle cheaply is left to may_reach (False)."""
        q = self.query
        tokens = c.tokens
        if (floor <= 0.0 or not self.known or len(q.tokens) <= 1 or len(tokens) <= 1
                or q.tokens == tokens or not self.universe.issuperset(tokens)):
            return False
        is_org = q.is_org or c.is_org
        weight = weight_org if is_org else weight_person
        sums = self._sums.get((floor, is_org))
        if sums is None:
            sums = self._sums[floor, is_org] = self._token_sums(floor, is_org)
        if sums.const + sums.left * weight + sum(map(sums.gains.get, tokens, _ZEROS)) > -_MARGIN:
            return False
        if sums.strong is not None and sum(map(sums.strong.get, tokens, _ZEROS)) >= 2:
            d = sums.discounted
            if d.const + d.left * weight + sum(map(d.gains.get, tokens, _ZEROS)) > -_MARGIN:
                return False
        return not self.may_be_raised(c, floor, spaces, letters, word_letters)

    def open_rows(self, cols: Columns, floor: float, is_org: bool) -> Any:
        """Where may_reach must decide, as a numpy array of booleans over the candidates of
        `cols` (read as organisations' names or not): the token sums reach the floor, or a
        name is a single word (an acronym, a lone family name) or the query's own tokens.
        Elsewhere only a re-reading or the names written without spaces may lift the score
        to the floor (see raisable)."""
        np = cols.np
        q = self.query
        n = len(cols.seg)
        if floor <= 0.0 or not self.known or len(q.tokens) <= 1 or self.packed:
            return np.ones(n, dtype=bool)
        is_org = q.is_org or is_org
        sums = self._sums.get((floor, is_org))
        if sums is None:
            sums = self._sums[floor, is_org] = self._token_sums(floor, is_org)
        weight = cols.weight_org if is_org else cols.weight_person
        open_ = _sums_reach(sums, cols, weight)
        if sums.strong is not None:
            strong = np.fromiter(map(sums.strong.get, cols.words, _ZEROS), float, len(cols.words))
            open_ |= (np.add.reduceat(strong[cols.local], cols.seg) >= 2) & _sums_reach(
                sums.discounted, cols, weight)
        open_ |= cols.ntok <= 1
        same = cols.ntok == len(q.tokens)
        for k, token in enumerate(q.tokens):
            same &= cols.local[np.minimum(cols.seg + k, len(cols.local) - 1)] == self._word_index(
                cols.words, token)
        return open_ | same

    def raisable(self, cols: Columns, floor: float) -> Any:
        """Where may_be_raised must decide, as a numpy array of booleans over the candidates
        of `cols` (elsewhere it is False): only where lengths, letters in common, first
        letters and lengths of words allow it; words are compared one by one only where
        those allow a join."""
        np = cols.np
        q = self.query
        same_words = cols.spaces + 1 == len(self.words)
        need = max(_RESPACED_MIN, (floor - _SLACK) / _RESPACED_FACTOR)
        lq, wq, lc, wc = self.letters, self.word_letters, cols.letters, cols.word_letters
        apart = (np.minimum(lq, lc) < need * np.maximum(lq, lc)) & (
            same_words | (np.minimum(wq, wc) < need * np.maximum(wq, wc)))
        # An edit similarity is at most the letters in common over the longer length.
        close = _common(np, cols.compact_counts, q.compact) >= (need - _SLACK) * np.maximum(lq, lc)
        close |= ~same_words & (_common(np, cols.word_counts, "".join(self.words))
                                >= (need - _SLACK) * np.maximum(wq, wc))
        close |= cols.saturated
        respaced = ~(same_words & (cols.ntok == len(q.tokens)))
        raised = respaced if q.notes else respaced & ((cols.notes != 0) | (~apart & close))
        # Re-read (_reread_possible): the last word cut short of the other's, a word the
        # query's initials, a word spelling two joined query tokens, or two words joined
        # spelling one (looked at only where first letter and length allow).
        last = cols.seg + cols.ntok - 1
        q_last = q.tokens[-1]
        if self.truncatable:
            raised |= cols.first[last] == ord(q_last[0])
        prefixes = {q_last[:k] for k in range(2, len(q_last))}
        raised |= _word_flags(np, cols.words, prefixes.__contains__)[cols.local[last]] & (
            cols.word_letters + cols.spaces >= TRUNCATION_MIN_CHARS)
        flags = np.zeros(len(cols.local), dtype=bool)
        if self.initials:
            flags |= _word_flags(np, cols.words, self.initials.__contains__)[cols.local]
        if self.join_lengths:
            spelt = np.zeros(len(cols.words), dtype=bool)
            allowed = _length_table(np, self.join_lengths)[cols.word_first_bucket, cols.word_length_bucket]
            for k in np.flatnonzero(allowed).tolist():
                word = _Words((cols.words[k],))
                spelt[k] = any(_spells_one(j, word, _FIRST) for j in self.joins.get(cols.words[k][0], ()))
            flags |= spelt[cols.local]
        pair = np.zeros(len(cols.local), dtype=bool)
        pair[1:] = _length_table(np, self.spelt_lengths)[
            cols.first_bucket[:-1], np.minimum(cols.length[:-1] + cols.length[1:], LONGEST)]
        pair[cols.seg] = False  # a candidate's first word has no word before it
        every = set(range(len(q.tokens)))
        joined: dict[tuple[int, int], bool] = {}
        for k in np.flatnonzero(pair & ~flags).tolist():
            a, b = cols.local[k - 1], cols.local[k]
            spells = joined.get((a, b))
            if spells is None:
                spells = joined[a, b] = _spells_one(cols.words[a] + cols.words[b], q, every)
            flags[k] = spells  # (a word flagged already is never looked at here)
        return raised | np.logical_or.reduceat(flags, cols.seg)

    def may_be_raised(self, c: PreparedName, floor: float, spaces: int, letters: int,
                      word_letters: int) -> bool:
        """A re-reading or the names written without spaces may lift the score (may_reach's
        last two conditions)."""
        return self._respaced_possible(c, floor, spaces, letters, word_letters) or self._reread_possible(c)

    @staticmethod
    def _word_index(words: list[str], word: str) -> int:
        try:
            return words.index(word)
        except ValueError:
            return -1

    def _word_weights(self, is_org: bool) -> dict[str, float]:
        found = self._weights_by_reading.get(is_org)
        if found is None:
            found = self._weights_by_reading[is_org] = {b: _weight(b, is_org) for b in self.hits}
        return found

    def _token_sums(self, floor: float, is_org: bool, spare: float = 1.0) -> _Sums:
        """_tokens_may_reach's slack as const + left x the candidate's weight + a sum of terms
        per candidate word: every token starts left over (left x its weight); a word with
        partners adds its own best term less that, and for each query token it may partner,
        that token's term less left over (>= the query token's best over all its partners)."""
        left = -floor * spare
        weights = self.weights[is_org]
        gains: dict[str, float] = {}
        strong: dict[str, int] = {}
        # Per unit of weight, what a pair of this similarity earns over being left over.
        over = {sim: max(e - floor - left, 0.0) for sim, e in self._earned.items()}
        word_weights = self._word_weights(is_org)
        for b, near, best in self._partners:
            term = word_weights[b] * over[best]
            for i, sim in near:
                term += weights[i] * over[sim]
            if term > 0.0:
                gains[b] = term
            if best >= ALIGN_MIN and len(b) > 1:
                strong[b] = 1
        sums = _Sums(left, left * sum(weights), gains, None, None)
        # The missing-middle discount needs two whole words aligned on each side.
        whole_q = sum(1 for row, whole in zip(self.rows, self.whole, strict=True)
                      if whole and max(row.values(), default=0.0) >= ALIGN_MIN)
        if spare == 1.0 and not is_org and whole_q >= 2:
            sums.strong = strong
            sums.discounted = self._token_sums(floor, is_org, MISSING_MIDDLE_WEIGHT)
        return sums

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
        spaces = cand.normalised.count(" ")
        return (self._respaced_possible(cand, floor, spaces, sum(map(len, cand.tokens)),
                                        len(cand.normalised) - spaces)
                or self._reread_possible(cand))

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

    def _respaced_possible(self, c: PreparedName, floor: float, spaces: int, lc: int, wc: int) -> bool:
        """The names written without spaces may score above the token score: only when their
        lengths allow it (an edit similarity is at most the shorter length over the longer).
        spaces, lc, wc: the candidate's spaces, letters of its tokens and of its words."""
        q = self.query
        same_words = len(self.words) == spaces + 1
        if same_words and len(q.tokens) == len(c.tokens):
            return False
        need = max(_RESPACED_MIN, (floor - _SLACK) / _RESPACED_FACTOR)
        if not (q.notes or c.notes):
            lq, wq = self.letters, self.word_letters
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


class _Words(NamedTuple):
    """One word where match._spells_one wants a name's tokens."""

    tokens: tuple[str, ...]


_FIRST = {0}


LONGEST = 63  # lengths from here on share a column of _length_table


def first_bucket(code: int) -> int:
    """A first letter's row of _length_table: a to z, then every other character."""
    return code - 97 if 97 <= code < 123 else 26


def _length_table(np: Any, lengths: dict[str, set[int]]) -> Any:
    """(first letter, length) pairs as a table of booleans, by first_bucket and length (at
    most LONGEST): a word looked up in it is True wherever the pair may be one of them."""
    table = np.zeros((27, LONGEST + 1), dtype=bool)
    for first, ns in lengths.items():
        for n in ns:
            if n >= 0:
                table[first_bucket(ord(first)), min(n, LONGEST)] = True
    return table


def _word_flags(np: Any, words: list[str], test: Any) -> Any:
    return np.fromiter(map(test, words), bool, len(words))


def _common(np: Any, counts: Any, text: str) -> Any:
    """Per candidate, the letters its text has in common with `text` (see letter_counts); an
    upper bound only, so where `text` has 255 of a letter, all of the candidate's letters."""
    mine = np.frombuffer(letter_counts(text), dtype=np.uint8)
    if (mine == 255).any():
        return counts.sum(axis=1)
    return np.minimum(counts, mine).sum(axis=1)


def _sums_reach(sums: _Sums, cols: Columns, weight: Any) -> Any:
    """Per candidate, whether the token sums reach the floor (see QueryBound.surely_below)."""
    np = cols.np
    gains = np.fromiter(map(sums.gains.get, cols.words, _ZEROS), float, len(cols.words))
    return sums.const + sums.left * weight + np.add.reduceat(gains[cols.local], cols.seg) > -_MARGIN


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
