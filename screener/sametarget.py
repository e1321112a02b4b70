"""Whether two list hits for one document entity are the same listed person or body.

A name like "Wang Wei" can hit AU's Karl LEE (alias "LI Fang Wei") and UK's ZHAO Wei: two
people. Comparing their listing dates would invent a lag. Two hits are one target when the
publishers' records say so: a shared identifier, or names that agree with each other (not
just with the entity) and birth dates that do not contradict, or two near-exact matches
of the entity's own name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from screener import match
from screener.names import normalise
from screener.regimes import regime_keys

STRONG_MATCH = 0.92  # both hits this close to the entity's own name: the same name is listed
# Names of two bodies listed under one country regime: agreement enough to be one body. Set
# from the Myanmar seeds' legal-form respellings (0.86-0.90); 0.80 took a DPRK firm's "care
# of" alias for another firm on the UK-UN benchmark's held-out half.
REGIME_MATCH = 0.85
_SCHEMA = {"person": "Person", "organization": "Organization", "vessel": "Vessel",
           "aircraft": "Airplane"}


@dataclass
class Verdict:
    same: bool
    reason: str


@dataclass
class TargetFacts:
    target_id: int
    type: str
    primary: str
    names: list[str]
    births: set[str]
    ids: set[str]
    list_id: str = ""
    regimes: frozenset[str] = frozenset()  # country regimes it is listed under (MM, KP)


def facts(db: sqlite_utils.Database, target_id: int) -> TargetFacts:
    row = db.execute("SELECT type, primary_name, list_id, programmes FROM targets WHERE id = ?",
                     [target_id]).fetchone()
    names = [r[0] for r in db.execute("SELECT full_name FROM target_names WHERE target_id = ? "
                                      "AND quality != 'weak'", [target_id])] or [row[1]]
    births = {r[0] for r in db.execute("SELECT date_from FROM target_dates WHERE target_id = ? "
                                       "AND kind = 'birth' AND date_from IS NOT NULL",
                                       [target_id])}
    ids = {re.sub(r"[^0-9A-Z]", "", r[0].upper()) for r in db.execute(
        "SELECT value FROM target_ids WHERE target_id = ?", [target_id])}
    regimes = frozenset(k for p in json.loads(row[3] or "[]") for k in regime_keys(p)
                        if k[0].isupper())
    return TargetFacts(target_id, row[0], row[1], names, births, {i for i in ids if len(i) >= 4},
                       row[2], regimes)


def _births_agree(a: set[str], b: set[str]) -> bool:
    """Dates of any precision agree when one is a prefix of the other (1956 and 1956-07-03),
    or when two full dates are a day apart (publishers' copies of one date slip by a day)."""
    for x in a:
        for y in b:
            if x.startswith(y) or y.startswith(x):
                return True
            if len(x) == len(y) == 10:
                try:
                    if abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 1:
                        return True
                except ValueError:
                    continue
    return False


_OWN_ACRONYM = re.compile(r"\s*\(([A-Za-z]{2,8})\)\s*$")
_CONNECTORS = frozenset({"of", "and", "the", "for"})


def without_own_acronym(name: str) -> str:
    """The name without the acronym a publisher adds in brackets when it is the name's own
    initials ("MYANMAR PEARL ENTERPRISE (MPE)"): it names no more than the words before it,
    yet the matcher weighs it as one distinctive word more (0.79 against the US record)."""
    found = _OWN_ACRONYM.search(name)
    if not found:
        return name
    head = name[:found.start()]
    words = normalise(head).split()
    initials = {"".join(w[0] for w in words),
                "".join(w[0] for w in words if w not in _CONNECTORS)}
    return head if found.group(1).lower() in initials else name


def _name_agreement(a: TargetFacts, b: TargetFacts) -> float:
    schema = _SCHEMA.get(a.type, "LegalEntity")
    best = 0.0
    names_a = list(dict.fromkeys(n for x in a.names[:25] for n in (x, without_own_acronym(x))))
    names_b = list(dict.fromkeys(n for y in b.names[:25] for n in (y, without_own_acronym(y))))
    for x in names_a:
        for y in names_b:
            best = max(best, match.compare(x, y, schema))
            if best >= 1.0:
                return best
    return best


def _names_nest(a: TargetFacts, b: TargetFacts) -> bool:
    """One record's primary name is the other's with words left out ("Sergey KOGOGIN" and "Sergey
    Anatolyevich KOGOGIN"): a publisher omitting a patronymic, not another person."""
    x, y = set(normalise(a.primary).split()), set(normalise(b.primary).split())
    return min(len(x), len(y)) >= 2 and (x <= y or y <= x)


def same_target(db: sqlite_utils.Database, a: dict[str, Any], b: dict[str, Any]) -> Verdict:
    """Two hits (dicts with target_id and score) of one entity: one listed target or two?"""
    if a["target_id"] == b["target_id"]:
        return Verdict(True, "the same record")
    fa, fb = facts(db, a["target_id"]), facts(db, b["target_id"])
    if fa.list_id and fa.list_id == fb.list_id:
        # a publisher lists a target once: two records of one list are two targets (PEIA and
        # P.E.I ENERGY, the aviation arm and its parent, both BURMA-EO14014)
        return Verdict(False, f"two records of one list ({fa.list_id})")
    if fa.ids & fb.ids:
        return Verdict(True, f"shared identifier {sorted(fa.ids & fb.ids)[0]}")
    if fa.births and fb.births and not _births_agree(fa.births, fb.births):
        return Verdict(False, "different birth dates "
                              f"({min(fa.births)} and {min(fb.births)})")
    agreement = _name_agreement(fa, fb)
    # Names alone must agree closely: aliases of different people are often near (KANG RYONG
    # and PAK HAN SE share one at 0.84); agreeing birth dates, or one name being the other
    # with words left out, allow a looser agreement.
    born = bool(fa.births and fb.births)
    # A body has no birth date; the country regime both list it under corroborates instead
    # ("SHOON ENERGY PTE LIMITED" and "SHOON ENERGY PTE. LTD.", both Myanmar).
    regime = fa.type != "person" and bool(fa.regimes & fb.regimes)
    loose = born or _names_nest(fa, fb)
    needed = match.DEFAULT_THRESHOLD if loose else REGIME_MATCH if regime else STRONG_MATCH
    if agreement >= needed:
        also = " and birth dates" if born else " and regime" if regime else ""
        return Verdict(True, f"their names{also} agree ({agreement:.2f})")
    if min(a.get("score") or 1.0, b.get("score") or 1.0) >= STRONG_MATCH:
        return Verdict(True, "both match the entity's name closely")
    return Verdict(False, f"their names differ ({agreement:.2f}) and no identifier or birth "
                          "date links them")


def _strength(hit: dict[str, Any]) -> tuple[bool, float]:
    return hit.get("decision") == "confirmed", hit["score"] if hit.get("score") is not None else 1.0


def group_hits(db: sqlite_utils.Database, hits: list[tuple[str, dict[str, Any]]]
               ) -> list[list[tuple[str, dict[str, Any]]]]:
    """(jurisdiction, hit) pairs grouped by listed target: a hit joins the first group holding
    a hit of the same target. Groups come most jurisdictions first, then strongest hit."""
    groups: list[list[tuple[str, dict[str, Any]]]] = []
    verdicts: dict[tuple[int, int], Verdict] = {}

    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        key = (a["target_id"], b["target_id"])
        if key not in verdicts:
            verdicts[key] = same_target(db, a, b)
        return verdicts[key].same

    for j, hit in sorted(hits, key=lambda jh: _strength(jh[1]), reverse=True):
        home = next((g for g in groups if any(same(h, hit) for _, h in g)), None)
        if home is None:
            groups.append([(j, hit)])
        else:
            home.append((j, hit))
    groups.sort(key=lambda g: (-len({j for j, _ in g}), [-_strength(h)[1] for _, h in g][:1]))
    return groups
