"""Names that are shaped like actors' and name something else: places, vessels, works,
payment systems, events, products, descriptions.

"the village of Akyi Pan Palun", "the tanker Huitong 78", "a report titled Business as
Usual", "the SWIFT international payment system", "the Sukhoi Su-30", "Tatmadaw Troops":
the words around a name, or its own last words, say what it names. A name used as a thing
once is one throughout its document (extract_mentions asks named_as_thing with here=False).
"""

from __future__ import annotations

import re

from screener.actorwords import (
    COMPANY_SUFFIXES,
    COUNTED_NOUNS,
    DESCRIBING_COMPOUND,
    GENERIC_PERSON_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_TRADE_WORDS,
    PERSON_TITLES,
    PLACE_HEADS,
    VESSEL_WORDS,
)
from screener.names import normalise
from screener.newstext import (
    ORGANIZATION,
    PERSON,
    POSSESSIVE,
    WEAPON_MODEL,
    Mention,
    demonyms,
    is_common,
    places,
)
from screener.roles import ROLE_NOUNS

# "Sukhoi Su-30", "Kamov Ka-52": a maker's name before a model designation names the product.
_MODEL_AFTER = re.compile(r"^[ \t]+([A-Z][A-Za-z]{0,9}-?[A-Z]{0,3}\d+[A-Za-z0-9-]*)")
# Plurals of people and things that end descriptions, never a body's name ("Police
# Outposts", "Local Residents", "Restrictive Measures"); after a name they describe it
# ("Tatmadaw Troops").
DESCRIBED_PLURALS = frozenset("""troops soldiers generals officers officials residents villagers
protesters civilians outposts strikes airstrikes measures sanctions refugees activists""".split())


def trimmed(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name followed by a describing plural keeps the name ("Tatmadaw Troops" is the
    Tatmadaw); a description made only of such words, common words and places is dropped."""
    out = []
    for m in mentions:
        words = m.name.split()
        low = [normalise(w) for w in words]
        if len(low) > 1 and low[-1] in DESCRIBED_PLURALS and not m.titles:
            head = [w for w, lw in zip(words[:-1], low[:-1], strict=True)
                    if not (is_common(w) or lw in places() or lw in demonyms())]
            if not head:
                continue
            cut = m.text.rstrip().rfind(words[-1])
            if cut > 0:
                span = m.text[:cut].rstrip()
                m = Mention(m.start, m.start + len(span), span, " ".join(words[:-1]), m.type,
                            m.method, m.titles, m.sentence, m.list_key)
        elif len(low) == 2 and low[-1] in LEADER_BODIES and not m.titles \
                and words[0][:1].isupper() and not words[0].isupper() \
                and not (is_common(words[0]) or low[0] in places() or low[0] in demonyms()):
            # "the Biden Administration", "the Putin regime": the leader is the actor named.
            at = m.start + m.text.rfind(words[0])
            m = Mention(at, at + len(words[0]), words[0], words[0], PERSON, m.method, [],
                        m.sentence)
        out.append(m)
    return out


# Bodies named after their leader: "the Biden Administration", "the Putin regime".
LEADER_BODIES = frozenset("administration regime".split())


def not_an_actor(text: str, m: Mention) -> bool:
    """Spans the proposers keep that no researcher would list: a legal form alone ("Pte.
    Ltd."), a maker's name in a product's ("Sukhoi Su-30"), a sentence-opening verb before a
    place ("Using Russia’s ..."), plural common nouns read as a person ("Companies Supplying
    Arms")."""
    low = [normalise(w) for w in m.name.split()]
    low = [w for w in low if w]
    if not low or all(w in COMPANY_SUFFIXES for w in low):
        return True
    if len(m.name.split()) == 1 and DESCRIBING_COMPOUND.match(m.name):
        return True  # "Washington-based analyst ...": a description, no name
    at = next((i for i, w in enumerate(low[:-1]) if w in PLACE_HEADS | {"town", "towns"}
               and low[i + 1] == "of"), None)
    if at is not None and not any(w in ORG_HEADS for w in low):
        return True  # "the Chinese Border Town of Ruili": a place
    if len(low) == 1 and m.type == ORGANIZATION and m.method != "gazetteer" and (
            low[0] in ROLE_NOUNS | GENERIC_PERSON_WORDS or low[0].removesuffix("s") in ROLE_NOUNS
            or (low[0],) in PERSON_TITLES or low[0].removesuffix("s") in GENERIC_PERSON_WORDS
            or (low[0].removesuffix("s"),) in PERSON_TITLES):
        return True  # "the Council's Spokesperson", "barred the Generals": roles, no name
    if len(low) == 1 and re.search(r"(?<![\w-])(?!\d+(?:st|nd|rd|th)\s)(?=[\w-]*\d)(?=[\w-]*[A-Za-z])"
                                   r"[\w-]{2,12}\s+$", text[max(0, m.start - 14):m.start]):
        return True  # "the Soviet-era 2K12 Kub": a model's name after its code
    if len(low) == 1 and m.type == ORGANIZATION and _MODEL_AFTER.match(text[m.end:m.end + 30]) \
            and WEAPON_MODEL.match(_MODEL_AFTER.match(text[m.end:m.end + 30]).group(1)):
        return True
    if len(low) > 1 and low[0].endswith("ing") and any(is_common(w) for w in (
            low[0], low[0][:-3], low[0][:-3] + "e")) \
            and low[0] not in ORG_TRADE_WORDS | ORG_HEADS \
            and all(w in places() or w in demonyms() for w in low[1:]):
        return True
    if m.type == PERSON and any(w.endswith("s") and w in ORG_NOUNS | COUNTED_NOUNS for w in low):
        return True
    if m.type == PERSON and not m.titles and _FACILITY_AFTER.match(text[m.end:m.end + 30]):
        return True  # "the Letpadaung mine", "the Thilawa port": a site, no one's name
    if m.type == PERSON and not m.titles and re.search(r"\b(?:in|at|near)\s+$", text[m.start - 8:m.start]) \
            and not POSSESSIVE.search(m.text) and not re.match(r"^(?:’s|'s)", text[m.end:m.end + 2]):
        return True  # "visited the academy in Pyin Oo Lwin": a place the recogniser took for a person
    if len(low) == 1 and m.method == "ner" and is_common(m.name) and not m.name.isupper() \
            and (re.search(r"[A-Z][\w’'-]*[ \t]$", text[max(0, m.start - 30):m.start])
                 or re.match(r"^[ \t][A-Z]", text[m.end:m.end + 3])):
        return True  # "Burma Campaign UK" cut to "Campaign": a common word from a longer name
    if len(low) == 1 and m.method == "ner" and m.name[:1].isupper() and not m.name.isupper() \
            and low[0].endswith("s") and is_common(low[0][:-1]) and is_common(low[0]) \
            and low[0] not in ORG_HEADS:
        return True  # "supplied the Parts": a capitalised plural noun, no body's name
    return False


_FACILITY_AFTER = re.compile(r"^\s+(?:copper\s+|gas\s+|oil\s+|jade\s+|gold\s+|deep-sea\s+)?(?:mine|mines|"
                             r"port|refinery|terminal|field|dam|pipeline|airport|airbase|base|"
                             r"project|camp|prison|jail|hospital)\b")
_PLACE_NOUNS = r"(?:village|villages|town|towns|city|township|townships|district|region|province|county|island|state)"
_PLACE_BEFORE = re.compile(r"\b" + _PLACE_NOUNS + r"\s+of\s+$")
_PLACE_AFTER = re.compile(r"^(?:\s+and\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?\s+" + _PLACE_NOUNS
                          + r"(?![\w-])(?!\s+(?:news|media|television|TV|radio|broadcaster|agency|"
                          r"company|companies|firm|bank|enterprise|enterprises|oil|gas)\b)")
# ... "in Thayet Kine and Myakantha villages"; not "the RIA state news agency"
# "the SWIFT international payment system": a system's name, no actor's (labelling rule 4).
_SYSTEM_AFTER = re.compile(r"^\s+(?:(?:international|interbank|global|national|financial|"
                           r"cross-border)\s+)*(?:payments?|messaging|card|clearing|settlement)\s+"
                           r"(?:system|network|scheme)s?\b|^\s+(?:bank\s+|payment\s+)?cards?\b")
# "the MIR Card System": the words before it name the system wherever they stand alone.
_SYSTEM_NAME = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?:[Cc]ard|[Pp]ayments?)\s+"
                          r"[Ss]ystems?\b")
# "the HeliRussia exhibition", "the Army-2022 forum": the name of an event, not of an actor.
_EVENT_AFTER = re.compile(r"^\s+(?:(?:air|arms|trade|defen[cs]e|military|naval|economic|business|"
                          r"investment|energy|security|annual|international|industry|aerospace|"
                          r"aviation|maritime|motor)\s+)?"
                          r"(?:exhibition|expo|show|festival|forum|summit|fair|games|parade|"
                          r"meeting|conference|session)s?\b")
# "the frigate Admiral Tributs", "the tanker Huitong 78": a vessel's name, not an actor's;
# "a report titled Business as Usual": a work's title.
_VESSEL_OR_TITLE_BEFORE = re.compile(r"\b(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}?(?:"
                                     + "|".join(sorted(VESSEL_WORDS | {"tankers", "ships", "vessels"}))
                                     + r")(?:\s+(?:called|named))?(?:\s+[A-Z][\w.]*)?|(?:en)?titled|dubbed)\s+$")
# "Deadly Cargo, a report into ...": the name of a work, told by what it is.
_WORK_APPOSITION = re.compile(r"^,\s+(?:a|an|the|its|their)\s+(?:(?!of\b|by\b)[\w-]+\s+){0,2}?(?:report|book|film|"
                              r"documentary|study|investigation|podcast|article|series)\b")


def named_as_thing(text: str, m: Mention, here: bool = True) -> bool:
    """A name the words around it make a place ("the village of X", "in X region"), a vessel
    or a work ("the tanker X", "titled X") or a payment system ("the X payment system"): what it
    names, it names throughout the document. here: also an event named after its organiser
    ("the ASEAN summit"), which is no actor there, while ASEAN elsewhere is one."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    before = text[line_start:m.start]
    after = text[m.end:len(text) if line_end < 0 else line_end]
    return bool(_PLACE_BEFORE.search(before[-40:]) or _PLACE_AFTER.match(after)
                or _WORK_APPOSITION.match(after)
                or (re.search(r"\b(?:report|book|film|documentary|study),\s+$", before)
                    and after.startswith(","))  # "Amnesty’s report, Deadly Cargo, traced"
                or here and _EVENT_AFTER.match(after) or _VESSEL_OR_TITLE_BEFORE.search(before[-60:])
                or _SYSTEM_AFTER.match(after))


def named_systems(text: str) -> set[str]:
    """The (normalised) names a document gives payment systems ("the MIR Card System"): no
    actors wherever they stand alone."""
    return {normalise(name) for name in _SYSTEM_NAME.findall(text)}
