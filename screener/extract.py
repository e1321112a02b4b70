"""Finding the actors named in news text: persons and organisations, with evidence.

Three passes, all offline: rules for news text (capitalised name sequences, ranks and
titles, organisation patterns, acronyms defined in parentheses, and the context cues of
screener/cues.py: datelines, bylines, media nouns, reporting acronyms), a gazetteer of the
loaded sanctions lists' names (so a listed actor is found where the rules miss it), and spaCy
NER when a model happens to be installed. Candidates are cleaned by the same rules whatever
found them: places, months, weapon and aircraft models, demonyms and descriptions are not
actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from screener.actortype import (
    ACRONYM_WORD,
    classify,
    is_country_code,
    is_national_branch,
    is_national_name,
    names_no_actor,
    recognised_type,
)
from screener.actorwords import (
    BODY_NAME_WORDS,
    COMPANY_SUFFIXES,
    COUNTED_NOUNS,
    DATE_WORDS,
    DESCRIBING_COMPOUND,
    DOCUMENT_WORDS,
    GENERIC_ORG_WORDS,
    GENERIC_PERSON_WORDS,
    LOWER_ORG_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_TRADE_WORDS,
    PERSON_PARTICLES,
    PERSON_TITLES,
    QUANTITY_WORDS,
)
from screener.companies import (
    join_placed_companies,
    listed_with_organisations,
    retype_appositions,
    single_word_organisation,
)
from screener.cues import MEDIA_NAME_WORDS, cue_mentions, furniture_spans
from screener.furniture import in_place_or_credit, is_hashtag, is_headline
from screener.merging import combine, merge_spans
from screener.nameruns import candidate_runs, opening_function_word, pronoun_surname, split_run
from screener.names import normalise
from screener.newstext import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    MONTHS,
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
from screener.titles import office_bodies, strip_titles, title_words

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
            found = _mentions_in_run(run, text, sent, toks)
            if not found and len(run) == 1:
                found = single_word_organisation(run[0], toks, sent)
            elif not found and len(run) == 2 and normalise(run[0].text) in demonyms():
                found = single_word_organisation(run[1], toks, sent)  # "the German X owns"
            if not found:
                found = _defined_by_acronym(run, text, sent)
            if not found and len(run) >= 2 and _lower_role_after(text[run[-1].end:run[-1].end + 60]):
                found = _employer(run, text, sent)  # "Myanmar Times journalist Aye Nyein Win"
            if not found:
                found = _the_name(run, text, sent)
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


def _the_name(run: list[Token], text: str, sent: Sentence) -> list[Mention]:
    """ "Justice For Myanmar and The Sentry urge ...": "The" capitalised inside a sentence opens
    a body's name (an outlet's, an NGO's), never a person's; places aside ("The Hague")."""
    if len(run) < 2 or run[0].text != "The" or run[0].start <= sent.start:
        return []
    before = text[sent.start:run[0].start].rstrip()
    words = [POSSESSIVE.sub("", t.text) for t in run[1:]]
    low = [normalise(w) for w in words]
    if not before or before[-1] in "“\"‘'(:;.!?—–-[" or " ".join(low) in places() \
            or all(w in places() or w in demonyms() or w in MONTHS or w in FUNCTION_WORDS
                   for w in low) \
            or classify(words, []) is None and len(words) > 1 and not all(
                is_common(w) for w in words):
        return []
    start, end = run[0].start, run[-1].start + len(words[-1])
    return [Mention(start, end, text[start:end], " ".join(["The", *words]), ORGANIZATION, "cue",
                    [], sent.text)]


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

    found = _ACRONYM.match(text, run[-1].end + 1) if text[run[-1].end:run[-1].end + 1] == " " \
        else None
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


def _mentions_in_run(run: list[Token], text: str, sent: Sentence, toks: list[Token],
                     label: str | None = None) -> list[Mention]:
    k = _abbreviated_after(run, text) if any(t.text == "and" for t in run) else None
    if k is not None:
        # "Thailand’s PTT Exploration and Production (PTTEP)": the acronym says the words it
        # abbreviates are one name
        before = _mentions_in_run_split(run[:k], text, sent, toks, label) if k else []
        return before + _mentions_in_run_part(run[k:], text, sent, label)
    return _mentions_in_run_split(run, text, sent, toks, label)


def _abbreviated_after(run: list[Token], text: str) -> int | None:
    """Where the words an acronym in parentheses after the run abbreviates begin."""
    from screener.resolve import initials

    found = _ACRONYM.match(text, run[-1].end + 1) if text[run[-1].end:run[-1].end + 1] == " " \
        else None
    if found is None or len(found.group(1)) < 3:
        return None
    for k in range(len(run) - 2):
        words = [POSSESSIVE.sub("", t.text) for t in run[k:]]
        whole = "".join(w if w.isupper() else w[0] for w in words if w[0].isupper())
        if "and" in words[1:-1] and found.group(1) in initials(" ".join(words)) | {whole}:
            return k  # "PTT Exploration and Production (PTTEP)"
    return None


def _mentions_in_run_split(run: list[Token], text: str, sent: Sentence, toks: list[Token],
                           label: str | None = None) -> list[Mention]:
    for k, t in enumerate(run[:-1]):
        plural_owner = re.search(r"s[’']$", t.text) and normalise(t.text) not in places()
        if re.search(r"(?:’s|'s|s’|s')$", t.text) and normalise(t.text) != "peoples" \
                and not plural_owner:  # "Workers’ Party", "Veterans’ Affairs" are names
            # A possessive ends a name before anything else is read ("Belarus’ BelTechExport
            # and Iran’s Qods Aviation Industries"): the owner is a candidate name too.
            owner = _mentions_in_run(run[:k + 1], text, sent, toks, label)
            if not owner and k == 0:  # "global trading giant Trafigura's Puma Energy"
                owner = single_word_organisation(run[0], toks, sent)
            return owner + _mentions_in_run(run[k + 1:], text, sent, toks, label)
    while run and opening_function_word([t.text for t in run]) \
            and not pronoun_surname(run, text, sent):
        run = run[1:]  # "Both Kamaz and ...": before splitting, not after
    while len(run) > 2 and run[1].text == "of" and run[0].text.endswith("s") \
            and is_common(run[0].text) and normalise(run[0].text) not in ORG_HEADS:
        run = run[2:]  # "Fighters of the Donetsk People’s Republic and ...", "Officials of VTB"
        while run and normalise(run[0].text) in FUNCTION_WORDS:
            run = run[1:]
    if not run:
        return []
    # "Myanmar Chemical & Machinery": a company's name, its place word and all.
    parts = [run] if len(run) > 2 and "&" in text[run[0].start:run[-1].end] \
        and not any(t.text == "and" for t in run) else split_run(run)
    if len(parts) != 1 or parts[0] is not run and len(parts[0]) != len(run):
        out = []
        # The recogniser's label was for the whole span; a part the rules read as a person
        # ("the Russian Federation | Anatoly Antonov") keeps the rules' type.
        found_parts = [_mentions_in_run_part(part, text, sent, label, partial=True)
                       for part in parts]
        for i, (part, nxt) in enumerate(zip(parts, parts[1:] + [[]], strict=True)):
            found = found_parts[i]
            if not found and nxt and title_words([normalise(t.text) for t in nxt], 0) \
                    and text[part[-1].end:nxt[0].start].strip() == "":
                found = _employer(part, text, sent)
            elif not found and len(part) == 1 and i + 1 < len(parts) \
                    and text[part[-1].end:nxt[0].start].strip() == "and" \
                    and any(m.type == ORGANIZATION for m in found_parts[i + 1]):
                found = _employer(part, text, sent)  # "Kamaz and United Aircraft Corporation"
            if not found and len(part) == 1:
                found = single_word_organisation(part[0], toks, sent)  # "subsidiary X and ..."
            if not found and i:
                found = _the_name(part, text, sent)  # "Justice For Myanmar and The Sentry"
            out += found
        return out
    return _mentions_in_run_part(run, text, sent, label)


def _employer(part: list[Token], text: str, sent: Sentence) -> list[Mention]:
    """The word before a role names who the role is held at: "Rosneft CEO Igor Sechin",
    "Evraz chairman" (a place or a nationality there says where: "Tatarstan President")."""
    words = [POSSESSIVE.sub("", t.text) for t in part]
    while words and (normalise(words[0]) in FUNCTION_WORDS
                     or len(words) > 1 and normalise(words[0]) in MODIFIERS | ROLE_NOUNS):
        part, words = part[1:], words[1:]  # "Deputy U.N. Ambassador X": the U.N. employs
    if not words or len(words) > 4 or (part[0].start == sent.start and len(words) == 1
                                       and is_common(words[0])):
        return []
    low = [normalise(w.replace(".", "")) for w in words]  # "U.S." is "us"
    if len(low) == 1 and (low[0] in ABBREVIATIONS or (low[0],) in PERSON_TITLES):
        return []  # "Lt. General X": a rank's abbreviation, no employer
    if " ".join(low) in places() or all(w in places() or w in demonyms() for w in low) \
            or any(w in MONTHS for w in low) \
            or all(is_common(w) and not w.isupper() or normalise(w) in places() for w in words) \
            and low[-1] not in MEDIA_NAME_WORDS:  # "Myanmar Times journalist X" stands
        return []  # "Tatarstan President", "Russian Defence Minister": where, not who employs
    start, end = part[0].start, part[0].start + len(" ".join(words))
    if text[start:end] != " ".join(words):
        end = part[-1].start + len(words[-1])
    return [Mention(start, end, text[start:end], " ".join(words), ORGANIZATION, "rules", [],
                    sent.text)]


def _mentions_in_run_part(run: list[Token], text: str, sent: Sentence,
                          label: str | None = None, partial: bool = False) -> list[Mention]:
    """The mention a run of name words makes, cleaned of titles, possessives and describing
    words; label: the recogniser's label when it proposed the run (it types what the rules
    cannot: one-word companies, names without a head word)."""
    if not run:
        return []
    words = [t.text for t in run]
    # Possessive on the last word ("Russia’s", "Kogogin’s") belongs to the sentence, not the name.
    words[-1] = POSSESSIVE.sub("", words[-1])
    # A possessive inside the run splits it, and the owner may be a name too ("Russia’s
    # President Vladimir Putin", "the Defence Ministry’s Zvezda TV").
    for k, w in enumerate(words[:-1]):
        if POSSESSIVE.search(w) and (w.endswith("’s") or w.endswith("'s")) \
                and normalise(w) != "peoples":  # "Donetsk People’s Republic" is one name
            return _mentions_in_run_part(run[:k + 1], text, sent, label) \
                + _mentions_in_run_part(run[k + 1:], text, sent, label)
    # A number counts the lower-case noun after the name ("Two Burma Army officers"); before
    # a name that ends in its own head it is part of it ("Three Brotherhood Alliance").
    after = re.match(r"^\s+([a-z]+)", text[run[-1].end:run[-1].end + 30])
    counted = after is not None and after.group(1) in COUNTED_NOUNS
    quantities = QUANTITY_WORDS if counted else frozenset()
    surname_first = pronoun_surname(run, text, sent)
    while words and not surname_first and (
            opening_function_word(words) or normalise(words[0]) in quantities | DATE_WORDS
                     or DESCRIBING_COMPOUND.match(words[0])) \
            and not role_length([normalise(w) for w in words[:12]]):
        run, words = run[1:], words[1:]
    if len(words) > 2 and words[1] in ("the", "of") and words[0].endswith("ing") \
            and any(is_common(w) for w in (words[0], words[0][:-3], words[0][:-3] + "e")) \
            and normalise(words[0]) not in ORG_TRADE_WORDS:
        run, words = run[2:], words[2:]  # "Citing the JFM statement": a verb, then the name
    while len(words) > 2 and words[1] == "of" and words[0].endswith("s") and is_common(words[0]) \
            and normalise(words[0]) not in ORG_HEADS:
        run, words = run[2:], words[2:]  # "Officials of VTB", "Members of the Arakan Army"
        while words and normalise(words[0]) in FUNCTION_WORDS:
            run, words = run[1:], words[1:]
    if not words:
        return []
    kept, titles = strip_titles(words)
    # "Director General of Rosatom": the words after the role's "of" name its employer.
    employer = bool(titles) and len(kept) > 1 and normalise(kept[0]) in ("of", "at")
    flat = normalise(" ".join(words)).split()
    if not titles and flat and role_length(flat + ["x"]) >= len(flat):
        # A role and its office, no name: the office is an actor ("the Secretary of the
        # Security Council of the Russian Federation").
        return office_bodies([" ".join(flat)], text, run[0].start, run[-1].end, sent)
    while kept and opening_function_word(kept) and not surname_first:
        kept = kept[1:]
    while kept and (normalise(kept[-1]) in FUNCTION_WORDS | ORG_CONNECTORS
                    or kept[-1] in PERSON_PARTICLES):
        kept = kept[:-1]
        words = words[:-1]
        run = run[:-1]
    if not kept:
        return []
    first = run[len(words) - len(kept)]
    # Leading place or demonym words describe the actor ("Tatarstan President ...", "Russian").
    while len(kept) > 1 and normalise(kept[0]) in places() | demonyms() \
            and not any(normalise(w) in ORG_HEADS | COMPANY_SUFFIXES for w in kept) \
            and not (len(kept) > 2 and all(is_common(w) for w in kept[1:])) \
            and not (len(kept) > 2 and normalise(kept[-1]) in ORG_TRADE_WORDS) \
            and not is_national_branch(kept) and "&" not in text[run[0].start:run[-1].end] \
            and not is_national_name([normalise(w) for w in kept]):
        kept = kept[1:]
        first = run[len(words) - len(kept)]
        kept2, more = strip_titles(kept)
        if more:
            titles += more
            first = run[len(words) - len(kept2)]
            kept = kept2
    offices = office_bodies(titles, text, run[0].start, first.start, sent)
    low_kept = [normalise(w) for w in kept]
    if "of" in low_kept[2:] and all(w in places() for w in low_kept[low_kept.index("of") + 1:]) \
            and classify(kept[:low_kept.index("of")], titles) == PERSON:
        cut = low_kept.index("of")  # "Saw Myint Oo of Karen": a person and where from
        run, words = run[:len(run) - len(kept) + cut], words[:len(words) - len(kept) + cut]
        kept, low_kept = kept[:cut], low_kept[:cut]
    if titles and "of" in low_kept[2:]:
        # "Director Hlaing Moe Myint of Sky Aviator Company Limited": a person and the body.
        p = low_kept.index("of", 2)
        body = kept[p + 1:]
        if classify(body, []) == ORGANIZATION and classify(kept[:p], titles) == PERSON:
            offset = len(run) - len(kept)
            return offices + _mentions_in_run_part(run[:offset + p], text, sent, label) \
                + _mentions_in_run_part(run[offset + p + 1:], text, sent, None)
    if len(kept) > 2 and normalise(kept[0]) in demonyms() and normalise(kept[0]) not in places() \
            and any(not is_common(POSSESSIVE.sub("", w)) and normalise(w) not in ORG_HEADS
                    for w in kept[1:]):
        kept = kept[1:]  # "the Lebanese M1 Group": the nationality describes the company
        first = run[len(words) - len(kept)]
    type_ = classify(kept, titles)
    if type_ is None and len(kept) >= 2 and "&" in text[first.start:run[-1].end] \
            and not titles and not all(is_country_code(w) or normalise(w) in demonyms()
                                       for w in kept):
        type_ = ORGANIZATION  # "Myanmar Chemical & Machinery", "Smith & Wesson"; not "UK & US"
    if label is not None:
        ruled = type_
        type_ = recognised_type(kept, titles, type_, label, _opens_sentence(text, sent, first))
        if partial and ruled == PERSON and type_ == ORGANIZATION:
            type_ = PERSON
    if employer and (type_ is not None or len(kept) == 1 and kept[0][:1].isupper()
                     and not is_common(kept[0]) and normalise(kept[0]) not in places()):
        type_, titles = ORGANIZATION, []
    if type_ is None:
        return offices
    if titles and type_ == ORGANIZATION and not any(normalise(w) in ORG_HEADS | COMPANY_SUFFIXES
                                                    for w in kept):
        type_ = PERSON
    last = run[-1]
    end = last.end - (len(last.text) - len(words[-1])) if words[-1] != last.text else last.end
    start = first.start
    name = " ".join(kept)
    if len(kept) == 2 and ACRONYM_WORD.match(kept[0]) and kept[1] in LOWER_ORG_HEADS:
        end, name = start + len(kept[0]), kept[0]  # "MFTB bank": the bank is MFTB
    if "&" in text[start:end]:
        name = " ".join(text[start:end].split())  # "Smith & Wesson", "AT&T"
    return offices + [Mention(start, end, text[start:end], name, type_, "ner" if label else "rules",
                              titles, sent.text)]


def _opens_sentence(text: str, sent: Sentence, tok: Token) -> bool:
    """The word opens its sentence, perhaps after a bullet or an opening quote ("• Data reveals")."""
    return not re.sub(r"[\s•▪●◦*·\-–—“\"‘'(\[]", "", text[sent.start:tok.start])


_ACRONYM = re.compile(r"\([“\"‘']?([A-Z][A-Z0-9&]{1,7})[”\"’']?\)")


def _acronyms(text: str, sent: Sentence) -> list[Mention]:
    """"Justice for Myanmar (JFM)": the acronym is an alias, found as its own mention."""
    out = []
    for m in _ACRONYM.finditer(sent.text):
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
            found = _mentions_in_run(piece, text, sent, toks, span.label)
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


