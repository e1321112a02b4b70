"""One mention per span from the three proposers: the recogniser, the rules, the lists.

Proposers overlap: spaCy's span stands unless a rule's reads further ("Investment and
Commercial Bank", numbered units), a title or a cue the rules read is kept on the span, and
a listed name corrects a span that cuts or overruns it.
"""

from __future__ import annotations

import re

from screener.actortype import classify
from screener.cues import NOTICE_NAME
from screener.names import normalise
from screener.newstext import FUNCTION_WORDS, ORGANIZATION, PERSON, Mention, demonyms, places


def combine(backbone: list[Mention], rules: list[Mention], listed: list[Mention]) -> list[Mention]:
    """One mention per span from the three proposers. The recogniser's span stands unless a
    rule's span contains it and reads further (the rules join "Investment and Commercial
    Bank", numbered units, acronyms inside names); the lists' names correct spans that cut or
    overrun a listed name, and are dropped inside a longer name ("Mar Aung" in "Zin Mar Aung")."""
    kept: list[Mention] = []
    for m in sorted(backbone, key=lambda m: -(m.end - m.start)):
        if not any(overlaps(k, m) for k in kept):
            kept.append(m)
    for r in sorted(rules, key=lambda m: -(m.end - m.start)):
        clash = [k for k in kept if overlaps(k, r)]
        if len(clash) == 1 and (clash[0].start, clash[0].end) == (r.start, r.end) \
                and r.titles and not clash[0].titles:
            clash[0].titles = r.titles  # "Dr. Sasa": the title the rules read is evidence
        if not clash:
            kept.append(r)
        elif r.method == "cue" and len(clash) == 1 and (clash[0].start, clash[0].end) == (r.start, r.end):
            clash[0].type = r.type  # the context says what the name is ("RIA Novosti reported")
            clash[0].method = r.method
        elif r.titles and r.type == PERSON and any(not (r.start <= k.start and k.end <= r.end)
                                                   for k in clash) \
                and all(k.end <= r.end for k in clash):
            # The rules read an office before the name, the recogniser cut across it ("Minister
            # for Science and | Technology Myo | Thein Kyaw"): the rules' reading stands.
            for k in clash:
                kept.remove(k)
            kept.append(r)
        elif clash and min(clash, key=lambda k: k.start).type == PERSON \
                and min(clash, key=lambda k: k.start).start == r.start and r.type == ORGANIZATION \
                and re.match(r"\s+of\s", r.text[min(clash, key=lambda k: k.start).end - r.start:]):
            # "Jane Doe of Global Witness": a person of a body, not one body's name.
            person = min(clash, key=lambda k: k.start)
            cut = r.text.index(" of ", person.end - r.start - 1) + 4
            if r.text[cut:].startswith("the "):
                cut += 4  # "Yanghee Lee of the Special Advisory Council for Myanmar"
            body = r.text[cut:]
            inside = [k for k in clash if k is not person]
            one_word = len(body.split()) == 1 and body[:1].isupper() \
                and normalise(body) not in places() | demonyms() | FUNCTION_WORDS
            if (classify(body.split(), []) == ORGANIZATION or one_word) and all(
                    k.start >= r.start + cut and k.end - k.start < len(body)
                    and k.type == ORGANIZATION for k in inside):
                for k in inside:
                    kept.remove(k)  # the rules read the body's name further
                kept.append(Mention(r.start + cut, r.end, body, body, ORGANIZATION, r.method, [],
                                    r.sentence))  # "X of Synergy", "X of the Y Council for Z"
            continue
        elif all(r.start <= k.start and k.end <= r.end for k in clash) and r.method in ("rules", "cue") \
                and (r.end - r.start) > max(k.end - k.start for k in clash) \
                and (len(clash) == 1 or all(k.type == r.type for k in clash)
                     or NOTICE_NAME.fullmatch(r.text) is not None):
            for k in clash:
                kept.remove(k)
            kept.append(r)
    # A rule's span that clashed only with a recogniser's span removed since ("Office of
    # Foreign Assets Control" inside "Office ... Control Jane M. Kamau") stands after all.
    for r in sorted(rules, key=lambda m: -(m.end - m.start)):
        if r not in kept and r.method == "rules" and not any(overlaps(k, r) for k in kept):
            kept.append(r)
    for g in sorted(listed, key=lambda m: -(m.end - m.start)):
        clash = [k for k in kept if overlaps(k, g)]
        if not clash:
            kept.append(g)
            continue
        if any(k.start <= g.start and g.end <= k.end for k in clash):
            for k in clash:  # inside a longer name: lend the type where the names agree
                if k.type != g.type and k.start == g.start and k.end == g.end:
                    k.type = g.type
            continue
        for k in clash:  # the listed name cuts or overruns: its span is right
            kept.remove(k)
        g.titles = sorted({t for k in clash for t in k.titles} | set(g.titles))
        kept.append(g)
    return sorted(kept, key=lambda m: m.start)


def overlaps(a: Mention, b: Mention) -> bool:
    """Whether two spans share a character."""
    return a.start < b.end and b.start < a.end


def merge_spans(mentions: list[Mention]) -> list[Mention]:
    """One mention per span. Rules read titles and context, so their span wins where they
    found the name; the gazetteer adds what they missed and lends its type where they agree."""
    primary = [m for m in mentions if m.method != "gazetteer"]
    kept: list[Mention] = []
    for m in sorted(primary, key=lambda m: -(m.end - m.start)):
        if not any(overlaps(k, m) for k in kept):
            kept.append(m)
    for g in sorted((m for m in mentions if m.method == "gazetteer"), key=lambda m: -(m.end - m.start)):
        clash = [k for k in kept if overlaps(k, g)]
        if not clash:
            kept.append(g)
            continue
        for k in clash:
            if k.method == "rules" and k.type != g.type and len(g.name.split()) >= len(k.name.split()):
                k.type = g.type
    return sorted(kept, key=lambda m: m.start)
