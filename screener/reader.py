"""Reading documents as people have them into plain text, with their title and date.

News and NGO texts come as saved web pages, PDFs, Markdown notes and plain text, some of it
UTF-16 (Windows tools write it with a byte-order mark). Extraction needs the article's own
words, not a page's navigation, so HTML goes through trafilatura (article text and metadata)
and PDF through pypdf. Whatever the format, a file that cannot be read is a clear error.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
# Dates as articles print them: 2024-03-05, 5 March 2024, March 5, 2024.
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH = r"(" + "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS) + r"|sept)"
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\.?,?\s+(\d{4})\b", re.I)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`)")


@dataclass
class Document:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, as precise as the document says
    format: str = "text"


def read_document(path: Path) -> Document:
    """The document's text, title and date; ValueError with a one-line reason otherwise."""
    path = Path(path)
    if not path.is_file():
        raise ValueError("no such file")
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise ValueError(f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return read_pdf(data)
    text = decode(data)
    if not text.strip():  # stored, it was "1 added" with nothing in it
        raise ValueError("empty (no text to read)")
    if suffix in (".html", ".htm") or re.match(r"\s*(?:<!doctype html|<html)", text[:500], re.I):
        page = read_html(text)
        if not page.text.strip():
            raise ValueError("an HTML page with no article text (a menu or an empty page?)")
        return page
    if suffix in (".md", ".markdown"):
        return read_markdown(text)
    return read_plain(text)


def decode(data: bytes) -> str:
    """Text from bytes: a byte-order mark says the encoding (UTF-8, UTF-16, UTF-32), else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid {encoding.upper()} text (byte {exc.start})") from exc
    if b"\x00" in data[:8192]:
        raise ValueError("a binary file, not text (UTF-16 needs a byte-order mark)")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start}); convert it to UTF-8 first") from exc


def _clean(text: str) -> str:
    """One newline convention and no stray byte-order marks or NULs."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")


def read_plain(text: str) -> Document:
    """A text file: its first short line without a full stop is its title; hard-wrapped
    paragraphs (e-mails, copied reports) are joined so that names are not cut at line ends."""
    text = unwrap_hard_lines(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A banner ("Make a donation!") or a sentence is no title; the next short line may be.
    title = next((line for i, line in enumerate(lines[:5]) if len(line) <= 200
                  and (i == 0 or len(line.split()) >= 3) and not line.endswith((".", "!"))
                  and not (find_date(line) and len(line.split()) <= 5)), None)
    return Document(text, title, find_date("\n".join(lines[:8])), "text")


def unwrap_hard_lines(text: str) -> str:
    """Join the lines of paragraphs wrapped at a fixed width (most lines 50-90 characters,
    most not ending a sentence); text written one paragraph per line is left as it is."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        return text
    wrapped = [line for line in lines if 50 <= len(line.rstrip()) <= 90]
    open_ended = [line for line in wrapped if not line.rstrip().endswith((".", "!", "?", ":", "”", '"'))]
    if len(wrapped) < 0.6 * len(lines) or len(open_ended) < 0.5 * len(wrapped):
        return text
    return re.sub(r"(?<=[^\n])\n(?=[^\n\s\-•*])", " ", text)


def read_markdown(text: str) -> Document:
    """Markdown without its markup (links keep their words); title from the front matter or
    the first heading, date from the front matter or the first lines."""
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end():]
    heading = re.search(r"(?m)^\s{0,3}#\s+(.+?)\s*#*\s*$", text)
    body = _MD_LINK.sub(r"\1", text)
    body = _MD_MARKUP.sub("", body)
    title = meta.get("title") or (heading.group(1).strip() if heading else None)
    published = find_date(meta.get("date", "")) or find_date("\n".join(body.splitlines()[:8]))
    if title is None:
        title = read_plain(body).title
    return Document(body, title, published, "markdown")


def read_html(html: str) -> Document:
    """The article's text and metadata, not the page's navigation, menus or footers."""
    import trafilatura

    if not html.strip():
        return Document("", None, None, "html")
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises on pages it cannot parse at all
        raise ValueError(f"not readable HTML ({type(exc).__name__})") from exc
    if found is None:
        return Document("", _html_title(html), None, "html")
    data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = _clean(data.get("text") or "")
    title = data.get("title") or _html_title(html)
    published = find_date(data.get("date") or "") or find_date("\n".join(text.splitlines()[:5]))
    return Document(text, title, published, "html")


def _html_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return re.sub(r"\s+", " ", m.group(1)).strip() or None if m else None


def read_pdf(data: bytes) -> Document:
    """The text of every page (NGO reports are PDFs), with the title and date the file keeps."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd files are noise
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise ValueError("an encrypted PDF; save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except ValueError:
        raise
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a readable PDF ({type(exc).__name__})") from exc
    text = _clean("\n\n".join(_unwrap(p) for p in pages)).strip()
    if not text:
        raise ValueError("a PDF without a text layer (scanned?); run OCR on it first")
    title = (meta.title or "").strip() if meta else ""
    published = None
    if meta is not None:
        try:
            created = meta.creation_date
        except Exception:  # a malformed date string is no reason to refuse the file
            created = None
        published = created.date().isoformat() if created else None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Document(text, title or (lines[0][:200] if lines else None),
                    find_date("\n".join(lines[:10])) or published, "pdf")


def _unwrap(page: str) -> str:
    """Join lines a PDF broke mid-sentence, and words it hyphenated, so that names are not cut;
    drop footnote markers glued to words ("Min Aung Hlaing12 said.13")."""
    page = re.sub(r"(\w)-\n(\w)", r"\1\2", page)
    page = re.sub(r"(?<=[a-z]{3})\d{1,3}(?=[\s.,;:)”\"]|$)", "", page)
    page = re.sub(r"(?<=[.,;:”\"])\d{1,3}(?=\s|$)", "", page)
    return re.sub(r"(?<=[a-z,])\n(?=[a-zA-Z])", " ", page)


def find_date(text: str) -> str | None:
    """The first date written in the text, as ISO (YYYY-MM-DD)."""
    candidates = []
    for pattern, order in ((_ISO_DATE, "ymd"), (_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        candidates += [(m.start(), m, order) for m in pattern.finditer(text)]
    for _, m, order in sorted(candidates, key=lambda c: c[0]):
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts["m"]
        month_no = int(month) if month.isdigit() else [n[:3] for n in _MONTHS].index(
            month.lower()[:3]) + 1
        try:
            return date(int(parts["y"]), month_no, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None
