"""The CLI contract, driven through click's CliRunner against real temporary databases."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import SAMPLE, TEXT_FIXTURES, extract_file, gold_pairs, write_dumps

import newsarchive.ingest as ingest_module
from newsarchive import __version__
from newsarchive.cli import cli
from newsarchive.progress import IngestProgress
from newsarchive.store import Store

SAMPLE_ID = None


def _sample_id() -> str:
    return extract_file(SAMPLE)[0]["id"]


def test_ingest_summary_and_reingest_adds_nothing(runner, db_path):
    first = runner.invoke(cli, ["ingest", "--db", str(db_path), str(TEXT_FIXTURES)])
    assert first.exit_code == 0, first.output
    count = len(gold_pairs())
    assert f"{count} files read" in first.output
    assert f"articles: {count} added, 0 updated, 0 unchanged" in first.output
    second = runner.invoke(cli, ["ingest", "--db", str(db_path), str(TEXT_FIXTURES)])
    assert f"0 files read, {count} unchanged," in second.output
    assert "articles: 0 added, 0 updated, 0 unchanged" in second.output
    forced = runner.invoke(cli, ["ingest", "--db", str(db_path), "--force", str(TEXT_FIXTURES)])
    assert f"{count} files read, 0 unchanged" in forced.output
    assert f"articles: 0 added, 0 updated, {count} unchanged" in forced.output


def test_ingest_json_summary(runner, db_path):
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "--format", "json", str(SAMPLE)])
    summary = json.loads(result.output)
    assert summary["articles_added"] == 1 and summary["files_failed"] == 0


def test_ingest_bad_file_one_line_and_exit_1(runner, db_path, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(bad), str(SAMPLE)])
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert error_lines == [f"error: {bad}: binary data, not a text or mail dump"]
    assert "Traceback" not in result.output
    assert "1 added" in result.output


def test_db_from_environment(runner, tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSARCHIVE_DB", str(db))
    runner.invoke(cli, ["ingest", str(SAMPLE)])
    assert db.exists()


def test_search_table_marks_matches(runner, loaded_db):
    result = runner.invoke(cli, ["search", "--db", str(loaded_db), "Rubio"])
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header.split() == ["DATE", "PUBLICATION", "HEADLINE", "SNIPPET", "ID"]
    assert rows[0].startswith("2025-07-11")
    assert "**Rubio**" in rows[0] and _sample_id() in rows[0]


def test_search_json_and_jsonl(runner, loaded_db):
    result = runner.invoke(cli, ["search", "--db", str(loaded_db), "tariffs", "--format", "json"])
    hits = json.loads(result.output)
    assert len(hits) >= 2
    assert all({"id", "headline", "published", "publication", "authors", "snippet", "score"}
               <= set(hit) for hit in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    lines = runner.invoke(cli, ["search", "--db", str(loaded_db), "tariffs", "--format",
                                "jsonl", "--limit", "1"]).output.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == hits[0]["id"]


def test_search_no_hit(runner, loaded_db):
    assert runner.invoke(cli, ["search", "--db", str(loaded_db), "quokka", "--format",
                               "json"]).output.strip() == "[]"
    result = runner.invoke(cli, ["search", "--db", str(loaded_db), "quokka"])
    assert result.exit_code == 0


def test_malformed_query_exit_2_one_line(runner, loaded_db):
    result = runner.invoke(cli, ["search", "--db", str(loaded_db), '"Rubio'])
    assert result.exit_code == 2
    assert "unbalanced quote" in result.output
    assert "Traceback" not in result.output and "fts5" not in result.output.lower()


def test_show_text_and_json(runner, loaded_db):
    article_id = _sample_id()
    text = runner.invoke(cli, ["show", "--db", str(loaded_db), article_id]).output
    assert text.startswith("US, China must find ‘correct way’")
    assert "Dewey Sim" in text and "China and the United States agreed" in text
    shown = json.loads(runner.invoke(cli, ["show", "--db", str(loaded_db), article_id[:8],
                                           "--format", "json"]).output)
    assert shown == extract_file(SAMPLE)[0] | {"source": shown["source"]}


def test_show_unknown_id(runner, loaded_db):
    result = runner.invoke(cli, ["show", "--db", str(loaded_db), "ffffffffffffffff"])
    assert result.exit_code == 1
    assert "no article with id" in result.output


def test_export_json_all(runner, loaded_db):
    articles = json.loads(runner.invoke(cli, ["export", "--db", str(loaded_db)]).output)
    assert len(articles) == len(gold_pairs())
    assert all(set(a) >= {"id", "headline", "body", "removed", "word_count"} for a in articles)


def test_export_query_jsonl_csv_and_file(runner, loaded_db, tmp_path):
    lines = runner.invoke(cli, ["export", "--db", str(loaded_db), "Rubio", "--format",
                                "jsonl"]).output.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [_sample_id()]
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["export", "--db", str(loaded_db), "--format", "csv", "-o",
                                 str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(gold_pairs())
    assert any(row["authors"] == "Makiko Yamazaki; Tetsushi Kajimoto" for row in rows)


def test_export_failure_keeps_previous_file(runner, loaded_db, tmp_path):
    out = tmp_path / "keep.json"
    out.write_text("previous good export")
    result = runner.invoke(cli, ["export", "--db", str(loaded_db), '"broken', "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "previous good export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_version():
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["--version"])
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["ingest", "search", "show", "export", "stats", "errors"])
def test_every_command_help_has_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"newsarchive {command}" in result.output
    assert "--db" in result.output


def test_errors_lists_failed_files_until_they_read(runner, db_path, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "--jobs", "2", str(bad)])
    assert result.exit_code == 1
    listed = runner.invoke(cli, ["errors", "--db", str(db_path)])
    assert listed.exit_code == 0
    assert listed.output.startswith(f"{bad}: binary data, not a text or mail dump (")
    as_json = json.loads(runner.invoke(cli, ["errors", "--db", str(db_path), "--format",
                                             "json"]).output)
    assert [(e["path"], e["reason"]) for e in as_json] == [
        (str(bad), "binary data, not a text or mail dump")]
    bad.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    fixed = runner.invoke(cli, ["ingest", "--db", str(db_path), str(bad)])
    assert fixed.exit_code == 0
    assert runner.invoke(cli, ["errors", "--db", str(db_path)]).output == ""


def test_ingest_reports_folded_duplicates(runner, db_path, tmp_path):
    for name in ("salon", "china"):
        (tmp_path / name).mkdir()
        text = SAMPLE.read_text(encoding="utf-8")
        (tmp_path / name / "wang.txt").write_text(text.replace("[Salon]", f"[{name}]", 1),
                                                  encoding="utf-8")
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "--format", "json",
                                 str(tmp_path / "salon"), str(tmp_path / "china")])
    summary = json.loads(result.output)
    assert (summary["articles_added"], summary["articles_folded"]) == (1, 1)
    shown = json.loads(runner.invoke(cli, ["show", "--db", str(db_path), _sample_id(),
                                           "--format", "json"]).output)
    assert [s["path"] for s in shown["sources"]] == [str(tmp_path / "salon" / "wang.txt"),
                                                     str(tmp_path / "china" / "wang.txt")]


@pytest.mark.parametrize("args", [["--help"], ["search", "Rubio"], ["show", "abcd"], ["stats"], ["export", "x"]])
def test_commands_that_read_do_not_load_the_extractor(tmp_path, args):
    """Every command pays for what it imports at start-up: one that only reads the
    database must not load the extraction rules, the readers or the ingest machinery."""
    import subprocess
    import sys

    db = ["--db", str(tmp_path / "empty.db")] if args != ["--help"] else []
    script = ("import sys\nfrom newsarchive.cli import cli\n"
              f"try:\n    cli({args + db!r})\nexcept SystemExit:\n    pass\n"
              "print('loaded:', *sorted(m for m in sys.modules if m.startswith('newsarchive.')))")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    loaded = output.rpartition("loaded:")[2].split()
    assert "newsarchive.cli" in loaded
    heavy = [m for m in loaded if m.split(".")[1] in ("extract", "readers", "ingest", "parse", "pool", "dedupe")]
    assert heavy == [], heavy


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_interrupted_says_so_keeps_what_was_stored_and_resumes(runner, db_path, tmp_path, monkeypatch, jobs):
    # Ctrl-C in the middle of an ingest: one line saying what happened and what to do,
    # exit status 130, a sound database, and the same command finishing the job.
    write_dumps(tmp_path / "dumps", 12)
    monkeypatch.setattr(ingest_module, "BATCH_SECONDS", -1)  # every file committed on its own
    done = []
    real_file_done = IngestProgress.file_done

    def file_done(self, *args):
        done.append(args)
        if len(done) == 7:
            raise KeyboardInterrupt
        real_file_done(self, *args)

    monkeypatch.setattr(IngestProgress, "file_done", file_done)
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "--jobs", jobs, str(tmp_path / "dumps")])
    assert result.exit_code == 130
    assert "interrupted: what was stored so far is kept; run the same command again" in result.output
    assert "Traceback" not in result.output and "Aborted" not in result.output
    store = Store(db_path)
    assert store.integrity_problems() == []
    stored = store.count_articles()
    store.close()
    assert 0 < stored < 12
    monkeypatch.setattr(IngestProgress, "file_done", real_file_done)
    again = runner.invoke(cli, ["ingest", "--db", str(db_path), "--format", "json", str(tmp_path / "dumps")])
    summary = json.loads(again.output)
    assert again.exit_code == 0 and summary["articles_added"] == 12 - stored
