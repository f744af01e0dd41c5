"""The SQLite store against real temporary databases."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SAMPLE, extract_file

from newsarchive.store import Store, StoreError


def test_save_counts_added_unchanged_updated(store):
    [article] = extract_file(SAMPLE)
    assert store.save_articles([article]).added == 1
    assert store.save_articles([article]).unchanged == 1
    changed = dict(article, dek="A new dek")
    counts = store.save_articles([changed])
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 0)
    assert store.get_article(article["id"])["dek"] == "A new dek"
    assert store.count_articles() == 1


def test_round_trip_keeps_the_export_object(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    assert store.get_article(article["id"]) == article


def test_fts_follows_updates(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    assert store.search('"Rubio"')
    store.save_articles([dict(article, headline="Quokka summit", body="Nothing else here.",
                              dek=None, authors=[])])
    assert store.search('"Rubio"') == []
    [hit] = store.search('"quokka"')
    assert hit["id"] == article["id"]


def test_a_failed_batch_leaves_nothing_behind(store):
    [article] = extract_file(SAMPLE)
    bad = dict(article, id=None)  # violates NOT NULL part-way through the batch
    other = dict(article, id="0" * 16, headline="Another")
    with pytest.raises(sqlite3.IntegrityError):
        store.save_articles([other, bad])
    assert store.count_articles() == 0


def test_fts_table_follows_sqlite_utils_conventions(store):
    assert store.db["articles"].detect_fts() == "articles_fts"
    sql = store.db["articles_fts"].schema
    assert "content=\"articles\"" in sql or "content=[articles]" in sql


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just some notes\n" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(path)


def test_journal_mode_is_wal(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
