"""The mentions a run of name words makes, for the rules and the recogniser alike.

A run ("Russia’s President Vladimir Putin", "Director Hlaing Moe Myint of Sky Aviator
Company Limited", "Rosneft CEO Igor Sechin") is cut at possessives and where it joins names,
cleaned of titles, describing words and opening function words, and each part typed: a
person, an organisation (an employer, an office's body), or nothing. The recogniser's spans
are read here too, its label weighing where the words say nothing.
"""

from __future__ import annotations

import re

from screener.actortype import (
    ACRONYM_WORD,
    classify,
    is_country_code,
    is_national_branch,
    is_national_name,
    recognised_type,
)
from screener.actorwords import (
    COMPANY_SUFFIXES,
    COUNTED_NOUNS,
    DATE_WORDS,
    DESCRIBING_COMPOUND,
    LOWER_ORG_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_TRADE_WORDS,
    PERSON_PARTICLES,
    PERSON_TITLES,
    QUANTITY_WORDS,
)
from screener.companies import single_word_organisation
from screener.cues import MEDIA_NAME_WORDS
from screener.nameruns import opening_function_word, pronoun_surname, split_run
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
)
from screener.roles import MODIFIERS, ROLE_NOUNS, role_length
from screener.titles import office_bodies, strip_titles, title_words

# "Justice for Myanmar (JFM)": an acronym in parentheses after the words it abbreviates.
PARENTHESISED_ACRONYM = re.compile(r"\([“\"‘']?([A-Z][A-Z0-9&]{1,7})[”\"’']?\)")



def acronym_after(run: list[Token], text: str) -> re.Match[str] | None:
    """The acronym in parentheses right after the run ("Justice for Myanmar (JFM)"), if any."""
    if text[run[-1].end:run[-1].end + 1] != " ":
        return None
    return PARENTHESISED_ACRONYM.match(text, run[-1].end + 1)

def the_name(run: list[Token], text: str, sent: Sentence) -> list[Mention]:
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


def mentions_in_run(run: list[Token], text: str, sent: Sentence, toks: list[Token],
                    label: str | None = None) -> list[Mention]:
    """The mentions a run makes; label: the recogniser's label where it proposed the run."""
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

    found = acronym_after(run, text)
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
            owner = mentions_in_run(run[:k + 1], text, sent, toks, label)
            if not owner and k == 0:  # "global trading giant Trafigura's Puma Energy"
                owner = single_word_organisation(run[0], toks, sent)
            return owner + mentions_in_run(run[k + 1:], text, sent, toks, label)
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
                found = employer(part, text, sent)
            elif not found and len(part) == 1 and i + 1 < len(parts) \
                    and text[part[-1].end:nxt[0].start].strip() == "and" \
                    and any(m.type == ORGANIZATION for m in found_parts[i + 1]):
                found = employer(part, text, sent)  # "Kamaz and United Aircraft Corporation"
            if not found and len(part) == 1:
                found = single_word_organisation(part[0], toks, sent)  # "subsidiary X and ..."
            if not found and i:
                found = the_name(part, text, sent)  # "Justice For Myanmar and The Sentry"
            out += found
        return out
    return _mentions_in_run_part(run, text, sent, label)


def employer(part: list[Token], text: str, sent: Sentence) -> list[Mention]:
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
