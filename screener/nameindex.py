"""The candidate index over many names: a query is scored only against names sharing a rare
token (or a close spelling of one), its whole name or its acronym, never against every name.
Kept as a memory-mapped cache file so a command-line screening loads it in milliseconds."""

from __future__ import annotations

import hashlib
import marshal
import math
import mmap
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any, BinaryIO

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from screener.match import (
    LONE_FAMILY_SCORE,
    REVIEW_THRESHOLD,
    SINGLE_WORD_MAX_NAMES,
    SINGLE_WORD_MIN_CHARS,
    Comparison,
    TokenTable,
    _finish,
    _schema,
    _weight,
    acronym_of,
    better_reading,
    compare_prepared,
    korean_reading_of,
)
from screener.names import PreparedName, prepare, skeleton
from screener.scorebound import (
    LETTER_BUCKETS,
    LONGEST,
    Columns,
    QueryBound,
    letter_count_rows,
)


@dataclass
class Hit:
    key: int
    score: float
    comparison: Comparison
    payload: str = ""  # whatever the caller stored with the name


_SEP = "\x1f"


def _encode(p: PreparedName) -> str:
    # The original spelling is not needed to score: the caller keeps it in its payload. Names in
    # Han, kana or Hangul keep their letters (`script`), which the scorer compares.
    return _SEP.join(["", p.normalised, " ".join(p.tokens), "|".join(p.removed_titles),
                      "|".join(p.legal_forms), "1" if p.is_org else "", " ".join(p.skeletons),
                      "|".join(p.notes), p.script, " ".join(map(str, p.family)),
                      " ".join(map(str, p.joined))])


def _decode(row: str) -> PreparedName:
    (original, normalised, tokens, titles, forms, is_org, skeletons, notes, script, family,
     joined, _payload) = row.split(_SEP)
    return PreparedName(original, normalised, tuple(tokens.split()),
                        tuple(titles.split("|")) if titles else (),
                        tuple(forms.split("|")) if forms else (), bool(is_org),
                        tuple(skeletons.split()), tuple(notes.split("|")) if notes else (), script,
                        tuple(map(int, family.split())), tuple(map(int, joined.split())))


_EXACT = "="  # key prefix of a whole name's skeletons, in sorted order
_ACRONYM = "^"  # key prefix of the acronym an organisation's name spells


def _key_hash(key: str) -> int:
    """A stable 64-bit hash (never Python's salted one): the cache outlives the process."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)


def _exact_key(skeletons: Sequence[str]) -> str:
    """The key of a name's postings entry as a whole: its skeletons in sorted order, so an exact
    (or reordered) list name is always a candidate, however common its words are."""
    return _EXACT + " ".join(sorted(skeletons))


def _may_score(bound: QueryBound, cand: PreparedName, floor: float, shape: tuple) -> bool:
    """Whether the candidate may reach the floor: the cheap sums first, the full bound only
    where they cannot tell."""
    return not bound.surely_below(cand, floor, *shape) and bound.may_reach(cand, floor)


def _compare(person: PreparedName, org: PreparedName, korean: PreparedName | None,
             cand: PreparedName, floor: float, table: TokenTable) -> Comparison | None:
    """The query's reading that fits the candidate (and its Korean reading, for a person)
    compared with it; None below the floor."""
    comparison = compare_prepared(org if cand.is_org else person, cand, floor, table)
    if korean is not None and not cand.is_org:
        comparison = better_reading(comparison, compare_prepared(korean, cand, floor, table), korean)
    return comparison if comparison.score >= floor else None


@dataclass
class _Bulk:
    """NameIndex's columns as numpy arrays, for _search_columns."""

    np: Any
    words: list[str]
    skeletons: list[str]
    weight_person: Any
    weight_org: Any
    spaces: Any
    letters: Any
    word_letters: Any
    is_org: Any
    notes: Any
    tok_start: Any
    tok_ids: Any
    canon: Any
    tok_first: Any
    tok_len: Any
    compact_counts: Any  # per row: scorebound.letter_counts of its tokens written together
    word_counts: Any  # ... of its words written together
    lengths: Any  # per row: how many tokens (at most 255)
    first_bucket: Any  # per vocabulary word: scorebound.first_bucket of its first letter
    length_bucket: Any  # its length, at most scorebound.LONGEST
    saturated: Any  # per row: a letter counted 255 times


def _by_first(postings: dict[str, bytes]) -> dict[str, list[str]]:
    """Vocabulary by first letter: fuzzy token look-ups scan one letter's tokens, not all."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for sk in postings:
        by_first[sk[:1]].append(sk)
    return dict(by_first)


class NameRows:
    """The index's rows as one UTF-8 blob and their offsets: read from a memory-mapped cache
    file, a process touches only the rows of its candidates (a CLI call loads in a few
    milliseconds instead of unmarshalling every row)."""

    def __init__(self, blob: bytes | memoryview, offsets: array) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def from_strings(cls, rows: Iterable[str]) -> NameRows:
        parts = [r.encode() for r in rows]
        offsets = array("q", [0])
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        return cls(b"".join(parts), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, idx: int) -> str:
        return str(self.blob[self.offsets[idx]:self.offsets[idx + 1]], "utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def __reduce__(self):
        return (NameRows, (bytes(self.blob), self.offsets))


_CACHE_MAGIC = b"SCRNIDX6"  # 2: token counts, whole-name and acronym keys; 3: family names; 4-6: columns


# Flat arrays kept in the cache (name: array type code): the RowShape of every row, field by
# field; each row's tokens as ids into the vocabulary (tok_start: where a row's ids start);
# the first row with the same prepared name (canon); each vocabulary word's first letter (its
# code point) and length.
_SHAPE_ARRAYS = {"weight_person": "d", "weight_org": "d", "spaces": "i", "letters": "i",
                 "word_letters": "i", "is_org": "b", "notes": "b", "tok_start": "q",
                 "tok_ids": "i", "canon": "i", "tok_first": "i", "tok_len": "i"}


class NameIndex:
    """Candidate blocking over many names: a query is scored only against names sharing a
    rare-enough token (or a close spelling of one), never against every name."""

    MAX_CANDIDATES = 250
    MIN_SHARE = 0.3
    FUZZY_VOCAB_LIMIT = 8
    FUZZY_MIN = 0.7  # edit similarity at which an indexed spelling is a close one
    # Rows kept decoded in a long-running process (a batch worker, a server): each costs about
    # 1.1 KB (11 MB at most per process; twice as many were no faster on the bench's names),
    # so the oldest goes when it holds this many. Likewise a query token's close spellings
    # (common given names and company words recur from query to query).
    DECODED_MAX = 10_000
    SIMILAR_MAX = 5_000
    # From its second search on, a process rules candidates out with numpy over the index's
    # columns (_search_columns); a one-off command-line screening never imports numpy.
    COLUMNS_FROM = 2

    def __init__(self, entries: Iterable[tuple]) -> None:
        """entries: (key, name, schema) or (key, name, schema, payload string)."""
        keys: list[int] = []
        lengths: list[int] = []
        # Prepared names as one string each: the cache loads fast and only candidates are decoded.
        rows: list[str] = []
        postings: dict[str, list[int]] = defaultdict(list)
        whole: list[tuple[int, int]] = []  # (hash of a whole-name or acronym key, row)
        spaces: list[int] = []  # in each name's normalised text
        flags: list[tuple[bool, bool]] = []  # each name's is_org, and whether it has notes
        vocab_skeletons: list[str] = []
        letters: list[int] = []  # of each name's tokens
        written: list[int] = []  # ... of its words
        vocab: dict[str, int] = {}
        self.tok_ids = array("i")
        self.tok_start = array("q", [0])
        self.canon = array("i")
        first_row: dict[str, int] = {}
        for entry in entries:
            key, name, schema = entry[:3]
            prepared = prepare(name, _schema(schema))
            if not prepared.tokens:
                continue
            idx = len(keys)
            keys.append(key)
            lengths.append(min(len(prepared.tokens), 255))
            normalised = prepared.normalised
            letters.append(sum(map(len, prepared.tokens)))
            spaces.append(normalised.count(" "))
            written.append(len(normalised) - spaces[-1])
            flags.append((prepared.is_org, bool(prepared.notes)))
            encoded = _encode(prepared)
            self.canon.append(first_row.setdefault(encoded, idx))
            for t, sk in zip(prepared.tokens, prepared.skeletons, strict=True):
                if t not in vocab:
                    vocab[t] = len(vocab)
                    vocab_skeletons.append(sk)
                self.tok_ids.append(vocab[t])
            self.tok_start.append(len(self.tok_ids))
            rows.append(encoded + _SEP + (entry[3] if len(entry) > 3 else ""))
            for sk in set(prepared.skeletons):
                postings[sk].append(idx)
            whole.append((_key_hash(_exact_key(prepared.skeletons)), idx))
            acronym = acronym_of(prepared)
            if acronym:
                whole.append((_key_hash(_ACRONYM + acronym), idx))
        self.rows = NameRows.from_strings(rows)
        # Postings as packed int arrays: one object per token instead of one per entry.
        self.postings: dict[str, bytes] = {k: array("i", v).tobytes() for k, v in postings.items()}
        self.keys = array("q", keys)
        self.lengths = array("B", lengths)
        whole.sort()
        self.whole_keys = array("q", (h for h, _ in whole))
        self.whole_rows = array("i", (i for _, i in whole))
        # RowShape's fields, column by column (a word's weight worked out once).
        weights = {org: [_weight(w, org) for w in vocab] for org in (False, True)}
        starts, ids = self.tok_start, self.tok_ids
        for org, name in ((False, "weight_person"), (True, "weight_org")):
            by_word = weights[org].__getitem__
            setattr(self, name, array("d", (sum(map(by_word, ids[starts[r]:starts[r + 1]]))
                                            for r in range(len(keys)))))
        self.spaces = array("i", spaces)
        self.letters = array("i", letters)
        self.word_letters = array("i", written)
        self.is_org = array("b", (org for org, _ in flags))
        self.notes = array("b", (notes for _, notes in flags))
        self.vocab = _SEP.join(vocab)
        self.vocab_skeletons = _SEP.join(vocab_skeletons)
        self.tok_first = array("i", (ord(w[0]) for w in vocab))
        self.tok_len = array("i", map(len, vocab))
        self._derive()

    def _derive(self) -> None:
        """State worked out from the stored arrays, in memory only (never in the cache file)."""
        self.vocab_by_first = _by_first(self.postings)
        self.size = len(self.keys)
        self._by_length: dict[str, tuple[list[str], list[int], list[int]]] = {}
        self._decoded: OrderedDict[int, tuple[str, str, PreparedName]] = OrderedDict()
        self._similar: OrderedDict[str, list[tuple[str, float]]] = OrderedDict()
        self._searches = 0
        self._bulk: _Bulk | None = None

    def __getstate__(self) -> dict:
        # A pickled index (a worker's copy) starts with empty caches; columns mapped from a
        # cache file travel as arrays.
        state = {**self.__dict__, "_decoded": OrderedDict(), "_similar": OrderedDict(),
                 "_searches": 0, "_bulk": None}
        for name, code in _SHAPE_ARRAYS.items():
            if isinstance(state[name], memoryview):
                state[name] = array(code, bytes(state[name]))
        return state

    def write(self, fh: BinaryIO) -> None:
        """The index as a cache file: a marshalled head (keys, postings, row offsets), then
        the rows' blob and the columns, which `open` maps into memory rather than reads (a
        process touches only the pages of its candidates, and processes share them)."""
        columns = [getattr(self, name).tobytes() for name in _SHAPE_ARRAYS]
        head = marshal.dumps((self.keys.tobytes(), self.postings, self.rows.offsets.tobytes(),
                              self.lengths.tobytes(), self.whole_keys.tobytes(),
                              self.whole_rows.tobytes(), self.vocab, self.vocab_skeletons,
                              [len(c) for c in columns]))
        fh.write(_CACHE_MAGIC + len(head).to_bytes(8, "little"))
        fh.write(head)
        fh.write(self.rows.blob)
        at = len(_CACHE_MAGIC) + 8 + len(head) + len(self.rows.blob)
        for column in columns:
            fh.write(bytes(-at % 8))  # each column starts on 8 bytes
            fh.write(column)
            at += -at % 8 + len(column)

    @classmethod
    def open(cls, path: Path) -> NameIndex:
        """An index from a file `write` made; raises ValueError if it is not one."""
        with open(path, "rb") as fh:
            if fh.read(len(_CACHE_MAGIC)) != _CACHE_MAGIC:
                raise ValueError(f"{path}: not a name index file")
            size = int.from_bytes(fh.read(8), "little")
            (keys, postings, offsets, lengths, whole_keys, whole_rows, vocab, vocab_skeletons,
             sizes) = marshal.loads(fh.read(size))
            start = len(_CACHE_MAGIC) + 8 + size
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        index = cls.__new__(cls)
        index.keys = array("q", keys)
        index.lengths = array("B", lengths)
        index.whole_keys = array("q", whole_keys)
        index.whole_rows = array("i", whole_rows)
        index.postings = postings
        index.vocab, index.vocab_skeletons = vocab, vocab_skeletons
        row_offsets = array("q", offsets)
        view = memoryview(mapped)
        at = start + row_offsets[-1]
        if at + sum(sizes) > len(mapped):
            raise ValueError(f"{path}: truncated name index file")
        index.rows = NameRows(view[start:at], row_offsets)
        for (name, code), n in zip(_SHAPE_ARRAYS.items(), sizes, strict=True):
            at += -at % 8
            setattr(index, name, view[at:at + n].cast(code))
            at += n
        if at != len(mapped):
            raise ValueError(f"{path}: truncated name index file")
        index._derive()
        return index

    def name(self, idx: int) -> PreparedName:
        return _decode(self.rows[idx])

    def _decoded_row(self, idx: int) -> tuple[str, str, PreparedName]:
        """A row's prepared-name encoding, its payload and the prepared name, kept decoded for
        the next query (the oldest row dropped past DECODED_MAX)."""
        found = self._decoded.get(idx)
        if found is None:
            if len(self._decoded) >= self.DECODED_MAX:
                self._decoded.popitem(last=False)  # the oldest: no pause to free them all
            row = self.rows[idx]
            prepared, _, payload = row.rpartition(_SEP)
            found = self._decoded[idx] = (prepared, payload, _decode(row))
        return found

    def posting(self, skeleton_key: str) -> array:
        return array("i", self.postings[skeleton_key])

    def __len__(self) -> int:
        return self.size

    def _similar_skeletons(self, sk: str, exhaustive: bool = False) -> list[tuple[str, float]]:
        """Indexed skeletons close to `sk`, each with its similarity: the FUZZY_VOCAB_LIMIT
        closest of those sharing its first letter, ties in vocabulary order. Only spellings of
        a length that can reach FUZZY_MIN are compared (an edit similarity is at most
        1 - length difference / longer length), and the answer is kept for the next query
        with this token; `exhaustive` compares them all, every time."""
        if len(sk) < 4:
            return [(sk, 1.0)] if sk in self.postings else []
        if not exhaustive:
            found = self._similar.get(sk)
            if found is None:
                if len(self._similar) >= self.SIMILAR_MAX:
                    self._similar.popitem(last=False)
                found = self._similar[sk] = self._similar_by_length(sk)
            return found
        vocab = self.vocab_by_first.get(sk[:1], [])
        every = process.extract(sk, vocab, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=self.FUZZY_MIN, limit=self.FUZZY_VOCAB_LIMIT)
        return [(v, score) for v, score, _ in every]

    def _similar_by_length(self, sk: str) -> list[tuple[str, float]]:
        """As _similar_skeletons, comparing only spellings of a length that can be close."""
        words, ranks, starts = self._length_buckets(sk[:1])
        n = len(sk)
        # Lengths m with |n - m| <= 0.3 * max(n, m), in integers: 10m >= 7n and 7m <= 10n.
        shortest, longest = -(-7 * n // 10), 10 * n // 7
        lo = starts[min(shortest, len(starts) - 1)]
        hi = starts[min(longest + 1, len(starts) - 1)]
        if lo >= hi:
            return []
        # The plain distance is quicker to bound: none of these lengths reaches FUZZY_MIN
        # beyond 0.3 x the longest of them; the few within it get their similarity exactly.
        within = process.extract(sk, words[lo:hi], scorer=Levenshtein.distance,
                                 score_cutoff=3 * max(n, longest) // 10, limit=None)
        found = []
        for v, _, k in within:
            score = Levenshtein.normalized_similarity(sk, v)
            if score >= self.FUZZY_MIN:
                found.append((-score, ranks[lo + k], v, score))
        found.sort()
        return [(v, score) for _, _, v, score in found[:self.FUZZY_VOCAB_LIMIT]]

    def _length_buckets(self, first: str) -> tuple[list[str], list[int], list[int]]:
        """One first letter's vocabulary sorted by length, each word's rank in vocabulary
        order, and where each length starts (starts[m]: the first word of length >= m).
        Built on first use, so a one-name command-line screening sorts only what it needs."""
        bucket = self._by_length.get(first)
        if bucket is None:
            vocab = self.vocab_by_first.get(first, [])
            lengths = list(map(len, vocab))
            order = sorted(range(len(vocab)), key=lengths.__getitem__)
            words = [vocab[k] for k in order]
            by_length = sorted(lengths)
            longest = by_length[-1] if by_length else 0
            starts = [bisect_left(by_length, m) for m in range(longest + 2)]
            bucket = self._by_length[first] = (words, order, starts)
        return bucket

    def candidates(self, query: PreparedName, *others: PreparedName,
                   exhaustive: bool = False) -> list[int]:
        """Indexes of the names worth scoring against `query` (and other readings of it, such
        as the query read as an organisation's name): names that are the query's skeletons
        exactly, then, per reading, the names sharing the most of its rare tokens. A query
        token counts once per name, by its closest indexed spelling, so a fuzzy neighbour
        ("stop" for "stok") adds nothing to a name that has the word itself. `exhaustive`
        compares each query token with every indexed spelling of its first letter (the same
        candidates, found slower)."""
        out: dict[int, None] = {}
        per_token: dict[str, dict[int, float] | None] = {}
        common_limit = max(0.05 * self.size, 2000)
        for reading in (query, *others):
            if not reading.skeletons:
                continue
            out.update(dict.fromkeys(self._whole(_exact_key(reading.skeletons))))
            if len(reading.tokens) == 1 and reading.tokens[0].isalpha():
                out.update(dict.fromkeys(self._whole(_ACRONYM + reading.tokens[0])))
            skeletons = sorted(set(reading.skeletons))  # sorted: the same sums in every process
            scores: dict[int, float] = {}
            skipped: list[array] = []
            for sk in skeletons:
                if sk not in per_token:
                    per_token[sk] = self._token_postings(sk, common_limit if len(skeletons) > 1 else None,
                                                         skipped, exhaustive)
                found = per_token[sk]
                if found is None:
                    continue
                if not scores:
                    scores = dict(found)  # 0.0 + w is w: the same sums as adding one by one
                    continue
                # scores[idx] + w for each name, the loop in C (map and zip, not a comprehension).
                scores.update(zip(found, map(add, map(scores.get, found, repeat(0.0)), found.values()),
                                  strict=True))
            if not scores and skipped:
                scores = dict.fromkeys(min(skipped, key=len), 1.0)
            out.update(dict.fromkeys(self._best(scores) if self._bulk is None else self._best_columns(scores)))
        return list(out)

    def _best(self, scores: dict[int, float]) -> list[int]:
        """The MAX_CANDIDATES best-scoring names, without those sharing only a small part of
        the query's rare tokens (they cannot score high). Ties go to the shorter name, then by
        position: the same candidates whatever the hash seed, and an exact short name before
        the long names that contain it."""
        if not scores:
            return []
        if len(scores) > self.MAX_CANDIDATES:
            # Only names scoring at least the MAX_CANDIDATES-th best can be among the best (a
            # score is a sum of a few token weights: few distinct values to count).
            counts = Counter(scores.values())
            seen = 0
            for cut in sorted(counts, reverse=True):
                seen += counts[cut]
                if seen >= self.MAX_CANDIDATES:
                    break
            ranked = [idx for idx, score in scores.items() if score >= cut]
        else:
            ranked = list(scores)
        # By score, then the shorter name, then position: sorts in passes that keep the order
        # of equal keys, with keys looked up in C.
        ranked.sort()
        ranked.sort(key=self.lengths.__getitem__)
        ranked.sort(key=scores.__getitem__, reverse=True)
        del ranked[self.MAX_CANDIDATES:]
        floor = scores[ranked[0]] * self.MIN_SHARE
        return [idx for idx in ranked if scores[idx] >= floor]

    def _best_columns(self, scores: dict[int, float]) -> list[int]:
        """_best with numpy (in a process that has it loaded): the same names in the same order."""
        if not scores:
            return []
        np = self._bulk.np
        n = len(scores)
        rows = np.fromiter(scores, dtype=np.int64, count=n)
        values = np.fromiter(scores.values(), dtype=np.float64, count=n)
        if n > self.MAX_CANDIDATES:
            # The MAX_CANDIDATES-th best score, counting ties: only names scoring that much.
            cut = np.partition(values, n - self.MAX_CANDIDATES)[n - self.MAX_CANDIDATES]
            kept = values >= cut
            rows, values = rows[kept], values[kept]
        # By score, then the shorter name, then position.
        order = np.lexsort((rows, self._bulk.lengths[rows], -values))[:self.MAX_CANDIDATES]
        rows, values = rows[order], values[order]
        return rows[values >= values[0] * self.MIN_SHARE].tolist()

    def _whole(self, key: str) -> list[int]:
        """Rows whose whole name (or acronym) has this key: a binary search over hashes, so
        the cache holds two flat arrays rather than a dictionary entry per name."""
        h = _key_hash(key)
        at = bisect_left(self.whole_keys, h)
        out = []
        while at < len(self.whole_keys) and self.whole_keys[at] == h:
            out.append(self.whole_rows[at])
            at += 1
        return out

    def _token_postings(self, sk: str, common_limit: float | None, skipped: list[array],
                        exhaustive: bool = False) -> dict[int, float] | None:
        """Names holding `sk` or a close spelling of it, each with the rarity of the closest
        one (weighted by its similarity); None when only very common spellings hold it."""
        weighted: list[tuple[float, bytes]] = []
        for similar, sim in self._similar_skeletons(sk, exhaustive):
            posting = self.postings[similar]
            count = len(posting) // 4
            if common_limit is not None and count > common_limit:
                skipped.append(array("i", posting))  # a very common token ("al", "bank") selects nothing alone
                continue
            weighted.append((math.log(1 + self.size / count) * sim, posting))
        if not weighted:
            return None
        # Lightest first, so each name keeps the weight of its closest (heaviest) spelling.
        weighted.sort(key=lambda wp: wp[0])
        found = dict.fromkeys(array("i", weighted[0][1]), weighted[0][0])
        for weight, posting in weighted[1:]:
            found.update(dict.fromkeys(array("i", posting), weight))
        return found

    def _single_word(self, word: str, distinct: dict[str, PreparedName],
                     scored: dict[str, Comparison | None], floor: float, table: TokenTable) -> None:
        """A query of one distinctive word ("Putin", "Huawei") is at least review against the
        names that contain it: it scores low against a full name, yet an analyst must see it.
        A common word ("Li", "Ali", "Bank") is not distinctive."""
        if len(word) < SINGLE_WORD_MIN_CHARS or word.isdigit():
            return
        key = skeleton(word)
        holders = len(self.postings.get(key, b"")) // 4
        if not 0 < holders <= SINGLE_WORD_MAX_NAMES:
            return
        for prepared, cand in distinct.items():
            if scored[prepared] is not None or word not in cand.tokens or len(cand.tokens) < 2:
                continue
            query = prepare(word, "Organization" if cand.is_org else "Person")
            comparison = compare_prepared(query, cand, 0.0, table)
            before = comparison.score
            score = max(before, min(floor, REVIEW_THRESHOLD)) if floor <= REVIEW_THRESHOLD else before
            if score < floor:
                continue
            comparison = _finish(replace(comparison, score=score, penalties=[*comparison.penalties, (
                f"a single distinctive word, in {holders} listed name{'s' if holders > 1 else ''}: review",
                0.0)]))
            scored[prepared] = comparison

    def search(self, query: str, schema: str | None = None, limit: int = 20,
               min_score: float | None = None, exhaustive: bool = False) -> list[Hit]:
        """Best-scoring names for `query`; each hit explains its score. A candidate that
        provably cannot reach the floor is not scored (screener.scorebound); `exhaustive`
        scores every candidate, for the same hits, slower."""
        floor = REVIEW_THRESHOLD if min_score is None else min_score
        person = prepare(query, "Person")
        org = prepare(query, "Organization")
        wanted = _schema(schema)
        # Candidates for either reading of the query ("Brigade Forty-Four" is "brigade 44" as
        # an organisation's name).
        korean = korean_reading_of(person)  # a Korean name in Han or Cyrillic: read both ways
        readings = [r for r in (person, org, korean) if r is not None and r.tokens]
        if not readings:
            return []  # nothing to search by (a query by identifier alone)
        if person.tokens and org.tokens and org.skeletons == person.skeletons:
            readings = [r for r in readings if r is not org]
        rows = self.candidates(*readings, exhaustive=exhaustive)
        self._searches += 1
        if (not exhaustive and korean is None and all(len(r.tokens) > 1 for r in readings)
                and self._searches >= self.COLUMNS_FROM):
            # A process that searches again: the bound's cheap conditions over all candidates
            # at once (a single-word query takes the paths below: acronyms, lone names).
            return self._search_columns(rows, person, org, wanted, floor, limit)
        # One name listed by several publishers or for several targets is scored once.
        found: list[tuple[int, str, str]] = []  # (idx, prepared name's encoding, payload)
        distinct: dict[str, PreparedName] = {}
        first: list[int] = []  # the row of each distinct name
        for idx in rows:
            prepared, payload, name = self._decoded_row(idx)
            found.append((idx, prepared, payload))
            if prepared not in distinct:
                distinct[prepared] = name
                first.append(idx)
        skeletons: dict[str, str] = {}  # each candidate word's skeleton, as the index stores it
        for cand in distinct.values():
            skeletons.update(zip(cand.tokens, cand.skeletons, strict=True))
        table = TokenTable(person.tokens + org.tokens + (korean.tokens if korean else ()), skeletons)
        bounds = {False: QueryBound(person, table), True: QueryBound(org, table)}
        korean_bound = QueryBound(korean, table) if korean is not None else None
        scored: dict[str, Comparison | None] = {}
        wp, wo, spaces, letters, word_letters = (self.weight_person, self.weight_org, self.spaces,
                                                 self.letters, self.word_letters)
        for (prepared, cand), idx in zip(distinct.items(), first, strict=True):
            comparison = None
            shape = (wp[idx], wo[idx], spaces[idx], letters[idx], word_letters[idx])
            if (not wanted or (wanted == "Person") == (not cand.is_org)) and (
                    exhaustive or _may_score(bounds[cand.is_org], cand, floor, shape) or (
                        korean_bound is not None and not cand.is_org
                        and _may_score(korean_bound, cand, floor, shape))):
                comparison = _compare(person, org, korean, cand, floor, table)
            scored[prepared] = comparison
        if len(person.tokens) == 1 and person.removed_titles and (
                len(self.postings.get(skeleton(person.tokens[0]), b"")) // 4 > SINGLE_WORD_MAX_NAMES):
            # "Mr Smith": a title and a common family name point at no one in particular.
            scored = {k: None if v is not None and v.score == LONE_FAMILY_SCORE else v
                      for k, v in scored.items()}
        single = person.tokens if len(person.tokens) == 1 else org.tokens if len(org.tokens) == 1 else ()
        if single and (not wanted or wanted == "Person") == bool(person.tokens):
            self._single_word(single[0], distinct, scored, floor, table)
        hits: list[Hit] = []
        for idx, prepared, payload in found:
            comparison = scored[prepared]
            if comparison is not None:
                hits.append(Hit(self.keys[idx], comparison.score, comparison, payload))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]

    def _search_columns(self, rows: list[int], person: PreparedName, org: PreparedName,
                        wanted: str | None, floor: float, limit: int) -> list[Hit]:
        """search() for a query of two words or more: the candidates' words come from the
        index's columns, QueryBound.open_rows and raisable rule out most of them at once, and only
        the others are decoded, bounded one by one and scored. The same hits as search's own
        loop (tests/test_screen_identical.py compares them)."""
        bulk = self._bulk_columns()
        np = bulk.np
        if not rows:
            return []
        canon = self.canon
        distinct = list(dict.fromkeys(map(canon.__getitem__, rows)))  # a name's first row
        picked = np.array(distinct, dtype=np.int64)
        starts = bulk.tok_start[picked]
        ntok = bulk.tok_start[picked + 1] - starts
        seg = np.zeros(len(picked), dtype=np.int64)
        np.cumsum(ntok[:-1], out=seg[1:])
        ids = bulk.tok_ids[np.repeat(starts - seg, ntok) + np.arange(int(seg[-1] + ntok[-1]))]
        unique, local = np.unique(ids, return_inverse=True)
        unique_ids = unique.tolist()
        words = list(map(bulk.words.__getitem__, unique_ids))
        table = TokenTable(person.tokens + org.tokens,
                           dict(zip(words, map(bulk.skeletons.__getitem__, unique_ids), strict=True)))
        occ_first = bulk.tok_first[ids]
        cols = Columns(np, words, local, occ_first, bulk.first_bucket[ids], bulk.tok_len[ids], seg,
                       ntok, bulk.first_bucket[unique], bulk.length_bucket[unique],
                       bulk.weight_person[picked], bulk.weight_org[picked], bulk.spaces[picked],
                       bulk.letters[picked], bulk.word_letters[picked], bulk.notes[picked],
                       bulk.compact_counts[picked], bulk.word_counts[picked], bulk.saturated[picked])
        bounds: dict[bool, QueryBound] = {}  # by reading, for the candidates read that way
        is_org = bulk.is_org[picked] != 0
        open_ = np.zeros(len(picked), dtype=bool)
        raised = np.zeros(len(picked), dtype=bool)
        alike = (person.tokens, person.normalised, person.notes) == (org.tokens, org.normalised, org.notes)
        for kind, rows_of_kind in ((False, ~is_org), (True, is_org)):
            if rows_of_kind.any():
                bounds[kind] = (bounds[False].reading(org) if kind and False in bounds
                                else QueryBound(org if kind else person, table))
                open_ |= rows_of_kind & bounds[kind].open_rows(cols, floor, kind)
                if not (kind and alike and (~is_org).any()):
                    # (the same query tokens raise the same candidates whichever reading)
                    raise_kind = bounds[kind].raisable(cols, floor)
                raised |= rows_of_kind & raise_kind
        scored: dict[int, Comparison] = {}
        for k in np.flatnonzero(open_ | raised).tolist():
            idx = distinct[k]
            cand = self._decoded_row(idx)[2]
            if wanted and (wanted == "Person") == cand.is_org:
                continue
            bound = bounds[cand.is_org]
            if bound.may_reach(cand, floor) if open_[k] else bound.may_be_raised(
                    cand, floor, self.spaces[idx], self.letters[idx], self.word_letters[idx]):
                comparison = _compare(person, org, None, cand, floor, table)
                if comparison is not None:
                    scored[idx] = comparison
        hits: list[Hit] = []
        for idx in rows:
            comparison = scored.get(canon[idx])
            if comparison is not None:
                hits.append(Hit(self.keys[idx], comparison.score, comparison,
                                self.rows[idx].rpartition(_SEP)[2]))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]

    def _bulk_columns(self) -> _Bulk:
        """The index's columns as numpy arrays (views of the cache's arrays, no copy) and its
        vocabulary as lists: made on first use, so a process that searches once never imports
        numpy (about 90 ms). A process that searches again is a long-running one: what it holds
        by then (the index, word lists, modules) lives as long as it does, so the cyclic
        garbage collector stops going over it again and again (gc.freeze; measured: p95 of the
        16 bench names x5 3.3 -> 2.6 ms)."""
        if self._bulk is None:
            import gc

            import numpy as np

            def view(name: str) -> Any:
                data = getattr(self, name)
                code = data.typecode if isinstance(data, array) else data.format
                return np.frombuffer(data, dtype=code) if len(data) else np.zeros(0, code)

            columns = {name: view(name) for name in _SHAPE_ARRAYS}
            # Each name's letter counts, of its tokens and of its words written together
            # (a pass over the rows for each: about 0.3 s for 90k names, once per process).
            for name, field in (("compact_counts", 2), ("word_counts", 1)):
                texts = (row.split(_SEP, 3)[field].replace(" ", "") for row in self.rows)
                columns[name] = np.frombuffer(letter_count_rows(texts), dtype=np.uint8).reshape(
                    -1, LETTER_BUCKETS)
            first = columns["tok_first"]
            self._bulk = _Bulk(
                np, self.vocab.split(_SEP), self.vocab_skeletons.split(_SEP),
                lengths=view("lengths"),
                first_bucket=np.where((first >= 97) & (first < 123), first - 97, 26),
                length_bucket=np.minimum(columns["tok_len"], LONGEST),
                saturated=(columns["compact_counts"] == 255).any(axis=1) | (
                    columns["word_counts"] == 255).any(axis=1), **columns)
            gc.freeze()
        return self._bulk
