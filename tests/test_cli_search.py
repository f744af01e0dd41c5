"""search, export and stats through the CLI: filters, formats, terminal output, exit codes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from conftest import make_article

from newsarchive.cli import cli
from newsarchive.render import use_color
from newsarchive.store import Store

ARTICLES = [
    make_article("a1", "Tariffs hit Japan exports", "Exports fell as the tariff bit.",
                 authors=["José Álvarez", "Kim Lee"], publication="Reuters", list="Japan-Watch",
                 published="2025-07-17"),
    make_article("a2", "Central banks cut rates", "Rates fell; tariffs were a worry.",
                 authors=["Dewey Sim"], publication="South China Morning Post", list="Salon",
                 published="2025-07-11"),
    make_article("a3", "Vintage computing", "Collectors of beige boxes.", authors=["Linton Weeks"],
                 publication="The Washington Post", list="History-List", published="2003-08-21"),
    make_article("a4", "Quokka census 中文标题", "A quokka was counted. The tariff was not.",
                 authors=["Kim Lee"], list="Salon", published="2025-05-02"),
]


@pytest.fixture
def db(db_path):
    store = Store(db_path)
    store.save_articles(ARTICLES)
    store.close()
    return str(db_path)


def run(runner, *args, env=None):
    return runner.invoke(cli, [args[0], "--db", DB[0], *args[1:]], env=env)


DB: list[str] = []


@pytest.fixture(autouse=True)
def _db(db):
    DB[:] = [db]


def hit_ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [hit["id"] for hit in json.loads(result.output)]


# -- search -------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (["tariff"], ["a1", "a2", "a4"]),
    (["tariff", "--sort", "oldest"], ["a4", "a2", "a1"]),
    (["tariff", "--sort", "newest"], ["a1", "a2", "a4"]),
    (["tariff", "--since", "2025-07"], ["a1", "a2"]),
    (["tariff", "--until", "11 Jul 2025", "--sort", "newest"], ["a2", "a4"]),
    (["tariff", "--since", "2025", "--until", "2025-06"], ["a4"]),
    (["--publication", "scmp"], ["a2"]),
    (["--publication", "Reuters", "--publication", "The Washington Post"], ["a1", "a3"]),
    (["--list", "salon"], ["a2", "a4"]),
    (["--author", "lee"], ["a1", "a4"]),
    (["--author", "lee", "--list", "salon"], ["a4"]),
    (["--person", "alvarez"], ["a1"]),
    (["author:lee", "-list:salon"], ["a1"]),
    (["headline:tariff*", "OR", "publication:post"], ["a1", "a2", "a3"]),
    (["date:2025-07..2025-09"], ["a1", "a2"]),
    ([], ["a1", "a2", "a4", "a3"]),
    (["--sort", "oldest", "--limit", "2", "--offset", "1"], ["a4", "a2"]),
])
def test_search_options(runner, args, expected):
    result = run(runner, "search", *args, "--format", "json")
    if "tariff" in args and "--sort" not in args and "--since" not in args:
        assert hit_ids(result)[0] == "a1"  # the headline match ranks first
    assert hit_ids(result) == expected or set(hit_ids(result)) == set(expected) and "--sort" not in args


def test_search_jsonl_and_csv(runner):
    lines = run(runner, "search", "tariff", "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["id"] for line in lines][0] == "a1" and len(lines) == 3
    result = run(runner, "search", "tariff", "--format", "csv", "--sort", "oldest")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["id"] for row in rows] == ["a4", "a2", "a1"]
    assert rows[2]["authors"] == "José Álvarez; Kim Lee"
    assert rows[2]["snippet"] == "Exports fell as the **tariff** bit."
    assert list(rows[0]) == ["id", "headline", "published", "publication", "authors", "dateline",
                             "list", "snippet", "score"]


@pytest.mark.parametrize(("args", "message"), [
    (['"tariff'], "bad query: unbalanced quote"),
    (["(tariff"], "bad query: unbalanced parenthesis"),
    (["tariff)"], "bad query: unbalanced parenthesis"),
    (["tariff", "OR"], "bad query: OR needs a word on each side"),
    (["-"], "bad query: the query has no words"),
    (["NOT"], "bad query: NOT needs a word after it"),
    (["headline:"], "bad query: empty field scope: headline:"),
    (["date:July"], "bad query: date: cannot read 'July'"),
    (["tariff", "--since", "soon"], "--since: cannot read 'soon' as a date"),
    (["tariff", "--since", "2025-08", "--until", "2025-07"], "--until is before --since"),
])
def test_malformed_query_is_one_line_and_exit_2(runner, args, message):
    for command in ("search", "export"):
        result = run(runner, command, *args)
        assert result.exit_code == 2, result.output
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and message in errors[0]
        assert "Traceback" not in result.output and "fts5" not in result.output.lower()
        assert "sqlite" not in result.output.lower()


@pytest.mark.parametrize("query", ["AND", "near", "in-person", "U.S.", "C++", "NEAR(a b)",
                                   "tariff:", "{x}", "a^b", "don't", "x AND"])
def test_fts_words_never_break_the_cli(runner, query):
    result = run(runner, "search", query)
    assert result.exit_code == 0, result.output


def test_table_fits_the_terminal(runner):
    for width in (40, 60, 80, 100, 200):
        result = run(runner, "search", "tariff OR quokka", env={"COLUMNS": str(width)})
        assert result.exit_code == 0
        lines = result.output.splitlines()
        assert all(len(line) + line.count("标") + line.count("题") + line.count("中")
                   + line.count("文") < width for line in lines), (width, lines)
        assert all(hit in result.output for hit in ("a1", "a2", "a4"))
    wide = run(runner, "search", "tariff", env={"COLUMNS": "200"}).output
    assert wide.splitlines()[0].split() == ["DATE", "PUBLICATION", "HEADLINE", "SNIPPET", "ID"]
    assert "**tariff**" in wide and "\x1b[" not in wide  # not a terminal: no colour
    narrow = run(runner, "search", "tariff", env={"COLUMNS": "40"}).output
    assert narrow.splitlines()[0].split() == ["HEADLINE", "ID"]


def test_no_hit_is_an_empty_result_not_an_error(runner):
    assert run(runner, "search", "zebra").output.strip() == "No articles found."
    assert run(runner, "search", "zebra", "--format", "json").output.strip() == "[]"
    assert run(runner, "search", "zebra", "--format", "csv").output.splitlines()[0].startswith("id,")


class FakeStream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(FakeStream(tty=True))
    assert not use_color(FakeStream(tty=False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(FakeStream(tty=True))


def test_colour_table_marks_with_ansi_not_stars():
    from newsarchive.render import render_hits_table

    hits = [{"id": "a1", "published": "2025-07-17", "publication": "Reuters", "headline": "H",
             "snippet": "the **tariff** bit"}]
    table = render_hits_table(hits, 100, color=True)
    assert "\x1b[" in table and "**" not in table and "tariff" in table


# -- export -------------------------------------------------------------------------------

def test_export_takes_the_query_and_filters(runner):
    result = run(runner, "export", "tariff", "--list", "salon", "--format", "jsonl")
    articles = [json.loads(line) for line in result.output.splitlines()]
    assert [a["id"] for a in articles] == ["a4", "a2"]  # export default: oldest first
    assert set(articles[0]) >= {"id", "body", "removed", "source", "word_count"}
    assert "score" not in articles[0] and "snippet" not in articles[0]
    result = run(runner, "export", "tariff", "--sort", "relevance", "--limit", "1")
    assert [a["id"] for a in json.loads(result.output)] == ["a1"]
    result = run(runner, "export", "--author", "Kim Lee", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["id"] for row in rows] == ["a4", "a1"]
    assert rows[1]["authors"] == "José Álvarez; Kim Lee"


def test_export_to_file_is_atomic(runner, tmp_path):
    out = tmp_path / "salon.json"
    out.write_text("previous good export")
    bad = run(runner, "export", "list:", "-o", str(out))
    assert bad.exit_code == 2 and out.read_text() == "previous good export"
    good = run(runner, "export", "list:salon", "-o", str(out))
    assert good.exit_code == 0 and "2 articles written" in good.output
    assert [a["id"] for a in json.loads(out.read_text())] == ["a4", "a2"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


# -- stats --------------------------------------------------------------------------------

def test_stats_json(runner):
    stats = json.loads(run(runner, "stats", "--format", "json").output)
    assert stats["articles"] == 4 and stats["lists"] == 3 and stats["publications"] == 3
    assert stats["authors"] == 4 and stats["people"] == 4
    assert (stats["first_published"], stats["last_published"]) == ("2003-08-21", "2025-07-17")
    assert stats["top_people"][0] == {"name": "Kim Lee", "articles": 2}
    assert stats["per_month"] == [{"month": "2003-08", "articles": 1},
                                  {"month": "2025-05", "articles": 1},
                                  {"month": "2025-07", "articles": 2}]


def test_stats_text_draws_a_histogram(runner):
    result = run(runner, "stats", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "articles      4" in lines
    bars = {line[:7]: line for line in lines if line[:4].isdigit()}
    assert set(bars) == {"2003-08", "2025-05", "2025-06", "2025-07"}
    assert abs(bars["2025-07"].count("█") - 2 * bars["2025-05"].count("█")) <= 1
    assert "█" not in bars["2025-06"]
    assert any("months with none: 2003-09 to 2025-04" in line for line in lines)
    assert all(len(line) < 60 for line in lines)


def test_stats_on_an_empty_database(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0 and "articles      0" in result.output


def test_dash_words_are_query_words_not_options(runner):
    assert hit_ids(run(runner, "search", "tariff", "-quokka", "--format", "json")) == ["a1", "a2"]
    assert hit_ids(run(runner, "search", "tariff", "-list:salon", "-n", "5", "--format",
                       "json")) == ["a1"]
    result = run(runner, "export", "tariff", "-japan", "--format", "jsonl", "--sort", "oldest")
    assert [json.loads(line)["id"] for line in result.output.splitlines()] == ["a4", "a2"]


def test_export_to_a_missing_folder_is_one_line(runner, tmp_path):
    result = run(runner, "export", "-o", str(tmp_path / "missing" / "out.json"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'missing' / 'out.json'}: cannot write: No such file or directory"]


def test_export_to_a_fifo_writes_through_it(runner, tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run(runner, "export", "list:salon", "--format", "jsonl", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0 and fifo.exists() and not fifo.is_file()
    assert [json.loads(line)["id"] for line in received[0].splitlines()] == ["a4", "a2"]


def test_export_file_gets_ordinary_permissions(runner, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        assert run(runner, "export", "-o", str(fresh)).exit_code == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o640)
        assert run(runner, "export", "-o", str(kept)).exit_code == 0
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_stats_counts_every_message_an_article_was_read_from(runner, db_path):
    store = Store(db_path)
    store.save_articles([make_article("dup", "Twice", "Sent twice.", sources=[
        {"path": "a.txt", "format": "text"}, {"path": "b.mbox", "format": "mbox", "position": 3}])])
    store.close()
    stats = json.loads(run(runner, "stats", "--format", "json").output)
    assert (stats["articles"], stats["messages"]) == (5, 6)


def test_a_person_alone_pages_by_date_with_rows_other_tools_wrote(runner):
    # A page decided by the person alone is read from the person index; a row written by
    # plain sqlite3 (no person links, no date) is found by its byline and goes last.
    conn = sqlite3.connect(DB[0])
    conn.execute("INSERT INTO articles (id, headline, body, authors) VALUES "
                 "('z9', 'Other tool', 'Plain text.', '[\"Kim Lee\"]')")
    conn.commit()
    conn.close()
    assert hit_ids(run(runner, "search", 'author:"Kim Lee"', "--format", "json")) == ["a1", "a4", "z9"]
    assert hit_ids(run(runner, "search", "--author", "lee", "--sort", "oldest", "--format", "json")) == [
        "a4", "a1", "z9"]
    assert hit_ids(run(runner, "search", "person:lee", "--limit", "1", "--offset", "1",
                       "--format", "json")) == ["a4"]
    exported = run(runner, "export", "--author", "Kim Lee", "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["id"] for line in exported] == ["a4", "a1", "z9"]
