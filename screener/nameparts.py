"""What each part of a name is, and the rules that tell two names apart though most of their
parts agree.

A token score sees words, not roles. These rules read the roles positions and word lists
give (a person's first word is a given name, the last one a family name unless a particle,
a patronymic or a filiation chain follows; a Burmese syllable is a whole name; a word in an
organisation's name may be generic or a country) and name what keeps a pair at review: a
different given or family name is never a missing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from screener.names import (
    BURMESE_SYLLABLES,
    LEGAL_FORMS,
    NAME_PARTICLES,
    ORG_GENERIC,
    PreparedName,
    is_patronymic,
    skeleton,
)
from screener.phonetic import sound_alike

Pair = tuple[int, int, float]  # query index, candidate index, similarity

FILIATION = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})
GENERATIONS = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv"})
SHORT_NAME_CHARS = 5  # syllable names (Chinese, Korean, Vietnamese): one letter is another name
STRONG_PAIR = 0.9  # a pair this close is a spelling of one name, not a near neighbour
EXACT_PAIR = 0.9  # the same word, its spelling skeleton (Sergei/Sergey) or a Latvian -s (Putins)
MAX_MISSING = 2  # more middle names than this missing is another person's longer name
SYLLABLE_CHARS = 4  # names made of words this short (Jo Yong Chol) lose no word cheaply

# Words that say what an organisation does or where, not which one it is: a partial match on
# them alone is review at most ("Global Logistics" / "Global Central Logistics").
ORG_DESCRIPTIVE = ORG_GENERIC | frozenset("""
global central general united universal first new modern
logistics logistic consulting consultants systems system technology technologies tech solutions
trade trading shipping shipbuilding marine maritime transport transportation energy power
petroleum oil gas chemical chemicals industrial industries engineering construction
investment investments invest capital finance financial partners management development
resources network networks media electronics electric machinery equipment security
defence defense research production center centre plant factory union association
foundation import export commercial service supply supplies products manufacturing
development fund insurance exchange airlines air aviation group consultancy telecom
communications software project projects star asia europe middle east west north south
""".split())

GENERIC_ONLY = "only generic words agree: "
NOT_AS_WRITTEN = "only everyday and trade words agree, not as written: "

# Capitals and a few cities that lists use as qualifiers of a state body ("Embassy (KIEV)").
_CITY_COUNTRY = {"kiev": "UA", "kyiv": "UA", "moscow": "RU", "tehran": "IR", "damascus": "SY",
                 "minsk": "BY", "pyongyang": "KP", "beijing": "CN", "rangoon": "MM",
                 "yangon": "MM", "naypyidaw": "MM", "caracas": "VE", "havana": "CU",
                 "baghdad": "IQ", "tripoli": "LY", "khartoum": "SD", "sanaa": "YE"}


def is_initial(token: str) -> bool:
    return len(token) == 1


@lru_cache(maxsize=65536)
def country_of(token: str) -> str | None:
    """The country a word of an organisation's name names ("syria", "syrian", "burma"), if any."""
    if token in _CITY_COUNTRY:
        return _CITY_COUNTRY[token]
    if len(token) < 4 or not token.isalpha():
        return None
    from screener.countries import to_iso2  # pycountry loads its data on import: only when needed

    return to_iso2(token)


# Countries written as initials, dotted or not ("U.K." reads as "u k").
_COUNTRY_INITIALS = {"uk": "GB", "us": "US", "usa": "US", "uae": "AE", "prc": "CN", "dprk": "KP",
                     "rf": "RU", "ussr": "RU"}


def countries_in(tokens: Sequence[str]) -> set[str]:
    found = {c for c in map(country_of, tokens) if c}
    letters = "".join(t if len(t) == 1 else " " for t in tokens).split() + list(tokens)
    found.update(_COUNTRY_INITIALS[w] for w in letters if w in _COUNTRY_INITIALS)
    return found


_PINYIN_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split() + [""]
_PINYIN_FINALS = ("a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong "
                  "ua uo uai ui uan un uang ueng ue ve").split()
# Every spelling a Mandarin syllable can take in pinyin (a superset: not every pair occurs).
PINYIN_SYLLABLES = frozenset(i + f for i in _PINYIN_INITIALS for f in _PINYIN_FINALS)


def _consonants(token: str) -> str:
    return "".join(ch for ch in skeleton(token) if ch not in "aeiouy").replace("g", "h")


def syllables_differ(a: str, b: str) -> bool:
    """Two short name words that differ in a consonant are two names (Wang/Zhang, Omar/Oman,
    Chang/Chan), not two spellings of one: transliteration moves vowels, not consonants
    (G/H excepted: Igor/Ihor)."""
    return (a != b and len(a) <= SHORT_NAME_CHARS and len(b) <= SHORT_NAME_CHARS
            and min(len(a), len(b)) > 1 and _consonants(a) != _consonants(b))


def same_name(a: str, b: str, sim: float) -> bool:
    """Two aligned words are one name spelt two ways: nearly the same letters, or the same
    consonants and the same ending (Laden/Ladin, Tarak/Tariq, Ouni/Auni), not a near neighbour
    with a letter more (Karimi/Karim, Abdollahi/Abdullah)."""
    if sim >= STRONG_PAIR or is_initial(a) or is_initial(b):
        return True
    sa, sb = skeleton(a), skeleton(b)
    return (len(sa) == len(sb) or sa[-1] == sb[-1]) and _consonants(a) == _consonants(b)


def _edits(a: str, b: str) -> int:
    """Edits between two words, as written or as spelling skeletons, whichever is fewer."""
    return min(OSA.distance(a, b), OSA.distance(skeleton(a), skeleton(b)))


FAR_EDITS = 3  # this many edits, not in vowels alone, part two words rather than spell one


# How other languages' transliterations write what English writes ch, sh, j and zh (Swedish
# tj, sj, dzj; Polish cz, sz), French ch for sh and German ch for kh: folded before edits are
# counted, so Ivanovitj/Ivanovich, Ivasjtjenko/Ivashchenko, Chaliche/Shaleesh or
# Tochtachunov/Tokhtakhunov are one name.
_FOREIGN_DIGRAPHS = (("dzj", "dzh"), ("tj", "ch"), ("sj", "sh"), ("zj", "zh"), ("cz", "ch"),
                     ("sz", "sh"))


@lru_cache(maxsize=65536)
def _sounds(token: str) -> str:
    for written, sound in _FOREIGN_DIGRAPHS:
        token = token.replace(written, sound)
    return skeleton(token).replace("sh", "ch").replace("ch", "h")


def spelt_apart(a: str, b: str) -> bool:
    """Two words too far apart in consonants to be one name spelt two ways: transliteration
    moves vowels, doubles letters and swaps digraphs (the skeleton and _sounds fold those),
    a slip adds an edit or two; three edits with the consonants changed is another word
    (Federman/Federer, Saldivar/Salinas, Monteiro/Montenegro, Railroad/Railway), whatever the
    share of letters that still agree."""
    if min(len(a), len(b)) < 2 or _consonants(a) == _consonants(b) or _edits(a, b) < FAR_EDITS:
        return False
    if _ABJAD_VOWELS.isdisjoint(a) or _ABJAD_VOWELS.isdisjoint(b):
        return False  # written without vowels (Arabic or Persian script: "pwrnwry"): edits say little
    sa, sb = _sounds(a), _sounds(b)
    return _vowelless(sa) != _vowelless(sb) and OSA.distance(sa, sb) >= FAR_EDITS


_ABJAD_VOWELS = frozenset("aeiou")


def _vowelless(s: str) -> str:
    return "".join(ch for ch in s if ch not in "aeiouy").replace("g", "h")


def _variant(a: str, b: str) -> bool:
    """A loose pair that may still be one name: the same first letter, and one word's
    consonants all found in order in the other's (Hline/Hlaing), as a spelling that drops a
    letter or two writes it; not Yasir/Bashir, Morozov/Gorokhov, Aouadi/Awani."""
    if a[0] != b[0]:
        return False
    ca, cb = sorted((_consonants(a), _consonants(b)), key=len)
    it = iter(cb)
    return all(ch in it for ch in ca)


def burmese_conflict(a: str, b: str) -> bool:
    """In Burmese names every syllable is a name: two different known syllables never agree
    (Naing/Hlaing), whatever their spelling distance."""
    return a != b and a in BURMESE_SYLLABLES and b in BURMESE_SYLLABLES and skeleton(a) != skeleton(b)


def _ignorable(token: str) -> bool:
    return is_initial(token) or token in NAME_PARTICLES or token in FILIATION or token in GENERATIONS


def _first_family_missing(tokens: Sequence[str], family: Sequence[int], mine: set[int],
                          free: set[int]) -> str | None:
    """With two family names marked ("Maria Elena GAXIOLA GARCIA"), the first is the one a
    person goes by: the other name having only the second is another person's name."""
    words = [k for k in family if tokens[k] not in NAME_PARTICLES and len(tokens[k]) > 2]
    if len(words) >= 2 and words[0] in free and any(k in mine for k in words[1:]):
        return tokens[words[0]]
    return None


# Particles that join a compound given name in Spanish and Portuguese ("María del Rosario").
_GIVEN_JOINERS = frozenset({"de", "del", "da", "do", "dos", "das", "la", "los", "las"})


def _given_name_rest(tokens: Sequence[str], family: Sequence[int], mine: Sequence[int],
                     free: set[int]) -> str | None:
    """The rest of a compound given name that the other name lacks ("del Rosario" after an
    agreeing "Maria", before the family names): María del Rosario is not any María, and a
    missing given name is not a missing middle name."""
    start = mine[0] + 1
    end = min(family) if family else mine[1]
    if not (start < end and start in free and tokens[start] in _GIVEN_JOINERS):
        return None
    k = start
    while k < end and k in free and tokens[k] in _GIVEN_JOINERS:
        k += 1
    if k < end and k in free and not _ignorable(tokens[k]) and not is_patronymic(tokens[k]):
        return " ".join(tokens[mine[0]:k + 1])
    return None


def person_structure(q: Sequence[str], c: Sequence[str], pairs: Sequence[Pair],
                     free_q: Sequence[int], free_c: Sequence[int], align_min: float,
                     q_family: Sequence[int] = (), c_family: Sequence[int] = ()) -> list[str]:
    """Reasons a person's names that align token by token still name different people; each
    keeps the pair at review. Read from positions: the first word is a given name and the last
    a family name, unless particles, patronymics or a filiation chain ("bin ...") follow."""
    reasons: list[str] = []
    strong = [(i, j, s) for i, j, s in pairs if s >= align_min]
    for i, j, _ in strong:
        a, b = q[i], c[j]
        if is_initial(a) != is_initial(b):
            full, k, side = (b, j, c) if is_initial(a) else (a, i, q)
            other = q if is_initial(a) else c
            if len(side) >= 2 and k == len(side) - 1 and len(other) >= 2:
                reasons.append(f"an initial for the family name {full}")
    for i, j, _ in pairs:
        if burmese_conflict(q[i], c[j]):
            reasons.append(f"a different Burmese syllable ({q[i]}/{c[j]}): every syllable is a name")
    for i, j, s in pairs:
        if s < align_min and sound_alike(q[i], c[j]):
            reasons.append(f"a syllable that sounds alike ({q[i]}/{c[j]}): another romanisation or another name")
        elif s < align_min and not is_initial(q[i]) and not is_initial(c[j]) and not _variant(q[i], c[j]):
            reasons.append(f"a name part only resembles the other ({q[i]}/{c[j]})")
    for i, j, s in strong:
        if (s < STRONG_PAIR and min(len(q[i]), len(c[j])) > SHORT_NAME_CHARS
                and not same_name(q[i], c[j], s) and _edits(q[i], c[j]) >= 2):
            # Two edits apart and not in consonants alike (Sancho/Sanchez, Barakhoev/
            # Barkhanoev): a near neighbour, another person's name as often as a spelling;
            # one slip (Jonson, Marcon, Nandela) stays a spelling; three (Shamsuddin/
            # Shahabuddin) are another word altogether (spelt_apart).
            reasons.append(f"a name part spelt a consonant apart ({q[i]}/{c[j]})")
    full = [(i, j, s) for i, j, s in strong if not is_initial(q[i]) and not is_initial(c[j])]
    if len(full) >= 2 and not any(s >= EXACT_PAIR for _, _, s in full):
        reasons.append("no name part is the same word on both sides")
    if (min(len(q), len(c)) >= 3 and all(len(t) <= SHORT_NAME_CHARS for t in (*q, *c))) or (
            min(len(q), len(c)) >= 2 and all(t in PINYIN_SYLLABLES for t in (*q, *c))):
        # Names of three syllables or more (Kim Tong Chol), or of pinyin syllables (Wang Wei):
        # a syllable a consonant apart is another name (Tong/Song, Wang/Zhang), where in a
        # longer word it would be a typing slip.
        for i, j, _ in strong:
            if syllables_differ(q[i], c[j]) and not (_ignorable(q[i]) or _ignorable(c[j])):
                reasons.append(f"a syllable differs ({q[i]}/{c[j]})")
    for tokens, family, key, free in ((q, q_family, 0, free_q), (c, c_family, 1, free_c)):
        missing_first = _first_family_missing(tokens, family, {p[key] for p in strong}, set(free))
        if missing_first:
            reasons.append(f"the first family name {missing_first} is missing")
    crossed = False
    for n, (i1, j1, _) in enumerate(strong):
        for i2, j2, _ in strong[n + 1:]:
            if (i1 - i2) * (j1 - j2) >= 0:
                continue
            crossed = True
            for i, j in ((i1, j1), (i2, j2)):
                if q[i] != c[j] and max(len(q[i]), len(c[j])) <= SHORT_NAME_CHARS and not (
                        is_initial(q[i]) or is_initial(c[j])):
                    reasons.append(f"given and family names swapped, one spelt otherwise ({q[i]}/{c[j]})")
    # A longer name with an extra word before or after what the shorter one has: an extra given
    # name (the son's name before the father's chain) or another family name, not a missing
    # middle name.
    for longer, shorter_free, free, key, family in ((q, free_c, free_q, 0, q_family),
                                                    (c, free_q, free_c, 1, c_family)):
        if not free or any(not _ignorable((c if key == 0 else q)[k]) for k in shorter_free):
            continue
        mine = sorted(p[key] for p in strong)
        if len(mine) < 2:
            continue
        # A word written twice ("Shoigu Shoigu Sergey") or a company's legal form after a
        # person's name ("Nicolás Maduro SA") adds no name.
        aligned_words = {longer[p[key]] for p in strong}
        free = [k for k in free if longer[k] not in aligned_words and longer[k] not in LEGAL_FORMS]
        if not free:
            continue
        free_set = set(free)
        first, last = 0, len(longer) - 1
        compound = _given_name_rest(longer, family, mine, free_set)
        if compound:
            reasons.append(f"a given name only in part: {compound}")
        if first in free_set and mine[0] > first and not _ignorable(longer[first]):
            reasons.append(f"an extra given name: {longer[first]}")
        if last in free_set and mine[-1] < last:
            tail = [longer[k] for k in range(mine[-1] + 1, len(longer))]
            # A filiation chain (bin ...), a patronymic or a generation may follow a name; so
            # may a further name after three or more agreeing ones (Afghan names have no fixed
            # family name), but not after a two-word name or as an "al-" family name.
            shorter = c if key == 0 else q
            # A second family name the publisher marks, after the first that agrees, is the
            # mother's (Joaquin GUZMAN LOERA): the same person without it.
            second_surname = bool(family) and mine[-1] in family and all(
                k in family for k in range(mine[-1] + 1, len(longer)))
            if not (tail[0] in FILIATION or all(is_patronymic(t) or t in GENERATIONS for t in tail)
                    or _ignorable(longer[last]) or second_surname) and (
                    tail[0] in NAME_PARTICLES or sum(not _ignorable(t) for t in shorter) <= 2):
                reasons.append(f"an extra family name: {' '.join(tail)}")
        missing = list(dict.fromkeys(longer[k] for k in free
                                     if not _ignorable(longer[k]) and not is_patronymic(longer[k])))
        if len(missing) > MAX_MISSING:
            reasons.append(f"{len(missing)} name parts missing: {' '.join(missing)}")
        elif missing and crossed:
            reasons.append(f"names in another order and a part missing: {' '.join(missing)}")
        elif missing and (all(len(t) <= SYLLABLE_CHARS for t in (*q, *c))
                          or all(t in PINYIN_SYLLABLES for t in (*q, *c))):
            # Syllable names (Jo Yong Chol; pinyin Ming Cheng Tuan): a missing syllable is
            # part of the given name, not a middle name.
            reasons.append(f"a syllable name with a syllable missing: {' '.join(missing)}")
    return list(dict.fromkeys(reasons))


def org_structure(q: Sequence[str], c: Sequence[str], pairs: Sequence[Pair],
                  free_q: Sequence[int], free_c: Sequence[int], align_min: float) -> list[str]:
    """Reasons two organisations' names that share words are still not one organisation."""
    reasons: list[str] = []
    # Only words left over on both sides can be two different countries (a shared one aligned).
    qc = countries_in([q[i] for i in free_q]) if free_q and free_c else set()
    cc = countries_in([c[j] for j in free_c]) if qc else set()
    if qc and cc and not qc & cc:
        reasons.append(f"different countries: {'/'.join(sorted(qc))} vs {'/'.join(sorted(cc))}")
    strong = [(i, j) for i, j, s in pairs if s >= align_min]
    if strong and min(len(q), len(c)) == 1 and max(len(q), len(c)) > 1:
        # A one-word name that is an everyday word, inside a longer name ("BLUE" / "Blue
        # Trading"): the word may be anyone's ("Faberlic" is not).
        one, longer = (q[0], c) if len(q) == 1 else (c[0], q)
        from screener.newstext import common_words  # a large word list: only when needed

        if one in common_words():
            reasons.append(f"an everyday word ({one}) inside {' '.join(longer)}")
    for i, j, s in pairs:
        if s < align_min and not is_initial(q[i]) and not is_initial(c[j]):
            reasons.append(f"a word only resembles the other ({q[i]}/{c[j]})")
    if (free_q or free_c) and strong and all(
            q[i] in ORG_DESCRIPTIVE or c[j] in ORG_DESCRIPTIVE or country_of(q[i]) for i, j in strong):
        reasons.append(GENERIC_ONLY + " ".join(q[i] for i, _ in strong))
    elif strong:
        everyday = _everyday_only(q, c, pairs, free_q, free_c, align_min)
        if everyday:
            reasons.append(everyday)
    return reasons


def generic_only_other_form(q, c) -> bool:
    """Two organisations' names (PreparedName) of generic words only ("United Energy") with
    legal forms that share none (S.A. / Corporation): the words fit many firms, and the form
    says this is another."""
    if not (q.legal_forms and c.legal_forms) or set(q.legal_forms) & set(c.legal_forms):
        return False
    return all(t in ORG_DESCRIPTIVE or country_of(t) for t in (*q.tokens, *c.tokens))


def _initials_in(token: str, name: Sequence[str]) -> bool:
    """The token is the name's own acronym ("GBAE" in "General Bureau of Atomic Energy
    (GBAE)", "AAS-T"): its letters are initials of the name's other words, in order."""
    initials = iter(t[0] for t in name if t != token)
    return len(token) >= 2 and all(ch in initials for ch in token)


_FUNCTION_WORDS = frozenset({"the", "and", "for", "with", "und", "les", "des", "los", "las"})


# British and American spellings of one word (labour/labor, centre/center, defence/defense).
_SPELLING_FOLDS = (("our", "or"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter"), ("ence", "ense"),
                   ("ogue", "og"), ("ll", "l"))


def _same_spelling(a: str, b: str) -> bool:
    if a == b:
        return True
    for uk, us in _SPELLING_FOLDS:
        a, b = a.replace(uk, us), b.replace(uk, us)
    return a == b


def _everyday_only(q: Sequence[str], c: Sequence[str], pairs: Sequence[Pair],
                   free_q: Sequence[int], free_c: Sequence[int], align_min: float) -> str | None:
    """Everyday words name no company: when the only words that agree beyond generic ones
    are dictionary words, a distinctive word left over on either side is another company's
    name ("Royal Construction" / "Aria Royal Construction Company"), and a lone dictionary
    word matched by a respelling ("Alpha Trading" / "Alfa Trading") is a brand, not the word."""
    telling = [(i, j, s) for i, j, s in pairs if s >= align_min and not (
        q[i] in ORG_DESCRIPTIVE or c[j] in ORG_DESCRIPTIVE or country_of(q[i])
        or is_initial(q[i]) or is_initial(c[j]))]
    if not telling:
        return None
    # Two-letter words left over are prefixes and abbreviations (MV, JS), not names; a
    # generic word left over is part of what tells names of everyday words apart
    # ("Pacific Trading" / "International Pacific Trading").
    left = [t for t in [*(q[i] for i in free_q), *(c[j] for j in free_c)]
            if len(t) > 2 and not t.isdigit() and t not in LEGAL_FORMS and t not in NAME_PARTICLES
            and t not in _FUNCTION_WORDS and not _initials_in(t, q) and not _initials_in(t, c)]
    respelt = len(telling) == 1 and q[telling[0][0]] != c[telling[0][1]] and (
        skeleton(q[telling[0][0]]) == skeleton(c[telling[0][1]]))
    from screener.newstext import common_words  # a large word list: only when needed

    words = common_words()
    if not all(q[i] in words for i, _, _ in telling):
        return None
    if not left and not respelt:
        if not all(c[j] in words for _, j, _ in telling):
            return None  # a dictionary word for a brand's name (Vital/Vitol): a spelling
        # Nothing left over, but one everyday word and trade words not as written, or words in
        # another order ("Golden Trading Group" / "Golden Group Trading", "Atlas Holdings" /
        # "Atlas Holding", "Griffin" / "Griffon"): such names fit any number of firms.
        js = [j for _, j, s in sorted(pairs) if s >= align_min]
        # Initials and what they stand for (U.S. / United States), function words and spacing
        # (J.P. / JP) are not what differs.
        initialled = {(0, i) for i, j, _ in pairs if is_initial(q[i]) or is_initial(c[j])} | {
            (1, j) for i, j, _ in pairs if is_initial(q[i]) or is_initial(c[j])}
        qw = [t for k, t in enumerate(q) if t not in _FUNCTION_WORDS and (0, k) not in initialled]
        cw = [t for k, t in enumerate(c) if t not in _FUNCTION_WORDS and (1, k) not in initialled]
        if (len(qw) == len(cw) and all(map(_same_spelling, qw, cw))) or "".join(q) == "".join(c) or (
                len(telling) > 1 and js == sorted(js)):
            return None  # two everyday words in order carry a respelling (Cardinal Wealth/Health)
        return f"{NOT_AS_WRITTEN}{' '.join(q)} / {' '.join(c)}"
    if left:
        return (f"only everyday words agree ({' '.join(q[i] for i, _, _ in telling)}), "
                f"another word left: {' '.join(left)}")
    i, j, _ = telling[0]
    return f"an everyday word respelt as a brand: {q[i]}/{c[j]}"


LONE_NAME_MIN_CHARS = 4  # with a title, a word this short (Li, Kim) still names too many


def lone_family_name(q: PreparedName, c: PreparedName, pairs: Sequence[Pair]) -> str | None:
    """A title and one word, the other name's family name ("President Erdogan", "Mr Putin"):
    the way the press names a person, so it may be that one, worth a review, never a hit.
    (A bare word is judged where its commonness is known: NameIndex._single_word.)"""
    if len(q.tokens) != 1 or len(c.tokens) < 2 or len(pairs) != 1 or not q.removed_titles:
        return None
    word = q.tokens[0]
    if len(word) < LONE_NAME_MIN_CHARS or word in NAME_PARTICLES:
        return None
    _, j, sim = pairs[0]
    family = c.family or (len(c.tokens) - 1,)
    if sim < EXACT_PAIR or j not in family:
        return None
    return f"a title and the family name alone: {' '.join(q.removed_titles)} {word}"
