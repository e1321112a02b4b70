"""Documents as people have them: text, Markdown, saved web pages, PDFs and UTF-16 files,
read into the words extraction needs, with their title and date kept."""

from __future__ import annotations

import codecs

import pytest

from screener import db as database
from screener import documents, entities
from screener.reader import decode, find_date, read_document

ARTICLE = ("Secretary of State Antony Blinken said the Treasury Department had designated "
           "Myanma Economic Holdings Limited on 5 March 2024.")


def make_pdf(lines: list[str], title: str = "") -> bytes:
    """A small valid PDF with one page of text (Helvetica), built by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines) + " ET"
    info = f"<< /Title ({title}) /CreationDate (D:20240305120000Z) >>" if title else "<< >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out


def test_plain_text_keeps_its_first_line_as_title_and_finds_the_date(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Treasury designates holding company\n\n" + ARTICLE + "\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Treasury designates holding company"
    assert doc.published == "2024-03-05" and ARTICLE in doc.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "windows.txt"
    data = ("Report\r\n" + ARTICLE).encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    doc = read_document(path)
    assert "Myanma Economic Holdings Limited" in doc.text and "\r" not in doc.text
    assert doc.title == "Report"


def test_utf16_without_a_mark_and_binary_files_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="binary"):
        decode("Antony Blinken".encode("utf-16-le"))
    with pytest.raises(ValueError, match="not UTF-8"):
        decode("Caf\xe9".encode("latin-1"))


def test_an_empty_or_blank_file_is_skipped_not_stored_as_a_document(tmp_path):
    """`docs ingest empty.txt` said "1 added" and stored a document with no text."""
    from typer.testing import CliRunner

    from screener.cli import app

    for name, data in (("empty.txt", b""), ("blank.md", b"  \n\n \t"),
                       ("bom.txt", b"\xef\xbb\xbf\n"),
                       ("page.html", b"<html><body><p></p><footer> </footer></body></html>")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ValueError, match="empty|no article text"):
            read_document(path)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "docs", "ingest",
                                      str(tmp_path / "empty.txt")])
    assert result.exit_code == 2 and "empty (no text to read)" in result.output
    assert "0 added" in result.output


def test_markdown_loses_its_markup_and_keeps_front_matter(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: Jet fuel suppliers\ndate: 2023-11-02\n---\n# Heading\n\n"
                    "**Asia Sun Group** was named by [Justice For Myanmar](https://example.org).\n"
                    "- Shoon Energy Pte Ltd\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Jet fuel suppliers" and doc.published == "2023-11-02"
    assert "Asia Sun Group was named by Justice For Myanmar." in doc.text
    assert "Shoon Energy Pte Ltd" in doc.text and "https" not in doc.text and "**" not in doc.text


def test_html_gives_the_article_not_the_navigation(tmp_path):
    nav = "".join(f"<li><a href='/{w}'>{w} News</a></li>" for w in ("World", "Asia", "Business"))
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Junta buys jets | Site</title>"
        "<meta property='article:published_time' content='2024-02-01T08:00:00Z'></head><body>"
        f"<nav><ul>{nav}<li>Download PDF</li></ul></nav><article><h1>Junta buys jets</h1>"
        f"<p>{ARTICLE}</p><p>Rosneft CEO Igor Sechin was not named, the statement said, and "
        "no other company was added to the list on that day.</p></article>"
        "<footer>Copyright 2024 Site. Privacy Policy. Subscribe to our newsletter.</footer>"
        "</body></html>", encoding="utf-8")
    doc = read_document(path)
    assert "Myanma Economic Holdings Limited" in doc.text and "Igor Sechin" in doc.text
    assert "Business News" not in doc.text and "Privacy Policy" not in doc.text
    assert doc.title.startswith("Junta buys jets") and doc.published == "2024-02-01"


def test_pdf_text_title_and_date(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["Deadly Cargo", ARTICLE], title="Deadly Cargo report"))
    doc = read_document(path)
    assert "Myanma Economic Holdings Limited" in doc.text
    assert doc.title == "Deadly Cargo report" and doc.published == "2024-03-05"


def test_a_broken_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a PDF body")
    with pytest.raises(ValueError, match="PDF"):
        read_document(path)


def test_dates_as_articles_write_them():
    assert find_date("Published March 5, 2024 by staff") == "2024-03-05"
    assert find_date("Yangon, 5 Sept. 2024 —") == "2024-09-05"
    assert find_date("Zin Mar Aung said 2024 was hard") is None
    assert find_date("Updated 2023-11-31, then 2023-11-30") == "2023-11-30"


def test_ingest_reads_every_format_and_stores_title_and_date(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(make_pdf(["Sanctions report", ARTICLE], title="Sanctions"))
    (folder / "b.txt").write_bytes(("Windows note\r\n" + ARTICLE).encode("utf-16"))
    (folder / "c.html").write_text(f"<html><head><title>Page</title></head><body><article><p>"
                                   f"{ARTICLE}</p></article></body></html>", encoding="utf-8")
    (folder / "d.png").write_bytes(b"\x89PNG\r\n")
    conn = database.connect(tmp_path / "s.db")
    report = documents.ingest(conn, [folder])
    assert len(report.added) == 3 and not report.skipped
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in conn.query(
        "SELECT path, title, published FROM documents")}
    assert rows["a.pdf"]["title"] == "Sanctions" and rows["b.txt"]["title"] == "Windows note"
    assert all(r["published"] == "2024-03-05" for r in rows.values())
    names = {e["name"] for e in entities.list_entities(conn)}
    assert "Myanma Economic Holdings Limited" in names and "Antony Blinken" in names


def test_hard_wrapped_text_is_joined_so_names_are_not_cut(tmp_path):
    body = ("The designation covers the Myanma Investment and Commercial Bank and its\n"
            "chairman, Senior General Min Aung Hlaing's ally U Tin Latt, who met the\n"
            "Secretary of State Antony Blinken's deputy in Washington on Monday to\n"
            "discuss the sanctions that the Treasury imposed on the Myanma Economic\n"
            "Holdings Limited group and its many subsidiaries in the previous year.\n\n"
            "A second paragraph follows here, wrapped at the same width as the first\n"
            "one was, so that the reader sees a wrapped file and joins its lines.\n")
    path = tmp_path / "wrapped.txt"
    path.write_text(body, encoding="utf-8")
    text = read_document(path).text
    assert "Myanma Economic Holdings Limited" in text and "\n\nA second paragraph" in text
    one_per_line = tmp_path / "lines.txt"
    one_per_line.write_text("Title\n" + body.replace("\n", " ") + "\nShort line\n", encoding="utf-8")
    assert read_document(one_per_line).text.count("\n") == 3


def test_pdf_footnote_markers_are_not_part_of_names(tmp_path):
    path = tmp_path / "ngo.pdf"
    path.write_bytes(make_pdf(["Senior General Min Aung Hlaing12 met the Mi-17 crews.13",
                               "It was reported by the Justice For Myanmar group in 2023."]))
    text = read_document(path).text
    assert "Min Aung Hlaing met the Mi-17 crews." in text and "in 2023." in text


def test_a_banner_or_a_date_line_is_no_title(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Make a donation today!\n\nMay 20, 2024\n\nRussia seeks closer military ties "
                    "with Myanmar\n\nThe body of the article follows here.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Russia seeks closer military ties with Myanmar"
    assert doc.published == "2024-05-20"
