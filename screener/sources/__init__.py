"""List parsers, one module per publisher format, and recognition of a file's format.

Every parser module exposes:
    FORMAT: str                        the format id used in lists/sources.toml
    sniff(path: Path, head: bytes) -> bool   True when the file is in this format
    parse(path: Path) -> ParsedList    read the whole file (streaming), never partially; each
                                       record through a records.RecordGuard, so a malformed one
                                       is skipped and reported, not fatal (parse_file refuses
                                       the file when more than 1% are)

`parse_file` and `detect_format` take a list file plain or zipped as its publisher serves it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from screener.model import ParsedList, SourceFormatError
from screener.sources import archive, records

# Format id -> module name under screener.sources.
PARSER_MODULES: dict[str, str] = {
    "ofac_advanced_xml": "ofac_advanced",
    "ofac_enhanced_xml": "ofac_enhanced",
    "ofac_sdn_xml": "ofac_xml",
    "ofac_csv": "ofac_csv",
    "gb_fcdo_xml": "uk_fcdo",
    "gb_ofsi_xlsx": "uk_ofsi",
    "gb_ofsi_csv": "uk_ofsi",
    "eu_fsf_xml": "eu_fsf",
    "au_dfat_xlsx": "au_dfat",
    "un_sc_xml": "un_sc",
}

HEAD_BYTES = 8192


def parser_for(fmt: str) -> ModuleType:
    try:
        return importlib.import_module(f"screener.sources.{PARSER_MODULES[fmt]}")
    except KeyError:
        raise SourceFormatError(f"unknown list format {fmt!r}") from None


def read_head(path: Path) -> bytes:
    """The start of the list file, or of the one file inside a zipped download."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if archive.is_zip(head) and not archive.is_workbook(path):
        return archive.member_head(path, HEAD_BYTES)
    return head


def detect_format(path: Path, candidates: list[str] | None = None) -> str:
    """The format id of the file at `path` (plain or zipped), recognised from its content,
    not its name."""
    head = read_head(path)
    if archive.is_zip(head) and not archive.is_workbook(path):
        # A zipped workbook: its sniffers read the workbook itself, so unpack it first.
        with list_file(path) as inner:
            return _detect(inner, read_head(inner), candidates, path.name)
    return _detect(path, head, candidates, path.name)


def _detect(path: Path, head: bytes, candidates: list[str] | None, label: str) -> str:
    if not head.strip():
        raise SourceFormatError(f"{label}: the file is empty")
    for fmt in candidates or list(PARSER_MODULES):
        module = parser_for(fmt)
        sniff = getattr(module, f"sniff_{fmt}", None) or module.sniff
        if sniff(path, head):
            return fmt
    lowered = head[:512].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        raise SourceFormatError(f"{label}: an HTML page, not a sanctions list")
    expected = ", ".join(candidates or PARSER_MODULES)
    raise SourceFormatError(f"{label}: not a recognised list file (expected one of: {expected})")


@contextmanager
def list_file(path: Path) -> Iterator[Path]:
    """The list file itself: `path`, or its single member when the publisher zipped it."""
    with open(path, "rb") as fh:
        zipped = archive.is_zip(fh.read(4))
    if zipped and not archive.is_workbook(path):
        with archive.unpacked(path) as member:
            yield member
    else:
        yield path


def parse_file(path: Path, fmt: str | None = None, candidates: list[str] | None = None) -> ParsedList:
    """Recognise and parse a list file (plain or zipped); raises SourceFormatError on anything
    wrong, and MalformedRecords when too many of its records are unreadable."""
    fmt = fmt or detect_format(path, candidates)
    module = parser_for(fmt)
    parse = getattr(module, f"parse_{fmt}", None) or module.parse
    with list_file(path) as inner:
        try:
            parsed = parse(inner)
        except SourceFormatError as exc:
            if inner == path:
                raise
            raise type(exc)(f"{path.name}: {exc}") from exc  # name the zip the user gave
    return records.enforce(parsed, path.name)
