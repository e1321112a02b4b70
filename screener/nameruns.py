"""Runs of name words in a sentence, and where a run joins two names.

A name in news text is a run of capitalised words, with the lower-case words names carry
inside ("Bank of the Lao PDR", "Ursula von der Leyen", "the Shoon group of companies") and
unit numbers ("Light Infantry Battalion 345"). One run may hold several names ("Kamaz and
Sergey Kogogin", "Russian Navy Vice-Admiral Vladimir Kasatonov"): split_run cuts it where
one ends and the next begins, so each part is read on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from screener.actortype import ACRONYM_WORD, GROUP_OF_STATES, ORDINAL, is_national_branch
from screener.actorwords import (
    COMPANY_SUFFIXES,
    LOWER_ORG_HEADS,
    MILITARY_UNIT_HEADS,
    ON_NAMED_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_TRADE_WORDS,
    PERSON_PARTICLES,
)
from screener.names import normalise
from screener.newstext import (
    FUNCTION_WORDS,
    MONTHS,
    POSSESSIVE,
    WEAPON_MODEL,
    Sentence,
    Token,
    demonyms,
    is_common,
    places,
)
from screener.roles import MODIFIERS, role_length
from screener.titles import strip_titles, title_words


def _is_name_word(tok: Token) -> bool:
    """Capitalised (a weapon model aside, "G7" not), or a particle joined to a name ("al-Assad")."""
    t = tok.text
    return (t[:1].isupper() and (not WEAPON_MODEL.match(t) or GROUP_OF_STATES.match(t) is not None)) \
        or bool(_PREFIXED_PARTICLE.match(t))


_PREFIXED_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ul)-[A-Z][\w’'-]*$")


def candidate_runs(toks: list[Token], text: str) -> Iterator[list[Token]]:
    """Maximal runs of capitalised words, allowing lower-case connectors inside org names,
    numbers of units ("No. 1 Mining Enterprise", "66th Light Infantry Division"), an acronym
    in parentheses before the head ("Asia Green Development (AGD) Bank") and a lower-case
    head or legal form after one word ("VTB bank", "Evraz plc")."""
    i = 0
    while i < len(toks):
        starts_unit = (ORDINAL.match(toks[i].text) or WEAPON_MODEL.match(toks[i].text)) \
            and i + 1 < len(toks) and _is_name_word(toks[i + 1]) \
            and (ORDINAL.match(toks[i].text) or normalise(toks[i + 1].text) in ORG_HEADS)
        if not _is_name_word(toks[i]) and not starts_unit:
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            gap = text[run[-1].end:toks[j].start]
            if "\n" in gap:
                break
            if re.fullmatch(r"\s*\(", gap) and ACRONYM_WORD.match(toks[j].text) \
                    and j + 1 < len(toks) and re.fullmatch(r"\)\s+", text[toks[j].end:toks[j + 1].start]) \
                    and normalise(toks[j + 1].text) in ORG_HEADS | COMPANY_SUFFIXES \
                    and _is_name_word(toks[j + 1]):
                run.append(toks[j + 1])  # the acronym stays in the span, not in the name
                j += 2
                continue
            if gap.strip() not in ("", "-", "&"):
                break
            if normalise(run[-1].text) in COMPANY_SUFFIXES and len(run) > 1 \
                    and normalise(toks[j].text) not in COMPANY_SUFFIXES | {"public", "company"}:
                break  # a legal form closes a company's name ("Sky Aviator Co. Ltd. | Myanmar")
            if _is_name_word(toks[j]):
                run.append(toks[j])
                j += 1
                continue
            n = 0
            while j + n < len(toks) and toks[j + n].text in PERSON_PARTICLES:
                n += 1
            if n >= 2 and j + n < len(toks) and _is_name_word(toks[j + n]) \
                    and text[toks[j].end:toks[j + n].start].strip() == " ".join(
                        t.text for t in toks[j + 1:j + n]):
                run.extend(toks[j:j + n + 1])  # "Ursula von der Leyen"
                j += n + 1
                continue
            if toks[j].text.isdigit() and len(toks[j].text) <= 4 \
                    and normalise(run[-1].text) in MILITARY_UNIT_HEADS:
                run.append(toks[j])  # "Light Infantry Battalion 345", "Military Operations Command 6"
                j += 1
                break
            if toks[j].text.isdigit() and normalise(run[-1].text) == "no":
                run.append(toks[j])  # "No. 1 Mining Enterprise", "Mining Enterprise No. 2"
                j += 1
                if j < len(toks) and _is_name_word(toks[j]):
                    continue
                break
            if j + 1 < len(toks) and _is_name_word(toks[j + 1]) \
                    and _connects(run[-1], toks[j], toks[j + 1], toks[j + 2] if j + 2 < len(toks) else None) \
                    and text[toks[j].end:toks[j + 1].start].strip() == "":
                run.extend([toks[j], toks[j + 1]])
                j += 2
                continue
            if j + 2 < len(toks) and toks[j].text in ("of", "for") and toks[j + 1].text == "the" \
                    and _is_name_word(toks[j + 2]) and not _adjective_place(toks, j + 2) \
                    and text[toks[j].end:toks[j + 2].start].strip() == "the":
                run.extend(toks[j:j + 3])  # "Secretary of the Treasury", "Bank of the Lao PDR"
                j += 3
                continue
            if (len(run) <= 3 or normalise(run[-2].text) == "and") \
                    and toks[j].text in LOWER_ORG_HEADS | COMPANY_SUFFIXES \
                    and (not is_common(run[-1].text) or 2 <= len(run) <= 3
                         and toks[j].text == "group" and not opening_function_word(
                             [t.text for t in run])):  # "the Asia Sun group"
                run.append(toks[j])
                j += 1
                if j + 1 < len(toks) and toks[j].text == "of" and toks[j + 1].text == "companies":
                    run.extend(toks[j:j + 2])  # "the Shoon group of companies"
                    j += 2
            break
        yield run
        i = j


def _is_demonym(word: str) -> bool:
    low = normalise(word)
    return low in demonyms() and low not in places()


def _adjective_place(toks: list[Token], i: int) -> bool:
    """ "for the Myanmar military": a place used as an adjective before a lower-case noun."""
    low = normalise(toks[i].text)
    return (low in places() or low in demonyms()) and (
        i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper())


def _connects(before: Token, word: Token, after: Token, following: Token | None = None) -> bool:
    """A lower-case word inside a name: "Bank of", "Association for"; "on" only after a body
    named by its remit ("Commission on Trade"), never before a date or a place."""
    if word.text in ORG_CONNECTORS:
        # "payments from the EU for Russian gas": a place's adjective before a lower-case
        # noun starts a phrase of its own, not the rest of a name.
        return not (word.text in ("for", "of") and _is_demonym(after.text)
                    and following is not None and following.text[:1].islower())
    if word.text in PERSON_PARTICLES and not is_common(after.text):
        return True  # "Ursula von der Leyen", "Osama bin Laden"
    nxt = normalise(after.text)
    return word.text == "on" and normalise(before.text) in ON_NAMED_HEADS \
        and nxt not in MONTHS and nxt not in places()


def _splits_at_and(left: list[str], right: list[str]) -> bool:
    """Whether "and" joins two names ("Directorate of Procurement and Directorate of Defence
    Industries", "Kamaz and Sergey Kogogin") or sits inside one whose head both sides share
    ("Myanma Investment and Commercial Bank", "Union Solidarity and Development Party")."""
    if not left or not right:
        return False
    first_head = next((w for w in left if w in ORG_HEADS), None)
    if right[0] in ORG_HEADS and (right[0] == first_head or right[1:2] in (["of"], ["for"])) \
            or title_words(right, 0):
        return True  # "Directorate of Procurement and Directorate of ...", "... and Ministry of ..."
    if right[-1] in COMPANY_SUFFIXES and all(w in ORG_TRADE_WORDS | ORG_HEADS | COMPANY_SUFFIXES
                                             for w in right) \
            and any(not is_common(w) for w in left):
        return False  # "KT Services and Logistics Company Limited": one company's name
    if left[-1] in ORG_HEADS | COMPANY_SUFFIXES | {"companies"} \
            or (len(left) > 1 and left[-1] in places()) \
            or (len(left) > 1 and left[0] in COMPANY_SUFFIXES):
        return True  # the left side is complete: "Central Bank and ...", "Ooredoo Myanmar and ..."
    heads_before_of = any(w in ORG_HEADS and nxt in ("of", "for")
                          for w, nxt in zip(left, left[1:], strict=False))
    if len(left) == 1 and not is_common(left[0]):
        return True  # a name of its own: "Kamaz and Russian Helicopters"
    if len(right) == 1 and right[0] in places():
        return True  # "... Sergei Shoigu and Myanmar’s commander": a place after "and"
    named = list(left)
    while named and (named[0] in places() or named[0] in demonyms()):
        named = named[1:]  # "Russian Minister of Defence Sergei Shoigu"
    named = strip_titles(named)[0] if role_length(named + ["x"]) or title_words(named, 0) \
        else named
    if len(named) >= 2 and not any(is_common(w) or w in ORG_HEADS | ORG_CONNECTORS | places()
                                   for w in named):
        return True  # a person's name: "Minister of Defence Sergei Shoigu and Myanmar’s ..."
    right_name = right[:right.index("of")] if "of" in right else right
    if any(w in ORG_HEADS | COMPANY_SUFFIXES for w in right_name) and not any(
            w in ORG_HEADS for w in left):
        return False  # "Industrial and Commercial Bank of China"
    if right[-1] in ORG_HEADS | COMPANY_SUFFIXES:
        # A head shared by both sides ("Myanma Oil and Gas Enterprise"), unless the left has
        # its own ("University of Information Technology and Kyaukse Technological University").
        return heads_before_of
    return not any(x in ("for", "of", "on") for x in left)


def split_run(run: list[Token]) -> list[list[Token]]:
    """Split a run where it joins two names: "Kamaz and Sergey Kogogin", "Russian Federation
    N.P. Patrushev", "Russian Navy Vice-Admiral Vladimir Kasatonov"."""
    words = [normalise(POSSESSIVE.sub("", t.text)) for t in run]  # "Rapporteur’s" is a role
    for k, w in enumerate(words):
        if w == "and" and _splits_at_and(words[:k], words[k + 1:]):
            return split_run(run[:k]) + split_run(run[k + 1:])
    k = title_words(words, 0)
    if words and words[-1] in COMPANY_SUFFIXES:
        k = len(run)  # "Mega Hill General Trading Co.": a company's name holds no rank
    k = max(k, 1) if len(run) == 2 else k  # "Treasury Sec.": an employer, then a role
    while k < len(run):
        span = title_words(words, k)
        if span and len(run) - k - span >= 2 and (words[k - 1] not in ORG_CONNECTORS or (
                k >= 2 and words[k - 2:k] == ["of", "the"] and words[k] in MODIFIERS)):
            return split_run(run[:k]) + split_run(run[k:])
        if span and k + span == len(run) and words[k - 1] not in ORG_CONNECTORS \
                and role_length(" ".join(words[k:]).split() + ["x"]) \
                == len(" ".join(words[k:]).split()) and "of" not in words[:k]:
            return split_run(run[:k]) + [run[k:]]  # "UN Special Rapporteur": who employs the role
        k += max(span, 1)
    if is_national_branch([t.text for t in run]):
        return [run]
    for k, w in enumerate(words[1:-1], start=1):
        if w == "of" and is_national_branch([t.text for t in run[k + 1:]]):
            return split_run(run[:k]) + [run[k + 1:]]  # "Mark Farmaner of Burma Campaign UK"
    for k in range(len(run)):
        for size in (3, 2, 1):
            if k + size < len(run) and " ".join(words[k:k + size]) in places() \
                    and len(" ".join(words[k + size:]).split()) >= 2 \
                    and not (k == 0 and all(is_common(w) for w in words[size:])) \
                    and words[k + size] not in ORG_CONNECTORS \
                    and not any(w in ORG_HEADS | COMPANY_SUFFIXES for w in words[k + size:]) \
                    and words[-1] not in ORG_TRADE_WORDS:  # "Asia Sun Trading" is one name
                if k and words[k - 1] in ORG_CONNECTORS:  # "Council of the Russian Federation"
                    return split_run(run[:k + size]) + split_run(run[k + size:])
                return split_run(run[:k]) + split_run(run[k + size:])
    return [run] if run else []


def pronoun_surname(run: list[Token], text: str, sent: Sentence) -> bool:
    """ "associates Saw Min Min Oo and She Zhijiang": "She" or "He" capitalised inside a
    sentence, before a name word, is a (Chinese) surname, not a pronoun."""
    if len(run) < 2 or run[0].text not in ("She", "He") or run[0].start <= sent.start:
        return False
    before = text[sent.start:run[0].start].rstrip()
    return bool(before) and before[-1] not in "“\"‘'(:;.!?—–-" \
        and normalise(run[1].text) not in FUNCTION_WORDS


def opening_function_word(words: list[str]) -> bool:
    """The first word opens a sentence or a phrase, no name ("Both", "The", "New sanctions"),
    unless it begins a place's name ("New York Fed", "New Delhi")."""
    low = normalise(words[0]) if words else ""
    if low not in FUNCTION_WORDS:
        return False
    return not any(normalise(" ".join(words[:n])) in places() for n in (2, 3))
