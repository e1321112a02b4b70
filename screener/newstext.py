"""Sentences, tokens and word lists of news text, shared by the extraction rules.

Kept apart from the rules themselves so that rules of different kinds (name shapes in
extract, nameruns and runmentions, context cues in cues) read the same sentences and the same
word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from screener.names import normalise

PERSON = "person"
ORGANIZATION = "organization"

MONTHS = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
thursday friday saturday sunday""".split())
# Capitalised words that start sentences or headlines and are never part of a name here.
FUNCTION_WORDS = frozenset("""
a an the this that these those his her its their our your my he she it they we you i
in on at to of for from by with without after before during since while although though
when where as and or but if so also just more most some any all many much several multiple
according earlier later now then there here however moreover meanwhile despite through
between among into over under about against via per until unless because new old former
related back top leave fill log you join connecting create get published fighting news
both either neither each every see ibid today yesterday tomorrow tonight recently currently
previously separately additionally furthermore
""".split())
# Acronyms that name no actor: time zones, units, formats and everyday things.
NOT_ACTOR_ACRONYMS = frozenset("""gmt utc est edt cet cest bst pst pdt msk ist am pm gdp gnp
pdf faq url html sim atm vip ceo cfo coo cto mp mep pm usd eur rub kyat km kg mw gw covid
cfr usc
""".split())

# Mi-35, Yak-130, Pantsir-S1, Orlan-10E, Su-30, COVID-19
WEAPON_MODEL = re.compile(r"^[A-Z][A-Za-z]{0,9}-?[A-Z]{0,3}\d+[A-Za-z0-9-]*$")
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][\w’'\-\.]*|\d+[\w\-]*", re.UNICODE)
POSSESSIVE = re.compile(r"(’s|'s|’|')$")
ABBREVIATIONS = frozenset("""mr mrs ms dr snr sr jr gen col lt maj brig adm st no vs feb jan mar apr
jun jul aug sep sept oct nov dec u.s u.k u.n corp co ltd inc pte pty bhd sdn rep reps sen gov
amb dept messrs sec""".split())


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A span of a document that names an actor."""

    start: int
    end: int
    text: str  # the span as written
    name: str  # the name with titles and possessives removed
    type: str
    method: str  # rules | gazetteer | ner
    titles: list[str] = field(default_factory=list)
    sentence: str = ""
    list_key: int | None = None  # gazetteer: the list name id it matched


# ------------------------------------------------------------------ word lists

@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    text = resources.files("screener.data").joinpath("places.txt").read_text(encoding="utf-8")
    return frozenset(normalise(line) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    from screener.countries import _EXTRA

    words = {k for k in _EXTRA if " " not in k and not k.isupper()}
    words |= {w + "s" for w in words}
    return frozenset(words | {"western", "eastern", "asian", "european", "soviet", "american",
                              "buddhist", "muslim", "christian", "singaporean", "russians",
                              "rohingya", "rohingyas", "bamar", "burman", "burmans"})


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English dictionary words: a capitalised dictionary word is evidence of a heading or a
    sentence start, not of a name."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # the word list is an optional aid
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))


def is_common(word: str) -> bool:
    w = word.lower()
    words = common_words()
    return w in words or (w.endswith("s") and w[:-1] in words) or w in FUNCTION_WORDS


# ------------------------------------------------------------------ sentences

def sentences(text: str) -> list[Sentence]:
    """Split into sentences with offsets; abbreviations and initials do not end a sentence."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        pos = 0
        for m in re.finditer(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])", chunk):
            before = chunk[pos:m.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in ABBREVIATIONS or (len(last) <= 2 and last.replace(".", "").isalpha()
                                         and last.replace(".", "").isupper() is False
                                         and len(last.replace(".", "")) == 1):
                continue
            if re.search(r"\b[A-Z]\.$", chunk[:m.start() + 1]) or re.search(
                    r"\b[A-Z]\.[A-Z]\.$", chunk[:m.start() + 1]):
                continue
            end = m.start() + 1
            if chunk[pos:end].strip():
                out.append(_sentence(text, start + pos, start + end))
            pos = m.end()
        if chunk[pos:].strip():
            out.append(_sentence(text, start + pos, start + len(chunk)))
    return out


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end])


# ------------------------------------------------------------------ tokens

@dataclass
class Token:
    text: str
    start: int
    end: int


_FOOTNOTE = re.compile(r"(?<=[a-z]{3})\.\d{1,2}$")


def tokens(sentence: Sentence) -> list[Token]:
    """Words with document offsets; trailing sentence dots dropped, initials keep theirs."""
    out = []
    for m in _TOKEN.finditer(sentence.text):
        word = m.group()
        end = m.end()
        footnote = _FOOTNOTE.search(word)
        if footnote:  # "Dynasty International Company Limited.6": a footnote's number
            word, end = word[:footnote.start()], end - len(footnote.group())
        while word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+(?:[A-Z][a-z]+)?", word) \
                and word.lower().rstrip(".") not in ABBREVIATIONS:
            word = word[:-1]
            end -= 1
        if word:
            out.append(Token(word, sentence.start + m.start(), sentence.start + end))
    return out
