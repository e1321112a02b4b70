"""Page furniture around the article's own sentences: headlines, captions and credits,
quoted titles of works, tags and handles.

A title-case line is a heading, not a sentence; "AP Photo/Aldgra Fredly" credits a picture;
“Deadly Cargo” in quotes is a report's title; "@USTreasury" is a handle. None of them names an
actor the article is about. (Bylines and datelines are context cues: screener.cues.)
"""

from __future__ import annotations

import re

from screener.actorwords import BODY_NAME_WORDS, COMPANY_SUFFIXES, ORG_HEADS
from screener.names import normalise
from screener.newstext import Mention, Sentence, demonyms, is_common, places
from screener.nonactors import named_as_thing

_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s")


def is_headline(text: str, sent: Sentence) -> bool:
    """Title-case lines ("Myanmar Junta Jails NLD Patron for 20 Years", "US Sanctions Burma
    Defense Ministry") are headings, not sentences; a bulleted line is a list item."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    whole_line = line.strip() == sent.text.strip()
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", sent.text) if len(w) > 3]
    if sent.text.rstrip().endswith((".", "”", '"', "?", "!", ":")) or _BULLET.match(line):
        return False
    if any(normalise(w) in COMPANY_SUFFIXES for w in re.findall(r"[A-Za-z]+", line)):
        return False  # a table row or a list of companies, not a headline
    if whole_line and re.search(r"[A-Z]{2}", line) and not re.search(r"[a-z]", line):
        return True  # "KEY POINTS", "REUTERS": a heading or a tag in capitals
    spaced_words = [w for w in line.split() if re.search(r"[A-Za-z]", w)]
    last = normalise(spaced_words[-1]) if spaced_words else ""
    if whole_line and 2 <= len(spaced_words) <= 6 and all(w[0].isupper() for w in spaced_words) \
            and last.endswith("s") and is_common(last) \
            and last not in ORG_HEADS | BODY_NAME_WORDS | COMPANY_SUFFIXES:
        return True  # "Myanmar-Pakistan Ties", "Pak Strengthening Ties": a subheading
    spaced = [w for w in line.split() if re.search(r"[A-Za-z]", w)]
    if whole_line and len(spaced) >= 2 and all(w[0].isupper() for w in spaced) and all(
            is_common(w.strip(",:;")) or normalise(w.replace(".", "")) in places() | demonyms()
            for w in spaced):
        return True  # "U.S. Sanctions Designations": a subheading of dictionary words
    if len(words) < (3 if whole_line else 5) or re.search(r"[;()]", sent.text) \
            or (not whole_line and "," in sent.text):
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7


def is_hashtag(text: str, m: Mention) -> bool:
    """ "#MyanmarWhat", "@USTreasury": a tag or a handle, not a name ("#Karen National Union"
    tags a name's first word and the name stands)."""
    if text[m.start - 1:m.start] not in ("#", "@"):
        return False
    first = m.text.split()[0]
    return len(m.text.split()) == 1 or re.search(r"[a-z][A-Z]", first) is not None


_QUOTED_TITLE_BEFORE = re.compile(r"[“\"«](?:(?:[A-Z][\w’'-]*|a|an|the|of|on|in|to|for|and)\s+){1,4}$")
_CREDIT_BEFORE = re.compile(r"(?:\b(?:[Pp]hotos?|[Pp]hotograph|[Ii]mages?|[Cc]redit|[Vv]ideo)\s*(?:[:/|]|by)\s*"
                            r"|©\s*)$")
_CREDIT_LINE_END = re.compile(r"\b(?:Photo|Photos|Photograph|Image|Images|Credit|Getty Images|File)"
                              r"[:/]?\s*$")


def _in_quoted_title(before: str, after: str, m: Mention) -> bool:
    """Inside a quoted title of six words or more, mostly capitalised (a report's or a
    book's), a company's name aside."""
    opened, closed = before.rfind("“"), before.rfind("”")
    end = after.find("”")
    if opened < 0 or closed > opened or end < 0:
        return False
    quoted = before[opened + 1:] + m.text + after[:end]
    words = re.findall(r"[A-Za-z][\w’'-]*", quoted)
    capital = [w for w in words if w[0].isupper()]
    return len(words) >= 6 and len(capital) >= 0.6 * len(words) \
        and normalise(m.name.split()[-1]) not in COMPANY_SUFFIXES


def in_place_or_credit(text: str, m: Mention) -> bool:
    """A name that the words around it make a place ("the village of Akyi Pan Palun", "in
    Magwe region"), an event ("the HeliRussia exhibition") or a photo credit ("AP Photo/Aldgra Fredly", a name alone on the line after
    "AP Photo"): page furniture and geography, not actors."""
    if named_as_thing(text, m):
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:m.start], text[m.end:line_end]
    open_at, close_at = before.rfind("("), after.find(")")
    if open_at >= 0 and ")" not in before[open_at:] and close_at >= 0 \
            and "/" in before[open_at:] + m.text + after[:close_at] \
            and not after[close_at + 1:].strip(" .”\"").strip():
        return True  # "(Sputnik/Kremlin Pool)" closing a caption: a picture's credit
    if _CREDIT_BEFORE.search(before) or re.match(r"^\s*\(@\w+\)", after):
        return True  # "AP Photo/Jane Doe", "— Jane Doe (@janedoe)": credits and signatures
    if re.search(r"(?<!\()[“\"«]\s*$", before) and re.match(r"^[,.]?\s*[”\"»](?!\))", after) \
            and normalise(m.name.split()[-1]) not in COMPANY_SUFFIXES \
            and not any(normalise(w) in ORG_HEADS for w in m.name.split()):
        return True  # the title of a report or a film in quotes (“Deadly Cargo”), not “X Ltd”
    if _in_quoted_title(before, after, m):
        return True  # “Banking on the Death Trade: How Banks and Governments Enable ...”
    if _QUOTED_TITLE_BEFORE.search(before) and re.match(r"^[,.]?\s*[”\"»]", after) \
            and normalise(m.name.split()[-1]) not in COMPANY_SUFFIXES | ORG_HEADS:
        return True  # “On the Hospitable Land of Burma,”: a title that opens with small words
    line = text[line_start:line_end].strip()
    if len(line.split()) <= 5 and not line.endswith((".", "”", '"')):
        previous = text[:line_start].rstrip("\n").rsplit("\n", 1)[-1].strip()
        if _CREDIT_LINE_END.search(previous):
            return True
    return False
