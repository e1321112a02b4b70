"""A listed target's whole record, as an analyst needs it to clear or confirm a hit.

Everything the parsers kept is read back from the database: names with their kind, quality
and script, birth dates, nationalities, identifiers, addresses, programmes, listing date,
remarks, the publisher's other facts, and the same target on other lists (linked by its UN
reference number, where the publishers give one, or by a shared passport, national id, IMO,
SWIFT or MMSI number).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

UN_REF = re.compile(r"\b[A-Z]{2}[ie]\.\d{3}\b")
_UN_REF_IN_REMARKS = re.compile(r"\(UN Ref\)\s*:\s*([A-Z]{2}[ie]\.\d{3})")
_LEADING_UN_REF = re.compile(r"^\s*([A-Z]{2}[ie]\.\d{3})\b")
# Facts in `raw` shown under their own heading, not among the other facts.
_ADDRESS_KEYS = ("addresses", "address")
_ROLE_KEYS = ("functions", "positions", "designation", "title", "titles")
_HIDDEN_KEYS = ("references",)


class RecordNotFound(ValueError):
    """No record with that reference in the list's current version."""


def un_reference(file_format: str, source_ref: str, remarks: str | None,
                 raw: dict[str, Any]) -> str | None:
    """The record's own UN reference number, wherever its publisher keeps it: the UN list's
    reference, EU `unitedNationId`, FCDO `UNReferenceNumber`, "(UN Ref):" in OFSI's Other
    Information, the first word of DFAT's Additional Information. Other references in the
    remarks name associates, not the record. OFAC's files have no such field."""
    if file_format.startswith("un_sc"):
        return source_ref if UN_REF.fullmatch(source_ref or "") else None
    for key in ("united_nation_id", "un_reference"):
        value = (raw.get(key) or "").strip() if isinstance(raw.get(key), str) else ""
        if UN_REF.fullmatch(value):
            return value
    m = _UN_REF_IN_REMARKS.search(remarks or "")
    if m:
        return m.group(1)
    if file_format.startswith("au_dfat"):
        m = _LEADING_UN_REF.match(remarks or "")
        if m:
            return m.group(1)
    return None


@dataclass
class TargetRecord:
    list_id: str
    source_ref: str
    type: str
    primary_name: str
    names: list[dict[str, Any]]
    birth_dates: list[dict[str, Any]]
    countries: list[dict[str, Any]]
    identifiers: list[dict[str, Any]]
    addresses: list[str]
    roles: list[str]
    programmes: list[str]
    listed_on: str | None
    remarks: str | None
    un_reference: str | None
    # Other current records with the same UN reference or a shared distinctive identifier.
    same_target: list[dict[str, Any]]
    facts: dict[str, Any]
    source: dict[str, Any]
    target_id: int = 0
    other_dates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_target(db: sqlite_utils.Database, list_id: str, ref: str) -> int:
    """The id of the target with this publisher's reference in the list's current version;
    references are compared without case or surrounding spaces."""
    rows = db.execute(
        "SELECT t.id FROM targets t JOIN source_files f ON f.id = t.source_file_id "
        "WHERE f.is_current = 1 AND t.list_id = ? AND upper(t.source_ref) = upper(?) "
        "ORDER BY t.id LIMIT 1", [list_id, ref.strip()]).fetchall()
    if not rows:
        loaded = db.execute("SELECT COUNT(*) FROM source_files WHERE list_id = ? AND "
                            "is_current = 1", [list_id]).fetchone()[0]
        if not loaded:
            raise RecordNotFound(f"{list_id} is not loaded; run `screener lists update {list_id}`")
        raise RecordNotFound(f"{list_id} has no record {ref.strip()!r} in its current version")
    return rows[0][0]


def load(db: sqlite_utils.Database, target_id: int) -> TargetRecord:
    """Everything stored about one target."""
    row = next(db.query(
        "SELECT t.*, f.format, f.publication_date, f.fetched_at, f.sha256 FROM targets t "
        "JOIN source_files f ON f.id = t.source_file_id WHERE t.id = ?", [target_id]), None)
    if row is None:
        raise RecordNotFound(f"no target with id {target_id}")
    raw = json.loads(row["raw"]) if row["raw"] else {}
    raw = raw if isinstance(raw, dict) else {"raw": raw}
    names = [{"name": r["full_name"], "kind": r["kind"], "quality": r["quality"],
              "script": r["script"], "lang": r["lang"],
              "parts": json.loads(r["parts"]) if r["parts"] else {}}
             for r in db.query("SELECT * FROM target_names WHERE target_id = ? ORDER BY id",
                               [target_id])]
    names = _distinct(names, ("name", "kind", "quality", "script"))
    dates = [{k: r[k] for k in ("kind", "raw", "date_from", "date_to", "precision", "place",
                                 "country", "calendar")} | {"approximate": bool(r["approximate"])}
             for r in db.query("SELECT * FROM target_dates WHERE target_id = ?", [target_id])]
    countries = _distinct([{"kind": r["kind"], "code": r["code"], "raw": r["raw"]} for r in db.query(
        "SELECT * FROM target_countries WHERE target_id = ?", [target_id])], ("kind", "code", "raw"))
    ids = [{"type": r["id_type"], "value": r["value"], "country": r["country"], "note": r["note"]}
           for r in db.query("SELECT * FROM target_ids WHERE target_id = ?", [target_id])]
    addresses = [a for k in _ADDRESS_KEYS for a in _as_list(raw.get(k)) if a]
    roles = [r for k in _ROLE_KEYS for r in _as_list(raw.get(k)) if r]
    facts = {k: v for k, v in raw.items()
             if k not in (*_ADDRESS_KEYS, *_ROLE_KEYS, *_HIDDEN_KEYS) and v not in (None, [], {}, "")}
    un = un_reference(row["format"], row["source_ref"], row["remarks"], raw)
    return TargetRecord(
        list_id=row["list_id"], source_ref=row["source_ref"], type=row["type"],
        primary_name=row["primary_name"], names=names,
        birth_dates=[d for d in dates if d["kind"] == "birth"],
        other_dates=[d for d in dates if d["kind"] != "birth"],
        countries=countries, identifiers=ids, addresses=addresses, roles=roles,
        programmes=json.loads(row["programmes"] or "[]"), listed_on=row["listed_on"],
        remarks=row["remarks"], un_reference=un,
        same_target=_same_target(db, target_id, un, ids),
        facts=facts, target_id=target_id,
        source={"format": row["format"], "published": row["publication_date"],
                "loaded_at": row["fetched_at"], "sha256": (row["sha256"] or "")[:12]})


def get(db: sqlite_utils.Database, list_id: str, ref: str) -> TargetRecord:
    return load(db, find_target(db, list_id, ref))


def same_un_reference(db: sqlite_utils.Database, un_ref: str,
                      exclude: int | None = None) -> list[dict[str, Any]]:
    """Current records on any list that carry this UN reference as their own."""
    like = f"%{un_ref}%"
    out = []
    for r in db.query(
            "SELECT t.id, t.list_id, t.source_ref, t.primary_name, t.remarks, t.raw, f.format "
            "FROM targets t JOIN source_files f ON f.id = t.source_file_id "
            "WHERE f.is_current = 1 AND (t.source_ref = ? OR t.remarks LIKE ? OR t.raw LIKE ?) "
            "ORDER BY t.list_id, t.id", [un_ref, like, like]):
        if r["id"] == exclude:
            continue
        raw = json.loads(r["raw"]) if r["raw"] else {}
        if un_reference(r["format"], r["source_ref"], r["remarks"],
                        raw if isinstance(raw, dict) else {}) == un_ref:
            out.append({"list_id": r["list_id"], "ref": r["source_ref"],
                        "primary_name": r["primary_name"]})
    return out


# Identifier types that name one target (a tax or registration number can be a group's).
LINKING_ID_TYPES = ("passport", "national_id", "imo", "swift", "vessel_mmsi")


def _same_target(db: sqlite_utils.Database, target_id: int, un: str | None,
                 ids: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = [{**s, "via": f"UN reference {un}"} for s in same_un_reference(db, un, exclude=target_id)
           ] if un else []
    mine = [i for i in ids if i["type"] in LINKING_ID_TYPES]
    if not mine:
        return out
    from screener import identifiers

    files = [r[0] for r in db.execute("SELECT id FROM source_files WHERE is_current = 1")]
    index = identifiers.IdIndex.build(db, files)
    seen = {(s["list_id"], s["ref"]) for s in out}
    for i in mine:
        query = identifiers.IdQuery(i["value"], i["type"], identifiers.normalise_value(i["value"], i["type"]))
        if len(query.value) < identifiers.MIN_CHARS:
            continue
        for li in index.find(query):
            if li.target_id == target_id:
                continue
            other = db.execute("SELECT list_id, source_ref, primary_name FROM targets WHERE id = ?",
                               [li.target_id]).fetchone()
            if (other[0], other[1]) not in seen:
                seen.add((other[0], other[1]))
                out.append({"list_id": other[0], "ref": other[1], "primary_name": other[2],
                            "via": f"{i['type']} {i['value'].strip()}"})
    return out


def rows(record: TargetRecord) -> list[dict[str, str]]:
    """The record as (field, value) rows, one per fact, for table, CSV and Markdown."""
    out: list[tuple[str, str]] = [
        ("list", record.list_id), ("ref", record.source_ref), ("type", record.type),
        ("primary name", record.primary_name)]
    for n in record.names:
        tags = [n["kind"]] + [t for t in (n["quality"] if n["quality"] != "strong" else None,
                                          n["script"], n["lang"]) if t]
        out.append(("name", f"{n['name']} ({', '.join(tags)})"))
    for d in record.birth_dates:
        extra = [x for x in (d["place"], "approximate" if d["approximate"] else None,
                             d["calendar"]) if x]
        out.append(("birth date", (d["raw"] or d["date_from"] or "?")
                    + (f" ({'; '.join(extra)})" if extra else "")))
    for d in record.other_dates:
        out.append((f"{d['kind']} date", d["raw"] or d["date_from"] or "?"))
    for c in record.countries:
        out.append((c["kind"], f"{c['raw']}" + (f" ({c['code']})" if c["code"] else "")))
    for i in record.identifiers:
        extra = [x for x in (i["country"], i["note"]) if x]
        out.append((f"id: {i['type']}", i["value"] + (f" ({'; '.join(extra)})" if extra else "")))
    out += [("address", a) for a in record.addresses]
    out += [("role", r) for r in record.roles]
    out += [("programme", p) for p in record.programmes]
    out.append(("listed on", record.listed_on or ""))
    if record.un_reference:
        out.append(("UN reference", record.un_reference))
    for s in record.same_target:
        out.append(("same target on", f"{s['list_id']} {s['ref']}: {s['primary_name']} "
                                      f"({s['via']})"))
    out.append(("remarks", record.remarks or ""))
    for k, v in record.facts.items():
        out.append((k.replace("_", " "), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)))
    out.append(("source", f"{record.source['format']}, published {record.source['published']}, "
                          f"loaded {record.source['loaded_at']}, sha256 {record.source['sha256']}"))
    return [{"field": f, "value": v} for f, v in out]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()] if str(value).strip() else []


def _distinct(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = tuple(item.get(k) for k in keys)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
