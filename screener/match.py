"""Name matching: a token-aligned score with an explanation, and a candidate index.

Two names are compared token by token: each query token is aligned with at most one
candidate token (exact, same spelling skeleton, close edit distance, or an initial), and
the score is the share of the two names' weight that aligned. Tokens carry weight by
length, so an initial or a particle counts little and a long surname counts much; a
patronymic or middle name missing on one side costs little, a conflicting name part
costs much. Context (type, birth year, country) can only lower a score.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from screener.names import (
    NAME_PARTICLES,
    ORG_GENERIC,
    PreparedName,
    is_burmese_like,
    is_patronymic,
    prepare,
    skeleton,
)

DEFAULT_THRESHOLD = 0.80
REVIEW_THRESHOLD = 0.65

ALIGN_MIN = 0.72  # token similarity at which two tokens count as the same
PARTIAL_MIN = 0.45  # below ALIGN_MIN but above this, a token earns partial credit
WEAK_PAIR = 0.6  # a pair this dissimilar is a conflicting name part, not a spelling
INITIAL_CREDIT = 0.9
MISSING_MIDDLE_WEIGHT = 0.25  # weight of an unmatched middle name/patronymic when the rest aligned
CONFLICT_FACTOR = 0.75  # both names have a part the other lacks: a different person
# Which types can be the same thing: an organisation is a company or a legal entity, never a
# person, vessel or aircraft.
_TYPE_CLASS = {"Company": "Organization"}
SCHEMAS = {"person": "Person", "organization": "Organization", "organisation": "Organization",
           "company": "Company", "legalentity": "LegalEntity", "vessel": "Vessel",
           "airplane": "Airplane", "aircraft": "Airplane"}


@dataclass
class Comparison:
    """A score and why."""

    score: float
    aligned: list[tuple[str, str, float]] = field(default_factory=list)
    unmatched_query: list[str] = field(default_factory=list)
    unmatched_candidate: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    penalties: list[tuple[str, float]] = field(default_factory=list)
    text: str = ""


def _schema(schema: str | None) -> str | None:
    if schema is None:
        return None
    return SCHEMAS.get(schema.lower(), "Organization")


@lru_cache(maxsize=1 << 18)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1], tolerant of transliteration drift (cached: the
    same token pairs recur across candidates and queries)."""
    if a == b or (a in FILIATION and b in FILIATION):
        return 1.0
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        return INITIAL_CREDIT if long_.startswith(short) and len(short) == 1 else 0.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.95
    sim = max(OSA.normalized_similarity(a, b), OSA.normalized_similarity(sa, sb))
    # A patronymic is not the given name it is made from (Alexandrovich is not Alexander).
    if (is_patronymic(a) != is_patronymic(b)) and (a.startswith(b[:4]) or b.startswith(a[:4])):
        sim = min(sim, 0.4)
    # Short tokens: one edit changes the name (Aye/Aya, Win/Wai), so ask for more.
    if min(len(a), len(b)) <= 3 and sim < 0.99:
        sim *= 0.8
    return sim


def _weight(token: str, is_org: bool) -> float:
    if len(token) == 1:
        return 1.0
    base = min(len(token), 10) + 2.0
    if is_org and token in ORG_GENERIC:
        return base * 0.3
    if not is_org and token in NAME_PARTICLES:
        return base * 0.3
    return base


def _align(q: PreparedName, c: PreparedName) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    pairs = []
    for i, a in enumerate(q.tokens):
        for j, b in enumerate(c.tokens):
            sim = token_similarity(a, b)
            if sim >= PARTIAL_MIN:
                pairs.append((sim, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    aligned = []
    for sim, _, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        aligned.append((i, j, sim))
    free_q = [i for i in range(len(q.tokens)) if i not in used_q]
    free_c = [j for j in range(len(c.tokens)) if j not in used_c]
    return aligned, free_q, free_c


def compare_prepared(q: PreparedName, c: PreparedName) -> Comparison:
    """Score two prepared names (the query first)."""
    removed = [f"title '{t}'" for t in q.removed_titles + c.removed_titles]
    removed += [f"legal form '{f}'" for f in dict.fromkeys(q.legal_forms + c.legal_forms)]
    if not q.tokens or not c.tokens:
        return Comparison(0.0, removed=removed, text="nothing left to compare")
    if q.tokens == c.tokens:
        return _finish(Comparison(1.0, aligned=[(t, t, 1.0) for t in q.tokens], removed=removed))
    is_org = q.is_org or c.is_org
    aligned, free_q, free_c = _align(q, c)
    credit = 0.0
    total = 0.0
    full_pairs = 0  # aligned pairs of whole words (not initials)
    support = 0  # aligned pairs, initials included
    weak_pairs: list[tuple[str, str]] = []
    out_aligned = []
    for i, j, sim in aligned:
        wq, wc = _weight(q.tokens[i], is_org), _weight(c.tokens[j], is_org)
        earned = sim if sim >= ALIGN_MIN else sim * (sim - PARTIAL_MIN) / (ALIGN_MIN - PARTIAL_MIN)
        if sim >= ALIGN_MIN:
            support += 1
            if len(q.tokens[i]) > 1 and len(c.tokens[j]) > 1:
                full_pairs += 1
        elif sim < WEAK_PAIR:
            weak_pairs.append((q.tokens[i], c.tokens[j]))
        credit += earned * (wq + wc)
        total += wq + wc
        out_aligned.append((q.tokens[i], c.tokens[j], round(sim, 3)))
    unq = [q.tokens[i] for i in free_q]
    unc = [c.tokens[j] for j in free_c]
    all_aligned_q = not unq and all(s >= ALIGN_MIN for _, _, s in aligned)
    all_aligned_c = not unc and all(s >= ALIGN_MIN for _, _, s in aligned)
    # A name part missing on one side (a patronymic, a middle name) is cheap when everything
    # else aligned on at least two tokens; otherwise it counts in full.
    discount = not is_org and full_pairs >= 2 and (all_aligned_q or all_aligned_c)
    penalties: list[tuple[str, float]] = []
    if discount and (is_burmese_like(q.tokens) or is_burmese_like(c.tokens)):
        discount = False
        penalties.append(("Burmese name: no syllable may go missing", 0.0))
    for token in unq + unc:
        w = _weight(token, is_org)
        if discount:
            w *= MISSING_MIDDLE_WEIGHT
        total += w
    score = credit / total if total else 0.0
    # In an organisation's name every word distinguishes it ("Defense Services Academy" is not
    # "National Defense Academy"); in a person's, particles do not.
    ignorable = NAME_PARTICLES if is_org else NAME_PARTICLES | ORG_GENERIC
    conflicting = [t for t in unq if len(t) > 1 and t not in ignorable]
    conflicting_c = [t for t in unc if len(t) > 1 and t not in ignorable]
    for a, b in weak_pairs:
        conflicting.append(a)
        conflicting_c.append(b)
    if conflicting and conflicting_c and not discount:
        before = score
        score *= CONFLICT_FACTOR
        penalties.append((f"different name parts: {' '.join(conflicting)} / {' '.join(conflicting_c)}",
                          round(before - score, 3)))
    if full_pairs == 0 and score > 0:
        before = score
        score = min(score, REVIEW_THRESHOLD - 0.05)
        if before != score:
            penalties.append(("no token aligned fully", round(before - score, 3)))
    # One shared token out of several cannot make a strong hit (a lone surname, "Bank").
    distinctive_left = [t for t in unq + unc if len(t) > 1 and t not in ORG_GENERIC
                        and t not in NAME_PARTICLES]
    if support == 1 and distinctive_left and score >= DEFAULT_THRESHOLD:
        before = score
        score = DEFAULT_THRESHOLD - 0.01
        penalties.append(("a single shared token", round(before - score, 3)))
    if not is_org:
        father = _fathers_name_conflict(q.tokens, c.tokens, aligned)
        if father:
            before = score
            score *= CONFLICT_FACTOR
            penalties.append((father, round(before - score, 3)))
    # Spacing differs ("VladimirPutin", "Siemens AG" / "SiemensAG"): compare the letters alone.
    q_words, c_words = q.normalised.split(), c.normalised.split()
    if (len(q.tokens) != len(c.tokens) or len(q_words) != len(c_words)) and q.compact and c.compact:
        compact = max(OSA.normalized_similarity(q.compact, c.compact),
                      OSA.normalized_similarity("".join(q_words), "".join(c_words))
                      if len(q_words) != len(c_words) else 0.0)
        if compact >= 0.9 and compact * 0.97 > score:
            score = compact * 0.97
            penalties.append(("scored on the names written without spaces", 0.0))
    result = Comparison(max(0.0, min(1.0, score)), out_aligned, unq, unc, removed, penalties)
    return _finish(result)


FILIATION = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})


def _fathers_name_conflict(q: Sequence[str], c: Sequence[str],
                           aligned: list[tuple[int, int, float]]) -> str | None:
    """In "Salman bin Muhammad" the word after "bin" is the father: it must match the
    father's name on the other side, not just appear somewhere in it."""
    qi = next((i for i, t in enumerate(q[:-1]) if t in FILIATION), None)
    ci = next((j for j, t in enumerate(c[:-1]) if t in FILIATION), None)
    if qi is None or ci is None:
        return None
    pairs = {i: j for i, j, sim in aligned if sim >= ALIGN_MIN}
    if pairs.get(qi + 1) == ci + 1:
        return None
    return f"father's name differs ({q[qi]} {q[qi + 1]} / {c[ci]} {c[ci + 1]})"


def _finish(c: Comparison) -> Comparison:
    parts = []
    for a, b, s in c.aligned:
        if a == b:
            parts.append(f"{a}={b}")
        elif len(a) == 1 or len(b) == 1:
            parts.append(f"{a}~{b} (initial)")
        else:
            parts.append(f"{a}≈{b} ({s:.2f})")
    text = ", ".join(parts) or "no aligned tokens"
    if c.unmatched_query:
        text += f"; unmatched in query: {' '.join(c.unmatched_query)}"
    if c.unmatched_candidate:
        text += f"; unmatched in list name: {' '.join(c.unmatched_candidate)}"
    if c.removed:
        text += "; ignored " + ", ".join(c.removed)
    for reason, amount in c.penalties:
        text += f"; {reason}" + (f" (-{amount:.2f})" if amount else "")
    c.text = text
    return c


def explain(name1: str, name2: str, schema: str = "Person") -> Comparison:
    s = _schema(schema)
    return compare_prepared(prepare(name1, s), prepare(name2, s))


def compare(name1: str, name2: str, schema: str = "Person") -> float:
    """Similarity of two names in [0, 1]; at or above DEFAULT_THRESHOLD is a match."""
    return explain(name1, name2, schema).score


YEAR_TOLERANCE = 1  # publishers' birth years are often off by one (age-based, calendar)


def _year_span(year: int | tuple[int, int] | Sequence[int]) -> tuple[int, int] | None:
    """A year or a (from, to) range as a closed span; None when unreadable."""
    try:
        if isinstance(year, (int, str)):
            return int(year), int(year)
        lo, hi = (int(y) for y in year)
        return min(lo, hi), max(lo, hi)
    except (TypeError, ValueError):
        return None


def _birth_year_fits(query_year: int, years: Sequence) -> bool:
    spans = [s for s in (_year_span(y) for y in years) if s]
    if not spans:
        return True  # nothing readable to contradict
    return any(lo - YEAR_TOLERANCE <= query_year <= hi + YEAR_TOLERANCE for lo, hi in spans)


def _context_type(entity_type: str | None) -> str | None:
    """Person, Vessel, Airplane or Organization; None when unknown (an unknown type contradicts
    nothing)."""
    if not entity_type:
        return None
    found = SCHEMAS.get(str(entity_type).lower())
    return None if found == "LegalEntity" else found  # a legal entity may be a person


def apply_context(comparison: Comparison, *, query_type: str | None = None,
                  target_type: str | None = None, query_birth_year: int | None = None,
                  target_birth_years: Sequence[int | tuple[int, int]] = (), query_country: str | None = None,
                  target_countries: Sequence[str] = ()) -> Comparison:
    """Lower a score where what else is known contradicts it; never raise it."""
    penalties = list(comparison.penalties)
    score = comparison.score
    qt, tt = _context_type(query_type), _context_type(target_type)
    if qt and tt and _TYPE_CLASS.get(qt, qt) != _TYPE_CLASS.get(tt, tt):
        penalties.append((f"type differs ({qt} vs {tt})", round(score * 0.3, 3)))
        score *= 0.7
    if query_birth_year and target_birth_years and not _birth_year_fits(query_birth_year,
                                                                         target_birth_years):
        years = ", ".join("-".join(map(str, y)) if isinstance(y, (tuple, list)) else str(y)
                          for y in list(target_birth_years)[:3])
        penalties.append((f"birth year {query_birth_year} vs {years}", round(score * 0.25, 3)))
        score *= 0.75
    if query_country and target_countries and query_country.upper() not in {
            c.upper() for c in target_countries}:
        penalties.append((f"country {query_country} vs {', '.join(list(target_countries)[:3])}",
                          round(score * 0.1, 3)))
        score *= 0.9
    if score == comparison.score:
        return comparison
    return _finish(replace(comparison, score=score, penalties=penalties))


@dataclass
class Hit:
    key: int
    score: float
    comparison: Comparison
    payload: str = ""  # whatever the caller stored with the name


_SEP = "\x1f"


def _encode(p: PreparedName) -> str:
    # The original spelling is not needed to score: the caller keeps it in its payload.
    return _SEP.join(["", p.normalised, " ".join(p.tokens), "|".join(p.removed_titles),
                      "|".join(p.legal_forms), "1" if p.is_org else "", " ".join(p.skeletons)])


def _decode(row: str) -> PreparedName:
    original, normalised, tokens, titles, forms, is_org, skeletons, _payload = row.split(_SEP)
    return PreparedName(original, normalised, tuple(tokens.split()),
                        tuple(titles.split("|")) if titles else (),
                        tuple(forms.split("|")) if forms else (), bool(is_org),
                        tuple(skeletons.split()))


def _by_first(postings: dict[str, bytes]) -> dict[str, list[str]]:
    """Vocabulary by first letter: fuzzy token look-ups scan one letter's tokens, not all."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for sk in postings:
        by_first[sk[:1]].append(sk)
    return dict(by_first)


class NameIndex:
    """Candidate blocking over many names: a query is scored only against names sharing a
    rare-enough token (or a close spelling of one), never against every name."""

    MAX_CANDIDATES = 250
    MIN_SHARE = 0.3
    FUZZY_VOCAB_LIMIT = 8

    def __init__(self, entries: Iterable[tuple]) -> None:
        """entries: (key, name, schema) or (key, name, schema, payload string)."""
        keys: list[int] = []
        # Prepared names as one string each: the cache loads fast and only candidates are decoded.
        self.rows: list[str] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for entry in entries:
            key, name, schema = entry[:3]
            prepared = prepare(name, _schema(schema))
            if not prepared.tokens:
                continue
            idx = len(keys)
            keys.append(key)
            self.rows.append(_encode(prepared) + _SEP + (entry[3] if len(entry) > 3 else ""))
            for sk in set(prepared.skeletons):
                postings[sk].append(idx)
        # Postings as packed int arrays: one object per token instead of one per entry.
        self.postings: dict[str, bytes] = {k: array("i", v).tobytes() for k, v in postings.items()}
        self.keys = array("q", keys)
        self.vocab_by_first = _by_first(self.postings)
        self.size = len(self.keys)

    def to_state(self) -> tuple:
        """Plain data for marshal: the whole index, without pickling objects."""
        return (self.keys.tobytes(), self.rows, self.postings)

    @classmethod
    def from_state(cls, state: tuple) -> NameIndex:
        index = cls.__new__(cls)
        keys, index.rows, index.postings = state
        index.keys = array("q", keys)
        index.vocab_by_first = _by_first(index.postings)
        index.size = len(index.keys)
        return index

    def name(self, idx: int) -> PreparedName:
        return _decode(self.rows[idx])

    def posting(self, skeleton_key: str) -> array:
        return array("i", self.postings[skeleton_key])

    def __len__(self) -> int:
        return self.size

    def _similar_skeletons(self, sk: str) -> list[str]:
        if len(sk) < 4:
            return [sk] if sk in self.postings else []
        vocab = self.vocab_by_first.get(sk[:1], [])
        found = process.extract(sk, vocab, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=0.7, limit=self.FUZZY_VOCAB_LIMIT)
        return [v for v, _score, _ in found]

    def candidates(self, query: PreparedName) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        common_limit = max(0.05 * self.size, 2000)
        skipped: list[array] = []
        for sk in set(query.skeletons):
            for similar in self._similar_skeletons(sk):
                posting = self.posting(similar)
                if len(posting) > common_limit and len(query.skeletons) > 1:
                    skipped.append(posting)  # a very common token ("al", "bank") selects nothing alone
                    continue
                idf = math.log(1 + self.size / len(posting))
                for idx in posting:
                    scores[idx] += idf
        if not scores and skipped:
            for idx in min(skipped, key=len):
                scores[idx] += 1.0
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:self.MAX_CANDIDATES]
        if ranked:
            # A candidate sharing only a small part of the query's rare tokens cannot score high.
            floor = scores[ranked[0]] * self.MIN_SHARE
            ranked = [idx for idx in ranked if scores[idx] >= floor]
        return ranked

    def search(self, query: str, schema: str | None = None, limit: int = 20,
               min_score: float | None = None) -> list[Hit]:
        """Best-scoring names for `query`; each hit explains its score."""
        floor = REVIEW_THRESHOLD if min_score is None else min_score
        person = prepare(query, "Person")
        org = prepare(query, "Organization")
        wanted = _schema(schema)
        hits: list[Hit] = []
        for idx in self.candidates(person if person.tokens else org):
            cand = self.name(idx)
            if wanted and (wanted == "Person") != (not cand.is_org):
                continue
            q = org if cand.is_org else person
            comparison = compare_prepared(q, cand)
            if comparison.score >= floor:
                hits.append(Hit(self.keys[idx], comparison.score, comparison,
                                self.rows[idx].rsplit(_SEP, 1)[1]))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]


def token_set_baseline(name1: str, name2: str) -> float:
    """rapidfuzz token_set_ratio on normalised names: the baseline benchmarks compare against."""
    from screener.names import normalise

    return fuzz.token_set_ratio(normalise(name1), normalise(name2)) / 100.0
