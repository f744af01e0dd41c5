"""The evaluation: its arithmetic, the `eval` command, and the gate on the gold corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from newsarchive.cli import cli
from newsarchive.evaluate import (
    Evaluation,
    check_floors,
    evaluate,
    gold_pairs,
    load_gold,
    score_dump,
)

GOLD_DIR = FIXTURES / "gold"
FLOORS = ROOT / "tests" / "eval_floors.json"


def _article(**fields) -> dict:
    base = {"headline": "Oil rises", "publication": "Reuters", "authors": ["A B", "C D"],
            "dateline": "London", "published": "2025-08-04", "body": "one two three four",
            "removed": []}
    return base | fields


@pytest.fixture(scope="module")
def gold_run() -> Evaluation:
    return evaluate(GOLD_DIR)


# --- the gate ----------------------------------------------------------------------------

def test_every_figure_holds_its_floor(gold_run):
    floors = json.loads(FLOORS.read_text())
    assert {"headline", "publication", "authors", "dateline", "published", "body_f1"} <= set(floors)
    assert check_floors(gold_run.scores(), floors) == []


def test_no_boilerplate_left_in_any_body(gold_run):
    assert [(m.dump, m.field) for m in gold_run.leaks
            if m.field in {"promo", "teaser", "caption", "footer", "note"}] == []


def test_gold_corpus_is_large_and_varied():
    pairs = gold_pairs(GOLD_DIR)
    assert len(pairs) >= 60
    golds = [a for _dump, gold in pairs for a in load_gold(gold)]
    assert len({a["publication"] for a in golds if a["publication"]}) >= 15
    assert sum(1 for _d, gold in pairs if len(load_gold(gold)) > 1) >= 3  # digests
    assert any(a["publication"] is None and not a["authors"] for a in golds)  # not articles
    keys = {"headline", "dek", "publication", "authors", "dateline", "published", "body",
            "captions", "author_bio", "removed", "archive", "list", "subject"}
    assert all(keys <= set(a) for a in golds)


def test_digest_pieces_are_separate_articles_of_one_message(gold_run):
    from newsarchive.extract import extract
    from newsarchive.readers import read_path

    dump = GOLD_DIR / "digest_wire_four.txt"
    articles = [a for m in read_path(dump) for a in extract(m)]
    assert len(articles) == 4
    assert len({a.id for a in articles}) == 4
    assert {a.source["path"] for a in articles} == {str(dump)}


# --- arithmetic --------------------------------------------------------------------------

def test_exact_fields_and_authors_as_a_set():
    result = Evaluation()
    score_dump(result, "x.txt", [_article()], [_article(authors=["C D", "A B"], dateline="Paris")])
    assert result.fields["authors"].right == 1
    assert result.fields["dateline"].right == 0
    assert [(m.field, m.expected, m.got) for m in result.misses] == [("dateline", "London", "Paris")]


def test_body_token_precision_recall():
    result = Evaluation()
    score_dump(result, "x.txt", [_article(body="one two three four")],
               [_article(body="one two three Advertisement")])
    assert result.body_precision == pytest.approx(0.75)
    assert result.body_recall == pytest.approx(0.75)
    assert result.scores()["body_f1"] == pytest.approx(0.75)


def test_removed_right_wrong_missed_and_leaks():
    gold = _article(body="one two", removed=[{"kind": "promo", "text": "Subscribe now"},
                                             {"kind": "teaser", "text": "Read more: other"}])
    found = _article(body="one two Subscribe now",
                     removed=[{"kind": "teaser", "text": "Read  more: other"},
                              {"kind": "share", "text": "Share"}])
    result = Evaluation()
    score_dump(result, "x.txt", [gold], [found])
    assert (result.removed["teaser"].right, result.removed["promo"].missed,
            result.removed["share"].wrong) == (1, 1, 1)
    assert [(m.field, m.expected) for m in result.leaks] == [("promo", "Subscribe now")]
    assert result.scores()["clean_bodies"] == 0.0


def test_missing_articles_count_against_every_field():
    result = Evaluation()
    score_dump(result, "digest.txt", [_article(), _article(headline="Second")], [_article()])
    assert result.fields["headline"].accuracy == 0.5
    assert result.scores()["articles"] == 0.5


def test_floors_report_each_figure_below():
    assert check_floors({"headline": 0.9, "body_f1": 0.99}, {"headline": 0.98, "body_f1": 0.97}) \
        == ["headline: 0.9000 < floor 0.9800"]


# --- the command -------------------------------------------------------------------------

def _one_dump_dir(tmp_path: Path, headline: str) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "[List] Oil rises on supply worries\n\nOil rises on supply worries\n\nBy Jane Doe\n"
        "July 1, 2025\n\nOil prices rose on Monday as traders worried about supply from the "
        "Middle East, analysts said in London.\n", encoding="utf-8")
    gold = {"headline": headline, "publication": None, "authors": ["Jane Doe"],
            "dateline": None, "published": "2025-07-01",
            "body": "Oil prices rose on Monday as traders worried about supply from the Middle "
                    "East, analysts said in London.", "removed": []}
    (folder / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_eval_command_table_and_json(runner, tmp_path):
    folder = _one_dump_dir(tmp_path, "Oil rises on supply worries")
    table = runner.invoke(cli, ["eval", str(folder)])
    assert table.exit_code == 0, table.output
    assert "headline" in table.output and "100.0%" in table.output
    data = json.loads(runner.invoke(cli, ["eval", str(folder), "--format", "json"]).output)
    assert data["scores"]["authors"] == 1.0 and data["articles"] == {"gold": 1, "found": 1}


def test_eval_command_floors_fail_with_exit_1(runner, tmp_path):
    folder = _one_dump_dir(tmp_path, "A different headline")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"headline": 0.98}))
    result = runner.invoke(cli, ["eval", str(folder), "--misses", "--floors", str(floors)])
    assert result.exit_code == 1
    assert "below floor: headline" in result.output
    assert "expected 'A different headline'" in result.output
