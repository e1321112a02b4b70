"""Which sanctions regime a publisher's programme name stands for, and whether a
jurisdiction has a regime that could cover an actor at all.

The UN has no Russia regime, so a Russian official the US, UK, EU and AU list is not a UN
"gap". Programmes are written differently by every publisher ("RUSSIA-EO14024", "UKR",
"Autonomous (Russia)", "Russia"); they are reduced here to one key per country regime or
theme. A jurisdiction covers an actor when it has a regime the other jurisdictions list the
actor under, or a thematic regime (human rights, corruption, cyber...) that can reach anyone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import sqlite_utils

# Themes a jurisdiction can use against anyone, wherever they are.
GLOBAL = frozenset({"human-rights", "corruption", "cyber", "chemical-weapons", "wmd",
                    "narcotics", "crime"})

# (key, pattern) in order: the first patterns win where names overlap (South Sudan / Sudan).
_PATTERNS: list[tuple[str, str]] = [
    ("isil-al-qaida", r"al-?qa[i']da|isil|da'?esh|\btaqa\b|\beuaq\b|\b1267\b"),
    ("terrorism", r"terror|\bsdgt\b|\bterr\b|\b1373\b|\bfto\b|\bham\b|hamas|hizballah|hezbollah"),
    ("taliban", r"taliban|afghan|\bafg\b|\b1988\b"),
    ("human-rights", r"human rights|\bhr\b|glomag|magnit|\bhrit\b"),
    ("corruption", r"corruption"),
    ("cyber", r"cyber|\bcyb\b"),
    ("chemical-weapons", r"chemical|\bchem\b"),
    ("wmd", r"wmd|non-?prolif"),
    ("narcotics", r"narcotic|drug|\bsdnt|kingpin"),
    ("crime", r"\btco\b|transnational crim"),
    ("RU-UA", r"russia|ukr|crimea|\brus\b|donetsk|luhansk|caatsa"),
    ("BY", r"belarus|\bblr\b"),
    ("MD", r"moldova|\bmda\b"),
    ("MM", r"myanmar|burma|\bmmr\b"),
    ("IR", r"iran|\birn\b|irgc|ifsr|\b1737\b|\b2231\b"),
    ("KP", r"dprk|korea|\bprk\b|\b1718\b"),
    ("SY", r"syria|\bsyr\b"),
    ("LY", r"libya|\blby\b|\b1970\b"),
    ("SO", r"somalia|shabaab|\bsom\b"),
    ("SS", r"south ?sudan|\bssd\b"),
    ("SD", r"sudan|darfur|\bsdn\b"),
    ("CD", r"congo|\bcod\b|\bdrc\b"),
    ("CF", r"central african|\bcaf\b|\bcar\b"),
    ("YE", r"yemen|\byem\b"),
    ("IQ", r"iraq|\birq\b"),
    ("HT", r"haiti|\bhti\b"),
    ("GW", r"guinea-?bissau|\bgnb\b|^gb$"),
    ("GN", r"guinea|\bgin\b"),
    ("ML", r"\bmali\b|\bmli\b"),
    ("LB", r"lebanon|\blbn?\b"),
    ("VE", r"venezuela|\bven\b"),
    ("NI", r"nicaragua|\bnic\b"),
    ("ZW", r"zimbabwe|\bzwe\b"),
    ("CU", r"cuba"),
    ("BA", r"balkans|bosnia|ffry|yugoslav"),
    ("TN", r"tunisia|\btun\b"),
    ("GT", r"guatemala|\bgtm\b"),
    ("BI", r"burundi|\bbdi\b"),
    ("TR", r"turkey|\btur\b"),
    ("HK", r"hong ?kong"),
    ("CN", r"china|chinese"),
]
_COMPILED = [(key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _PATTERNS]


def regime_keys(programme: str) -> set[str]:
    """The regimes one programme name stands for (empty when it is not recognised)."""
    keys = {key for key, rx in _COMPILED if rx.search(programme)}
    if "SS" in keys:
        keys.discard("SD")
    if "GW" in keys:
        keys.discard("GN")
    if "isil-al-qaida" in keys:
        keys.add("terrorism")
    return keys


def jurisdiction_regimes(db: sqlite_utils.Database, list_ids: list[str]) -> set[str]:
    """Every regime the current versions of these lists use."""
    keys: set[str] = set()
    if not list_ids:
        return keys
    marks = ",".join("?" * len(list_ids))
    for (programmes,) in db.execute(
            f"SELECT DISTINCT t.programmes FROM targets t JOIN source_files f "
            f"ON f.id = t.source_file_id WHERE f.is_current = 1 AND t.list_id IN ({marks})",
            list_ids):
        for p in json.loads(programmes or "[]"):
            keys |= regime_keys(p)
    return keys


@dataclass
class Scope:
    covered: bool
    reason: str | None  # why a gap is not one, or why it is shown though unsure


def scope(jurisdiction: str, has: set[str], programmes: list[str]) -> Scope:
    """Could `jurisdiction` (with regimes `has`) list an actor others list under
    `programmes`? Unrecognised or missing programmes keep the gap, with the reason."""
    if not has or has & GLOBAL:
        return Scope(True, None)
    keys: set[str] = set()
    unknown = [p for p in programmes if not regime_keys(p)]
    for p in programmes:
        keys |= regime_keys(p)
    if keys & has:
        return Scope(True, None)
    if unknown or not programmes:
        what = ", ".join(unknown) or "no programme given"
        return Scope(True, f"shown though {jurisdiction} may have no regime for it: "
                           f"regime not recognised ({what})")
    return Scope(False, f"no {jurisdiction} regime covers it (listed elsewhere under "
                        f"{', '.join(sorted(set(programmes)))})")
