"""Organisations the sentence around them names as such: company lists, appositions, nouns
before a one-word name, a place in parentheses inside a company's name.

A one-word name ("Kamaz", "Rostec", "Woodside") has no head word to say what it is; the
sentence does: "arms company Rostec", "a stake in Kamaz", "Kamaz, a truck company",
"TotalEnergies, Chevron, Petronas and Woodside". The recogniser often calls such names
persons, or misses them; these rules type them and add the ones it missed.
"""

from __future__ import annotations

import re

from screener.actorwords import (
    COMPANY_SUFFIXES,
    GENERIC_ORG_WORDS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_NOUNS,
)
from screener.nameruns import opening_function_word
from screener.names import normalise
from screener.newstext import (
    FUNCTION_WORDS,
    MONTHS,
    ORGANIZATION,
    PERSON,
    POSSESSIVE,
    WEAPON_MODEL,
    Mention,
    Sentence,
    Token,
    demonyms,
    is_common,
    places,
)
from screener.roles import OFFICE_WORDS, ROLE_NOUNS, role_length

# "Shwe Byain Phyu, a conglomerate with ...": the noun the apposition is about, not one
# inside it ("Sergey Kogogin, the company’s CEO", "X, the head of the company").
# Nouns only a body is (a person can be a dealer or a broker, not a conglomerate).
BODY_NOUNS = ORG_NOUNS - {"dealer", "trader", "broker", "supplier", "exporter", "operator",
                          "contractor", "producer", "maker", "manufacturer"}
_ORG_APPOSITION = re.compile(r"^,\s+(?:a|an)\s+(?:(?!of\b|for\b|at\b|with\b|in\b)[\w-]+\s+){0,3}?("
                             + "|".join(BODY_NOUNS) + r")\b(?=\s*(?:[,.;)]|(?:with|that|which|"
                             r"based|owned|controlled|in|of|known|linked|close|run|registered|"
                             r"and)\b))")
_APPOSITION = re.compile(r"^,\s+(?:a|an|the|[A-Z][\w-]+(?:’s|'s))\s+(?:[\w-]+\s+){0,6}?(" + "|".join(ORG_NOUNS) + r")\b")
# What a company does, after "the <demonym> X" ("the German Mercedes-Benz also owns 15
# percent"); a person is not introduced as "the German Scholz".
_COMPANY_VERB = re.compile(r"^\s+(?:also\s+|still\s+|now\s+)?(?:owns|holds|controls|acquired|"
                           r"bought|sold|produces|makes|manufactures|supplies|exports|builds)\b")


def single_word_organisation(tok: Token, toks: list[Token], sent: Sentence) -> list[Mention]:
    """A one-word name is an organisation only where the sentence says so: "arms company
    Rostec", "a stake in Kamaz", "Kamaz, a truck company", "the German Mercedes-Benz owns"."""
    word = POSSESSIVE.sub("", tok.text)
    low = normalise(word)
    if (len(word) < 4 or is_common(word) or low in places()
            or low in demonyms() or low in MONTHS or WEAPON_MODEL.match(word) or not word[0].isupper()):
        return []
    i = toks.index(tok)
    before = [t.text.lower() for t in toks[max(0, i - 2):i]]
    after = sent.text[tok.start - sent.start + len(word):]
    national = len(before) == 2 and before[0] == "the" and before[1] in demonyms()
    owner_of = re.match(r"^(?:’s|'s)?\s+(?:subsidiary|subsidiaries|affiliate|affiliates|"
                        r"shareholders|board)\b", after)
    role_after = re.match(r"^\s+((?:[a-z]+\s+){1,3})(?=[A-Z])", after)
    if role_after and not owner_of:  # "Gazprom chief executive Alexei Miller"
        role = role_after.group(1).split()
        owner_of = role_after if role_length(role + ["x"]) >= len(role) \
            and role[-1] in ROLE_NOUNS else None
    maker = bool(before) and before[-1].endswith(("maker", "builder")) and len(before[-1]) > 7
    if owner_of or (before and before[-1] in ORG_NOUNS) or maker or (len(before) == 2 and before[1] == "of" and (
            before[0] in ROLE_NOUNS | ORG_NOUNS | {"general", "unit", "arm", "shareholder"}
            or before[0].removesuffix("ies") + "y" in ORG_NOUNS  # "subsidiaries of Rostec"
            or before[0].removesuffix("s") in ORG_NOUNS)) \
            or before[-2:] in (["stake", "in"], ["shares", "in"],
                                                                ["shareholder", "in"]) \
            or _APPOSITION.match(after) or (national and _COMPANY_VERB.match(after)):
        end = tok.start + len(word)
        # The context says what the name is: its type stands over the recogniser's ("cue").
        return [Mention(tok.start, end, word, word, ORGANIZATION, "cue", [], sent.text)]
    return []


_LIST_ITEM = (r"(?:the[ \t]+)?[A-Z][\w&’'.\-]*"
              r"(?:[ \t]+(?:(?:of|for|in|on)[ \t]+(?:the[ \t]+)?)?[A-Z][\w&’'.\-]*){0,5}")
# "TotalEnergies, Chevron, Petronas, Mitsubishi Corporation and Woodside": three names or more.
_NAME_LIST = re.compile(rf"{_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM})+,?\s+(?:and|or)\s+{_LIST_ITEM}")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# "The two companies – Shwe Byain Phyu and Star Sapphire –": two names after a plural noun.
_NAME_PAIR = re.compile(rf"{_LIST_ITEM}\s+and\s+{_LIST_ITEM}")
_ORG_NOUNS_BEFORE = re.compile(r"\b(?:banks|lenders|companies|firms|conglomerates|corporations|"
                               r"manufacturers|suppliers|insurers|shippers|traders|brokers|"
                               r"exporters|subsidiaries)\s*(?:such\s+as|including|like|[:—–-])\s*$"
                               r"|\b(?:banks|lenders|companies|firms|conglomerates|corporations|"
                               r"manufacturers|suppliers|subsidiaries)\s+$")


def listed_with_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names listed among organisations are organisations: in "TotalEnergies, Chevron,
    Petronas, Mitsubishi Corporation and Woodside" the recogniser's "person" Petronas is a
    company and the word it missed, Woodside, one more. Returns the names it adds; retypes
    one-word persons in place."""
    added: list[Mention] = []
    pairs = [p for p in _NAME_PAIR.finditer(text)
             if _ORG_NOUNS_BEFORE.search(text[max(0, p.start() - 40):p.start()])]
    for found in sorted([*_NAME_LIST.finditer(text), *pairs], key=lambda f: f.start()):
        items, pos = [], found.start()
        for sep in _LIST_SEPARATOR.finditer(found.group()):
            items.append((pos, found.start() + sep.start()))
            pos = found.start() + sep.end()
        items.append((pos, found.end()))
        stop = re.search(r"[.;:!?]\s", text[items[-1][0]:items[-1][1]])
        if stop:  # "... Global Top Link Technologies. Aung Moe Myint": the sentence ends
            items[-1] = (items[-1][0], items[-1][0] + stop.start() + 1)
        if len(items) < 3 and found not in pairs:
            continue
        at = {(b, e): [m for m in mentions if m.start < e and b < m.end] for b, e in items}
        orgs = sum(1 for ms in at.values() if ms and all(m.type == ORGANIZATION for m in ms))
        people = sum(1 for ms in at.values() if any(m.type == PERSON and len(m.name.split()) > 1
                                                     for m in ms))
        named_bodies = _ORG_NOUNS_BEFORE.search(text[max(0, found.start() - 40):found.start()])
        if named_bodies:
            orgs += 2  # "three Russian banks—Otkritie, Novikom and Sovcom"
        if orgs < 2 or people >= orgs and not named_bodies:
            continue
        for (b, e), ms in at.items():
            for m in ms:
                if m.type == PERSON and not m.titles and (len(m.name.split()) == 1 or named_bodies):
                    m.type = ORGANIZATION  # "the two companies – Shwe Byain Phyu and ..."
            e = b + len(text[b:e].rstrip("."))
            if text[b:e].startswith("the "):
                b += 4
            words = text[b:e].split()
            low = [normalise(w) for w in words]
            if ms or not words or opening_function_word(words) or " ".join(low) in places() \
                    or all(w in places() or w in demonyms() or w in MONTHS
                           or w in FUNCTION_WORDS | ORG_CONNECTORS for w in low) \
                    or len(words) == 1 and is_common(words[0]) and (
                        orgs < 3 or low[0] in GENERIC_ORG_WORDS | OFFICE_WORDS | ORG_HEADS):
                continue  # "Lighthouse" among three bodies or more is one more
            added.append(Mention(b, e, text[b:e], " ".join(words), ORGANIZATION, "rules", [],
                                 next((x.sentence for x in ms), "")))
    return added


_PLACE_IN_NAME = re.compile(r"^\s*\(([^()\n]{2,30})\)\s*$")


def join_placed_companies(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place in parentheses inside a company's name joins its halves ("Wanbao Mining (Hong
    Kong) Copper Ltd.", "CNOOC Trading (Singapore) Pte. Ltd."): one company, not two."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        gap = _PLACE_IN_NAME.match(text[prev.end:m.start]) if prev is not None else None
        if prev is not None and gap and normalise(gap.group(1)) in places() \
                and prev.type == ORGANIZATION and not prev.titles \
                and normalise(m.name.split()[-1]) in COMPANY_SUFFIXES:
            span = text[prev.start:m.end]
            out[-1] = Mention(prev.start, m.end, span, " ".join(span.split()), ORGANIZATION,
                              prev.method, [], prev.sentence)
            continue
        out.append(m)
    return out


def retype_appositions(text: str, mentions: list[Mention]) -> None:
    """A "person" an apposition calls a body is one ("Shwe Byain Phyu, a conglomerate with
    ..."): retyped in place."""
    for m in mentions:
        if m.type == PERSON and not m.titles and _ORG_APPOSITION.match(text[m.end:m.end + 80]):
            m.type = ORGANIZATION  # "Shwe Byain Phyu, a conglomerate with ..."
