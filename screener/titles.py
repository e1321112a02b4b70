"""Titles, ranks and offices written before names, and the bodies those offices name.

"Snr. Gen. Min Aung Hlaing" is a person with a rank; "Secretary of the Security Council of
the Russian Federation N.P. Patrushev" a person with an office, and the council an actor
too. The rank list and the role grammar are screener.actorwords' and screener.roles'; this
module cuts them from the front of a name (for the rules, the recogniser's spans and the
lists' names alike) and finds the body an office belongs to.
"""

from __future__ import annotations

import re

from screener.actortype import classify
from screener.actorwords import ORG_HEADS, TITLE_SEQUENCES
from screener.names import normalise
from screener.newstext import ORGANIZATION, Mention, Sentence, places
from screener.roles import OFFICE_WORDS, role_length


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """The words without the titles and offices that open them, and those titles
    ("Minister of Defence Sergei Shoigu": Sergei Shoigu, minister of defence)."""
    titles: list[str] = []
    changed = True
    while changed and words:
        changed = False
        norm = [normalise(w) for w in words]
        flat: list[str] = []
        owner: list[int] = []
        for idx, n in enumerate(norm):
            for part in n.split():
                flat.append(part)
                owner.append(idx)
        size = role_length(flat)
        for seq in TITLE_SEQUENCES:
            if tuple(flat[:len(seq)]) == seq and len(flat) > len(seq) and len(seq) >= size:
                cut = owner[len(seq) - 1] + 1
                if seq in {("u",), ("daw",)} and (len(words) - cut < 2 or "." in words[0]):
                    continue  # "U.S. Treasury" is no honorific
                titles.append(" ".join(seq))
                words = words[cut:]
                changed = True
                break
        while size and size < len(flat) and owner[size - 1] == owner[size]:
            size -= 1  # the office ends inside a word ("of the Russia-ASEAN Economic Council")
        while size > 1 and flat[size - 1] in ("of", "for", "the", "and"):
            size -= 1
        if not changed and size and len(flat) > size:
            titles.append(" ".join(flat[:size]))
            words = words[owner[size - 1] + 1:]
            changed = True
    return words, titles


def title_words(words: list[str], k: int) -> int:
    """How many of words[k:] make a rank or title ("Vice Snr. Gen."), 0 if none."""
    flat: list[str] = []
    ends: dict[int, int] = {}
    for i, w in enumerate(words[k:k + 20]):
        flat.extend(w.split())
        ends[len(flat)] = i + 1
    size = role_length(flat)
    for seq in TITLE_SEQUENCES:
        if tuple(flat[:len(seq)]) == seq and len(seq) in ends and seq not in {("u",), ("daw",)} \
                and len(seq) >= size:
            return ends[len(seq)]
    return ends.get(size, 0) if size else 0


def _without_places(words: list[str]) -> list[str]:
    """The words that are not part of a place's name ("of the russian federation")."""
    out, i = [], 0
    while i < len(words):
        size = next((n for n in (3, 2, 1) if " ".join(words[i:i + n]) in places()), 0)
        if size:
            i += size
        else:
            out.append(words[i])
            i += 1
    return out


def office_bodies(titles: list[str], text: str, start: int, end: int, sent: Sentence) -> list[Mention]:
    """The body a role belongs to, where the role names one ("Secretary of the Security Council
    of the Russian Federation N.P. Patrushev": the council is an actor too)."""
    out = []
    for title in titles:
        words = title.split()
        cut = next((i for i, w in enumerate(words) if w in ("of", "for")), None)
        if cut is None or not any(w in ORG_HEADS for w in _without_places(words[cut:])):
            continue
        body = [w for w in words[cut + 1:]]
        while body and body[0] in ("the", "of"):
            body = body[1:]
        if "of" in body:  # "of the General Staff of the Myanmar Armed Forces": the named body
            inner, outer = body[:body.index("of")], body[body.index("of") + 1:]
            words_out = [w for w in outer if w != "the"]
            named = [w for w in _without_places(words_out)]
            if all(w in OFFICE_WORDS for w in inner) and any(w in ORG_HEADS for w in named) \
                    and (len(named) < len(words_out)
                         or not all(w in OFFICE_WORDS | ORG_HEADS for w in named)):
                body = outer[1:] if outer[:1] == ["the"] else outer
        pattern = r"\W+".join(re.escape(w) for w in body)
        found = re.search(pattern, text[start:end], re.I) if body else None
        if found and classify(text[start + found.start():start + found.end()].split(), []) \
                == ORGANIZATION:
            b, e = start + found.start(), start + found.end()
            out.append(Mention(b, e, text[b:e], text[b:e], ORGANIZATION, "rules", [], sent.text))
    return out
