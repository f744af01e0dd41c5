"""Store filter builders and the open-ecosystem contract (plain sqlite3, sqlite-utils)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import make_article

from newsarchive.store import Store, fold_words


@pytest.mark.parametrize(("text", "folded"), [
    ("Dewey Sim", "dewey sim"),
    ("  DÉWEY   sim. ", "dewey sim"),
    ("José Álvarez", "jose alvarez"),
    ("Japan-Watch", "japan watch"),
    ("Zoë O’Brien", "zoe o brien"),
    (None, None),
])
def test_fold_words(text, folded):
    assert fold_words(text) == folded


def rows(store: Store, condition) -> set[str]:
    sql, params = condition
    return {row[0] for row in store.db.execute(f"SELECT id FROM articles WHERE {sql}", params)}


@pytest.fixture
def people(store):
    store.save_articles([
        make_article("p1", "One", "Text one.", authors=["Dewey Sim"], list="a_b"),
        make_article("p2", "Two", "Text two.", authors=["Simpson Jones", "Zoë Ångström"],
                     list="axb"),
        make_article("p3", "Three", "Text three.", authors=[], list=None),
        make_article("p4", "Four", "Text four.", authors=None, publication="Reuters"),
    ])
    return store


@pytest.mark.parametrize(("name", "expected"), [
    ("sim", {"p1"}), ("Dewey Sim", {"p1"}), ("DEWEY  SIM", {"p1"}), ("dewey", set()),
    ("jones", {"p2"}), ("simpson", set()), ("angstrom", {"p2"}), ("zoe angstrom", {"p2"}),
    ("%", set()), ("_im", set()), ("", set()),
])
def test_person_filter_matches_full_name_or_surname(people, name, expected):
    assert rows(people, people.person_filter(name, author_only=True)) == expected
    assert rows(people, people.person_filter(name, author_only=False)) == expected


def test_field_filter_escapes_like_wildcards(people):
    assert rows(people, people.field_filter("list", "a_b")) == {"p1"}
    assert rows(people, people.field_filter("publication", "reuters")) == {"p4"}
    with pytest.raises(ValueError):
        people.field_filter("body; DROP TABLE articles", "x")


def test_negated_date_keeps_undated_rows(people):
    assert rows(people, people.negate(people.date_filter("2025-01-01", None))) == {
        "p1", "p2", "p3", "p4"}


def test_plain_sqlite3_reads_searches_and_writes(people, db_path):
    """Nothing in the schema needs newsarchive: no custom functions in triggers or indexes."""
    people.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4
    conn.execute("INSERT INTO articles (id, headline, body, authors) VALUES (?, ?, ?, ?)",
                 ["x1", "Quokka news", "A quokka.", json.dumps(["Anna Martin"])])
    conn.commit()
    found = conn.execute("SELECT id FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts "
                         "WHERE articles_fts MATCH 'quokkas')").fetchall()
    assert found == [("x1",)]
    schema = " ".join(row[0] or "" for row in conn.execute("SELECT sql FROM sqlite_master"))
    assert "newsarchive_fold" not in schema
    conn.close()
    reopened = Store(db_path)
    assert [hit["id"] for hit in reopened.select_articles(reopened.person_filter("martin"))] == ["x1"]
    reopened.close()


def test_person_filter_joins_the_person_index_and_bylines_it_lacks(people, db_path):
    # Dewey Sim is in the person index (p1, by save_articles) and in a row another tool
    # wrote (x2, no index rows): both are found, each once, and nobody else's rows.
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO articles (id, headline, body, authors) VALUES (?, ?, ?, ?)",
                 ["x2", "Quokka news", "A quokka.", json.dumps(["DEWEY  SIM", "Kim Lee"])])
    conn.execute("INSERT INTO articles (id, headline, body, authors) VALUES (?, ?, ?, ?)",
                 ["x3", "Sims", "Dewey Sim was here.", json.dumps(["Deweyx Sim"])])
    conn.commit()
    conn.close()
    for name in ("Dewey Sim", "sim"):
        sql, params = people.person_filter(name, author_only=True)
        found = [row[0] for row in people.db.execute(f"SELECT id FROM articles WHERE {sql} ORDER BY id", params)]
        assert found == ["p1", "x2"] if name == "Dewey Sim" else ["p1", "x2", "x3"]


def test_name_filters_use_indexed_columns(people):
    indexed = {tuple(index.columns) for index in people.db["articles"].indexes}
    assert {("publication",), ("list",), ("published",)} <= indexed
    sql, params = people.field_filter("list", "a b")
    assert params == ["a_b"]
    plan = " ".join(str(row) for row in people.db.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM articles WHERE {sql}", params))
    assert "INDEX idx_articles_list" in plan


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_order_streams_from_an_index_without_sorting(store, sort):
    from newsarchive.store import _ORDER

    plan = " ".join(str(row) for row in store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT articles.* FROM articles ORDER BY {_ORDER[sort]}"))
    assert f"idx_articles_{sort}" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("prolific", [False, True])
def test_a_prolific_persons_page_walks_the_date_index_and_finds_the_same_rows(store, monkeypatch, prolific):
    import newsarchive.store as store_module
    from newsarchive.search import search

    monkeypatch.setattr(store_module, "PROLIFIC_MIN", 1)
    monkeypatch.setattr(store_module, "PROLIFIC_SHARE", 5 if prolific else 1000)
    store.save_articles([
        make_article(f"a{i:02d}", f"Story {i}", f"Text {i}.", published=f"20{10 + i % 9}-0{1 + i % 9}-01",
                     authors=["Dewey Sim"] if i % 3 == 0 else ["Kim Lee"]) for i in range(30)])
    sql, params = store.person_filter("Dewey Sim", author_only=True)
    assert sql.startswith("+") == prolific
    plan = " ".join(str(row) for row in store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT articles.rowid FROM articles WHERE {sql} "
        f"ORDER BY {store_module._ORDER['newest']} LIMIT 5", params))
    assert ("idx_articles_newest" in plan and "TEMP B-TREE FOR ORDER BY" not in plan) == prolific
    expected = sorted((f"20{10 + i % 9}-0{1 + i % 9}-01", f"a{i:02d}") for i in range(0, 30, 3))[::-1]
    pages = [hit["id"] for offset in (0, 4, 8) for hit in search(store, 'author:"Dewey Sim"', limit=4, offset=offset)]
    assert pages == [article_id for _, article_id in expected]


def test_datasette_finds_the_fts_table(people):
    """Datasette's own detection query (datasette.utils.detect_fts) and its _search query."""
    [(fts,)] = people.db.execute(
        """SELECT name FROM sqlite_master WHERE rootpage = 0 AND (
             sql LIKE '%VIRTUAL TABLE%USING FTS%content=[articles]%'
             OR sql LIKE '%VIRTUAL TABLE%USING FTS%content="articles"%'
             OR (tbl_name = 'articles' AND sql LIKE '%VIRTUAL TABLE%USING FTS%'))""").fetchall()
    assert fts == "articles_fts"
    found = people.db.execute(
        "SELECT id FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts "
        "WHERE articles_fts MATCH :search) ORDER BY id", {"search": '"angstrom"'}).fetchall()
    assert found == [("p2",)]


def test_field_filter_with_more_names_than_fit_in_a_list(store, monkeypatch):
    import newsarchive.store as store_module

    store.save_articles([make_article(f"n{i}", f"H{i}", f"Body {i}.", list=f"Salon {i}")
                         for i in range(5)] + [make_article("other", "H", "B.", list="Other")])
    listed = rows(store, store.field_filter("list", "salon"))
    monkeypatch.setattr(store_module, "MAX_IN_NAMES", 2)
    sql, _ = store.field_filter("list", "salon")
    assert " IN (" not in sql
    assert rows(store, (sql, _)) == listed == {f"n{i}" for i in range(5)}


def test_a_database_from_before_the_search_indexes_gains_them(db_path):
    from newsarchive.store import MIGRATIONS, SCHEMA_VERSION

    store = Store(db_path)
    store.save_articles([make_article("old", "Old", "An old article.", list="Salon")])
    step = MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__ == "_migration_search_indexes"))
    for index in ("idx_articles_publication", "idx_articles_list", "idx_articles_oldest",
                  "idx_articles_newest"):
        store.db.execute(f"DROP INDEX {index}")
    store.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(step)])
    store.db.conn.commit()
    store.close()
    reopened = Store(db_path)
    names = {index.name for index in reopened.db["articles"].indexes}
    assert {"idx_articles_list", "idx_articles_oldest", "idx_articles_newest"} <= names
    assert reopened._schema_version() == SCHEMA_VERSION
    assert [a["id"] for a in reopened.select_articles(reopened.field_filter("list", "salon"))] == ["old"]
    reopened.close()
