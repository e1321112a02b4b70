"""Forms of a person's name that name someone else, though a token score finds them close:
a family name in its other gender form (Petrov/Petrova), initials read in the wrong order
(S.K. for Kseniya Sergeyevna), a short given name a consonant apart (Mary/Mali), half of a
hyphenated given name (Kim Wang / Kim Kwang-il).

Each rule only gives a reason to keep a pair at review; none raises a score, so an upper
bound on the score (screener.scorebound) stays an upper bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from screener.nameparts import (
    _FUNCTION_WORDS,
    SHORT_NAME_CHARS,
    STRONG_PAIR,
    Pair,
    _initials_in,
    country_of,
    is_initial,
    syllables_differ,
)
from screener.names import LEGAL_FORMS, NAME_PARTICLES, ORG_GENERIC, PreparedName, skeleton

# Slavic family names and patronymics in their masculine and feminine forms, each ending in
# the spellings transliteration gives it (-ov/-ow/-off are one form: Petrov, Petrow, Petroff).
_MASCULINE = ("ovich", "evich", "ich", "skiy", "skii", "skij", "skyi", "sky", "ski",
              "tskiy", "tsky", "ov", "ow", "off", "ev", "ew", "eff", "yov", "in", "yn")
_FEMININE = ("ovna", "evna", "ichna", "inichna", "skaya", "skaia", "skaja", "ska",
             "tskaya", "ova", "owa", "eva", "ewa", "yova", "ina", "yna")
# Every word of a legal form ("pte" of "pte ltd"): left over when the form is written apart.
_LEGAL_WORDS = frozenset(w for form in LEGAL_FORMS for w in form.split())
EXACT_ORG_PAIR = 0.9  # every word of the shorter name this close: only the extra word differs
_STEM_MIN = 3  # a stem this short (An/Ana, Min/Mina) is no Slavic family name


def _stems(token: str, endings: Sequence[str]) -> set[str]:
    return {skeleton(token[: -len(e)]) for e in endings
            if token.endswith(e) and len(token) - len(e) >= _STEM_MIN}


@lru_cache(maxsize=65536)
def other_gender(a: str, b: str) -> bool:
    """One word is the other's masculine or feminine form (Petrov/Petrova, Ivanin/Ivanina,
    Kowalski/Kowalska, Sergeyevich/Sergeyevna): the same family, another person."""
    if a == b or a[:2] != b[:2]:
        return False
    for m, f in ((a, b), (b, a)):
        if _stems(m, _MASCULINE) & _stems(f, _FEMININE):
            return True
    return False


def _initials_crossed(q: Sequence[str], c: Sequence[str], pairs: Sequence[Pair]) -> str | None:
    """Two initials of one name aligned with the other's words in reverse order (S.K. on
    Kseniya Sergeyevna): initials follow the name's order, given name first."""
    for n, (i1, j1, _) in enumerate(pairs):
        for i2, j2, _ in pairs[n + 1:]:
            if (i1 - i2) * (j1 - j2) >= 0:
                continue
            for side, k1, k2 in ((q, i1, i2), (c, j1, j2)):
                if is_initial(side[k1]) and is_initial(side[k2]) and side[k1] != side[k2]:
                    a, b = (q[i1], c[j1]), (q[i2], c[j2])
                    return f"initials in another order ({a[0]}~{a[1]}, {b[0]}~{b[1]})"
    return None


def _first_initial_skipped(x: PreparedName, y: PreparedName, pairs: Sequence[Pair], key: int) -> str | None:
    """A name's first initial matching nothing while a later one stands for the other name's
    given name (S.K. on Ksenia: K is her given name, so S is not): initials go in order."""
    if len(x.tokens) < 2 or not is_initial(x.tokens[0]) or any(p[key] == 0 for p in pairs):
        return None
    for p in pairs:
        k, other = p[key], p[1 - key]
        if (k > 0 and is_initial(x.tokens[k]) and other == 0 and 0 not in y.family
                and not is_initial(y.tokens[0])):
            return (f"the first initial {x.tokens[0]} matches nothing while {x.tokens[k]} "
                    f"stands for the given name {y.tokens[0]}")
    return None


def _hyphen_half(x: PreparedName, mine: dict[int, float]) -> str | None:
    """Half of a hyphenated syllable name aligned by a near spelling, the other half missing
    (Wang for Kwang-il): another given name, not this one with a part left out. A particle
    and its name ("Al-Falih") or long words ("Rimsky-Korsakov") are no syllable name."""
    tokens, k = x.tokens, 0
    joined = set(x.joined)
    while k < len(tokens):
        end = k
        while end in joined and end + 1 < len(tokens):
            end += 1
        group = range(k, end + 1)
        k = end + 1
        if len(group) < 2 or tokens[group[0]] in NAME_PARTICLES or any(
                len(tokens[g]) > SHORT_NAME_CHARS for g in group):
            continue
        agreed = [g for g in group if g in mine]
        if agreed and len(agreed) < len(group) and all(mine[g] < STRONG_PAIR for g in agreed):
            return f"part of the hyphenated name {'-'.join(tokens[g] for g in group)} only, spelt otherwise"
    return None


def person_forms(q: PreparedName, c: PreparedName, pairs: Sequence[Pair], align_min: float) -> list[str]:
    """Reasons two persons' names that align still name different people (see the module)."""
    reasons: list[str] = []
    strong = [(i, j, s) for i, j, s in pairs if s >= align_min]
    for i, j, _ in strong:
        if other_gender(q.tokens[i], c.tokens[j]):
            reasons.append(f"the other gender form of a name ({q.tokens[i]}/{c.tokens[j]})")
    crossed = _initials_crossed(q.tokens, c.tokens, strong)
    if crossed:
        reasons.append(crossed)
    # The first word of both names is a given name (a family name marked in capitals aside): a
    # short one a consonant apart is another given name (Mary/Mali), not a spelling.
    for i, j, s in strong:
        if (i == 0 and j == 0 and s < STRONG_PAIR and len(q.tokens) >= 2 and len(c.tokens) >= 2
                and 0 not in q.family and 0 not in c.family
                and max(len(q.tokens[0]), len(c.tokens[0])) <= SHORT_NAME_CHARS
                and syllables_differ(q.tokens[0], c.tokens[0])):
            reasons.append(f"a short given name a consonant apart ({q.tokens[0]}/{c.tokens[0]})")
    for x, y, key in ((q, c, 0), (c, q, 1)):
        skipped = _first_initial_skipped(x, y, strong, key)
        if skipped:
            reasons.append(skipped)
        half = _hyphen_half(x, {p[key]: p[2] for p in strong}) if x.joined else None
        if half:
            reasons.append(half)
    return reasons

_FILLER = _LEGAL_WORDS | ORG_GENERIC


@lru_cache(maxsize=8192)
def _filler(word: str) -> bool:
    """A legal-form or generic word, or one a letter away from one ("JOYNT STOCK"): filler."""
    return word in _FILLER or (len(word) >= 4 and any(
        len(f) >= 4 and OSA.distance(word, f) <= 1 for f in _FILLER))


def org_extra_word(q: Sequence[str], c: Sequence[str], pairs: Sequence[Pair], free_q: Sequence[int],
                   free_c: Sequence[int]) -> list[str]:
    """Every word of one organisation's name found in the other, which has a distinctive word
    more ("Puma Energy Irrawaddy" / "Puma Energy Irrawaddy Aviation"): a subsidiary or a
    sister company, another target, where a legal form, generic filler, a country or the
    name's own acronym left over adds nothing."""
    if not pairs or (free_q and free_c):
        return []
    longer, shorter, free = (q, c, free_q) if free_q else (c, q, free_c)
    if len(shorter) < 2 or not all(s >= EXACT_ORG_PAIR for _, _, s in pairs) or len(pairs) < len(shorter):
        return []
    extra = [longer[k] for k in free
             if len(longer[k]) > 2 and not longer[k].isdigit() and not _filler(longer[k])
             and longer[k] not in NAME_PARTICLES
             and longer[k] not in _FUNCTION_WORDS and not country_of(longer[k])
             and not _initials_in(longer[k], longer)]
    return [f"a word more in one name: {' '.join(extra)}"] if extra else []
