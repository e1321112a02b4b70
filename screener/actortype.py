"""Whether words name an actor, and which kind: a person, an organisation, or nothing.

Every proposer's candidate (the rules', the recogniser's, the lists') is typed by the same
tests, so "Entity List", "Shan State" or "Light Infantry Divisions" is no actor whoever found
it. classify reads the words alone; recognised_type weighs the recogniser's label against
them where the words give the rules nothing to go on ("Rosneft", "Human Rights Watch").
"""

from __future__ import annotations

import re

from screener.actorwords import (
    ABSTRACT_HEADS,
    BUILDING_HEADS,
    COMPANY_SUFFIXES,
    DATE_WORDS,
    DESCRIBING_WORDS,
    DOCUMENT_WORDS,
    EVENT_HEADS,
    FURNITURE_WORDS,
    GENERIC_ORG_WORDS,
    GENERIC_PERSON_WORDS,
    HONORIFICS,
    MILITARY_UNIT_HEADS,
    NAME_PARTICLE,
    NATIONAL_NAME_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_TRADE_WORDS,
    ORG_WORD_ENDINGS,
    PERSON_TITLES,
    PLACE_HEADS,
    VESSEL_PREFIXES,
    VESSEL_WORDS,
    WEB_ADDRESS,
)
from screener.names import is_burmese_like, normalise
from screener.newstext import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    MONTHS,
    NOT_ACTOR_ACRONYMS,
    ORGANIZATION,
    PERSON,
    WEAPON_MODEL,
    demonyms,
    is_common,
    places,
)
from screener.roles import ABSTRACT_ENDINGS, OFFICE_WORDS, role_length

# "G7", "G20": groups of states, not weapon models.
GROUP_OF_STATES = re.compile(r"^G\d{1,2}$")
# "66th Light Infantry Division": a unit's number.
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
# "MICB", "AT&T": an acronym written as one word.
ACRONYM_WORD = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


def _names_a_system(lowered: list[str]) -> bool:
    """ "Cross-Border Interbank Payment System": a payment or messaging system is no actor
    (labelling rule 4); its operator is, where named."""
    return len(lowered) >= 2 and (
        lowered[-1] in ("system", "systems", "network")
        and lowered[-2] in ("payment", "payments", "messaging", "clearing", "settlement", "card")
        or lowered[-2] in ("sanction", "sanctions")  # "Myanmar Sanctions Regime"
        and lowered[-1] in ("regime", "regimes", "programme", "program", "framework"))


def _remit_only(lowered: list[str]) -> bool:
    """ "Natural Resources", "Terrorism and Financial Intelligence": what an office deals
    with, no body's name (a head word makes one: "Security Council")."""
    return len(lowered) > 1 and all(w in OFFICE_WORDS or w.endswith(ABSTRACT_ENDINGS)
                                    for w in lowered) \
        and not any(w in ORG_HEADS for w in lowered)


def _names_an_event(lowered: list[str]) -> bool:
    """ "(Moscow) Conference on International Security", "Forum on ...": an event's name,
    unless a body's head word comes first ("Council of the Forum ...")."""
    return any(w in EVENT_HEADS and nxt in ("on", "of", "for")
               and not any(x in ORG_HEADS for x in lowered[:i])
               for i, (w, nxt) in enumerate(zip(lowered, lowered[1:], strict=False)))


def _units_of_a_kind(lowered: list[str]) -> bool:
    """ "Light Infantry Divisions": a kind of unit in the plural, no unit named."""
    last = lowered[-1] if lowered else ""
    return last.endswith("s") and last[:-1] in MILITARY_UNIT_HEADS and not any(
        w.isdigit() or ORDINAL.match(w) for w in lowered)


def _is_document_word(word: str) -> bool:
    """ "Regulations", "Act", "Treaty": the last word of a law's or an agreement's name."""
    return word in DOCUMENT_WORDS or (word.endswith("s") and word[:-1] in DOCUMENT_WORDS)


def is_national_branch(words: list[str]) -> bool:
    """ "Burma Campaign UK", "Amnesty International UK": a body's name, then the code of the
    country of its branch; the words between are no place."""
    from screener.countries import to_iso2

    lowered = [normalise(w) for w in words]
    middle = lowered[1:-1]
    return 3 <= len(words) <= 5 and bool(middle) and words[-1].isupper() \
        and 2 <= len(words[-1]) <= 3 and to_iso2(words[-1]) is not None \
        and all(w.isalpha() and w not in places() and w not in demonyms()
                and w not in FUNCTION_WORDS and w not in ORG_CONNECTORS for w in middle) \
        and lowered[0] not in FUNCTION_WORDS


def is_national_name(lowered: list[str]) -> bool:
    """ "Russian Navy", "Indian Railways": a country's word and one capitalised head name one
    body; "Russian Forces", "the Ministry" describe."""
    from screener.countries import to_iso2

    country = " ".join(lowered[:-1])
    return len(lowered) >= 2 and lowered[-1] in NATIONAL_NAME_HEADS \
        and (country in places() | demonyms()
             or len(country.replace(" ", "")) <= 3 and to_iso2(country.replace(" ", "")) is not None)


def _is_plural_head_of(lowered: list[str]) -> bool:
    """ "Ministries of Internal Affairs, Culture ...": a plural head before "of" lists several
    bodies, not one. ("Armed Forces of Myanmar" stays: "force" is no head on its own.)"""
    for k, w in enumerate(lowered[:-1]):
        if w in ORG_HEADS:
            singular = w[:-3] + "y" if w.endswith("ies") else w[:-1]
            return w.endswith("s") and singular in ORG_HEADS and lowered[k + 1] == "of" \
                and w != "forces"  # one body: "Armed Forces of Ukraine"
    return False


def classify(words: list[str], titles: list[str]) -> str | None:
    """person, organization, or None when the words are not an actor's name."""
    lowered = [normalise(w) for w in words]
    if not lowered or not any(lowered):
        return None
    joined = " ".join(lowered)
    if joined in places() or joined in MONTHS:
        return None
    last = lowered[-1]
    if last in EVENT_HEADS or _is_document_word(last):
        return None  # "Entity List", "Export Administration Regulations"
    if _units_of_a_kind(lowered) or _remit_only(lowered) or _names_a_system(lowered) \
            or last in PEOPLE_KINDS:
        return None
    if last in ABSTRACT_HEADS and not any(w in ORG_HEADS for w in lowered):
        return None
    if all(len(t) == 1 for t in joined.split()):
        return None  # "U.S.", initials alone
    if lowered[0] in VESSEL_WORDS or tuple(lowered) in PERSON_TITLES \
            or words[0] in VESSEL_PREFIXES:
        return None  # "MT Yu Dong": a ship
    if any(w in FURNITURE_WORDS for w in joined.split()):
        return None  # "AP Photo", "Download PDF"
    if any(w in DOCUMENT_WORDS and n.isdigit() for w, n in zip(lowered, lowered[1:], strict=False)):
        return None  # "Executive Order 14014", "Resolution 2231"
    if last in BUILDING_HEADS or lowered[0] in DOCUMENT_WORDS or _names_an_event(lowered):
        return None  # "Shwezigon Pagoda", "Memorandum of Understanding"
    if role_length(joined.split() + ["x"]) >= len(joined.split()):
        return None  # a role without a name: "Special Rapporteur", "Minister for Asia"
    if (last in COMPANY_SUFFIXES or lowered[0] in COMPANY_SUFFIXES) and len(lowered) > 1:
        return ORGANIZATION  # "Evraz plc", "PJSC Sberbank"
    if len(lowered) > 1 and last in PLACE_HEADS and not any(w in ORG_HEADS for w in lowered):
        return None  # "Shan State", "Hlaing Tharyar Township", "Donetsk People's Republic"
    if is_national_branch(words):
        return ORGANIZATION  # "Burma Campaign UK"
    if len(lowered) == 2 and lowered[1] in places() and lowered[0] not in places() \
            and lowered[0] not in demonyms() and not is_common(words[0]) \
            and not any(c == "." for c in words[0]):
        return ORGANIZATION  # a company's national arm: "Telenor Myanmar"
    if len(lowered) > 1 and any(w in ORG_TRADE_WORDS for w in lowered[1:]) \
            or is_national_name(lowered) \
            or any(w.endswith(ORG_WORD_ENDINGS) and len(w) > 6 and not is_common(w) for w in lowered):
        return ORGANIZATION  # "Daimler Truck", "Puma Energy Irrawaddy", "U.S. Treasury"
    if any(w in ORG_HEADS for w in lowered) or any(w in ORG_CONNECTORS for w in lowered[1:-1]):
        if is_national_name(lowered):
            return ORGANIZATION
        describing = DESCRIBING_WORDS if "of" not in lowered and not any(
            w in places() or w in demonyms() for w in lowered) else frozenset()
        if all(w in ORG_HEADS or w in ORG_CONNECTORS or w in places() or w in demonyms()
               or w in describing for w in lowered):
            return None  # "the Ministry", "Russian Forces": a description, not a named body
        if _is_plural_head_of(lowered):
            return None
        return ORGANIZATION
    if len(words) == 1 and titles and len(words[0]) > 1 and words[0][1:].islower() \
            and lowered[0] not in places() | demonyms() | FUNCTION_WORDS | GENERIC_PERSON_WORDS \
            and set(titles) & HONORIFICS:
        return PERSON  # "Dr. Sasa", "U Nu": one name after an honorific
    if sum(len(normalise(w.replace("-", "")).split()) for w in words) < 2 or len(words) > 5:
        return None
    if any("." in w and not re.fullmatch(r"(?:[A-Z]\.)+[A-Za-z]*", w) for w in words):
        return None  # web addresses, not names
    if any(w in DATE_WORDS or w in places() or w in demonyms() or w in GENERIC_PERSON_WORDS
           or w.isdigit() for w in lowered):
        return None
    caps = [w for w in words if w.isalpha() and w.isupper() and len(w) > 3]
    if caps and not titles and not _is_listed_person(words):
        return None  # "MRTV", "TASS ..." headings and acronyms
    if all(is_common(w) for w in words) and not titles or _no_persons_name(words):
        return None
    return PERSON


def _is_listed_person(words: list[str]) -> bool:
    """ "Aleksandr Viktorovich PETROV": a surname in capitals, as sanctions notices write it,
    at one end of given names in title case."""
    caps = [i for i, w in enumerate(words) if w.replace("-", "").isalpha() and w.isupper()]
    rest = [w for i, w in enumerate(words) if i not in caps]
    return len(caps) == 1 and caps[0] in (0, len(words) - 1) and 1 <= len(rest) <= 3 and all(
        w[:1].isupper() and w[1:].islower() and not is_common(w) for w in rest)


def recognised_type(words: list[str], titles: list[str], ruled: str | None, label: str,
                    starts_sentence: bool) -> str | None:
    """The type of a name the recogniser proposed: the rules' where they read a title or an
    organisation word, the recogniser's where they had nothing to go on ("Rosneft",
    "Human Rights Watch"), none where the words are a place, a furniture word or a common word."""
    low = [normalise(w) for w in words]
    joined = " ".join(low)
    if not joined or joined in places() or joined in MONTHS or joined in demonyms() \
            or all(w in places() for w in low) \
            or any(w in FURNITURE_WORDS for w in joined.split()) \
            or (any(WEAPON_MODEL.match(w) and not GROUP_OF_STATES.match(w) for w in words)
                and low[-1] not in ORG_HEADS) \
            or all(w in FUNCTION_WORDS for w in low):
        return None
    if low[-1] in EVENT_HEADS or low[-1] in BUILDING_HEADS or _is_document_word(low[-1]) or low[0] in DOCUMENT_WORDS \
            or _names_an_event(low) \
            or role_length(low + ["x"]) >= len(low) or _is_plural_head_of(low) \
            or _units_of_a_kind(low) or _remit_only(low) or _names_a_system(low) \
            or low[-1] in PEOPLE_KINDS \
            or (low[-1] in ABSTRACT_HEADS and not any(w in ORG_HEADS for w in low)) \
            or any(WEB_ADDRESS.search(w) for w in words) \
            or (len(low) == 1 and (low[0] in ABBREVIATIONS or (low[0],) in PERSON_TITLES
                                   or low[0].replace(" ", "") in NOT_ACTOR_ACRONYMS)):
        return None
    if not words[0][:1].isupper() and not words[0][:1].isdigit():
        return None  # "air force chiefs": a description in lower case
    if words[0] in VESSEL_PREFIXES and len(words) > 1:
        return None
    if ruled is not None and (titles or any(w in ORG_HEADS | COMPANY_SUFFIXES for w in low)
                              or (ruled == ORGANIZATION and low[-1] in ORG_TRADE_WORDS)):
        return ruled  # "Puma Energy" is a company whatever the recogniser says
    if ruled == PERSON and (_is_listed_person(words) or is_burmese_like(low)):
        return PERSON  # "Khin Phyu Win": Burmese syllables only, a person's name
    if len(low) == 1 and low[0] in ARMED_FORCES_NAMES:
        return ORGANIZATION
    if label == "ORG":
        if len(words) == 1 and not (words[0].isupper() and len(words[0]) >= 2) and (
                len(words[0]) < 3 or starts_sentence and is_common(words[0])
                or low[0] in ORG_HEADS | GENERIC_ORG_WORDS | OFFICE_WORDS
                or (is_common(words[0]) and low[0].endswith("ing"))):
            return None
        if is_national_name(low):
            return ORGANIZATION  # "US Treasury", "Russian Navy"
        if all(w in places() or w in demonyms() or w in GENERIC_ORG_WORDS or w in ORG_CONNECTORS
               for w in low):
            return None  # "Canadian Government": the country acting, not a named body
        if len(low) > 1 and "of" not in low and not any(
                w in places() or w in demonyms() for w in low) and all(
                w in ORG_HEADS | DESCRIBING_WORDS | ORG_CONNECTORS or w in places()
                or w in demonyms() for w in low):
            return None  # "Air Force", "the Armed Forces": which country's, the text says elsewhere
        if len(low) > 1 and low[-1] in PLACE_HEADS:
            return None
        return ORGANIZATION
    if label == "PERSON":
        if any(w.endswith(ORG_WORD_ENDINGS) and len(w) > 6 and not is_common(w) for w in low) \
                or len(low) > 1 and any(w in ORG_TRADE_WORDS | ORG_HEADS for w in low):
            return ORGANIZATION  # "Promsvyazbank", "Puma Energy Irrawaddy", tagged as persons
        if any(w in places() or w in demonyms() or w in DATE_WORDS or w.isdigit() for w in low):
            return None
        if len(words) == 1 and (is_common(words[0]) and starts_sentence or words[0].isupper()
                                or not words[0][:1].isupper()):
            return None
        if any(not w[:1].isupper() and not NAME_PARTICLE.match(w) for w in words):
            return None
        if _no_persons_name(words):
            return None
        return PERSON
    if label in ("GPE", "NORP") and len(words) == 1 and ACRONYM_WORD.match(words[0]) \
            and len(words[0]) <= 6 and not is_country_code(words[0]):
        return ORGANIZATION  # "the US, UK, EU and Canada": the EU is a body, the US a country
    return ruled if ruled == ORGANIZATION and label in ("NORP", "GPE", "FAC", "PRODUCT") \
        and any(w in ORG_HEADS for w in low) else None


def _no_persons_name(words: list[str]) -> bool:
    """ "Frequently Asked Questions" (inflected dictionary words), "C.F.R. Part" (a code's
    abbreviation): shaped like a name, no one's."""
    if len(words) > 1 and all(_dictionary_word(w) for w in words) \
            and any(w.lower().endswith(("ly", "ed", "ing")) and not is_common(w) for w in words):
        return True
    return any(normalise(w).replace(" ", "") in NOT_ACTOR_ACRONYMS for w in words)


def _dictionary_word(word: str) -> bool:
    """A dictionary word, or one with an inflection ("Asked", "Frequently")."""
    w = word.lower()
    return is_common(w) or any(w.endswith(x) and is_common(w[:-len(x)]) for x in ("ly", "ed", "d"))


def is_country_code(word: str) -> bool:
    from screener.countries import to_iso2

    return normalise(word) in places() or to_iso2(word) is not None


def names_no_actor(words: list[str]) -> bool:
    """Words that end as a treaty's, a programme's or a building's name do ("the Nuclear
    Non-proliferation Treaty (NPT)")."""
    last = normalise(words[-1]) if words else ""
    return last in EVENT_HEADS | BUILDING_HEADS or _is_document_word(last)


# One-word names of armed forces (labelling rule 2: "Tatmadaw" is named, "the military" is not).
ARMED_FORCES_NAMES = frozenset({"tatmadaw", "sit-tat", "sittat"})
# Kinds of listed parties: "Specially Designated Nationals", "Blocked Persons" name no body.
PEOPLE_KINDS = frozenset("nationals persons individuals entities".split())
