"""Finding the loaded lists' own names in text (Aho-Corasick over normalised names).

A listed actor is found even where the news-text rules miss it ("Kamaz", "Rostec"), and
the hit knows which list name it matched. The automaton is built once per set of list
versions and cached beside the database, since building it over every list takes seconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import sqlite_utils
from anyascii import anyascii

from screener import store
from screener.actorwords import COMPANY_SUFFIXES, ORG_HEADS
from screener.names import normalise, prepare
from screener.newstext import (
    FUNCTION_WORDS,
    ORGANIZATION,
    PERSON,
    POSSESSIVE,
    Mention,
    demonyms,
    is_common,
    places,
    sentences,
)
from screener.roles import role_length
from screener.titles import strip_titles

GAZETTEER_VERSION = "2"
MIN_SINGLE_TOKEN = 5  # a one-word organisation name shorter than this matches ordinary words


@dataclass(frozen=True)
class Entry:
    name: str  # the list name the pattern came from
    type: str  # person | organization


def person_variants(tokens: list[str]) -> set[str]:
    """Forms a person's listed name takes in text: both orders, patronymic dropped, initials."""
    out: set[str] = set()
    if len(tokens) < 2:
        return out
    for order in (tokens, tokens[1:] + tokens[:1]):
        out.add(" ".join(order))
        if len(order) >= 3:
            out.add(f"{order[0]} {order[-1]}")
        out.add(" ".join([t[0] for t in order[:-1]] + [order[-1]]))
    return {v for v in out if len(v.split()) >= 2}


def org_variants(name: str) -> set[str]:
    prepared = prepare(name, "Organization")
    out = {" ".join(prepared.tokens)}
    if prepared.normalised:
        out.add(prepared.normalised)
    return {v for v in out if v}


def _acceptable(pattern: str, type_: str) -> bool:
    tokens = pattern.split()
    if not tokens or pattern in places() or pattern in demonyms():
        return False
    if len(tokens) == 1:
        word = tokens[0]
        return type_ == ORGANIZATION and len(word) >= MIN_SINGLE_TOKEN and not is_common(word)
    if type_ == PERSON and all(is_common(t) or len(t) == 1 for t in tokens):
        return False
    return True


class Gazetteer:
    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.automaton = ahocorasick.Automaton()
        self.entries: list[Entry] = []
        seen: dict[str, int] = {}
        for full_name, target_type in rows:
            type_ = PERSON if target_type == "person" else ORGANIZATION
            if target_type in ("vessel", "aircraft"):
                continue
            if type_ == PERSON:
                variants = person_variants(normalise(full_name).split())
            else:
                variants = org_variants(full_name)
            for pattern in variants:
                if pattern in seen or not _acceptable(pattern, type_):
                    continue
                seen[pattern] = len(self.entries)
                self.entries.append(Entry(full_name, type_))
                self.automaton.add_word(f" {pattern} ", (seen[pattern], len(pattern)))
        if self.entries:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> list[Mention]:
        if not self.entries:
            return []
        norm, origin = normalise_with_offsets(text)
        padded = f" {norm} "
        found: list[Mention] = []
        sents = sentences(text)
        for end, (entry_id, length) in _longest_matches(self.automaton, padded):
            # padded[end] is the closing space; the name is the `length` characters before it.
            n_end = end - 1  # index in padded of the last character
            n_start = n_end - length + 1
            start = origin[n_start - 1]
            stop = origin[n_end - 1] + 1
            span = text[start:stop]
            before, after = text[max(0, start - 1):start], text[stop:stop + 2]
            if before in ("-", "/") or (after[:1] in ("-", "/") and after[1:2].isalnum()):
                continue  # part of a model or compound ("Orlan-10E"), not the name itself
            if not span[:1].isupper():
                continue  # "kamaz trucks" in lower case prose is rare; a common word is not
            if _inside_longer_name(text, start, stop):
                continue  # "Mar Aung" in "Zin Mar Aung" is another person
            entry = self.entries[entry_id]
            words = span.split()
            if entry.type == ORGANIZATION and not all(
                    w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "de") for w in words):
                continue  # "russian helicopters" in prose is not the company's name
            kept, titles = strip_titles(words)
            if kept != words:
                start = start + span.index(kept[0]) if kept else start
                span = text[start:stop]
            sentence = next((s.text for s in sents if s.start <= start < s.end), "")
            found.append(Mention(start, stop, span, span, entry.type, "gazetteer", titles, sentence))
        return found


def _longest_matches(automaton: ahocorasick.Automaton, padded: str) -> list[tuple[int, tuple[int, int]]]:
    """The longest match at each position, left to right, not overlapping. Two names side by
    side share the space between them ("... Mar Aung Kamaz ..."), so the padding spaces may
    overlap; the names' own characters may not."""
    found = sorted(automaton.iter(padded), key=lambda m: (m[0] - m[1][1], -m[1][1]))
    out: list[tuple[int, tuple[int, int]]] = []
    last_end = -1
    for end, (entry_id, length) in found:
        first = end - length  # index of the first name character in padded
        if first > last_end:
            out.append((end, (entry_id, length)))
            last_end = end - 1
    return out


_WORD_BEFORE = re.compile(r"([A-Z][\w’'\-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([A-Z][\w’'\-]*)")


def _inside_longer_name(text: str, start: int, stop: int) -> bool:
    """A capitalised name word right before or after the hit, which is neither a title, a
    place nor a function word, makes the hit part of a longer name."""
    before = _WORD_BEFORE.search(text[max(0, start - 40):start])
    after = _WORD_AFTER.match(text[stop:stop + 40])
    for found, side in ((before, "before"), (after, "after")):
        if found is None:
            continue
        word = found.group(1)
        low = normalise(word)
        if side == "before" and (POSSESSIVE.search(word) or (
                _sentence_start(text, start - len(found.group(0))) and is_common(word))):
            continue
        if not low or low in FUNCTION_WORDS or low in places() or low in demonyms() \
                or strip_titles([word, "x", "y"])[1] or role_length(low.split() + ["x"]) \
                or low in ORG_HEADS or low in COMPANY_SUFFIXES:
            continue
        return True
    return False


def _sentence_start(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \t")
    return not head or head[-1] in ".!?\n:;\"“(—–-"


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text normalised as names are, with each character's offset in the original."""
    out: list[str] = []
    origin: list[int] = []
    last_space = True
    skip = -1
    for i, ch in enumerate(text):
        if i == skip:
            continue
        if ch in "'’‘`´ʼʻ":
            if text[i + 1:i + 2] in ("s", "S") and not text[i + 2:i + 3].isalnum():
                skip = i + 1  # a possessive ends the name: "Min Aung Hlaing's deputy"
                if not last_space:
                    out.append(" ")
                    origin.append(i)
                    last_space = True
            continue
        mapped = anyascii(ch).lower() if ord(ch) > 127 else ch.lower()
        for m in mapped:
            if m.isalnum():
                out.append(m)
                origin.append(i)
                last_space = False
            elif not last_space:
                out.append(" ")
                origin.append(i)
                last_space = True
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def build(db: sqlite_utils.Database) -> Gazetteer:
    files = store.current_files(db)
    if not files:
        return Gazetteer([])
    marks = ",".join("?" * len(files))
    rows = db.execute(
        "SELECT n.full_name, t.type FROM target_names n JOIN targets t ON t.id = n.target_id "
        f"WHERE t.source_file_id IN ({marks}) AND n.quality = 'strong' "
        "AND (n.script IS NULL OR n.script = 'Latn')", [f["id"] for f in files]).fetchall()
    return Gazetteer(rows)


def load(db: sqlite_utils.Database, cache_dir: Path | None) -> Gazetteer:
    """The gazetteer for the current list versions, from the cache when it is there."""
    from screener.names import NORMALISE_VERSION

    files = store.current_files(db)
    key = hashlib.sha256((GAZETTEER_VERSION + NORMALISE_VERSION + "|".join(
        f"{f['id']}:{f['sha256']}" for f in files)).encode()).hexdigest()[:20]
    path = cache_dir / f"gazetteer-{key}.pickle" if cache_dir else None
    if path and path.exists():
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a broken cache is rebuilt
            pass
    gazetteer = build(db)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    return gazetteer
