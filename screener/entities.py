"""Grouping mentions into entities, and the researcher's corrections to them.

Mentions of one actor take many forms ("Snr. Gen. Min Aung Hlaing", "Min Aung Hline",
"N.P. Patrushev", "Patrushev"). They are grouped by name comparison, never on fuzzy
similarity alone where Burmese names repeat syllables ("Maung Maung Aye" is not
"Maung Maung Kyaw"). Corrections (rename, merge, delete, add) are stored as curations and
replayed after every ingest, so a fix made once survives re-extraction.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from screener import match, store
from screener.names import normalise, prepare
from screener.newstext import ORGANIZATION, PERSON, Mention

CURATION_ACTIONS = ("rename", "merge", "delete", "add", "retype")


@dataclass
class EntityDraft:
    name: str
    type: str
    forms: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, Mention]] = field(default_factory=list)  # (document id, mention)

    @property
    def aliases(self) -> list[str]:
        return sorted(f for f in self.forms if f != self.name)


def org_key(name: str) -> str:
    return " ".join(prepare(name, "Organization").tokens) or normalise(name)


def _person_tokens(name: str) -> list[str]:
    return list(prepare(name, "Person").tokens)


def same_person(a: str, b: str) -> bool:
    """Two person names for one actor: a score at the match threshold, or one name's words
    all found in the other's (a short form: "Suu Kyi", "Alexander Fomin")."""
    ta, tb = _person_tokens(a), _person_tokens(b)
    if not ta or not tb:
        return False
    full_a = [t for t in ta if len(t) > 1]
    full_b = [t for t in tb if len(t) > 1]
    short, long_ = (full_a, full_b) if len(full_a) <= len(full_b) else (full_b, full_a)
    if len(short) >= 2 and all(t in long_ for t in short):
        return True
    if len(ta) != len(tb) and (len(full_a) == len(ta) and len(full_b) == len(tb)):
        return False  # different numbers of whole words: only the subset rule above joins them
    return match.compare(a, b, "Person") >= match.DEFAULT_THRESHOLD


def group(mentions: list[tuple[int, Mention]]) -> list[EntityDraft]:
    """Entities from the mentions of all documents (document id, mention)."""
    drafts: list[EntityDraft] = []
    by_org: dict[str, EntityDraft] = {}
    people = [(d, m) for d, m in mentions if m.type == PERSON and m.method != "surname"]
    orgs = [(d, m) for d, m in mentions if m.type == ORGANIZATION and m.method != "acronym"]
    # Longest person names first, so short forms join the full name.
    people.sort(key=lambda dm: (-len(dm[1].name.split()), dm[1].name))
    for doc_id, m in people:
        target = next((e for e in drafts if e.type == PERSON and any(
            same_person(m.name, f) for f in e.forms)), None)
        if target is None:
            target = EntityDraft(m.name, PERSON)
            drafts.append(target)
        target.forms[m.name] += 1
        target.mentions.append((doc_id, m))
    for doc_id, m in orgs:
        key = org_key(m.name)
        target = by_org.get(key)
        if target is None:
            target = EntityDraft(m.name, ORGANIZATION)
            by_org[key] = target
            drafts.append(target)
        target.forms[m.name] += 1
        if _is_acronym(m.text) and m.text != m.name:  # resolved in its document: "MICB"
            target.forms[m.text] += 1
        target.mentions.append((doc_id, m))
    _fold_acronym_drafts(drafts)
    _attach_acronyms(mentions, drafts)
    _attach_surnames(mentions, drafts)
    for e in drafts:
        e.name = canonical_name(e)
    return drafts


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 8 and text[:1].isupper() and text.replace("&", "").isalnum() \
        and sum(c.isupper() for c in text) >= 2 and " " not in text


def _attach_acronyms(mentions: list[tuple[int, Mention]], drafts: list[EntityDraft]) -> None:
    """"Justice for Myanmar (JFM)": the acronym joins the organisation named just before it."""
    for doc_id, m in mentions:
        if m.method != "acronym":
            continue
        for e in drafts:
            if e.type != ORGANIZATION:
                continue
            if any(m.name.upper() in _initials(f) for f in e.forms):
                e.forms[m.name] += 1
                e.mentions.append((doc_id, m))
                break


def _fold_acronym_drafts(drafts: list[EntityDraft]) -> None:
    """ "JFM said": an acronym the rules found on its own context joins the organisation it
    abbreviates ("Justice for Myanmar") instead of standing as a second entity."""
    for d in [d for d in drafts if d.type == ORGANIZATION and all(
            f.isalpha() and f.isupper() for f in d.forms)]:
        target = next((e for e in drafts if e is not d and e.type == ORGANIZATION and any(
            a.upper() in _initials(f) for a in d.forms for f in e.forms)), None)
        if target is not None:
            target.forms.update(d.forms)
            target.mentions.extend(d.mentions)
            drafts.remove(d)


def _initials(name: str) -> tuple[str, str]:
    """Initials with and without connectors: JFM for Justice for Myanmar, NLD for National
    League for Democracy."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    every = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper()).upper()
    return every, capitals


def _attach_surnames(mentions: list[tuple[int, Mention]], drafts: list[EntityDraft]) -> None:
    for doc_id, m in mentions:
        if m.method != "surname":
            continue
        target = next((e for e in drafts if e.type == PERSON and m.name in e.forms), None)
        if target is not None:
            target.mentions.append((doc_id, m))


def canonical_name(e: EntityDraft) -> str:
    """The most complete form: most whole words (an organisation: not its acronym), then most
    often written, then shortest."""
    def whole_words(name: str) -> int:
        return sum(1 for t in normalise(name).split() if len(t) > 1)

    def abbreviates(form: str) -> bool:  # "JFM" beside "Justice for Myanmar"
        return form.isalpha() and form.isupper() and any(
            form in _initials(f) for f in e.forms if f != form)

    if e.type == PERSON:
        return max(e.forms, key=lambda f: (whole_words(f), e.forms[f], -len(f)))
    return max(e.forms, key=lambda f: (not abbreviates(f), e.forms[f], -len(f)))


# ------------------------------------------------------------------ database

def write(db: sqlite_utils.Database, drafts: list[EntityDraft]) -> None:
    """Replace entities and mentions (call inside the ingest transaction)."""
    conn = db.conn
    conn.execute("DELETE FROM mentions")
    conn.execute("DELETE FROM entities")
    now = store.now_iso()
    for e in drafts:
        cur = conn.execute(
            "INSERT INTO entities (name, type, aliases, curated, deleted, created_at, updated_at) "
            "VALUES (?,?,?,0,0,?,?)", [e.name, e.type, json.dumps(e.aliases, ensure_ascii=False),
                                       now, now])
        entity_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO mentions (document_id, entity_id, start, end, text, sentence, method) "
            "VALUES (?,?,?,?,?,?,?)",
            [(doc_id, entity_id, m.start, m.end, m.text, m.sentence, m.method)
             for doc_id, m in e.mentions])


def find_entity(db: sqlite_utils.Database, name_or_id: str, include_deleted: bool = False
                ) -> dict[str, Any]:
    """An entity by id, exact name, or a name/alias normalised; a clear error otherwise."""
    deleted = "" if include_deleted else " AND deleted = 0"
    if name_or_id.isdigit():
        rows = list(db.query(f"SELECT * FROM entities WHERE id = ?{deleted}", [int(name_or_id)]))
        if rows:
            return rows[0]
    wanted = normalise(name_or_id)
    candidates = []
    for row in db.query(f"SELECT * FROM entities WHERE 1=1{deleted}"):
        forms = [row["name"], *json.loads(row["aliases"] or "[]")]
        if any(normalise(f) == wanted for f in forms):
            candidates.append(row)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        names = ", ".join(f"{c['id']}: {c['name']}" for c in candidates)
        raise ValueError(f"{name_or_id!r} is ambiguous ({names}); use the id")
    raise ValueError(f"no entity named {name_or_id!r} (see `screener entities list`)")


def record_curation(db: sqlite_utils.Database, action: str, **args: Any) -> None:
    if action not in CURATION_ACTIONS:
        raise ValueError(f"unknown curation {action!r}")
    db.conn.execute("INSERT INTO curations (action, args, created_at) VALUES (?,?,?)",
                    [action, json.dumps(args, ensure_ascii=False), store.now_iso()])


def apply_curations(db: sqlite_utils.Database) -> int:
    """Replay every stored correction on the current entities; returns how many applied."""
    applied = 0
    for row in list(db.query("SELECT action, args FROM curations ORDER BY id")):
        args = json.loads(row["args"])
        try:
            _apply(db, row["action"], args)
            applied += 1
        except ValueError:
            continue  # the entity it named is gone from the documents: nothing to correct
    return applied


def _apply(db: sqlite_utils.Database, action: str, args: dict[str, Any]) -> None:
    conn = db.conn
    now = store.now_iso()
    if action == "add":
        try:
            find_entity(db, args["name"])
            return
        except ValueError:
            conn.execute("INSERT INTO entities (name, type, aliases, curated, deleted, created_at, "
                         "updated_at) VALUES (?,?,?,1,0,?,?)",
                         [args["name"], args["type"], "[]", now, now])
            return
    entity = find_entity(db, args["entity"])
    if action == "rename":
        aliases = set(json.loads(entity["aliases"] or "[]")) | {entity["name"]}
        aliases.discard(args["name"])
        conn.execute("UPDATE entities SET name = ?, aliases = ?, curated = 1, updated_at = ? "
                     "WHERE id = ?", [args["name"], json.dumps(sorted(aliases)), now, entity["id"]])
    elif action == "retype":
        conn.execute("UPDATE entities SET type = ?, curated = 1, updated_at = ? WHERE id = ?",
                     [args["type"], now, entity["id"]])
    elif action == "delete":
        conn.execute("UPDATE entities SET deleted = 1, curated = 1, updated_at = ? WHERE id = ?",
                     [now, entity["id"]])
    elif action == "merge":
        into = find_entity(db, args["into"])
        if into["id"] == entity["id"]:
            return
        aliases = set(json.loads(into["aliases"] or "[]")) | set(
            json.loads(entity["aliases"] or "[]")) | {entity["name"]}
        aliases.discard(into["name"])
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into["id"], entity["id"]])
        conn.execute("UPDATE entities SET aliases = ?, curated = 1, updated_at = ? WHERE id = ?",
                     [json.dumps(sorted(aliases)), now, into["id"]])
        conn.execute("DELETE FROM entities WHERE id = ?", [entity["id"]])


def curate(db: sqlite_utils.Database, action: str, **args: Any) -> None:
    """Apply one correction now and store it so it is replayed after every ingest."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _apply(db, action, args)
        record_curation(db, action, **args)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def list_entities(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT e.id, e.name, e.type, COUNT(m.id) AS mentions, "
        "COUNT(DISTINCT m.document_id) AS documents, e.aliases, e.curated "
        "FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id "
        "WHERE e.deleted = 0 GROUP BY e.id ORDER BY mentions DESC, e.name"))


def entity_mentions(db: sqlite_utils.Database, entity_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT d.path AS document, d.title, d.published, m.start, m.end, m.text, m.method, "
        "m.sentence "
        "FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? "
        "ORDER BY d.path, m.start", [entity_id]))
