import json

from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
ARTICLE = (
    "Afghans leave ahead of deadline\n"
    "Updated 18 April 2025\n\n"
    "PESHAWAR: The interior ministry said on Friday that 12,500 Afghans had been deported since the drive began "
    "in November 2023. “We will continue,” said Ali Khan, a ministry spokesman.\n"
)


def test_extract_jsonl_has_every_field(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (fig,) = [json.loads(line) for line in result.stdout.splitlines()]
    expected = {"value", "text", "qualifier", "counted", "indicator", "status", "as_of", "since", "source", "via",
                "location", "on_topic", "malformed", "vague", "sentence", "start", "end", "article_id"}  # fmt: skip
    assert expected <= set(fig)
    assert (fig["value"], fig["indicator"], fig["as_of"], fig["since"]) == (12500, "deported", "2025-04-18", "2023-11")
    assert fig["source"] == "pakistan interior ministry"


def test_extract_quotes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(app, ["extract", str(path), "--what", "quotes", "--format", "jsonl"])
    (quote,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert quote["quote"] == "We will continue,"
    assert quote["speaker"] == "ali khan"


def test_ingest_twice_then_query(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    first = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert first.exit_code == 0 and "1 article(s) added" in first.stdout
    second = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert "0 article(s) added, 1 already stored" in second.stdout
    rows = json.loads(runner.invoke(app, ["figures", "--db", str(db), "--format", "json"]).stdout)
    assert [r["value"] for r in rows] == [12500]
    csv_out = runner.invoke(app, ["figures", "--db", str(db), "--format", "csv", "--indicator", "deported"]).stdout
    assert csv_out.splitlines()[0].startswith("value,text,qualifier") and "12500" in csv_out


def test_bad_inputs_one_line_each_and_others_still_ingest(tmp_path):
    db = tmp_path / "s.db"
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "bin.html"
    binary.write_bytes(bytes(range(256)) * 20)
    result = runner.invoke(
        app, ["ingest", str(empty), str(binary), str(tmp_path / "nope.txt"), str(good), "--db", str(db)]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("sitrep: error:")]
    assert len(errors) == 3
    assert any("empty.txt: file is empty" in e for e in errors)
    assert any("bin.html" in e and "binary" in e for e in errors)
    assert any("nope.txt: no such file" in e for e in errors)
    assert "Traceback" not in result.output
    assert "1 article(s) added" in result.stdout


def test_bad_option_values_are_one_line(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--published", "yesterday", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "is not YYYY-MM-DD" in result.stderr and "Traceback" not in result.output


def test_demo_runs_offline_on_the_bundled_corpus(tmp_path):
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    assert "deported" in result.stdout and "returned" in result.stdout
    assert "14 articles" in result.stdout


def test_every_command_has_help_with_an_example():
    for command in (
        "ingest",
        "figures",
        "quotes",
        "extract",
        "eval",
        "demo",
        "series",
        "contradictions",
        "events",
        "export",
        "actors",
        "report",
        "serve",
        "batch",
        "fetch",
        "watch",
    ):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: sitrep" in result.stdout


def _sample_db(tmp_path):
    db = tmp_path / "sample.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_situation_commands_on_the_sample(tmp_path):
    db = str(_sample_db(tmp_path))
    flags = json.loads(runner.invoke(app, ["contradictions", "--db", db, "--format", "json"]).stdout)
    assert flags["schema_version"] and {f["type"] for f in flags["flags"]} >= {"same_date_conflict", "malformed_number"}
    series = json.loads(
        runner.invoke(app, ["series", "--db", db, "--indicator", "deported", "--format", "json"]).stdout
    )
    points = [p for s in series["series"] for p in s["points"]]
    assert len({p["article_id"] for p in points}) >= 3
    assert all({"value", "qualifier", "date", "source", "article_id", "sentence"} <= set(p) for p in points)
    assert series["latest"] and series["latest"][0]["range"]["low"] <= series["latest"][0]["range"]["high"]
    timeline = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).stdout)
    assert [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
    hxl_text = runner.invoke(app, ["export", "--db", db, "--format", "hxl", "--what", "events"]).stdout
    assert hxl_text.splitlines()[1].startswith("#")
    actors = json.loads(runner.invoke(app, ["actors", "--db", db, "--format", "json"]).stdout)
    kinds = {a["name"]: a["kind"] for a in actors}
    assert kinds["unhcr"] == "UN agency" and kinds["pakistan interior ministry"] == "government body"


def test_dates_sidecar_sets_publication_dates(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("KABUL: Officials said 3,000 Afghans returned so far.")
    (folder / "published.json").write_text(json.dumps({"a.txt": {"published": "2025-05-05", "reason": "test"}}))
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    (row,) = json.loads(runner.invoke(app, ["figures", "--db", db, "--format", "json"]).stdout)
    assert (row["published"], row["as_of"]) == ("2025-05-05", "2025-05-05")
    missing = runner.invoke(app, ["ingest", str(folder), "--db", db, "--dates", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "dates file not found" in missing.stderr


def test_report_command_writes_html_and_markdown_with_charts(tmp_path):
    db = str(_sample_db(tmp_path))
    html = tmp_path / "r.html"
    assert runner.invoke(app, ["report", "--db", db, "--format", "html", "--out", str(html)]).exit_code == 0
    page = html.read_text()
    assert "<svg" in page and "541,000" in page
    md = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "--db", db, "--out", str(md)]).exit_code == 0
    charts = list((tmp_path / "r_charts").glob("*.svg"))
    assert charts and all(f"r_charts/{c.name}" in md.read_text() for c in charts)
