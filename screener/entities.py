"""Grouping mentions into entities, and the researcher's corrections to them.

Mentions of one actor take many forms ("Snr. Gen. Min Aung Hlaing", "Min Aung Hline",
"N.P. Patrushev", "Patrushev"). They are grouped by name comparison, never on fuzzy
similarity alone where Burmese names repeat syllables ("Maung Maung Aye" is not
"Maung Maung Kyaw"). Corrections (rename, merge, delete, add) are stored as curations and
replayed after every ingest, so a fix made once survives re-extraction.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from screener import match, store
from screener.db import write_transaction
from screener.names import is_burmese_like, normalise, prepare
from screener.newstext import ORGANIZATION, PERSON, Mention

CURATION_ACTIONS = ("rename", "merge", "delete", "add", "retype", "alias")


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
    if len(short) < len(long_) and is_burmese_like(short):
        # Burmese names have no surname: "Tay Za" is not "Pye Phyo Tay Za", his son (a
        # document's own short forms, "Suu Kyi", are joined to the full name in resolve).
        return False
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
    _fold_person_named_organisations(drafts)
    _attach_acronyms(mentions, drafts)
    _attach_surnames(mentions, drafts)
    for e in drafts:
        e.name = canonical_name(e)
    return drafts


def _fold_person_named_organisations(drafts: list[EntityDraft]) -> None:
    """A name the recogniser once took for an organisation ("... ousted Aung San Suu Kyi and
    President Win Myint") that is a person elsewhere in the corpus is that person."""
    people = {normalise(f): e for e in drafts if e.type == PERSON for f in e.forms}
    for d in [d for d in drafts if d.type == ORGANIZATION]:
        target = next((people[normalise(f)] for f in d.forms if normalise(f) in people), None)
        if target is not None and len(d.name.split()) >= 2:
            for m in (m for _, m in d.mentions):
                m.type = PERSON
            target.forms.update(d.forms)
            target.mentions.extend(d.mentions)
            drafts.remove(d)


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

# entities.deleted: 0 active; 1 deleted or merged by the researcher (a merged row keeps its
# id and points at the survivor through merged_into); 2 no longer found in the documents.
# Rows are never removed, so matches and review decisions keyed by an entity id stay valid.
ACTIVE, REMOVED, ABSENT = 0, 1, 2
ORIGIN_EXTRACTED, ORIGIN_ADDED = "extracted", "added"


def _forms(row: dict[str, Any]) -> set[str]:
    names = [row["name"], row.get("extracted_name") or row["name"],
             *json.loads(row["aliases"] or "[]")]
    return {normalise(n) for n in names if n}


def assign_ids(rows: list[dict[str, Any]], drafts: list[EntityDraft]) -> list[int | None]:
    """The stored entity id each draft continues (None: a new actor). First every draft whose
    name a row was extracted under takes that row; then the others, best attested first, take
    the unclaimed row sharing most of their forms (a name, alias or earlier name)."""
    by_extracted: dict[str, int] = {}
    holders: dict[str, set[int]] = {}
    for r in rows:  # an actor the researcher added by hand is taken back once a text names it
        by_extracted.setdefault(normalise(r["extracted_name"] or r["name"]), r["id"])
        for form in _forms(r):
            holders.setdefault(form, set()).add(r["id"])
    order = sorted(range(len(drafts)), key=lambda n: (-len(drafts[n].mentions), drafts[n].name))
    chosen: list[int | None] = [None] * len(drafts)
    claimed: set[int] = set()
    for n in order:
        entity_id = by_extracted.get(normalise(drafts[n].name))
        if entity_id is not None and entity_id not in claimed:
            chosen[n] = entity_id
            claimed.add(entity_id)
    for n in order:
        if chosen[n] is not None:
            continue
        shared: Counter = Counter()
        for form in {normalise(f) for f in drafts[n].forms} | {normalise(drafts[n].name)}:
            shared.update(holders.get(form, set()) - claimed)
        if shared:
            entity_id = min(shared, key=lambda i: (-shared[i], i))
            chosen[n] = entity_id
            claimed.add(entity_id)
    return chosen


def write(db: sqlite_utils.Database, drafts: list[EntityDraft]) -> None:
    """Store the extracted entities, each under the id it had before (see assign_ids; call
    inside the ingest transaction). Extracted rows no draft continues are marked absent,
    never removed; rows added by hand stay as they are."""
    conn = db.conn
    conn.execute("DELETE FROM mentions")
    rows = list(db.query("SELECT * FROM entities ORDER BY id"))
    now = store.now_iso()
    claimed: set[int] = set()
    for e, entity_id in zip(drafts, assign_ids(rows, drafts), strict=True):
        aliases = json.dumps(e.aliases, ensure_ascii=False)
        if entity_id is None:
            entity_id = conn.execute(
                "INSERT INTO entities (name, type, aliases, curated, deleted, created_at, "
                "updated_at, extracted_name, origin) VALUES (?,?,?,0,0,?,?,?,?)",
                [e.name, e.type, aliases, now, now, e.name, ORIGIN_EXTRACTED]).lastrowid
        else:
            conn.execute(
                "UPDATE entities SET name = ?, type = ?, aliases = ?, curated = 0, deleted = 0, "
                "merged_into = NULL, extracted_name = ? WHERE id = ?",
                [e.name, e.type, aliases, e.name, entity_id])
        claimed.add(entity_id)
        conn.executemany(
            "INSERT INTO mentions (document_id, entity_id, start, end, text, sentence, method) "
            "VALUES (?,?,?,?,?,?,?)",
            [(doc_id, entity_id, m.start, m.end, m.text, m.sentence, m.method)
             for doc_id, m in e.mentions])
    gone = [r["id"] for r in rows if r["origin"] == ORIGIN_EXTRACTED and r["id"] not in claimed
            and r["deleted"] != ABSENT]
    conn.executemany("UPDATE entities SET deleted = ?, merged_into = NULL, updated_at = ? "
                     "WHERE id = ?", [(ABSENT, now, i) for i in gone])


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


def entity_type(text: str) -> str:
    """The stored type for what a user wrote ("org", "company" -> organization); refused
    with the accepted words otherwise, never stored literally."""
    from screener.screen import parse_type

    kind = parse_type(text)
    return kind if kind is not None else PERSON


def _added_row(db: sqlite_utils.Database, name: str) -> dict[str, Any] | None:
    """The row an earlier `add` of this name created, whatever became of it since."""
    wanted = normalise(name)
    for row in db.query("SELECT * FROM entities WHERE origin = ? AND merged_into IS NULL",
                        [ORIGIN_ADDED]):
        if normalise(row["name"]) == wanted or normalise(row["extracted_name"] or "") == wanted:
            return row
    return None


def survivors(db: sqlite_utils.Database) -> dict[int, int]:
    """Every entity id -> the id it lives on as (itself, or where merges took it)."""
    parent = {r[0]: r[1] for r in db.execute("SELECT id, merged_into FROM entities")}
    out: dict[int, int] = {}
    for start in parent:
        node, seen = start, set()
        while parent.get(node) is not None and node not in seen:
            seen.add(node)
            node = parent[node]
        out[start] = node
    return out


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
        kind = entity_type(args.get("type") or PERSON)
        aliases = sorted({a for a in args.get("aliases", []) if a and a != args["name"]})
        try:
            row = find_entity(db, args["name"])
        except ValueError:
            row = _added_row(db, args["name"])
            if row is None:
                conn.execute("INSERT INTO entities (name, type, aliases, curated, deleted, "
                             "created_at, updated_at, extracted_name, origin) "
                             "VALUES (?,?,?,1,0,?,?,?,?)",
                             [args["name"], kind, json.dumps(aliases, ensure_ascii=False), now,
                              now, args["name"], ORIGIN_ADDED])
                return
            conn.execute("UPDATE entities SET deleted = 0, merged_into = NULL WHERE id = ?",
                         [row["id"]])
        known = set(json.loads(row["aliases"] or "[]"))
        if set(aliases) - known - {row["name"]}:
            conn.execute("UPDATE entities SET aliases = ?, updated_at = ? WHERE id = ?",
                         [json.dumps(sorted(known | set(aliases) - {row["name"]}),
                                     ensure_ascii=False), now, row["id"]])
        return
    entity = _resolve(db, args, "entity")
    if action == "rename":
        aliases = set(json.loads(entity["aliases"] or "[]")) | {entity["name"]}
        aliases.discard(args["name"])
        conn.execute("UPDATE entities SET name = ?, aliases = ?, curated = 1, updated_at = ? "
                     "WHERE id = ?", [args["name"], json.dumps(sorted(aliases)), now, entity["id"]])
    elif action == "retype":
        conn.execute("UPDATE entities SET type = ?, curated = 1, updated_at = ? WHERE id = ?",
                     [entity_type(args["type"]), now, entity["id"]])
    elif action == "alias":
        known = set(json.loads(entity["aliases"] or "[]"))
        extra = {a for a in args["aliases"] if a and a != entity["name"]} - known
        if extra:
            conn.execute("UPDATE entities SET aliases = ?, curated = 1, updated_at = ? "
                         "WHERE id = ?", [json.dumps(sorted(known | extra), ensure_ascii=False),
                                          now, entity["id"]])
    elif action == "delete":
        conn.execute("UPDATE entities SET deleted = ?, curated = 1, updated_at = ? WHERE id = ?",
                     [REMOVED, now, entity["id"]])
    elif action == "merge":
        into = _resolve(db, args, "into")
        if into["id"] == entity["id"]:
            return
        aliases = set(json.loads(into["aliases"] or "[]")) | set(
            json.loads(entity["aliases"] or "[]")) | {entity["name"]}
        aliases.discard(into["name"])
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into["id"], entity["id"]])
        conn.execute("UPDATE entities SET aliases = ?, curated = 1, updated_at = ? WHERE id = ?",
                     [json.dumps(sorted(aliases)), now, into["id"]])
        # The merged row stays, pointing at the survivor: its review decisions follow it.
        conn.execute("UPDATE entities SET deleted = ?, merged_into = ?, curated = 1, "
                     "updated_at = ? WHERE id = ?", [REMOVED, into["id"], now, entity["id"]])


def _resolve(db: sqlite_utils.Database, args: dict[str, Any], key: str) -> dict[str, Any]:
    """The entity a stored correction names: by its id (stable across re-ingests), else by
    the name it had when the correction was made."""
    try:
        return find_entity(db, str(args[key]))
    except ValueError:
        if not args.get(f"{key}_name"):
            raise
        return find_entity(db, args[f"{key}_name"])


def curate(db: sqlite_utils.Database, action: str, **args: Any) -> None:
    """Apply one correction now and store it so it is replayed after every ingest; the
    entities it names are stored by id (and name), so the replay finds them again."""
    conn = db.conn
    with write_transaction(conn):
        for key in ("entity", "into"):
            if key in args:
                row = find_entity(db, str(args[key]))
                args[key], args[f"{key}_name"] = str(row["id"]), row["name"]
        if action == "rename":
            _refuse_a_taken_name(db, args["entity"], args["name"])
        if action == "add":
            _refuse_another_type(db, args["name"], entity_type(args.get("type") or PERSON))
        _apply(db, action, args)
        record_curation(db, action, **args)


def _refuse_a_taken_name(db: sqlite_utils.Database, entity: str, name: str) -> None:
    """Two actors under one name make every later command by name ambiguous and the reports
    show the name twice: renaming onto another actor's name is a merge, said so."""
    for row in db.query("SELECT id, name FROM entities WHERE deleted = 0 AND id != ?",
                        [int(entity)]):
        if normalise(row["name"]) == normalise(name):
            raise ValueError(f"entity {row['id']} is already named {row['name']!r}: to make them "
                             f"one actor, `screener entities merge {entity} {row['id']}`")


def _refuse_another_type(db: sqlite_utils.Database, name: str, kind: str) -> None:
    """`add` of an actor already there adds nothing: with another type it said "done" and
    left the type as it was."""
    try:
        row = find_entity(db, name)
    except ValueError:
        return
    if row["type"] != kind:
        raise ValueError(f"{row['name']!r} is already an actor (id {row['id']}, {row['type']}); "
                         "nothing added: change its type in `screener entities export` and "
                         "`import`")


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


@dataclass
class ImportResult:
    """What an edited entity sheet changed; all zero when the sheet was already applied."""

    renamed: int = 0
    retyped: int = 0
    aliased: int = 0
    added: int = 0
    deleted: int = 0

    @property
    def changes(self) -> int:
        return self.renamed + self.retyped + self.aliased + self.added + self.deleted


def _split_aliases(text: str) -> list[str]:
    return [a.strip() for a in text.replace("|", ";").split(";") if a.strip()]


def export_stamp(db: sqlite_utils.Database) -> str:
    """The state an export was taken in, written in its `as_of` column: the last correction
    and the last entity then ("c12 e118": letters, so a spreadsheet does not read it as a
    date or a number), so an import knows what came after the sheet."""
    last_curation = db.execute("SELECT COALESCE(MAX(id), 0) FROM curations").fetchone()[0]
    last_entity = db.execute("SELECT COALESCE(MAX(id), 0) FROM entities").fetchone()[0]
    return f"c{last_curation} e{last_entity}"


_STAMP = re.compile(r"\s*c(\d+)\s+e(\d+)\s*")


def _read_stamp(values: list[str]) -> tuple[int, int] | None:
    for value in values:
        found = _STAMP.fullmatch(value)
        if found:
            return int(found.group(1)), int(found.group(2))
    return None


def import_rows(db: sqlite_utils.Database, headers: list[str],
                rows: list[tuple[int, list[str]]], force: bool = False) -> ImportResult:
    """Apply an edited export (id, name, type, aliases): a changed name is a rename, a changed
    type a retype, new aliases are added, a row without a known id is an addition (or the
    entity of that name), and, when the sheet has an id column, an entity missing from it is
    deleted. Every row is checked before anything is stored; a second import of the same
    sheet finds nothing to change. A sheet exported (its `as_of`) before later corrections
    would undo them: refused unless `force`; entities found after it are never deleted."""
    col = {h.strip().lower(): i for i, h in enumerate(headers)}
    if "name" not in col:
        raise ValueError(f"no 'name' column (headers: {', '.join(headers)})")
    stamp = _read_stamp([cells[col["as_of"]] for _line, cells in rows
                         if col["as_of"] < len(cells)]) if "as_of" in col else None
    current = {str(r["id"]): r for r in list_entities(db)}
    in_sheet_then = {k for k, r in current.items() if stamp is None or r["id"] <= stamp[1]}
    planned: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    result = ImportResult()
    for line, cells in rows:
        def cell(key: str, cells: list[str] = cells) -> str:
            i = col.get(key)
            return cells[i].strip().lstrip("'") if i is not None and i < len(cells) else ""

        ident, name, aliases = cell("id"), cell("name"), _split_aliases(cell("aliases"))
        if not name and not ident:
            continue
        try:
            kind = entity_type(cell("type")) if cell("type") else None
        except ValueError as exc:
            raise ValueError(f"line {line}: {exc}") from None
        row = current.get(ident) if ident else None
        if row is None and name:
            try:
                found = find_entity(db, name)
                row = current.get(str(found["id"]))
            except ValueError as exc:
                if "ambiguous" in str(exc):
                    raise ValueError(f"line {line}: {exc}") from None
        if row is None:
            if not name:
                raise ValueError(f"line {line}: id {ident} is not a current entity and the row "
                                 "has no name")
            planned.append(("add", {"name": name, "type": kind or PERSON, "aliases": aliases}))
            result.added += 1
            continue
        key = str(row["id"])
        seen.add(key)
        if name and name != row["name"]:
            planned.append(("rename", {"entity": key, "name": name}))
            result.renamed += 1
        if kind and kind != row["type"]:
            planned.append(("retype", {"entity": key, "type": kind}))
            result.retyped += 1
        known = set(json.loads(row["aliases"] or "[]")) | {row["name"], name}
        if set(aliases) - known:
            planned.append(("alias", {"entity": key, "aliases": sorted(set(aliases) - known)}))
            result.aliased += 1
    if "id" in col:
        for key in sorted(in_sheet_then - seen, key=int):
            planned.append(("delete", {"entity": key}))
            result.deleted += 1
    if stamp is not None and planned and not force:
        later = db.execute("SELECT COUNT(*), MAX(created_at) FROM curations WHERE id > ?",
                           [stamp[0]]).fetchone()
        if later[0]:
            raise ValueError(f"the sheet was exported before {later[0]} later correction(s) "
                             f"(the last at {later[1]}), which applying it would undo: export "
                             "again and make the edits there, or pass --force")
    conn = db.conn
    with write_transaction(conn):
        for action, args in planned:
            _apply(db, action, args)
            record_curation(db, action, **args)
    return result
