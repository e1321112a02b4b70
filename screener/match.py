"""Name matching: a token-aligned score with an explanation, and a candidate index.

Two names are compared token by token: each query token is aligned with at most one
candidate token (exact, same spelling skeleton, close edit distance, or an initial), and
the score is the share of the two names' weight that aligned. Tokens carry weight by
length, so an initial or a particle counts little and a long surname counts much; a
patronymic or middle name missing on one side costs little, a conflicting name part
costs much. Context (type, birth year, country) can only lower a score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from screener.nameforms import org_extra_word, person_forms
from screener.nameparts import (
    EXACT_PAIR,
    GENERIC_ONLY,
    NOT_AS_WRITTEN,
    ORG_DESCRIPTIVE,
    generic_only_other_form,
    lone_family_name,
    org_structure,
    person_structure,
    same_name,
    spelt_apart,
)
from screener.names import (
    ARABIC_ARTICLES,
    NAME_PARTICLES,
    NICKNAME_SHORT_FORMS,
    ORG_GENERIC,
    TRUNCATION_MIN_CHARS,
    PreparedName,
    is_burmese_like,
    is_nickname,
    is_patronymic,
    legal_family,
    normalise,
    prepare,
    skeleton,
)
from screener.phonetic import (
    SOUND_ALIKE_SIM,
    SYLLABLE_MAX_CHARS,
    alike_syllables,
    sound_alike,
)

DEFAULT_THRESHOLD = 0.80
REVIEW_THRESHOLD = 0.65

ALIGN_MIN = 0.72  # token similarity at which two tokens count as the same
PARTIAL_MIN = 0.45  # below ALIGN_MIN but above this, a token earns partial credit
WEAK_PAIR = 0.6  # a pair this dissimilar is a conflicting name part, not a spelling
INITIAL_CREDIT = 0.9
MISSING_MIDDLE_WEIGHT = 0.25  # weight of an unmatched middle name/patronymic when the rest aligned
CONFLICT_FACTOR = 0.75  # both names have a part the other lacks: a different person
CONFLICTING_INITIAL_WEIGHT = 7.0  # the weight of a five-letter given name (see _weight)
FAR_SPELLING_SIM = PARTIAL_MIN  # words spelt apart (nameparts.spelt_apart) earn nothing
NICKNAME_CREDIT = 0.8  # Ted for Theodore: weaker than the name itself, stronger than a guess
SUFFIX_S_CREDIT = 0.9  # Lavrovs for Lavrov
JOIN_MIN = 0.9  # two tokens joined must spell the other name's word this closely
ORG_INITIAL_SIM = 0.5  # "N-Systems" is no abbreviation of "Northern Systems": a letter is not a word
NUMBER_WEIGHT = 6.0  # a number in an organisation's name weighs as a distinctive word
SINGLE_WORD_MIN_CHARS = 4  # a one-word query shorter than this is no distinctive name
ONE_WORD_SPELLING_MIN = 0.8  # a one-word name this far from another in letters is another name
SINGLE_WORD_MAX_NAMES = 40  # a word in more listed names than this is a common name
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
    aligned_text: list[str] = field(default_factory=list)  # one per aligned pair, when known


def _schema(schema: str | None) -> str | None:
    if schema is None:
        return None
    return SCHEMAS.get(schema.lower(), "Organization")


@lru_cache(maxsize=1 << 18)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1], tolerant of transliteration drift (cached: the
    same token pairs recur across candidates and queries)."""
    if a == b or (a in FILIATION and b in FILIATION) or (a in ARABIC_ARTICLES and b in ARABIC_ARTICLES):
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0  # 44 is not 4, nor 45: numbers agree exactly or not at all
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        return INITIAL_CREDIT if long_.startswith(short) and len(short) == 1 else 0.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.95
    if (a in NICKNAME_SHORT_FORMS or b in NICKNAME_SHORT_FORMS) and is_nickname(a, b):
        return NICKNAME_CREDIT
    # Latvian adds a nominative -s to names (Sergejs Lavrovs for Sergey Lavrov).
    if a[:2] == b[:2] and (
            (a[-1] == "s" and len(b) >= 4 and abs(len(a) - 1 - len(b)) <= 1 and skeleton(a[:-1]) == sb)
            or (b[-1] == "s" and len(a) >= 4 and abs(len(b) - 1 - len(a)) <= 1 and skeleton(b[:-1]) == sa)):
        return SUFFIX_S_CREDIT
    sim = max(OSA.normalized_similarity(a, b), OSA.normalized_similarity(sa, sb))
    # A patronymic is not the given name it is made from (Alexandrovich is not Alexander).
    if (is_patronymic(a) != is_patronymic(b)) and (a.startswith(b[:4]) or b.startswith(a[:4])):
        sim = min(sim, 0.4)
    # Short tokens: one edit changes the name (Aye/Aya, Win/Wai), so ask for more.
    if min(len(a), len(b)) <= 3 and sim < 0.99:
        sim *= 0.8
    if sim > FAR_SPELLING_SIM and spelt_apart(a, b):
        sim = FAR_SPELLING_SIM  # another word, not a spelling: no credit, a conflicting part
    if sim < SOUND_ALIKE_SIM and len(a) <= SYLLABLE_MAX_CHARS >= len(b) and sound_alike(a, b):
        return SOUND_ALIKE_SIM  # Xi/Shi, Un/On: one syllable in two romanisations, or two names
    return sim


@lru_cache(maxsize=1 << 16)
def _weight(token: str, is_org: bool) -> float:
    if token.isdigit():
        return NUMBER_WEIGHT
    if len(token) == 1:
        return 1.0
    base = min(len(token), 10) + 2.0
    if is_org and token in ORG_GENERIC:
        return base * 0.3
    if not is_org and token in NAME_PARTICLES:
        return base * 0.3
    return base


_ONE_CHARACTER = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class TokenTable:
    """The token similarities one query can have with a set of candidates, found in one pass
    per query token (rapidfuzz's C loop) instead of one Python call per token pair: a pair
    absent from the table is known to score below PARTIAL_MIN. Exact, not an approximation:
    token_similarity reaches PARTIAL_MIN only through an edit similarity of the tokens or of
    their skeletons at that level, or through an initial, a filiation word, an Arabic article, a nickname
    or a syllable that sounds alike, which are looked for separately."""

    def __init__(self, query_tokens: Iterable[str],
                 candidate_tokens: Iterable[str] | Mapping[str, str]) -> None:
        """candidate_tokens: the words, or each word with its skeleton where the caller has
        them already (an index keeps them with each name)."""
        skeletons = (candidate_tokens if isinstance(candidate_tokens, Mapping)
                     else {w: skeleton(w) for w in candidate_tokens})
        self.universe = set(skeletons)
        words = list(skeletons)
        word_skeletons = list(skeletons.values())
        # Tokens are letters and digits (names.normalise): a one-character word is one of them.
        initials = self.universe & _ONE_CHARACTER
        filiation = self.universe & FILIATION
        articles = self.universe & ARABIC_ARTICLES
        short_forms = self.universe & NICKNAME_SHORT_FORMS
        queries = set(query_tokens)
        self.rows: dict[str, dict[str, float]] = {}
        for a in queries:
            near = {words[k] for _, _, k in process.extract(
                a, words, scorer=OSA.normalized_similarity, score_cutoff=PARTIAL_MIN, limit=None)}
            near.update(words[k] for _, _, k in process.extract(
                skeleton(a), word_skeletons, scorer=OSA.normalized_similarity,
                score_cutoff=PARTIAL_MIN, limit=None))
            if len(a) == 1:
                near.update(w for w in words if w[0] == a)
            near.update(w for w in initials if a[0] == w)
            if a in FILIATION:
                near.update(filiation)
            if a in ARABIC_ARTICLES:
                near.update(articles)
            near.update(short_forms)
            near.update(self.universe.intersection(alike_syllables(a)))
            if a in NICKNAME_SHORT_FORMS:
                near.update(w for w in words if is_nickname(a, w))
            row = {}
            for b in near:
                sim = token_similarity(a, b)
                if sim >= PARTIAL_MIN:
                    row[b] = sim
            self.rows[a] = row


def _align(q: PreparedName, c: PreparedName, table: TokenTable | None = None
           ) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    pairs = []
    for i, a in enumerate(q.tokens):
        row = table.rows.get(a) if table is not None else None
        if row is None:
            for j, b in enumerate(c.tokens):
                sim = token_similarity(a, b)
                if sim >= PARTIAL_MIN:
                    pairs.append((sim, -abs(i - j), i, j))
            continue
        universe = table.universe  # type: ignore[union-attr]
        for j, b in enumerate(c.tokens):
            sim = row.get(b)
            if sim is None:
                if b in universe:
                    continue
                sim = token_similarity(a, b)  # a token read another way (see _reread)
                if sim < PARTIAL_MIN:
                    continue
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


_VOWELS = frozenset("aeiouy")


def _may_reread(x: PreparedName, loose_x: set[int], y: PreparedName, loose_y: set[int],
                anchored: bool) -> bool:
    """Cheap test before _reread: a join needs two loose tokens in x, packed initials a short
    loose token in x and two loose words in y, a cut-short word a long anchored name."""
    if anchored:
        return True
    tokens = x.tokens
    firsts = {y.tokens[j][0] for j in loose_y}
    for i in loose_x:
        t = tokens[i]
        if i + 1 in loose_x and t[0] in firsts:
            return True
        if 2 <= len(t) <= 3 and len(loose_y) >= 2 and t.isalpha() and _VOWELS.isdisjoint(t):
            return True
    return False


def _reread(x: PreparedName, loose_x: set[int], y: PreparedName, loose_y: set[int],
            anchored: bool) -> PreparedName | None:
    """Tokens of x that found no partner in y, read another way when y shows how: two halves
    of one word ("Patr ushev"), initials packed into one token ("JC" for Jean Claude), or the
    last word of a long name cut short at a field limit ("... BELKASSEM DR" for DRISSI; only
    when the rest of the names already agree on two words or more: `anchored`)."""
    tokens = x.tokens
    joins: set[int] = set()  # i: tokens i and i + 1 are one word
    packed: set[int] = set()
    longest = max(map(len, (y.tokens[j] for j in loose_y)))
    for i in (sorted(loose_x) if len(loose_x) > 1 else loose_x):
        if i - 1 in joins:
            continue
        t = tokens[i]
        if (i + 1 in loose_x and len(t) + len(tokens[i + 1]) <= longest + 2
                and _spells_one(t + tokens[i + 1], y, loose_y)):
            joins.add(i)
        elif 2 <= len(t) <= 3 and t.isalpha() and _VOWELS.isdisjoint(t) and _initials_of(t, y, loose_y):
            packed.add(i)
    last, y_last = len(tokens) - 1, len(y.tokens) - 1
    cut = (anchored and last in loose_x and y_last in loose_y and last not in packed
           and last - 1 not in joins and len(x.normalised) >= TRUNCATION_MIN_CHARS
           and len(tokens[last]) >= 2 and y.tokens[y_last].startswith(tokens[last])
           and y.tokens[y_last] != tokens[last] and x.normalised.endswith(tokens[last]))
    if not joins and not packed and not cut:
        return None
    out: list[str] = []
    out_notes: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if i in joins:
            out.append(t + tokens[i + 1])
            out_notes.append(f"{t} {tokens[i + 1]} (joined)")
            i += 2
            continue
        if i in packed:
            out.extend(t)
            out_notes.extend([f"{t} (initials)"] * len(t))
        elif i == last and cut:
            out.append(y.tokens[y_last])
            out_notes.append(f"{t} (cut short)")
        else:
            out.append(t)
            out_notes.append(x.note(i))
        i += 1
    return replace(x, tokens=tuple(out), skeletons=tuple(skeleton(t) for t in out), family=(), joined=(),
                   notes=tuple(out_notes) if any(out_notes) else ())


def _spells_one(joined: str, y: PreparedName, loose_y: set[int]) -> bool:
    """Two tokens written together spell one of y's unpartnered words."""
    if len(joined) < 5 or joined.isdigit() or not joined.isalpha():
        return False
    for j in loose_y:
        o = y.tokens[j]
        if o[0] == joined[0] and abs(len(o) - len(joined)) <= 2 and token_similarity(joined, o) >= JOIN_MIN:
            return True
    return False


def _initials_of(packed: str, y: PreparedName, loose_y: set[int]) -> bool:
    """The letters of `packed` begin consecutive unpartnered tokens of y, in order."""
    n = len(packed)
    for start in range(len(y.tokens) - n + 1):
        span = range(start, start + n)
        if all(j in loose_y and len(y.tokens[j]) > 1 and y.tokens[j][0] == packed[k]
               for k, j in enumerate(span)):
            return True
    return False


ACRONYM_SCORE = DEFAULT_THRESHOLD - 0.01  # an acronym names its organisation, or another one
LONE_FAMILY_SCORE = REVIEW_THRESHOLD + 0.05  # "President Erdogan": whose family name it is, review


def acronym_of(p: PreparedName) -> str:
    """The acronym an organisation's name of three words or more spells with the initials of
    its words, particles and "and" left out ("Jama'at Nusrat al-Islam wal-Muslimin": jnim)."""
    if not p.is_org:
        return ""
    words = [t for t in p.tokens if t not in NAME_PARTICLES and t not in _ACRONYM_SKIP and t.isalpha()]
    return "".join(t[0] for t in words) if 3 <= len(words) <= 8 else ""


_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "wal", "wa", "in", "on"})


def compare_prepared(q: PreparedName, c: PreparedName, floor: float = 0.0,
                     table: TokenTable | None = None) -> Comparison:
    """Score two prepared names (the query first). A pair that cannot reach `floor` gets its
    score without an explanation: searches discard it, and most candidates are such pairs."""
    removed = [f"title '{t}'" for t in q.removed_titles + c.removed_titles]
    removed += [f"legal form '{f}'" for f in dict.fromkeys(q.legal_forms + c.legal_forms)]
    if not q.tokens or not c.tokens:
        return Comparison(0.0, removed=removed, text="nothing left to compare")
    if q.tokens == c.tokens:
        result = Comparison(1.0, aligned=[(t, t, 1.0) for t in q.tokens], removed=removed,
                            aligned_text=[_describe(q, c, i, i, 1.0) for i in range(len(q.tokens))]
                            if q.notes or c.notes else [])
    else:
        result = _score_tokens(q, c, removed, floor=floor, table=table)
        if result.score < ACRONYM_SCORE and floor <= ACRONYM_SCORE:
            result = _acronym(q, c, result)
        if result.score < floor:
            return result  # what follows only lowers a score or words it
    if q.is_org or c.is_org or (q.script and c.script):
        result = _contradictions(q, c, result)
    return _finish(result)


def _acronym(q: PreparedName, c: PreparedName, result: Comparison) -> Comparison:
    """One name a single word that the other's initials spell ("JNIM"): review, said so."""
    for short, long_ in ((q, c), (c, q)):
        if (len(short.tokens) == 1 and 3 <= len(short.tokens[0]) <= 8 and long_.is_org
                and acronym_of(long_) == short.tokens[0]):
            return Comparison(ACRONYM_SCORE, unmatched_query=list(q.tokens), unmatched_candidate=list(c.tokens),
                              removed=result.removed, penalties=[*result.penalties, (
                                  f"{short.tokens[0]} is the acronym of {' '.join(long_.tokens)} (review)", 0.0)])
    return result


def _score_tokens(q: PreparedName, c: PreparedName, removed: list[str],
                  reread: bool = True, floor: float = 0.0,
                  table: TokenTable | None = None) -> Comparison:
    is_org = q.is_org or c.is_org
    aligned, free_q, free_c = _align(q, c, table)
    credit = 0.0
    total = 0.0
    full_pairs = 0  # aligned pairs of whole words (not initials)
    support = 0  # aligned pairs, initials included
    weak_pairs: list[tuple[str, str]] = []
    loose: list[tuple[int, int]] = []  # aligned below ALIGN_MIN
    out_aligned = []
    out_text: list[str] = []
    # Pairs are described here only when a plain "a=b" would not say what happened.
    noted = bool(q.notes or c.notes)
    if is_org and any((len(q.tokens[i]) == 1) != (len(c.tokens[j]) == 1) for i, j, _ in aligned) and not any(
            sim == 1.0 and q.tokens[i] not in ORG_DESCRIPTIVE for i, _, sim in aligned):
        # An initial in an organisation's name stands for no particular word ("N-Systems" is no
        # abbreviation of "Northern Systems"), unless a distinctive word agrees ("ISIL-K").
        aligned = [(i, j, min(sim, ORG_INITIAL_SIM) if (len(q.tokens[i]) == 1) != (len(c.tokens[j]) == 1)
                    else sim) for i, j, sim in aligned]
    if is_org:  # syllables alike in sound are persons' names, not companies' words (BWI/BAE)
        aligned = [(i, j, PARTIAL_MIN if sim == SOUND_ALIKE_SIM and sound_alike(q.tokens[i], c.tokens[j])
                    else sim) for i, j, sim in aligned]
    for i, j, sim in aligned:
        if noted and ("(cut short)" in q.note(i) or "(cut short)" in c.note(j)):
            sim = min(sim, INITIAL_CREDIT)  # the cut word's start is all there is to go on
        wq, wc = _weight(q.tokens[i], is_org), _weight(c.tokens[j], is_org)
        earned = sim if sim >= ALIGN_MIN else sim * (sim - PARTIAL_MIN) / (ALIGN_MIN - PARTIAL_MIN)
        if sim >= ALIGN_MIN:
            support += 1
            if len(q.tokens[i]) > 1 and len(c.tokens[j]) > 1:
                full_pairs += 1
        else:
            loose.append((i, j))
            if sim < WEAK_PAIR:
                weak_pairs.append((q.tokens[i], c.tokens[j]))
        credit += earned * (wq + wc)
        total += wq + wc
        out_aligned.append((q.tokens[i], c.tokens[j], round(sim, 3)))
        if sim == NICKNAME_CREDIT:
            noted = True
    # Tokens left over around an agreement may read another way (see _reread).
    if reread and full_pairs and (free_q or loose) and (free_c or loose):
        loose_q = set(free_q).union(i for i, _ in loose)
        loose_c = set(free_c).union(j for _, j in loose)
        anchored = full_pairs >= 2 and max(len(q.normalised), len(c.normalised)) >= TRUNCATION_MIN_CHARS
        q2 = _reread(q, loose_q, c, loose_c, anchored) if _may_reread(q, loose_q, c, loose_c, anchored) else None
        c2 = _reread(c, loose_c, q, loose_q, anchored) if _may_reread(c, loose_c, q, loose_q, anchored) else None
        if q2 or c2:
            return _score_tokens(q2 or q, c2 or c, removed, reread=False, floor=floor, table=table)
    if noted:
        out_text = [_describe(q, c, i, j, sim) for i, j, sim in aligned]
    unq = [q.tokens[i] for i in free_q]
    unc = [c.tokens[j] for j in free_c]
    all_aligned_q = not unq and all(s >= ALIGN_MIN for _, _, s in aligned)
    all_aligned_c = not unc and all(s >= ALIGN_MIN for _, _, s in aligned)
    # A name part missing on one side (a patronymic, a middle name) is cheap when everything
    # else aligned on at least two tokens; otherwise it counts in full.
    # ... and only when every aligned word is that word, spelt another way: a near neighbour
    # (Karimi/Karim) plus a missing part is two differences, not one.
    discount = (not is_org and full_pairs >= 2 and (all_aligned_q or all_aligned_c)
                and all(same_name(q.tokens[i], c.tokens[j], s)
                        or (s == NICKNAME_CREDIT and is_nickname(q.tokens[i], c.tokens[j]))
                        for i, j, s in aligned))
    penalties: list[tuple[str, float]] = []
    if discount and (is_burmese_like(q.tokens) or is_burmese_like(c.tokens)):
        discount = False
        penalties.append(("Burmese name: no syllable may go missing", 0.0))
    # A missing patronymic is cheap beside a near spelling too (Serej Lavrov / Sergey
    # Viktorovich Lavrov): the spelling is judged on its own (nameparts.person_structure).
    cheap_patronymic = not is_org and full_pairs >= 2 and (all_aligned_q or all_aligned_c)
    # An initial left over on each side of a person's name is a middle name on each, and they
    # differ (William G. Frost / William W. Frost): as much a conflict as the names written out.
    initials_differ = not is_org and any(len(t) == 1 for t in unq) and any(len(t) == 1 for t in unc)
    for token in unq + unc:
        w = _weight(token, is_org)
        if discount or (cheap_patronymic and is_patronymic(token)):
            w *= MISSING_MIDDLE_WEIGHT
        elif initials_differ and len(token) == 1:
            w = CONFLICTING_INITIAL_WEIGHT
        total += w
    score = credit / total if total else 0.0
    family = None if is_org or score >= LONE_FAMILY_SCORE else lone_family_name(q, c, aligned)
    if family:
        score = LONE_FAMILY_SCORE
        penalties.append((f"{family} (review)", 0.0))
    # Every rule below lowers this score, except reading the names without spaces and a lone
    # family name (above).
    q_words, c_words = q.normalised.split(), c.normalised.split()
    respaced = ((len(q.tokens) != len(c.tokens) or len(q_words) != len(c_words)) and q.compact
                and c.compact and not (is_org and _missing_numbers(q, c) and _missing_numbers(c, q)))
    compact = _respaced_similarity(q, c, q_words, c_words) if respaced else 0.0
    if score < floor and (compact < 0.9 or compact * 0.97 < floor):
        return Comparison(score, text="below the floor")
    # In an organisation's name every word distinguishes it ("Defense Services Academy" is not
    # "National Defense Academy"); in a person's, particles do not.
    ignorable = NAME_PARTICLES if is_org else NAME_PARTICLES | ORG_GENERIC
    # (Numbers are judged apart: see _contradictions.) In a person's name an initial left over
    # on both sides is a middle name that differs ("William G. Frost" / "William W. Frost").
    shortest = 1 if is_org else 0
    conflicting = [t for t in unq if len(t) > shortest and t not in ignorable and not t.isdigit()]
    conflicting_c = [t for t in unc if len(t) > shortest and t not in ignorable and not t.isdigit()]
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
    # The rules below only ever lower a score to review or under it: a pair already under
    # review needs none of them (nor the word lists some of them load).
    if score < REVIEW_THRESHOLD:
        structure = []
    elif is_org:
        structure = org_structure(q.tokens, c.tokens, aligned, free_q, free_c, ALIGN_MIN)
        structure += org_extra_word(q.tokens, c.tokens, aligned, free_q, free_c)  # lowers only
    else:
        structure = person_structure(q.tokens, c.tokens, aligned, free_q, free_c, ALIGN_MIN,
                                     q.family, c.family)
        structure += person_forms(q, c, aligned, ALIGN_MIN)  # only ever lowers to review
    if len(q.tokens) == len(c.tokens) == 1 and min(len(q.tokens[0]), len(c.tokens[0])) <= 3:
        structure.append("a short one-word name spelt otherwise")  # Li/Ly/Lj, Ali/Aly
    elif (len(q.tokens) == len(c.tokens) == 1 and aligned and aligned[0][2] < EXACT_PAIR
          and (min(len(q.tokens[0]), len(c.tokens[0])) <= SINGLE_WORD_MIN_CHARS
               or OSA.normalized_similarity(q.tokens[0], c.tokens[0]) < ONE_WORD_SPELLING_MIN)):
        # One word and nothing else to confirm it: a letter more in a short word (Kade/Kadek),
        # or two letters apart that only sound alike (Hamann/Hamas, Beyer/Bajer), is another
        # name, where a typing slip in a longer word (Gasprom) is still the name.
        structure.append("a one-word name spelt otherwise")
    if (len(c.tokens) == 1 < len(q.tokens) and score >= REVIEW_THRESHOLD and aligned
            and (not is_org or aligned[0][2] < EXACT_PAIR)
            and any(t not in NAME_PARTICLES and t not in ORG_GENERIC and len(t) > 1 for t in unq)):
        # A one-word list name for one word of a longer query ("MARTIN" for "Martin Petty",
        # "NAVIS" for "Russian Navy"): a weak alias's word is anyone's.
        before = score
        score = REVIEW_THRESHOLD - 0.01
        penalties.append((f"one word of the query only: {c.tokens[0]}", round(before - score, 3)))
    if structure and score >= DEFAULT_THRESHOLD:
        before = score
        score = DEFAULT_THRESHOLD - 0.01
        penalties.append(("; ".join(structure) + " (review)", round(before - score, 3)))
    if is_org and structure and structure[0].startswith("different countries"):
        before = score
        score *= CONFLICT_FACTOR
        penalties.append((structure[0], round(before - score, 3)))
    if is_org and any(r.startswith(GENERIC_ONLY) for r in structure) and score >= REVIEW_THRESHOLD:
        before = score  # generic words and countries alone carry no organisation, not even to review
        score = REVIEW_THRESHOLD - 0.01
        penalties.append((GENERIC_ONLY.strip(), round(before - score, 3)))
    if not is_org:
        father = _fathers_name_conflict(q.tokens, c.tokens, aligned)
        if father:
            before = score
            score *= CONFLICT_FACTOR
            penalties.append((father, round(before - score, 3)))
    # Spacing differs ("VladimirPutin", "Siemens AG" / "SiemensAG"): compare the letters alone
    # (not where numbers differ: a number is not a spelling).
    # Respacing never lifts everyday words rearranged or inflected ("atlasholdings").
    if respaced and not (is_org and any(r.startswith(NOT_AS_WRITTEN) for r in structure)):
        if compact >= 0.9 and compact * 0.97 > score:
            score = compact * 0.97
            penalties.append(("scored on the names written without spaces", 0.0))
    if score < floor:
        return Comparison(score, text="below the floor")
    return Comparison(max(0.0, min(1.0, score)), out_aligned, unq, unc, removed, penalties,
                      aligned_text=out_text)


def _respaced_similarity(q: PreparedName, c: PreparedName, q_words: list[str],
                         c_words: list[str]) -> float:
    """How alike the names are written without spaces ("VladimirPutin", "SiemensAG")."""
    return max(OSA.normalized_similarity(q.compact, c.compact),
               OSA.normalized_similarity("".join(q_words), "".join(c_words))
               if len(q_words) != len(c_words) else 0.0,
               OSA.normalized_similarity(_written(q), _written(c))
               if q.notes or c.notes else 0.0)


def _surface(p: PreparedName, i: int) -> str:
    note = p.note(i)
    return note.rsplit(" (", 1)[0] if note else p.tokens[i]


def _written(p: PreparedName) -> str:
    """The tokens as written, without spaces ("skyone" for "sky 1" read from "Sky One")."""
    return "".join(_surface(p, i).replace(" ", "") for i in range(len(p.tokens))) if p.notes else p.compact


def _describe(q: PreparedName, c: PreparedName, i: int, j: int, sim: float) -> str:
    """One aligned pair as the explanation shows it: "3=three (number)", "ted~theodore (nickname)"."""
    a, b = q.tokens[i], c.tokens[j]
    notes = [n.rsplit(" (", 1)[1].rstrip(")") for n in (q.note(i), c.note(j)) if n]
    sa, sb = _surface(q, i), _surface(c, j)
    if "initials" in notes:
        return f"{sa}~{sb} (initials)"
    if "cut short" in notes:
        return f"{sa}~{sb} (cut short)"
    if notes:
        kind = ", ".join(dict.fromkeys(notes))
        return f"{sa}={sb} ({kind})" if a == b else f"{sa}≈{sb} ({kind}, {sim:.2f})"
    if a == b:
        return f"{a}={b}"
    if len(a) == 1 or len(b) == 1:
        return f"{a}~{b} (initial)"
    if sim == NICKNAME_CREDIT and is_nickname(a, b):
        return f"{a}~{b} (nickname)"
    return f"{a}≈{b} ({sim:.2f})"


def _numbers(p: PreparedName) -> dict[str, str]:
    """An organisation's numbers, each with how it was written."""
    if "".join(p.tokens).isalpha():
        return {}
    return {t: _surface(p, i) for i, t in enumerate(p.tokens) if t.isdigit()}


def _missing_numbers(p: PreparedName, other: PreparedName) -> dict[str, str]:
    """p's numbers that the other name lacks, as a token and glued into a word alike
    ("JU JAK BONG 5" / "JUJAKBONG5", "APT 38" / "APT38", "Sky One" / "SKYONE")."""
    numbers = _numbers(p)
    if not numbers:
        return {}
    theirs = _numbers(other)
    text = other.normalised.replace(" ", "")
    return {n: written for n, written in numbers.items() if n not in theirs
            and not re.search(rf"(?<!\d){n}(?!\d)", text)
            and not (written.replace(" ", "").isalpha() and written.replace(" ", "") in text)}


def _contradictions(q: PreparedName, c: PreparedName, result: Comparison) -> Comparison:
    """What the token score cannot see: numbers that differ in organisations' names, legal
    forms of different families, characters that differ in names written in Han, kana or
    Hangul. Each lowers the score (to review at most, where publishers are known to write one
    entity both ways); none raises it."""
    if not (q.is_org or c.is_org or (q.script and c.script)):
        return result
    score = result.score
    penalties = list(result.penalties)
    if q.is_org or c.is_org:
        qn, cn = _missing_numbers(q, c), _missing_numbers(c, q)
        if qn and cn:
            before = score
            score = min(score, DEFAULT_THRESHOLD - 0.05)
            penalties.append((f"number conflict: {' '.join(qn.values())}≠{' '.join(cn.values())}",
                              round(before - score, 3)))
        elif (qn or cn) and not (qn and cn) and score >= DEFAULT_THRESHOLD:
            one = qn or cn
            before = score
            score = DEFAULT_THRESHOLD - 0.01
            penalties.append((f"number on one side only: {' '.join(one.values())} (review)",
                              round(before - score, 3)))
        qf = {f for f in map(legal_family, q.legal_forms) if f}
        cf = {f for f in map(legal_family, c.legal_forms) if f}
        if qf and cf and not qf & cf:
            before = score
            score = min(score, DEFAULT_THRESHOLD - 0.01)
            penalties.append((f"legal forms differ: {'/'.join(sorted(qf))} vs {'/'.join(sorted(cf))}"
                              " (review)", round(before - score, 3)))
        elif score >= DEFAULT_THRESHOLD and (kind := _institution_of_a_group(q, c, result)):
            before = score
            score = DEFAULT_THRESHOLD - 0.01
            penalties.append((f"a {kind} is not the corporation or group of the same name (review)",
                              round(before - score, 3)))
        elif score >= DEFAULT_THRESHOLD and generic_only_other_form(q, c):
            before = score
            score = DEFAULT_THRESHOLD - 0.01
            penalties.append(("a name of generic words only, another legal form (review)",
                              round(before - score, 3)))
    elif q.script and c.script and q.script != c.script:
        score, note = _script_score(q.script, c.script, score)
        if note:
            penalties.append((note, round(result.score - score, 3)))
    if len(penalties) == len(result.penalties):
        return result
    return replace(result, score=max(0.0, score), penalties=penalties)


# Words saying an organisation is an institution of its own kind, and the forms and words of
# the conglomerates that own such institutions under their own name ("Myanma Economic Bank" is
# not "Myanmar Economic Corporation"; "Kamaz Bank" is not "Kamaz PAO" the group).
_INSTITUTION_KINDS = {"bank": "bank", "banka": "bank", "banco": "bank", "banque": "bank",
                      "bankasi": "bank", "insurance": "insurer", "airline": "airline",
                      "airlines": "airline", "university": "university", "hospital": "hospital"}
_GROUP_WORDS = frozenset({"group", "holding", "holdings", "concern", "conglomerate"})
_GROUP_FORMS = frozenset({"corp"})


def _institution_of_a_group(q: PreparedName, c: PreparedName, result: Comparison) -> str | None:
    """The kind of institution one name is, left unmatched, where the other names a
    corporation or group: two bodies of one name, at most review."""
    for left, other in ((result.unmatched_query, c), (result.unmatched_candidate, q)):
        kinds = [_INSTITUTION_KINDS[t] for t in left if t in _INSTITUTION_KINDS]
        if kinds and not set(other.tokens) & _INSTITUTION_KINDS.keys() and (
                _GROUP_FORMS & set(other.legal_forms) or _GROUP_WORDS & set(other.tokens)):
            return kinds[0]
    return None

def _script_score(a: str, b: str, score: float) -> tuple[float, str]:
    """Names both written in Han, kana or Hangul, compared character by character: a differing
    syllable is a different name (김정은/김종은); two Han characters with one reading may be
    a simplified and a traditional form of one character, or two names, so they go to review."""
    differing: list[str] = []
    same_reading: list[str] = []
    for op in Levenshtein.editops(a, b):
        ca = a[op.src_pos] if op.tag != "insert" else ""
        cb = b[op.dest_pos] if op.tag != "delete" else ""
        if ca and cb and normalise(ca) == normalise(cb) and _HAN.match(ca) and _HAN.match(cb):
            same_reading.append(f"{ca}/{cb}")
        else:
            differing.append(f"{ca or '-'}/{cb or '-'}")
    if differing:
        limit = 1.0 - len(differing) / max(len(a), len(b))
        limit = min(limit, DEFAULT_THRESHOLD - 0.01)
        if score > limit:
            return limit, f"different characters: {' '.join(differing)}"
        return score, ""
    if same_reading and score >= DEFAULT_THRESHOLD:
        return DEFAULT_THRESHOLD - 0.01, (f"same reading, different characters: {' '.join(same_reading)}"
                                          " (a variant form or another name: review)")
    return score, ""


_HAN = re.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\U00020000-\\U0003134f]")


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
    parts = list(c.aligned_text) if len(c.aligned_text) == len(c.aligned) else []
    for a, b, s in c.aligned if not parts else ():
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
    q, c = prepare(name1, s), prepare(name2, s)
    result = compare_prepared(q, c)
    for q2, c2 in ((korean_reading_of(q), c), (q, korean_reading_of(c))):
        if q2 is not None and c2 is not None:
            result = better_reading(result, compare_prepared(q2, c2), q2 if q2 is not q else c2)
    return result


def korean_reading_of(p: PreparedName) -> PreparedName | None:
    """A person's name written in Han alone, read as a Korean name (金正恩 -> 김정은, Kim
    Jong Un) when its first character reads as a common Korean family name; or an East Asian
    name written in Cyrillic read as the lists spell it: Korean (Ким Чен Ын -> Kim Jong Un,
    screener.kontsevich) or Chinese (Си Цзиньпин -> Xi Jinping, screener.palladius); else
    None. Han is read as Mandarin otherwise, Cyrillic letter by letter: both readings are
    scored and the better kept."""
    if p.is_org:
        return None
    if not p.script:
        if not isinstance(p.original, str) or p.original.isascii():
            return None
        from screener.kontsevich import korean_reading
        from screener.palladius import chinese_reading

        latin = korean_reading(p.original) or chinese_reading(p.original)
        return prepare(latin, "Person") if latin else None
    from screener import hanja  # the reading table loads on the first Han name only

    if not hanja.is_han_only(p.script):
        return None
    hangul = hanja.korean_reading(p.script)
    return prepare(hangul, "Person") if hangul else None


def better_reading(mandarin: Comparison, korean: Comparison, reading: PreparedName) -> Comparison:
    """The Korean reading's comparison when it scores higher, saying it was read so."""
    if korean.score <= mandarin.score:
        return mandarin
    how = ("Han read in Korean as" if not str(reading.original).isascii()
           else "read as an East Asian name in Cyrillic:")
    return _finish(replace(korean, penalties=[*korean.penalties, (f"{how} {reading.original}", 0.0)]))


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


def distinct_people(names: Sequence[str]) -> list[str]:
    """One name per person among `names`: names that match each other are one person's."""
    people: list[str] = []
    for name in names:
        if not any(compare(name, other) >= DEFAULT_THRESHOLD for other in people):
            people.append(name)
    return people


def token_set_baseline(name1: str, name2: str) -> float:
    """rapidfuzz token_set_ratio on normalised names: the baseline benchmarks compare against."""
    return fuzz.token_set_ratio(normalise(name1), normalise(name2)) / 100.0


# The candidate index lives in screener/nameindex.py (which imports this module); its names
# stay reachable here for every caller (`screener.match.NameIndex`).
_INDEX_NAMES = frozenset({"Hit", "NameIndex", "NameRows"})


def __getattr__(name: str):
    if name in _INDEX_NAMES:
        from screener import nameindex

        return getattr(nameindex, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
