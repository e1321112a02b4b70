"""One screening as the user reads it, in every format: the verdict, when, against which
list versions, and under which audit id, so that any saved output can be traced back.

A clean name still produces output (a CSV row, a JSON object, a Markdown line): an empty
file would not prove the name was screened.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from screener.output import render
from screener.screen import CLEAR, HIT, REVIEW, ScreenResult

# For scripts: 0 clear, 1 hit, 3 only possible matches to review (2 is any error).
EXIT_CODE = {CLEAR: 0, HIT: 1, REVIEW: 3}
VERDICT_TEXT = {HIT: "HIT", REVIEW: "possible match to review", CLEAR: "no match"}
HIT_COLUMNS = ["jurisdiction", "list", "ref", "status", "score", "matched_name", "name_kind",
               "primary_name", "type", "programmes", "listed_on", "list_version", "explanation"]
HEAD_COLUMNS = ["query", "verdict", "screened_at", "audit_id", "lists"]


def list_versions(result: ScreenResult) -> str:
    """"au_dfat@3 (2026-02-24); ..." : each list with its stored version and publisher's date."""
    return "; ".join(f"{f['list_id']}@{f['id']} ({f.get('publication_date') or 'undated'})"
                     for f in result.source_files)


def hit_rows(result: ScreenResult) -> list[dict[str, Any]]:
    return [{"jurisdiction": h.jurisdiction, "list": h.list_id, "ref": h.source_ref,
             "status": h.status, "score": f"{h.score:.3f}", "matched_name": h.matched_name,
             "name_kind": h.name_kind, "primary_name": h.primary_name, "type": h.target_type,
             "programmes": h.programmes, "listed_on": h.listed_on,
             "list_version": h.source_file_id, "explanation": h.explanation}
            for h in result.hits]


def asked(result: ScreenResult) -> str:
    """What was screened: the name, or the identifiers when no name was given."""
    return result.query.name or ", ".join(result.query.ids)


def summary_line(result: ScreenResult, audit_id: int | None) -> str:
    shown = f"; {result.not_shown} more not shown (--limit)" if result.not_shown else ""
    return (f"{asked(result)!r}: {VERDICT_TEXT[result.verdict]} (threshold "
            f"{result.threshold:.2f}){shown}\nscreened {result.screened_at}, audit id "
            f"{audit_id if audit_id is not None else 'none (not recorded)'}; lists: "
            f"{list_versions(result)}\n")


def render_screening(result: ScreenResult, audit_id: int | None, fmt: str) -> str:
    """The whole output of `screener screen` in table, json, csv or md."""
    head = {"query": asked(result), "verdict": result.verdict,
            "screened_at": result.screened_at, "audit_id": audit_id,
            "lists": list_versions(result)}
    rows = hit_rows(result)
    if fmt == "json":
        payload = {**result.to_dict(), "audit_id": audit_id}
        payload["hits"] = [{**asdict(h), "list_version": h.source_file_id} for h in result.hits]
        return render([], fmt, json_payload=payload)
    if fmt == "csv":
        # One row per hit shown, each carrying the verdict; a clean name is one row with no hit.
        return render([{**head, **r} for r in rows] or [head], fmt, HEAD_COLUMNS + HIT_COLUMNS)
    if fmt == "md":
        name = "".join(f"\\{c}" if c in "\\`*_[]<>|#" else c for c in asked(result))
        return (f"**{' '.join(name.split())}**: {VERDICT_TEXT[result.verdict]} (threshold "
                f"{result.threshold:.2f}), screened {result.screened_at}, audit id "
                f"{audit_id if audit_id is not None else 'none'}; lists: "
                f"{list_versions(result)}\n\n" + (render(rows, fmt, HIT_COLUMNS) if rows else
                                                  "No name on the loaded lists comes close.\n"))
    return summary_line(result, audit_id) + (render(rows, fmt, HIT_COLUMNS) if rows else "")
