"""Name normalisation: transliteration, titles, legal forms and tokens.

Matching compares what is left of a name once everything that does not identify its bearer
is set aside: script, case, punctuation, ranks and honorifics ("Snr. Gen.", "U", "Daw"),
and, for organisations, legal forms ("PAO", "Publichnoe Aktsionernoe Obshchestvo").
What is set aside is kept, so an explanation can say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA

from screener.romanise import romanise_syllables

MAX_NAME_CHARS = 2000  # a longer input is cut: no real name is that long
# Part of the key of every cache built on normalised names (name index, gazetteer): raise it
# whenever normalise() reads a name differently. 2: symbols and emoji dropped.
NORMALISE_VERSION = "2"

# Ranks, titles and honorifics, as normalised token sequences. Longest first when matching.
TITLES = [
    "vice senior general", "senior general", "snr gen", "sr gen", "sen gen", "vice snr gen",
    "colonel general", "col gen", "lieutenant general", "lt gen", "lieut gen",
    "major general", "maj gen", "brigadier general", "brig gen", "general", "gen",
    "vice admiral", "rear admiral", "admiral", "adm", "lieutenant colonel", "lt col",
    "colonel", "col", "major", "maj", "captain", "capt", "commander", "brigadier",
    "field marshal", "marshal", "vice president", "president", "prime minister",
    "deputy prime minister", "deputy minister", "minister", "governor", "ambassador",
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "lord", "dame",
    "his excellency", "her excellency", "h e", "sheikh", "shaikh", "sheik", "haji", "hajji",
    "shaykh", "mullah", "mulla", "maulavi", "maulvi", "mawlawi", "qari", "imam", "ayatollah",
    "daw", "u", "thura", "sayyid", "sayed",
    # The same in the languages lists and news write around names.
    "prasident", "presidente", "president de la republique", "monsieur", "madame", "herr", "frau",
    "senor", "senora", "gospodin", "gospozha",
]
_TITLE_SEQS = sorted((tuple(t.split()) for t in TITLES), key=len, reverse=True)
# "U" and "Daw" are Burmese honorifics only before a name of two or more further words.
_SHORT_HONORIFICS = {("u",), ("daw",)}

# Legal forms, as normalised token sequences; each maps to a canonical abbreviation.
LEGAL_FORMS: dict[str, str] = {
    "publichnoe aktsionernoe obshchestvo": "pjsc", "publichnoye aktsionernoye obshchestvo": "pjsc",
    "publichnoe aktsionernoye obshchestvo": "pjsc", "public joint stock company": "pjsc",
    "publicly traded company": "pjsc", "public joint-stock company": "pjsc", "pao": "pjsc",
    "pjsc": "pjsc",
    "otkrytoe aktsionernoe obshchestvo": "ojsc", "otkrytoye aktsionernoye obshchestvo": "ojsc",
    "open joint stock company": "ojsc", "oao": "ojsc", "ojsc": "ojsc",
    "zakrytoe aktsionernoe obshchestvo": "cjsc", "zakrytoye aktsionernoye obshchestvo": "cjsc",
    "closed joint stock company": "cjsc", "zao": "cjsc", "cjsc": "cjsc",
    "aktsionernoe obshchestvo": "jsc", "aktsionernoye obshchestvo": "jsc",
    "joint stock company": "jsc", "jsc": "jsc", "ao": "jsc", "ad": "jsc",
    "obshchestvo s ogranichennoi otvetstvennostyu": "llc",
    "obshchestvo s ogranichennoy otvetstvennostyu": "llc",
    "obshchestvo s ogranichennoi otvetstvennostiu": "llc",
    "limited liability company": "llc", "limited liability partnership": "llp",
    "ooo": "llc", "llc": "llc", "l l c": "llc", "llp": "llp", "tov": "llc", "too": "llp",
    "private limited company": "ltd", "company limited": "ltd", "co ltd": "ltd",
    "limited": "ltd", "ltd": "ltd", "pte ltd": "ltd", "pvt ltd": "ltd", "sdn bhd": "ltd",
    "public limited company": "plc", "plc": "plc",
    "aktiengesellschaft": "ag", "ag": "ag",
    "gesellschaft mit beschrankter haftung": "gmbh", "gmbh": "gmbh",
    "societe anonyme": "sa", "sociedad anonima": "sa", "sa": "sa", "s a": "sa",
    "societa per azioni": "spa", "spa": "spa", "srl": "srl", "sarl": "sarl",
    "incorporated": "inc", "inc": "inc", "corporation": "corp", "corp": "corp",
    "company": "co", "co": "co", "bv": "bv", "nv": "nv", "fze": "fze", "fzco": "fzco",
    "fzc": "fzc", "fz llc": "llc", "dmcc": "dmcc", "lp": "lp", "as": "as", "ab": "ab", "oy": "oy",
    "kft": "kft", "sp z o o": "llc",
    # German partnerships and their mixed forms ("GmbH & Co. KG", "OHG mbH").
    "kg": "kg", "kommanditgesellschaft": "kg", "kgaa": "kgaa", "ohg": "ohg", "gbr": "gbr",
    "mbh": "gmbh", "jsc co": "jsc", "state corporation": "state corporation",
    "gosudarstvennaya korporatsiya": "state corporation", "goskorporatsiya": "state corporation",
    # Spelled-out forms of the abbreviations above, as lists and registries write them.
    "societatea cu raspundere limitata": "srl", "societa a responsabilita limitata": "srl",
    "sociedad de responsabilidad limitada": "srl", "sociedad limitada": "srl", "societe a responsabilite limitee": "sarl",
    "s a r l": "sarl", "s a s": "sas", "societe par actions simplifiee": "sas",
    "l p": "lp", "l l p": "llp",  # "L.P.", "L.L.P.": not two initials
    "besloten vennootschap": "bv", "naamloze vennootschap": "nv", "aktiebolag": "ab",
    # Russian non-profit and state unitary forms: not companies, and not interchangeable with them.
    "ano": "ano", "avtonomnaya nekommercheskaya organizatsiya": "ano",
    "autonomous non profit organization": "ano", "autonomous non profit organisation": "ano",
    "autonomous nonprofit organization": "ano", "autonomous nonprofit organisation": "ano",
    "fgup": "fgup", "federal state unitary enterprise": "fgup",
    "federalnoe gosudarstvennoe unitarnoe predpriyatie": "fgup",
}

# Families of legal forms that say the same kind of company: lists render one company's form
# in any of its family's spellings (OAO, PAO, AO, JSC; OOO, LLC, Ltd), so only forms of two
# different families contradict each other (AG / GmbH, ANO / LLC), and even then only enough
# for review: the lists give about one Russian company in 150 both a JSC and an LLC name.
# Forms missing here (Inc, Corp, Co, A/S, AB, free-zone forms) are too loose to contradict
# anything, and so are state unitary enterprises (FGUP), which became joint-stock companies
# by the hundred and are listed under both names.
LEGAL_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("pjsc", "ojsc", "cjsc", "jsc", "ad", "ag", "sa", "spa", "nv", "plc", "sas"),
                    "joint-stock"),
    **dict.fromkeys(("llc", "ltd", "gmbh", "sarl", "srl", "kft", "bv"), "limited liability"),
    **dict.fromkeys(("llp", "lp"), "partnership"),
    "ano": "non-profit",
}
_LEGAL_SEQS = sorted((tuple(k.split()) for k in LEGAL_FORMS), key=len, reverse=True)


def _by_first_token(seqs: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Sequences grouped by their first token, longest first: one dict look-up per position."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        grouped.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in grouped.items()}


_TITLES_BY_FIRST = _by_first_token(_TITLE_SEQS)
_LEGAL_BY_FIRST = _by_first_token(_LEGAL_SEQS)
# Long one-word forms are misspelt often enough ("Aktiengeselschaft") to be read within an edit.
_LONG_FORM_WORDS = tuple(sorted(k for k in LEGAL_FORMS if " " not in k and len(k) >= 9))
# Last words of legal forms: a long name cut at a field limit ("... JOINT STOCK COMPAN") ends
# in a prefix of one.
_FORM_LAST_WORDS = tuple(sorted({k.split()[-1] for k in LEGAL_FORMS if len(k.split()[-1]) >= 5}))
TRUNCATION_MIN_CHARS = 30  # only a name this long is plausibly cut short by a field limit


def legal_family(form: str) -> str | None:
    """The family of a recorded legal form ("pjsc", or "ag (aktiengeselschaft)")."""
    return LEGAL_FAMILIES.get(form.split(" (", 1)[0])


_NAME_LIKE_FORMS = frozenset({"pao", "too", "tov", "ano"})  # also surnames or words (Yu Yi PAO)


def company_form(name: str) -> str | None:
    """The legal form a name ends with ("Conradi KG", "Nichols PLC"), which makes it a
    company's name, not a person's or a vessel's; None if none, or only one that may be a
    word of a person's name (AS, AB, SA, CO, PAO)."""
    tokens = normalise(name).split()
    for n in range(min(len(tokens) - 1, 4), 0, -1):
        form = " ".join(tokens[-n:])
        if form in LEGAL_FORMS and (n > 1 or len(form) > 2 or form in ("kg", "ag")) and form not in _NAME_LIKE_FORMS:
            return LEGAL_FORMS[form]
    return None


def _misspelt_form(token: str) -> str | None:
    if len(token) < 9:
        return None
    for word in _LONG_FORM_WORDS:
        if abs(len(word) - len(token)) <= 2 and OSA.distance(token, word,
                                                           score_cutoff=len(word) // 9) <= len(word) // 9:
            return word
    return None


def _complete_cut_form(tokens: list[str]) -> str | None:
    """The legal-form word a long name's cut-short last token begins, if only one fits."""
    last = tokens[-1] if tokens else ""
    if len(last) < 4 or last in _LEGAL_BY_FIRST or sum(map(len, tokens)) + len(tokens) - 1 < TRUNCATION_MIN_CHARS:
        return None
    found = [w for w in _FORM_LAST_WORDS if w.startswith(last) and w != last]
    return found[0] if len(found) == 1 else None

# Words that say what kind of thing an organisation is, not which one: weak evidence.
ORG_GENERIC = frozenset("""
the of and for de la le du des del y et und a an group holding holdings company
international trading industries industry enterprise enterprises corporation services
joint stock bank firm organization organisation agency institute ministry state federal
national republic russian federation llc ltd plc inc co limited
""".split())

# Particles in personal names that carry little identity.
# The Arabic article as lists write it, assimilated or not (al-Sayed, as-Sayed, es-Sayed).
ARABIC_ARTICLES = frozenset("al el il ul ar as ash es ed er ez et esh ad at az".split())
NAME_PARTICLES = frozenset("bin ibn ben bint abu abd de da di del der van von la le y".split()) | ARABIC_ARTICLES

PATRONYMIC_SUFFIXES = ("ovich", "evich", "ovna", "evna", "ichna", "inichna", "yevich", "yevna",
                       "ogly", "oglu", "kyzy", "qizi", "vich", "vna")

_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """ASCII, lower case, punctuation to spaces; never raises (None or a non-string is read
    as its text, anything past MAX_NAME_CHARS is cut)."""
    if not isinstance(text, str):
        try:
            text = "" if text is None else str(text)
        except Exception:  # a hostile __str__: nothing to match on
            return ""
    return _normalise(text[:MAX_NAME_CHARS])


# Symbols say nothing about who bears a name, yet transliteration spells them out ("😀" ->
# "grinning", "©" -> "(c)", "™" -> "tm") and adds a token. Emoji modifiers, joiners, variation
# selectors and tags hold an emoji sequence together and vanish with it. Kept: letters and
# marks of every script, the numero sign (No.) and enclosed Latin letters, which read as letters.
_SYMBOL_CATEGORIES = frozenset({"So", "Sm", "Sc", "Cs", "Co", "Cn", "Me"})
_KEPT_SYMBOLS = frozenset(["\u2116", *map(chr, range(0x249C, 0x24EA))])


def _is_symbol(ch: str) -> bool:
    return (not ch.isascii() and ch not in _KEPT_SYMBOLS
            and (unicodedata.category(ch) in _SYMBOL_CATEGORIES or _is_emoji_glue(ch)))


def _is_emoji_glue(ch: str) -> bool:
    """Skin tones, variation selectors and tags: they only ever modify a symbol."""
    code = ord(ch)
    return (0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0000 <= code <= 0xE007F or 0xE0100 <= code <= 0xE01EF)


# Runs of characters that could be symbols: non-ASCII and neither letter, digit nor space.
_MAYBE_SYMBOLS = re.compile(r"[^\w\s\x00-\x7f]+")


def drop_symbols(text: str) -> str:
    """`text` without emoji, pictographs and other symbols (each becomes a space, the glue
    inside emoji sequences disappears); ASCII text is returned as it is. A zero-width joiner
    goes only beside a symbol: between letters (Sinhala, Malayalam) it belongs to the word."""
    if text.isascii():
        return text
    return _MAYBE_SYMBOLS.sub(_drop_in_run, text)


def _drop_in_run(found: re.Match[str]) -> str:
    run = found.group()
    out = []
    for i, ch in enumerate(run):
        if ch == "\u200d":
            if not any(_is_symbol(c) for c in run[max(i - 1, 0):i] + run[i + 1:i + 2]):
                out.append(ch)
        elif _is_emoji_glue(ch):
            continue
        elif _is_symbol(ch):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    text = drop_symbols(text)
    text = text.replace("\x00", " ")
    ascii_text = anyascii(romanise_syllables(text)).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    out = " ".join(_NON_ALNUM.sub(" ", ascii_text).split())
    if not out and any(ch.isalnum() for ch in text):
        # Letters with no transliteration (rare CJK extensions): keep them as code points,
        # so a name still equals itself and differs from other names.
        out = "".join(f"u{ord(ch):x}" if ch.isalnum() else " " for ch in text)
        out = " ".join(out.split())
    return out


_SKELETON_RULES = [
    ("kh", "h"), ("dh", "d"), ("ph", "f"), ("ck", "k"), ("gh", "q"), ("q", "k"), ("w", "v"),
    ("yi", "i"), ("iy", "i"), ("ey", "ei"), ("yu", "iu"), ("ju", "iu"), ("ya", "ia"),
    ("ja", "ia"), ("ye", "e"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("j", "i"),
    ("dzh", "g"), ("zh", "j"), ("tch", "ch"), ("tsch", "ch"), ("sch", "sh"), ("ts", "z"),
    ("tz", "z"), ("x", "ks"),
]


@lru_cache(maxsize=262144)
def skeleton(token: str) -> str:
    """A spelling-tolerant key for one token: common transliteration variants fold together
    (Sergei/Sergey, Minnikhanov/Minnikhanow, Yuri/Jurij); larger drift (Aleksandr/Alexander)
    is left to edit distance."""
    s = token
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)  # double letters
    if s.endswith("ii") or s.endswith("ij"):
        s = s[:-2] + "i"
    return s


# Common syllables of Burmese personal names. Burmese names have no family name and draw on
# a small syllable inventory, so two different people often share most syllables ("Maung
# Maung Aye" / "Maung Maung Kyaw"): in such names no syllable may go missing cheaply.
BURMESE_SYLLABLES = frozenset("""
aung oo moe maung mg myint tun win kyaw khin min htet than soe htun thet hlaing zaw swe tay
za sai banyar phyo ye aye ong nai ko myo naing tin thein nyein saw lone khaing chit htoo mya
san lin sein htut nu pyae kyu mar pa shwe pye dwe nyunt mahn saing hseng yi yee hein thu
kyaing hla htein nan thaung sit taing latt phyu dway hsai sone thiri mon naung kaing pwint
kaung yin shein khine yadanar theit thinzar ohn phu bwar thida khet thaing sitt thitsar htwe
kyauk kyar thant nyi nwe nilar ohnmar arkar thi pauk taung paing theint lwin nye zin thidar
kyi suu su myat wai zeyar hnin nandar thura pyone htay lay nay thwin tint ngwe myaing hsu
phone thant sann thar tha nyo hnin ei yu lwin htin kyee zeya
""".split())


def is_burmese_like(tokens: tuple[str, ...] | list[str]) -> bool:
    """Two or more tokens, every one a common Burmese name syllable."""
    return len(tokens) >= 2 and all(t in BURMESE_SYLLABLES for t in tokens)


def is_patronymic(token: str) -> bool:
    return len(token) > 6 and token.endswith(PATRONYMIC_SUFFIXES)


@dataclass(frozen=True)
class PreparedName:
    """A name ready for comparison; built once per name."""

    original: str
    normalised: str
    tokens: tuple[str, ...]
    removed_titles: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    is_org: bool = False
    skeletons: tuple[str, ...] = field(default=())
    # What each token was read from when reading changed it ("three (number)"); () if nothing.
    notes: tuple[str, ...] = ()
    script: str = ""  # a person's name as written, when in Han, kana or Hangul alone
    # Tokens of a person's name that its publisher wrote in capitals among lower-case words: the
    # family name(s), as US, UK and AU lists mark them ("Maria Elena GAXIOLA GARCIA").
    family: tuple[int, ...] = ()
    # Tokens of a person's name written joined to the next by a hyphen ("Kwang-il": one given
    # name of two syllables, not two names).
    joined: tuple[int, ...] = ()

    def note(self, i: int) -> str:
        return self.notes[i] if self.notes else ""

    @property
    def compact(self) -> str:
        return "".join(self.tokens)


def _strip_leading_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    changed = True
    while changed and tokens:
        changed = False
        for seq in _TITLES_BY_FIRST.get(tokens[0], ()):
            n = len(seq)
            if tuple(tokens[:n]) == seq:
                rest = len(tokens) - n
                if seq in _SHORT_HONORIFICS and rest < 2:
                    continue
                if rest < 1 or (n == 1 and rest < 2 and seq not in _SHORT_HONORIFICS
                                and seq[0] in {"gen", "col", "maj", "capt", "adm"}):
                    continue
                removed.append(" ".join(seq))
                tokens = tokens[n:]
                changed = True
                break
    return tokens, removed


def _strip_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Remove legal-form sequences anywhere in an organisation name (keeps at least one token);
    a form misspelt by an edit, or cut short at the end of a long name, is still a form."""
    completed = _complete_cut_form(tokens)
    if completed:
        out, removed = _strip_forms(tokens[:-1] + [completed])
        if completed not in out:
            return out, [f"{f} (from '{tokens[-1]}', cut short)" if i == len(removed) - 1 else f
                         for i, f in enumerate(removed)]
    return _strip_forms(tokens)


def _strip_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for seq in _LEGAL_BY_FIRST.get(tokens[i], ()):
            n = len(seq)
            if tuple(tokens[i:i + n]) == seq:
                removed.append(LEGAL_FORMS[" ".join(seq)])
                i += n
                break
        else:
            misspelt = _misspelt_form(tokens[i])
            if misspelt:
                removed.append(f"{LEGAL_FORMS[misspelt]} (from '{tokens[i]}')")
            else:
                out.append(tokens[i])
            i += 1
    if not out:
        return tokens, []
    return out, removed


# ---------------------------------------------------------------- numbers and abbreviations
# In an organisation's or a vessel's name a number is part of its identity ("JSC 103 Armored
# Repair Plant" is not "JSC 144 Armored Repair Plant"), written in digits, words or Roman
# numerals: each is read as its digits, so "1st"/"First", "Forty-Four"/"44", "III"/"3" agree.
_UNIT_WORDS = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine".split())} | {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth".split())}
_TEEN_WORDS = {w: i + 10 for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())} | {
    w: i + 10 for i, w in enumerate("tenth eleventh twelfth thirteenth fourteenth fifteenth "
                                    "sixteenth seventeenth eighteenth nineteenth".split())}
_TENS_WORDS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())} | {"fourty": 40}  # a common misspelling
_TENS_ORDINALS = {w: 10 * (i + 2) for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())}
_ORDINAL_DIGITS = re.compile(r"0*(\d+)(?:st|nd|rd|th|e|er|eme|ieme|re)?")
# Roman numerals of two or more letters from I, V, X (II to XXXIX): single letters are initials
# as often as numbers, and L, C, D, M make words ("Li", "Di", "Mix").
_ROMAN = re.compile(r"(?=[ivx]{2})(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_UNITS = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_NUMBER_SIGNS = frozenset({"no", "nr", "num", "number"})  # "No. 39": the sign only says a number follows

# Abbreviations of organisation-name words.
ORG_ABBREVIATIONS = {
    "intl": "international", "natl": "national", "mfg": "manufacturing", "assn": "association",
    "assoc": "association", "bros": "brothers", "hldgs": "holdings", "grp": "group",
    "mgmt": "management", "svcs": "services", "dept": "department", "govt": "government",
    "univ": "university", "inst": "institute",
}


# Russian words of organisations' names, transliterated, read as the English words lists
# translate them to ("LIPETSKII MEKHANICHESKII ZAVOD" is "Lipetsk Mechanical Plant"): keys are
# stems, adjectives without their ending.
RUSSIAN_ORG_WORDS = {
    "zavod": "plant", "kombinat": "plant", "fabrika": "factory", "institut": "institute",
    "tsentr": "center", "byuro": "bureau", "predpriyatie": "enterprise", "obedinenie": "association",
    "kompaniya": "company", "gruppa": "group", "korporatsiya": "corporation", "agentstvo": "agency",
    "ministerstvo": "ministry", "upravlenie": "directorate", "sluzhba": "service",
    "universitet": "university", "akademiya": "academy", "obshchestvo": "society",
    "mekhanichesk": "mechanical", "elektromekhanichesk": "electromechanical",
    "tekhnichesk": "technical", "tekhnologichesk": "technological", "khimichesk": "chemical",
    "metallurgichesk": "metallurgical", "energetichesk": "energy", "ekonomichesk": "economic",
    "kommerchesk": "commercial", "geologichesk": "geological", "issledovatelsk": "research",
    "nauchn": "scientific", "konstruktorsk": "design", "proizvodstvenn": "production",
    "gosudarstvenn": "state", "federaln": "federal", "tsentraln": "central",
    "natsionaln": "national", "mezhdunarodn": "international", "rossiysk": "russian",
    "rossiisk": "russian", "rossisk": "russian", "russk": "russian", "promyshlenn": "industrial",
    "stroiteln": "construction", "mashinostroiteln": "machine building",
    "priborostroiteln": "instrument making", "aviatsionn": "aviation", "avtomobiln": "automobile",
    "transportn": "transport", "neftyan": "oil", "morsk": "marine", "sibirsk": "siberian",
    "dalnevostochn": "far eastern", "vostochn": "eastern", "severn": "northern", "yuzhn": "southern",
    "zapadn": "western", "investitsionn": "investment", "spetsialn": "special",
    "obedinenn": "united", "elektronn": "electronic", "optichesk": "optical",
    "radiotekhnichesk": "radio engineering", "sudostroiteln": "shipbuilding",
}
_RU_ENDINGS = ("ogo", "oye", "aya", "yye", "iye", "oe", "ii", "iy", "yi", "yy", "ij", "ye", "ya", "a", "o")
_RU_PLACE_ADJECTIVE = re.compile(r"([a-z]{3,}sk)(?:ogo|oye|oe|aya|ii|iy|yi|yy|ij|y)")


def _russian_org_word(token: str) -> str | None:
    """The English a transliterated Russian word of an organisation's name translates to
    ("mekhanicheskii" -> "mechanical"); a place adjective reads as its place ("lipetskii" ->
    "lipetsk"); None for any other word."""
    if token in RUSSIAN_ORG_WORDS:
        return RUSSIAN_ORG_WORDS[token]
    if len(token) < 6:
        return None
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and token[:-len(ending)] in RUSSIAN_ORG_WORDS:
            return RUSSIAN_ORG_WORDS[token[:-len(ending)]]
    m = _RU_PLACE_ADJECTIVE.fullmatch(token)
    return m.group(1) if m else None


def _number_at(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """The number written at tokens[i] and how many tokens it takes, or None."""
    t = tokens[i]
    if t[:1].isdigit():
        m = _ORDINAL_DIGITS.fullmatch(t)
        return (int(m.group(1)), 1) if m and len(m.group(1)) <= 9 else None
    if t in _TENS_WORDS:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in _UNIT_WORDS:
            return _TENS_WORDS[t] + _UNIT_WORDS[nxt], 2
        return _TENS_WORDS[t], 1
    for table in (_UNIT_WORDS, _TEEN_WORDS, _TENS_ORDINALS):
        if t in table:
            return table[t], 1
    m = _ROMAN.fullmatch(t)
    if m:
        return 10 * len(m.group(1)) + _ROMAN_UNITS[m.group(2)], 1
    return None


def _read_org_tokens(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Numbers as digits and abbreviations spelt out; a note per token says what was read."""
    out: list[str] = []
    notes: list[str] = []
    i = 0
    while i < len(tokens):
        found = _number_at(tokens, i)
        if found is None:
            word = ORG_ABBREVIATIONS.get(tokens[i])
            russian = None if word else _russian_org_word(tokens[i])
            if russian:
                words = russian.split()
                out.extend(words)
                notes.extend([f"{tokens[i]} (translated)"] * len(words))
            else:
                out.append(word or tokens[i])
                notes.append(f"{tokens[i]} (abbreviation)" if word else "")
            i += 1
            continue
        value, used = found
        surface = " ".join(tokens[i:i + used])
        if out and out[-1] in _NUMBER_SIGNS and not notes[-1]:
            surface = f"{out.pop()} {surface}"
            notes.pop()
        out.append(str(value))
        notes.append("" if surface == str(value) else f"{surface} (number)")
        i += used
    return out, notes


# ---------------------------------------------------------------- persons' tokens
# A digit inside a person's name is a look-alike of a letter (OCR, typing, evasion: "Ig0r Sech1n").
_LOOKALIKE_DIGITS = str.maketrans("0123456789", "oizeasgtbg")
# "Abd al-Aziz" is "Abdul Aziz": the article of "Abd al-" (assimilated as ar-, as-, ...) is part of it.
_ARABIC_ARTICLES = frozenset("al el ul ol il ar ur as us an un ad at az ash".split())


def _read_person_tokens(tokens: list[str]) -> tuple[list[str], list[str]]:
    out: list[str] = []
    notes: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "abd" and i + 2 < len(tokens) and tokens[i + 1] in _ARABIC_ARTICLES:
            out.append("abdul")
            notes.append(f"abd {tokens[i + 1]} (joined)")
            i += 2
            continue
        if not t.isalpha() and not t.isdigit() and any(ch.isalpha() for ch in t):
            out.append(t.translate(_LOOKALIKE_DIGITS))
            notes.append(f"{t} (look-alike digits)")
        else:
            out.append(t)
            notes.append("")
        i += 1
    return out, notes


# Common given-name hypocoristics: full forms (any spelling with the same skeleton) and the
# short forms they are widely known by, English and Russian. Kept small and well known on
# purpose; a nickname aligns more weakly than the name itself, and only with a full form.
NICKNAMES: dict[str, str] = {
    "william": "bill billy will willy liam", "robert": "bob bobby rob robbie",
    "richard": "dick rick richie", "james": "jim jimmy jamie", "john": "jack johnny",
    "thomas": "tom tommy", "theodore": "ted teddy theo", "edward": "ed eddie ted ned",
    "benjamin": "ben benny", "joseph": "joe joey", "michael": "mike mick mickey",
    "charles": "charlie chuck", "christopher": "chris", "daniel": "dan danny", "david": "dave",
    "anthony": "tony", "andrew": "andy drew", "nicholas": "nick", "samuel": "sam",
    "steven stephen": "steve", "timothy": "tim", "matthew": "matt", "patrick": "pat paddy",
    "peter": "pete", "gregory": "greg", "jonathan": "jon", "ronald": "ron ronnie",
    "donald": "don", "lawrence": "larry", "kenneth": "ken kenny", "frederick": "fred freddie",
    "henry": "harry hank", "elizabeth": "liz beth betty", "margaret": "maggie peggy meg",
    "katherine catherine": "kate kathy cathy", "susan": "sue", "rebecca": "becky",
    "alexander aleksandr alexandr oleksandr": "alex sasha", "dmitry": "dima",
    "vladimir volodymyr": "volodya vova", "nikolai": "kolya", "ivan": "vanya",
    "mikhail": "misha", "yevgeny": "zhenya", "anatoly": "tolya", "konstantin": "kostya",
    "pavel": "pasha", "vyacheslav": "slava", "yekaterina": "katya", "maria": "masha",
    "anastasia": "nastya", "tatiana": "tanya", "natalia": "natasha", "yelena": "lena",
}


def _nickname_groups() -> dict[str, tuple[frozenset[int], frozenset[int]]]:
    full: dict[str, set[int]] = {}
    short: dict[str, set[int]] = {}
    for g, (fulls, shorts) in enumerate(NICKNAMES.items()):
        for name in fulls.split():
            full.setdefault(skeleton(name), set()).add(g)
        for name in shorts.split():
            short.setdefault(name, set()).add(g)
    keys = set(full) | set(short)
    return {k: (frozenset(full.get(k, ())), frozenset(short.get(k, ()))) for k in keys}


def is_nickname(a: str, b: str) -> bool:
    """One token is a well-known short form of the other's given name (Ted/Theodore)."""
    ga = _NICKNAME_INDEX.get(a) or _NICKNAME_INDEX.get(skeleton(a))
    gb = _NICKNAME_INDEX.get(b) or _NICKNAME_INDEX.get(skeleton(b))
    if not ga or not gb:
        return False
    short_a = _NICKNAME_INDEX.get(a, (frozenset(), frozenset()))[1]
    short_b = _NICKNAME_INDEX.get(b, (frozenset(), frozenset()))[1]
    full_a = _NICKNAME_INDEX.get(skeleton(a), (frozenset(), frozenset()))[0]
    full_b = _NICKNAME_INDEX.get(skeleton(b), (frozenset(), frozenset()))[0]
    return bool(short_a & full_b) or bool(short_b & full_a)


# ---------------------------------------------------------------- scripts
# Han, kana and Hangul: one character is one syllable, and transliteration loses what tells
# two characters apart (高石 and 高市 both read "gao shi"), so names in these scripts are also
# compared as written.
_CJK = re.compile("[\u1100-\u11ff\u3040-\u30fa\u30fc-\u30ff\u3130-\u318f\u3400-\u4dbf"
                  "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def cjk_letters(name: str) -> str:
    """The name's letters when it is written in Han, kana or Hangul alone, else ""."""
    if not isinstance(name, str) or name.isascii():
        return ""
    letters = [ch for ch in name[:MAX_NAME_CHARS] if ch.isalnum()]
    if letters and all(_CJK.match(ch) for ch in letters):
        return "".join(letters)
    return ""


_GENERATIONS = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv"})


def _given_first(name: str, tokens: list[str]) -> list[str]:
    """A person's name written "FAMILY, Given" (as OFAC writes every one) in the order
    "Given FAMILY", so that rules reading positions (the word after "bin" is the father's
    name, a title comes first) read it as they read the name written out."""
    if not isinstance(name, str) or name.count(",") != 1:
        return tokens
    family, given = (normalise(part).split() for part in name.split(","))
    if not family or not given or set(given) <= _GENERATIONS or family + given != tokens:
        return tokens
    return given + family


def prepare(name: str, schema: str | None = "Person") -> PreparedName:
    """Normalise and tokenise, setting aside titles (persons) or legal forms (organisations),
    reading numbers in organisations' names and look-alike digits in persons'."""
    norm = normalise(name)
    tokens = norm.split()
    is_org = schema not in (None, "Person")
    titles: list[str] = []
    forms: list[str] = []
    if is_org:
        tokens, forms = _strip_legal_forms(tokens)
        tokens, notes = _read_org_tokens(tokens)
    else:
        tokens = _given_first(name, tokens)
        tokens, titles = _strip_leading_titles(tokens)
        if schema is None:
            tokens, forms = _strip_legal_forms(tokens)
        tokens, notes = _read_person_tokens(tokens)
    return PreparedName(original=name, normalised=norm, tokens=tuple(tokens),
                        removed_titles=tuple(titles), legal_forms=tuple(forms), is_org=is_org,
                        skeletons=tuple(skeleton(t) for t in tokens),
                        notes=tuple(notes) if any(notes) else (),
                        script="" if is_org else cjk_letters(name),
                        family=() if is_org else _family_tokens(name, tokens),
                        joined=() if is_org else _joined_tokens(name, tokens))


def _family_tokens(name: str, tokens: list[str]) -> tuple[int, ...]:
    """Indexes of the tokens written in capitals in a name that also has lower-case words."""
    if not isinstance(name, str) or "," in name:
        return ()
    words = name.split()
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    if not caps or len(caps) == len(words):
        return ()
    marked = {t for w in caps for t in normalise(w).split()}
    return tuple(k for k, t in enumerate(tokens) if t in marked)


_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _joined_tokens(name: str, tokens: list[str]) -> tuple[int, ...]:
    """Indexes of the tokens joined to the next one by a hyphen in the name as written."""
    if not isinstance(name, str) or "-" not in name:
        return ()
    joined: set[int] = set()
    for word in _HYPHENATED.findall(name):
        parts = [t for part in word.split("-") for t in normalise(part).split()]
        n = len(parts)
        for start in range(len(tokens) - n + 1):
            if n >= 2 and list(tokens[start:start + n]) == parts:
                joined.update(range(start, start + n - 1))
    return tuple(sorted(joined))


def name_parts(name: str) -> dict[str, str]:
    """Guess given/family parts of a person's name written "SURNAME, Given" or "Given SURNAME"."""
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    if caps and len(caps) < len(words):
        return {"family": " ".join(caps), "given": " ".join(w for w in words if w not in caps)}
    return {}


_NICKNAME_INDEX = _nickname_groups()
NICKNAME_SHORT_FORMS = frozenset(w for v in NICKNAMES.values() for w in v.split())
