"""Name normalisation: transliteration, titles, legal forms and tokens.

Matching compares what is left of a name once everything that does not identify its bearer
is set aside: script, case, punctuation, ranks and honorifics ("Snr. Gen.", "U", "Daw"),
and, for organisations, legal forms ("PAO", "Publichnoe Aktsionernoe Obshchestvo").
What is set aside is kept, so an explanation can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

MAX_NAME_CHARS = 2000  # a longer input is cut: no real name is that long

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
    "mullah", "mulla", "maulavi", "maulvi", "mawlawi", "qari", "imam", "ayatollah",
    "daw", "u", "thura", "sayyid", "sayed",
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
    "kft": "kft", "sp z o o": "llc", "jsc co": "jsc", "state corporation": "state corporation",
    "gosudarstvennaya korporatsiya": "state corporation", "goskorporatsiya": "state corporation",
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

# Words that say what kind of thing an organisation is, not which one: weak evidence.
ORG_GENERIC = frozenset("""
the of and for de la le du des del y et und a an group holding holdings company
international trading industries industry enterprise enterprises corporation services
joint stock bank firm organization organisation agency institute ministry state federal
national republic russian federation llc ltd plc inc co limited
""".split())

# Particles in personal names that carry little identity.
NAME_PARTICLES = frozenset("al el bin ibn ben bint abu abd de da di del der van von la le y".split())

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


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    text = text.replace("\x00", " ")
    ascii_text = anyascii(text).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    out = " ".join(_NON_ALNUM.sub(" ", ascii_text).split())
    if not out and any(ch.isalnum() for ch in text):
        # Letters with no transliteration (rare CJK extensions): keep them as code points,
        # so a name still equals itself and differs from other names.
        out = "".join(f"u{ord(ch):x}" if ch.isalnum() else " " for ch in text)
        out = " ".join(out.split())
    return out


_SKELETON_RULES = [
    ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
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
    """Remove legal-form sequences anywhere in an organisation name (keeps at least one token)."""
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
            out.append(tokens[i])
            i += 1
    if not out:
        return tokens, []
    return out, removed


def prepare(name: str, schema: str | None = "Person") -> PreparedName:
    """Normalise and tokenise, setting aside titles (persons) or legal forms (organisations)."""
    norm = normalise(name)
    tokens = norm.split()
    is_org = schema not in (None, "Person")
    titles: list[str] = []
    forms: list[str] = []
    if is_org:
        tokens, forms = _strip_legal_forms(tokens)
    else:
        tokens, titles = _strip_leading_titles(tokens)
        if schema is None:
            tokens, forms = _strip_legal_forms(tokens)
    return PreparedName(original=name, normalised=norm, tokens=tuple(tokens),
                        removed_titles=tuple(titles), legal_forms=tuple(forms), is_org=is_org,
                        skeletons=tuple(skeleton(t) for t in tokens))


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
