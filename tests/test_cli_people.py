"""The people commands and person search, through the CLI against a real database."""

from __future__ import annotations

import json

from conftest import SAMPLE, extract_file

from newsarchive.cli import cli


def _newest_first(dates: list[str | None]) -> bool:
    """Dated articles newest first, undated ones after them."""
    dated = [d for d in dates if d]
    return dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated


def _invoke(runner, db, *args):
    return runner.invoke(cli, [*args, "--db", str(db)])


def test_people_json_most_articles_first(runner, loaded_db):
    result = _invoke(runner, loaded_db, "people", "--format", "json")
    assert result.exit_code == 0, result.output
    people = json.loads(result.output)
    assert people[0]["name"] == "Donald Trump"
    assert people[0]["articles"] >= 3 and "Trump" in people[0]["aliases"]
    counts = [p["articles"] for p in people]
    assert counts == sorted(counts, reverse=True)
    names = {p["name"] for p in people}
    assert {"Marco Rubio", "Wang Yi", "Dewey Sim"} <= names
    assert not names & {"Kuala Lumpur", "Asean", "State Department", "Anwar", "Rubio"}
    assert set(people[0]) == {"name", "articles", "as_author", "mentions", "roles", "aliases"}


def test_people_table_and_limit(runner, loaded_db):
    result = _invoke(runner, loaded_db, "people", "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("NAME") and len(lines) == 4
    assert "Donald Trump" in lines[1]


def test_person_by_surname_any_case(runner, loaded_db):
    result = _invoke(runner, loaded_db, "person", "RUBIO", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["name"] == "Marco Rubio"
    [appearance] = report["appearances"]
    assert appearance["id"] == extract_file(SAMPLE)[0]["id"]
    assert appearance["as"] == ["mentioned"] and appearance["mentions"] == 10
    named_with = [p["name"] for p in report["named_with"]]
    assert "Wang Yi" in named_with and "Dewey Sim" in named_with


def test_person_articles_newest_first_as_author_or_mentioned(runner, loaded_db):
    result = _invoke(runner, loaded_db, "person", "donald trump", "--format", "json")
    dates = [a["published"] for a in json.loads(result.output)["appearances"]]
    assert len(dates) >= 3 and _newest_first(dates)
    table = _invoke(runner, loaded_db, "person", "Dewey Sim")
    assert table.exit_code == 0
    assert "author" in table.output and "Wang tells Rubio" in table.output


def test_person_unknown_or_ambiguous_is_one_line(runner, loaded_db):
    unknown = _invoke(runner, loaded_db, "person", "Nobody Atall")
    assert unknown.exit_code == 1 and "no person called" in unknown.output
    ambiguous = _invoke(runner, loaded_db, "person", "yadav")
    assert ambiguous.exit_code == 1
    assert "Tejashwi Yadav" in ambiguous.output and "Yogendra Yadav" in ambiguous.output
    assert "Traceback" not in ambiguous.output


def test_search_person_without_query_and_with_one(runner, loaded_db):
    alone = _invoke(runner, loaded_db, "search", "--person", "Trump", "--format", "json")
    assert alone.exit_code == 0, alone.output
    hits = json.loads(alone.output)
    assert len(hits) >= 3
    assert _newest_first([h["published"] for h in hits])
    combined = _invoke(runner, loaded_db, "search", "Taiwan", "--person", "trump", "--format", "json")
    assert [h["headline"] for h in json.loads(combined.output)] == [extract_file(SAMPLE)[0]["headline"]]


def test_search_author_is_byline_only(runner, loaded_db):
    by = json.loads(_invoke(runner, loaded_db, "search", "--author", "SÍM", "--format", "json").output)
    assert [h["authors"] for h in by] == [["Dewey Sim"]]
    mentioned_only = _invoke(runner, loaded_db, "search", "--author", "Rubio", "--format", "json")
    assert json.loads(mentioned_only.output) == []


def test_people_commands_help_has_an_example(runner):
    for command in ("people", "person"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output and f"newsarchive {command}" in result.output
    search_help = runner.invoke(cli, ["search", "--help"]).output
    assert "--person" in search_help and "--author" in search_help


def test_export_csv_has_people_names(runner, loaded_db):
    import csv
    import io

    result = _invoke(runner, loaded_db, "export", "Rubio", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert row["people"].split("; ")[:2] == ["Marco Rubio", "Wang Yi"]


def test_show_lists_the_people_mentioned(runner, loaded_db):
    result = _invoke(runner, loaded_db, "show", extract_file(SAMPLE)[0]["id"])
    assert result.exit_code == 0
    assert "people: Marco Rubio (10), Wang Yi (8)" in result.output
