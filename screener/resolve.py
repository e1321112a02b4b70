"""Within-document resolution: short forms join the full name the same document gives.

News text names an actor in full once and then by surname ("Putin"), by the acronym given in
parentheses ("Myanma Investment and Commercial Bank (MICB)" ... "MICB"), or with a
possessive ("Kamaz’s"). Each such mention is given the full form's name, so the actor is one
entity with all its mentions and sentences. A short form that is the only form in the
document stays as it is written: "Putin said" alone still names Putin.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from screener.names import LEGAL_FORMS, normalise
from screener.newstext import ORGANIZATION, PERSON, Mention, is_common, places

# Words before a place: prepositions, and the verbs of fighting over towns ("seized Laukkai").
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|outside|inside|via|into|seized|captured|overran|"
                       r"shelled|bombed|recaptured|retook)\s+$")
# "seized Laukkai and Chinshwehaw": the second of two places after such a word.
_LOCATIVE_LIST = re.compile(r"\b(?:in|seized|captured|overran|shelled|bombed)\s+[A-Z][\w’'-]*\s+and\s+$")
_NEAR = re.compile(r"\b(?:near|outside|around|towards|toward)\s+$")
_PLACE_WORDS = r"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?"
_WITH_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|to|between|outside)\s+(" + _PLACE_WORDS
                                + r")\s*,?\s+(?:and|or)\s+$")
_WITH_PLACE_AFTER = re.compile(r"^\s*,?\s+(?:and|or)\s+(" + _PLACE_WORDS + r")")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|from|near|to|between|outside)\s+$")


def _among_places(text: str, m: Mention) -> bool:
    """A one-word name after "near", or coordinated after a preposition with a known place
    ("to Mandalay and Myawaddy", "from Novosibirsk and Yangon"), is a place."""
    before, after = text[max(0, m.start - 40):m.start], text[m.end:m.end + 40]
    if _NEAR.search(before):
        return True

    def known(name: str) -> bool:
        return normalise(name) in places() or normalise(name.split()[0]) in places()

    b = _WITH_PLACE_BEFORE.search(before)
    if b and known(b.group(1)):
        return True
    a = _WITH_PLACE_AFTER.match(after)
    return bool(a and known(a.group(1)) and _PREPOSITION_BEFORE.search(before))


_PARENTHESISED = re.compile(r"\s*\(\s*[“\"‘']?([^()“”\"'‘’]{2,12}?)[”\"’']?"
                            r"(?:\s+or\s+[“\"‘']?([^()“”\"'‘’\s]{2,12})[”\"’']?)?\s*\)")


def initials(name: str) -> set[str]:
    """Initials with and without connectors, and with numbers kept: JFM for Justice for
    Myanmar, MICB for Myanma Investment and Commercial Bank, MEC, ME1."""
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalnum()]
    every = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper() or w[0].isdigit()).upper()
    numbered = "".join(w if w.isdigit() else w[0] for w in words if w[0].isupper() or w.isdigit())
    return {every, capitals, numbered.upper()}


def resolve(text: str, mentions: list[Mention],
            names_no_actor: Callable[[list[str]], bool] = lambda words: False) -> list[Mention]:
    """The mentions with short forms named by their full form (in place), and single-word
    person mentions that neither join a full name nor look like a name dropped.
    names_no_actor: whether words surely name no actor (a treaty, a programme)."""
    mentions = sorted(mentions, key=lambda m: m.start)
    # A short form that abbreviates no actor is none wherever it is used ("ATF" again later).
    others = {m.text for m in mentions if _abbreviates_other(text, m, mentions, names_no_actor)}
    mentions = [m for m in mentions if m.text not in others or m.method == "gazetteer"]
    defined = _parenthesised_acronyms(text, mentions)
    mentions = [m for m in mentions if m.method != "legal form"]
    people = [m for m in mentions if m.type == PERSON and len(m.name.split()) >= 2]
    orgs = [m for m in mentions if m.type == ORGANIZATION and len(m.name.split()) >= 2]
    mentions = sorted(mentions + _more_uses(text, mentions, defined), key=lambda m: m.start)
    out = []
    for m in mentions:
        words = m.name.split()
        if len(words) == 1:
            full = defined.get(m.text) if m.method != "alias" else None
            full = full or _full_person(m, people) or _full_org(m, orgs)
            if full is not None:
                m.name, m.type = full.name, full.type
            elif m.type == PERSON and (is_common(m.name) or m.name.isupper()) and not m.titles:
                continue  # a lone common word ("State", "Will") or acronym is no person
            elif m.type == PERSON and not m.titles and (
                    _LOCATIVE.search(text[max(0, m.start - 12):m.start])
                    or _LOCATIVE_LIST.search(text[max(0, m.start - 60):m.start])):
                continue  # "in Vladivostok": a place the recogniser took for a person
            elif not m.titles and m.method in ("ner", "rules") and _among_places(text, m):
                continue  # "near Laiza", "from Novosibirsk and Irkutsk": places, not actors
        elif m.type == PERSON and not m.titles and (company := _company_opened(m, orgs)):
            m.name, m.type = company.name, ORGANIZATION  # "Mega Hill" after "Mega Hill ... Co."
        elif m.type == PERSON or m.method == "ner" and not m.titles and _named_like(m, people):
            full = _longer_person(m, people)
            if full is not None:  # "Aung Hlaing's meeting", typed a body, is Min Aung Hlaing's
                m.name, m.type = full.name, PERSON
        elif any(normalise(p.name) == normalise(m.name) for p in people):
            m.type = PERSON  # "Win Myint’s company": the person named before
        out.append(m)
    return _agreed_types(out)


# How much a proposer's type counts: the context (cues, the lists) over name shapes over the
# recogniser's guess.
_TYPE_WEIGHT = {"cue": 3, "alias": 3, "gazetteer": 3, "rules": 2}


def _agreed_types(mentions: list[Mention]) -> list[Mention]:
    """One name, one type in a document: "Norinco" tagged a person once and an organisation
    three times is an organisation (the weightier type; an organisation on a tie)."""
    votes: dict[str, dict[str, int]] = {}
    for m in mentions:
        tally = votes.setdefault(normalise(m.name), {})
        tally[m.type] = tally.get(m.type, 0) + _TYPE_WEIGHT.get(m.method, 1)
    for m in mentions:
        tally = votes[normalise(m.name)]
        if len(tally) > 1:
            m.type = max(tally, key=lambda t: (tally[t], t == ORGANIZATION))
    return mentions


def _parenthesised_acronyms(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """ "No. 1 Mining Enterprise (ME1)": the form in parentheses right after an organisation
    names it, whatever its letters, there and everywhere else in the document."""
    by_start = {m.start: m for m in mentions}
    defined: dict[str, Mention] = {}
    for m in mentions:
        if m.type != ORGANIZATION:
            continue
        found = _PARENTHESISED.match(text, m.end)
        if not found:
            continue
        short = by_start.get(found.start(1))
        if short is not None and normalise(short.text) in LEGAL_FORMS:
            short.method = "legal form"  # "VTB Bank (PJSC)": not another name; dropped below
            continue
        for group in (1, 2):  # "(MEHL or MEHPCL)": two short forms of one name
            short = by_start.get(found.start(group)) if found.group(group) else None
            if short is not None and short is not m and len(short.name.split()) == 1:
                defined.setdefault(short.text, m)
                short.name, short.type = m.name, ORGANIZATION
                short.method = "alias"
            elif short is None and group == 2 and found.group(2) and found.group(2).isupper():
                defined.setdefault(found.group(2), m)  # found by its other uses below
    return defined


def _more_uses(text: str, mentions: list[Mention], defined: dict[str, Mention]) -> list[Mention]:
    """Every other use of a short form the document defined ("Neither MEHPCL nor ..."), as a
    mention of the organisation, with its sentence."""
    from screener.newstext import sentences

    out: list[Mention] = []
    if not defined:
        return out
    sents = sentences(text)
    for short, full in defined.items():
        for found in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            start, end = found.start(), found.end()
            if any(m.start < end and start < m.end for m in mentions + out):
                continue
            sentence = next((s.text for s in sents if s.start <= start < s.end), "")
            out.append(Mention(start, end, short, full.name, ORGANIZATION, "alias", [], sentence))
    return out


def _abbreviates_other(text: str, m: Mention, mentions: list[Mention],
                       names_no_actor: Callable[[list[str]], bool]) -> bool:
    """ "a Memorandum of Understanding (MoU)", "aviation turbine fuel (ATF)", "the Nuclear
    Non-proliferation Treaty (NPT)": a short form in parentheses whose letters are the words
    just before it, where those words name no actor."""
    if text[m.start - 1:m.start] != "(" or " " in m.name:
        return False
    words = re.findall(r"[A-Za-z][\w-]*", text[max(0, m.start - 120):m.start - 1])
    found_before = any(o is not m and o.end <= m.start - 1 and not text[o.end:m.start - 1].strip()
                       for o in mentions)
    if words and words[-1].islower() and words[-1] not in ("of", "for", "and", "the") \
            and m.type == ORGANIZATION and not found_before and m.text.isupper():
        return True  # "a small modular nuclear power plant (SMR)": a thing's short form
    short = m.text.replace(".", "")
    for size in range(len(short) + 1, 1, -1):
        if short.upper() in initials(" ".join(words[-size:])):
            if m.type != ORGANIZATION:
                return False
            # Mixed case (MoU) marks an abbreviation of ordinary words, not a body's acronym.
            if any(c.islower() for c in m.text):
                return True
            found_before = any(o is not m and o.end <= m.start - 1
                               and not text[o.end:m.start - 1].strip() for o in mentions)
            named = words[-size:]
            return not found_before and (all(w.islower() for w in named)
                                         or names_no_actor(named))
    return False


def _full_person(m: Mention, people: list[Mention]) -> Mention | None:
    """The nearest full name before (else after) the mention that has this word as a name part
    ("Putin" -> "Vladimir Putin"); None when none has, or when two different persons do."""
    word = normalise(m.name)
    candidates = [p for p in people if word in normalise(p.name).split() and p is not m]
    names = {normalise(p.name) for p in candidates}
    if not candidates or len(_distinct(names)) > 1:
        return None
    before = [p for p in candidates if p.start < m.start]
    return before[-1] if before else candidates[0]


def _distinct(names: set[str]) -> list[str]:
    """Names that are not short forms of one another."""
    out: list[str] = []
    for n in sorted(names, key=lambda n: -len(n.split())):
        if not any(set(n.split()) <= set(o.split()) for o in out):
            out.append(n)
    return out


def _named_like(m: Mention, people: list[Mention]) -> bool:
    """The mention's words end a person's longer name given before it."""
    words = normalise(m.name).split()
    return any(normalise(p.name).split()[-len(words):] == words and p.start < m.start
               and len(p.name.split()) > len(words) for p in people)


def _longer_person(m: Mention, people: list[Mention]) -> Mention | None:
    """A shorter form of a longer name in the document: first and last word in place ("Igor
    Sechin" for "Igor Ivanovich Sechin") or its last words ("Suu Kyi"); a name's first words
    are another person ("Aung San" is not "Aung San Suu Kyi")."""
    words = normalise(m.name).split()
    for p in people:
        full = normalise(p.name).split()
        if len(full) > len(words) and (full[0] == words[0] and full[-1] == words[-1]
                                       or full[-len(words):] == words and p.start < m.start):
            # "Igor Sechin"; "Suu Kyi", "Myint Tun" after "Moe Myint Tun" (before it, "Tay Za"
            # is another man than "Pye Phyo Tay Za", his son, introduced later)
            return p
    return None


def _company_opened(m: Mention, orgs: list[Mention]) -> Mention | None:
    """A company named in full before, whose name opens with the mention's words and ends in a
    legal form: "Mega Hill" after "Mega Hill General Trading Co." is the company's short name,
    not a person (a university or foundation named after a person ends in no legal form)."""
    words = normalise(m.name).split()
    for o in orgs:
        full = normalise(o.name).split()
        if o.start < m.start and len(full) > len(words) and full[:len(words)] == words \
                and full[-1] in LEGAL_FORMS:
            return o
    return None


def _full_org(m: Mention, orgs: list[Mention]) -> Mention | None:
    """An acronym or one word that abbreviates an organisation named in full in the document."""
    word = m.name.replace(".", "")
    if not (word.isupper() and 2 <= len(word) <= 8):
        return None
    hits = [o for o in orgs if word.upper() in initials(o.name)]
    names = {o.name for o in hits}
    return hits[0] if len(names) == 1 else None
