"""Actors that news text marks by context rather than by the shape of their names.

News agencies, broadcasters and newspapers are often one word or an acronym ("TASS",
"MRTV", "Reuters") that the name-shape rules must not trust on its own; the sentence says
what they are: a dateline ("MOSCOW (Reuters) –"), a media noun ("state television MRTV",
"TV stations Russia 24 and RIA"), "state-run", an acronym that reports or is quoted
("TASS said", "according to MRTV"). Bylines ("Writing by Martin Petty") name
journalists whatever words their names are made of.
"""

from __future__ import annotations

import re

from screener.names import normalise
from screener.newstext import (
    FUNCTION_WORDS,
    MONTHS,
    NOT_ACTOR_ACRONYMS,
    ORGANIZATION,
    PERSON,
    POSSESSIVE,
    WEAPON_MODEL,
    Mention,
    Sentence,
    demonyms,
    is_common,
    places,
)
from screener.roles import ROLE_NOUNS

_WORD = r"[A-Z][\w&’'\-]*"
# A name in context: capitalised words joined perhaps by "of" ("Global New Light of
# Myanmar"; "and" separates names in a list), then perhaps a channel number ("Russia 24",
# not the year in "France 2024").
_NAME = re.compile(rf"{_WORD}(?:\s+(?:(?:of|for|de|the)\s+)?{_WORD}){{0,5}}"
                   r"(?:\s+\d{1,3}(?!\d|%|[.,:]\d))?")
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# Words after a number that make it a quantity, not part of a channel name.
NUMBER_UNITS = frozenset("hours hour days minutes years percent people times".split())

# Lower-case media nouns before an outlet's name; plural ones introduce a list.
_MEDIA_NOUN = re.compile(
    r"(?<![\w-])(?:(?:TV|television|radio|news|satellite|cable)\s+(?:stations?|channels?|networks?)"
    r"|(?:state|national|public|military)(?:-run|-owned)?\s+(?:TV|television|radio)"
    r"|news\s+agenc(?:y|ies)|news\s+(?:outlets?|websites?|sites?|portals?)"
    r"|(?P<bare>broadcasters?|channels?|newspapers?|outlets?))\s+(?=[A-Z])")
# A bare media noun names an outlet after one of these ("the channel France 24", "state
# broadcaster MRTV", "Russian broadcaster RT"), not in "back channels Beijing used".
MEDIA_QUALIFIERS = frozenset("""the a an state state-run state-owned public national private
independent local online military its their""".split())
_STATE_RUN = re.compile(r"(?<![\w-])(?:[Ss]tate|[Gg]overnment|[Jj]unta|[Mm]ilitary)-"
                        r"(?:run|owned|controlled)\s+(?=[A-Z])")
_INTERVIEW = re.compile(r"(?<![\w-])interviews?\s+(?:to|with)\s+(?=[A-Z])")
# Datelines: "MOSCOW (Reuters) –", "WASHINGTON, D.C. (AP) —", "MOSCOW, June 22. /TASS/."
_CAPS_PLACE = r"[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+)*"
_PLACE_WORDS = r"[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*"
_DATELINE = re.compile(
    rf"^{_CAPS_PLACE}(?:,\s+{_PLACE_WORDS})?\s+\(({_WORD}(?:[ /]{_WORD}){{0,3}})\)\s*[–—-]"
    rf"|^{_CAPS_PLACE},\s+[A-Z][a-z]+\.?\s+\d{{1,2}}\.\s+/({_WORD}(?: {_WORD})*)/")
_BYLINE = re.compile(r"(?<![\w-])(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Ww]ritten|[Ee]dited|"
                     r"[Cc]ompiled|[Tt]ranslated)\s+by\s+")
_BYLINE_END = re.compile(r"[;()]|\s*,?\s*" + _BYLINE.pattern)
# A journalist's name, perhaps with where they filed from ("Polina Ivanova in Moscow").
_BYLINE_PERSON = re.compile(rf"({_WORD}(?:\s+{_WORD}){{1,3}})(?:\s+in\s+{_PLACE_WORDS})?$")
# An acronym that reports, or that something is attributed to, is an organisation.
_ACRONYM = r"(?<![\w&\-])([A-Z]{2,5})(?![\w&\-])"
_REPORTS = re.compile(_ACRONYM + r"(?:’s?|'s?)?\s+(?:said|says|reported|reports|quoted|quotes|"
                      r"told|added|stated|wrote|announced|cited|showed|broadcast|aired)\b")
_ATTRIBUTED = re.compile(r"(?<![\w-])(?:[Aa]ccording\s+to|reported\s+by|quoted\s+by|"
                         r"described\s+by|cited\s+by|told|a\s+report\s+by|a\s+statement\s+by)"
                         r"\s+" + _ACRONYM)
# Acronyms of roles, not bodies ("the CEO said", "an MP told").
ROLE_ACRONYMS = frozenset("ceo cfo coo cto cio mp mps mep meps pm gm md vp".split())
# Words that make a two- or three-word name an outlet's, not a person's ("Zvezda TV").
MEDIA_NAME_WORDS = frozenset("""tv radio television news times post daily press agency network
channel broadcasting media herald tribune journal gazette""".split())


# A publication quoted as a source: "according to The Irrawaddy", "told Myanmar Now",
# "(Yonhap)" closing a sentence; "The" or a media word makes a name a publication's.
_SOURCE_VERBS = (r"(?:[Aa]ccording\s+to|told|reported\s+by|cited\s+by|quoted\s+by|[Ss]peaking\s+to|"
                 r"(?:report|article|story|interview|editorial|investigation)\s+(?:in|by|with))")
_SOURCE = re.compile(
    rf"(?<![\w-]){_SOURCE_VERBS}\s+(The\s+{_WORD}(?:\s+{_WORD}){{0,2}}"
    rf"|{_WORD}(?:\s+{_WORD}){{1,2}})\b")
# A publication as the subject of a reporting verb: "Myanmar Now reported", "the Irrawaddy
# reported", "The Diplomat wrote" (a media word, or "the" before a name, makes it one).
_MEDIA_END = (r"(?:Now|News|Times|Post|Today|TV|Daily|Tribune|Herald|Journal|Gazette|Radio|"
              r"Media|Monitor|Frontier|Insider|Observer|Guardian|Express|Standard|Agency|"
              r"Novosti|Gazeta|Pravda|Izvestia|Vedomosti|Kommersant)")
_REPORTED_BY = re.compile(
    rf"(?:(?<=\bthe\s)|(?<=\bThe\s)|(?<![\w-]))((?:The\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})"
    r"(?:’s?|'s?)?\s+(?:(?:has|had)\s+)?(?:reported|reports|wrote|quoted|published|revealed|"
    r"learned|learnt|seen|obtained|confirmed)\b")
_CREDIT = re.compile(r"\(([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)?)\)\s*[.”\"]?\s*$")


# How sanctions notices write names: a legal form before a quoted name (JSC "Element Group",
# Limited Liability Company "Techno-Comp"), and "SURNAME, Given Patronymic".
_LEGAL_FORM = (r"(?:(?:Public\s+|Closed\s+|Open\s+)?Joint[\s-]+Stock\s+Company|Limited\s+Liability\s+"
               r"Company|(?:P|C|O)?JSC|LLC|OOO|OAO|ZAO|PAO|AO|TOV|FGUP|ANO)")
_QUOTED_COMPANY = re.compile(_LEGAL_FORM + r"\s+[\"“«]([^\"”»]{2,60})[\"”»]")
NOTICE_NAME = _LISTED_PERSON = re.compile(r"(?<![\w-])([A-Z][A-Z’'\-]{2,}),\s+([A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){0,2})"
                            r"(?![\w-])")


# Words a body's name ends in and no person's given names have ("VTB, Rossiya Bank, ...").
BODY_WORDS = frozenset("""bank group company corporation corp holding holdings limited ltd llc
ministry agency council fund trust enterprise industries party army force forces""".split())


def cue_mentions(sent: Sentence) -> list[Mention]:
    """Organisations and persons the sentence's context marks, with the sentence as evidence."""
    return _outlets(sent) + _acronym_actors(sent) + _sources(sent) + _notice_names(sent)


def _notice_names(sent: Sentence) -> list[Mention]:
    out = []
    for m in _QUOTED_COMPANY.finditer(sent.text):
        begin = sent.start + m.start()
        out.append(Mention(begin, sent.start + m.end(), m.group(), m.group(), ORGANIZATION,
                           "cue", [], sent.text))
    for m in _LISTED_PERSON.finditer(sent.text):
        surname, given = m.group(1), m.group(2)
        if normalise(surname) in places() or normalise(surname) in FUNCTION_WORDS \
                or len(surname) > 20 or all(is_common(w) for w in given.split()) \
                or any(normalise(w) in BODY_WORDS for w in given.split()):
            continue  # "MEC, General License 4", "VTB, Rossiya Bank": a list, not a notice
        begin = sent.start + m.start()
        out.append(Mention(begin, sent.start + m.end(), m.group(), f"{given} {surname}", PERSON,
                           "cue", [], sent.text))
    return out


# A byline on a line of its own: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
_BY_LINE = re.compile(r"(?m)^[ \t]*(?:[-–—•][ \t]*)?(?:[Bb]y|BY|[Ww]ords\s+by|[Aa]uthors?(?:\(s\))?:)[ \t]+[A-Z][^\n]{0,120}$")
# A picture's credit: "(Photo: Jane Doe/Wikimedia, License)", "(Source: X, via Wikimedia
# Commons)", a line that is only one ("Photo: Jane Doe"); a source named without "via" or a
# slash may be a body the text cites ("Sources: Directorate of Investment ...").
_CREDIT_SPAN = re.compile(r"\((?:[Pp]hotos?|[Ii]mages?|[Cc]redits?|[Pp]ictures?|[Ff]ile)\s*:"
                          r"[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
                          r"|\([Ss]ource\s*:[^()\n]*(?:\bvia\b|/)[^()\n]*\)"
                          r"|(?m:^[ \t]*(?:[Pp]hotos?|[Ii]mages?|[Cc]redits?)\s*:[^\n]{0,80}$)"
                          # "( Reuters: Ivan Sekretarev )" closing a caption: agency, photographer
                          r"|(?m:\(\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*:\s*[A-Z][^()\n:]{2,40}\)\s*\.?$)")


# A writer's label on its own line, the name on the next: "Guest contributor\nJane Doe".
_LABEL_LINE = re.compile(r"(?mi)^[ \t]*(?:guest\s+)?(?:contributor|columnist|author|writer|"
                         r"correspondent|opinion|commentary)s?:?[ \t]*\n[ \t]*[A-Z][^\n.]{0,60}$")


# The places of a dateline: "OSLO/YANGON, March 25 (Reuters) -", "WASHINGTON —".
_DATELINE_PLACES = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.’'\-]+(?:[ /][A-Z][A-Z.’'\-]+)*)"
                              r"(?=(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s+(?:\(|[—–]|-\s))")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Where the page's furniture is: bylines ("(Reporting by ...; Editing by ...)", "By Jane
    Doe"), whose journalists write the story and are no actors in it, and datelines' places
    and agency tags."""
    spans = [(m.start(), m.end()) for m in _BY_LINE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _LABEL_LINE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _DATELINE_PLACES.finditer(text)]
    spans += _dateline_agencies(text)
    spans += [(m.start(), m.end()) for m in _CREDIT_SPAN.finditer(text)]
    for line in re.finditer(r"[^\n]+", text):  # "Headline | News | DW": the site's sections
        cut = line.group().find(" | ")
        if cut > 0 and not line.group().rstrip().endswith((".", "”", '"')):
            spans.append((line.start() + cut, line.end()))
    for m in _BYLINE.finditer(text):
        stop = re.compile(r"[)\n]").search(text, m.end())
        spans.append((m.start(), stop.start() if stop else len(text)))
    return spans


def byline_mentions(sent: Sentence) -> list[Mention]:
    """The journalists a byline names, as persons (for callers that want the writers)."""
    return _bylines(sent)


def _sources(sent: Sentence) -> list[Mention]:
    """Publications quoted as sources, and an agency's credit closing a sentence ("(Yonhap)")."""
    out = []
    for m in _SOURCE.finditer(sent.text):
        name = POSSESSIVE.sub("", m.group(1))
        words = name.split()
        if any(POSSESSIVE.search(w) for w in words[:-1]) or normalise(words[-1]) in ROLE_NOUNS:
            continue  # "according to Belarus’ Minister of ...": an office, no outlet
        if not _is_person_name(name) and _is_outlet_name(name, single_ok=False):
            out.append(_mention(sent, m.start(1), name, ORGANIZATION))
    for m in _REPORTED_BY.finditer(sent.text):
        name, begin = m.group(1), m.start(1)
        while name.split()[0].lower() in FUNCTION_WORDS and len(name.split()) > 1 \
                and name.split()[0] != "The":
            cut = len(name.split()[0]) + 1
            name, begin = name[cut:].lstrip(), begin + cut  # "Later Myanmar Now reported"
        before = sent.text[:begin].rstrip().split()[-1:]
        marked = name.startswith("The ") or (before and before[0] == "the") \
            or re.search(_MEDIA_END + r"$", name)
        bare = name.removeprefix("The ").split()
        if marked and not _is_person_name(name.removeprefix("The ")) \
                and _is_outlet_name(name, single_ok=True) and not re.fullmatch(r"[A-Z]{2,5}", " ".join(bare)) \
                and not (len(bare) == 1 and is_common(bare[0])):  # "The Ministry has confirmed"
            out.append(_mention(sent, begin, name, ORGANIZATION))
    credit = _CREDIT.search(sent.text)
    if credit and normalise(credit.group(1)) not in places() | demonyms() | MONTHS \
            and not _is_person_name(credit.group(1)):
        out.append(_mention(sent, credit.start(1), credit.group(1), ORGANIZATION))
    return out


def _mention(sent: Sentence, start: int, name: str, type_: str) -> Mention:
    """A mention at an offset inside the sentence text."""
    begin = sent.start + start
    return Mention(begin, begin + len(name), name, name, type_, "cue", [], sent.text)


def _dateline_agencies(text: str) -> list[tuple[int, int]]:
    """Where the agency tags of datelines are ("MOSCOW (Reuters) –", "(Reuters) –" opening a
    line, "KYIV, June 3. /Interfax/."): a tag says who wrote the story, not who acts in it."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = len(line.group()) - len(line.group().lstrip())
        m = _DATELINE.match(line.group(), start) or _BARE_DATELINE.match(line.group(), start)
        if m:
            group = next(g for g in range(1, (m.re.groups or 0) + 1) if m.group(g))
            spans.append((line.start() + m.start(group), line.start() + m.end(group)))
    return spans


# "OSLO/YANGON, March 25 (Reuters) -", "(Reuters) –": the place and date may be any or none.
_BARE_DATELINE = re.compile(rf"(?:(?:[A-Z][A-Z.’'\-]+(?:[ /][A-Z][A-Z.’'\-]+)*|[A-Z][a-z]+\.?\s+\d{{1,2}})"
                            rf"(?:,[^()\n]{{1,40}})?\s+)?"
                            rf"\(({_WORD}(?:[ /]{_WORD}){{0,3}})\)\s*[–—-]{{1,2}}\s*(?:$|\s)"
                            # "MOSCOW (UrduPoint News / Sputnik - 31st January, 2023) The ...":
                            rf"|[A-Z][A-Z.’'\-]+(?:[ /][A-Z][A-Z.’'\-]+)*\s+\(([^()\n]{{2,80}}?"
                            rf"\d{{4}})\)")


def _bylines(sent: Sentence) -> list[Mention]:
    """ "(Reporting by A in Moscow and B in Singapore; Writing by C, Editing by D and E)"."""
    out = []
    for m in _BYLINE.finditer(sent.text):
        end = len(sent.text)
        stop = _BYLINE_END.search(sent.text, m.end())
        if stop:
            end = stop.start()
        pos = m.end()
        for piece in re.split(r"(,\s*and\s+|\s+and\s+|,\s*)", sent.text[m.end():end]):
            found = _BYLINE_PERSON.match(piece.strip()) if piece.strip() else None
            if found and _is_person_name(found.group(1)):
                lead = len(piece) - len(piece.lstrip())
                out.append(_mention(sent, pos + lead, found.group(1), PERSON))
            pos += len(piece)
    return out


def _outlets(sent: Sentence) -> list[Mention]:
    """Names after a media noun or "state-run"; after "interview with" only names no person
    has (an acronym, a channel number: "FRANCE 24")."""
    out = []
    for m in _MEDIA_NOUN.finditer(sent.text):
        before = sent.text[:m.start()].split()[-1:]
        qualifier = before[0].lower().rstrip("’'s") if before else ""
        if m.group("bare") and qualifier not in MEDIA_QUALIFIERS and qualifier not in demonyms():
            continue
        plural = m.group().rstrip().endswith("s")
        out += _names_from(sent, m.end(), listed=plural, person_ok=False, strict=False)
    for m in _STATE_RUN.finditer(sent.text):
        out += _names_from(sent, m.end(), listed=False, person_ok=True, strict=False)
    for m in _INTERVIEW.finditer(sent.text):
        out += _names_from(sent, m.end(), listed=False, person_ok=False, strict=True)
    return out


def _names_from(sent: Sentence, pos: int, listed: bool, person_ok: bool,
                strict: bool) -> list[Mention]:
    """Outlet names starting at pos: one, or a list joined by commas and "and".
    person_ok: a name shaped like a person's is still an outlet here ("state-run").
    strict: only names no person has (an acronym or a channel number)."""
    out = []
    while True:
        m = _NAME.match(sent.text, pos)
        if not m:
            break
        name = _trim(m.group(), sent.text[m.end():])
        if (person_ok or not _is_person_name(name)) and (not strict or _is_unpersonlike(name)) \
                and _is_outlet_name(name, single_ok=True):
            out.append(_mention(sent, m.start(), name, ORGANIZATION))
        sep = _LIST_SEPARATOR.match(sent.text, m.start() + len(name))
        if not listed or not sep:
            break
        pos = sep.end()
    return out


def _trim(name: str, after: str) -> str:
    """A name without its possessive, and without a number that is a quantity ("24 hours")."""
    name = POSSESSIVE.sub("", name)
    words = name.split()
    nxt = after.split()[:1]
    if words and words[-1].isdigit() and nxt and nxt[0].lower().strip(".,") in NUMBER_UNITS:
        name = name[:name.rfind(words[-1])].rstrip()
    return name


def _acronym_actors(sent: Sentence) -> list[Mention]:
    if sent.text.upper() == sent.text:
        return []  # an all-caps heading
    out = []
    for pattern in (_REPORTS, _ATTRIBUTED):
        for m in pattern.finditer(sent.text):
            word = m.group(1)
            low = word.lower()
            if low in ROLE_ACRONYMS or low in NOT_ACTOR_ACRONYMS or low in places() \
                    or low in demonyms() \
                    or re.fullmatch(r"[IVXLC]+", word):
                continue
            out.append(_mention(sent, m.start(1), word, ORGANIZATION))
    return out


# ------------------------------------------------------------------ name shapes

def _is_outlet_name(name: str, single_ok: bool) -> bool:
    """Not a place, a demonym, a month, a function word or a weapon model."""
    words = name.split()
    if not words or (len(words) == 1 and not single_ok):
        return False
    low = normalise(name)
    if words[-1].isdigit():
        return len(words) > 1 and normalise(" ".join(words[:-1])) not in MONTHS
    if low in places() or low in demonyms() or low in MONTHS or low in FUNCTION_WORDS \
            or all(normalise(w) in MEDIA_NAME_WORDS for w in words):
        return False
    return not any(WEAPON_MODEL.match(w) for w in words) \
        and not any(normalise(w) in MONTHS for w in words)


def _is_person_name(name: str) -> bool:
    """Two to four title-case words, none a place, a month or a media word: a person's shape
    ("Martin Petty"), not an outlet's ("Zvezda TV", "Russia 24")."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        low = normalise(w)
        if not (w[:1].isupper() and w[1:2].islower() and w.replace("-", "").replace("’", "")
                .replace("'", "").isalpha()):
            return False
        if low in places() or low in demonyms() or low in MONTHS or low in MEDIA_NAME_WORDS \
                or low in FUNCTION_WORDS:
            return False
    return True


def _is_unpersonlike(name: str) -> bool:
    """An acronym or a channel number: a shape no person's name has ("BBC", "FRANCE 24")."""
    words = name.split()
    return words[-1].isdigit() or all(w.isupper() and w.isalpha() for w in words)
