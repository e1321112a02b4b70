"""`lists update` against a local HTTP server: good files, faults, and data that stays intact."""

import sqlite3
import time

import pytest
from typer.testing import CliRunner
from werkzeug import Response

from screener import db as database
from screener import download, registry, store
from screener.cli import app
from tests.conftest import shared_file

runner = CliRunner()


@pytest.fixture(scope="module")
def cons_bytes():
    return shared_file("us/CONSOLIDATED.XML").read_bytes()


@pytest.fixture
def sources(httpserver, tmp_path, monkeypatch):
    toml = tmp_path / "sources.toml"
    toml.write_text(f"""
[us_ofac_cons]
jurisdiction = "US"
title = "test"
url = "{httpserver.url_for('/CONS.XML')}"
format = "ofac_sdn_xml"
accepts = ["ofac_sdn_xml", "ofac_advanced_xml"]
retries = 3

[gb_ofsi]
jurisdiction = "UK"
url = ""
format = "gb_ofsi_xlsx"
default = false
""")
    monkeypatch.setenv("SCREENER_SOURCES", str(toml))
    monkeypatch.setattr(download, "BACKOFF_SECONDS", 0.01)
    return registry.load_sources(toml)


def update(db_path, *args):
    return runner.invoke(app, ["--db", str(db_path), "lists", "update", *args])


def current(db_path):
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT id, record_count, sha256 FROM source_files WHERE list_id='us_ofac_cons' "
                       "AND is_current=1").fetchone()
    conn.close()
    return row


@pytest.fixture
def loaded(httpserver, sources, cons_bytes, tmp_path):
    """A database where the good file has been downloaded once."""
    httpserver.expect_ordered_request("/CONS.XML").respond_with_data(
        cons_bytes, headers={"ETag": '"v1"', "Content-Type": "application/xml"})
    db_path = tmp_path / "s.db"
    result = update(db_path)
    assert result.exit_code == 0, result.output
    assert "us_ofac_cons: loaded 442 records" in result.output
    httpserver.clear()
    return db_path


def test_good_file_then_not_modified(loaded, httpserver):
    before = current(loaded)
    httpserver.expect_request("/CONS.XML", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304)
    result = update(loaded)
    assert result.exit_code == 0 and "not modified" in result.output
    assert current(loaded) == before


def test_user_agent_follows_publisher_rules(httpserver, sources, cons_bytes, tmp_path):
    seen = {}

    def handler(request):
        seen["ua"] = request.headers.get("User-Agent")
        return Response(cons_bytes)

    httpserver.expect_request("/CONS.XML").respond_with_handler(handler)
    assert update(tmp_path / "s.db").exit_code == 0
    assert seen["ua"].startswith("Mozilla/5.0") and len(seen["ua"]) >= 40


def test_server_error_then_success_is_retried(httpserver, sources, cons_bytes, tmp_path):
    httpserver.expect_ordered_request("/CONS.XML").respond_with_data("busy", status=500)
    httpserver.expect_ordered_request("/CONS.XML").respond_with_data(cons_bytes)
    result = update(tmp_path / "s.db")
    assert result.exit_code == 0 and "loaded 442" in result.output


@pytest.mark.parametrize("fault", ["500", "timeout", "truncated", "html", "half", "404"])
def test_faults_keep_the_previous_version(loaded, httpserver, cons_bytes, fault, monkeypatch):
    before = current(loaded)
    if fault == "500":
        httpserver.expect_request("/CONS.XML").respond_with_data("oops", status=500)
    elif fault == "timeout":
        httpserver.expect_request("/CONS.XML").respond_with_handler(
            lambda r: (time.sleep(1.5), Response(cons_bytes))[1])
        monkeypatch.setattr(download, "make_client", lambda timeout=60.0, transport=None:
                            download.httpx.Client(timeout=0.5, follow_redirects=True,
                                                  headers={"User-Agent": download.USER_AGENT}))
    elif fault == "truncated":
        httpserver.expect_request("/CONS.XML").respond_with_data(cons_bytes[: len(cons_bytes) // 3])
    elif fault == "html":
        httpserver.expect_request("/CONS.XML").respond_with_data(
            "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>",
            content_type="text/html")
    elif fault == "half":
        text = cons_bytes.decode("utf-8")
        entries = text.split("<sdnEntry>")
        half = "<sdnEntry>".join(entries[: len(entries) // 2]) + "</sdnList>\n"
        httpserver.expect_request("/CONS.XML").respond_with_data(half.encode())
    elif fault == "404":
        httpserver.expect_request("/CONS.XML").respond_with_data("missing", status=404)
    started = time.monotonic()
    result = update(loaded)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "kept the current version" in lines[0]
    assert current(loaded) == before
    assert time.monotonic() - started < 20
    if fault == "timeout":
        time.sleep(3 * 1.5)  # let the server finish the abandoned requests before the next test
    expected = {"500": "HTTP 500", "timeout": "timed out", "truncated": "not well-formed",
                "html": "HTML page", "half": "--force", "404": "HTTP 404"}[fault]
    assert expected in lines[0]


def test_half_file_loads_with_force(loaded, httpserver, cons_bytes):
    text = cons_bytes.decode("utf-8")
    entries = text.split("<sdnEntry>")
    half = "<sdnEntry>".join(entries[: len(entries) // 2]) + "</sdnList>\n"
    httpserver.expect_request("/CONS.XML").respond_with_data(half.encode())
    assert update(loaded, "--force").exit_code == 0
    assert current(loaded)[1] == len(entries) // 2 - 1


def test_historical_list_cannot_be_downloaded(sources, tmp_path):
    result = update(tmp_path / "s.db", "gb_ofsi")
    assert result.exit_code == 2 and "historical list" in result.output


def test_a_second_update_waits_then_says_so(sources, tmp_path):
    from filelock import FileLock

    db_path = tmp_path / "s.db"
    database.connect(db_path)
    with FileLock(str(db_path) + ".update.lock"):
        result = update(db_path, "--wait", "0.2")
    assert result.exit_code == 2 and "another `screener lists update` is running" in result.output


def test_fetch_uses_conditional_headers(httpserver, sources, cons_bytes, tmp_path):
    httpserver.expect_request("/CONS.XML", headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}
                              ).respond_with_data("", status=304)
    with download.make_client() as client:
        got = download.fetch(sources["us_ofac_cons"], tmp_path, client=client,
                             previous={"last_modified": "Mon, 01 Jan 2024 00:00:00 GMT"})
    assert got.not_modified and got.path is None
    conn = database.connect(tmp_path / "x.db")
    assert store.current_file(conn, "us_ofac_cons") is None
