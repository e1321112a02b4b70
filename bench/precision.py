"""Matching precision on real data (issue 12): does screening say "listed" only for the
right target?

Two populations, both built at bench time from the snapshots in ../shared/lists:

- Cross-list links. The UN reference number ("QDi.001") says which records of different
  lists are the same target. Each record of list X that carries a UN reference also carried
  by list Y has its primary name screened against list Y alone. A hit on a Y record with
  that reference is right; a hit on a Y record with another reference is a false hit; a hit
  on a Y record without any reference is unknown (it may be the same person listed on Y's
  own authority) and is counted apart.
- Everyday names of six naming cultures and everyday company names (seeded, see
  bench/everyday.py), screened against every loaded list: any hit is a false hit, except
  for names that really are list names (exact normalised match), which are left out.

Each population is split deterministically (hash of the UN reference / of the name) into a
dev part, for tuning, and a held-out part, never looked at while tuning; both are reported.
rapidfuzz WRatio and token_set_ratio run on the same queries over the same names, at the
threshold that gives them their best F1 on the dev part (applied unchanged to held-out).

    python -m bench.precision [--db LOADED.db] [--per-pair N] [--everyday N] [--companies N]
                              [--everyday-only] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from screener import db as database
from screener.names import normalise
from screener.records import un_reference
from screener.screen import Query

# Identifier types precise enough to link two records as one target.
LINK_ID_TYPES = ("passport", "national_id", "registration", "imo", "tax", "swift")
# Words that mark a name of Arabic origin in Latin script (particles and the commonest
# theophoric and given-name stems); a target with an Arabic-script name counts too.
ARABIC_MARKS = frozenset(
    "al el ul bin ibn bint abu abou abd abdul abdel abdal abdullah abdallah umm ould muhammad "
    "mohammed mohammad mohamed muhammed ahmad ahmed mahmoud mahmud hassan hasan hussein husain "
    "husayn ali omar umar khalid khaled ibrahim yusuf youssef mustafa mostafa salih saleh said "
    "sayyid hamza hamid hamad nasser nasir jamal rahman rashid karim aziz".split())
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
LISTS = ("un_sc", "eu_fsf", "gb_ofsi", "us_ofac_sdn", "us_ofac_cons", "au_dfat")
FACTS_LABEL = "screener + birth date, nationality"
BASELINE_FLOOR = 50  # rapidfuzz scores below this are never a hit at any threshold tried


def split_of(key: str) -> str:
    """'dev' or 'held-out', from a stable hash (never Python's salted hash)."""
    return "dev" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "held-out"


@dataclass
class Record:
    target_id: int
    list_id: str
    source_ref: str
    type: str
    primary_name: str
    un_ref: str | None = None
    linked_by: str | None = None  # "reference" or "identifier <value>"
    arabic_script: bool = False


@dataclass
class CrossQuery:
    un_ref: str
    from_list: str
    to_list: str
    name: str
    type: str
    arabic: bool
    expected: frozenset[int]
    part: str
    from_target: int = 0


def _norm_id(value: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", value.upper())


def load_records(db: sqlite_utils.Database) -> dict[int, Record]:
    """Every current record with its UN reference: its own, or, failing that, one borrowed
    from a record that shares a precise identifier (passport, IMO ...) with it, when all
    such records agree on one reference."""
    records: dict[int, Record] = {}
    for tid, list_id, ref, type_, primary, remarks, raw, file_format in db.execute(
            "SELECT t.id, t.list_id, t.source_ref, t.type, t.primary_name, t.remarks, t.raw, "
            "f.format FROM targets t JOIN source_files f ON f.id = t.source_file_id "
            "WHERE f.is_current = 1"):
        raw_d = json.loads(raw) if raw else {}
        un = un_reference(file_format, ref, remarks, raw_d if isinstance(raw_d, dict) else {})
        records[tid] = Record(tid, list_id, ref, type_, primary, un, "reference" if un else None)
    for tid, in db.execute("SELECT DISTINCT target_id FROM target_names WHERE script = 'Arab'"):
        if tid in records:
            records[tid].arabic_script = True
    marks = ",".join("?" * len(LINK_ID_TYPES))
    refs_of_value: dict[str, set[str]] = defaultdict(set)
    ids_of: dict[int, set[str]] = defaultdict(set)
    for tid, id_type, value in db.execute(
            f"SELECT target_id, id_type, value FROM target_ids WHERE id_type IN ({marks})",
            list(LINK_ID_TYPES)):
        v = _norm_id(value)
        if len(v) < 6 or len(set(v)) < 3 or tid not in records:
            continue  # short or repetitive numbers are not distinctive
        key = f"{id_type}:{v}"
        ids_of[tid].add(key)
        if records[tid].un_ref:
            refs_of_value[key].add(records[tid].un_ref)
    for tid, keys in ids_of.items():
        rec = records[tid]
        if rec.un_ref:
            continue
        found = {r for k in keys for r in refs_of_value.get(k, ())}
        if len(found) == 1:
            rec.un_ref = found.pop()
            rec.linked_by = "identifier " + sorted(k for k in keys if k in refs_of_value)[0]
    return records


def is_arabic(rec_name: str, arabic_script: bool) -> bool:
    return arabic_script or bool(set(normalise(rec_name).split()) & ARABIC_MARKS)


def cross_queries(records: dict[int, Record], per_pair: int | None) -> list[CrossQuery]:
    """One query per (record on X with a UN reference, other list Y carrying it); at most
    `per_pair` per ordered pair of lists, chosen by hash (None: all)."""
    on_list: dict[tuple[str, str], set[int]] = defaultdict(set)
    arabic_ref: dict[str, bool] = defaultdict(bool)
    for rec in records.values():
        if rec.un_ref:
            on_list[(rec.list_id, rec.un_ref)].add(rec.target_id)
            arabic_ref[rec.un_ref] |= is_arabic(rec.primary_name, rec.arabic_script)
    lists = sorted({lid for lid, _ in on_list})
    out: list[CrossQuery] = []
    for x in lists:
        for y in lists:
            if x == y:
                continue
            pair: list[CrossQuery] = []
            for rec in records.values():
                if rec.list_id != x or not rec.un_ref or not rec.primary_name.strip():
                    continue
                expected = on_list.get((y, rec.un_ref))
                if not expected:
                    continue
                pair.append(CrossQuery(rec.un_ref, x, y, rec.primary_name, rec.type,
                                       arabic_ref[rec.un_ref], frozenset(expected),
                                       split_of(rec.un_ref), rec.target_id))
            pair.sort(key=lambda q: hashlib.sha1(f"{q.un_ref}|{q.name}".encode()).hexdigest())
            out.extend(pair if per_pair is None else pair[:per_pair])
    return out


# --- scorers -------------------------------------------------------------------------------

def screener_hits(db_path: Path, queries: Sequence[Query],
                  file_ids: Sequence[int] | None) -> list[frozenset[int]]:
    """The project's screening (hit status only) of each query against the given list versions."""
    from screener.screen import Screener

    conn = database.connect(db_path)
    screener = Screener.open(conn, None, file_ids=file_ids)
    out = []
    for query in queries:
        result = screener.screen(query, limit=1000)
        out.append(frozenset(h.target_id for h in result.hits if h.status == "hit"))
    return out


def with_facts(db: sqlite_utils.Database, q: CrossQuery) -> Query:
    """The query with what list X says of the target besides its name: its first birth date
    and nationality, as a user screening a known person would give them."""
    birth = db.execute("SELECT date_from FROM target_dates WHERE target_id = ? AND kind = 'birth' "
                       "AND date_from IS NOT NULL ORDER BY precision = 'day' DESC LIMIT 1",
                       [q.from_target]).fetchone()
    country = db.execute("SELECT code FROM target_countries WHERE target_id = ? AND code IS NOT "
                         "NULL AND kind IN ('nationality', 'citizenship') LIMIT 1",
                         [q.from_target]).fetchone()
    return Query(q.name, birth_date=birth[0] if birth else None,
                 country=country[0] if country else None)


def candidate_names(db: sqlite_utils.Database, file_ids: Sequence[int]) -> tuple[list[str], list[list[int]]]:
    """Distinct normalised names of the given list versions, each with its target ids."""
    marks = ",".join("?" * len(file_ids))
    by_norm: dict[str, set[int]] = defaultdict(set)
    for tid, full in db.execute(
            f"SELECT n.target_id, n.full_name FROM target_names n JOIN targets t ON t.id = n.target_id "
            f"WHERE t.source_file_id IN ({marks})", list(file_ids)):
        norm = normalise(full)
        if norm.strip():
            by_norm[norm].add(tid)
    names = sorted(by_norm)
    return names, [sorted(by_norm[n]) for n in names]


def rapidfuzz_scores(names: Sequence[str], choices: Sequence[str], owners: Sequence[Sequence[int]],
                     scorer: Callable) -> list[dict[int, int]]:
    """Best score per target (at or above BASELINE_FLOOR) for each query: a full scan."""
    import numpy as np
    from rapidfuzz import process

    out: list[dict[int, int]] = []
    step = 200  # bounded memory: 200 x 90k bytes
    for start in range(0, len(names), step):
        chunk = [normalise(n) for n in names[start:start + step]]
        matrix = process.cdist(chunk, choices, scorer=scorer, dtype=np.uint8, workers=-1,
                               score_cutoff=BASELINE_FLOOR)
        for row in matrix:
            best: dict[int, int] = {}
            for j in np.flatnonzero(row):
                s = int(row[j])
                for tid in owners[j]:
                    if s > best.get(tid, 0):
                        best[tid] = s
            out.append(best)
    return out


# --- metrics -------------------------------------------------------------------------------

@dataclass
class Tally:
    queries: int = 0
    right: int = 0  # the right record is a hit
    false: int = 0  # at least one hit on a record known to be another target
    unknown: int = 0  # at least one hit on a record of unknown identity (no UN reference)

    def add(self, right: bool, false: bool, unknown: bool) -> None:
        self.queries += 1
        self.right += right
        self.false += false
        self.unknown += unknown

    @property
    def recall(self) -> float:
        return self.right / self.queries if self.queries else 0.0

    @property
    def false_share(self) -> float:
        return self.false / self.queries if self.queries else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of recall at hit and the share of queries with no false hit."""
        r, p = self.recall, 1 - self.false_share
        return 2 * r * p / (r + p) if r + p else 0.0


def judge(q: CrossQuery, hits: Iterable[int], records: dict[int, Record]) -> tuple[bool, bool, bool]:
    right = false = unknown = False
    for tid in hits:
        if tid in q.expected:
            right = True
        elif records[tid].un_ref and records[tid].un_ref != q.un_ref:
            false = True
        else:
            unknown = True
    return right, false, unknown


def groups_of(q: CrossQuery) -> list[str]:
    kinds = ["all"]
    if q.type == "person":
        kinds.append("persons")
    elif q.type == "organization":
        kinds.append("organisations")
    if q.arabic:
        kinds.append("Arabic-origin")
    return kinds


def tally(queries: Sequence[CrossQuery], hits: Sequence[Iterable[int]],
          records: dict[int, Record]) -> dict[tuple[str, str], Tally]:
    out: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for q, h in zip(queries, hits, strict=True):
        verdict = judge(q, h, records)
        for g in groups_of(q):
            out[(q.part, g)].add(*verdict)
    return out


def at_threshold(scores: Sequence[dict[int, int]], threshold: int) -> list[frozenset[int]]:
    return [frozenset(t for t, s in best.items() if s >= threshold) for best in scores]


def best_threshold(queries: Sequence[CrossQuery], scores: Sequence[dict[int, int]],
                   records: dict[int, Record]) -> int:
    """The threshold with the best F1 on the dev part only."""
    dev = [i for i, q in enumerate(queries) if q.part == "dev"]
    best = (BASELINE_FLOOR, -1.0)
    for t in range(BASELINE_FLOOR, 101):
        hits = at_threshold([scores[i] for i in dev], t)
        f1 = tally([queries[i] for i in dev], hits, records)[("dev", "all")].f1
        if f1 > best[1]:
            best = (t, f1)
    return best[0]


# --- the runs ------------------------------------------------------------------------------

@dataclass
class CrossResult:
    queries: list[CrossQuery]
    tallies: dict[str, dict[tuple[str, str], Tally]]  # scorer -> (part, group) -> tally
    thresholds: dict[str, int]
    linked: dict[str, dict[str, int]]  # list -> {"reference": n, "identifier": n}
    per_pair: int | None
    seconds: dict[str, float] = field(default_factory=dict)


def current_file_ids(db: sqlite_utils.Database) -> dict[str, int]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT list_id, id FROM source_files WHERE is_current = 1")}


def run_cross(db_path: Path, per_pair: int | None = 100) -> CrossResult:
    from rapidfuzz import fuzz

    conn = database.connect(db_path)
    records = load_records(conn)
    linked: dict[str, dict[str, int]] = defaultdict(lambda: {"reference": 0, "identifier": 0})
    for rec in records.values():
        if rec.un_ref:
            linked[rec.list_id]["reference" if rec.linked_by == "reference" else "identifier"] += 1
    queries = cross_queries(records, per_pair)
    files = current_file_ids(conn)
    by_list: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        by_list[q.to_list].append(i)
    results: dict[str, list] = {label: [None] * len(queries) for label in (
        "screener", FACTS_LABEL, "WRatio", "token_set_ratio")}
    seconds: dict[str, float] = defaultdict(float)
    for to_list, idx in sorted(by_list.items()):
        names = [(queries[i].name, None) for i in idx]
        t = time.perf_counter()
        for i, h in zip(idx, screener_hits(db_path, [Query(queries[i].name) for i in idx],
                                           [files[to_list]]), strict=True):
            results["screener"][i] = h
        seconds["screener"] += time.perf_counter() - t
        facts = [with_facts(conn, queries[i]) for i in idx]
        for i, h in zip(idx, screener_hits(db_path, facts, [files[to_list]]), strict=True):
            results[FACTS_LABEL][i] = h
        choices, owners = candidate_names(conn, [files[to_list]])
        for label, scorer in (("WRatio", fuzz.WRatio), ("token_set_ratio", fuzz.token_set_ratio)):
            t = time.perf_counter()
            for i, s in zip(idx, rapidfuzz_scores([n for n, _ in names], choices, owners, scorer),
                            strict=True):
                results[label][i] = s
            seconds[label] += time.perf_counter() - t
    thresholds = {label: best_threshold(queries, results[label], records)
                  for label in ("WRatio", "token_set_ratio")}
    tallies = {label: tally(queries, results[label], records)
               for label in ("screener", FACTS_LABEL)}
    for label, t in thresholds.items():
        tallies[label] = tally(queries, at_threshold(results[label], t), records)
    return CrossResult(queries, tallies, thresholds, dict(linked), per_pair, dict(seconds))


HAN_NAMES = 200  # Chinese names in Han script, screened with and without Korean readings


def han_hit_shares(db_path: Path, count: int = HAN_NAMES) -> tuple[int, int, int]:
    """(names, hits with Korean readings of Han, hits with Mandarin readings alone): reading
    a Han name the Korean way as well must not make Chinese names hit."""
    from unittest import mock

    from bench.everyday import han_names

    conn = database.connect(db_path)
    files = sorted(current_file_ids(conn).values())
    queries = [Query(n) for n in han_names(count)]
    both = screener_hits(db_path, queries, files)
    with mock.patch("screener.nameindex.korean_reading_of", return_value=None):
        mandarin = screener_hits(db_path, queries, files)
    return len(queries), sum(map(bool, both)), sum(map(bool, mandarin))


@dataclass
class EverydayResult:
    counts: dict[str, int]  # population -> names screened
    excluded: list[str]  # names left out: they are list names
    hits: dict[str, dict[str, dict[str, int]]]  # scorer -> population/part -> {"n":, "hit":}
    probes: dict[str, dict[str, list[str]]]  # scorer -> probe -> matched list names
    thresholds: dict[str, int]
    han: tuple[int, int, int] = (0, 0, 0)  # see han_hit_shares


EVERYDAY_PER_CULTURE = 350  # 2,100 persons: about 1,050 in each part
EVERYDAY_COMPANIES = 2100  # about 1,050 in each part: one name is 0.1% of a part, not 0.8%
# The rapidfuzz baselines scan all ~94k list names per query (~30 ms): they score the first
# names of each population only (the draw's first 40 per culture and 120 companies): the
# everyday part of make bench stays near a minute.
BASELINE_PER_CULTURE = 40
BASELINE_COMPANIES = 120
# The baselines' dev-tuned thresholds in the last full run (BENCHMARKS.md), for --everyday-only.
LAST_THRESHOLDS = {"WRatio": 93, "token_set_ratio": 94}


def run_everyday(db_path: Path, thresholds: dict[str, int], per_culture: int = EVERYDAY_PER_CULTURE,
                 companies: int = EVERYDAY_COMPANIES) -> EverydayResult:
    from rapidfuzz import fuzz

    from bench.everyday import PROBES, company_names, person_names

    conn = database.connect(db_path)
    files = sorted(current_file_ids(conn).values())
    choices, owners = candidate_names(conn, files)
    listed = set(choices)
    population: list[tuple[str, str]] = []  # (population, name)
    in_baseline: list[bool] = []  # the name is among the first few the baselines score
    excluded = []
    for pop, names in [*person_names(per_culture).items(), ("companies", company_names(companies))]:
        first = BASELINE_COMPANIES if pop == "companies" else BASELINE_PER_CULTURE
        for k, n in enumerate(names):
            if normalise(n) in listed:
                excluded.append(n)
            else:
                population.append((pop, n))
                in_baseline.append(k < first)
    names = [n for _, n in population]
    ours = screener_hits(db_path, [Query(n) for n in [*names, *PROBES]], files)
    primary = dict(conn.execute("SELECT id, primary_name FROM targets").fetchall())
    scored: dict[str, tuple[list[tuple[str, str]], list[frozenset[int]]]] = {
        "screener": (population, ours)}
    sample = [pn for pn, keep in zip(population, in_baseline, strict=True) if keep]
    for label, scorer in (("WRatio", fuzz.WRatio), ("token_set_ratio", fuzz.token_set_ratio)):
        s = rapidfuzz_scores([n for _, n in sample] + list(PROBES), choices, owners, scorer)
        scored[label] = (sample, at_threshold(s, thresholds[label]))
    hits: dict[str, dict[str, dict[str, int]]] = {}
    probes: dict[str, dict[str, list[str]]] = {}
    for label, (pop_names, found) in scored.items():
        table: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "hit": 0})
        for (pop, name), h in zip(pop_names, found[:len(pop_names)], strict=True):
            kind = "companies" if pop == "companies" else "persons"
            for key in {f"{kind}|{split_of(name)}", f"{pop}|all", f"{kind}|all"}:
                table[key]["n"] += 1
                table[key]["hit"] += bool(h)
        hits[label] = dict(table)
        probes[label] = {p: sorted({primary[t] for t in h})[:3]
                         for p, h in zip(PROBES, found[len(pop_names):], strict=True)}
    counts = defaultdict(int)
    for pop, _ in population:
        counts[pop] += 1
    return EverydayResult(dict(counts), excluded, hits, probes, thresholds, han_hit_shares(db_path))


# --- report --------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def markdown(cross: CrossResult, everyday: EverydayResult | None) -> str:
    scope = ("all links" if cross.per_pair is None else
             f"at most {cross.per_pair} queries per ordered pair of lists, chosen by hash")
    lines = [
        "## Matching precision: cross-list links by UN reference (issue 12)", "",
        "Each record of list X carrying a UN reference number also carried by list Y: X's primary "
        "name screened against Y alone. *Recall* = the Y record with that reference is a hit; "
        "*false* = a hit on a Y record carrying another UN reference; *unknown* = a hit on a Y "
        "record with no UN reference (maybe the same target listed on Y's own authority; not "
        "counted as false); F1 = harmonic mean of recall and (1 - false). "
        f"*{FACTS_LABEL}*: the same screening given X's first birth date and nationality "
        "(screener/evidence.py: they raise or lower the score). "
        f"Sample: {scope}. Split by hash of the UN reference: the dev part is for tuning, the "
        "held-out part is never looked at while tuning. rapidfuzz baselines: full scan over Y's "
        "distinct normalised names, threshold chosen for best F1 on dev "
        + ", ".join(f"({k} {v})" for k, v in cross.thresholds.items()) + ".", "",
        "Where the UN reference lives: UN = its reference number; EU = `unitedNationId` "
        "(`raw.united_nation_id`); UK ConList = `(UN Ref):` in Other Information (remarks); "
        "AU = first word of Additional Information (remarks). OFAC's SDN.XML and CONSOLIDATED.XML "
        "have none: their records (and others without one) borrow the reference of a record "
        "sharing a passport, national id, registration, tax, SWIFT or IMO number with them, when "
        "those agree on one reference.", "",
        "| list | by its own reference | by a shared identifier |", "|---|---|---|",
        *[f"| {lid} | {v['reference']} | {v['identifier']} |" for lid, v in sorted(cross.linked.items())],
        "",
        "| scorer | part | group | queries | recall at hit | false-hit share | unknown-hit share | F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scorer, table in cross.tallies.items():
        for part in ("dev", "held-out"):
            for group in ("all", "persons", "organisations", "Arabic-origin"):
                t = table.get((part, group))
                if not t:
                    continue
                name = (f"{scorer} ≥ {cross.thresholds[scorer]}" if scorer in cross.thresholds
                        else scorer)
                lines.append(f"| {name} | {part} | {group} | {t.queries} | {_pct(t.recall)} | "
                             f"{_pct(t.false_share)} | {_pct(t.unknown / t.queries)} | {t.f1:.3f} |")
    lines += ["", "Time: " + ", ".join(f"{k} {v:.0f} s" for k, v in cross.seconds.items()) + ".", ""]
    if everyday is None:
        return "\n".join(lines)
    return "\n".join(lines) + "\n" + everyday_markdown(everyday)


def everyday_markdown(everyday: EverydayResult) -> str:
    lines = [
        "## Matching precision: everyday names (issue 12)", "",
        "Everyday person names of six naming cultures and everyday company names (bench/everyday.py, "
        "seeded) screened against every loaded list; any hit is counted as false. Left out because "
        f"they really are list names (exact normalised match): {len(everyday.excluded)}"
        + (f" ({', '.join(everyday.excluded[:8])})" if everyday.excluded else "")
        + ". Split by hash of the name (bench.precision.split_of). Baselines at the thresholds tuned "
        "on the cross-list dev part, on the draw's first "
        f"{BASELINE_PER_CULTURE} persons per culture and {BASELINE_COMPANIES} companies only "
        "(a full scan per name).",
        "",
        "| scorer | population | part | names | hits | hit share |", "|---|---|---|---|---|---|",
    ]
    keys = [f"{k}|{p}" for k in ("persons", "companies") for p in ("dev", "held-out", "all")]
    keys += [f"{pop}|all" for pop in everyday.counts if pop != "companies"]
    for scorer, table in everyday.hits.items():
        for key in keys:
            row = table.get(key)
            if row:
                pop, part = key.split("|")
                lines.append(f"| {scorer} | {pop} | {part} | {row['n']} | {row['hit']} | "
                             f"{_pct(row['hit'] / row['n'])} |")
    n, korean, mandarin = everyday.han
    if n:
        lines += ["", f"Chinese names in Han script (Faker zh_CN, {n}): hit share {_pct(korean / n)} "
                  f"reading Han both ways (Mandarin and, for a Korean family name, Korean), "
                  f"{_pct(mandarin / n)} with Mandarin readings alone."]
    lines += ["", "| probe | " + " | ".join(everyday.probes) + " |",
              "|---|" + "---|" * len(everyday.probes)]
    probes = next(iter(everyday.probes.values()))
    for p in probes:
        cells = []
        for scorer in everyday.probes:
            found = everyday.probes[scorer][p]
            cells.append("hit: " + "; ".join(found) if found else "no hit")
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def run(db_path: Path, per_pair: int | None = 100, per_culture: int = EVERYDAY_PER_CULTURE,
        companies: int = EVERYDAY_COMPANIES) -> str:
    cross = run_cross(db_path, per_pair)
    everyday = run_everyday(db_path, cross.thresholds, per_culture, companies)
    return markdown(cross, everyday)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a database with the snapshots already loaded")
    parser.add_argument("--per-pair", type=int, default=100,
                        help="queries per ordered pair of lists (0: all)")
    parser.add_argument("--everyday", type=int, default=EVERYDAY_PER_CULTURE,
                        help="person names per culture")
    parser.add_argument("--companies", type=int, default=EVERYDAY_COMPANIES)
    parser.add_argument("--everyday-only", action="store_true",
                        help="only the everyday names (baselines at the last measured thresholds)")
    parser.add_argument("--out", type=Path, help="also write the markdown here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            from bench.run import bench_loading

            print("loading lists ...", file=sys.stderr)
            _, path = bench_loading(Path(tmp))
        if args.everyday_only:
            text = everyday_markdown(run_everyday(path, LAST_THRESHOLDS, args.everyday, args.companies))
        else:
            text = run(path, args.per_pair or None, args.everyday, args.companies)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
