"""Issue #10 acceptance: the full journey of an analyst, as one test, through the command
line on the real AU and UN snapshots: load lists, ingest the seeds, match, confirm and reject
matches, rename and merge entities, ingest a new document, load a newer UN list, match again.
Every decision must still apply and every report must show the list versions it used."""

import json

from typer.testing import CliRunner

from screener.cli import app
from tests.conftest import AU_FILE, PROJECT, shared_file

runner = CliRunner()
DPRK_ARTICLE = ("Pyongyang, 4 March. Kim Yong Chol, a former intelligence chief, met Ri Su Yong "
                "in Pyongyang, state media KCNA said on Tuesday.\n")


def hits(coverage, entity, jurisdiction):
    row = next(r for r in coverage["entities"] if r["name"] == entity)
    return {h["source_ref"]: h for h in row["cells"][jurisdiction]["hits"]}


def test_full_journey_keeps_every_decision_and_names_list_versions(tmp_path):
    au, un_old = shared_file(AU_FILE), shared_file("un/consolidated.xml")
    un_new = shared_file("un/consolidated_2026-02-27.xml")
    db_path = tmp_path / "screener.db"

    def run(*args):
        result = runner.invoke(app, ["--db", str(db_path), *args])
        assert result.exit_code == 0, (args, result.output)
        return result

    def coverage():
        return json.loads(run("report", "coverage", "-f", "json").stdout)

    run("lists", "import", "au_dfat", str(au))
    run("lists", "import", "un_sc", str(un_old))
    run("docs", "ingest", str(PROJECT / "seeds"))
    run("match")
    run("review", "confirm", "Sergey Kogogin", "au_dfat", "6906", "--by", "ana", "--note", "DOB")
    run("review", "reject", "Vladimir Putin", "au_dfat", "3359", "--by", "ben",
        "--note", "Kononov is another man")
    run("entities", "add", "Sergei Kuzhugetovich Shoigu")
    run("match")
    run("review", "confirm", "Sergei Kuzhugetovich Shoigu", "au_dfat", "6682", "--by", "ana")
    run("entities", "rename", "Sergey Kogogin", "Sergey Anatolyevich Kogogin")
    run("entities", "merge", "Sergei Kuzhugetovich Shoigu", "Sergei Shoigu")
    article = tmp_path / "dprk.txt"
    article.write_text(DPRK_ARTICLE, encoding="utf-8")
    run("docs", "ingest", str(article))  # after match: crashed on a FOREIGN KEY before
    run("match")
    before = hits(coverage(), "Kim Yong Chol", "UN")
    assert {"KPi.024", "KPi.030"} <= before.keys()  # Kim Yong Chol, and Kim Song Chol (0.91)
    run("review", "reject", "Kim Yong Chol", "un_sc", "KPi.030", "--by", "ana",
        "--note", "Kim Song Chol is another man")
    run("review", "confirm", "Kim Yong Chol", "un_sc", "KPi.024", "--by", "ana")
    loaded = run("lists", "import", "un_sc", str(un_new))
    assert "published 2026-02-27" in loaded.output
    run("match")

    report = coverage()
    assert {x["published"] for x in report["lists"] if x["list"] == "un_sc"} == {"2026-02-27"}
    kogogin = hits(report, "Sergey Anatolyevich Kogogin", "AU")
    assert kogogin["6906"]["decision"] == "confirmed"
    assert "3359" not in hits(report, "Vladimir Putin", "AU")
    assert hits(report, "Sergei Shoigu", "AU")["6682"]["decision"] == "confirmed"
    kim = hits(report, "Kim Yong Chol", "UN")
    assert kim["KPi.024"]["decision"] == "confirmed" and "KPi.030" not in kim
    log = json.loads(run("review", "list", "--history", "-f", "json").stdout)
    assert [(r["entity"], r["decision"], r["by"]) for r in log] == [
        ("Sergey Anatolyevich Kogogin", "confirmed", "ana"),
        ("Vladimir Putin", "rejected", "ben"),
        ("Sergei Shoigu", "confirmed", "ana"),
        ("Kim Yong Chol", "rejected", "ana"),
        ("Kim Yong Chol", "confirmed", "ana")]
    queue = json.loads(run("review", "list", "-f", "json").stdout)
    assert {(r["entity"], r["source_ref"], r["decision"]) for r in queue} >= {
        ("Vladimir Putin", "3359", "rejected"), ("Kim Yong Chol", "KPi.030", "rejected")}

    for fmt in ("table", "md", "csv", "json", "html"):
        for args in (("coverage",), ("gaps",), ("timeline", "Kim Yong Chol")):
            text = run("report", *args, "-f", fmt).stdout
            assert "2026-02-27" in text and "2026-02-24" in text, (args, fmt)
    summary = run("report", "gaps", "--summary").stdout
    assert "un_sc published 2026-02-27" in summary and "au_dfat published 2026-02-24" in summary
