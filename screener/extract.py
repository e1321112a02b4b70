"""Finding the actors named in news text: persons and organisations, with evidence.

The pipeline. Three proposers, all offline: rules for news text (capitalised name sequences,
ranks and titles, organisation patterns, acronyms defined in parentheses, and the context cues
of screener/cues.py: datelines, bylines, media nouns, reporting acronyms), a gazetteer of the
loaded sanctions lists' names (so a listed actor is found where the rules miss it), and spaCy
NER when a model happens to be installed. Candidates are cleaned by the same rules whatever
found them: places, months, weapon and aircraft models, demonyms and descriptions are not
actors.

The rules, one concept a module: nameruns (runs of name words, where they split),
runmentions (the mentions a run makes), titles (ranks, titles, offices), actortype (which kind
of actor, if any), companies (organisations their sentence names), nonactors (places,
vessels, works, systems named like actors), furniture (headings, captions, credits), merging
(one mention per span), resolve (short forms). This module keeps the sentence-level rules
and runs the passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from screener.actortype import classify, names_no_actor
from screener.actorwords import (
    BODY_NAME_WORDS,
    COMPANY_SUFFIXES,
    DOCUMENT_WORDS,
    GENERIC_ORG_WORDS,
    GENERIC_PERSON_WORDS,
    LOWER_ORG_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_NOUNS,
)
from screener.companies import (
    join_placed_companies,
    listed_with_organisations,
    retype_appositions,
    single_word_organisation,
)
from screener.cues import cue_mentions, furniture_spans
from screener.furniture import in_place_or_credit, is_hashtag, is_headline
from screener.merging import combine, merge_spans
from screener.nameruns import candidate_runs
from screener.names import normalise
from screener.newstext import (
    FUNCTION_WORDS,
    ORGANIZATION,
    PERSON,
    POSSESSIVE,
    Mention,
    Sentence,
    Token,
    demonyms,
    is_common,
    places,
    sentences,
    tokens,
)
from screener.nonactors import named_as_thing, named_systems, not_an_actor, trimmed
from screener.resolve import resolve
from screener.roles import MODIFIERS, OFFICE_WORDS, ROLE_NOUNS, role_length
from screener.runmentions import (
    PARENTHESISED_ACRONYM,
    acronym_after,
    employer,
    mentions_in_run,
    the_name,
)
from screener.titles import strip_titles

if TYPE_CHECKING:
    from screener.gazetteer import Gazetteer

# ------------------------------------------------------------------ rules

_ACRONYM_PAIR = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,6})\s+and\s+([A-Z][A-Z0-9]{1,6})\s+"
                           r"(?:banks|companies|groups|firms|conglomerates)\b")


def rule_mentions(text: str) -> list[Mention]:
    """Mentions found by the news-text rules, with the sentence each stands in."""
    out: list[Mention] = []
    for sent in sentences(text):
        if is_headline(text, sent):
            continue
        toks = tokens(sent)
        # Cues first: where a cue and a name's shape find the same span, the cue says what it is.
        out.extend(cue_mentions(sent))
        for run in candidate_runs(toks, text):
            if _names_a_document_subject(run, toks):
                continue
            found = mentions_in_run(run, text, sent, toks)
            if not found and len(run) == 1:
                found = single_word_organisation(run[0], toks, sent)
            elif not found and len(run) == 2 and normalise(run[0].text) in demonyms():
                found = single_word_organisation(run[1], toks, sent)  # "the German X owns"
            if not found:
                found = _defined_by_acronym(run, text, sent)
            if not found and len(run) >= 2 and _lower_role_after(text[run[-1].end:run[-1].end + 60]):
                found = employer(run, text, sent)  # "Myanmar Times journalist Aye Nyein Win"
            if not found:
                found = the_name(run, text, sent)
            i = toks.index(run[0])
            if i and toks[i - 1].text in ORG_NOUNS:  # "its subsidiary Parsian Avionics"
                for m in found:
                    if m.type == PERSON and not m.titles and m.start == run[0].start:
                        m.type = ORGANIZATION
            out.extend(found)
        out.extend(_acronyms(text, sent))
        out.extend(_speaking_bodies(sent))
        out.extend(_enumerated_offices(sent))
        for m in _ACRONYM_PAIR.finditer(sent.text):  # "both MFTB and MICB banks"
            for g in (1, 2):
                start = sent.start + m.start(g)
                out.append(Mention(start, start + len(m.group(g)), m.group(g), m.group(g),
                                   ORGANIZATION, "rules", [], sent.text))
    return out


_SPEAKS = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'-]*\s+)(?:(?:(?:for|of|and)\s+)?[A-Z][\w’'-]*\s+){0,4})"
                     r"(?:[a-z]+ly\s+)?"  # "Human Rights Watch previously reported"
                     r"(?:said|says|reported|reports|found|warned|documented|urged|stated|added|"
                     r"wrote|revealed|estimated|noted)\b")


def _speaking_bodies(sent: Sentence) -> list[Mention]:
    out = []
    for m in _SPEAKS.finditer(sent.text):
        whole = m.group(1).strip()
        offset = 0
        # "Fortify Rights and Global Witness said": each side of "and" on its own
        for name in whole.split(" and "):
            at, offset = whole.index(name, offset), whole.index(name, offset) + len(name)
            if _speaking_body(name):
                start = sent.start + m.start(1) + at
                out.append(Mention(start, start + len(name), name, name, ORGANIZATION, "cue", [],
                                   sent.text))
    return out


def _speaking_body(name: str) -> bool:
    words = name.split()
    low = [normalise(w) for w in words]
    return not (len(words) < 2 or low[0] in FUNCTION_WORDS or normalise(name) in places()
                or not all(is_common(w) or w in places() or w in demonyms() for w in low)
                or not any(w in BODY_NAME_WORDS or w in places() for w in low)
                or all(w in places() or w in demonyms() or w in FUNCTION_WORDS for w in low)
                or any(w in GENERIC_ORG_WORDS or w in GENERIC_PERSON_WORDS for w in low)
                or strip_titles(words + ["x"])[1] or role_length(low + ["x"])
                or (low[-1].endswith("s") and low[-1] not in BODY_NAME_WORDS | ORG_HEADS))


# "the Foreign, Commonwealth and Development Office": remits listed with commas in one name.
_ENUMERATED_OFFICE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+,\s+)+[A-Z][a-z]+\s+and\s+(?:[A-Z][a-z]+\s+)*"
                                r"(?:Office|Ministry|Department|Committee|Commission|Agency))\b")


def _enumerated_offices(sent: Sentence) -> list[Mention]:
    out = []
    for m in _ENUMERATED_OFFICE.finditer(sent.text):
        words = re.findall(r"[A-Za-z]+", m.group(1))
        if all(normalise(w) in OFFICE_WORDS | ORG_HEADS or normalise(w) in places()
               for w in words):
            start = sent.start + m.start(1)
            out.append(Mention(start, start + len(m.group(1)), m.group(1), m.group(1),
                               ORGANIZATION, "rules", [], sent.text))
    return out


def _lower_role_after(after: str) -> bool:
    """A lower-case role and then a capitalised name follow ("... journalist Aye Nyein Win")."""
    found = re.match(r"^\s+((?:[a-z]+\s+){1,3})(?=[A-Z])", after)
    if not found:
        return False
    role = found.group(1).split()
    return role[-1] in ROLE_NOUNS and role_length(role + ["x"]) >= len(role)


def _defined_by_acronym(run: list[Token], text: str, sent: Sentence) -> list[Mention]:
    """ "A United Nations (UN) report", "the Progressive Voice (PV)": capitalised words that
    an acronym in parentheses abbreviates are a body's name, dictionary words or not."""
    from screener.resolve import initials

    found = acronym_after(run, text)
    while run and normalise(run[0].text) in FUNCTION_WORDS:
        run = run[1:]
    if found is None or not run:
        return []
    words = [t.text for t in run]
    low = [normalise(w) for w in words]
    if found.group(1) not in initials(" ".join(words)) or names_no_actor(words) \
            or " ".join(low) in places() or all(w in places() or w in demonyms() or w in ORG_CONNECTORS for w in low) \
            or strip_titles(words)[1]:
        return []
    start, end = run[0].start, run[-1].end
    return [Mention(start, end, text[start:end], " ".join(words), ORGANIZATION, "rules", [],
                    sent.text)]


def _names_a_document_subject(run: list[Token], toks: list[Token]) -> bool:
    """ "an Agreement on the Abolition of Visas ...", "the Treaty on Open Skies": what the
    document is about, not who signed it."""
    i = toks.index(run[0])
    before = [t.text.lower() for t in toks[max(0, i - 3):i]]
    if before[-1:] in (["the"], ["a"], ["an"]):
        before = before[:-1]  # "a Statement on an Extended and Expanded Ceasefire"
    return len(before) >= 2 and before[-1] == "on" and before[-2] in DOCUMENT_WORDS


def _acronyms(text: str, sent: Sentence) -> list[Mention]:
    """"Justice for Myanmar (JFM)": the acronym is an alias, found as its own mention."""
    out = []
    for m in PARENTHESISED_ACRONYM.finditer(sent.text):
        start = sent.start + m.start(1)
        out.append(Mention(start, start + len(m.group(1)), m.group(1), m.group(1), ORGANIZATION,
                           "acronym", [], sent.text))
    return out


# ------------------------------------------------------------------ surname follow-ups

def surname_mentions(text: str, known: Iterable[Mention]) -> list[Mention]:
    """"Fomin said": a lone surname joins a full name already seen in the same document."""
    surnames: dict[str, Mention] = {}
    for m in known:
        if m.type == PERSON and len(m.name.split()) >= 2:
            surname = m.name.split()[-1]
            if len(surname) > 3 and not is_common(surname):
                surnames.setdefault(surname.lower(), m)
    taken = [(m.start, m.end) for m in known]
    out = []
    for sent in sentences(text):
        toks = tokens(sent)
        for i, tok in enumerate(toks):
            word = POSSESSIVE.sub("", tok.text)
            target = surnames.get(word.lower())
            if target is None or not word[:1].isupper():
                continue
            end = tok.start + len(word)
            if any(s <= tok.start < e for s, e in taken):
                continue
            if _next_to_name_word(text, toks, i):
                continue  # "Aung" in "Zin Mar Aung" is no one's surname here
            out.append(Mention(tok.start, end, word, target.name, PERSON, "surname", [], sent.text))
    return out


def _next_to_name_word(text: str, toks: list[Token], i: int) -> bool:
    """A capitalised word right before or after (a space between) that is no title or function
    word: the word is part of a longer name."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(toks):
            continue
        a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
        if text[a.end:b.start] != " " or POSSESSIVE.search(a.text):
            continue
        word = toks[j].text
        low = normalise(word)
        if word[:1].isupper() and low not in FUNCTION_WORDS and not strip_titles([word, "x", "y"])[1] \
                and not role_length(low.split() + ["x"]) and low not in places() | demonyms():
            return True
    return False


# ------------------------------------------------------------------ the recogniser's spans

def ner_mentions(text: str) -> list[Mention]:
    """The recogniser's PERSON and ORG spans (and others the rules read as organisations),
    cleaned by the rules: titles and roles stripped, coordinated names split, places,
    headlines and page furniture dropped."""
    from screener import ner

    sents = sentences(text)
    out: list[Mention] = []
    for span in ner.entity_spans(text):
        sent = next((s for s in sents if s.start <= span.start < s.end), None)
        if sent is None or is_headline(text, sent):
            continue
        toks = tokens(sent)
        run = [t for t in toks if t.end > span.start and t.start < span.end]
        if run and _names_a_document_subject(run, toks):
            continue  # "the Statement on an Extended and Expanded Ceasefire"
        cut = next((i for i, t in enumerate(run) if i and text[t.start - 1] == "("), None)
        run = run[:cut]  # "National League for Democracy (NLD": the acronym is its own mention
        while len(run) > 1 and run[-1].text[:1].islower() \
                and run[-1].text not in LOWER_ORG_HEADS | COMPANY_SUFFIXES:
            run = run[:-1]  # "the RIA state news agency": what the name is, not the name
        after = next((t for t in toks if t.start >= span.end), None)
        while len(run) > 1 and normalise(run[-1].text) in MODIFIERS and after is not None \
                and normalise(after.text) in ROLE_NOUNS | MODIFIERS:
            run = run[:-1]  # "United Nations Special | Rapporteur Tom Andrews"
        # Pieces between commas or quotes are names of their own ("Forum “Army 2021”").
        pieces: list[list[Token]] = [[]]
        for i, t in enumerate(run):
            if i and re.search(r"[,;“”\"()]", text[run[i - 1].end:t.start]):
                pieces.append([])
            pieces[-1].append(t)
        for piece in pieces:
            if not piece:
                continue
            found = mentions_in_run(piece, text, sent, toks, span.label)
            if len(pieces) > 1:
                # The label was for the whole span ("the Myanmar Armed Forces, Maung Aye"):
                # a piece the rules read as a person's name is a person.
                for m in found:
                    if m.type == ORGANIZATION and classify(m.name.split(), m.titles) == PERSON:
                        m.type = PERSON
            out.extend(found)
    return out


def extract_mentions(text: str, gazetteer: Gazetteer | None = None, recogniser: bool = True
                     ) -> list[Mention]:
    """Every actor mention in a document: the recogniser's spans (the backbone), the rules'
    (a second proposer: context cues, titles, organisation shapes) and the loaded lists'
    names (a third, which also corrects spans), one mention per span, short forms resolved."""
    backbone = ner_mentions(text) if recogniser else []
    rules = rule_mentions(text)
    listed = gazetteer.find(text) if gazetteer is not None else []
    furniture = furniture_spans(text)
    combined = combine(backbone, rules, listed)
    # A name used as a place, a vessel or a system somewhere is one in the whole document.
    things = {normalise(m.name) for m in combined if m.method != "gazetteer"
              and named_as_thing(text, m, here=False)}
    things |= named_systems(text)
    merged = [m for m in combined if not in_place_or_credit(text, m)
              and not is_hashtag(text, m)
              and not any(s <= m.start < e for s, e in furniture)
              and (m.method == "gazetteer" or normalise(m.name) not in things)]
    merged = [m for m in trimmed(text, join_placed_companies(text, merged))
              if not not_an_actor(text, m)]
    merged = merge_spans(merged + surname_mentions(text, merged))
    merged = sorted(merged + listed_with_organisations(text, merged), key=lambda m: m.start)
    retype_appositions(text, merged)
    return resolve(text, merged, names_no_actor)


